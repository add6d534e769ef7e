/**
 * Assignments: a module given to a person with a due date. The rule of who may assign to whom lives
 * here, not in the page, so that no form field can widen it: admins assign to any active person, a
 * manager only to active members of the teams they manage (checked against the database at the
 * moment of writing, whatever the form says). One row per person and module: assigning again moves
 * the due date.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { assignments, teams, users } from '../db/schema.ts';
import { listTeams, managedTeamIds, type Team } from './teams.ts';
import { randomId } from '../auth/token.ts';
import { can, type Actor } from '../../auth/permissions.ts';
import { assignmentGiven } from '../../xapi/index.ts';
import { queueQuery } from '../xapi/outbox.ts';
import { recordingSite } from '../xapi/settings.ts';

export interface Assigner extends Actor {
  id: string;
}

export interface AssignablePerson {
  id: string;
  displayName: string;
  email: string;
  teamId: string | null;
}

export interface AssignScope {
  teams: Team[];
  people: AssignablePerson[];
}

/** The teams and active people `actor` may assign to (and see the assignments of). */
export async function assignScope(db: Db, actor: Assigner): Promise<AssignScope> {
  const everyone = can(actor, 'org:manage');
  if (!everyone && !can(actor, 'team:manage')) return { teams: [], people: [] };
  const all = await listTeams(db);
  const managed = everyone ? null : new Set(await managedTeamIds(db, actor.id));
  const scopeTeams = managed ? all.filter((t) => managed.has(t.id)) : all;
  if (managed && managed.size === 0) return { teams: [], people: [] };
  const where = managed ? and(eq(users.active, true), inArray(users.teamId, [...managed])) : eq(users.active, true);
  const people = await db
    .select({ id: users.id, displayName: users.displayName, email: users.email, teamId: users.teamId })
    .from(users)
    .where(where)
    .orderBy(asc(users.displayName));
  return { teams: scopeTeams, people };
}

export interface AssignInput {
  moduleId: string;
  dueAt: Date;
  /** Whole teams: everyone active in them now. */
  teamIds: readonly string[];
  /** People chosen one by one. */
  userIds: readonly string[];
}

export type AssignResult = { ok: true; count: number } | { ok: false; status: 400 | 403; message: string };

/**
 * Assigns `moduleId` (which must be one of `modules`, the published ones) to whole teams and chosen
 * people. Anyone outside the actor's scope refuses the whole request before anything is written.
 */
export async function assignModule(
  db: Db,
  actor: Assigner,
  input: AssignInput,
  modules: ReadonlySet<string>,
  now = new Date(),
): Promise<AssignResult> {
  if (!modules.has(input.moduleId)) return { ok: false, status: 400, message: 'Choose a module from the list.' };
  if (input.teamIds.length === 0 && input.userIds.length === 0)
    return { ok: false, status: 400, message: 'Choose a whole team or at least one person.' };
  const scope = await assignScope(db, actor);
  const teamIds = new Set(scope.teams.map((t) => t.id));
  const people = new Map(scope.people.map((p) => [p.id, p]));
  if (!input.teamIds.every((id) => teamIds.has(id)) || !input.userIds.every((id) => people.has(id))) {
    const whom = can(actor, 'org:manage') ? 'active people' : 'active people in the teams you manage';
    return { ok: false, status: 403, message: `Nothing was assigned: you can assign only to ${whom}.` };
  }
  // Whole-team rows remember the team they came through; people picked one by one do not.
  const targets = new Map<string, string | null>();
  const chosenTeams = new Set(input.teamIds);
  for (const p of scope.people) if (p.teamId && chosenTeams.has(p.teamId)) targets.set(p.id, p.teamId);
  for (const id of input.userIds) if (!targets.has(id)) targets.set(id, null);
  if (targets.size === 0)
    return { ok: false, status: 400, message: 'Nobody active is in that team yet, so nothing was assigned.' };
  await upsert(db, actor.id, input.moduleId, input.dueAt, targets, now);
  return { ok: true, count: targets.size };
}

async function upsert(db: Db, by: string, moduleId: string, dueAt: Date, targets: Map<string, string | null>, now: Date) {
  const rows = [...targets].map(([userId, teamId]) => ({
    id: randomId(),
    userId,
    moduleId,
    dueAt,
    assignedBy: by,
    teamId,
    createdAt: now,
    updatedAt: now,
  }));
  // One statement, so a request is written completely or not at all (with its xAPI statements, in one batch).
  const write = db
    .insert(assignments)
    .values(rows)
    .onConflictDoUpdate({
      target: [assignments.userId, assignments.moduleId],
      set: { dueAt, assignedBy: by, teamId: sql`excluded.team_id`, updatedAt: now },
    });
  const site = recordingSite();
  if (!site) return void (await write);
  const given = rows.map((r) => assignmentGiven(site, { userId: r.userId, moduleId, assignedBy: by, dueAt, at: now }));
  await db.batch([write, ...given.map((statement) => db.run(queueQuery(statement, now)))]);
}

export interface AssignmentView {
  id: string;
  userId: string;
  moduleId: string;
  dueAt: Date;
  /** The team it was assigned through, when it was assigned to a whole team. */
  viaTeamId: string | null;
  updatedAt: Date;
  lastRemindedAt: Date | null;
  person: { displayName: string; email: string; teamId: string | null; teamName: string | null };
}

function selectViews(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: assignments.id,
      userId: assignments.userId,
      moduleId: assignments.moduleId,
      dueAt: assignments.dueAt,
      viaTeamId: assignments.teamId,
      updatedAt: assignments.updatedAt,
      lastRemindedAt: assignments.lastRemindedAt,
      person: { displayName: users.displayName, email: users.email, teamId: users.teamId, teamName: teams.name },
    })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(eq(users.active, true), where))
    .orderBy(asc(assignments.dueAt), asc(users.displayName));
}

/** Assignments of the active members of `teamIds` (their current team, not the one assigned through). */
export async function assignmentsForTeams(db: Db, teamIds: readonly string[]): Promise<AssignmentView[]> {
  if (teamIds.length === 0) return [];
  return selectViews(db, inArray(users.teamId, [...teamIds]));
}

/** What the actor may see and remove: everything for admins, their teams' members for managers. */
export async function assignmentsVisibleTo(db: Db, actor: Assigner): Promise<AssignmentView[]> {
  if (can(actor, 'org:manage')) return selectViews(db, undefined);
  if (!can(actor, 'team:manage')) return [];
  return assignmentsForTeams(db, await managedTeamIds(db, actor.id));
}

/** A learner's own assignments. */
export async function assignmentsForLearner(db: Db, userId: string) {
  return db
    .select({
      id: assignments.id,
      moduleId: assignments.moduleId,
      dueAt: assignments.dueAt,
      lastRemindedAt: assignments.lastRemindedAt,
    })
    .from(assignments)
    .where(eq(assignments.userId, userId))
    .orderBy(asc(assignments.dueAt));
}

/**
 * Removes an assignment the actor may see. Returns false both when it does not exist and when it
 * belongs to someone outside the actor's teams, so the answer reveals nothing about other teams.
 */
export async function removeAssignment(db: Db, actor: Assigner, assignmentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: assignments.id, teamId: users.teamId })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .where(eq(assignments.id, assignmentId));
  if (!row) return false;
  const allowed =
    can(actor, 'org:manage') ||
    (can(actor, 'team:manage') && !!row.teamId && (await managedTeamIds(db, actor.id)).includes(row.teamId));
  if (!allowed) return false;
  const deleted = await db.delete(assignments).where(eq(assignments.id, assignmentId)).returning({ id: assignments.id });
  return deleted.length === 1;
}
