import { describe, expect, it } from 'vitest';
import {
  checkDueDate,
  dueNotice,
  dueStatus,
  formatDueDate,
  parseDueDate,
  sortByUrgency,
  utcDay,
  type DueItem,
} from '../../src/lib/insight/due.ts';

const now = new Date('2027-03-10T09:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe('due status', () => {
  it('is done once the module is complete, however late', () => {
    expect(dueStatus(hours(-500), 'completed', now)).toBe('done');
    expect(dueStatus(hours(500), 'completed', now)).toBe('done');
  });
  it('is overdue after the due moment, whether started or not', () => {
    expect(dueStatus(hours(-1), 'not-started', now)).toBe('overdue');
    expect(dueStatus(new Date(now.getTime() - 1), 'in-progress', now)).toBe('overdue');
  });
  it('is due soon from the due moment back to three days before it', () => {
    expect(dueStatus(now, 'not-started', now)).toBe('due-soon');
    expect(dueStatus(hours(72), 'in-progress', now)).toBe('due-soon');
    expect(dueStatus(new Date(hours(72).getTime() + 1), 'in-progress', now)).toBe('upcoming');
  });
});

describe('due dates from a form', () => {
  it('are due at the very end of the UTC day', () => {
    expect(parseDueDate('2027-03-12')?.toISOString()).toBe('2027-03-12T23:59:59.999Z');
    expect(utcDay(parseDueDate('2027-03-12')!)).toBe('2027-03-12');
  });
  it('refuse dates that do not exist or are not dates', () => {
    for (const bad of ['2027-02-29', '2027-13-01', '2027-3-1', '12/03/2027', 'tomorrow', ''])
      expect(parseDueDate(bad)).toBeNull();
    expect(parseDueDate('2028-02-29')).not.toBeNull();
  });
  it('accept today and later, up to two years ahead, with a message for anything else', () => {
    expect(checkDueDate('2027-03-10', now)).toMatchObject({ ok: true });
    expect(checkDueDate('2027-03-09', now)).toEqual({
      ok: false,
      message: 'That date has passed. Choose today or a later date.',
    });
    expect(checkDueDate('2031-01-01', now)).toEqual({ ok: false, message: 'Choose a due date within the next two years.' });
    expect(checkDueDate('soon', now)).toEqual({ ok: false, message: '“soon” is not a date. Use the date picker or YYYY-MM-DD.' });
    expect(checkDueDate(' ', now)).toEqual({ ok: false, message: 'Choose a due date.' });
  });
  it('print as the calendar day', () => {
    expect(formatDueDate(parseDueDate('2027-03-12')!)).toBe('12 March 2027');
  });
});

describe('ordering for display', () => {
  it('puts overdue first, then due soon, upcoming and done; earliest due first, latest done first', () => {
    const items: (DueItem & { id: string })[] = [
      { id: 'done-old', due: 'done', dueAt: hours(-100) },
      { id: 'upcoming', due: 'upcoming', dueAt: hours(200) },
      { id: 'soon-late', due: 'due-soon', dueAt: hours(70) },
      { id: 'overdue-recent', due: 'overdue', dueAt: hours(-2) },
      { id: 'done-new', due: 'done', dueAt: hours(-1) },
      { id: 'soon-early', due: 'due-soon', dueAt: hours(5) },
      { id: 'overdue-old', due: 'overdue', dueAt: hours(-50) },
    ];
    expect(sortByUrgency(items).map((i) => i.id)).toEqual([
      'overdue-old',
      'overdue-recent',
      'soon-early',
      'soon-late',
      'upcoming',
      'done-new',
      'done-old',
    ]);
  });
  it('breaks ties by label and leaves its input alone', () => {
    const items: DueItem[] = [
      { due: 'upcoming', dueAt: hours(100), label: 'Tailored communication' },
      { due: 'upcoming', dueAt: hours(100), label: 'Empathy at work' },
    ];
    expect(sortByUrgency(items).map((i) => i.label)).toEqual(['Empathy at work', 'Tailored communication']);
    expect(items[0]!.label).toBe('Tailored communication');
  });
});

describe('the home page notice', () => {
  it('names overdue and due-soon work and stays quiet otherwise', () => {
    expect(dueNotice([{ due: 'overdue' }, { due: 'due-soon' }, { due: 'due-soon' }])).toBe(
      'You have 1 assigned module overdue and 2 due within three days.',
    );
    expect(dueNotice([{ due: 'overdue' }, { due: 'overdue' }, { due: 'done' }])).toBe('You have 2 assigned modules overdue.');
    expect(dueNotice([{ due: 'due-soon' }])).toBe('You have 1 assigned module due within three days.');
    expect(dueNotice([{ due: 'upcoming' }, { due: 'done' }])).toBeNull();
  });
});
