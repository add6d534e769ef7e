/**
 * The one place that says what each role may do. Pages and actions ask `can(user, permission)`;
 * team-scoped questions also pass the teams the user manages (see `canSeeTeam`).
 *
 * A person has one stored role (learner, trainer or admin) and is a manager by managing a team, so a
 * trainer who manages a team holds both (docs/decisions/013-roles-and-team-managers.md).
 */
export const ROLES = ['learner', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Take lessons, quizzes and role-plays; keep a private journal. Everyone signed in. */
  'learn',
  /** See draft modules and lessons. */
  'content:preview',
  /** Read aggregate analytics about content (never named individuals). */
  'content:analytics',
  /** Write drafts of modules, lessons, quizzes and role-plays in the studio (docs/decisions/022-authoring-studio.md). */
  'content:author',
  /** Preview and publish the studio's drafts, see the history of publishes, revert one (decision 022). */
  'content:publish',
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
  trainer: ['learn', 'content:preview', 'content:analytics', 'content:author', 'content:publish'],
  admin: [
    'learn',
    'content:preview',
    'content:analytics',
    'content:author',
    'content:publish',
    'team:manage',
    'org:manage',
    'people:manage',
  ],
};

/** What managing at least one team adds to any role. */
const MANAGER_GRANTS: readonly Permission[] = ['team:manage'];

export interface Actor {
  role: Role;
  /** True when the person manages at least one team (a row in team_managers). */
  manages?: boolean;
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return !!actor && permissionsOf(actor).includes(permission);
}

export function permissionsOf(actor: Actor): readonly Permission[] {
  // An unknown stored role (such as the retired 'manager') grants what a learner has, never a crash.
  const base = GRANTS[actor.role] ?? GRANTS.learner;
  return actor.manages ? [...new Set([...base, ...MANAGER_GRANTS])] : base;
}

/**
 * A key that is the same for two people exactly when they have the same permissions and labels: what
 * per-role caches (lesson shells) must key on, since the page frame shows both.
 */
export function accessKey(actor: Actor): string {
  return actor.manages ? `${actor.role}+manager` : actor.role;
}

/** Admins see every team; managers only the ones they manage; nobody else any. */
export function canSeeTeam(actor: Actor | null | undefined, teamId: string, managedTeamIds: readonly string[]): boolean {
  if (can(actor, 'org:manage')) return true;
  return can(actor, 'team:manage') && managedTeamIds.includes(teamId);
}

export const ROLE_LABELS: Record<Role, string> = {
  learner: 'Learner',
  trainer: 'Trainer',
  admin: 'Admin',
};

/** How a person's access reads in the header and on their account: "Trainer, Manager". */
export function roleLabel(actor: Actor): string {
  const base = ROLE_LABELS[actor.role] ?? ROLE_LABELS.learner;
  // A learner who manages is simply a manager; anyone else keeps their role and adds it.
  if (!actor.manages) return base;
  return actor.role === 'learner' ? 'Manager' : `${base}, Manager`;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A stored role as the code knows it: rows written before decision 013 may still say 'manager'. */
export function storedRole(value: unknown): Role {
  return isRole(value) ? value : 'learner';
}
