/** A team's certificates with their expiry window as CSV. Guarded like the dashboard and its other exports. */
import type { APIRoute } from 'astro';
import { requirePermission } from '../../../../lib/server/auth/guard.ts';
import { methodNotAllowed } from '../../../../lib/server/http/request.ts';
import { db } from '../../../../lib/server/db/db.ts';
import { visibleTeam } from '../../../../lib/server/insight/dashboard.ts';
import { teamCertificates } from '../../../../lib/server/certificates/team.ts';
import { REPORT_HEADER, expiryReport, reportCsvRows } from '../../../../lib/certificates/report.ts';
import { csvResponse, toCsv } from '../../../../lib/insight/csv.ts';
import { day } from '../../../../lib/insight/course.ts';

export const GET: APIRoute = async (context) => {
  const user = await requirePermission(context, 'team:manage');
  if (user instanceof Response) return user;
  const database = await db();
  const team = await visibleTeam(database, user, context.params.teamId ?? '');
  if (!team) return new Response('There is no such team on your dashboard.', { status: 404 });
  const now = new Date();
  const rows = expiryReport(await teamCertificates(database, team.id), now);
  return csvResponse(toCsv(REPORT_HEADER, reportCsvRows(rows)), `${team.name} certificates ${day(now)}.csv`);
};

export const HEAD = GET;
/** Any other method: the export only reads. */
export const ALL: APIRoute = () => methodNotAllowed();
