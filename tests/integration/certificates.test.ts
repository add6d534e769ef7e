// Certificates over a real database: issued when the last requirement is met and not before, once
// under racing submissions, renewed inside the recertification window, revoked, and made into a PDF
// whose text is read back with pdfjs. The clock is passed in as `now`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { completeModule } from '../helpers/complete.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { loadCatalogFromDisk } from '../../src/lib/content/catalog-fs.ts';
import { loadPathsFromDisk } from '../../src/lib/certificates/paths-fs.ts';
import {
  assignRecertifications,
  certificatesOf,
  findCertificate,
  issueEarned,
  revokeCertificate,
} from '../../src/lib/server/certificates/certificates.ts';
import { certificateDay, openRecertifications } from '../../src/lib/server/certificates/daily.ts';
import { certificatePdf } from '../../src/lib/server/certificates/pdf.ts';
import { certificateStatus, expiryBucket } from '../../src/lib/certificates/validity.ts';
import { teamCertificates } from '../../src/lib/server/certificates/team.ts';
import { certificates, teams } from '../../src/lib/server/db/schema.ts';
import { seedDemoIfEmpty } from '../../src/lib/server/demo/seed.ts';
import { seedDemoCertificates } from '../../src/lib/server/demo/demo-certificates.ts';

const ROOT = join(import.meta.dirname, '../..');
/** pdfjs reads the metrics of the standard fonts from its own package. */
const FONTS = join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/');
const catalog = loadCatalogFromDisk(ROOT);
const paths = loadPathsFromDisk(ROOT);
const module = (id: string) => catalog.find((m) => m.id === id)!;
const REQUIRED = ['who-are-your-customers', 'why-both-matter', 'empathy', 'feedback-loops'];
const T0 = new Date('2026-02-01T10:00:00Z');
const days = (n: number, from = T0) => new Date(from.getTime() + n * 86_400_000);

let t: TestDb;
let ann: string;
let bob: string;
beforeAll(async () => {
  t = await freshDb();
  await t.db.insert(teams).values({ id: 'team-care', name: 'Care' });
  ann = (await createUser(t.db, { email: 'ann@example.com', displayName: 'Ann Åkesson', role: 'learner', teamId: 'team-care' }))
    .id;
  bob = (await createUser(t.db, { email: 'bob@example.com', displayName: 'Bob Brown', role: 'learner', teamId: 'team-care' })).id;
});
afterAll(() => t.close());

/** The shape pdfjs gives a page's structure tree. */
interface StructNode {
  role?: string;
  type?: string;
  alt?: string;
  children?: StructNode[];
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes, useSystemFonts: false, standardFontDataUrl: FONTS }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  return content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
}

describe('issuing', () => {
  it('issues nothing until the last requirement, then one certificate, once under racing calls', async () => {
    for (const id of REQUIRED) await completeModule(t.db, ann, module(id), T0);
    expect(await issueEarned(t.db, ann, paths, catalog, T0)).toEqual([]);
    await completeModule(t.db, ann, module('mutual-respect'), T0); // the one elective the path asks for
    const results = await Promise.all(Array.from({ length: 8 }, () => issueEarned(t.db, ann, paths, catalog, T0)));
    expect(results.flat()).toHaveLength(1);
    const [cert] = await certificatesOf(t.db, ann);
    expect(cert).toMatchObject({
      pathId: 'customer-care-standards',
      cycle: 1,
      holderName: 'Ann Åkesson',
      issuedAt: T0,
      validUntil: new Date('2027-02-01T10:00:00Z'),
    });
    expect(cert!.pathVersion).toBe(paths.find((p) => p.id === 'customer-care-standards')!.version);
    expect(cert!.id).toMatch(/^[a-z2-9]{24}$/);
    expect(await issueEarned(t.db, ann, paths, catalog, days(1))).toEqual([]);
  });
});

describe('expiry and recertification', () => {
  const until = new Date('2027-02-01T10:00:00Z');
  const windowOpens = days(-60, until);

  it('assigns recertification once, when the window opens', async () => {
    expect(await assignRecertifications(t.db, ann, paths, days(-1, windowOpens))).toBe(0);
    const made = await Promise.all(Array.from({ length: 4 }, () => assignRecertifications(t.db, ann, paths, windowOpens)));
    expect(made.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await assignRecertifications(t.db, ann, paths, days(10, windowOpens))).toBe(0);
    const [cert] = await certificatesOf(t.db, ann);
    expect(cert).toMatchObject({ recertAssignedAt: windowOpens, recertDueAt: until });
    const open = await openRecertifications(t.db, paths, days(-2, until));
    expect(open).toEqual([
      expect.objectContaining({
        userId: ann,
        title: 'Recertification: Customer Care Standards',
        due: 'due-soon',
        moduleId: 'empathy',
      }),
    ]);
  });

  it('expires, then renews when the refresher is passed again inside the window', async () => {
    const [cert] = await certificatesOf(t.db, ann);
    expect(certificateStatus(cert!, days(-1, until))).toBe('valid');
    expect(certificateStatus(cert!, until)).toBe('expired');
    // The work done a year ago does not renew; the refresher's modules redone after expiry do.
    expect(await issueEarned(t.db, ann, paths, catalog, days(5, until))).toEqual([]);
    for (const id of ['empathy', 'feedback-loops']) await completeModule(t.db, ann, module(id), days(5, until));
    const [renewed] = await issueEarned(t.db, ann, paths, catalog, days(5, until));
    expect(renewed).toMatchObject({
      cycle: 2,
      issuedAt: days(5, until),
      validUntil: new Date('2028-02-06T10:00:00Z'),
      recertAssignedAt: null,
    });
    expect(await openRecertifications(t.db, paths, days(6, until))).toEqual([]);
  });

  it('issues and assigns for everyone in the daily pass', async () => {
    for (const id of [...REQUIRED, 'tailored-communication']) await completeModule(t.db, bob, module(id), T0);
    expect(await certificateDay(t.db, paths, catalog, T0)).toEqual({ issued: 1, recertificationsAssigned: 0 });
    expect(await certificateDay(t.db, paths, catalog, windowOpens)).toEqual({ issued: 0, recertificationsAssigned: 1 });
    expect(await certificateDay(t.db, paths, catalog, windowOpens)).toEqual({ issued: 0, recertificationsAssigned: 0 });
  });
});

describe('revoking and reporting', () => {
  it('revokes once, keeping the first reason', async () => {
    const [cert] = await certificatesOf(t.db, bob);
    expect(await revokeCertificate(t.db, cert!.id, ann, 'Issued in error', T0)).toBe(true);
    expect(await revokeCertificate(t.db, cert!.id, ann, 'Another reason', days(1))).toBe(false);
    const found = await findCertificate(t.db, cert!.id);
    expect(found).toMatchObject({ revokedReason: 'Issued in error', revokedAt: T0 });
    expect(certificateStatus(found!, T0)).toBe('revoked');
  });

  it("lists each person's latest certificate for the team", async () => {
    const held = await teamCertificates(t.db, 'team-care');
    expect(held.map((h) => [h.displayName, h.cycle, !!h.revokedAt]).sort()).toEqual([
      ['Ann Åkesson', 2, false],
      ['Bob Brown', 1, true],
    ]);
  });
});

describe('the PDF', () => {
  it('carries the name, path, dates, issuer and verification URL as real text', async () => {
    const [cert] = await certificatesOf(t.db, ann);
    const url = `https://rapport.example/verify/${cert!.id}`;
    const text = await pdfText(await certificatePdf(cert!, url));
    for (const expected of [
      'Certificate of completion',
      'Ann Åkesson',
      'Customer Care Standards',
      'Valid until 6 February 2028',
      'Rapport Training Team',
      url,
    ])
      expect(text).toContain(expected);
  });

  it('is tagged: a structure tree of a heading, paragraphs and a described QR code', async () => {
    const [cert] = await certificatesOf(t.db, ann);
    const doc = await getDocument({
      data: await certificatePdf(cert!, 'https://rapport.example/verify/x'),
      standardFontDataUrl: FONTS,
    }).promise;
    expect(((await doc.getMarkInfo()) as unknown as Map<string, boolean>).get('Marked')).toBe(true);
    const tree = (await (await doc.getPage(1)).getStructTree()) as unknown as StructNode;
    const document = tree.children![0]!;
    expect(document.role).toBe('Document');
    const roles = document.children!.map((c) => c.role);
    expect(roles[0]).toBe('H1');
    expect(roles.filter((r) => r === 'P')).toHaveLength(9);
    expect(document.children!.find((c) => c.role === 'Figure')?.alt).toBe(
      'QR code of the verification address https://rapport.example/verify/x',
    );
    // Every element points at marked content on the page.
    expect(document.children!.every((c) => c.children?.[0]?.type === 'content')).toBe(true);
  });
});

describe('demo certificates', () => {
  it('gives the demo organisation valid, expiring and lapsed certificates', async () => {
    const demo = await freshDb();
    try {
      await seedDemoIfEmpty(demo.db);
      const now = new Date('2026-11-29T09:00:00Z');
      expect(await seedDemoCertificates(demo.db, paths, now)).toBe(5);
      const rows = await demo.db.select().from(certificates);
      const buckets = rows.map((r) => expiryBucket(r, now)).sort();
      expect(buckets).toEqual(['30', 'lapsed', 'later', 'later', 'later']);
      expect(rows.filter((r) => r.recertAssignedAt)).toHaveLength(2);
    } finally {
      demo.close();
    }
  });
});

describe('the daily pass on several servers', () => {
  it('issues and assigns each thing once when three servers run it at the same moment', async () => {
    const { openDb } = await import('../../src/lib/server/db/db.ts');
    const others = await Promise.all([openDb({ url: t.url }), openDb({ url: t.url })]);
    try {
      const carl = (await createUser(t.db, { email: 'carl@example.com', displayName: 'Carl Cole', role: 'learner' })).id;
      for (const id of [...REQUIRED, 'mutual-respect']) await completeModule(t.db, carl, module(id), T0);
      const issued = await Promise.all([t.db, ...others].map((db) => certificateDay(db, paths, catalog, T0)));
      expect(issued.reduce((n, r) => n + r.issued, 0)).toBe(1);
      const later = days(320);
      const assigned = await Promise.all([t.db, ...others].map((db) => certificateDay(db, paths, catalog, later)));
      expect(assigned.reduce((n, r) => n + r.recertificationsAssigned, 0)).toBe(1);
      expect(await certificatesOf(t.db, carl)).toHaveLength(1);
    } finally {
      for (const db of others) db.$client.close();
    }
  });
});
