/**
 * The admin teams page's state changes. Merging and deleting take two steps: the first post answers with
 * what would happen (members, managers, assignments), and only a second post with `confirm=yes` acts.
 * Every function assumes the caller holds `people:manage` (the page checks it first).
 */
import type { Db } from '../db/db.ts';
import { field } from '../http/request.ts';
import { createTeam, deleteTeam, mergeTeams, renameTeam, teamImpact, type TeamImpact } from './team-admin.ts';
import { listTeams, type Team } from './teams.ts';

export interface PendingChange {
  intent: 'merge' | 'delete';
  team: Team;
  into?: Team;
  impact: TeamImpact;
}

export interface TeamsOutcome {
  status: number;
  message?: string;
  error?: string;
  /** A merge or delete waiting for the admin's confirmation. */
  pending?: PendingChange;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The consequences of a pending change in words, for the confirmation and the result message. */
export function describeChange({ intent, team, into, impact }: PendingChange): string[] {
  const members = plural(impact.members, 'member', 'members');
  const managers = plural(impact.managers, 'manager', 'managers');
  const assigned = plural(impact.assignments, 'assignment', 'assignments');
  if (intent === 'merge' && into)
    return [
      `${members} of ${team.name} join ${into.name}.`,
      `${managers} of ${team.name} manage ${into.name} from now on.`,
      `${assigned} made through ${team.name} count as made through ${into.name}; due dates do not change.`,
      `The team ${team.name} is deleted.`,
    ];
  return [
    `${members} stay, with no team, until you give them one on the People page.`,
    `${managers} stop managing it.`,
    `${assigned} made through it stay with each person, with the same due dates.`,
  ];
}

export async function handleTeamsPost(db: Db, form: FormData): Promise<TeamsOutcome> {
  const intent = field(form, 'intent');
  if (intent === 'create') {
    const result = await createTeam(db, field(form, 'name'));
    return result.ok ? { status: 200, message: `Team ${result.team.name} created.` } : { status: 400, error: result.message };
  }
  const all = await listTeams(db);
  const team = all.find((t) => t.id === field(form, 'teamId'));
  if (!team) return { status: 404, error: 'That team no longer exists. Reload the page.' };
  switch (intent) {
    case 'rename': {
      const result = await renameTeam(db, team.id, field(form, 'name'));
      return result.ok
        ? { status: 200, message: `${team.name} is now called ${result.team.name}.` }
        : { status: 400, error: result.message };
    }
    case 'merge':
    case 'delete': {
      const into = intent === 'merge' ? all.find((t) => t.id === field(form, 'intoId')) : undefined;
      if (intent === 'merge' && (!into || into.id === team.id))
        return { status: 400, error: `Choose another team to merge ${team.name} into.` };
      const pending: PendingChange = { intent, team, into, impact: await teamImpact(db, team.id) };
      if (field(form, 'confirm') !== 'yes') return { status: 200, pending };
      if (into) await mergeTeams(db, team.id, into.id);
      else await deleteTeam(db, team.id);
      const done = into ? `${team.name} is merged into ${into.name}.` : `${team.name} is deleted.`;
      return { status: 200, message: `${done} ${describeChange(pending).join(' ')}` };
    }
    default:
      return { status: 400, error: 'That request was not understood. Use the forms on this page.' };
  }
}
