/** Teams and who manages them. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { teamManagers, teams, users } from '../db/schema.ts';
import { randomId } from '../auth/token.ts';

export interface Team {
  id: string;
  name: string;
}

export async function listTeams(db: Db): Promise<Team[]> {
  return db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name));
}

export async function findTeamByName(db: Db, name: string): Promise<Team | undefined> {
  const [row] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.name, name.trim()));
  return row;
}

/** Returns the team with this name, creating it if needed. */
export async function ensureTeam(db: Db, name: string): Promise<Team> {
  const trimmed = name.trim();
  await db.insert(teams).values({ id: randomId(), name: trimmed }).onConflictDoNothing();
  const team = await findTeamByName(db, trimmed);
  if (!team) throw new Error(`team ${trimmed} vanished after insert`);
  return team;
}

export async function addManager(db: Db, teamId: string, userId: string): Promise<void> {
  await db.insert(teamManagers).values({ teamId, userId }).onConflictDoNothing();
}

export async function managedTeamIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ teamId: teamManagers.teamId }).from(teamManagers).where(eq(teamManagers.userId, userId));
  return rows.map((r) => r.teamId);
}

export async function teamsWithMembers(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  const rows = await db
    .select({
      team: { id: teams.id, name: teams.name },
      member: { id: users.id, displayName: users.displayName, email: users.email, active: users.active },
    })
    .from(teams)
    .leftJoin(users, eq(users.teamId, teams.id))
    .where(inArray(teams.id, teamIds))
    .orderBy(asc(teams.name), asc(users.displayName));
  const byTeam = new Map<string, { id: string; name: string; members: NonNullable<(typeof rows)[number]['member']>[] }>();
  for (const row of rows) {
    const entry = byTeam.get(row.team.id) ?? { ...row.team, members: [] };
    if (row.member) entry.members.push(row.member);
    byTeam.set(row.team.id, entry);
  }
  return [...byTeam.values()];
}
