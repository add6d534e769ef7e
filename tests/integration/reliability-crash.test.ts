// Crash safety: the built server on a database file, killed with SIGKILL in the middle of write load
// and started again on the same file. The file must be intact and every write the server acknowledged
// (a 2xx or 3xx reached the client) must still be there.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';
import { migrateDb } from '../../src/lib/server/db/migrate.ts';
import { spawnServer, stopServer, type ServerProcess } from '../helpers/process-server.ts';
import { count, createLearners, mapLimit, postEntries, readQuizForm, type Learner } from '../helpers/learners.ts';

const CONTENT = resolve(import.meta.dirname, '../../content/modules');
const isDraft = (path: string) => /^draft: true$/m.test(readFileSync(path, 'utf8'));
/** Every published lesson as [module, lesson]. */
const LESSONS = readdirSync(CONTENT)
  .filter((m) => !isDraft(join(CONTENT, m, 'module.yaml')))
  .flatMap((m) =>
    readdirSync(join(CONTENT, m))
      .filter((f) => f.endsWith('.mdx') && !isDraft(join(CONTENT, m, f)))
      .map((f) => [m, f.replace(/\.mdx$/, '')] as const),
  );
const QUIZZES = ['empathy-check-1', 'feedback-loops-check-1', 'mutual-respect-check-1'];
const KILL_AFTER_ACKS = 120;

interface Acked {
  completions: { userId: string; moduleId: string; lessonId: string }[];
  attempts: string[];
}

let dir: string;
let dbUrl: string;
let learners: Learner[];
let first: ServerProcess;
let second: ServerProcess | undefined;
let db: Db | undefined;
const acked: Acked = { completions: [], attempts: [] };
let pending = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-crash-'));
  dbUrl = `file:${join(dir, 'crash.db')}`;
  const setup = await openDb({ url: dbUrl });
  await migrateDb(setup);
  learners = await createLearners(setup, 20, 'crash');
  setup.$client.close();
  first = await spawnServer(dbUrl);
});
afterAll(async () => {
  if (first) await stopServer(first, 'SIGKILL');
  if (second) await stopServer(second);
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One learner working through every lesson, taking a knowledge check now and then, until the crash. */
async function work(origin: string, l: Learner, killed: () => boolean, onAck: () => void): Promise<void> {
  for (const [i, [moduleId, lessonId]] of LESSONS.entries()) {
    if (killed()) return;
    try {
      const res = await postEntries(origin, `/modules/${moduleId}/${lessonId}`, [['intent', 'complete']], l.cookie);
      if (res.status >= 200 && res.status < 400) {
        acked.completions.push({ userId: l.id, moduleId, lessonId });
        onAck();
      }
      const quiz = i % 6 === 0 ? QUIZZES[i / 6] : undefined;
      if (!quiz) continue;
      const page = await fetch(`${origin}/quizzes/${quiz}`, { headers: { cookie: l.cookie } });
      const form = readQuizForm(await page.text());
      if (!form) continue;
      const submitted = await postEntries(origin, `/quizzes/${quiz}`, form.entries, l.cookie);
      await submitted.text();
      // A stored submission redirects to its result.
      if (submitted.status === 303) {
        acked.attempts.push(form.attemptId);
        onAck();
      }
    } catch {
      // The connection died with the server: this write was never acknowledged.
      return;
    }
  }
}

describe('a server killed with SIGKILL under write load', () => {
  beforeAll(async () => {
    let killedAt = 0;
    const onAck = () => {
      if (killedAt === 0 && acked.completions.length + acked.attempts.length >= KILL_AFTER_ACKS) {
        killedAt = Date.now();
        first.child.kill('SIGKILL');
      }
    };
    const load = mapLimit(learners, 8, (l) => work(first.origin, l, () => killedAt !== 0, onAck));
    await load;
    pending = learners.length * LESSONS.length - acked.completions.length;
    expect(await first.exited).toBe('SIGKILL');
    second = await spawnServer(dbUrl);
    db = await openDb({ url: dbUrl });
  }, 120_000);

  it('was killed in the middle of the load, not after it', () => {
    expect(acked.completions.length).toBeGreaterThan(0);
    expect(acked.attempts.length).toBeGreaterThan(0);
    expect(pending).toBeGreaterThan(0);
  });

  it('leaves a database file that passes integrity and foreign key checks', async () => {
    const integrity = await db!.$client.execute('PRAGMA integrity_check');
    expect(integrity.rows.map((r) => r[0])).toEqual(['ok']);
    const foreign = await db!.$client.execute('PRAGMA foreign_key_check');
    expect(foreign.rows).toEqual([]);
  });

  it('keeps every acknowledged lesson completion', async () => {
    const missing = [];
    for (const c of acked.completions) {
      const n = await count(
        db!,
        'select count(*) as n from lesson_progress where user_id = ? and module_id = ? and lesson_id = ? and completed_at is not null',
        [c.userId, c.moduleId, c.lessonId],
      );
      if (n !== 1) missing.push(c);
    }
    expect(missing).toEqual([]);
  });

  it('keeps every acknowledged quiz submission with its answers', async () => {
    for (const id of acked.attempts) {
      expect(await count(db!, "select count(*) as n from quiz_attempts where id = ? and status = 'submitted'", [id])).toBe(1);
      expect(await count(db!, 'select count(*) as n from quiz_responses where attempt_id = ?', [id])).toBeGreaterThan(0);
    }
    // Acknowledged or cut off by the kill: no attempt is ever submitted without its answers (one transaction).
    const bare = await count(
      db!,
      "select count(*) as n from quiz_attempts a where a.status = 'submitted' and not exists (select 1 from quiz_responses r where r.attempt_id = a.id)",
      [],
    );
    expect(bare).toBe(0);
  });

  it('serves and records again after the restart', async () => {
    const l = learners[0]!;
    const [moduleId, lessonId] = LESSONS.at(-1)!;
    const res = await postEntries(second!.origin, `/modules/${moduleId}/${lessonId}`, [['intent', 'complete']], l.cookie);
    expect(res.status).toBe(303);
    expect(
      await count(
        db!,
        'select count(*) as n from lesson_progress where user_id = ? and module_id = ? and lesson_id = ? and completed_at is not null',
        [l.id, moduleId, lessonId],
      ),
    ).toBe(1);
    expect(second!.output()).not.toMatch(/error/i);
  });
});
