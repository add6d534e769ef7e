/**
 * The OpenID Connect relying party (openid-client 6): authorization code flow with PKCE, state and
 * nonce. What the callback must check is kept in the database (`sso_logins`), found through a
 * short-lived cookie, and deleted on first use, so a replayed callback finds nothing to complete.
 * See docs/decisions/018-single-sign-on.md.
 */
import * as oidc from 'openid-client';
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { ssoLogins, ssoSessions } from '../db/schema.ts';
import { randomId } from '../auth/token.ts';
import type { OidcProvider, SsoProvider } from '../../sso/providers.ts';
import type { IdentityClaims } from '../../sso/accounts.ts';

/** Time to sign in at the provider before the callback is refused. */
export const LOGIN_TTL_MS = 10 * 60 * 1000;

const discovered = new Map<string, Promise<oidc.Configuration>>();

/** The provider's metadata and keys, discovered from its issuer once per process (retried after a failure). */
export function providerConfiguration(provider: OidcProvider): Promise<oidc.Configuration> {
  let found = discovered.get(provider.id);
  if (!found) {
    const options = provider.allowInsecureHttp ? { execute: [oidc.allowInsecureRequests] } : undefined;
    const auth =
      provider.tokenAuthMethod === 'client_secret_post'
        ? oidc.ClientSecretPost(provider.clientSecret)
        : oidc.ClientSecretBasic(provider.clientSecret);
    found = oidc.discovery(new URL(provider.issuer), provider.clientId, undefined, auth, options);
    found.catch(() => discovered.delete(provider.id));
    discovered.set(provider.id, found);
  }
  return found;
}

/** Starts a sign-in: records the checks and returns the provider's authorization URL and the login id. */
export async function startLogin(
  db: Db,
  provider: OidcProvider,
  input: { redirectUri: string; next: string },
  now = new Date(),
): Promise<{ url: URL; loginId: string }> {
  const configuration = await providerConfiguration(provider);
  const login = {
    id: randomId(),
    providerId: provider.id,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    next: input.next,
    expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
  };
  // Abandoned sign-ins are swept here, the only place they are made.
  await db.delete(ssoLogins).where(lt(ssoLogins.expiresAt, now));
  await db.insert(ssoLogins).values(login);
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: input.redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(login.codeVerifier),
    code_challenge_method: 'S256',
    state: login.state,
    nonce: login.nonce,
  });
  return { url, loginId: login.id };
}

export type LoginResult =
  | { ok: true; claims: IdentityClaims; idToken: string | undefined; next: string }
  /** `reason` is for the log and the audit, never shown: the person is told to start again. */
  | { ok: false; reason: string };

/**
 * Completes a sign-in at the callback: takes (and deletes) the login, exchanges the code with the
 * PKCE verifier, and has openid-client check state, issuer, signature, audience, expiry and nonce.
 * `callbackUrl` is the public redirect URI with the query the provider sent.
 */
export async function finishLogin(
  db: Db,
  provider: OidcProvider,
  loginId: string | undefined,
  callbackUrl: URL,
  now = new Date(),
): Promise<LoginResult> {
  if (!loginId) return { ok: false, reason: 'no sign-in in progress in this browser' };
  const [login] = await db
    .delete(ssoLogins)
    .where(and(eq(ssoLogins.id, loginId), eq(ssoLogins.providerId, provider.id)))
    .returning();
  if (!login) return { ok: false, reason: 'sign-in already completed or unknown' };
  if (login.expiresAt.getTime() < now.getTime()) return { ok: false, reason: 'sign-in started too long ago' };
  try {
    const tokens = await oidc.authorizationCodeGrant(await providerConfiguration(provider), callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return { ok: false, reason: 'no ID token' };
    return { ok: true, claims: claims as IdentityClaims, idToken: tokens.id_token, next: login.next };
  } catch (error) {
    return { ok: false, reason: describe(error) };
  }
}

/**
 * An openid-client error in words for the audit log: its code, the provider's `error` if it sent one,
 * and the causes' messages (the outer message alone is generic, e.g. "invalid response encountered").
 */
/**
 * Where to send the browser after our session ends, when it was opened by a provider that offers
 * RP-initiated logout: its end-session URL, which ends the provider's session and comes back to
 * `returnTo` (registered at the provider as a post-logout redirect URI). Null: nothing more to do.
 * Read before the session is deleted (the row goes with it).
 */
export async function providerLogoutUrl(
  db: Db,
  sessionId: string,
  findProvider: (id: string) => SsoProvider | undefined,
  returnTo: string,
): Promise<URL | null> {
  const [row] = await db.select().from(ssoSessions).where(eq(ssoSessions.sessionId, sessionId));
  const provider = row && findProvider(row.providerId);
  if (!row || provider?.protocol !== 'oidc') return null;
  try {
    const configuration = await providerConfiguration(provider);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, { id_token_hint: row.idToken, post_logout_redirect_uri: returnTo });
  } catch (error) {
    // Our session ends whatever happens; the provider's may outlive it, which the person can end there.
    console.warn(`Single sign-on with ${provider.id}: no provider logout (${(error as Error).message})`);
    return null;
  }
}

type Cause = { message?: string; code?: string; error?: string; claim?: string; cause?: unknown };

function describe(error: unknown, depth = 0): string {
  if (!error || typeof error !== 'object' || depth > 3) return '';
  const e = error as Cause;
  const here = [e.code, e.error, e.claim && `claim ${e.claim}`, e.message].filter(Boolean).join(' ');
  const deeper = describe(e.cause, depth + 1);
  return (deeper ? `${here} <- ${deeper}` : here).slice(0, 500);
}
