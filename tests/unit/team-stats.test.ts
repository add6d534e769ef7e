import { describe, expect, it } from 'vitest';
import { fixtureCourse } from '../helpers/course-fixture.ts';
import { quizStats, skillStats } from '../../src/lib/insight/team-stats.ts';

describe('quiz figures', () => {
  it("averages each person's best score and counts the pass rate per person, never per attempt", () => {
    const rows = [
      { userId: 'ann', quizId: 'listen-quiz', attempts: 2, passedAttempts: 1, best: 90 },
      { userId: 'bob', quizId: 'listen-quiz', attempts: 1, passedAttempts: 0, best: 40 },
      { userId: 'cy', quizId: 'listen-quiz', attempts: 3, passedAttempts: 0, best: 65 },
      { userId: 'ann', quizId: 'other-quiz', attempts: 9, passedAttempts: 9, best: 100 },
    ];
    expect(quizStats(fixtureCourse(), rows)).toEqual([
      {
        quizId: 'listen-quiz',
        moduleId: 'listen',
        moduleTitle: 'Listening',
        passMark: 70,
        people: 3,
        passedPeople: 1,
        averagePercent: 65, // (90 + 40 + 65) / 3
        passRate: 33, // 1 of 3 people
      },
    ]);
  });

  it('says "none yet" (null) for a quiz nobody has taken', () => {
    expect(quizStats(fixtureCourse(), [])[0]).toMatchObject({ people: 0, averagePercent: null, passRate: null });
  });
});

describe('skill figures', () => {
  const best = new Map([
    ['a', { empathy: 6, respect: 4 }],
    ['b', { empathy: 3 }],
  ]);
  it('averages points per run and sets them against the best each run could reach', () => {
    const stats = skillStats(
      [
        { scenarioId: 'a', skill: 'empathy', runs: 2, points: 9 },
        { scenarioId: 'b', skill: 'empathy', runs: 1, points: -1 },
        { scenarioId: 'a', skill: 'respect', runs: 2, points: 4 },
      ],
      best,
    );
    expect(stats).toEqual([
      // (9 - 1) / 3 runs = 2.67 points; 8 of (2 x 6 + 1 x 3) = 15 -> 53%
      { skill: 'empathy', label: 'Empathy', runs: 3, averagePoints: 2.7, percentOfBest: 53 },
      { skill: 'respect', label: 'Respect', runs: 2, averagePoints: 2, percentOfBest: 50 },
    ]);
  });

  it('keeps runs of a removed scenario in the mean but not in the share of best', () => {
    const stats = skillStats(
      [
        { scenarioId: 'gone', skill: 'feedback', runs: 1, points: 4 },
        { scenarioId: 'b', skill: 'nonsense', runs: 5, points: 5 },
      ],
      best,
    );
    expect(stats).toEqual([{ skill: 'feedback', label: 'Feedback', runs: 1, averagePoints: 4, percentOfBest: null }]);
  });
});
