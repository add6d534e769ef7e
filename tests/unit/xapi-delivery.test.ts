import { describe, expect, it } from 'vitest';
import { MAX_RETRY_MS, retryDelay, verdict } from '../../src/lib/xapi/delivery.ts';
import { parseConfig } from '../../src/lib/server/config.ts';
import { recordingSite, xapiSettings } from '../../src/lib/server/xapi/settings.ts';

describe('retry delays', () => {
  it('double with each failure, between half and all of the step, and stop growing at an hour', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 1000, high))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 1000, low))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay(40, 1000, high)).toBe(MAX_RETRY_MS);
    expect(retryDelay(1000, 5000, low)).toBe(MAX_RETRY_MS / 2);
  });
});

describe('what an LRS answer means', () => {
  it('delivered on 2xx, and on 409 for a single statement (the LRS holds that id already)', () => {
    expect(verdict(200, 5)).toEqual({ kind: 'delivered', conflict: false });
    expect(verdict(204, 1)).toEqual({ kind: 'delivered', conflict: false });
    expect(verdict(409, 1)).toEqual({ kind: 'delivered', conflict: true });
  });
  it('split a batch refused whole for one statement (409, 400) into single sends', () => {
    expect(verdict(409, 3)).toEqual({ kind: 'split' });
    expect(verdict(400, 2)).toEqual({ kind: 'split' });
  });
  it('retry anything else, saying what the LRS answered', () => {
    expect(verdict(500, 4, '<h1>Down\n for maintenance</h1>')).toEqual({
      kind: 'retry',
      error: 'The LRS answered 500: <h1>Down for maintenance</h1>',
    });
    expect(verdict(400, 1)).toEqual({ kind: 'retry', error: 'The LRS answered 400' });
    expect(verdict(401, 3).kind).toBe('retry');
  });
});

describe('xAPI settings', () => {
  it('are off without an endpoint', () => {
    expect(xapiSettings(parseConfig({}))).toBeNull();
    expect(recordingSite(parseConfig({}))).toBeNull();
  });
  it('name the statements resource under the endpoint and carry Basic credentials', () => {
    const s = xapiSettings(
      parseConfig({
        XAPI_ENDPOINT: 'https://lrs.example.com/data/xAPI',
        XAPI_USERNAME: 'key',
        XAPI_PASSWORD: 'secret',
        PUBLIC_ORIGIN: 'https://learn.example.com',
      }),
    );
    expect(s?.statementsUrl).toBe('https://lrs.example.com/data/xAPI/statements');
    expect(s?.authorization).toBe(`Basic ${Buffer.from('key:secret').toString('base64')}`);
    expect(s?.site).toEqual({ homePage: 'https://learn.example.com' });
  });
  it('keep sending but record nothing new with XAPI_ENABLED=false', () => {
    const c = parseConfig({
      XAPI_ENDPOINT: 'https://lrs.example.com/x/',
      XAPI_ENABLED: 'false',
      PUBLIC_ORIGIN: 'https://l.example.com',
    });
    expect(xapiSettings(c)?.recording).toBe(false);
    expect(recordingSite(c)).toBeNull();
  });
  it('refuse an endpoint with credentials in it, saying where they go', () => {
    expect(() => parseConfig({ XAPI_ENDPOINT: 'https://key:secret@lrs.example.com/x/' })).toThrow(
      /XAPI_ENDPOINT=.*must not contain credentials: put them in XAPI_USERNAME and XAPI_PASSWORD/,
    );
  });
  it('refuse an endpoint without a homePage for learners’ accounts, saying what to set', () => {
    expect(() => xapiSettings(parseConfig({ XAPI_ENDPOINT: 'https://lrs.example.com/x/' }))).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: Invalid configuration:
        XAPI_ENDPOINT is set, but statements need a homePage for learners’ accounts: set PUBLIC_ORIGIN (or XAPI_ACCOUNT_HOMEPAGE) to the address people use, e.g. https://learn.example.com]
    `);
  });
});
