/**
 * The viewer's clock for a request (decision 015): their own time zone when they chose one on the account
 * page, else the organisation's; the locale their browser asks for (Accept-Language), else `LOCALE`.
 * Known without any JavaScript in the page.
 */
import { config } from '../config.ts';
import { isTimeZone, pickLocale, type Clock } from '../../dates.ts';

export function clockFor(request: Request, user: { timeZone: string | null } | null | undefined): Clock {
  const { TIME_ZONE, LOCALE } = config();
  return {
    locale: pickLocale(request.headers.get('accept-language'), LOCALE),
    timeZone: user?.timeZone && isTimeZone(user.timeZone) ? user.timeZone : TIME_ZONE,
    orgTimeZone: TIME_ZONE,
  };
}

/** The organisation's clock, for mail and exports that have no viewer. */
export function orgClock(): Clock {
  const { TIME_ZONE, LOCALE } = config();
  return { locale: LOCALE, timeZone: TIME_ZONE, orgTimeZone: TIME_ZONE };
}
