/**
 * A few weeks of history for the demo organisation, so that someone trying Rapport for the first time
 * finds a manager's dashboard and a trainer's insight pages with something in them. Written on first
 * run only, after the people are seeded (scripts/start.ts, `npm run db:seed`), never by the test
 * servers, which start from a blank organisation.
 *
 * Everything goes through the app's own write functions (progress, quiz submission graded on the
 * server, role-play steps, feedback, assignments), so the demo holds nothing the app could not have
 * written itself. A seeded random generator decides who got how far and how well, so every first run
 * tells the same story: some people finished modules, some stalled, a few are behind on an assignment.
 * (Quiz scores vary a little between runs, with the questions each attempt happens to draw.)
 */
import { storedRole } from '../../auth/permissions.ts';
import type { DiskCourse } from '../../content/course-fs.ts';
import type { Db } from '../db/db.ts';
import { recordCompleted, recordOpened } from '../learning/progress.ts';
import { attemptsOf, openAttempt, submitAttempt } from '../learning/quiz-attempts.ts';
import { seedDemoReviews } from './demo-reviews.ts';
import { choose, startRun } from '../learning/scenario-runs.ts';
import { saveFeedback } from '../learning/lesson-feedback.ts';
import { assignModule } from '../people/assignments.ts';
import type { Store } from '../db/store.ts';
import { users, teams, teamManagers } from '../db/schema.ts';
import { eq } from 'drizzle-orm';
import { seedDemoPractice } from './demo-practice.ts';

const DAY = 86_400_000;

/** mulberry32: a small seeded generator, so that the demo is the same on every first run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a number from a string, to seed each person's generator. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Comments a learner might leave on a lesson; the demo's own words. */
const COMMENTS = [
  'The example from the night shift was close to my own week.',
  'Useful, though I would like a second example from a back-office team.',
  'I tried the acknowledge-first opener on a call the same afternoon. It worked.',
  'Clear, and short enough to read between tickets.',
];

type Person = { id: string; email: string; teamId: string | null };

export interface DemoActivityOptions {
  now?: Date;
  seed?: number;
}

export async function seedDemoActivity(db: Db, store: Store, course: DiskCourse, options: DemoActivityOptions = {}) {
  const now = options.now ?? new Date();
  const seed = options.seed ?? 20_261_129;
  const learners = (await db.select({ id: users.id, email: users.email, teamId: users.teamId, role: users.role }).from(users))
    // Team members only: the demo's managers are learners too (decision 013) but keep no history of their own.
    .filter((u) => u.role === 'learner' && u.teamId !== null)
    .sort((a, b) => a.email.localeCompare(b.email));
  for (const person of learners) {
    // One generator per person: how far someone got never depends on what the quizzes drew for others.
    const random = seededRandom(seed ^ hash(person.email));
    // Lena, the learner the README suggests signing in as, is partway into the first module.
    const reach = person.email === 'learner@example.com' ? 2 : Math.floor(random() * 14);
    const skill = 0.45 + random() * 0.5;
    await learnerHistory(db, store, course, person, { reach, skill, random, now });
    // Lena also tried the knowledge checks of the two lessons she finished, five days ago, and missed some of
    // them, so she has reviews (decision 024) and a skill profile to see at her first sign-in.
    if (person.email === 'learner@example.com')
      for (const check of course.modules[0]?.checks ?? []) {
        const at = new Date(now.getTime() - 5 * DAY);
        await takeQuiz(db, store, course, person.id, check, null, { reach, skill: 0.3, random, now }, at);
      }
  }
  await assignments(db, course, now);
  // Reviews of what those quizzes and role-plays missed, and self-ratings (decision 024).
  // Lena has not reviewed for two days, so her home page starts with the reviews waiting for her.
  const reviewers = learners.map((p) => ({
    id: p.id,
    random: seededRandom(seed ^ hash(`review:${p.email}`)),
    restDays: p.email === 'learner@example.com' ? 3 : 1,
  }));
  await seedDemoReviews(db, store, course, reviewers, now);
  // Lena, the README's learner, has not started reply practice, so she finds it as new.
  const practising = learners.filter((l) => l.email !== 'learner@example.com').map((l) => l.id);
  await seedDemoPractice(db, course, practising, seededRandom(seed ^ hash('practice')), now);
}

interface History {
  /** How many lessons, in course order, this person has completed (quizzes and role-plays along the way). */
  reach: number;
  /** Chance of picking the right answer or the strongest choice. */
  skill: number;
  random: () => number;
  now: Date;
}

async function learnerHistory(db: Db, store: Store, course: DiskCourse, person: Person, h: History) {
  let done = 0;
  // From three weeks ago, in the order the course runs: a step of a few hours to a day between one thing
  // and the next, never later than an hour before now (the quick learners bunch up at the end).
  let at = h.now.getTime() - 21 * DAY + Math.floor(h.random() * 3 * DAY);
  const latest = h.now.getTime() - 3_600_000;
  const step = () => (at = Math.min(latest, at + Math.floor((0.15 + h.random() * 0.6) * DAY)));
  for (const module of course.modules) {
    for (const lesson of module.lessons) {
      if (done > h.reach) return;
      await recordOpened(db, person.id, module.id, lesson.id, new Date(step()));
      if (done === h.reach) return; // opened, not finished: where this person stopped
      await recordCompleted(db, person.id, module.id, lesson.id, lesson.version, new Date(step()));
      if (h.random() < 0.35) {
        const rating = h.random() < 0.7 ? 4 + Math.round(h.random()) : 3;
        const comment = h.random() < 0.3 ? COMMENTS[Math.floor(h.random() * COMMENTS.length)]! : null;
        await saveFeedback(db, person.id, { moduleId: module.id, lessonId: lesson.id }, { rating, comment }, new Date(at));
      }
      done++;
    }
    // A module's lessons all done: most of its knowledge checks, its quiz (a retake for some) and its role-play.
    for (const check of module.checks)
      if (h.random() < 0.6) await takeQuiz(db, store, course, person.id, check, null, h, new Date(step()));
    if (module.quiz) {
      const passMark = module.quiz.passMark;
      const firstAt = step();
      const first = await takeQuiz(db, store, course, person.id, module.quiz.id, passMark, h, new Date(firstAt));
      if (first < passMark && h.random() < 0.7) {
        // A retake waits as long as the quiz asks (a day for module quizzes), or does not happen yet.
        at = Math.max(at, firstAt + course.quizzes.get(module.quiz.id)!.retakeWaitMinutes * 60_000);
        if (at < latest) await takeQuiz(db, store, course, person.id, module.quiz.id, passMark, h, new Date(step()));
      }
    }
    for (const scenarioId of module.scenarioIds.slice(0, 1))
      await playScenario(db, store, course, person.id, scenarioId, h, new Date(step()));
  }
}

/** Opens and submits an attempt, answering each question right with the person's skill. Returns the percent. */
async function takeQuiz(
  db: Db,
  store: Store,
  course: DiskCourse,
  userId: string,
  quizId: string,
  passMark: number | null,
  h: History,
  at: Date,
) {
  const quiz = course.quizzes.get(quizId)!;
  const opened = await openAttempt(db, userId, quiz, at);
  if (!opened.ok) return 0;
  const entries: [string, string][] = [];
  for (const planned of opened.plan.questions) {
    const question = quiz.questions.find((q) => q.id === planned.id)!;
    const right = h.random() < h.skill;
    if (question.type === 'likert') entries.push([`q:${question.id}`, String(2 + Math.floor(h.random() * 4))]);
    else if (question.type === 'ordering') {
      const order = right ? question.items.map((i) => i.id) : [...planned.order];
      order.forEach((id, i) => entries.push([`q:${question.id}:${id}`, String(i + 1)]));
    } else {
      const wrong = question.options.filter((o) => !o.correct);
      const picks =
        right || wrong.length === 0 ? question.options.filter((o) => o.correct) : [wrong[Math.floor(h.random() * wrong.length)]!];
      for (const o of question.type === 'multiple' ? picks : picks.slice(0, 1)) entries.push([`q:${question.id}`, o.id]);
    }
  }
  await submitAttempt(store, userId, quiz, opened.attempt.id, entries, passMark, at);
  const attempt = (await attemptsOf(db, userId, quizId)).find((a) => a.id === opened.attempt.id);
  return attempt?.percent ?? 0;
}

/**
 * Plays a role-play, taking the strongest choice with the person's skill: to an ending, or (for about
 * one run in six) only a decision or two before leaving it, so trainers see where runs stop.
 */
async function playScenario(db: Db, store: Store, course: DiskCourse, userId: string, scenarioId: string, h: History, at: Date) {
  const scenario = course.scenarios.get(scenarioId)!;
  const run = await startRun(db, userId, scenario, {}, at);
  let nodeId: string | null = run.nodeId;
  const turns = h.random() < 0.17 ? 1 + Math.floor(h.random() * 2) : 20;
  for (let turn = 0; nodeId && turn < turns; turn++) {
    const node = scenario.nodes.find((n) => n.id === nodeId)!;
    const strongest = [...node.choices].sort((a, b) => total(b.scores) - total(a.scores))[0]!;
    const choice = h.random() < h.skill ? strongest : node.choices[Math.floor(h.random() * node.choices.length)]!;
    const result = await choose(
      store,
      userId,
      scenario,
      run.id,
      { nodeId: node.id, choiceId: choice.id },
      new Date(at.getTime() + turn * 60_000),
    );
    nodeId = result.ok ? result.state.nodeId : null;
  }
}

const total = (scores: Partial<Record<string, number>>) => Object.values(scores).reduce<number>((s, n) => s + (n ?? 0), 0);

/** Each manager assigns the first two modules to their team: one due last week (some are late), one next week. */
async function assignments(db: Db, course: DiskCourse, now: Date) {
  const published = new Set(course.modules.map((m) => m.id));
  const managed = await db
    .select({ teamId: teams.id, managerId: teamManagers.userId, role: users.role })
    .from(teamManagers)
    .innerJoin(teams, eq(teams.id, teamManagers.teamId))
    .innerJoin(users, eq(users.id, teamManagers.userId));
  for (const { teamId, managerId, role } of managed) {
    const actor = { id: managerId, role: storedRole(role), manages: true };
    const [first, second] = course.modules;
    if (first)
      await assignModule(
        db,
        actor,
        { moduleId: first.id, teamIds: [teamId], userIds: [], dueAt: new Date(now.getTime() - 7 * DAY) },
        published,
        now,
      );
    if (second)
      await assignModule(
        db,
        actor,
        { moduleId: second.id, teamIds: [teamId], userIds: [], dueAt: new Date(now.getTime() + 7 * DAY) },
        published,
        now,
      );
  }
}
