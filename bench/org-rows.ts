// The rows of a synthetic organisation, a batch of teams at a time (see bench/generate.ts). Everything is
// drawn from one seeded generator, so a size always produces the same organisation.
import type { InValue } from '@libsql/client';
import { planAttempt } from '../src/lib/quiz/index.ts';
import type { Course } from './lib.ts';

export type Rows = Record<string, Record<string, InValue>[]>;

export interface OrgPlan {
  course: Course;
  random: () => number;
  now: number;
  passwordHash: string;
}

const DAY = 86_400_000;
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const DEPARTMENTS = [
  'Customer Support',
  'Field Service',
  'Sales',
  'Billing',
  'Warehouse',
  'Engineering',
  'Facilities',
  'IT Service Desk',
];
const FIRST = [
  'Amara',
  'Ben',
  'Chen',
  'Dalia',
  'Elif',
  'Femi',
  'Greta',
  'Hugo',
  'Ines',
  'Jamal',
  'Kofi',
  'Lina',
  'Mateo',
  'Noor',
];
const LAST = ['Adeyemi', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Farah', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kaur', 'Lopez'];
/**
 * Lessons of an earlier edition of the course, since retired. Their records are kept and ignored
 * (docs/decisions/002-progress-model.md); they bring a long-standing learner to about 30 rows, as a
 * course of 23 current lessons alone could not.
 */
const RETIRED = Array.from({ length: 24 }, (_, i) => ({
  moduleId: `service-basics-${1 + (i >> 3)}`,
  lessonId: `part-${1 + (i % 8)}`,
}));

/** Team sizes adding up to `learners`: the managed team first, then teams of 4 to 30 (most near 10). */
export function teamSizes(learners: number, managed: number, random: () => number): number[] {
  const sizes = [managed];
  let left = learners - managed;
  while (left > 0) {
    const size = Math.min(left, 4 + Math.floor(random() ** 1.6 * 27));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

export function learnerRows(plan: OrgPlan, batch: { firstTeam: number; sizes: number[]; firstLearner: number }): Rows {
  const r = plan.random;
  const id = () => Array.from({ length: 24 }, () => ALPHABET[Math.floor(r() * 32)]).join('');
  const rows: Rows = {
    teams: [],
    users: [],
    team_managers: [],
    sessions: [],
    lesson_progress: [],
    quiz_attempts: [],
    scenario_runs: [],
    assignments: [],
    review_cards: [],
    review_logs: [],
  };
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
  const person = (email: string, role: string, teamId: string | null, since: number) => {
    const row = {
      id: id(),
      email,
      display_name: `${FIRST[Math.floor(r() * FIRST.length)]} ${LAST[Math.floor(r() * LAST.length)]}`,
      role,
      team_id: teamId,
      password_hash: plan.passwordHash,
      active: r() < 0.98 ? 1 : 0,
      created_at: since,
      updated_at: since,
    };
    rows.users!.push(row);
    // Most people have a browser or two signed in; some of those sessions have long expired but are kept until used.
    for (let n = r() < 0.7 ? (r() < 0.3 ? 2 : 1) : 0; n > 0 && row.active; n--) {
      const created = plan.now - Math.round(r() * 40 * DAY);
      rows.sessions!.push({
        id: id(),
        user_id: row.id,
        secret_hash: hex(),
        created_at: created,
        last_verified_at: created + Math.round(r() * (plan.now - created)),
      });
    }
    return row.id;
  };
  if (batch.firstTeam === 0) {
    for (let i = 0; i < 2; i++) person(`admin${i}@bench.example.com`, 'admin', null, plan.now - 800 * DAY);
    for (let i = 0; i < 5; i++) person(`trainer${i}@bench.example.com`, 'trainer', null, plan.now - 800 * DAY);
  }
  let learner = batch.firstLearner;
  batch.sizes.forEach((size, i) => {
    const k = batch.firstTeam + i;
    const teamId = id();
    const name =
      k === 0 ? 'Customer Support North' : `${DEPARTMENTS[k % DEPARTMENTS.length]} ${Math.ceil(k / DEPARTMENTS.length)}`;
    rows.teams!.push({ id: teamId, name, created_at: plan.now - 800 * DAY });
    const managerId = person(
      k === 0 ? 'manager@bench.example.com' : `manager${k}@bench.example.com`,
      'manager',
      null,
      plan.now - 800 * DAY,
    );
    rows.team_managers!.push({ team_id: teamId, user_id: managerId });
    const modules = plan.course.modules;
    const assigned = [modules[k % modules.length]!, modules[(k + 3) % modules.length]!];
    const dues = assigned.map(() => plan.now + Math.round((r() * 60 - 20) * DAY));
    for (let j = 0; j < size; j++) {
      const since = plan.now - Math.round((30 + r() * 700) * DAY);
      const userId = person(`learner${learner++}@bench.example.com`, 'learner', teamId, since);
      history(plan, rows, userId, since, id);
      assigned.forEach((m, a) =>
        rows.assignments!.push({
          id: id(),
          user_id: userId,
          module_id: m.id,
          due_at: dues[a]!,
          assigned_by: managerId,
          team_id: teamId,
          created_at: dues[a]! - 30 * DAY,
          updated_at: dues[a]! - 30 * DAY,
        }),
      );
    }
  });
  return rows;
}

/** One learner's lesson records, quiz attempts and role-play runs, in the order they happened. */
function history(plan: OrgPlan, rows: Rows, userId: string, since: number, id: () => string): void {
  const r = plan.random;
  const lessons = plan.course.modules.flatMap((m) => m.lessons);
  const retired = r() < 0.9 ? 8 + Math.floor(r() * 17) : 0;
  const reached = r() < 0.08 ? 0 : 1 + Math.floor(r() ** 0.7 * lessons.length);
  const step = (plan.now - since) / (retired + reached + 2);
  let at = since;
  const record = (moduleId: string, lessonId: string, version: string, done: boolean) => {
    at += Math.round(step * (0.5 + r()));
    rows.lesson_progress!.push({
      user_id: userId,
      module_id: moduleId,
      lesson_id: lessonId,
      first_opened_at: at,
      last_opened_at: at + 600_000,
      completed_at: done ? at + 900_000 : null,
      completed_version: done ? version : null,
    });
  };
  for (const old of RETIRED.slice(0, retired)) record(old.moduleId, old.lessonId, 'retired', true);
  const done = new Set<string>();
  lessons.slice(0, reached).forEach((l, i) => {
    const complete = i < reached - 1 ? r() < 0.95 : r() < 0.5;
    if (complete) done.add(`${l.moduleId}/${l.id}`);
    record(l.moduleId, l.id, l.version, complete);
  });
  for (const m of plan.course.modules) {
    const opened = lessons.slice(0, reached).some((l) => l.moduleId === m.id);
    const finished = m.lessons.length > 0 && m.lessons.every((l) => done.has(`${m.id}/${l.id}`));
    if (!opened) continue;
    for (const check of m.checks) if (r() < 0.35) attempt(plan, rows, userId, check, null, at, id);
    if (m.quiz && finished) {
      const tries = 1 + (r() < 0.35 ? 1 : 0) + (r() < 0.1 ? 1 : 0);
      for (let t = 0; t < tries; t++)
        attempt(plan, rows, userId, m.quiz.id, t === tries - 1 && r() < 0.85 ? m.quiz.passMark : -m.quiz.passMark, at, id);
    } else if (m.quiz && r() < 0.1) attempt(plan, rows, userId, m.quiz.id, 'open', at, id);
    for (const scenarioId of m.scenarioIds) {
      if (finished) {
        run(plan, rows, userId, scenarioId, r() < 0.8 ? 'finished' : r() < 0.6 ? 'active' : 'abandoned', at, id);
        if (r() < 0.2) run(plan, rows, userId, scenarioId, 'finished', at, id);
      } else if (r() < 0.15) run(plan, rows, userId, scenarioId, 'active', at, id);
    }
  }
  if (reached > 0) reviews(plan, rows, userId, id);
}

/**
 * A learner's review cards (decision 024): up to 30 missed questions and role-play decisions, due from three
 * weeks ago to two months ahead (about a third due today or earlier), each with its past reviews logged.
 */
function reviews(plan: OrgPlan, rows: Rows, userId: string, id: () => string): void {
  const r = plan.random;
  const quizzes = [...plan.course.quizzes.values()];
  const scenarios = [...plan.course.scenarios.values()];
  const seen = new Set<string>();
  for (let n = Math.floor(r() * 31); n > 0; n--) {
    const quiz = r() < 0.8 ? quizzes[Math.floor(r() * quizzes.length)]! : null;
    const scenario = quiz ? null : scenarios[Math.floor(r() * scenarios.length)]!;
    const item = quiz
      ? quiz.questions[Math.floor(r() * quiz.questions.length)]!
      : scenario!.nodes[Math.floor(r() * scenario!.nodes.length)]!;
    const key = `${quiz?.id ?? scenario!.id}:${item.id}`;
    if (seen.has(key) || ('type' in item && item.type === 'likert')) continue;
    seen.add(key);
    const module = quiz?.module ?? scenario!.module;
    const skill = ('skills' in item && Array.isArray(item.skills) ? item.skills[0] : scenario?.skills[0]) ?? 'general';
    const reps = 1 + Math.floor(r() * 5);
    const created = plan.now - Math.round((5 + r() * 120) * DAY);
    const cardId = id();
    rows.review_cards!.push({
      id: cardId,
      user_id: userId,
      kind: quiz ? 'quiz' : 'scenario',
      source_id: quiz?.id ?? scenario!.id,
      item_id: item.id,
      objective: `${module}:${skill}`,
      due: plan.now + Math.round((r() * 80 - 20) * DAY),
      stability: 1 + r() * 30,
      difficulty: 3 + r() * 5,
      scheduled_days: 1 + Math.floor(r() * 30),
      reps,
      lapses: Math.floor(r() * reps),
      state: 2,
      last_review: created + (reps - 1) * DAY,
      created_at: created,
    });
    for (let step = 1; step < reps; step++)
      rows.review_logs!.push({
        card_id: cardId,
        step,
        user_id: userId,
        objective: `${module}:${skill}`,
        asked_id: item.id,
        answer: '{}',
        correct: r() < 0.75 ? 1 : 0,
        days_since_miss: step * 2,
        at: created + step * 2 * DAY,
      });
  }
}

const plans = new Map<string, string[]>();

/** `mark` > 0: a pass at that mark; < 0: a fail under it; null: a knowledge check; 'open': not submitted. */
function attempt(
  plan: OrgPlan,
  rows: Rows,
  userId: string,
  quizId: string,
  mark: number | null | 'open',
  at: number,
  id: () => string,
) {
  const r = plan.random;
  const quiz = plan.course.quizzes.get(quizId)!;
  if (!plans.has(quizId))
    plans.set(
      quizId,
      Array.from({ length: 8 }, (_, v) => JSON.stringify(planAttempt(quiz, `bench-${v}`))),
    );
  const maxPoints = quiz.drawCount ?? quiz.questions.filter((q) => q.type !== 'likert').length;
  const percent =
    mark === 'open'
      ? null
      : mark === null
        ? Math.round(40 + r() * 60)
        : mark > 0
          ? Math.round(mark + r() * (100 - mark))
          : Math.floor(30 + r() * (-mark - 31));
  const startedAt = at - Math.round(r() * 5 * DAY);
  rows.quiz_attempts!.push({
    id: id(),
    user_id: userId,
    quiz_id: quizId,
    plan: plans.get(quizId)![Math.floor(r() * 8)]!,
    status: mark === 'open' ? 'open' : 'submitted',
    started_at: startedAt,
    submitted_at: mark === 'open' ? null : startedAt + 420_000,
    points: percent === null ? null : Math.round((percent * maxPoints) / 100),
    max_points: percent === null ? null : maxPoints,
    percent,
    passed: typeof mark === 'number' ? (mark > 0 ? 1 : 0) : null,
  });
}

function run(plan: OrgPlan, rows: Rows, userId: string, scenarioId: string, status: string, at: number, id: () => string) {
  const r = plan.random;
  const scenario = plan.course.scenarios.get(scenarioId)!;
  const wanted = r() < 0.45 ? 'strong' : r() < 0.7 ? 'mixed' : 'poor';
  const ending = scenario.endings.find((e) => e.outcome === wanted) ?? scenario.endings[0]!;
  const finished = status === 'finished';
  const startedAt = at - Math.round(r() * 5 * DAY);
  rows.scenario_runs!.push({
    id: id(),
    user_id: userId,
    scenario_id: scenarioId,
    status,
    node_id: finished ? null : scenario.nodes[Math.floor(r() * scenario.nodes.length)]!.id,
    ending_id: finished ? ending.id : null,
    outcome: finished ? ending.outcome : null,
    totals: JSON.stringify(Object.fromEntries(scenario.skills.map((s) => [s, Math.floor(r() * 9) - 2]))),
    started_at: startedAt,
    updated_at: startedAt + 600_000,
    finished_at: finished ? startedAt + 600_000 : null,
  });
}
