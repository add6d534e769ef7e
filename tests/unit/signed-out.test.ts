// Where a request without a valid session goes: sign-in and back, saying when a session has ended, and
// after a lost form post back to the page the form was on, marked so kept answers are filled in again.
import { describe, expect, it } from 'vitest';
import { hadSession, signInPath } from '../../src/lib/server/auth/signed-out.ts';
import { MAX_NEXT_LENGTH } from '../../src/lib/server/http/request.ts';

const url = new URL('http://learn.example/quizzes/empathy-quiz?from=%2Fmodules%2Fempathy');
const cookie = 'theme=x; rapport_session=abc.def';
const next = (path: string) => new URL(path, 'http://x').searchParams.get('next') ?? '';

describe('signInPath', () => {
  it('comes back to the page for a visitor who never signed in, and says nothing ended', () => {
    expect(signInPath({ method: 'GET', url, cookieHeader: 'theme=x', referer: null })).toBe(
      `/sign-in?next=${encodeURIComponent('/quizzes/empathy-quiz?from=%2Fmodules%2Fempathy')}`,
    );
    expect(hadSession('theme=x')).toBe(false);
    expect(hadSession(null)).toBe(false);
  });

  it('says a session ended when the request still carried its cookie', () => {
    const path = signInPath({ method: 'GET', url, cookieHeader: cookie, referer: null });
    expect(path.endsWith('&ended=1')).toBe(true);
    expect(next(path)).toBe('/quizzes/empathy-quiz?from=%2Fmodules%2Fempathy');
  });

  it('after a lost post goes back to the page the form was on, marked kept', () => {
    const journal = new URL('http://learn.example/journal');
    const referer = 'http://learn.example/modules/empathy/listening?x=1#r-1';
    expect(next(signInPath({ method: 'POST', url: journal, cookieHeader: cookie, referer }))).toBe(
      '/modules/empathy/listening?x=1&kept=1',
    );
    expect(next(signInPath({ method: 'POST', url, cookieHeader: cookie, referer: null }))).toBe(
      '/quizzes/empathy-quiz?from=%2Fmodules%2Fempathy&kept=1',
    );
  });

  it('never sends anyone back to another site, nor further than a redirect can carry', () => {
    const evil = signInPath({ method: 'POST', url, cookieHeader: cookie, referer: 'https://evil.example/phish' });
    expect(next(evil)).toBe('/quizzes/empathy-quiz?from=%2Fmodules%2Fempathy&kept=1');
    const long = new URL(`http://learn.example/modules?q=${'a'.repeat(MAX_NEXT_LENGTH)}`);
    expect(next(signInPath({ method: 'GET', url: long, cookieHeader: null, referer: null }))).toBe('/modules');
  });
});
