// The studio over HTTP against the real built server: who may use it, the check endpoint against
// `npm run content:check`, saving a draft from the quiz form, and a conflicting save refused with both
// versions shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { parse } from 'yaml';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { copyProjectRoot } from '../helpers/studio-root.ts';
import { quizSchema } from '../../src/schemas/quiz.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';
import { moduleSchema } from '../../src/schemas/module.ts';
import { lessonSchema } from '../../src/schemas/lesson.ts';
import { splitLesson } from '../../src/lib/studio/yaml-text.ts';

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

  it('marks a published file for deletion as a draft, and discarding the draft keeps the file', async () => {
    const cookie = await cookieFor(s.db, 'trainer@example.com');
    const page = '/studio/scenarios/the-interns-idea';
    const res = await postForm(s.origin, page, { _intent: 'delete', _savedAt: '' }, { cookie });
    expect(res.status).toBe(303);
    const draftFile = join(studio.root, '.studio/drafts/scenarios/the-interns-idea.yaml.json');
    expect(JSON.parse(readFileSync(draftFile, 'utf8'))).toMatchObject({ deleted: true, body: '' });
    expect(existsSync(join(studio.root, 'content/scenarios/the-interns-idea.yaml'))).toBe(true);
    expect(await (await get(s.origin, page, cookie)).text()).toContain('marked for deletion');
    expect((await postForm(s.origin, page, { _intent: 'discard' }, { cookie })).status).toBe(303);
    expect(existsSync(draftFile)).toBe(false);
  });

  it('refuses a button the page does not have, and saves nothing', async () => {
    const cookie = await cookieFor(s.db, 'trainer@example.com');
    const res = await postForm(s.origin, '/studio/quizzes/untouched-quiz', { intent: 'nothing' }, { cookie });
    expect(res.status).toBe(400);
    expect(existsSync(join(studio.root, '.studio/drafts/quizzes/untouched-quiz.yaml.json'))).toBe(false);
  });
});

/** A text area's HTML as the browser reads it (linkedom keeps its entities). */
const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The fields a browser would send for the studio form on `html`, pressing "Save draft and check". */
function formEntries(html: string): [string, string][] {
  const { document } = parseHTML(html);
  const form = document.querySelector('form.studio-form')!;
  // A multipart form (the lesson editor) sends the same fields.
  const entries: [string, string][] = [['_intent', 'save']];
  for (const el of form.querySelectorAll('input, textarea, select')) {
    const name = el.getAttribute('name');
    const type = el.getAttribute('type');
    if (!name || name === '_intent' || type === 'file') continue;
    if (type === 'checkbox' && !el.hasAttribute('checked')) continue;
    if (el.tagName === 'TEXTAREA') entries.push([name, decode(el.innerHTML)]);
    else if (el.tagName === 'SELECT')
      entries.push([
        name,
        el.querySelector('option[selected]')?.getAttribute('value') ?? el.querySelector('option')?.getAttribute('value') ?? '',
      ]);
    else entries.push([name, el.getAttribute('value') ?? '']);
  }
  return entries;
}

describe('a form saved unchanged keeps the file’s content', () => {
  const files = [
    ...readdirSync(join(REPO, 'content/quizzes')).map((name) => ({
      path: `quizzes/${name}`,
      page: `/studio/quizzes/${name.replace(/\.yaml$/, '')}`,
    })),
    ...readdirSync(join(REPO, 'content/scenarios')).map((name) => ({
      path: `scenarios/${name}`,
      page: `/studio/scenarios/${name.replace(/\.yaml$/, '')}`,
    })),
    ...readdirSync(join(REPO, 'content/modules')).map((id) => ({
      path: `modules/${id}/module.yaml`,
      page: `/studio/modules/${id}`,
    })),
    ...readdirSync(join(REPO, 'content/modules/empathy'))
      .filter((name) => name.endsWith('.mdx'))
      .map((name) => ({ path: `modules/empathy/${name}`, page: `/studio/modules/empathy/${name.replace(/\.mdx$/, '')}` })),
  ];

  it.each(files)('$path', async ({ path, page }) => {
    const cookie = await cookieFor(s.db, 'admin@example.com');
    const html = await (await get(s.origin, page, cookie)).text();
    const form = new FormData();
    for (const [name, value] of formEntries(html)) form.append(name, value);
    const res = await postForm(s.origin, page, form, { cookie });
    expect(res.status).toBe(303);
    const draftFile = join(studio.root, '.studio/drafts', `${path}.json`);
    const draft = JSON.parse(readFileSync(draftFile, 'utf8')).body as string;
    rmSync(draftFile);
    const published = readFileSync(join(REPO, 'content', path), 'utf8');
    if (path.endsWith('.mdx')) {
      const [before, after] = [splitLesson(draft), splitLesson(published)];
      expect(lessonSchema.parse(parse(before.frontmatter))).toEqual(lessonSchema.parse(parse(after.frontmatter)));
      expect(before.body.trim()).toBe(after.body.trim());
      return;
    }
    // Compared as the site reads them: a field left at its default (draft: false) may be written or not.
    const schema = path.startsWith('quizzes/') ? quizSchema : path.startsWith('scenarios/') ? scenarioSchema : moduleSchema;
    expect(schema.parse(parse(draft))).toEqual(schema.parse(parse(published)));
  });
});
