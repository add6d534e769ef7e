/**
 * A certificate's PDF, for its holder (and admins, who answer auditors). Anyone else is told it does
 * not exist, as for other people's runs; the public verification page is the way to check one.
 */
import type { APIRoute } from 'astro';
import { requirePermission } from '../../lib/server/auth/guard.ts';
import { methodNotAllowed } from '../../lib/server/http/request.ts';
import { db } from '../../lib/server/db/db.ts';
import { can } from '../../lib/auth/permissions.ts';
import { findCertificate, verifyUrl } from '../../lib/server/certificates/certificates.ts';
import { certificatePdf } from '../../lib/server/certificates/pdf.ts';
import { requestOrigin, originSettings } from '../../lib/server/http/origin.ts';
import { attachment } from '../../lib/insight/csv.ts';

export const GET: APIRoute = async (context) => {
  const user = await requirePermission(context, 'learn');
  if (user instanceof Response) return user;
  const cert = await findCertificate(await db(), context.params.certificate ?? '');
  if (!cert || (cert.userId !== user.id && !can(user, 'org:manage')))
    return new Response('There is no such certificate among yours.', { status: 404 });
  const url = verifyUrl(requestOrigin(context.request, originSettings()), cert.id);
  const bytes = await certificatePdf(cert, url);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': attachment(`${cert.pathTitle} certificate ${cert.holderName}.pdf`),
    },
  });
};

export const HEAD = GET;
/** Any other method: the download only reads. */
export const ALL: APIRoute = () => methodNotAllowed();
