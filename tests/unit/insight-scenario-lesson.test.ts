// Scenario aggregation and the lesson funnel on small hand-computed counts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyseScenario } from '../../src/lib/insight/scenario-analytics.ts';
import { lessonFunnel, summariseRatings } from '../../src/lib/insight/lesson-analytics.ts';
import { average, percent, signed } from '../../src/lib/insight/analytics-format.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';

// opening -> middle -> (last -> strong-end | poor-end) | fixed (a mixed ending).
const scenario = scenarioSchema.parse(parse(readFileSync('tests/fixtures/scenarios/valid.yaml', 'utf8')));

describe('analyseScenario', () => {
  // Ten runs: 6 finished (3 strong, 2 mixed, 1 poor), 3 active (2 waiting at middle, 1 at last), 1 abandoned at opening.
  const runs = [
    { status: 'finished' as const, nodeId: null, endingId: 'strong-end', count: 3 },
    { status: 'finished' as const, nodeId: null, endingId: 'fixed', count: 2 },
    { status: 'finished' as const, nodeId: null, endingId: 'poor-end', count: 1 },
    { status: 'active' as const, nodeId: 'middle', endingId: null, count: 2 },
    { status: 'active' as const, nodeId: 'last', endingId: null, count: 1 },
    { status: 'abandoned' as const, nodeId: 'opening', endingId: null, count: 1 },
  ];
  // Nine runs decided at opening; the six finished and one active run decided at middle; four at last.
  const choices = [
    { nodeId: 'opening', choiceId: 'own-it', count: 6 },
    { nodeId: 'opening', choiceId: 'excuse', count: 3 },
    { nodeId: 'middle', choiceId: 'ask-needs', count: 5 },
    { nodeId: 'middle', choiceId: 'guess', count: 2 },
    { nodeId: 'last', choiceId: 'deliver', count: 3 },
    { nodeId: 'last', choiceId: 'rush', count: 1 },
    // A choice a trainer has since removed.
    { nodeId: 'opening', choiceId: 'old-choice', count: 2 },
  ];
  const a = analyseScenario(scenario, choices, runs);
  const node = (id: string) => a.nodes.find((n) => n.id === id)!;

  it('counts runs by status and notes fewer than ten finished runs', () => {
    expect(a.runs).toEqual({ total: 10, finished: 6, active: 3, abandoned: 1 });
    expect(a.smallSample).toBe(true);
  });

  it('gives each choice its share of the decisions taken at its node', () => {
    expect(node('opening').decisions).toBe(9);
    expect(node('opening').choices.map((c) => [c.id, c.taken, c.share])).toEqual([
      ['own-it', 6, 6 / 9],
      ['excuse', 3, 3 / 9],
    ]);
    expect(node('middle').choices.map((c) => [c.id, c.next, c.taken])).toEqual([
      ['ask-needs', 'last', 5],
      ['guess', 'fixed', 2],
    ]);
  });

  it('distributes finished runs over endings and outcomes', () => {
    expect(a.endings.map((e) => [e.id, e.outcome, e.runs, e.share])).toEqual([
      ['strong-end', 'strong', 3, 0.5],
      ['fixed', 'mixed', 2, 2 / 6],
      ['poor-end', 'poor', 1, 1 / 6],
    ]);
    expect(a.outcomes).toEqual({ strong: 3, mixed: 2, poor: 1 });
  });

  it('shows where runs stopped and counts what no longer fits the scenario', () => {
    expect(a.nodes.map((n) => [n.id, n.waiting, n.abandoned])).toEqual([
      ['opening', 0, 1],
      ['middle', 2, 0],
      ['last', 1, 0],
    ]);
    expect(a.stale).toEqual({ decisions: 2, runs: 0 });
  });

  it('is all zeros before anyone plays', () => {
    const empty = analyseScenario(scenario, [], []);
    expect(empty.runs.total).toBe(0);
    expect(empty.endings.every((e) => e.share === 0)).toBe(true);
    expect(empty.nodes[0]!.choices[0]!.share).toBe(0);
  });
});

describe('lessonFunnel', () => {
  const lessons = [
    { id: 'one', title: 'One' },
    { id: 'two', title: 'Two' },
    { id: 'three', title: 'Three' },
  ];
  // Ten learners started: 4 went no further than lesson one, 2 than lesson two, 4 reached lesson three.
  const counts = [
    { lessonId: 'one', opened: 10, completed: 8 },
    { lessonId: 'two', opened: 6, completed: 5 },
    { lessonId: 'three', opened: 4, completed: 2 },
    { lessonId: 'removed', opened: 9, completed: 9 },
  ];
  const furthest = [
    { lessonId: 'one', learners: 4 },
    { lessonId: 'two', learners: 2 },
    { lessonId: 'three', learners: 4 },
  ];
  const ratings = [
    { lessonId: 'one', rating: 5, count: 2 },
    { lessonId: 'one', rating: 2, count: 1 },
    { lessonId: 'three', rating: 4, count: 1 },
    { lessonId: 'removed', rating: 1, count: 7 },
  ];
  const f = lessonFunnel(lessons, counts, furthest, ratings);

  it('computes completion, reach and where learners went no further, in module order', () => {
    expect(f.started).toBe(10);
    expect(f.lessons.map((l) => [l.position, l.id, l.opened, l.completed, l.completionRate, l.reached, l.wentNoFurther])).toEqual(
      [
        [1, 'one', 10, 8, 0.8, 1, 4],
        [2, 'two', 6, 5, 5 / 6, 0.6, 2],
        [3, 'three', 4, 2, 0.5, 0.4, 4],
      ],
    );
  });

  it('summarises ratings per lesson and for the module, ignoring removed lessons', () => {
    expect(f.lessons[0]!.ratings).toEqual({ count: 3, average: 4, distribution: [0, 1, 0, 0, 2] });
    expect(f.lessons[1]!.ratings).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });
    expect(f.ratings).toEqual({ count: 4, average: 4, distribution: [0, 1, 0, 1, 2] });
  });

  it('has no rates for lessons nobody opened', () => {
    const none = lessonFunnel(lessons, [], [], []);
    expect(none.started).toBe(0);
    expect(none.lessons[0]).toMatchObject({ opened: 0, completionRate: null, reached: null, wentNoFurther: 0 });
  });

  it('ignores ratings outside 1-5', () => {
    expect(
      summariseRatings([
        { rating: 0, count: 3 },
        { rating: 6, count: 1 },
        { rating: 3, count: 2 },
      ]),
    ).toEqual({
      count: 2,
      average: 3,
      distribution: [0, 0, 2, 0, 0],
    });
  });
});

describe('number formats', () => {
  it('rounds shares, signs indices and averages the same way everywhere', () => {
    expect([percent(1 / 3), percent(0.905), percent(null)]).toEqual(['33%', '91%', '–']);
    expect([signed(1 / 3), signed(-0.5), signed(0), signed(null)]).toEqual(['+0.33', '−0.50', '0.00', '–']);
    expect([average(4.25), average(null)]).toEqual(['4.3', '–']);
  });
});
