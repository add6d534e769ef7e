// The demo organisation's history, seeded on first run (src/lib/server/demo/demo-activity.ts), against a real
// libSQL file: written through the app's own write paths, with something for every dashboard to show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { count } from '../helpers/learners.ts';
import { seedDemoIfEmpty } from '../../src/lib/server/demo/seed.ts';
import { seedDemoActivity } from '../../src/lib/server/demo/demo-activity.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { quizAttemptData } from '../../src/lib/server/insight/analytics.ts';
import { analyseQuiz } from '../../src/lib/insight/item-analysis.ts';
import { evidenceOf } from '../../src/lib/server/skills/evidence.ts';
import { teamSkillFigures } from '../../src/lib/server/skills/groups.ts';
import { profile } from '../../src/lib/skills/method.ts';
import { retentionByObjective } from '../../src/lib/server/review/retention.ts';

const course = loadCourseFromDisk(resolve(import.meta.dirname, '../..'));
const NOW = new Date('2026-11-29T09:00:00Z');
const DAY = 86_400_000;

async function seeded(): Promise<TestDb> {
  const t = await freshDb();
  await seedDemoIfEmpty(t.db);
  await seedDemoActivity(t.db, t.store, course, { now: NOW });
  return t;
}

let t: TestDb;
beforeAll(async () => {
  t = await seeded();
}, 60_000);
afterAll(() => t.close());

const n = (sql: string, args: (string | number)[] = []) => count(t.db, sql, args);

describe('the demo history', () => {
  it('leaves Lena two lessons into the first module, with the third open', async () => {
    const lena = "(select id from users where email = 'learner@example.com')";
    expect(await n(`select count(*) as n from lesson_progress where user_id = ${lena}`)).toBe(3);
    expect(await n(`select count(*) as n from lesson_progress where completed_at is not null and user_id = ${lena}`)).toBe(2);
    const first = course.modules[0]!;
    const versions = await t.db.$client.execute(
      `select lesson_id, completed_version from lesson_progress where completed_at is not null and user_id = ${lena}`,
    );
    // Completed at the lessons' current versions, as the lesson page records them.
    for (const row of versions.rows)
      expect(row.completed_version).toBe(first.lessons.find((l) => l.id === row.lesson_id)!.version);
  });

  it('has people at every stage: not started, stalled, through whole modules', async () => {
    const perLearner = await t.db.$client.execute(
      "select u.email, count(p.lesson_id) as done from users u left join lesson_progress p on p.user_id = u.id and p.completed_at is not null where u.role = 'learner' and u.team_id is not null group by u.id",
    );
    const done = perLearner.rows.map((r) => Number(r.done));
    expect(done).toHaveLength(16);
    const firstModule = course.modules[0]!.lessons.length;
    expect(done.some((d) => d === 0)).toBe(true);
    expect(done.some((d) => d > 0 && d < firstModule)).toBe(true);
    expect(done.filter((d) => d >= firstModule).length).toBeGreaterThanOrEqual(3);
    // Only team members have a history; managers (learners who manage a team), the trainer and the admin start blank.
    expect(
      await n(
        "select count(*) as n from lesson_progress p join users u on u.id = p.user_id where u.role != 'learner' or u.team_id is null",
      ),
    ).toBe(0);
  });

  it('grades every quiz attempt on the server, with its answers, and gives trainers figures to read', async () => {
    expect(await n("select count(*) as n from quiz_attempts where status = 'submitted'")).toBeGreaterThanOrEqual(3);
    expect(await n("select count(*) as n from quiz_attempts where status != 'submitted'")).toBe(0);
    expect(
      await n(
        'select count(*) as n from quiz_attempts a where not exists (select 1 from quiz_responses r where r.attempt_id = a.id)',
      ),
    ).toBe(0);
    const quiz = course.quizzes.get(course.modules[0]!.quiz!.id)!;
    const analysis = analyseQuiz(quiz, await quizAttemptData(t.db, quiz.id));
    expect(analysis.attempts).toBeGreaterThanOrEqual(3);
    expect(analysis.questions.some((q) => q.answered > 0)).toBe(true);
    // Knowledge checks too: no pass mark, so `passed` stays empty.
    expect(await n("select count(*) as n from quiz_attempts where status = 'submitted' and passed is null")).toBeGreaterThan(0);
  });

  it('plays role-plays to their endings (a few left halfway) and collects ratings', async () => {
    expect(await n("select count(*) as n from scenario_runs where status = 'finished'")).toBeGreaterThanOrEqual(3);
    // Left halfway: still active, waiting at a node after at least one decision.
    const left = "from scenario_runs r where r.status = 'active'";
    expect(await n(`select count(*) as n ${left}`)).toBeGreaterThan(0);
    expect(
      await n(
        `select count(*) as n ${left} and (r.node_id is null or not exists (select 1 from scenario_steps s where s.run_id = r.id))`,
      ),
    ).toBe(0);
    expect(await n("select count(*) as n from scenario_runs where status = 'abandoned'")).toBe(0);
    expect(await n('select count(*) as n from lesson_feedback')).toBeGreaterThan(0);
    expect(await n('select count(*) as n from lesson_feedback where rating not between 1 and 5')).toBe(0);
  });

  it('has each manager assign two modules to their team, one already overdue', async () => {
    expect(await n('select count(*) as n from assignments')).toBe(32);
    expect(await n('select count(*) as n from assignments where due_at < ?', [NOW.getTime()])).toBe(16);
    expect(await n('select count(*) as n from assignments where due_at = ?', [NOW.getTime() + 7 * DAY])).toBe(16);
    expect(await n('select count(*) as n from assignments where assigned_by is null or team_id is null')).toBe(0);
  });

  it('has learners practise replies with the real analyser: drafts that miss something, revisions, a few shared', async () => {
    const lena = "(select id from users where email = 'learner@example.com')";
    expect(await n(`select count(*) as n from practice_replies where user_id = ${lena}`)).toBe(0);
    expect(await n('select count(distinct prompt_id) as n from practice_replies')).toBeGreaterThanOrEqual(10);
    expect(await n('select count(*) as n from practice_replies where version = 2')).toBeGreaterThan(0);
    expect(await n('select count(*) as n from practice_replies where shared_at is not null')).toBeGreaterThan(0);
    expect(await n('select count(*) as n from practice_disagreements')).toBeGreaterThan(0);
    expect(await n('select count(*) as n from practice_replies where created_at > ?', [NOW.getTime()])).toBe(0);
    // A revision (the full model reply) meets more of the rubric than the draft it revised.
    const met = await t.db.$client.execute(
      `select r1.analysis as first, r2.analysis as second from practice_replies r1 join practice_replies r2
         on r2.user_id = r1.user_id and r2.prompt_id = r1.prompt_id and r2.version = 2 where r1.version = 1`,
    );
    const countMet = (json: unknown) =>
      (JSON.parse(String(json)) as { criteria: { met: boolean }[] }).criteria.filter((c) => c.met).length;
    for (const row of met.rows) expect(countMet(row.second)).toBeGreaterThanOrEqual(countMet(row.first));
    expect(met.rows.some((row) => countMet(row.second) > countMet(row.first))).toBe(true);
  });

  it('writes everything in the past, up to the moment of seeding', async () => {
    expect(await n('select count(*) as n from lesson_progress where last_opened_at > ?', [NOW.getTime()])).toBe(0);
    expect(await n('select count(*) as n from quiz_attempts where submitted_at > ?', [NOW.getTime()])).toBe(0);
    expect(await n('select count(*) as n from lesson_progress where first_opened_at < ?', [NOW.getTime() - 22 * DAY])).toBe(0);
  });

  it('reviews what the history missed, leaves some due today, and gives profiles something to show', async () => {
    expect(await n('select count(*) as n from review_cards')).toBeGreaterThan(20);
    expect(await n("select count(*) as n from review_cards where kind = 'scenario'")).toBeGreaterThan(0);
    expect(await n('select count(*) as n from review_logs')).toBeGreaterThan(20);
    expect(await n('select count(*) as n from review_logs where at > ?', [NOW.getTime()])).toBe(0);
    // No past day had more reviews than the default cap of 6.
    expect(
      await n(
        'select count(*) as n from (select user_id, at / 86400000 as d, count(*) as c from review_logs group by 1, 2 having c > 6)',
      ),
    ).toBe(0);
    expect(
      await n('select count(distinct user_id) as n from review_cards where due <= ?', [NOW.getTime() + DAY]),
    ).toBeGreaterThan(3);
    expect(await n('select count(distinct user_id) as n from skill_self_ratings')).toBe(16);
    // Lena, the README's learner, finds reviews waiting at her first sign-in.
    const lena = "(select id from users where email = 'learner@example.com')";
    expect(
      await n(`select count(*) as n from review_cards where due <= ? and user_id = ${lena}`, [NOW.getTime()]),
    ).toBeGreaterThan(0);
    const marcus = (await t.db.$client.execute("select id, team_id from users where email = 'marcus.bell@example.com'")).rows[0]!;
    const evidence =
      (
        await evidenceOf(t.db, [String(marcus.id)], {
          quizzes: [...course.quizzes.values()],
          scenarios: [...course.scenarios.values()],
        })
      ).get(String(marcus.id)) ?? [];
    const measured = profile(evidence, [], NOW).filter((p) => p.level.level !== null);
    expect(measured.length).toBeGreaterThan(0);
    const team = await teamSkillFigures(
      t.db,
      String(marcus.team_id),
      { quizzes: [...course.quizzes.values()], scenarios: [...course.scenarios.values()] },
      NOW,
    );
    expect(team.filter((f) => f.figures !== null).length).toBeGreaterThan(0);
    // Trainers' retention: first reviews a day after the miss are counted, shares are percentages of them.
    const retention = await retentionByObjective(t.db);
    const day = retention.map((r) => r.after[0]!).filter((a) => a.reviews > 0);
    expect(day.length).toBeGreaterThan(0);
    expect(day.reduce((sum, a) => sum + a.reviews, 0)).toBe(
      await n('select count(distinct card_id) as n from review_logs where days_since_miss >= 0.75'),
    );
    for (const a of day) expect(a.percent).toBeGreaterThanOrEqual(0);
  });

  it('tells the same story on every first run', async () => {
    const again = await seeded();
    try {
      const progress = (db: TestDb) =>
        db.db.$client
          .execute(
            'select u.email, p.module_id, p.lesson_id, p.completed_at is not null as done from lesson_progress p join users u on u.id = p.user_id order by 1, 2, 3',
          )
          .then((r) => r.rows.map((row) => Object.values(row).join(' ')));
      expect(await progress(again)).toEqual(await progress(t));
    } finally {
      again.close();
    }
  });
});
