/**
 * How each configured provider is doing, for the admin page (/admin/identity): its last successful
 * sign-in and last refusal from the audit log, and a connection test on demand.
 */
import { and, desc, eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Db } from '../db/db.ts';
import { identityEvents, users } from '../db/schema.ts';
import type { OidcProvider, SamlProvider, SsoProvider } from '../../sso/providers.ts';
import { certificateFacts, describeCertificate } from '../../sso/certificates.ts';

export interface ProviderActivity {
  lastSignIn: { at: Date; name: string | null } | null;
  lastError: { at: Date; detail: string } | null;
}

async function latest(db: Db, providerId: string, kind: 'sign-in' | 'refuse') {
  const [row] = await db
    .select({ at: identityEvents.at, detail: identityEvents.detail, name: users.displayName })
    .from(identityEvents)
    .leftJoin(users, eq(users.id, identityEvents.userId))
    .where(and(eq(identityEvents.providerId, providerId), eq(identityEvents.kind, kind)))
    .orderBy(desc(identityEvents.at), desc(identityEvents.id))
    .limit(1);
  return row;
}

export async function providerActivity(db: Db, providerId: string): Promise<ProviderActivity> {
  const [signIn, refusal] = await Promise.all([latest(db, providerId, 'sign-in'), latest(db, providerId, 'refuse')]);
  return {
    lastSignIn: signIn ? { at: signIn.at, name: signIn.name } : null,
    lastError: refusal ? { at: refusal.at, detail: refusal.detail } : null,
  };
}

/** `working`: the last sign-in is newer than the last refusal; `failing`: the other way round. */
export function providerState(activity: ProviderActivity): 'working' | 'failing' | 'unused' {
  const { lastSignIn, lastError } = activity;
  if (!lastSignIn && !lastError) return 'unused';
  if (!lastError) return 'working';
  return lastSignIn && lastSignIn.at >= lastError.at ? 'working' : 'failing';
}

export interface ConnectionTest {
  ok: boolean;
  lines: string[];
}

const TIMEOUT_MS = 5000;

/** OIDC: a fresh discovery (the sign-in path caches it per process), and what it found. */
async function testOidc(provider: OidcProvider): Promise<ConnectionTest> {
  try {
    const options = provider.allowInsecureHttp
      ? { execute: [oidc.allowInsecureRequests], timeout: TIMEOUT_MS / 1000 }
      : { timeout: TIMEOUT_MS / 1000 };
    const found = await oidc.discovery(new URL(provider.issuer), provider.clientId, undefined, undefined, options);
    const meta = found.serverMetadata();
    return {
      ok: true,
      lines: [
        `Discovery at ${provider.issuer}/.well-known/openid-configuration answered; issuer ${meta.issuer}.`,
        `Authorization endpoint ${meta.authorization_endpoint ?? 'missing'}; token endpoint ${meta.token_endpoint ?? 'missing'}.`,
        meta.end_session_endpoint
          ? 'Single logout: offered.'
          : 'Single logout: not offered (signing out ends the Rapport session only).',
      ],
    };
  } catch (error) {
    return { ok: false, lines: [`Discovery at ${provider.issuer} failed: ${(error as Error).message}. Check the issuer URL.`] };
  }
}

/** SAML: every signing certificate's validity, then whether the IdP's sign-in URL answers at all. */
async function testSaml(provider: SamlProvider, now: Date): Promise<ConnectionTest> {
  const certificates = provider.idpCertificates.map((c) => certificateFacts(c, now));
  const lines = certificates.map(describeCertificate);
  let ok = certificates.some((c) => c.state === 'ok' || c.state === 'expiring');
  try {
    const res = await fetch(provider.entryPoint, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.body?.cancel();
    const up = res.status < 500;
    ok &&= up;
    lines.push(`The IdP's sign-in URL ${provider.entryPoint} answered ${res.status}${up ? '' : ': the IdP has a problem'}.`);
  } catch (error) {
    ok = false;
    lines.push(`The IdP's sign-in URL ${provider.entryPoint} cannot be reached (${(error as Error).message}).`);
  }
  return { ok, lines };
}

export function testConnection(provider: SsoProvider, now = new Date()): Promise<ConnectionTest> {
  return provider.protocol === 'oidc' ? testOidc(provider) : testSaml(provider, now);
}
