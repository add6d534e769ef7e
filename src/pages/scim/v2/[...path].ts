/**
 * SCIM 2.0 provisioning (docs/scim.md): every method on every path under /scim/v2, answered by
 * src/lib/server/scim/endpoint.ts. Authenticated by bearer token only; a session cookie counts for nothing here.
 */
import type { APIRoute } from 'astro';
import { db } from '../../../lib/server/db/db.ts';
import { config } from '../../../lib/server/config.ts';
import { originSettings, requestOrigin } from '../../../lib/server/http/origin.ts';
import { ssoSettings } from '../../../lib/server/sso/settings.ts';
import { handleScim } from '../../../lib/server/scim/endpoint.ts';

export const ALL: APIRoute = async ({ request, params }) =>
  handleScim({
    db: await db(),
    request,
    segments: (params.path ?? '').split('/').filter(Boolean),
    base: `${requestOrigin(request, originSettings())}/scim/v2`,
    settings: ssoSettings().scim,
    perMinute: config().SCIM_REQUESTS_PER_MINUTE,
  });
