/**
 * A preview's pages come from a second server (the drafts' build) through /studio/preview/...: their links,
 * forms, images, stylesheets and redirects point at the site's root, so they are moved under the preview's
 * address, where every request passes the studio's session check again. The page is otherwise what a learner
 * of the viewer's role gets, byte for byte, plus a banner saying it is a preview.
 */
import { timingSafeEqual } from 'node:crypto';

/** The header carrying the preview server's secret (PREVIEW_TOKEN). */
export const PREVIEW_HEADER = 'x-rapport-preview';
export const PREVIEW_BASE = '/studio/preview';

/** Whether `sent` is the preview secret, compared in constant time. */
export function isPreviewToken(sent: string | null, token: string): boolean {
  if (sent === null || sent.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(token));
}

/** A root-relative URL (`/modules/x`) moved under the preview; anything else (another site, `//host`) unchanged. */
export function previewUrl(url: string): string {
  if (!url.startsWith('/') || url.startsWith('//') || url.startsWith(`${PREVIEW_BASE}/`)) return url;
  return `${PREVIEW_BASE}${url}`;
}

const BANNER =
  '<p class="alert info" role="note" style="margin:0;border-radius:0">Preview of the studio\'s drafts: learners do not see this until it is published. <a href="/studio/publish">Publish</a> · <a href="/studio/preview">Preview status</a></p>';

/** The page with its site-relative href, src and action attributes moved under the preview, and the banner. */
export function previewHtml(html: string): string {
  const moved = html.replace(
    /\b(href|src|action)="(\/[^"]*)"/g,
    (_m, attr: string, url: string) => `${attr}="${previewUrl(url)}"`,
  );
  // The banner opens the main content, where the skip link lands, so it is read before the page itself.
  return moved.replace(/<main\b[^>]*>/, (main) => `${main}${BANNER}`);
}
