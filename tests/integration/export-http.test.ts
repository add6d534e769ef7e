// The trainer's export page over HTTP against the real built server: who may use it, the two downloads as
// zips an LMS reads, and the refusals (an unknown format, a draft or unknown module).
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get } from '../helpers/http.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s?.stop());

const PAGE = '/insight/modules/empathy/export';

describe('the export page', () => {
  it.each([
    ['learner@example.com', 403],
    ['manager@example.com', 403],
    ['trainer@example.com', 200],
    ['admin@example.com', 200],
  ])('%s GET -> %i', async (email, status) => {
    expect((await get(s.origin, PAGE, await cookieFor(s.db, email))).status).toBe(status);
    expect((await get(s.origin, `${PAGE}?format=scorm12`, await cookieFor(s.db, email))).status).toBe(status);
  });

  it('offers both packages, and content insight links to it', async () => {
    const trainer = await cookieFor(s.db, 'trainer@example.com');
    const page = await (await get(s.origin, PAGE, trainer)).text();
    expect(page).toContain('Download the SCORM 1.2 package');
    expect(page).toContain('href="?format=cmi5"');
    expect(page).toMatch(/Role-plays stay in Rapport/);
    expect(await (await get(s.origin, '/insight', trainer)).text()).toContain('href="/insight/modules/empathy/export"');
  });

  it('answers each format with a zip holding its descriptor', async () => {
    const trainer = await cookieFor(s.db, 'trainer@example.com');
    for (const [format, descriptor] of [
      ['scorm12', 'imsmanifest.xml'],
      ['cmi5', 'cmi5.xml'],
    ] as const) {
      const res = await get(s.origin, `${PAGE}?format=${format}`, trainer);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="rapport-empathy-${format}.zip"`);
      expect(res.headers.get('cache-control')).toMatch(/no-store/);
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      expect(Object.keys(files)[0]).toBe(descriptor);
      expect(strFromU8(files['course.js']!)).toContain('"moduleId":"empathy"');
    }
  });

  it('refuses an unknown format, and draft or unknown modules', async () => {
    const trainer = await cookieFor(s.db, 'trainer@example.com');
    expect((await get(s.origin, `${PAGE}?format=scorm2004`, trainer)).status).toBe(400);
    expect((await get(s.origin, '/insight/modules/coaching-conversations/export', trainer)).status).toBe(404);
    expect((await get(s.origin, '/insight/modules/no-such-module/export?format=cmi5', trainer)).status).toBe(404);
  });
});
