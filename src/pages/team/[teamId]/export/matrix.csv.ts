/**
 * The team matrix as CSV, with the same filters as the dashboard (GET parameters). Guarded like the
 * dashboard: learners and trainers get 403; a team the manager does not manage is a 404, like a missing one.
 */
import type { APIRoute } from 'astro';
import { requirePermission } from '../../../../lib/server/auth/guard.ts';
import { methodNotAllowed } from '../../../../lib/server/http/request.ts';
import { db } from '../../../../lib/server/db/db.ts';
import { teamDashboard, visibleTeam } from '../../../../lib/server/insight/dashboard.ts';
import { allScenarios, getCatalog } from '../../../../data/catalog.ts';
import { courseFacts } from '../../../../lib/insight/course.ts';
import { dayIn } from '../../../../lib/dates.ts';
import { config } from '../../../../lib/server/config.ts';
import { applyFilter, parseFilter } from '../../../../lib/insight/filters.ts';
import { csvResponse } from '../../../../lib/insight/csv.ts';
import { matrixCsv } from '../../../../lib/insight/exports.ts';
import { completionTimes } from '../../../../lib/server/learning/completion-times.ts';
import { moduleCompletedAt, NO_TIMES } from '../../../../lib/insight/completion.ts';

export const GET: APIRoute = async (context) => {
  const user = await requirePermission(context, 'team:manage');
  if (user instanceof Response) return user;
  const database = await db();
  const team = await visibleTeam(database, user, context.params.teamId ?? '');
  if (!team) return new Response('There is no such team on your dashboard.', { status: 404 });
  const course = courseFacts(await getCatalog(false), await allScenarios());
  const { filter, errors } = parseFilter(
    context.url.searchParams,
    course.modules.map((m) => m.id),
  );
  if (errors.length > 0) return new Response(`The export was not made:\n${errors.join('\n')}`, { status: 400 });
  const now = new Date();
  const { matrix } = await teamDashboard(database, team.id, course, now);
  const shown = applyFilter(matrix, filter);
  const times = await completionTimes(
    database,
    shown.rows.map((r) => r.person.id),
  );
  const modules = new Map(course.modules.map((m) => [m.id, m]));
  const completedOn = (userId: string, moduleId: string) =>
    moduleCompletedAt(modules.get(moduleId)!, times.get(userId) ?? NO_TIMES);
  const { TIME_ZONE } = config();
  return csvResponse(matrixCsv(shown, completedOn, TIME_ZONE), `${team.name} matrix ${dayIn(now, TIME_ZONE)}.csv`);
};

export const HEAD = GET;
/** Any other method: the export only reads. (Astro would answer 404 without this.) */
export const ALL: APIRoute = () => methodNotAllowed();
