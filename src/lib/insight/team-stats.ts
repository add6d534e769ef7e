/**
 * Team figures beyond the matrix: end-of-module quiz results and the skill profile from each person's
 * best finished role-play run. Inputs are rows already grouped in SQL (per person and quiz, per scenario and skill).
 */
import type { CatalogModule } from '../content/catalog.ts';
import { SKILLS, SKILL_LABELS, type Skill } from '../../schemas/skills.ts';

/** One person's submitted attempts at one quiz, aggregated. */
export interface QuizAggregate {
  userId: string;
  quizId: string;
  attempts: number;
  passedAttempts: number;
  best: number;
}

/**
 * A team's results in one end-of-module quiz, from each person's best attempt (decision 010: how many
 * tries it took is the learner's own, so no figure here counts attempts).
 */
export interface QuizStat {
  quizId: string;
  moduleId: string;
  moduleTitle: string;
  passMark: number;
  /** People with at least one submitted attempt. */
  people: number;
  /** People with at least one passing attempt. */
  passedPeople: number;
  /** Mean of each person's best score, rounded; null when nobody tried. */
  averagePercent: number | null;
  /** Passed people out of people who tried, 0-100 rounded down; null when nobody tried. */
  passRate: number | null;
}

const floorRate = (part: number, whole: number) => (whole === 0 ? null : Math.floor((part / whole) * 100));

/** One line per module with an end-of-module quiz, in catalog order. */
export function quizStats(modules: CatalogModule[], rows: QuizAggregate[]): QuizStat[] {
  return modules.flatMap((m) => {
    if (!m.quiz) return [];
    const mine = rows.filter((r) => r.quizId === m.quiz!.id && r.attempts > 0);
    const bestSum = mine.reduce((n, r) => n + r.best, 0);
    const passedPeople = mine.filter((r) => r.passedAttempts > 0).length;
    return [
      {
        quizId: m.quiz.id,
        moduleId: m.id,
        moduleTitle: m.title,
        passMark: m.quiz.passMark,
        people: mine.length,
        passedPeople,
        averagePercent: mine.length === 0 ? null : Math.round(bestSum / mine.length),
        passRate: floorRate(passedPeople, mine.length),
      },
    ];
  });
}

/** Runs of one scenario (each person's best finished one), summed per skill. */
export interface SkillAggregate {
  scenarioId: string;
  skill: string;
  runs: number;
  points: number;
}

/** The most points a run of each scenario can earn per skill (from `bestPossible`). */
export type BestBySkill = ReadonlyMap<string, Partial<Record<Skill, number>>>;

export interface SkillStat {
  skill: Skill;
  label: string;
  /** Finished runs that scored this skill. */
  runs: number;
  /** Mean points per run, one decimal. */
  averagePoints: number;
  /** Points earned out of the most those runs could have earned, rounded; null when unknown. */
  percentOfBest: number | null;
}

/**
 * The average per skill over finished runs. Scenarios differ in length, so besides the raw mean the
 * points are set against the best each run could have scored, which makes skills comparable.
 */
export function skillStats(rows: SkillAggregate[], best: BestBySkill): SkillStat[] {
  return SKILLS.flatMap((skill) => {
    const mine = rows.filter((r) => r.skill === skill && r.runs > 0);
    const runs = mine.reduce((n, r) => n + r.runs, 0);
    if (runs === 0) return [];
    const points = mine.reduce((n, r) => n + r.points, 0);
    // Only scenarios still in the course have a known best; runs of removed ones count in the mean only.
    const known = mine.filter((r) => (best.get(r.scenarioId)?.[skill] ?? 0) > 0);
    const reachable = known.reduce((n, r) => n + r.runs * best.get(r.scenarioId)![skill]!, 0);
    const earned = known.reduce((n, r) => n + r.points, 0);
    return [
      {
        skill,
        label: SKILL_LABELS[skill],
        runs,
        averagePoints: Math.round((points / runs) * 10) / 10,
        percentOfBest: reachable === 0 ? null : Math.round((earned / reachable) * 100),
      },
    ];
  });
}
