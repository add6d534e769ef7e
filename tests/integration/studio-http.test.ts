// The studio over HTTP against the real built server: who may use it, the check endpoint against
// `npm run content:check`, saving a draft from the quiz form, and a conflicting save refused with both
// versions shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { copyProjectRoot } from '../helpers/studio-root.ts';

const REPO = resolve(import.meta.dirname, '../..');
let s: TestServer;
let studio: ReturnType<typeof copyProjectRoot>;
beforeAll(async () => {
  studio = copyProjectRoot();
  s = await startServer({ env: { STUDIO_ROOT: studio.root } });
});
afterAll(async () => {
  await s?.stop();
  studio?.remove();
});

const PAGES = [
  '/studio',
  '/studio/modules/empathy',
  '/studio/modules/empathy/what-empathy-looks-like',
  '/studio/quizzes/empathy-quiz',
  '/studio/scenarios/the-day-after-the-repair',
];

describe('who may use the studio', () => {
  it.each(
    PAGES.flatMap((path) => [
      ['learner@example.com', path, 403],
      ['manager@example.com', path, 403],
      ['trainer@example.com', path, 200],
      ['admin@example.com', path, 200],
    ]),
  )('%s GET %s -> %i', async (email, path, status) => {
    expect((await get(s.origin, path as string, await cookieFor(s.db, email as string))).status).toBe(status);
  });

  it.each([...PAGES, '/studio/check'])('sends signed-out visitors of %s to sign-in, and refuses their posts', async (path) => {
    expect((await get(s.origin, path)).status).toBe(303);
    expect((await postForm(s.origin, path, { _intent: 'save', path: 'quizzes/empathy-quiz.yaml', body: 'x' })).status).toBe(303);
  });

  it.each(['learner@example.com', 'manager@example.com'])('refuses posts from %s and writes nothing', async (email) => {
    const cookie = await cookieFor(s.db, email);
    for (const path of [...PAGES.slice(1), '/studio/check']) {
      const res = await postForm(
        s.origin,
        path,
        { _intent: 'save', title: 'Hijacked', path: 'quizzes/empathy-quiz.yaml', body: 'x' },
        { cookie },
      );
      expect(res.status).toBe(403);
    }
    expect(existsSync(join(studio.root, '.studio'))).toBe(false);
  });

  it('refuses a cross-site post from a trainer', async () => {
    const cookie = await cookieFor(s.db, 'trainer@example.com');
    const res = await postForm(
      s.origin,
      '/studio/quizzes/empathy-quiz',
      { _intent: 'save', title: 'x' },
      { cookie, origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
  });

  it('answers a path outside content/ with 404 or 400', async () => {
    const cookie = await cookieFor(s.db, 'trainer@example.com');
    expect((await get(s.origin, '/studio/quizzes/..%2F..%2Fpackage', cookie)).status).toBe(404);
    expect((await get(s.origin, '/studio/quizzes/Not_Kebab', cookie)).status).toBe(404);
    const res = await postForm(s.origin, '/studio/check', { path: '../package.json', body: '{}' }, { cookie });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/climbs out of content/);
  });
});

describe('the check endpoint', () => {
  it('returns exactly the lines content:check prints for the same file', async () => {
    // A quiz with two problems the lint and the schema find: an unknown module and an "all of the above" option.
    const body = readFileSync(join(REPO, 'content/quizzes/empathy-quiz.yaml'), 'utf8')
      .replace(/^module: .*$/m, 'module: no-such-module')
      .replace(/(options:\n\s+- id: )([a-z0-9-]+)\n(\s+)text: .*$/m, '$1$2\n$3text: All of the above');
    const cookie = await cookieFor(s.db, 'trainer@example.com');
    const res = await postForm(s.origin, '/studio/check', { path: 'quizzes/empathy-quiz.yaml', body }, { cookie });
    expect(res.status).toBe(200);
    const fromEndpoint = ((await res.json()).problems as { line: string; severity: string }[]).map(
      (p) => `${p.severity}: ${p.line}`,
    );
    expect(fromEndpoint.length).toBeGreaterThanOrEqual(2);

    const other = copyProjectRoot();
    try {
      writeFileSync(join(other.root, 'content/quizzes/empathy-quiz.yaml'), body);
      const printed = await promisify(execFile)(process.execPath, [join(REPO, 'scripts/content-check.ts'), other.root]).catch(
        (error: { stderr: string }) => ({ stderr: error.stderr }),
      );
      const lines = printed.stderr
        .split('\n')
        .filter((line) => /^(error|warning): content\/quizzes\/empathy-quiz\.yaml:/.test(line));
      expect(fromEndpoint.sort()).toEqual(lines.sort());
    } finally {
      other.remove();
    }
  });
});

describe('saving from the quiz form', () => {
  const fields = (title: string, savedAt: string) => ({
    _intent: 'save',
    _savedAt: savedAt,
    title,
    module: 'empathy',
    'questions.0.type': 'truefalse',
    'questions.0.id': 'empathy-is-agreement',
    'questions.0.prompt': 'Showing empathy means agreeing with the other person.',
    'questions.0.explanation': 'You can understand a feeling without sharing the view behind it.',
    'questions.0.options.0.id': 'true',
    'questions.0.options.0.text': 'True',
    'questions.0.options.0.feedback': 'Understanding is not agreeing.',
    'questions.0.options.1.id': 'false',
    'questions.0.options.1.text': 'False',
    'questions.0.options.1.correct:bool': 'true',
    'questions.0.options.1.feedback': 'Right: you can acknowledge without agreeing.',
  });

  it('saves a draft, then refuses a save over a draft the trainer did not load, showing both versions', async () => {
    const trainer = await cookieFor(s.db, 'trainer@example.com');
    const admin = await cookieFor(s.db, 'admin@example.com');
    const first = await postForm(s.origin, '/studio/quizzes/studio-test-quiz', fields('Trainer title', ''), { cookie: trainer });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/studio/quizzes/studio-test-quiz?saved=1');
    const draftFile = join(studio.root, '.studio/drafts/quizzes/studio-test-quiz.yaml.json');
    const draft = JSON.parse(readFileSync(draftFile, 'utf8'));
    expect(draft.body).toContain('title: Trainer title');
    expect(draft.body).toContain('id: "true"');
    expect(draft.baseSha256).toBeNull();

    // The admin opened the editor before the trainer saved: no draft then.
    const second = await postForm(s.origin, '/studio/quizzes/studio-test-quiz', fields('Admin title', ''), { cookie: admin });
    expect(second.status).toBe(409);
    const page = await second.text();
    expect(page).toContain('Someone else saved this file while you were editing');
    expect(page).toContain('Admin title');
    expect(page).toContain('Trainer title');
    expect(JSON.parse(readFileSync(draftFile, 'utf8')).body).toContain('title: Trainer title');

    // Having seen both, the admin keeps theirs.
    const mine = page
      .match(/name="_mine" value="([^"]*)"/)![1]!
      .replace(/&#10;/g, '\n')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const keep = await postForm(
      s.origin,
      '/studio/quizzes/studio-test-quiz',
      { _intent: 'keep-mine', _mine: mine, _theirsSavedAt: draft.savedAt },
      { cookie: admin },
    );
    expect(keep.status).toBe(303);
    expect(JSON.parse(readFileSync(draftFile, 'utf8')).body).toContain('title: Admin title');
  });

  it('refuses a button the page does not have, and saves nothing', async () => {
    const cookie = await cookieFor(s.db, 'trainer@example.com');
    const res = await postForm(s.origin, '/studio/quizzes/untouched-quiz', { intent: 'nothing' }, { cookie });
    expect(res.status).toBe(400);
    expect(existsSync(join(studio.root, '.studio/drafts/quizzes/untouched-quiz.yaml.json'))).toBe(false);
  });
});
