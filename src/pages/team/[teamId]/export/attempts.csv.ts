/**
 * Each active member's best result per end-of-module quiz as CSV (decision 010: no knowledge checks, no
 * retakes). The path keeps its old name so that saved links still work. Guarded like the dashboard.
 */
import type { APIRoute } from 'astro';
import { requirePermission } from '../../../../lib/server/auth/guard.ts';
import { methodNotAllowed } from '../../../../lib/server/http/request.ts';
import { db } from '../../../../lib/server/db/db.ts';
import { visibleTeam } from '../../../../lib/server/insight/dashboard.ts';
import { moduleQuizIds, teamQuizResults } from '../../../../lib/server/insight/dashboard-person.ts';
import { allQuizzes, getCatalog } from '../../../../data/catalog.ts';
import { day } from '../../../../lib/insight/course.ts';
import { csvResponse } from '../../../../lib/insight/csv.ts';
import { quizResultsCsv, type QuizInfo } from '../../../../lib/insight/exports.ts';

export const GET: APIRoute = async (context) => {
  const user = await requirePermission(context, 'team:manage');
  if (user instanceof Response) return user;
  const database = await db();
  const team = await visibleTeam(database, user, context.params.teamId ?? '');
  if (!team) return new Response('There is no such team on your dashboard.', { status: 404 });
  const catalog = await getCatalog(false);
  const quizzes = new Map<string, QuizInfo>(
    (await allQuizzes()).map((q) => [
      q.id,
      { title: q.title, moduleTitle: catalog.find((m) => m.id === q.module)?.title ?? q.module },
    ]),
  );
  const lines = await teamQuizResults(database, team.id, moduleQuizIds(catalog));
  return csvResponse(quizResultsCsv(lines, quizzes), `${team.name} quiz results ${day(new Date())}.csv`);
};

export const HEAD = GET;
/** Any other method: the export only reads. (Astro would answer 404 without this.) */
export const ALL: APIRoute = () => methodNotAllowed();
