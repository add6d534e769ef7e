/**
 * The SP metadata of one SAML provider, public and stable, for the IdP admin to import (or for the IdP to
 * fetch): entity ID, assertion consumer URL (HTTP-POST), single logout URL and, when configured, Rapport's
 * signing certificate.
 */
import type { APIRoute } from 'astro';
import { db } from '../../../../lib/server/db/db.ts';
import { findProvider } from '../../../../lib/server/sso/settings.ts';
import { spMetadata } from '../../../../lib/server/sso/saml.ts';
import { methodNotAllowed } from '../../../../lib/server/http/request.ts';
import { originSettings, requestOrigin } from '../../../../lib/server/http/origin.ts';

export const GET: APIRoute = async (context) => {
  const provider = findProvider(context.params.provider);
  if (provider?.protocol !== 'saml') return context.rewrite('/404');
  const xml = spMetadata(await db(), provider, requestOrigin(context.request, originSettings()));
  return new Response(xml, {
    headers: {
      'content-type': 'application/samlmetadata+xml; charset=utf-8',
      // Public and the same for everyone, but it changes when the providers file does.
      'cache-control': 'no-cache',
      'content-disposition': `inline; filename="rapport-${provider.id}-metadata.xml"`,
    },
  });
};

export const HEAD = GET;
export const ALL: APIRoute = () => methodNotAllowed();
