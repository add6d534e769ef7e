/**
 * The form posts of the assignments page: assign, remove (with undo), a new due date, and a reminder sent
 * now. Returns either a redirect (PRG) or a status with a message and the values to show again in the form.
 */
import type { Db } from '../db/db.ts';
import { field } from '../http/request.ts';
import { assignModule, removeAssignment, type Assigner } from './assignments.ts';
import { ownAssignment, redateAssignment, remindAssignment, restoreAssignment } from './assignment-changes.ts';
import { checkDueDate, MAX_DUE_DAYS } from '../../insight/due.ts';
import { reminderMail } from '../../insight/digest-mail.ts';
import { mailEnabled, sendMail } from '../mail/mail.ts';
import { config } from '../config.ts';
import { orgClock } from '../http/clock.ts';

export interface AssignFormValues {
  moduleId: string;
  due: string;
  teamIds: string[];
  userIds: string[];
}

export type AssignmentsOutcome =
  { redirect: string } | { status: 400 | 403 | 404 | 409; error: string; values?: AssignFormValues };

/** What a reminder needs besides the form: module titles, the sender's name, the site's origin for links. */
export interface PostContext {
  titles?: ReadonlyMap<string, string>;
  senderName?: string;
  origin?: string;
}

/** Every string value of a repeated field (checkboxes), deduplicated and bounded. */
function values(form: FormData, name: string): string[] {
  const all = form.getAll(name).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64);
  return [...new Set(all)].slice(0, 5000);
}

const GONE = 'That assignment was already removed, or it is not yours to change.';

async function assign(
  db: Db,
  actor: Assigner,
  form: FormData,
  modules: ReadonlySet<string>,
  now: Date,
): Promise<AssignmentsOutcome> {
  const entered: AssignFormValues = {
    moduleId: field(form, 'moduleId'),
    due: field(form, 'due'),
    teamIds: values(form, 'teamId'),
    userIds: values(form, 'userId'),
  };
  const due = checkDueDate(entered.due, now, config().TIME_ZONE);
  if (!due.ok) return { status: 400, error: due.message, values: entered };
  const result = await assignModule(db, actor, { ...entered, dueAt: due.dueAt }, modules, now);
  if (!result.ok) return { status: result.status, error: result.message, values: entered };
  return { redirect: `/assignments?assigned=${result.count}&module=${encodeURIComponent(entered.moduleId)}` };
}

/** Removes, and redirects to a notice whose Undo button carries what is needed to put it back. */
async function remove(db: Db, actor: Assigner, form: FormData): Promise<AssignmentsOutcome> {
  const row = await ownAssignment(db, actor, field(form, 'assignmentId'));
  if (!row || !(await removeAssignment(db, actor, row.id))) return { status: 404, error: GONE };
  const undo = new URLSearchParams({
    removed: '1',
    person: row.userId,
    module: row.moduleId,
    due: String(row.dueAt.getTime()),
    via: row.viaTeamId ?? '',
  });
  return { redirect: `/assignments?${undo}` };
}

async function undo(db: Db, actor: Assigner, form: FormData, now: Date): Promise<AssignmentsOutcome> {
  const dueMs = Number(field(form, 'dueAt'));
  // A removal is undone within minutes; anything outside the range a due date can have is not one.
  if (!Number.isSafeInteger(dueMs) || Math.abs(dueMs - now.getTime()) > 2 * MAX_DUE_DAYS * 86_400_000)
    return { status: 400, error: 'That request was not understood. Use the forms on this page.' };
  const removed = { userId: field(form, 'userId'), moduleId: field(form, 'moduleId'), dueAt: new Date(dueMs) };
  const restored = await restoreAssignment(db, actor, { ...removed, viaTeamId: field(form, 'viaTeamId') || null }, now);
  if (!restored)
    return { status: 409, error: 'It could not be put back: the person has left your teams or has that module assigned again.' };
  return { redirect: '/assignments?restored=1' };
}

async function redate(db: Db, actor: Assigner, form: FormData, now: Date): Promise<AssignmentsOutcome> {
  const due = checkDueDate(field(form, 'due'), now, config().TIME_ZONE);
  if (!due.ok) return { status: 400, error: due.message };
  if (!(await redateAssignment(db, actor, field(form, 'assignmentId'), due.dueAt, now))) return { status: 404, error: GONE };
  return { redirect: '/assignments?redated=1' };
}

async function remind(db: Db, actor: Assigner, form: FormData, context: PostContext, now: Date): Promise<AssignmentsOutcome> {
  const result = await remindAssignment(db, actor, field(form, 'assignmentId'), now);
  if (!result.ok) return { status: result.status, error: result.message };
  const title = context.titles?.get(result.moduleId) ?? result.moduleId;
  const item = { title, moduleId: result.moduleId, dueAt: result.dueAt, overdue: result.dueAt.getTime() < now.getTime() };
  const mailed =
    mailEnabled() &&
    (await sendMail(reminderMail(result.person, item, context.senderName ?? 'Your manager', context.origin, orgClock())));
  return { redirect: `/assignments?reminded=${mailed ? 'mail' : 'app'}` };
}

export async function handleAssignmentsPost(
  db: Db,
  actor: Assigner,
  form: FormData,
  modules: ReadonlySet<string>,
  now = new Date(),
  context: PostContext = {},
): Promise<AssignmentsOutcome> {
  switch (field(form, 'intent')) {
    case 'assign':
      return assign(db, actor, form, modules, now);
    case 'remove':
      return remove(db, actor, form);
    case 'undo':
      return undo(db, actor, form, now);
    case 'redate':
      return redate(db, actor, form, now);
    case 'remind':
      return remind(db, actor, form, context, now);
    default:
      return { status: 400, error: 'That request was not understood. Use the forms on this page.' };
  }
}
