/**
 * Filters of the team matrix, read from GET parameters so that a plain form works without JavaScript
 * and a filtered view can be bookmarked or exported. Bad values are reported, never thrown.
 */
import { CELL_LABELS, isCellStatus, type Cell, type CellStatus, type Matrix } from './matrix.ts';

export interface MatrixFilter {
  /** Only this module's column (null: every module). */
  moduleId: string | null;
  /** Only people with a cell in this status. */
  status: CellStatus | null;
  /** Only people with a module not completed that is due on or before this day (YYYY-MM-DD, UTC). */
  dueBy: string | null;
}

export const NO_FILTER: MatrixFilter = { moduleId: null, status: null, dueBy: null };

export interface ParsedFilter {
  filter: MatrixFilter;
  /** One message per bad parameter; the bad parameter is left out of `filter`. */
  errors: string[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as YYYY-MM-DD, or null when it is not a real date. */
export function parseDay(value: string): string | null {
  const m = DAY.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value ? value : null;
}

export function parseFilter(params: URLSearchParams, moduleIds: readonly string[]): ParsedFilter {
  const errors: string[] = [];
  const filter: MatrixFilter = { ...NO_FILTER };
  const moduleId = params.get('module')?.trim() ?? '';
  if (moduleId) {
    if (moduleIds.includes(moduleId)) filter.moduleId = moduleId;
    else errors.push('That module is not in the course. Choose one from the list.');
  }
  const status = params.get('status')?.trim() ?? '';
  if (status) {
    if (isCellStatus(status)) filter.status = status;
    else errors.push(`Choose a status from the list: ${Object.values(CELL_LABELS).join(', ')}.`);
  }
  const dueBy = params.get('due')?.trim() ?? '';
  if (dueBy) {
    const day = parseDay(dueBy);
    if (day) filter.dueBy = day;
    else errors.push('Write the due date as a calendar date, for example 2026-12-31.');
  }
  return { filter, errors };
}

/** The end of a YYYY-MM-DD day in UTC: a module due at any time that day counts as due by it. */
function endOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) + 86_400_000;
}

function cellMatches(cell: Cell, filter: MatrixFilter): boolean {
  if (filter.status && cell.status !== filter.status) return false;
  if (filter.dueBy) {
    if (!cell.dueAt || cell.status === 'completed') return false;
    if (cell.dueAt.getTime() >= endOfDay(filter.dueBy)) return false;
  }
  return true;
}

/**
 * Narrows the matrix: the module filter keeps one column; the status and due filters keep the people
 * with at least one remaining cell meeting both at once ("in progress and due by Friday").
 */
export function applyFilter(matrix: Matrix, filter: MatrixFilter): Matrix {
  const keep = filter.moduleId ? matrix.modules.findIndex((m) => m.id === filter.moduleId) : -1;
  const narrowed =
    keep < 0
      ? matrix
      : { modules: [matrix.modules[keep]!], rows: matrix.rows.map((r) => ({ person: r.person, cells: [r.cells[keep]!] })) };
  if (!filter.status && !filter.dueBy) return narrowed;
  return { modules: narrowed.modules, rows: narrowed.rows.filter((r) => r.cells.some((c) => cellMatches(c, filter))) };
}

/** The filter as a query string (with a leading `?`, or '' for none), for links that keep it. */
export function filterQuery(filter: MatrixFilter): string {
  const params = new URLSearchParams();
  if (filter.moduleId) params.set('module', filter.moduleId);
  if (filter.status) params.set('status', filter.status);
  if (filter.dueBy) params.set('due', filter.dueBy);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function isFiltered(filter: MatrixFilter): boolean {
  return !!(filter.moduleId || filter.status || filter.dueBy);
}
