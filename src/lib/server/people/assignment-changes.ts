/**
 * Changes to one existing assignment from the assignments page: a new due date, a reminder sent now, and
 * undoing a removal. Each is allowed exactly where removing is (admins: anyone; managers: members of the
 * teams they manage), checked against the database at the moment of writing.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { assignments, users } from '../db/schema.ts';
import { can } from '../../auth/permissions.ts';
import { randomId } from '../auth/token.ts';
import { assignScope, type Assigner } from './assignments.ts';
import { managedTeamIds } from './teams.ts';
import { assignmentGiven } from '../../xapi/index.ts';
import { queueQuery, type Condition } from '../xapi/outbox.ts';
import { recordingSite } from '../xapi/settings.ts';

/** At most one reminder per assignment in this long, so a double click or an impatient manager sends one. */
export const REMIND_INTERVAL_MS = 60 * 60 * 1000;

/** The assignment with its person, when the actor may change it; undefined alike for "missing" and "not yours". */
export async function ownAssignment(db: Db, actor: Assigner, assignmentId: string) {
  const [row] = await db
    .select({
      id: assignments.id,
      userId: assignments.userId,
      moduleId: assignments.moduleId,
      dueAt: assignments.dueAt,
      viaTeamId: assignments.teamId,
      lastRemindedAt: assignments.lastRemindedAt,
      person: { teamId: users.teamId, email: users.email, displayName: users.displayName, active: users.active },
    })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .where(eq(assignments.id, assignmentId));
  if (!row) return undefined;
  if (can(actor, 'org:manage')) return row;
  const teamId = row.person.teamId;
  const mine = can(actor, 'team:manage') && !!teamId && (await managedTeamIds(db, actor.id)).includes(teamId);
  return mine ? row : undefined;
}

export async function redateAssignment(db: Db, actor: Assigner, assignmentId: string, dueAt: Date, now = new Date()) {
  const row = await ownAssignment(db, actor, assignmentId);
  if (!row) return false;
  const update = db.update(assignments).set({ dueAt, assignedBy: actor.id, updatedAt: now }).where(eq(assignments.id, row.id));
  // A new due date is the module given again, as assigning it again would be.
  const given = givenQuery(row.userId, row.moduleId, actor.id, dueAt, now);
  if (given) await db.batch([update, db.run(given)]);
  else await update;
  return true;
}

/** The "was assigned" statement's insert, when xAPI records (docs/xapi.md); `when` as in queueQuery. */
function givenQuery(userId: string, moduleId: string, by: string, dueAt: Date, now: Date, when?: Condition) {
  const site = recordingSite();
  return site && queueQuery(assignmentGiven(site, { userId, moduleId, assignedBy: by, dueAt, at: now }), now, when);
}

export type RemindResult =
  | { ok: true; person: { email: string; displayName: string }; moduleId: string; dueAt: Date }
  | { ok: false; status: 404 | 409; message: string };

/** Records a reminder sent now (the caller mails it); refused within REMIND_INTERVAL_MS of the last one. */
export async function remindAssignment(db: Db, actor: Assigner, assignmentId: string, now = new Date()): Promise<RemindResult> {
  const row = await ownAssignment(db, actor, assignmentId);
  if (!row || !row.person.active)
    return { ok: false, status: 404, message: 'That assignment was removed, or it is not yours to remind about.' };
  const since = row.lastRemindedAt ? now.getTime() - row.lastRemindedAt.getTime() : Infinity;
  if (since < REMIND_INTERVAL_MS)
    return { ok: false, status: 409, message: `${row.person.displayName} was reminded less than an hour ago. Try again later.` };
  // Claimed with a conditional update, so two reminders posted at once send one message.
  const claimed = await db
    .update(assignments)
    .set({ lastRemindedAt: now })
    .where(and(eq(assignments.id, row.id), row.lastRemindedAt ? eq(assignments.lastRemindedAt, row.lastRemindedAt) : undefined))
    .returning({ id: assignments.id });
  if (claimed.length === 0) return { ok: false, status: 409, message: 'A reminder was just sent. Reload the page.' };
  return { ok: true, person: row.person, moduleId: row.moduleId, dueAt: row.dueAt };
}

export interface RemovedAssignment {
  userId: string;
  moduleId: string;
  dueAt: Date;
  viaTeamId: string | null;
}

/**
 * Puts back an assignment just removed, with its due date and team, if the person is still someone the
 * actor may assign to and nothing was assigned to them for that module since.
 */
export async function restoreAssignment(db: Db, actor: Assigner, removed: RemovedAssignment, now = new Date()) {
  const scope = await assignScope(db, actor);
  if (!scope.people.some((p) => p.id === removed.userId)) return false;
  const viaTeamId = scope.teams.some((t) => t.id === removed.viaTeamId) ? removed.viaTeamId : null;
  const id = randomId();
  const insert = db
    .insert(assignments)
    .values({
      id,
      userId: removed.userId,
      moduleId: removed.moduleId,
      dueAt: removed.dueAt,
      teamId: viaTeamId,
      assignedBy: actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: assignments.id });
  // Queued only if the assignment was put back (nothing was assigned for that module since).
  const given = givenQuery(removed.userId, removed.moduleId, actor.id, removed.dueAt, now, {
    sql: 'exists (select 1 from assignments where id = ?)',
    args: [id],
  });
  const [inserted] = given ? await db.batch([insert, db.run(given)]) : [await insert];
  return inserted.length === 1;
}
