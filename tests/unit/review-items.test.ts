// What a review asks, on the real course: objectives, pools, another question where the pool has one, the
// weak decision's objective, and the judge of a replayed role-play node.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { isBestChoice, pickQuestion, pool, questionObjective, weakDecision } from '../../src/lib/review/items.ts';
import { askFor, judgeChoice } from '../../src/lib/review/ask.ts';
import { bestFrom } from '../../src/lib/scenario/best.ts';
import { objectiveLabel } from '../../src/lib/review/labels.ts';

const course = loadCourseFromDisk(resolve(import.meta.dirname, '../..'));
const quizzes = [...course.quizzes.values()];
const scenarios = [...course.scenarios.values()];

describe('objectives and pools', () => {
  it("name a question's module and first skill, and gather every graded question on it across the module's quizzes", () => {
    const quiz = course.quizzes.get('empathy-quiz')!;
    const question = quiz.questions.find((q) => q.type !== 'likert' && q.skills?.[0] === 'empathy')!;
    expect(questionObjective(quiz, question)).toBe('empathy:empathy');
    const found = pool(quizzes, 'empathy:empathy');
    expect(new Set(found.map((p) => p.quiz.id)).size).toBeGreaterThan(1);
    expect(
      found.every(
        (p) => p.quiz.module === 'empathy' && (p.question.type as string) !== 'likert' && p.question.skills?.[0] === 'empathy',
      ),
    ).toBe(true);
    expect(objectiveLabel('empathy:tailoring', 'Empathy at work')).toBe('Tailored communication in Empathy at work');
  });

  it('ask another question than the one missed, the same one for the same step, and vary it over steps', () => {
    const quiz = course.quizzes.get('empathy-quiz')!;
    const card = { sourceId: quiz.id, itemId: quiz.questions[0]!.id, objective: questionObjective(quiz, quiz.questions[0]!) };
    const asked = Array.from({ length: 12 }, (_, step) => pickQuestion(quizzes, card, `card:${step}`)!.question.id);
    expect(asked).not.toContain(card.itemId);
    expect(pickQuestion(quizzes, card, 'card:3')!.question.id).toBe(asked[3]);
    expect(new Set(asked).size).toBeGreaterThan(1);
  });

  it('fall back to the missed question when it is alone on its objective, and to nothing when its content is gone', () => {
    const card = { sourceId: 'empathy-quiz', itemId: 'gone', objective: 'no-such-module:empathy' };
    expect(pickQuestion(quizzes, card, 'x')).toBeNull();
    expect(
      askFor({ id: 'c', kind: 'scenario', sourceId: 'no-such', itemId: 'n', objective: 'x:y' }, 1, quizzes, scenarios),
    ).toBeNull();
  });
});

describe('role-play decisions', () => {
  it('make a card only below the best at the node, named by the skill the choice cost most', () => {
    for (const scenario of scenarios) {
      const overall = bestFrom(scenario);
      for (const node of scenario.nodes) {
        const best = overall.get(node.id)!.choice!;
        expect(weakDecision(scenario, scenario.module, { nodeId: node.id, choiceId: best.id })).toBeNull();
        for (const c of node.choices.filter((c) => !isBestChoice(scenario, { nodeId: node.id, choiceId: c.id }))) {
          const weak = weakDecision(scenario, scenario.module, { nodeId: node.id, choiceId: c.id })!;
          expect(scenario.skills).toContain(weak.skill);
          expect(weak.objective).toBe(`${scenario.module}:${weak.skill}`);
        }
      }
    }
  });

  it('replay the node with every choice, judging only the best right', () => {
    const scenario = scenarios[0]!;
    const node = scenario.nodes.find((n) => n.id === scenario.start)!;
    const ask = askFor(
      { id: 'c', kind: 'scenario', sourceId: scenario.id, itemId: node.id, objective: 'x' },
      2,
      quizzes,
      scenarios,
    );
    if (ask?.kind !== 'scenario') throw new Error('expected a role-play ask');
    expect(ask.choices.map((c) => c.id).sort()).toEqual(node.choices.map((c) => c.id).sort());
    const verdicts = node.choices.map((c) => judgeChoice(ask, c.id));
    expect(verdicts.filter((v) => v.ok && v.correct).length).toBeGreaterThanOrEqual(1);
    expect(verdicts.filter((v) => v.ok && !v.correct).length).toBeGreaterThanOrEqual(1);
  });
});
