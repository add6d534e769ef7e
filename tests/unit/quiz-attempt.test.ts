import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isPlanCurrent, planAttempt, publicView, seededRandom, shuffle } from '../../src/lib/quiz/index.ts';
import { quizSchema, type Quiz } from '../../src/schemas/quiz.ts';

const sample: Quiz = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const everything: Quiz = { ...sample, drawCount: undefined };
const seeds = Array.from({ length: 200 }, (_, i) => `attempt-${i}`);

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs across seeds', () => {
    const take = (seed: string) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take('abc')).toEqual(take('abc'));
    expect(take('abc')).not.toEqual(take('abd'));
    expect(take('').every((n) => n >= 0 && n < 1)).toBe(true);
  });

  it('spreads values evenly enough for a fair shuffle', () => {
    const random = seededRandom('spread');
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) buckets[Math.floor(random() * 4)]!++;
    for (const bucket of buckets) expect(bucket).toBeGreaterThan(850);
  });

  it('shuffles a copy, keeping every element', () => {
    const list = ['a', 'b', 'c', 'd', 'e'];
    const shuffled = shuffle(list, seededRandom('x'));
    expect(list).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...shuffled].sort()).toEqual(list);
  });
});

describe('planAttempt', () => {
  it('is deterministic for a seed and plain JSON', () => {
    const plan = planAttempt(sample, 'learner-7:attempt-1');
    expect(planAttempt(sample, 'learner-7:attempt-1')).toEqual(plan);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('varies across seeds', () => {
    const distinct = new Set(seeds.map((seed) => JSON.stringify(planAttempt(sample, seed))));
    expect(distinct.size).toBeGreaterThan(100);
  });

  it('draws drawCount graded questions and always adds the likert question last', () => {
    for (const seed of seeds.slice(0, 50)) {
      const ids = planAttempt(sample, seed).questions.map((q) => q.id);
      expect(ids).toHaveLength(4);
      expect(new Set(ids).size).toBe(4);
      expect(ids.at(-1)).toBe('habit');
    }
  });

  it('gives every graded question a chance to be drawn, in varied positions', () => {
    const firsts = new Set(seeds.map((seed) => planAttempt(sample, seed).questions[0]?.id));
    expect(firsts).toEqual(new Set(['pick-one', 'pick-many', 'judge', 'steps']));
  });

  it('asks every question when drawCount is unset', () => {
    const ids = planAttempt(everything, 'all').questions.map((q) => q.id);
    expect([...ids].sort()).toEqual(['habit', 'judge', 'pick-many', 'pick-one', 'steps']);
  });

  it('shuffles options and items but keeps true/false and the likert scale fixed', () => {
    const plans = seeds.map((seed) => planAttempt(everything, seed));
    const orders = (id: string) => new Set(plans.map((p) => p.questions.find((q) => q.id === id)?.order.join(',')));
    expect(orders('pick-one').size).toBeGreaterThan(12);
    expect(orders('judge')).toEqual(new Set(['true,false']));
    expect(orders('habit')).toEqual(new Set(['']));
    for (const plan of plans) {
      const pickMany = plan.questions.find((q) => q.id === 'pick-many');
      expect([...(pickMany?.order ?? [])].sort()).toEqual(['blame', 'facts', 'own-story', 'stakes']);
    }
  });

  it('never shows ordering items already in the right order', () => {
    const orders = new Set(
      seeds.map((seed) =>
        planAttempt(everything, seed)
          .questions.find((q) => q.id === 'steps')
          ?.order.join(','),
      ),
    );
    expect(orders.has('listen,summarize,acknowledge,fix')).toBe(false);
    expect(orders.size).toBe(23);
  });
});

describe('publicView', () => {
  const plan = planAttempt(everything, 'view');

  it('follows the plan order and carries only ids and texts', () => {
    const view = publicView(everything, plan);
    expect(view.map((q) => q.id)).toEqual(plan.questions.map((q) => q.id));
    for (const [i, question] of view.entries()) {
      const choices = 'options' in question ? question.options : 'items' in question ? question.items : [];
      expect(choices.map((c) => c.id)).toEqual(plan.questions[i]?.order);
      for (const choice of choices) expect(Object.keys(choice)).toEqual(['id', 'text']);
    }
    expect(view.find((q) => q.type === 'likert')).toEqual({
      id: 'habit',
      type: 'likert',
      prompt: 'How often do you ask a colleague what they need before you start?',
      scale: [
        { value: 1, label: 'Never' },
        { value: 2, label: 'Rarely' },
        { value: 3, label: 'Sometimes' },
        { value: 4, label: 'Often' },
        { value: 5, label: 'Always' },
      ],
    });
  });

  it('leaks no answers: no correct flags, no feedback, no explanations', () => {
    const json = JSON.stringify(publicView(everything, plan));
    expect(json).not.toMatch(/correct/i);
    for (const question of everything.questions) {
      expect(json).not.toContain(question.explanation);
      const choices = question.type === 'likert' ? [] : question.type === 'ordering' ? question.items : question.options;
      for (const choice of choices) expect(json).not.toContain(choice.feedback);
    }
    expect(json).not.toMatch(/feedback|explanation/i);
  });
});

describe('isPlanCurrent', () => {
  const plan = planAttempt(everything, 'stored');

  it('accepts a plan made from the same quiz', () => {
    expect(isPlanCurrent(everything, plan)).toBe(true);
  });

  it('refuses a plan whose question, type or options have changed', () => {
    const without = (id: string): Quiz => ({ ...everything, questions: everything.questions.filter((q) => q.id !== id) });
    expect(isPlanCurrent(without('judge'), plan)).toBe(false);
    const retyped = everything.questions.map((q) => (q.type === 'multiple' ? { ...q, type: 'single' as const } : q));
    expect(isPlanCurrent({ ...everything, questions: retyped }, plan)).toBe(false);
    const trimmed = everything.questions.map((q) => (q.type === 'single' ? { ...q, options: q.options.slice(1) } : q));
    expect(isPlanCurrent({ ...everything, questions: trimmed }, plan)).toBe(false);
    expect(() => publicView(without('judge'), plan)).toThrow('Quiz "Sample quiz" has no question "judge"');
  });
});
