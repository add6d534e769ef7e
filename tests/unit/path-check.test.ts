// content:check rules for learning paths: the fixture course with one path file, broken one way per case.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContent } from '../../src/lib/content/check.ts';
import { loadContent } from '../../src/lib/content/load-fs.ts';
import { formatProblem } from '../../src/lib/content/problem.ts';
import { loadPathsFromDisk } from '../../src/lib/certificates/paths-fs.ts';

const BASE = join(import.meta.dirname, '../fixtures/content-base');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const VALID = `title: Alpha certificate
summary: Everything in the alpha module, renewed yearly.
modules: [alpha]
validityMonths: 12
recertification:
  noticeDays: 30
issuer: Test Trainers
`;

function fixture(paths: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rapport-paths-'));
  dirs.push(root);
  cpSync(BASE, root, { recursive: true });
  mkdirSync(join(root, 'content/paths'));
  for (const [name, text] of Object.entries(paths)) writeFileSync(join(root, 'content/paths', name), text);
  return root;
}
const problems = (paths: Record<string, string>) => checkContent(loadContent(fixture(paths))).map(formatProblem);

describe('learning path check', () => {
  it('accepts a valid path and loads it with a version', () => {
    const root = fixture({ 'alpha-cert.yaml': VALID });
    expect(checkContent(loadContent(root))).toEqual([]);
    const [path] = loadPathsFromDisk(root);
    expect(path).toMatchObject({ id: 'alpha-cert', modules: ['alpha'], validityMonths: 12, refresher: false });
    expect(path!.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('names an unknown module with its field path', () => {
    expect(problems({ 'alpha-cert.yaml': VALID.replace('[alpha]', '[alpha, beta]') })).toEqual([
      'content/paths/alpha-cert.yaml: module 2: no module "beta" exists. Fix: Use the folder name of a module in content/modules/, or create content/modules/beta/module.yaml.',
    ]);
  });

  it('refuses more electives than listed and renewal without validity', () => {
    const text = VALID.replace('validityMonths: 12\n', '').replace(
      'modules: [alpha]',
      'modules: [alpha]\nelectives:\n  choose: 2\n  from: []',
    );
    expect(problems({ 'alpha-cert.yaml': text.replace('from: []', 'from: [alpha]') })).toEqual([
      'content/paths/alpha-cert.yaml: electives.from 1: module "alpha" is listed twice. Fix: List each module once, either as required or as an elective.',
      'content/paths/alpha-cert.yaml: electives.choose: asks for 2 electives but lists 1. Fix: Lower "choose" or list more modules under "from".',
      'content/paths/alpha-cert.yaml: recertification: a certificate that never expires cannot be renewed. Fix: Add "validityMonths" or remove "recertification".',
    ]);
  });

  it('names a refresher that does not exist or is not a refresher', () => {
    const text = VALID.replace('noticeDays: 30', 'noticeDays: 30\n  refresher: alpha-short');
    expect(problems({ 'alpha-cert.yaml': text })).toEqual([
      'content/paths/alpha-cert.yaml: recertification.refresher: no path "alpha-short" exists. Fix: Create content/paths/alpha-short.yaml with "refresher: true", or correct the id.',
    ]);
    expect(
      problems({ 'alpha-cert.yaml': text, 'alpha-short.yaml': VALID.replace('\nrecertification:\n  noticeDays: 30', '') }),
    ).toEqual([
      'content/paths/alpha-cert.yaml: recertification.refresher: path "alpha-short" is not a refresher. Fix: Create content/paths/alpha-short.yaml with "refresher: true", or correct the id.',
    ]);
  });

  it('reports schema problems with the field path', () => {
    expect(problems({ 'alpha-cert.yaml': VALID.replace('validityMonths: 12', 'validityMonths: twelve') })).toEqual([
      'content/paths/alpha-cert.yaml: validityMonths: expected number, got "twelve". Fix: Correct the value as described.',
    ]);
  });

  it("accepts the course's own paths", () => {
    const root = join(import.meta.dirname, '../..');
    const own = loadContent(root);
    expect(checkContent({ ...own, lessons: [] }).filter((p) => p.file.startsWith('content/paths/'))).toEqual([]);
    expect(loadPathsFromDisk(root).map((p) => p.id)).toEqual(['customer-care-refresher', 'customer-care-standards']);
  });
});
