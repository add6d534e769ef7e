// What of a learner's practice reaches their manager (decision 010): the best graded result per quiz
// and the best finished run per role-play, whatever came before or after.
import { describe, expect, it } from 'vitest';
import { bestQuizResults, bestRuns, parseTotals, skillAggregatesOf, type FinishedRun } from '../../src/lib/insight/practice.ts';

const at = (day: number) => new Date(Date.UTC(2026, 10, day));
const attempt = (userId: string, quizId: string, percent: number, passed: boolean, day: number) => ({
  userId,
  quizId,
  percent,
  passed,
  points: percent / 10,
  maxPoints: 10,
  submittedAt: at(day),
});

describe('best quiz results', () => {
  it('keeps the highest score per person and quiz, passed if any attempt passed', () => {
    const results = bestQuizResults([
      attempt('ann', 'q', 50, false, 1),
      attempt('ann', 'q', 90, true, 2),
      attempt('ann', 'q', 30, false, 3), // a careless retake after passing changes nothing
      attempt('bob', 'q', 40, false, 1),
      attempt('ann', 'r', 70, true, 1),
    ]);
    expect(results.map((r) => [r.userId, r.quizId, r.percent, r.passed, r.submittedAt?.getUTCDate()])).toEqual([
      ['ann', 'q', 90, true, 2],
      ['bob', 'q', 40, false, 1],
      ['ann', 'r', 70, true, 1],
    ]);
  });

  it('takes the later attempt on a tie, and keeps a pass whose pass mark was raised later', () => {
    const [tie] = bestQuizResults([attempt('ann', 'q', 80, true, 1), attempt('ann', 'q', 80, false, 4)]);
    expect([tie!.submittedAt?.getUTCDate(), tie!.passed]).toEqual([4, true]);
  });
});

const run = (scenarioId: string, outcome: FinishedRun['outcome'], totals: Record<string, number>, day: number): FinishedRun => ({
  userId: 'ann',
  scenarioId,
  outcome,
  totals,
  finishedAt: at(day),
});

describe('best role-play runs', () => {
  it('prefers the better ending, then more points, then the later run', () => {
    const strong = run('s', 'strong', { empathy: 2 }, 1);
    const poorButLater = run('s', 'poor', { empathy: 9 }, 5);
    const strongerStrong = run('s', 'strong', { empathy: 3, respect: 1 }, 2);
    expect(bestRuns([strong, poorButLater, strongerStrong])).toEqual([strongerStrong]);
    const again = run('s', 'strong', { empathy: 3, respect: 1 }, 7);
    expect(bestRuns([strongerStrong, again])).toEqual([again]);
  });

  it('sums skills over the best runs only, so a replay played badly never lowers the profile', () => {
    const runs = [run('s', 'strong', { empathy: 4, respect: 2 }, 1), run('s', 'poor', { empathy: -3, respect: -2 }, 2)];
    expect(skillAggregatesOf(bestRuns(runs))).toEqual([
      { scenarioId: 's', skill: 'empathy', runs: 1, points: 4 },
      { scenarioId: 's', skill: 'respect', runs: 1, points: 2 },
    ]);
  });

  it('reads stored totals, ignoring anything that is not a number', () => {
    expect(parseTotals('{"empathy":2,"note":"x"}')).toEqual({ empathy: 2 });
    expect(parseTotals('[1]')).toEqual({});
    expect(parseTotals('not json')).toEqual({});
  });
});
