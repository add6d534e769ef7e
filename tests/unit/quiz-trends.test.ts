import { describe, expect, it } from 'vitest';
import { selfAssessmentTrends } from '../../src/lib/quiz/trends.ts';
import type { Quiz } from '../../src/schemas/quiz.ts';

const quiz = {
  id: 'q',
  title: 'Q',
  module: 'm',
  retakeWaitMinutes: 0,
  questions: [{ id: 'habit', type: 'likert', prompt: 'How often do you ask first?', explanation: 'Because.' }],
} as unknown as Quiz & { id: string };

describe('self-assessment trends', () => {
  it('groups answers per question in time order and reports the change', () => {
    const rows = [
      { quizId: 'q', questionId: 'habit', answer: '{"type":"likert","value":2}', at: new Date('2026-01-01') },
      { quizId: 'q', questionId: 'habit', answer: '{"type":"likert","value":4}', at: new Date('2026-02-01') },
      { quizId: 'gone', questionId: 'x', answer: '{"type":"likert","value":1}', at: new Date('2026-02-01') },
    ];
    expect(selfAssessmentTrends(rows, [quiz])).toEqual([
      {
        quizId: 'q',
        questionId: 'habit',
        prompt: 'How often do you ask first?',
        answers: [
          { value: 2, label: 'Rarely', at: new Date('2026-01-01') },
          { value: 4, label: 'Often', at: new Date('2026-02-01') },
        ],
        change: 2,
      },
    ]);
  });
});
