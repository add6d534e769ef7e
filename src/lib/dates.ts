/**
 * One way to show dates (docs/decisions/015-dates-and-time-zones.md). A due date is a calendar day of the
 * organisation (`TIME_ZONE`), ending at midnight there, which is also when the work becomes overdue; it is
 * shown as that same day to everyone. A moment (completed, reminded, started) is shown in the viewer's own
 * time zone. Both use the viewer's locale for the words and order ("12 March 2027", "March 12, 2027").
 */

export interface Clock {
  /** BCP 47 locale for month names and order, e.g. `en-GB`. */
  locale: string;
  /** IANA time zone moments are shown in, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** IANA time zone whose calendar days due dates are. */
  orgTimeZone: string;
}

export const DEFAULT_CLOCK: Clock = { locale: 'en-GB', timeZone: 'UTC', orgTimeZone: 'UTC' };

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The first locale of an Accept-Language header (by weight) that this server can format, else `fallback`. */
export function pickLocale(header: string | null | undefined, fallback: string): string {
  const tags = (header ?? '')
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((t) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(t.tag) && t.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // A malformed tag the pattern let through: try the next one.
    }
  }
  return fallback;
}

/** The calendar day of `date` in `timeZone`, as `YYYY-MM-DD` (the value of an `<input type="date">`). */
export function dayIn(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    date,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Minutes `timeZone` is ahead of UTC at `date`. */
function offsetMinutes(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** The last millisecond of the calendar day `year-month-day` in `timeZone`. */
export function endOfDayIn(year: number, month: number, day: number, timeZone: string): Date {
  const nextMidnightUtc = Date.UTC(year, month - 1, day + 1);
  // Midnight there is earlier than midnight UTC by the offset; check the offset again in case it changed (DST).
  let guess = nextMidnightUtc - offsetMinutes(new Date(nextMidnightUtc), timeZone) * 60_000;
  guess = nextMidnightUtc - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess - 1);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/** The day a moment happened, where the viewer is: "27 November 2026". */
export function formatDay(date: Date, clock: Clock): string {
  return format(clock.locale, { ...DAY, timeZone: clock.timeZone }).format(date);
}

/** A due date: the organisation's calendar day it ends, the same for every viewer. */
export function formatDue(dueAt: Date, clock: Clock): string {
  return format(clock.locale, { ...DAY, timeZone: clock.orgTimeZone }).format(dueAt);
}

/** A moment with its time, where the viewer is: "27 November 2026, 14:05 CET". */
export function formatDateTime(date: Date, clock: Clock): string {
  return format(clock.locale, {
    ...DAY,
    hour: '2-digit',
    minute: '2-digit',
    timeZone: clock.timeZone,
    timeZoneName: 'short',
  }).format(date);
}
