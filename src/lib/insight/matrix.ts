/**
 * The team matrix: one row per person, one cell per module. Module status follows the progress rules
 * (src/lib/progress/rules.ts) but is computed from rows aggregated in SQL per person and module, so a
 * team costs a few grouped queries instead of one set of queries per person. A cell is overdue when the
 * person has an assignment for the module whose due date has passed and the module is not complete.
 */
import type { CatalogModule } from '../content/catalog.ts';
import type { Status } from '../progress/rules.ts';

export const CELL_STATUSES = ['not-started', 'in-progress', 'completed', 'overdue'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

export const CELL_LABELS: Record<CellStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  completed: 'Completed',
  overdue: 'Overdue',
};

export function isCellStatus(value: unknown): value is CellStatus {
  return typeof value === 'string' && (CELL_STATUSES as readonly string[]).includes(value);
}

/** One person's lesson rows in one module, aggregated. */
export interface LessonCounts {
  userId: string;
  moduleId: string;
  /** Rows of any lesson in the module, published or not: opening a lesson starts the module. */
  opened: number;
  /** Published lessons of the module completed (records of removed or draft lessons are ignored). */
  completed: number;
}

/** The facts of a group of people, as the grouped queries return them. */
export interface TeamFacts {
  lessons: LessonCounts[];
  passedQuizzes: { userId: string; quizId: string }[];
  finishedScenarios: { userId: string; scenarioId: string }[];
  assignments: { userId: string; moduleId: string; dueAt: Date }[];
}

export interface Person {
  id: string;
  displayName: string;
  email: string;
}

export interface Cell {
  moduleId: string;
  status: CellStatus;
  /** The status by the progress rules alone, before due dates. */
  progress: Status;
  done: number;
  total: number;
  percent: number;
  dueAt: Date | null;
}

export interface MatrixRow {
  person: Person;
  cells: Cell[];
}

export interface Matrix {
  modules: { id: string; title: string }[];
  rows: MatrixRow[];
}

export interface ModuleCounts {
  opened: number;
  completedLessons: number;
  quizPassed: boolean;
  scenariosFinished: number;
}

/** The same arithmetic as `moduleProgress` in the progress rules, from counts instead of records. */
export function moduleStatus(module: CatalogModule, c: ModuleCounts): Pick<Cell, 'progress' | 'done' | 'total' | 'percent'> {
  const total = module.lessons.length + (module.quiz ? 1 : 0) + module.scenarioIds.length;
  const done = c.completedLessons + (module.quiz && c.quizPassed ? 1 : 0) + c.scenariosFinished;
  const touched = c.opened > 0 || done > 0;
  return {
    progress: total > 0 && done === total ? 'completed' : touched ? 'in-progress' : 'not-started',
    done,
    total,
    percent: total === 0 ? 0 : Math.floor((done / total) * 100),
  };
}

/** Overdue wins over not started and in progress; a completed module is never overdue. */
export function cellStatus(progress: Status, dueAt: Date | null, now: Date): CellStatus {
  if (progress !== 'completed' && dueAt && dueAt.getTime() < now.getTime()) return 'overdue';
  return progress;
}

const key = (a: string, b: string) => `${a}\u0000${b}`;

export function buildMatrix(modules: CatalogModule[], people: Person[], facts: TeamFacts, now: Date): Matrix {
  const lessons = new Map(facts.lessons.map((l) => [key(l.userId, l.moduleId), l]));
  const passed = new Set(facts.passedQuizzes.map((q) => key(q.userId, q.quizId)));
  const finished = new Set(facts.finishedScenarios.map((s) => key(s.userId, s.scenarioId)));
  const due = new Map(facts.assignments.map((a) => [key(a.userId, a.moduleId), a.dueAt]));
  const rows = people.map((person) => ({
    person,
    cells: modules.map((module): Cell => {
      const counts = lessons.get(key(person.id, module.id));
      const progress = moduleStatus(module, {
        opened: counts?.opened ?? 0,
        completedLessons: counts?.completed ?? 0,
        quizPassed: module.quiz ? passed.has(key(person.id, module.quiz.id)) : false,
        scenariosFinished: module.scenarioIds.filter((id) => finished.has(key(person.id, id))).length,
      });
      const dueAt = due.get(key(person.id, module.id)) ?? null;
      return { moduleId: module.id, ...progress, dueAt, status: cellStatus(progress.progress, dueAt, now) };
    }),
  }));
  return { modules: modules.map((m) => ({ id: m.id, title: m.title })), rows };
}

export interface ModuleSummary {
  moduleId: string;
  title: string;
  counts: Record<CellStatus, number>;
  /** 0-100, rounded down like progress, so 100 means everyone has completed it. */
  completionRate: number;
}

export interface MatrixSummary {
  people: number;
  cells: number;
  completed: number;
  completionRate: number;
  counts: Record<CellStatus, number>;
  modules: ModuleSummary[];
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part / whole) * 100));
const zeroCounts = (): Record<CellStatus, number> => ({ 'not-started': 0, 'in-progress': 0, completed: 0, overdue: 0 });

/** Team completion: completed cells out of people x modules, overall and per module. */
export function summarise(matrix: Matrix): MatrixSummary {
  const counts = zeroCounts();
  const modules = matrix.modules.map((m, i) => {
    const c = zeroCounts();
    for (const row of matrix.rows) c[row.cells[i]!.status]++;
    for (const s of CELL_STATUSES) counts[s] += c[s];
    return { moduleId: m.id, title: m.title, counts: c, completionRate: rate(c.completed, matrix.rows.length) };
  });
  const cells = matrix.rows.length * matrix.modules.length;
  return {
    people: matrix.rows.length,
    cells,
    completed: counts.completed,
    completionRate: rate(counts.completed, cells),
    counts,
    modules,
  };
}

/** How many modules a row has completed. */
export function completedCount(row: MatrixRow): number {
  return row.cells.filter((c) => c.status === 'completed').length;
}
