/**
 * The form posts of the assignments page: `intent=assign` and `intent=remove`. Returns either a
 * redirect (PRG) or a status with a message and the values to show again in the form.
 */
import type { Db } from '../db/db.ts';
import { field } from '../http/request.ts';
import { assignModule, removeAssignment, type Assigner } from './assignments.ts';
import { checkDueDate } from '../../insight/due.ts';

export interface AssignFormValues {
  moduleId: string;
  due: string;
  teamIds: string[];
  userIds: string[];
}

export type AssignmentsOutcome = { redirect: string } | { status: 400 | 403 | 404; error: string; values?: AssignFormValues };

/** Every string value of a repeated field (checkboxes), deduplicated and bounded. */
function values(form: FormData, name: string): string[] {
  const all = form.getAll(name).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64);
  return [...new Set(all)].slice(0, 5000);
}

export async function handleAssignmentsPost(
  db: Db,
  actor: Assigner,
  form: FormData,
  modules: ReadonlySet<string>,
  now = new Date(),
): Promise<AssignmentsOutcome> {
  const intent = field(form, 'intent');
  if (intent === 'assign') {
    const entered: AssignFormValues = {
      moduleId: field(form, 'moduleId'),
      due: field(form, 'due'),
      teamIds: values(form, 'teamId'),
      userIds: values(form, 'userId'),
    };
    const due = checkDueDate(entered.due, now);
    if (!due.ok) return { status: 400, error: due.message, values: entered };
    const result = await assignModule(db, actor, { ...entered, dueAt: due.dueAt }, modules, now);
    if (!result.ok) return { status: result.status, error: result.message, values: entered };
    return { redirect: `/assignments?assigned=${result.count}&module=${encodeURIComponent(entered.moduleId)}` };
  }
  if (intent === 'remove') {
    const removed = await removeAssignment(db, actor, field(form, 'assignmentId'));
    if (!removed) return { status: 404, error: 'That assignment was already removed, or it is not yours to remove.' };
    return { redirect: '/assignments?removed=1' };
  }
  return { status: 400, error: 'That request was not understood. Use the forms on this page.' };
}
