/**
 * The studio's check endpoint: POST `path` (relative to content/) and `body` (the file's text) as a
 * form, get back as JSON the problems `npm run content:check` would print for that file if it held that
 * text, with the other pending drafts applied. Trainers and admins; the editors run the same function on
 * every save, this serves scripts and enhancements that check before saving.
 */
import type { APIRoute } from 'astro';
import { requirePermission } from '../../lib/server/auth/guard.ts';
import { rawField, readForm } from '../../lib/server/http/request.ts';
import { checkDraft } from '../../lib/server/studio/workspace.ts';
import { checkContentPath, contentKind } from '../../lib/studio/paths.ts';
import { formatProblem, isError } from '../../lib/content/problem.ts';

const json = (data: unknown, status = 200): Response =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

export const POST: APIRoute = async (context) => {
  const user = await requirePermission(context, 'content:author');
  if (user instanceof Response) return user;
  const form = await readForm(context.request);
  if (form instanceof Response) return form;
  if (!form) return json({ error: 'Send a form with the fields path and body.' }, 400);
  const path = rawField(form, 'path');
  const problem = checkContentPath(path);
  if (problem) return json({ error: problem }, 400);
  if (contentKind(path) === 'image') return json({ error: 'Images are not checked; check the lesson that shows them.' }, 400);
  const problems = await checkDraft(path, rawField(form, 'body'));
  return json({
    path,
    problems: problems.map((p) => ({ ...p, severity: isError(p) ? 'error' : 'warning', line: formatProblem(p) })),
  });
};

/** Any other method: only posts are checked, but only trainers and admins learn even that. */
export const ALL: APIRoute = async (context) => {
  const user = await requirePermission(context, 'content:author');
  if (user instanceof Response) return user;
  return new Response('Post a form with the fields path and body.', {
    status: 405,
    headers: { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' },
  });
};
