// Certificates over HTTP against the real built server: issued by the post that meets a path's last
// requirement, or on the learner's next view of their record (once, however many views race), downloaded as a PDF whose text is read back, verified on
// the public page (valid, expired, revoked), revoked by an admin, and listed for the team's manager.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Papa from 'papaparse';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startServer, type TestServer } from '../helpers/server.ts';
import { completeModule } from '../helpers/complete.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { findTeamByName } from '../../src/lib/server/people/teams.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { loadCatalogFromDisk } from '../../src/lib/content/catalog-fs.ts';
import { certificatesOf } from '../../src/lib/server/certificates/certificates.ts';
import { certificates } from '../../src/lib/server/db/schema.ts';

const ROOT = join(import.meta.dirname, '../..');
const catalog = loadCatalogFromDisk(ROOT);
const PATH_MODULES = ['who-are-your-customers', 'why-both-matter', 'empathy', 'feedback-loops', 'tailored-communication'];

let s: TestServer;
let marcus: string;
let marcusCookie: string;
let support: string;
let certId: string;
let lapsedId: string;

beforeAll(async () => {
  s = await startServer();
  support = (await findTeamByName(s.db, 'Customer Support'))!.id;
  marcus = (await findUserByEmail(s.db, 'marcus.bell@example.com'))!.id;
  marcusCookie = await cookieFor(s.db, 'marcus.bell@example.com');
  const lena = (await findUserByEmail(s.db, 'learner@example.com'))!;
  // Lena's certificate lapsed a week ago: written as the issuer writes one.
  lapsedId = 'lapsedcertificateid23456';
  await s.db.insert(certificates).values({
    id: lapsedId,
    userId: lena.id,
    pathId: 'customer-care-standards',
    cycle: 1,
    holderName: lena.displayName,
    pathTitle: 'Customer Care Standards',
    issuer: 'Rapport Training Team',
    pathVersion: 'old',
    issuedAt: new Date(Date.now() - 372 * 86_400_000),
    validUntil: new Date(Date.now() - 7 * 86_400_000),
  });
});
afterAll(() => s?.stop());

async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/'),
  }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  return content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
}

describe('issuing on completion', () => {
  it('issues the certificate with the post that meets the last requirement, and not before', async () => {
    const nadia = (await findUserByEmail(s.db, 'nadia.kowalski@example.com'))!.id;
    const cookie = await cookieFor(s.db, 'nadia.kowalski@example.com');
    for (const id of PATH_MODULES)
      await completeModule(
        s.db,
        nadia,
        catalog.find((m) => m.id === id)!,
      );
    // Everything but the last lesson of the last module: nothing is issued yet.
    const last = catalog.find((m) => m.id === PATH_MODULES[4])!;
    const lesson = last.lessons.at(-1)!;
    await s.db.$client.execute({
      sql: 'delete from lesson_progress where user_id = ? and module_id = ? and lesson_id = ?',
      args: [nadia, last.id, lesson.id],
    });
    const before = await postForm(s.origin, `/modules/${last.id}/${last.lessons[0]!.id}`, { intent: 'complete' }, { cookie });
    expect(before.status).toBe(303);
    expect(await certificatesOf(s.db, nadia)).toEqual([]);
    // The last lesson completed: the certificate exists before the learner opens any page.
    const done = await postForm(s.origin, `/modules/${last.id}/${lesson.id}`, { intent: 'complete' }, { cookie });
    expect(done.status).toBe(303);
    const rows = await certificatesOf(s.db, nadia);
    expect(rows.map((r) => r.pathId)).toEqual(['customer-care-standards']);
    // Completing it again (a retry) issues nothing more.
    await postForm(s.origin, `/modules/${last.id}/${lesson.id}`, { intent: 'complete' }, { cookie });
    expect(await certificatesOf(s.db, nadia)).toHaveLength(1);
  });
});

describe('the learner record', () => {
  it('shows progress and issues nothing before the path is complete', async () => {
    for (const id of PATH_MODULES.slice(0, 4))
      await completeModule(
        s.db,
        marcus,
        catalog.find((m) => m.id === id)!,
      );
    const html = await (await get(s.origin, '/certificates', marcusCookie)).text();
    expect(html).toContain('You have no certificates yet.');
    expect(html).toContain('Customer Care Standards');
    expect(await certificatesOf(s.db, marcus)).toEqual([]);
  });

  it('issues the certificate once on the next views, however many race', async () => {
    await completeModule(
      s.db,
      marcus,
      catalog.find((m) => m.id === PATH_MODULES[4])!,
    );
    const pages = await Promise.all(Array.from({ length: 5 }, () => get(s.origin, '/certificates', marcusCookie)));
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200]);
    const rows = await certificatesOf(s.db, marcus);
    expect(rows).toHaveLength(1);
    certId = rows[0]!.id;
    const html = await (await get(s.origin, '/certificates', marcusCookie)).text();
    expect(html).toContain(`/certificates/${certId}.pdf`);
    expect(html).toContain(`/verify/${certId}`);
  });

  it('gives the PDF to its holder, with the verification URL as text', async () => {
    const res = await get(s.origin, `/certificates/${certId}.pdf`, marcusCookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(await res.arrayBuffer());
    expect(text).toContain('Marcus Bell');
    expect(text).toContain('Customer Care Standards');
    expect(text).toContain(`${s.origin}/verify/${certId}`);
    const other = await get(s.origin, `/certificates/${certId}.pdf`, await cookieFor(s.db, 'learner@example.com'));
    expect(other.status).toBe(404);
  });
});

describe('verification', () => {
  it('answers a revocation posted for an unknown certificate with 404, not a server error', async () => {
    // Found by fuzzing: the page read the form, then tried to replay the request for its 404.
    const admin = await cookieFor(s.db, 'admin@example.com');
    const form = new FormData();
    const res = await postForm(s.origin, '/verify/nosuchcertificate', form, { cookie: admin });
    expect(res.status).toBe(404);
  });

  it('tells anyone a certificate is valid, with the name and nothing else personal', async () => {
    const res = await get(s.origin, `/verify/${certId}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(html).toMatch(/This certificate is <span class="badge ok"[^>]*>Valid<\/span>/);
    expect(html).toContain('Marcus Bell');
    expect(html).not.toContain('marcus.bell@example.com');
    expect(html).not.toContain('Customer Support');
  });

  it('says expired for a lapsed certificate and 404 for an unknown one', async () => {
    expect(await (await get(s.origin, `/verify/${lapsedId}`)).text()).toMatch(/>Expired<\/span>/);
    expect((await get(s.origin, '/verify/nosuchcertificate2345678')).status).toBe(404);
  });

  it('lets an admin revoke with a reason that only admins see', async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const learner = await postForm(s.origin, `/verify/${certId}`, { intent: 'revoke', reason: 'x' }, { cookie: marcusCookie });
    expect(learner.status).toBe(403);
    const res = await postForm(
      s.origin,
      `/verify/${certId}`,
      { intent: 'revoke', reason: 'Completed under another account' },
      { cookie: admin },
    );
    expect(res.status).toBe(303);
    const publicHtml = await (await get(s.origin, `/verify/${certId}`)).text();
    expect(publicHtml).toMatch(/>Revoked<\/span>/);
    expect(publicHtml).not.toContain('Completed under another account');
    expect(await (await get(s.origin, `/verify/${certId}`, admin)).text()).toContain('Completed under another account');
  });
});

describe('recertification in the record', () => {
  it('assigns the renewal of a lapsed certificate on the next view and lists what is left to do', async () => {
    const lena = await cookieFor(s.db, 'learner@example.com');
    const html = await (await get(s.origin, '/certificates', lena)).text();
    expect(html).toContain('To renew');
    expect(html).toMatch(/<a href="\/modules\/empathy">Empathy at work<\/a>: to do/);
    const [cert] = await certificatesOf(s.db, (await findUserByEmail(s.db, 'learner@example.com'))!.id);
    expect(cert!.recertAssignedAt).not.toBeNull();
    expect(html).toMatch(/>Expired<\/span>/);
  });
});

describe("the manager's expiry report", () => {
  it('lists lapsed and revoked certificates of the team, as a page and as CSV', async () => {
    const manager = await cookieFor(s.db, 'manager@example.com');
    const html = await (await get(s.origin, `/team/${support}/certificates`, manager)).text();
    expect(html).toContain('Lapsed: 1.');
    expect(html).toContain('Lena Fischer');
    const csv = await (await get(s.origin, `/team/${support}/export/certificates.csv`, manager)).text();
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Name', 'Email', 'Certificate', 'Issued', 'Valid until', 'Status']);
    expect(rows.slice(1).map((r) => [r[0], r[5]])).toEqual([
      ['Lena Fischer', 'Lapsed'],
      ['Marcus Bell', 'Revoked'],
    ]);
    const other = await cookieFor(s.db, 'manager2@example.com');
    expect((await get(s.origin, `/team/${support}/certificates`, other)).status).toBe(404);
  });
});
