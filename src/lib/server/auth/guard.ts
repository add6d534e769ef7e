/**
 * Page-level authorisation. Every on-demand page starts with one of these so that the rule for the
 * route sits at its top:
 *
 *   const user = await requirePermission(Astro, 'people:manage');
 *   if (user instanceof Response) return user;
 */
import type { AstroGlobal } from 'astro';
import { can, type Permission } from '../../auth/permissions.ts';
import type { SessionUser } from './session.ts';
import { signInPath } from './signed-out.ts';

type Ctx = Pick<AstroGlobal, 'locals' | 'url' | 'redirect' | 'rewrite' | 'request'>;

/** Signed-in user, or a redirect to sign-in that comes back here afterwards (see signed-out.ts). */
export function requireUser(ctx: Ctx): SessionUser | Response {
  const user = ctx.locals.user;
  if (user) return user;
  const { method, headers } = ctx.request;
  return ctx.redirect(
    signInPath({ method, url: ctx.url, cookieHeader: headers.get('cookie'), referer: headers.get('referer') }),
    303,
  );
}

/** Signed-in user holding `permission`; otherwise sign-in redirect or the 403 page. */
export async function requirePermission(ctx: Ctx, permission: Permission): Promise<SessionUser | Response> {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  if (!can(user, permission)) return forbidden(ctx);
  return user;
}

export function forbidden(ctx: Pick<AstroGlobal, 'rewrite'>): Promise<Response> {
  return ctx.rewrite('/403');
}
