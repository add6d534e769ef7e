/**
 * What of a learner's practice reaches their manager (docs/decisions/010-privacy-of-practice.md): per
 * end-of-module quiz the best submitted attempt, per role-play the best finished run. Retakes, knowledge
 * checks, attempts never submitted, abandoned runs and weaker replays stay the learner's own, so
 * practising can never make anyone look worse. Pure functions over rows already read from the database.
 */
import type { SkillAggregate } from './team-stats.ts';

/** A submitted attempt at an end-of-module quiz. */
export interface GradedAttempt {
  userId: string;
  quizId: string;
  submittedAt: Date | null;
  points: number | null;
  maxPoints: number | null;
  percent: number | null;
  passed: boolean | null;
}

/** The result a manager sees: the best attempt, and whether any attempt passed. */
export type QuizResult<T extends GradedAttempt = GradedAttempt> = T & { passed: boolean };

/**
 * One result per person and quiz: the highest score (the later attempt on a tie), passed when any attempt
 * passed (a pass mark lowered later does not take a pass away). Keeps the order in which pairs first appear.
 */
export function bestQuizResults<T extends GradedAttempt>(attempts: readonly T[]): QuizResult<T>[] {
  const best = new Map<string, QuizResult<T>>();
  for (const a of attempts) {
    const key = `${a.userId}\u0000${a.quizId}`;
    const held = best.get(key);
    const passed = (held?.passed ?? false) || a.passed === true;
    const better =
      !held ||
      (a.percent ?? 0) > (held.percent ?? 0) ||
      ((a.percent ?? 0) === (held.percent ?? 0) && later(a.submittedAt, held.submittedAt));
    best.set(key, { ...(better ? a : held), passed });
  }
  return [...best.values()];
}

const later = (a: Date | null, b: Date | null) => (a?.getTime() ?? 0) >= (b?.getTime() ?? 0);

/** A finished role-play run with its per-skill totals. */
export interface FinishedRun {
  userId: string;
  scenarioId: string;
  outcome: 'strong' | 'mixed' | 'poor' | null;
  totals: Record<string, number>;
  finishedAt: Date | null;
}

const OUTCOME_RANK = { strong: 3, mixed: 2, poor: 1 } as const;
const rank = (run: FinishedRun) => (run.outcome ? OUTCOME_RANK[run.outcome] : 0);
const points = (run: FinishedRun) => Object.values(run.totals).reduce((n, v) => n + v, 0);

/** Whether run `a` counts before run `b`: the better ending, then more points, then the later run. */
function outranks(a: FinishedRun, b: FinishedRun): boolean {
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  if (points(a) !== points(b)) return points(a) > points(b);
  return later(a.finishedAt, b.finishedAt);
}

/** One run per person and role-play: the best finished one. */
export function bestRuns<T extends FinishedRun>(runs: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const run of runs) {
    const key = `${run.userId}\u0000${run.scenarioId}`;
    const held = best.get(key);
    if (!held || outranks(run, held)) best.set(key, run);
  }
  return [...best.values()];
}

/** Points per scenario and skill over the given runs (each person's best, for the skill profile). */
export function skillAggregatesOf(runs: readonly FinishedRun[]): SkillAggregate[] {
  const out = new Map<string, SkillAggregate>();
  for (const run of runs) {
    for (const [skill, value] of Object.entries(run.totals)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const key = `${run.scenarioId}\u0000${skill}`;
      const entry = out.get(key) ?? { scenarioId: run.scenarioId, skill, runs: 0, points: 0 };
      entry.runs += 1;
      entry.points += value;
      out.set(key, entry);
    }
  }
  return [...out.values()];
}

/** A run's stored totals, or none when they are not a JSON object (never written by us). */
export function parseTotals(json: string): Record<string, number> {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return {};
  }
}
