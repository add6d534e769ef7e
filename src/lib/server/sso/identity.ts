/**
 * What a validated provider sign-in (OpenID Connect or SAML, one path for both) does to our records: find, link or create the account
 * (src/lib/sso/accounts.ts decides), re-apply the group mapping, write the audit log, and open one
 * of our own sessions (src/lib/server/auth/session.ts), exactly as a password sign-in does.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { identityEvents, ssoSessions, userIdentities, users } from '../db/schema.ts';
import { createSession } from '../auth/session.ts';
import { randomId } from '../auth/token.ts';
import { createUser, findUserByEmail, findUserById } from '../people/users.ts';
import { ensureTeam } from '../people/teams.ts';
import { decideAccount, emailOf, groupsOf, mapGroups, type IdentityClaims, type Refusal } from '../../sso/accounts.ts';
import type { GroupMapping, SsoProvider } from '../../sso/providers.ts';

/**
 * `role`, `team`, `deactivate` and `reactivate` come from the group mapping, an admin or SCIM (the detail
 * says which); `update` and the `token-*` kinds are SCIM's (docs/scim.md).
 */
export type IdentityEventKind =
  | 'sign-in'
  | 'link'
  | 'create'
  | 'role'
  | 'team'
  | 'refuse'
  | 'deactivate'
  | 'reactivate'
  | 'update'
  | 'token-create'
  | 'token-revoke'
  | 'token-use';

export async function recordEvent(
  db: Db,
  event: { kind: IdentityEventKind; userId: string | null; providerId: string | null; email: string | null; detail?: string },
  now = new Date(),
): Promise<void> {
  await db.insert(identityEvents).values({ id: randomId(), at: now, detail: '', ...event });
}

export type IdentitySignIn =
  { ok: true; token: string; userId: string; sessionId: string } | { ok: false; reason: Refusal; email: string | null };

export async function signInWithIdentity(
  db: Db,
  provider: SsoProvider,
  claims: IdentityClaims,
  /** An OIDC ID token, kept with the session for signing out at the provider too (SAML keeps its own, see saml-logout.ts). */
  idToken: string | undefined,
  now = new Date(),
): Promise<IdentitySignIn> {
  const [linked] = await db
    .select({ id: users.id, email: users.email, active: users.active })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.providerId, provider.id), eq(userIdentities.subject, claims.sub)));
  const email = emailOf(claims);
  const byEmail = email ? await findUserByEmail(db, email) : undefined;
  const decision = decideAccount(provider, claims, linked, byEmail);
  const base = { providerId: provider.id, email };
  if (decision.kind === 'refuse') {
    await recordEvent(db, { ...base, kind: 'refuse', userId: linked?.id ?? byEmail?.id ?? null, detail: decision.reason }, now);
    return { ok: false, reason: decision.reason, email: decision.email };
  }
  let userId: string;
  if (decision.kind === 'create') {
    const user = await createUser(db, { email: decision.email, displayName: decision.displayName, role: 'learner' });
    userId = user.id;
    await recordEvent(db, { ...base, kind: 'create', userId, detail: 'account created at first sign-in (allowed domain)' }, now);
  } else userId = decision.userId;
  if (decision.kind === 'create' || decision.link) {
    await db
      .insert(userIdentities)
      .values({ providerId: provider.id, subject: claims.sub, userId, createdAt: now, lastSignInAt: now })
      // Two first sign-ins of one person at once (two tabs) both link; the second finds it done.
      .onConflictDoNothing();
    if (decision.kind !== 'create')
      await recordEvent(db, { ...base, kind: 'link', userId, detail: 'linked by verified email' }, now);
  } else {
    await db
      .update(userIdentities)
      .set({ lastSignInAt: now })
      .where(and(eq(userIdentities.providerId, provider.id), eq(userIdentities.subject, claims.sub)));
  }
  if (provider.groups) await applyMapping(db, provider, provider.groups, userId, claims, now);
  await recordEvent(db, { ...base, kind: 'sign-in', userId }, now);
  const session = await createSession(db, userId, now);
  if (idToken) await db.insert(ssoSessions).values({ sessionId: session.id, providerId: provider.id, idToken });
  return { ok: true, token: session.token, userId, sessionId: session.id };
}

/**
 * Re-applies the group mapping at every sign-in, so a change at the provider reaches Rapport at the
 * next sign-in. With roles mapped, someone in no mapped group is a learner (leaving the admins' group
 * takes admin away); with teams mapped, someone in no mapped group keeps the team an admin gave them.
 */
async function applyMapping(
  db: Db,
  provider: SsoProvider,
  mapping: GroupMapping,
  userId: string,
  claims: IdentityClaims,
  now: Date,
) {
  const user = await findUserById(db, userId);
  if (!user) return;
  const mapped = mapGroups(mapping, groupsOf(claims, mapping.claim));
  const base = { providerId: provider.id, email: user.email, userId };
  if (Object.keys(mapping.roles).length > 0) {
    const role = mapped.role?.value ?? 'learner';
    if (role !== user.role) {
      await db.update(users).set({ role, updatedAt: now }).where(eq(users.id, userId));
      const why = mapped.role ? `group ${mapped.role.group}` : 'no mapped group';
      await recordEvent(db, { ...base, kind: 'role', detail: `${user.role} -> ${role} (${why})` }, now);
    }
  }
  if (mapped.team) {
    const team = await ensureTeam(db, mapped.team.value);
    if (team.id !== user.teamId) {
      await db.update(users).set({ teamId: team.id, updatedAt: now }).where(eq(users.id, userId));
      await recordEvent(db, { ...base, kind: 'team', detail: `-> ${team.name} (group ${mapped.team.group})` }, now);
    }
  }
}
