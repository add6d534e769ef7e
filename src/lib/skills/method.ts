/**
 * The skill profile's method (docs/skills.md): every piece of evidence is a value from 0 to 1 for one skill at
 * one moment, from a quiz question tagged with the skill (right or wrong), a finished role-play run (the skill's
 * score against the best path's), or a review (right or wrong). A level is the weighted mean of the evidence so
 * far, as a percent; each piece weighs its source's weight, halved for every HALF_LIFE_DAYS of age, so what a
 * person does now counts more than what they did months ago. Pure: the caller passes the evidence and the time.
 */
import { SKILLS, type Skill } from '../../schemas/skills.ts';

export type Source = 'quiz' | 'role-play' | 'review';

export interface Evidence {
  skill: Skill;
  source: Source;
  at: Date;
  /** 0 to 1: wrong or right, or a run's share of the best path's score. */
  value: number;
}

/** A whole conversation says more than one question; a review, asked after a delay, a little more than a first try. */
export const WEIGHTS: Record<Source, number> = { quiz: 1, 'role-play': 3, review: 1.5 };
export const HALF_LIFE_DAYS = 30;
/** Below this much (decayed) weight a level is not shown: two or three answers say too little. */
export const MIN_WEIGHT = 3;

const DAY = 86_400_000;

export interface Level {
  /** 0-100, or null with too little evidence. */
  level: number | null;
  /** The decayed weight behind it. */
  weight: number;
  /** Pieces of evidence counted. */
  count: number;
}

/** The level of one skill at `at`, from the evidence up to then. */
export function levelAt(evidence: readonly Evidence[], skill: Skill, at: Date): Level {
  let sum = 0;
  let weight = 0;
  let count = 0;
  for (const e of evidence) {
    if (e.skill !== skill || e.at.getTime() > at.getTime()) continue;
    const w = WEIGHTS[e.source] * 0.5 ** ((at.getTime() - e.at.getTime()) / DAY / HALF_LIFE_DAYS);
    sum += w * Math.min(1, Math.max(0, e.value));
    weight += w;
    count++;
  }
  return { level: weight >= MIN_WEIGHT ? Math.round((100 * sum) / weight) : null, weight, count };
}

/** A Likert self-rating (1 = Never ... 5 = Always) on the same 0-100 scale as a level. */
export function selfPercent(value: number): number {
  return Math.round(((value - 1) / 4) * 100);
}

export interface Point {
  at: Date;
  level: number | null;
}

/** Weekly levels over `weeks` weeks, ending at `end`. */
export function weekly(evidence: readonly Evidence[], skill: Skill, end: Date, weeks = 8): Point[] {
  return Array.from({ length: weeks }, (_, i) => {
    const at = new Date(end.getTime() - (weeks - 1 - i) * 7 * DAY);
    return { at, level: levelAt(evidence, skill, at).level };
  });
}

export interface SelfRating {
  skill: Skill;
  value: number;
  at: Date;
}

export interface SkillProfile {
  skill: Skill;
  level: Level;
  points: Point[];
  /** The latest self-rating as a percent, or null. */
  self: number | null;
  /** Self-rating minus measured level: above 0 is more confident than measured. Null without both. */
  gap: number | null;
}

export function profile(evidence: readonly Evidence[], ratings: readonly SelfRating[], end: Date, weeks = 8): SkillProfile[] {
  return SKILLS.map((skill) => {
    const level = levelAt(evidence, skill, end);
    const latest = ratings.filter((r) => r.skill === skill).sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    const self = latest ? selfPercent(latest.value) : null;
    return {
      skill,
      level,
      points: weekly(evidence, skill, end, weeks),
      self,
      gap: self !== null && level.level !== null ? self - level.level : null,
    };
  });
}

/** Mean and spread (standard deviation) of people's levels; null below `minPeople`. */
export function groupFigures(levels: readonly (number | null)[], minPeople = 3) {
  const known = levels.filter((l): l is number => l !== null);
  if (known.length < minPeople) return null;
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  const sd = Math.sqrt(known.reduce((a, b) => a + (b - mean) ** 2, 0) / known.length);
  return { people: known.length, mean: Math.round(mean), sd: Math.round(sd) };
}
