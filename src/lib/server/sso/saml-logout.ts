/**
 * SAML single logout, both ways. Ours first: signing out of Rapport ends our session, then sends the
 * browser to the IdP with a LogoutRequest naming the person's NameID and SessionIndex. The IdP's: a
 * signed LogoutRequest ends every Rapport session opened through that IdP session, and the browser goes
 * back with a LogoutResponse. An unsigned LogoutRequest is refused (anyone could forge one).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Profile } from '@node-saml/node-saml';
import type { Db } from '../db/db.ts';
import { samlSessions, sessions } from '../db/schema.ts';
import type { SamlProvider, SsoProvider } from '../../sso/providers.ts';
import { samlClient, type SamlSessionFacts } from './saml.ts';

export async function recordSamlSession(db: Db, sessionId: string, providerId: string, facts: SamlSessionFacts) {
  await db.insert(samlSessions).values({ sessionId, providerId, ...facts });
}

/**
 * The IdP's logout URL for a session opened by SAML at a provider that has single logout; null for any
 * other session. Read before the session is deleted (the row goes with it).
 */
export async function samlLogoutUrl(
  db: Db,
  sessionId: string,
  findProvider: (id: string) => SsoProvider | undefined,
  origin: string,
): Promise<string | null> {
  const [row] = await db.select().from(samlSessions).where(eq(samlSessions.sessionId, sessionId));
  const provider = row && findProvider(row.providerId);
  if (!row || provider?.protocol !== 'saml' || !provider.logoutUrl) return null;
  const profile = {
    issuer: provider.idpEntityId,
    nameID: row.nameId,
    nameIDFormat: row.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    sessionIndex: row.sessionIndex ?? undefined,
  } as Profile;
  try {
    return await samlClient(db, provider, origin).getLogoutUrlAsync(profile, '', {});
  } catch (error) {
    // Our session ends whatever happens; the IdP's may outlive it, which the person can end there.
    console.warn(`Single logout with ${provider.id}: no IdP logout (${(error as Error).message})`);
    return null;
  }
}

/** A message the IdP sent to the logout URL, by either binding. */
export type SloMessage =
  { binding: 'redirect'; query: Record<string, string>; rawQuery: string } | { binding: 'post'; form: Record<string, string> };

export type SloResult =
  /** The IdP asked: `ended` sessions are over; send the browser to `responseUrl`. */
  | { kind: 'request'; ended: number; responseUrl: string }
  /** The IdP answered our LogoutRequest. */
  | { kind: 'response' }
  | { kind: 'refused'; reason: string };

export async function handleSlo(db: Db, provider: SamlProvider, origin: string, message: SloMessage): Promise<SloResult> {
  const client = samlClient(db, provider, origin);
  const fields = message.binding === 'redirect' ? message.query : message.form;
  // The IdP's answer to our LogoutRequest: our session ended before we sent it, and the answer only
  // sends the browser to the sign-in page, so there is nothing to trust it with (some IdPs do not sign it).
  if (!fields.SAMLRequest) return { kind: 'response' };
  try {
    if (message.binding === 'redirect' && !fields.Signature) return { kind: 'refused', reason: 'unsigned logout request' };
    const { profile } =
      message.binding === 'redirect'
        ? await client.validateRedirectAsync(message.query, message.rawQuery)
        : await client.validatePostRequestAsync({ SAMLRequest: fields.SAMLRequest });
    if (!profile) return { kind: 'refused', reason: 'logout request names nobody' };
    const ended = await endSessions(db, provider.id, profile.nameID, profile.sessionIndex);
    const responseUrl = await client.getLogoutResponseUrlAsync(profile, fields.RelayState ?? '', {}, true);
    return { kind: 'request', ended, responseUrl };
  } catch (error) {
    return { kind: 'refused', reason: String((error as Error).message ?? error).slice(0, 300) };
  }
}

/** Ends our sessions opened through the named IdP session (all of the NameID's when no SessionIndex is given). */
async function endSessions(db: Db, providerId: string, nameId: string, sessionIndex: string | undefined): Promise<number> {
  const match = [eq(samlSessions.providerId, providerId), eq(samlSessions.nameId, nameId)];
  if (sessionIndex) match.push(eq(samlSessions.sessionIndex, sessionIndex));
  const rows = await db
    .select({ id: samlSessions.sessionId })
    .from(samlSessions)
    .where(and(...match));
  if (rows.length === 0) return 0;
  await db.delete(sessions).where(
    inArray(
      sessions.id,
      rows.map((r) => r.id),
    ),
  );
  return rows.length;
}
