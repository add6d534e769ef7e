/**
 * The one place that says what each role may do. Pages and actions ask `can(user, permission)`;
 * team-scoped questions also pass the teams the user manages (see `canSeeTeam`).
 */
export const ROLES = ['learner', 'trainer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Take lessons, quizzes and role-plays; keep a private journal. Everyone signed in. */
  'learn',
  /** See draft modules and lessons. */
  'content:preview',
  /** Read aggregate analytics about content (never named individuals). */
  'content:analytics',
  /** See progress of people in teams one manages, and assign modules to them. */
  'team:manage',
  /** See and assign across the whole organisation. */
  'org:manage',
  /** Invite, import, change role or team, deactivate people. */
  'people:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  learner: ['learn'],
  trainer: ['learn', 'content:preview', 'content:analytics'],
  manager: ['learn', 'team:manage'],
  admin: ['learn', 'content:preview', 'content:analytics', 'team:manage', 'org:manage', 'people:manage'],
};

export interface Actor {
  role: Role;
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return !!actor && GRANTS[actor.role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/** Admins see every team; managers only the ones they manage; nobody else any. */
export function canSeeTeam(actor: Actor | null | undefined, teamId: string, managedTeamIds: readonly string[]): boolean {
  if (can(actor, 'org:manage')) return true;
  return can(actor, 'team:manage') && managedTeamIds.includes(teamId);
}

export const ROLE_LABELS: Record<Role, string> = {
  learner: 'Learner',
  trainer: 'Trainer',
  manager: 'Manager',
  admin: 'Admin',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
