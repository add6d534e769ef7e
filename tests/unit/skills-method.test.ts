// The skill profile's method (docs/skills.md) on a fixture: weights, time decay, levels over time, the
// calibration gap, group figures and the plain-language summary.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  groupFigures,
  HALF_LIFE_DAYS,
  levelAt,
  MIN_WEIGHT,
  profile,
  selfPercent,
  WEIGHTS,
  type Evidence,
  type SelfRating,
} from '../../src/lib/skills/method.ts';
import { summarize } from '../../src/lib/skills/summary.ts';

const raw = JSON.parse(readFileSync(new URL('../fixtures/skills/three-weeks.json', import.meta.url), 'utf8'));
const end = new Date(raw.end);
const evidence: Evidence[] = raw.evidence.map((e: Evidence & { at: string }) => ({ ...e, at: new Date(e.at) }));
const ratings: SelfRating[] = raw.ratings.map((r: SelfRating & { at: string }) => ({ ...r, at: new Date(r.at) }));
const at = (iso: string) => new Date(iso);

describe('a level', () => {
  it('is the weighted mean of the evidence, a role-play weighing three quiz answers', () => {
    const fresh: Evidence[] = [
      { skill: 'feedback', source: 'quiz', at: end, value: 0 },
      { skill: 'feedback', source: 'quiz', at: end, value: 0 },
      { skill: 'feedback', source: 'role-play', at: end, value: 1 },
    ];
    expect(WEIGHTS['role-play']).toBe(3);
    expect(levelAt(fresh, 'feedback', end)).toEqual({ level: 60, weight: 5, count: 3 });
  });

  it('halves the weight of evidence every half-life', () => {
    const old: Evidence[] = [
      { skill: 'feedback', source: 'role-play', at: new Date(end.getTime() - HALF_LIFE_DAYS * 86_400_000), value: 0 },
      { skill: 'feedback', source: 'role-play', at: end, value: 1 },
    ];
    // weights 1.5 and 3: (0 * 1.5 + 1 * 3) / 4.5
    expect(levelAt(old, 'feedback', end).level).toBe(67);
  });

  it('is not shown on too little evidence, and counts nothing from the future', () => {
    expect(levelAt(evidence, 'empathy', end)).toMatchObject({ level: null, count: 1 });
    expect(MIN_WEIGHT).toBeGreaterThan(WEIGHTS.quiz);
    expect(levelAt(evidence, 'tailoring', at('2027-02-01T12:00:00Z')).level).toBeNull();
  });

  it('lets months-old misses fade behind recent success', () => {
    expect(levelAt(evidence, 'respect', end).level).toBe(100);
  });
});

describe('the profile', () => {
  const profiles = profile(evidence, ratings, end, 4);
  const tailoring = profiles.find((p) => p.skill === 'tailoring')!;

  it('draws weekly points that rise with the fixture, and the latest self-rating beside them', () => {
    expect(tailoring.points.map((p) => p.level)).toEqual([null, 38, 63, 78]);
    expect(tailoring.self).toBe(selfPercent(3));
    expect(selfPercent(1)).toBe(0);
    expect(selfPercent(5)).toBe(100);
    expect(tailoring.gap).toBe(50 - 78);
  });

  it('says it in plain words, strongest skill first', () => {
    expect(summarize(profiles)).toEqual([
      'Respect: 100%; your self-rating is close to it.',
      'Tailored communication: 78%; rose from 38% to 78% over two weeks; your self-rating is below it: you do better than you think.',
    ]);
    expect(summarize(profile([], [], end))[0]).toMatch(/not enough yet/);
  });
});

describe('group figures', () => {
  it('give mean and spread only with at least three people measured', () => {
    expect(groupFigures([50, null, 70])).toBeNull();
    expect(groupFigures([50, 60, 70, null])).toEqual({ people: 3, mean: 60, sd: 8 });
  });
});
