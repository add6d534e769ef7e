import { describe, expect, expectTypeOf, it } from 'vitest';
import { LIKERT_LABELS, QUESTION_TYPES, quizSchema, type Question, type Quiz } from '../../src/schemas/quiz.ts';
import { SKILLS, SKILL_LABELS, skillSchema, type Skill } from '../../src/schemas/skills.ts';

const option = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  text: `Text ${id}`,
  feedback: `Why ${id}.`,
  ...extra,
});
const single = {
  id: 'first',
  type: 'single',
  prompt: 'Pick one.',
  explanation: 'Because.',
  options: [option('a', { correct: true }), option('b')],
};
const quiz = (extra: Record<string, unknown> = {}) => ({ title: 'A quiz', module: 'empathy', questions: [single], ...extra });

/** The zod issues of a failed parse as `path: code` lines, which is what these tests care about. */
function issues(input: unknown): string[] {
  const result = quizSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
}

describe('quiz schema', () => {
  it('accepts a minimal quiz and fills in the defaults', () => {
    const parsed = quizSchema.parse(quiz());
    expect(parsed.retakeWaitMinutes).toBe(0);
    expect(parsed.drawCount).toBeUndefined();
    expect(parsed.maxAttempts).toBeUndefined();
    const first = parsed.questions[0];
    expect(first?.type === 'single' && first.options.map((o) => o.correct)).toEqual([true, false]);
  });

  it('accepts every question type', () => {
    const questions = [
      single,
      { ...single, id: 'many', type: 'multiple' },
      { ...single, id: 'judge', type: 'truefalse', options: [option('true', { correct: true }), option('false')] },
      {
        id: 'steps',
        type: 'ordering',
        prompt: 'Order them.',
        explanation: 'Why.',
        items: [option('x'), option('y'), option('z')],
      },
      { id: 'habit', type: 'likert', prompt: 'How often?', explanation: 'Why it matters.', skills: ['empathy'] },
    ];
    expect(
      quizSchema.parse(quiz({ questions, drawCount: 3, maxAttempts: 5, retakeWaitMinutes: 10 })).questions.map((q) => q.type),
    ).toEqual(QUESTION_TYPES);
  });

  it('rejects unknown fields at every level', () => {
    expect(issues(quiz({ passMark: 70 }))).toEqual([': unrecognized_keys']);
    expect(issues(quiz({ questions: [{ ...single, hint: 'x' }] }))).toEqual(['questions.0: unrecognized_keys']);
    expect(issues(quiz({ questions: [{ ...single, options: [option('a', { corect: true })] }] }))).toEqual([
      'questions.0.options.0: unrecognized_keys',
    ]);
    const steps = { id: 'steps', type: 'ordering', prompt: 'p', explanation: 'e', items: [option('x', { correct: true })] };
    expect(issues(quiz({ questions: [steps] }))).toEqual(['questions.0.items.0: unrecognized_keys']);
    const habit = { id: 'habit', type: 'likert', prompt: 'p', explanation: 'e', options: [] };
    expect(issues(quiz({ questions: [habit] }))).toEqual(['questions.0: unrecognized_keys']);
  });

  it('requires feedback on every option and an explanation on every question', () => {
    const { feedback: _, ...noFeedback } = option('b');
    expect(issues(quiz({ questions: [{ ...single, options: [option('a'), noFeedback] }] }))).toEqual([
      'questions.0.options.1.feedback: invalid_type',
    ]);
    expect(issues(quiz({ questions: [{ ...single, explanation: '   ' }] }))).toEqual(['questions.0.explanation: too_small']);
    const { explanation: __, ...habit } = { id: 'habit', type: 'likert', prompt: 'p', explanation: 'e' };
    expect(issues(quiz({ questions: [habit] }))).toEqual(['questions.0.explanation: invalid_type']);
  });

  it('trims text fields', () => {
    const parsed = quizSchema.parse(quiz({ title: '  Spaced  ' }));
    expect(parsed.title).toBe('Spaced');
  });

  it('checks ids, the question type, skills and numbers', () => {
    expect(issues(quiz({ module: 'Empathy' }))).toEqual(['module: invalid_format']);
    expect(issues(quiz({ questions: [{ ...single, id: 'first_question' }] }))).toEqual(['questions.0.id: invalid_format']);
    expect(issues(quiz({ questions: [{ ...single, type: 'choice' }] }))).toEqual(['questions.0.type: invalid_union']);
    expect(issues(quiz({ questions: [{ ...single, skills: ['listening'] }] }))).toEqual(['questions.0.skills.0: invalid_value']);
    expect(issues(quiz({ drawCount: 0, maxAttempts: 1.5, retakeWaitMinutes: -1 }))).toEqual([
      'drawCount: too_small',
      'maxAttempts: invalid_type',
      'retakeWaitMinutes: too_small',
    ]);
    expect(issues(quiz({ questions: [] }))).toEqual(['questions: too_small']);
  });

  it('infers types that the rest of the code relies on', () => {
    expectTypeOf<Quiz['retakeWaitMinutes']>().toEqualTypeOf<number>();
    expectTypeOf<Question['type']>().toEqualTypeOf<'single' | 'multiple' | 'truefalse' | 'ordering' | 'likert'>();
    expectTypeOf<Extract<Question, { type: 'single' }>['options'][number]['correct']>().toEqualTypeOf<boolean>();
  });
});

describe('skills and the likert scale', () => {
  it('lists the five skills with a label each', () => {
    expect(SKILLS).toEqual(['empathy', 'respect', 'feedback', 'tailoring', 'ownership']);
    expect(Object.keys(SKILL_LABELS)).toEqual([...SKILLS]);
    expect(skillSchema.safeParse('listening').success).toBe(false);
    expectTypeOf<Skill>().toEqualTypeOf<'empathy' | 'respect' | 'feedback' | 'tailoring' | 'ownership'>();
  });

  it('fixes the likert labels from 1 to 5', () => {
    expect(LIKERT_LABELS).toEqual(['Never', 'Rarely', 'Sometimes', 'Often', 'Always']);
  });
});
