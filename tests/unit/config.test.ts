import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/server/config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = parseConfig({});
    expect(c.DATABASE_URL).toBe('file:data/rapport.db');
    expect(c.DATABASE_BUSY_TIMEOUT_MS).toBe(5000);
    expect(c.SESSION_IDLE_HOURS).toBe(168);
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.DIGEST_HOUR_UTC).toBe(7);
  });
  it('takes the digest hour as a UTC hour of the day', () => {
    expect(parseConfig({ DIGEST_HOUR_UTC: '0' }).DIGEST_HOUR_UTC).toBe(0);
    expect(() => parseConfig({ DIGEST_HOUR_UTC: '24' })).toThrow(/DIGEST_HOUR_UTC="24"/);
    expect(() => parseConfig({ DIGEST_HOUR_UTC: '7am' })).toThrow(/DIGEST_HOUR_UTC="7am"/);
  });
  it('accepts remote libSQL URLs with a token', () => {
    const c = parseConfig({ DATABASE_URL: 'libsql://rapport-acme.turso.io', DATABASE_AUTH_TOKEN: 'tok' });
    expect(c.DATABASE_URL).toBe('libsql://rapport-acme.turso.io');
    expect(c.DATABASE_AUTH_TOKEN).toBe('tok');
  });
  it('treats empty values as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', SMTP_URL: '' }).DATABASE_URL).toBe('file:data/rapport.db');
  });
  it('names every bad variable and its value', () => {
    expect(() => parseConfig({ DATABASE_URL: 'postgres://x', SESSION_IDLE_HOURS: 'soon', COOKIE_SECURE: 'maybe' })).toThrow(
      ConfigError,
    );
    try {
      parseConfig({ DATABASE_URL: 'postgres://x', SESSION_IDLE_HOURS: 'soon', COOKIE_SECURE: 'maybe' });
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain('DATABASE_URL="postgres://x": must start with file:, libsql://, http(s):// or ws(s)://');
      expect(message).toContain('SESSION_IDLE_HOURS="soon"');
      expect(message).toContain('COOKIE_SECURE="maybe"');
    }
  });
  it('reduces PUBLIC_ORIGIN to an origin and refuses one with a path or another scheme', () => {
    expect(parseConfig({ PUBLIC_ORIGIN: 'https://Learn.Example.com/' }).PUBLIC_ORIGIN).toBe('https://learn.example.com');
    expect(parseConfig({ PUBLIC_ORIGIN: 'https://learn.example.com:443' }).PUBLIC_ORIGIN).toBe('https://learn.example.com');
    expect(() => parseConfig({ PUBLIC_ORIGIN: 'https://learn.example.com/rapport' })).toThrow(/must be an origin without a path/);
    expect(() => parseConfig({ PUBLIC_ORIGIN: 'ftp://learn.example.com' })).toThrow(/PUBLIC_ORIGIN="ftp/);
  });
  it('has HOST, PORT and FAST_PATHS with defaults, and checks them', () => {
    const c = parseConfig({});
    expect([c.HOST, c.PORT, c.FAST_PATHS]).toEqual(['localhost', 4321, true]);
    expect(parseConfig({ FAST_PATHS: 'false', PORT: '8080' })).toMatchObject({ FAST_PATHS: false, PORT: 8080 });
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT="70000"/);
  });
  it('refuses a busy timeout too small to be safe', () => {
    expect(() => parseConfig({ DATABASE_BUSY_TIMEOUT_MS: '10' })).toThrow(/DATABASE_BUSY_TIMEOUT_MS="10"/);
  });
});

describe('dates configuration', () => {
  it('defaults to UTC and en-GB, and refuses a time zone or locale it does not know', async () => {
    const { parseConfig } = await import('../../src/lib/server/config.ts');
    expect(parseConfig({})).toMatchObject({ TIME_ZONE: 'UTC', LOCALE: 'en-GB' });
    expect(parseConfig({ TIME_ZONE: 'America/Los_Angeles' }).TIME_ZONE).toBe('America/Los_Angeles');
    expect(() => parseConfig({ TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(
      /TIME_ZONE="Mars\/Olympus_Mons": must be an IANA time zone/,
    );
  });
});
