/**
 * Admins' changes to teams: create, rename, merge, delete, and who manages each. Every function assumes
 * the caller holds `people:manage` (the teams and people pages check it first). What happens to members,
 * managers and assignments is decided here, once, and described by `teamImpact` before anything changes.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { assignments, teamManagers, teams, users } from '../db/schema.ts';
import { randomId } from '../auth/token.ts';
import { cleanTeamName, sameTeamName, teamNameProblem } from '../../people/team-names.ts';
import { listTeams, type Team } from './teams.ts';

export type TeamResult = { ok: true; team: Team } | { ok: false; message: string };

/** A problem with `name` as the name of a team (other than `exceptId`), or null. */
async function nameProblem(db: Db, name: string, exceptId?: string): Promise<string | null> {
  const problem = teamNameProblem(name);
  if (problem) return problem;
  const clash = (await listTeams(db)).find((t) => t.id !== exceptId && sameTeamName(t.name, name));
  return clash ? `There is already a team called “${clash.name}”. Pick another name, or merge into that team.` : null;
}

export async function createTeam(db: Db, name: string): Promise<TeamResult> {
  const problem = await nameProblem(db, name);
  if (problem) return { ok: false, message: problem };
  const team = { id: randomId(), name: cleanTeamName(name) };
  await db.insert(teams).values(team);
  return { ok: true, team };
}

export async function renameTeam(db: Db, teamId: string, name: string): Promise<TeamResult> {
  const problem = await nameProblem(db, name, teamId);
  if (problem) return { ok: false, message: problem };
  const team = { id: teamId, name: cleanTeamName(name) };
  await db.update(teams).set({ name: team.name }).where(eq(teams.id, teamId));
  return { ok: true, team };
}

export interface TeamImpact {
  members: number;
  managers: number;
  /** Assignments made through this team (each stays with its person whatever happens to the team). */
  assignments: number;
}

/** What merging or deleting the team would touch, for the confirmation the admin sees first. */
export async function teamImpact(db: Db, teamId: string): Promise<TeamImpact> {
  const count = sql<number>`count(*)`.mapWith(Number);
  const [[m], [g], [a]] = await Promise.all([
    db.select({ n: count }).from(users).where(eq(users.teamId, teamId)),
    db.select({ n: count }).from(teamManagers).where(eq(teamManagers.teamId, teamId)),
    db.select({ n: count }).from(assignments).where(eq(assignments.teamId, teamId)),
  ]);
  return { members: m?.n ?? 0, managers: g?.n ?? 0, assignments: a?.n ?? 0 };
}

/**
 * Moves everything of `fromId` into `intoId` and deletes `fromId`, in one transaction: its members join
 * the other team, its managers manage the other team, its assignments count as made through it.
 */
export async function mergeTeams(db: Db, fromId: string, intoId: string): Promise<void> {
  if (fromId === intoId) throw new Error('cannot merge a team into itself');
  await db.batch([
    db.update(users).set({ teamId: intoId, updatedAt: new Date() }).where(eq(users.teamId, fromId)),
    db.run(
      sql`insert or ignore into team_managers (team_id, user_id) select ${intoId}, user_id from team_managers where team_id = ${fromId}`,
    ),
    db.update(assignments).set({ teamId: intoId }).where(eq(assignments.teamId, fromId)),
    db.delete(teamManagers).where(eq(teamManagers.teamId, fromId)),
    db.delete(teams).where(eq(teams.id, fromId)),
  ]);
}

/**
 * Deletes a team: its members stay, with no team; its managers stop managing it; its assignments stay
 * with each person (they were always per person) but no longer name the team.
 */
export async function deleteTeam(db: Db, teamId: string): Promise<void> {
  await db.batch([
    db.update(users).set({ teamId: null, updatedAt: new Date() }).where(eq(users.teamId, teamId)),
    db.delete(teamManagers).where(eq(teamManagers.teamId, teamId)),
    db.update(assignments).set({ teamId: null }).where(eq(assignments.teamId, teamId)),
    db.delete(teams).where(eq(teams.id, teamId)),
  ]);
}

export async function removeManager(db: Db, teamId: string, userId: string): Promise<void> {
  await db.delete(teamManagers).where(and(eq(teamManagers.teamId, teamId), eq(teamManagers.userId, userId)));
}

/** Who manages which team, for the people and teams pages. */
export async function managersByTeam(db: Db): Promise<{ teamId: string; userId: string; displayName: string }[]> {
  return db
    .select({ teamId: teamManagers.teamId, userId: teamManagers.userId, displayName: users.displayName })
    .from(teamManagers)
    .innerJoin(users, eq(users.id, teamManagers.userId))
    .orderBy(users.displayName);
}

export interface TeamOverview extends Team {
  members: number;
  managers: string[];
}

/** Every team with its number of members and its managers' names, for the teams page. */
export async function teamOverview(db: Db): Promise<TeamOverview[]> {
  const [all, counts, managers] = await Promise.all([
    listTeams(db),
    db
      .select({ teamId: users.teamId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(users)
      .groupBy(users.teamId),
    managersByTeam(db),
  ]);
  return all.map((t) => ({
    ...t,
    members: counts.find((c) => c.teamId === t.id)?.n ?? 0,
    managers: managers.filter((m) => m.teamId === t.id).map((m) => m.displayName),
  }));
}
