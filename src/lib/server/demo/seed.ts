/**
 * The demo organisation created on first start with an empty database: an admin, a trainer and
 * two managers, each manager with a team of eight learners. All share one demo password.
 */
import type { Db } from '../db/db.ts';
import { hashPassword } from '../auth/password.ts';
import { users, type Role } from '../db/schema.ts';
import { roleLabel } from '../../auth/permissions.ts';
import { addManager, ensureTeam } from '../people/teams.ts';
import { countUsers } from '../people/users.ts';
import { randomId } from '../auth/token.ts';

export const DEMO_PASSWORD = 'serve-with-empathy';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  /** The team the person belongs to. */
  team?: string;
  /** The team the person manages: that, not a role, makes a manager (decision 013). */
  manages?: string;
}

const TEAMS = {
  support: 'Customer Support',
  field: 'Field Service',
};

/** The accounts worth signing in as; printed on the console and listed in the README. */
export const DEMO_SIGN_INS: DemoAccount[] = [
  { email: 'admin@example.com', displayName: 'Ada Okafor', role: 'admin' },
  { email: 'trainer@example.com', displayName: 'Theo Brandt', role: 'trainer' },
  { email: 'manager@example.com', displayName: 'Priya Shah', role: 'learner', manages: TEAMS.support },
  { email: 'manager2@example.com', displayName: 'Tomás Rivera', role: 'learner', manages: TEAMS.field },
  { email: 'learner@example.com', displayName: 'Lena Fischer', role: 'learner', team: TEAMS.support },
];

const MORE_LEARNERS: [string, string][] = [
  ['Marcus Bell', TEAMS.support],
  ['Aiko Tanaka', TEAMS.support],
  ['Samir Haddad', TEAMS.support],
  ['Grace Mensah', TEAMS.support],
  ['Jonas Weber', TEAMS.support],
  ['Chloé Martin', TEAMS.support],
  ['Ravi Iyer', TEAMS.support],
  ['Nadia Kowalski', TEAMS.field],
  ['Owen Gallagher', TEAMS.field],
  ['Fatima Zahra', TEAMS.field],
  ['Lucas Pereira', TEAMS.field],
  ['Hannah Lindqvist', TEAMS.field],
  ['Dev Patel', TEAMS.field],
  ['Isabel Cruz', TEAMS.field],
  ['Kwame Asante', TEAMS.field],
];

function emailFor(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return `${ascii.replace(/[^a-z]+/g, '.')}@example.com`;
}

export function demoAccounts(): DemoAccount[] {
  return [
    ...DEMO_SIGN_INS,
    ...MORE_LEARNERS.map(([displayName, team]) => ({
      email: emailFor(displayName),
      displayName,
      role: 'learner' as const,
      team,
    })),
  ];
}

/** Seeds the demo organisation unless the database already has people. Returns whether it seeded. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const teamIds = new Map<string, string>();
  for (const name of Object.values(TEAMS)) teamIds.set(name, (await ensureTeam(db, name)).id);
  const accounts = demoAccounts();
  const rows = accounts.map((a) => ({
    id: randomId(),
    email: a.email,
    displayName: a.displayName,
    role: a.role,
    teamId: a.team ? (teamIds.get(a.team) ?? null) : null,
    passwordHash,
  }));
  await db.insert(users).values(rows);
  for (const [i, account] of accounts.entries()) {
    if (account.manages) await addManager(db, teamIds.get(account.manages)!, rows[i]!.id);
  }
  return true;
}

export function describeDemoSignIns(): string {
  const width = Math.max(...DEMO_SIGN_INS.map((a) => a.email.length));
  const lines = DEMO_SIGN_INS.map((a) => {
    const label = roleLabel({ role: a.role, manages: !!a.manages }).toLowerCase();
    const team = a.manages ?? a.team;
    return `  ${label.padEnd(8)} ${a.email.padEnd(width)}  ${a.displayName}${team ? ` (${team})` : ''}`;
  });
  return `Demo organisation created. Sign in with any of these (password: ${DEMO_PASSWORD}):\n${lines.join('\n')}`;
}
