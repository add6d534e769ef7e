/**
 * When assigned work is due, as learners and managers see it. Pure: the status follows from the
 * due date, the learner's progress in the module and the current time, so it is never stored and
 * never goes stale (like progress itself, see docs/decisions/002-progress-model.md).
 *
 * A due date is a calendar day of the organisation (`TIME_ZONE`, UTC unless set): work is due by the end
 * of that day there, so nobody is told "overdue" on the morning of the day it is due, and everyone sees
 * the same day (docs/decisions/015-dates-and-time-zones.md).
 */
import type { Status } from '../progress/rules.ts';
import { DEFAULT_CLOCK, endOfDayIn, formatDue, type Clock } from '../dates.ts';

export type DueStatus = 'done' | 'overdue' | 'due-soon' | 'upcoming';

/** Work due within this long (and not yet done) is "due soon". */
export const DUE_SOON_MS = 3 * 24 * 60 * 60 * 1000;

/** How far ahead a due date may be set; further than this is almost certainly a typo in the year. */
export const MAX_DUE_DAYS = 366 * 2;

const DAY_MS = 24 * 60 * 60 * 1000;

export function dueStatus(dueAt: Date, progress: Status, now: Date): DueStatus {
  if (progress === 'completed') return 'done';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'due-soon' : 'upcoming';
}

export const DUE_LABELS: Record<DueStatus, string> = {
  overdue: 'Overdue',
  'due-soon': 'Due soon',
  upcoming: 'Upcoming',
  done: 'Done',
};

/** The badge class in global.css for each status. */
export const DUE_BADGES: Record<DueStatus, string> = {
  overdue: 'badge bad',
  'due-soon': 'badge warn',
  upcoming: 'badge',
  done: 'badge ok',
};

const RANK: Record<DueStatus, number> = { overdue: 0, 'due-soon': 1, upcoming: 2, done: 3 };

export interface DueItem {
  dueAt: Date;
  due: DueStatus;
  /** Breaks ties between items due at the same moment (a module title or a person's name). */
  label?: string;
}

/**
 * Most urgent first: overdue, due soon, upcoming, each with the earliest due date first; finished
 * work last, most recently due first, since the latest finished work is the most interesting.
 */
export function compareByUrgency(a: DueItem, b: DueItem): number {
  const rank = RANK[a.due] - RANK[b.due];
  if (rank !== 0) return rank;
  const time = a.due === 'done' ? b.dueAt.getTime() - a.dueAt.getTime() : a.dueAt.getTime() - b.dueAt.getTime();
  return time !== 0 ? time : (a.label ?? '').localeCompare(b.label ?? '');
}

export function sortByUrgency<T extends DueItem>(items: readonly T[]): T[] {
  return [...items].sort(compareByUrgency);
}

/** The UTC calendar day of a moment, `YYYY-MM-DD` (also the value of an `<input type="date">`). */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Reads `YYYY-MM-DD` as "due by the end of that day" in the organisation's `timeZone` (decision 015); null
 * for anything that is not a real date.
 */
export function parseDueDate(value: string, timeZone = 'UTC'): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC rolls 2027-02-30 over into March; a real date survives the round trip unchanged.
  if (utcDay(new Date(Date.UTC(year, month - 1, day))) !== match.slice(1).join('-')) return null;
  return endOfDayIn(year, month, day, timeZone);
}

export type DueDateCheck = { ok: true; dueAt: Date } | { ok: false; message: string };

/** A due date from a form: a real date, from today on, at most two years ahead. */
export function checkDueDate(value: string, now: Date, timeZone = 'UTC'): DueDateCheck {
  if (!value.trim()) return { ok: false, message: 'Choose a due date.' };
  const dueAt = parseDueDate(value, timeZone);
  if (!dueAt) return { ok: false, message: `“${value.slice(0, 20)}” is not a date. Use the date picker or YYYY-MM-DD.` };
  if (dueAt.getTime() < now.getTime()) return { ok: false, message: 'That date has passed. Choose today or a later date.' };
  if (dueAt.getTime() - now.getTime() > MAX_DUE_DAYS * DAY_MS)
    return { ok: false, message: 'Choose a due date within the next two years.' };
  return { ok: true, dueAt };
}

/** "12 March 2027": the calendar day the work is due, in the clock's locale (decision 015). */
export function formatDueDate(dueAt: Date, clock: Clock = DEFAULT_CLOCK): string {
  return formatDue(dueAt, clock);
}

/** The sentence of the home page's notice, or null when nothing needs attention. */
export function dueNotice(items: readonly { due: DueStatus }[]): string | null {
  const overdue = items.filter((i) => i.due === 'overdue').length;
  const soon = items.filter((i) => i.due === 'due-soon').length;
  const modules = (n: number) => `${n} assigned ${n === 1 ? 'module' : 'modules'}`;
  if (overdue && soon) return `You have ${modules(overdue)} overdue and ${soon} due within three days.`;
  if (overdue) return `You have ${modules(overdue)} overdue.`;
  if (soon) return `You have ${modules(soon)} due within three days.`;
  return null;
}
