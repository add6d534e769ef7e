// Publishing from the studio on the real server (scripts/serve.ts, supervisor and worker) in a copy of the
// project that is also a git checkout: a publish builds beside the running site and swaps it in while a loop of
// requests sees no failure; the content check's errors refuse and its warnings need a reason; a draft that
// breaks the build leaves the site and content/ as they were and says where; a stale draft is refused with both
// versions; a revert restores what was there; learners, managers and anonymous visitors are refused.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject } from '../helpers/project-copy.ts';
import { spawnServer, stopServer, type ServerProcess } from '../helpers/process-server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';
import { migrateDb } from '../../src/lib/server/db/migrate.ts';
import { seedDemoIfEmpty } from '../../src/lib/server/demo/seed.ts';
import { discardDraft, readDraft, saveDraft, sha256 } from '../../src/lib/server/studio/drafts.ts';
import { builtFrom, sourceHash } from '../../src/integrations/build-stamp.ts';

const LESSON = 'modules/empathy/what-empathy-looks-like.mdx';
const LESSON_URL = '/modules/empathy/what-empathy-looks-like';
/** "chairman" draws the inclusive-language warning, which a publish accepts only with a reason. */
const MARKER = 'Ask the chairman of the project what a good outcome looks like.';
const QUIZ = 'quizzes/empathy-check-1.yaml';

let copy: string;
let db: Db;
let server: ServerProcess;
let trainer: string;
let original: string;
const previousRoot = process.env.STUDIO_ROOT;

const git = (...args: string[]) => execFileSync('git', args, { cwd: copy, encoding: 'utf8' }).trim();
const published = (path: string) => readFileSync(join(copy, 'content', path), 'utf8');

beforeAll(async () => {
  copy = copyProject('rapport-publish-');
  // Drafts are saved as the studio saves them, into the copy (drafts.ts reads STUDIO_ROOT).
  process.env.STUDIO_ROOT = copy;
  git('init', '--quiet');
  git('add', 'content');
  git('-c', 'user.name=Setup', '-c', 'user.email=setup@example.com', 'commit', '--quiet', '-m', 'Content before the studio');
  const dbUrl = `file:${join(copy, 'data', 'rapport.db')}`;
  db = await openDb({ url: dbUrl });
  await migrateDb(db);
  await seedDemoIfEmpty(db);
  server = await spawnServer(dbUrl, { STUDIO_ROOT: copy }, join(copy, 'scripts/serve.ts'));
  trainer = await cookieFor(db, 'trainer@example.com');
  original = published(LESSON);
}, 60_000);

afterAll(async () => {
  if (server) await stopServer(server);
  db?.$client.close();
  if (previousRoot === undefined) delete process.env.STUDIO_ROOT;
  else process.env.STUDIO_ROOT = previousRoot;
  rmSync(copy, { recursive: true, force: true });
});

async function draft(path: string, body: string, baseSha256 = sha256(published(path))) {
  const saved = await saveDraft({
    path,
    body,
    baseSha256,
    author: 'trainer',
    expectedDraftSavedAt: (await readDraft(path))?.savedAt ?? null,
  });
  if (!saved.ok) throw new Error(`draft of ${path} conflicted`);
}

const publishPost = (fields: Record<string, string> = {}) =>
  postForm(server.origin, '/studio/publish', { intent: 'publish', ...fields }, { cookie: trainer });

/** Waits for the latest publish to end and returns the publish page then. */
async function settled(): Promise<string> {
  for (let i = 0; i < 900; i++) {
    const row = await db.$client.execute('select status from publishes order by id desc limit 1');
    if (row.rows[0]?.status !== 'running') return (await get(server.origin, '/studio/publish', trainer)).text();
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the publish did not end within three minutes');
}

/** Requests the lesson and a static file over and over, counting answers other than 200 and network errors. */
function requestLoop(cookie: string) {
  let running = true;
  const failures: string[] = [];
  let count = 0;
  const one = async (path: string) => {
    while (running) {
      try {
        const res = await get(server.origin, path, cookie);
        await res.arrayBuffer();
        if (res.status !== 200) failures.push(`${path}: ${res.status}`);
      } catch (error) {
        failures.push(`${path}: ${(error as Error).message} ${String((error as Error).cause ?? '')}`);
      }
      count++;
    }
  };
  const loops = Promise.all([one(LESSON_URL), one(LESSON_URL), one('/favicon.svg'), one('/modules')]);
  return {
    count: () => count,
    async stop() {
      running = false;
      await loops;
      return failures;
    },
  };
}

describe('publishing from the studio', () => {
  it('refuses learners, managers and anonymous visitors on every publishing route', async () => {
    const learner = await cookieFor(db, 'learner@example.com');
    const manager = await cookieFor(db, 'manager@example.com');
    for (const path of ['/studio/publish', '/studio/history']) {
      for (const [cookie, status] of [
        [learner, 403],
        [manager, 403],
        [undefined, 303],
      ] as const) {
        expect((await get(server.origin, path, cookie)).status).toBe(status);
        const post = await postForm(
          server.origin,
          path,
          { intent: path.endsWith('publish') ? 'publish' : 'revert', publish: '1' },
          { cookie },
        );
        expect(post.status).toBe(status);
      }
    }
    expect((await db.$client.execute('select count(*) as n from publishes')).rows[0]!.n).toBe(0);
  });

  it('refuses a draft begun on a version since replaced, showing both versions', async () => {
    await draft(LESSON, `${original}\nA stale edit.\n`, sha256('the lesson as it was a week ago'));
    const res = await publishPost();
    const page = await res.text();
    expect(res.status).toBe(409);
    expect(page).toContain('Published now');
    expect(page).toContain('A stale edit.');
    expect(page).toContain('What empathy looks like');
    expect(published(LESSON)).toBe(original);
    await discardDraft(LESSON);
  });

  it('refuses a lint error with its file, field and fix, and asks a reason for warnings', async () => {
    await draft(QUIZ, published(QUIZ).replace(/^module: empathy$/m, 'module: no-such-module'));
    const refused = await publishPost();
    const page = await refused.text();
    expect(refused.status).toBe(422);
    expect(page).toMatch(new RegExp(`content/${QUIZ}: module: .*no-such-module`));
    expect(page).toContain('Fix:');
    await discardDraft(QUIZ);

    await draft(LESSON, `${original.trimEnd()}\n\n${MARKER}\n`);
    const asked = await publishPost();
    expect(asked.status).toBe(422);
    expect(await asked.text()).toContain('prose/inclusive-language');
  });

  it('previews the drafts as learners will see them, to trainers only, while learners still see the published lesson', async () => {
    const learner = await cookieFor(db, 'learner@example.com');
    expect((await postForm(server.origin, '/studio/preview', { intent: 'build' }, { cookie: trainer })).status).toBe(303);
    await expect
      .poll(async () => (await (await get(server.origin, '/studio/preview', trainer)).text()).includes('is ready'), {
        timeout: 120_000,
        interval: 500,
      })
      .toBe(true);
    const preview = await get(server.origin, `/studio/preview${LESSON_URL}`, trainer);
    const page = await preview.text();
    expect(preview.status).toBe(200);
    expect(page).toContain(MARKER);
    expect(page).toContain('Preview of the studio');
    // Its links stay inside the preview; the live lesson and a learner are untouched by it.
    expect(page).toContain('href="/studio/preview/modules/empathy"');
    expect(await (await get(server.origin, LESSON_URL, learner)).text()).not.toContain(MARKER);
    expect((await get(server.origin, `/studio/preview${LESSON_URL}`, learner)).status).toBe(403);
    // Nothing is posted through a preview.
    expect(
      (await postForm(server.origin, `/studio/preview${LESSON_URL}`, { intent: 'complete' }, { cookie: trainer })).status,
    ).toBe(405);
  }, 200_000);

  it('publishes: builds beside the site, swaps it in with no failed request, writes content/, commits as the trainer', async () => {
    const learner = await cookieFor(db, 'learner@example.com');
    const loop = requestLoop(learner);
    const res = await publishPost({ reason: 'A quoted job title in a real conversation.' });
    expect(res.status).toBe(303);
    const page = await settled();
    // A few more rounds against the new build, then the loop's verdict.
    await new Promise((r) => setTimeout(r, 1000));
    const failures = await loop.stop();
    expect(page).toContain('is live');
    expect(failures).toEqual([]);
    expect(loop.count()).toBeGreaterThan(50);
    expect(await (await get(server.origin, LESSON_URL, learner)).text()).toContain(MARKER);
    expect(published(LESSON)).toContain(MARKER);
    expect(await readDraft(LESSON)).toBeNull();
    expect(git('log', '-1', '--format=%an <%ae>%n%s')).toBe('Theo Brandt <trainer@example.com>\nPublish 1 from the studio');
    const row = (await db.$client.execute('select files, warnings, reason from publishes where id = 1')).rows[0]!;
    expect(JSON.parse(String(row.files))).toEqual([
      { path: LESSON, before: original, after: `${original.trimEnd()}\n\n${MARKER}\n` },
    ]);
    expect(String(row.warnings)).toContain('prose/inclusive-language');
    // Once the old worker has gone, dist/ is the swapped build and `npm start` would not rebuild.
    await expect.poll(() => builtFrom(copy), { timeout: 30_000 }).toBe(sourceHash(copy));
  }, 200_000);

  it('keeps the site and content/ as they were when the build fails, and says where', async () => {
    const broken = published(LESSON).replace(
      /\n---\n/,
      "\n---\nimport Missing from '../../../src/components/mdx/Missing.astro';\n\n",
    );
    await draft(LESSON, broken);
    expect((await publishPost({ reason: 'The quoted job title again.' })).status).toBe(303);
    const page = await settled();
    expect(page).toContain('failed; learners still see the site as it was');
    expect(page).toContain(`content/${LESSON}, line 2`);
    expect(page).toContain('Fix:');
    expect(published(LESSON)).toContain(MARKER);
    expect(published(LESSON)).not.toContain('Missing');
    expect(await (await get(server.origin, LESSON_URL, trainer)).text()).toContain(MARKER);
    expect((await readDraft(LESSON))?.body).toBe(broken);
    await discardDraft(LESSON);
  }, 200_000);

  it('shows what a publish changed and reverts it through the same build', async () => {
    const history = await (await get(server.origin, '/studio/history?publish=1', trainer)).text();
    expect(history).toMatch(new RegExp(`<ins class="add"[^>]*>\\+ ${MARKER}`));
    expect(
      (await postForm(server.origin, '/studio/history', { intent: 'revert', publish: '1' }, { cookie: trainer })).status,
    ).toBe(303);
    expect(await settled()).toContain('Revert of publish 1 is live');
    expect(published(LESSON)).toBe(original);
    expect(await (await get(server.origin, LESSON_URL, trainer)).text()).not.toContain(MARKER);
    expect(git('log', '-1', '--format=%an%n%s')).toBe('Theo Brandt\nRevert publish 1 (publish 3)');
  }, 200_000);
});
