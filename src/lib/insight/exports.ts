/** The two CSV downloads of the team dashboard: the matrix (wide, one row per person) and quiz results. */
import { toCsv, type CsvValue } from './csv.ts';
import { completedCount, CELL_LABELS, type Matrix } from './matrix.ts';
import { dayIn } from '../dates.ts';

/** When a person completed a module, if they have; the matrix itself holds statuses, not moments. */
export type CompletedOn = (userId: string, moduleId: string) => Date | null;

/** Days are `YYYY-MM-DD` in the organisation's `timeZone`, the calendar due dates belong to (decision 015). */
export function matrixCsv(matrix: Matrix, completedOn: CompletedOn = () => null, timeZone = 'UTC'): string {
  const day = (date: Date | null) => (date ? dayIn(date, timeZone) : '');
  const header = [
    'Person',
    'Email',
    'Modules completed',
    ...matrix.modules.flatMap((m) => [m.title, `${m.title}: progress`, `${m.title}: due`, `${m.title}: completed on`]),
  ];
  const rows = matrix.rows.map((r): CsvValue[] => [
    r.person.displayName,
    r.person.email,
    completedCount(r),
    ...r.cells.flatMap((c) => [
      CELL_LABELS[c.status],
      `${c.done} of ${c.total}`,
      day(c.dueAt),
      c.status === 'completed' ? day(completedOn(r.person.id, c.moduleId)) : '',
    ]),
  ]);
  return toCsv(header, rows);
}

/** A person's best result in one end-of-module quiz (src/lib/insight/practice.ts). */
export interface QuizResultCsvLine {
  displayName: string;
  email: string;
  quizId: string;
  submittedAt: Date | null;
  points: number | null;
  maxPoints: number | null;
  percent: number | null;
  passed: boolean;
}

export interface QuizInfo {
  title: string;
  moduleTitle: string;
}

/**
 * One row per person and end-of-module quiz: their best score and whether they passed. Knowledge checks
 * and retakes are the learner's own (docs/decisions/010-privacy-of-practice.md) and are not exported.
 */
export function quizResultsCsv(lines: QuizResultCsvLine[], quizzes: ReadonlyMap<string, QuizInfo>): string {
  const header = [
    'Person',
    'Email',
    'Module',
    'Quiz',
    'Quiz id',
    'Best score submitted (UTC)',
    'Points',
    'Max points',
    'Best percent',
    'Passed',
  ];
  const rows = lines.map((a): CsvValue[] => {
    const quiz = quizzes.get(a.quizId);
    return [
      a.displayName,
      a.email,
      quiz?.moduleTitle ?? '',
      quiz?.title ?? '',
      a.quizId,
      a.submittedAt,
      a.points,
      a.maxPoints,
      a.percent,
      a.passed,
    ];
  });
  return toCsv(header, rows);
}
