import { describe, expect, it } from 'vitest';
import { isHttps, isSameOrigin, normaliseOrigin, requestOrigin } from '../../src/lib/server/http/origin.ts';

const post = (url: string, headers: Record<string, string>) => new Request(url, { method: 'POST', headers });
const direct = { trustProxy: false };

describe('normaliseOrigin', () => {
  it('lower-cases, drops default ports and refuses what is not a bare http(s) origin', () => {
    expect(normaliseOrigin('HTTP://LOCALHOST:4321')).toBe('http://localhost:4321');
    expect(normaliseOrigin('https://learn.example.com:443')).toBe('https://learn.example.com');
    expect(normaliseOrigin('http://learn.example.com:80')).toBe('http://learn.example.com');
    for (const bad of [null, '', 'null', 'ftp://x', 'https://a.example/path', 'https://u:p@a.example', 'not a url'])
      expect(normaliseOrigin(bad), String(bad)).toBeNull();
  });
});

describe('isSameOrigin', () => {
  it('compares Origin with the address the request came to, normalised on both sides', () => {
    // The write fast path once took this (exact strings), Astro refused it: now one answer, yes.
    expect(isSameOrigin(post('http://LOCALHOST:4321/x', { origin: 'http://localhost:4321' }), direct)).toBe(true);
    expect(isSameOrigin(post('http://localhost:4321/x', { origin: 'http://LOCALHOST:4321' }), direct)).toBe(true);
    expect(isSameOrigin(post('http://localhost:4321/x', { origin: 'http://localhost:4322' }), direct)).toBe(false);
    expect(isSameOrigin(post('http://localhost:4321/x', {}), direct)).toBe(false);
    expect(isSameOrigin(post('http://localhost:4321/x', { origin: 'null' }), direct)).toBe(false);
  });

  it('behind a proxy judges by PUBLIC_ORIGIN, whatever the socket or forwarded headers say', () => {
    const settings = { publicOrigin: 'https://learn.example.com', trustProxy: true };
    const proxied = (origin: string, extra: Record<string, string> = {}) =>
      post('http://learn.example.com/sign-in', { origin, 'x-forwarded-proto': 'https', ...extra });
    expect(isSameOrigin(proxied('https://learn.example.com'), settings)).toBe(true);
    expect(isSameOrigin(proxied('http://learn.example.com'), settings)).toBe(false);
    expect(isSameOrigin(proxied('https://evil.example', { 'x-forwarded-host': 'evil.example' }), settings)).toBe(false);
  });

  it('trusts forwarded headers only when TRUST_PROXY says so', () => {
    const req = post('http://learn.example.com/x', {
      origin: 'https://learn.example.com',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'learn.example.com',
    });
    expect(isSameOrigin(req, direct)).toBe(false);
    expect(isSameOrigin(req, { trustProxy: true })).toBe(true);
    expect(requestOrigin(req, { trustProxy: true })).toBe('https://learn.example.com');
    // The first of a chain of proxies' values is the client-facing one.
    const chained = post('http://app:4321/x', {
      'x-forwarded-proto': 'https, http',
      'x-forwarded-host': 'learn.example.com, app',
    });
    expect(requestOrigin(chained, { trustProxy: true })).toBe('https://learn.example.com');
  });
});

describe('isHttps', () => {
  it('follows the public origin', () => {
    const req = post('http://localhost:4321/x', {});
    expect(isHttps(req, direct)).toBe(false);
    expect(isHttps(req, { publicOrigin: 'https://learn.example.com', trustProxy: false })).toBe(true);
  });
});
