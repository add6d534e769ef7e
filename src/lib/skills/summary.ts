/**
 * The profile in plain words: for each skill with a level, how it moved over the weeks shown and how the
 * learner's own rating compares ("Your tailoring rose over three weeks; your self-rating stayed below it.").
 */
import { SKILL_LABELS } from '../../schemas/skills.ts';
import type { Point, SkillProfile } from './method.ts';

/** Points that move less than this are "steady": a level is a percent, and a few points are noise. */
export const STEADY = 5;
/** A self-rating within this many points of the measured level is "about right". */
export const CALIBRATED = 15;

const WEEKS = ['', 'a week', 'two weeks', 'three weeks', 'four weeks', 'five weeks', 'six weeks', 'seven weeks'];

function trend(points: readonly Point[]): string | null {
  const known = points.filter((p) => p.level !== null);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last || first === last) return null;
  const weeks = Math.round((last.at.getTime() - first.at.getTime()) / (7 * 86_400_000));
  const span = WEEKS[weeks] ?? `${weeks} weeks`;
  const delta = last.level! - first.level!;
  if (Math.abs(delta) < STEADY) return `held steady over ${span}`;
  return `${delta > 0 ? 'rose' : 'fell'} from ${first.level}% to ${last.level}% over ${span}`;
}

function calibration(p: SkillProfile): string | null {
  if (p.gap === null) return null;
  if (Math.abs(p.gap) <= CALIBRATED) return 'your self-rating is close to it';
  return p.gap > 0 ? 'your self-rating is above it' : 'your self-rating is below it: you do better than you think';
}

/** One sentence per skill with a measured level, strongest first; a line saying what to do when there are none. */
export function summarize(profiles: readonly SkillProfile[]): string[] {
  const measured = profiles.filter((p) => p.level.level !== null).sort((a, b) => b.level.level! - a.level.level!);
  if (measured.length === 0)
    return ['There is not enough yet to measure your skills. Quizzes, role-plays and reviews add to it as you go.'];
  return measured.map((p) => {
    const parts = [trend(p.points), calibration(p)].filter(Boolean);
    const label = SKILL_LABELS[p.skill];
    return `${label}: ${p.level.level}%${parts.length ? `; ${parts.join('; ')}` : ''}.`;
  });
}
