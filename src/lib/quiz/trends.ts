/** A learner's self-assessment (likert) answers grouped per question, so they can see their own change. */
import { LIKERT_LABELS, type Quiz } from '../../schemas/quiz.ts';

export interface LikertAnswer {
  quizId: string;
  questionId: string;
  /** The stored response JSON: `{ "type": "likert", "value": 1-5 }`. */
  answer: string;
  at: Date | null;
}

export interface Trend {
  quizId: string;
  questionId: string;
  prompt: string;
  answers: { value: number; label: string; at: Date }[];
  /** Last value minus first value (positive = more often). */
  change: number;
}

export function selfAssessmentTrends(rows: LikertAnswer[], quizzes: (Quiz & { id: string })[]): Trend[] {
  const trends = new Map<string, Trend>();
  for (const row of rows) {
    const question = quizzes.find((q) => q.id === row.quizId)?.questions.find((q) => q.id === row.questionId);
    const value = (JSON.parse(row.answer) as { value?: number }).value;
    if (!question || question.type !== 'likert' || !value || !row.at) continue;
    const key = `${row.quizId}/${row.questionId}`;
    const trend = trends.get(key) ?? {
      quizId: row.quizId,
      questionId: row.questionId,
      prompt: question.prompt,
      answers: [],
      change: 0,
    };
    trend.answers.push({ value, label: LIKERT_LABELS[value - 1] ?? String(value), at: row.at });
    trend.change = value - trend.answers[0]!.value;
    trends.set(key, trend);
  }
  return [...trends.values()];
}
