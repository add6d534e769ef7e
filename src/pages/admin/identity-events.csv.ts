/** The whole identity audit log as CSV, for admins (the page shows the newest events only). */
import type { APIRoute } from 'astro';
import { requirePermission } from '../../lib/server/auth/guard.ts';
import { methodNotAllowed } from '../../lib/server/http/request.ts';
import { db } from '../../lib/server/db/db.ts';
import { csvResponse, toCsv } from '../../lib/insight/csv.ts';
import { EVENT_CSV_HEADER, eventCsvRows, listIdentityEvents } from '../../lib/server/sso/audit.ts';

export const GET: APIRoute = async (context) => {
  const user = await requirePermission(context, 'people:manage');
  if (user instanceof Response) return user;
  const rows = await listIdentityEvents(await db());
  return csvResponse(toCsv(EVENT_CSV_HEADER, eventCsvRows(rows)), `identity events ${new Date().toISOString().slice(0, 10)}.csv`);
};

export const HEAD = GET;
/** Any other method: the export only reads. (Astro would answer 404 without this.) */
export const ALL: APIRoute = () => methodNotAllowed();
