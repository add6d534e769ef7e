/**
 * The SAML 2.0 service provider (node-saml 5): sign-in requests, the assertion consumer, metadata and
 * single logout. node-saml checks the signature (response or assertion), issuer, audience, NotBefore /
 * NotOnOrAfter with the configured skew, and InResponseTo against the requests kept in `saml_requests`;
 * this module adds the recipient, the destination and the replay check (`saml_assertions`).
 * See docs/decisions/019-saml.md.
 */
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from '@node-saml/node-saml';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { samlAssertions, samlRequests } from '../db/schema.ts';
import { toPem } from '../../sso/saml-provider.ts';
import type { SamlProvider } from '../../sso/providers.ts';
import type { IdentityClaims } from '../../sso/accounts.ts';
import { assertionFacts, assertionProblem, responseDestination, samlClaims, TRANSIENT } from '../../sso/saml-assertion.ts';
import { LOGIN_TTL_MS } from './oidc.ts';

const PATH = '/sign-in/saml';

/** The SP's addresses for a provider, on the public origin: what the IdP admin pastes in. */
export function samlUrls(origin: string, provider: SamlProvider) {
  const base = `${origin}${PATH}/${provider.id}`;
  return {
    metadata: `${base}/metadata.xml`,
    acs: `${base}/acs`,
    slo: `${base}/slo`,
    entityId: provider.entityId ?? `${base}/metadata.xml`,
  };
}

/** The requests we sent, in the database, so that any app server can match the response (one use each). */
function requestStore(db: Db, providerId: string): CacheProvider {
  return {
    async saveAsync(key, value) {
      const now = new Date();
      await db.delete(samlRequests).where(lt(samlRequests.expiresAt, now));
      await db.insert(samlRequests).values({ id: key, providerId, expiresAt: new Date(now.getTime() + LOGIN_TTL_MS) });
      return { value, createdAt: now.getTime() };
    },
    async getAsync(key) {
      const [row] = await db
        .select()
        .from(samlRequests)
        .where(and(eq(samlRequests.id, key), eq(samlRequests.providerId, providerId), gt(samlRequests.expiresAt, new Date())));
      return row ? new Date(row.expiresAt.getTime() - LOGIN_TTL_MS).toISOString() : null;
    },
    async removeAsync(key) {
      if (!key) return null;
      const [row] = await db.delete(samlRequests).where(eq(samlRequests.id, key)).returning();
      return row ? row.id : null;
    },
  };
}

/** A node-saml client for one provider on one origin (cheap to make; nothing is cached between requests). */
export function samlClient(db: Db, provider: SamlProvider, origin: string): SAML {
  const urls = samlUrls(origin, provider);
  return new SAML({
    entryPoint: provider.entryPoint,
    issuer: urls.entityId,
    audience: urls.entityId,
    callbackUrl: urls.acs,
    logoutUrl: provider.logoutUrl ?? provider.entryPoint,
    logoutCallbackUrl: urls.slo,
    idpIssuer: provider.idpEntityId,
    idpCert: provider.idpCertificates.map(toPem),
    // A signed response or a signed assertion is enough; with neither, node-saml refuses.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: provider.clockSkewSeconds * 1000,
    validateInResponseTo: provider.allowIdpInitiated ? ValidateInResponseTo.ifPresent : ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: LOGIN_TTL_MS,
    cacheProvider: requestStore(db, provider.id),
    // Let the IdP choose the NameID format it is configured for, and how the person authenticates (MFA).
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...(provider.spPrivateKey ? { privateKey: provider.spPrivateKey, signatureAlgorithm: 'sha256' as const } : {}),
  });
}

const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/**
 * The SP metadata XML for the IdP admin to import, asking for signed assertions. node-saml lists single
 * logout by HTTP-POST only; our logout URL takes HTTP-Redirect too (what Entra ID and Google use), so it
 * is listed first.
 */
export function spMetadata(db: Db, provider: SamlProvider, origin: string): string {
  const client = samlClient(db, provider, origin);
  client.options.wantAssertionsSigned = true;
  const xml = client.generateServiceProviderMetadata(null, provider.spCertificate ? toPem(provider.spCertificate) : null);
  const slo = samlUrls(origin, provider).slo;
  return xml.replace(
    `<SingleLogoutService Binding="${POST_BINDING}" Location="${slo}"/>`,
    (post) => `<SingleLogoutService Binding="${REDIRECT_BINDING}" Location="${slo}"/>\n    ${post}`,
  );
}

/** Where to send the browser to sign in; `next` comes back as RelayState. */
export function samlLoginUrl(db: Db, provider: SamlProvider, origin: string, next: string): Promise<string> {
  return samlClient(db, provider, origin).getAuthorizeUrlAsync(next, undefined, {});
}

/** Who the IdP session is, kept with our session for single logout. */
export interface SamlSessionFacts {
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
}

export type SamlLoginResult =
  | { ok: true; claims: IdentityClaims; session: SamlSessionFacts; relayState: string | null }
  /** `reason` is for the audit and server log only. */
  | { ok: false; reason: string };

/** Validates a posted SAMLResponse and records its assertion as used. */
export async function finishSamlLogin(
  db: Db,
  provider: SamlProvider,
  origin: string,
  form: { SAMLResponse: string; RelayState: string | null },
  now = new Date(),
): Promise<SamlLoginResult> {
  const urls = samlUrls(origin, provider);
  let profile: Profile | null;
  try {
    ({ profile } = await samlClient(db, provider, origin).validatePostResponseAsync({ SAMLResponse: form.SAMLResponse }));
  } catch (error) {
    return { ok: false, reason: String((error as Error).message ?? error).slice(0, 300) };
  }
  if (!profile) return { ok: false, reason: 'no assertion in the response' };
  if (!profile.inResponseTo && !provider.allowIdpInitiated)
    return { ok: false, reason: 'unsolicited response (IdP-initiated sign-in is off)' };
  const destination = responseDestination(profile.getSamlResponseXml?.() ?? '');
  if (destination && destination !== urls.acs) return { ok: false, reason: `wrong destination: ${destination}` };
  const facts = assertionFacts(profile.getAssertion?.());
  const problem = assertionProblem(facts, urls.acs);
  if (problem) return { ok: false, reason: problem };
  if (profile.nameIDFormat === TRANSIENT)
    return { ok: false, reason: 'transient NameID: configure a persistent or email NameID at the IdP' };
  if (!(await firstUse(db, provider, facts.id!, facts.notOnOrAfter!, now)))
    return { ok: false, reason: `replayed assertion ${facts.id}` };
  return {
    ok: true,
    claims: samlClaims(profile as Profile & { attributes?: Record<string, unknown> }, provider),
    session: { nameId: profile.nameID, nameIdFormat: profile.nameIDFormat ?? null, sessionIndex: profile.sessionIndex ?? null },
    relayState: form.RelayState,
  };
}

/**
 * Records the assertion as used; false when it already was. Kept until it expires (plus the skew it
 * could still be accepted within), then swept here, the only place rows are added.
 */
async function firstUse(db: Db, provider: SamlProvider, assertionId: string, notOnOrAfter: Date, now: Date): Promise<boolean> {
  await db.delete(samlAssertions).where(lt(samlAssertions.expiresAt, now));
  const expiresAt = new Date(notOnOrAfter.getTime() + provider.clockSkewSeconds * 1000);
  const inserted = await db
    .insert(samlAssertions)
    .values({ providerId: provider.id, assertionId, expiresAt })
    .onConflictDoNothing()
    .returning();
  return inserted.length === 1;
}
