/**
 * Who a provider's sign-in is for, decided from the validated ID token claims and what the database
 * already knows (docs/decisions/018-single-sign-on.md). Pure, so that every rule is unit-tested.
 */
import { ROLES, type Role } from '../auth/permissions.ts';
import type { GroupMapping, SsoProvider } from './providers.ts';

/** The claims of a validated ID token that matter here. */
export interface IdentityClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  [claim: string]: unknown;
}

export interface KnownUser {
  id: string;
  email: string;
  active: boolean;
}

export type Refusal = 'no-email' | 'unverified-email' | 'domain' | 'inactive';

export type AccountDecision =
  /** An account already linked to this provider's subject, or linked now by verified email. */
  | { kind: 'existing'; userId: string; link: boolean }
  /** No account: create one just in time (the email's domain is allowed). */
  | { kind: 'create'; email: string; displayName: string }
  | { kind: 'refuse'; reason: Refusal; email: string | null };

/** `someone@Example.COM ` -> `someone@example.com`; null when it is no email address. */
export function emailOf(claims: IdentityClaims): string | null {
  if (typeof claims.email !== 'string') return null;
  const email = claims.email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/**
 * `linked`: the account already tied to (provider, sub); `byEmail`: the account with the token's email.
 * An email links or creates only when the provider says it is verified, because anyone can type an
 * address into some providers' profiles, and linking on it would hand them that account.
 */
export function decideAccount(
  provider: Pick<SsoProvider, 'allowedDomains' | 'emailVerifiedClaim'>,
  claims: IdentityClaims,
  linked: KnownUser | undefined,
  byEmail: KnownUser | undefined,
): AccountDecision {
  const email = emailOf(claims);
  if (linked) return linked.active ? { kind: 'existing', userId: linked.id, link: false } : refuse('inactive', email);
  if (!email) return refuse('no-email', null);
  if (claims[provider.emailVerifiedClaim] !== true) return refuse('unverified-email', email);
  if (byEmail) return byEmail.active ? { kind: 'existing', userId: byEmail.id, link: true } : refuse('inactive', email);
  const domain = email.split('@')[1]!;
  if (!provider.allowedDomains.includes(domain)) return refuse('domain', email);
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email.split('@')[0]!;
  return { kind: 'create', email, displayName: name.slice(0, 100) };
}

function refuse(reason: Refusal, email: string | null): AccountDecision {
  return { kind: 'refuse', reason, email };
}

/** What the person is told when a sign-in is refused: what happened and whom to ask. */
export function refusalMessage(reason: Refusal, providerLabel: string, email: string | null): string {
  switch (reason) {
    case 'no-email':
      return `${providerLabel} did not tell Rapport your email address, so we cannot find your account. Ask your IT team to release the email claim to Rapport.`;
    case 'unverified-email':
      return `${providerLabel} has not verified the address ${email}. Verify it there, or ask your IT team to, then sign in again.`;
    case 'domain':
      return `There is no Rapport account for ${email}, and accounts for ${email?.split('@')[1]} are not created on first sign-in. Ask your Rapport admin to invite you.`;
    case 'inactive':
      return `The Rapport account for ${email ?? 'this sign-in'} is deactivated. Ask your Rapport admin if you should still have access.`;
  }
}

const RANK: Record<Role, number> = Object.fromEntries(ROLES.map((role, i) => [role, i])) as Record<Role, number>;

export interface MappedAccess {
  /** The role the groups give, and the group that gave it; null when no group maps to a role. */
  role: { value: Role; group: string } | null;
  /** The team name the groups give, and the group that gave it. */
  team: { value: string; group: string } | null;
}

/** The groups claim as a list of strings (a single string counts as one group; anything else as none). */
export function groupsOf(claims: IdentityClaims, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

/** Applies a mapping to a person's groups: the strongest mapped role, the first mapped team in the file's order. */
export function mapGroups(mapping: GroupMapping, groups: string[]): MappedAccess {
  const member = new Set(groups);
  let role: MappedAccess['role'] = null;
  for (const [group, value] of Object.entries(mapping.roles)) {
    if (member.has(group) && (!role || RANK[value] > RANK[role.value])) role = { value, group };
  }
  const teamGroup = Object.keys(mapping.teams).find((group) => member.has(group));
  return { role, team: teamGroup ? { value: mapping.teams[teamGroup]!, group: teamGroup } : null };
}
