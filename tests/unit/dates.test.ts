import { describe, expect, it } from 'vitest';
import { dayIn, endOfDayIn, formatDateTime, formatDay, formatDue, isTimeZone, pickLocale } from '../../src/lib/dates.ts';
import { checkDueDate, dueStatus, parseDueDate } from '../../src/lib/insight/due.ts';

describe('due dates are days of the organisation’s calendar', () => {
  it('end at midnight there, daylight saving included', () => {
    expect(endOfDayIn(2027, 3, 12, 'UTC').toISOString()).toBe('2027-03-12T23:59:59.999Z');
    expect(endOfDayIn(2027, 3, 12, 'Europe/Berlin').toISOString()).toBe('2027-03-12T22:59:59.999Z');
    // Berlin moves to summer time on 28 March 2027; Los Angeles on 14 March.
    expect(endOfDayIn(2027, 3, 28, 'Europe/Berlin').toISOString()).toBe('2027-03-28T21:59:59.999Z');
    expect(endOfDayIn(2027, 3, 13, 'America/Los_Angeles').toISOString()).toBe('2027-03-14T07:59:59.999Z');
    expect(endOfDayIn(2027, 3, 14, 'America/Los_Angeles').toISOString()).toBe('2027-03-15T06:59:59.999Z');
    expect(endOfDayIn(2027, 3, 12, 'Asia/Kolkata').toISOString()).toBe('2027-03-12T18:29:59.999Z');
  });

  it('become overdue exactly when the day ends there, and read as that day to every viewer', () => {
    const due = parseDueDate('2027-03-12', 'America/Los_Angeles')!;
    expect(dueStatus(due, 'in-progress', new Date('2027-03-13T07:59:00Z'))).toBe('due-soon');
    expect(dueStatus(due, 'in-progress', new Date('2027-03-13T08:00:00Z'))).toBe('overdue');
    expect(dayIn(due, 'America/Los_Angeles')).toBe('2027-03-12');
    const tokyo = { locale: 'en-GB', timeZone: 'Asia/Tokyo', orgTimeZone: 'America/Los_Angeles' };
    expect(formatDue(due, tokyo)).toBe('12 March 2027');
    // The same instant is already the 13th in Tokyo: as a moment, not a due date, it reads so.
    expect(formatDay(due, tokyo)).toBe('13 March 2027');
  });

  it('accept today in the organisation’s time zone, not yet tomorrow’s UTC day', () => {
    const lateEvening = new Date('2027-03-10T06:00:00Z'); // 22:00 on 9 March in Los Angeles
    expect(checkDueDate('2027-03-09', lateEvening, 'America/Los_Angeles')).toMatchObject({ ok: true });
    expect(checkDueDate('2027-03-09', lateEvening, 'UTC')).toMatchObject({ ok: false });
  });
});

describe('the viewer’s locale and time zone', () => {
  it('takes the first locale the browser asks for that the server can format', () => {
    expect(pickLocale('en-US,en;q=0.9', 'en-GB')).toBe('en-US');
    expect(pickLocale('fr;q=0.4, de-DE;q=0.8', 'en-GB')).toBe('de-DE');
    expect(pickLocale('*', 'en-GB')).toBe('en-GB');
    expect(pickLocale('<script>', 'en-GB')).toBe('en-GB');
    expect(pickLocale(undefined, 'en-GB')).toBe('en-GB');
  });

  it('formats days and moments in the viewer’s words and zone', () => {
    const moment = new Date('2027-03-12T15:30:00Z');
    expect(formatDay(moment, { locale: 'en-US', timeZone: 'America/New_York', orgTimeZone: 'UTC' })).toBe('March 12, 2027');
    expect(formatDay(moment, { locale: 'de-DE', timeZone: 'Europe/Berlin', orgTimeZone: 'UTC' })).toBe('12. März 2027');
    expect(formatDateTime(moment, { locale: 'en-GB', timeZone: 'Europe/Berlin', orgTimeZone: 'UTC' })).toBe(
      '12 March 2027 at 16:30 CET',
    );
  });

  it('knows an IANA time zone from anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
