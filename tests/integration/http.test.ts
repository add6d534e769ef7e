// The real built server over HTTP: authorisation, CSRF defences, cookie flags, headers and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm, setCookie } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s?.stop());

describe('sign-in over HTTP', () => {
  it('sets an HttpOnly, SameSite=Lax, path-wide session cookie and redirects home', async () => {
    const res = await postForm(s.origin, '/sign-in', { email: 'learner@example.com', password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = setCookie(res)!;
    expect(cookie).toMatch(/^rapport_session=[a-z2-9]{24}\.[a-z2-9]{24};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    // Plain-HTTP localhost is the one place the cookie may lack Secure (COOKIE_SECURE=auto).
    expect(cookie).not.toContain('Secure');
  });

  it('marks the cookie Secure when forced, as in production behind HTTPS', async () => {
    const secure = await startServer({ env: { COOKIE_SECURE: 'true' } });
    try {
      const res = await postForm(secure.origin, '/sign-in', { email: 'learner@example.com', password: DEMO_PASSWORD });
      expect(setCookie(res)).toContain('Secure');
    } finally {
      await secure.stop();
    }
  });

  it('answers a wrong password with 401 and the same words as an unknown email', async () => {
    const wrong = await postForm(s.origin, '/sign-in', { email: 'learner@example.com', password: 'not the password' });
    const unknown = await postForm(s.origin, '/sign-in', { email: 'nobody@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string) => html.match(/<div class="alert error"[^>]*>([^<]*)</)?.[1]?.trim();
    expect(message(await wrong.text())).toBe(message(await unknown.text()));
    expect(setCookie(wrong)).toBeUndefined();
  });

  it('only redirects to same-site paths after sign-in', async () => {
    const res = await postForm(s.origin, '/sign-in', {
      email: 'learner@example.com',
      password: DEMO_PASSWORD,
      next: '//evil.example/',
    });
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('cross-site request defences', () => {
  it('refuses a POST whose Sec-Fetch-Site is cross-site', async () => {
    const res = await postForm(
      s.origin,
      '/sign-in',
      { email: 'a@b.co', password: 'x' },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('Cross-site requests are not allowed.');
  });
  it('refuses a POST from another origin (Astro checkOrigin)', async () => {
    const res = await postForm(s.origin, '/sign-in', { email: 'a@b.co', password: 'x' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
  it('refuses sign-out by GET', async () => {
    const res = await get(s.origin, '/sign-out');
    expect(res.status).toBe(405);
  });
});

describe('authorisation', () => {
  it('sends signed-out visitors to sign-in with a way back', async () => {
    const res = await get(s.origin, '/admin/people');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fadmin%2Fpeople');
  });

  it.each([
    ['learner@example.com', '/admin/people', 403],
    ['trainer@example.com', '/admin/people', 403],
    ['manager@example.com', '/admin/people', 403],
    ['admin@example.com', '/admin/people', 200],
    ['learner@example.com', '/team', 403],
    ['manager@example.com', '/team', 200],
    ['learner@example.com', '/', 200],
    ['learner@example.com', '/account', 200],
  ])('%s GET %s -> %i', async (email, path, status) => {
    const res = await get(s.origin, path, await cookieFor(s.db, email));
    expect(res.status).toBe(status);
  });

  it('refuses a learner posting to the admin page and changes nothing', async () => {
    const learner = await cookieFor(s.db, 'learner@example.com');
    const target = await findUserByEmail(s.db, 'marcus.bell@example.com');
    const res = await postForm(s.origin, '/admin/people', { intent: 'deactivate', userId: target!.id }, { cookie: learner });
    expect(res.status).toBe(403);
    expect((await findUserByEmail(s.db, 'marcus.bell@example.com'))!.active).toBe(true);
  });

  it('shows a manager only the teams they manage', async () => {
    const html = await (await get(s.origin, '/team', await cookieFor(s.db, 'manager@example.com'))).text();
    expect(html).toContain('Customer Support');
    expect(html).not.toContain('Field Service');
  });
});

describe('bad input', () => {
  it('answers a non-form POST with 400 and a message, not a 500', async () => {
    const res = await fetch(`${s.origin}/sign-in`, {
      method: 'POST',
      headers: { origin: s.origin, 'content-type': 'application/json' },
      body: '{"email":1}',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The sign-in form was not sent correctly');
  });

  it('answers an unknown admin intent and an unknown person with 4xx', async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    expect((await postForm(s.origin, '/admin/people', { intent: 'explode' }, { cookie: admin })).status).toBe(404);
    expect((await postForm(s.origin, '/admin/people', { intent: 'deactivate', userId: 'nope' }, { cookie: admin })).status).toBe(
      404,
    );
    expect(
      (await postForm(s.origin, '/admin/people', { intent: 'invite', email: 'x', name: 'X' }, { cookie: admin })).status,
    ).toBe(400);
  });

  it('serves a 404 page for unknown paths and a 410 for a bad invite link', async () => {
    expect((await get(s.origin, '/no/such/page')).status).toBe(404);
    expect((await get(s.origin, '/invite/not-a-token')).status).toBe(410);
  });

  it('never shows a stack trace', async () => {
    const res = await fetch(`${s.origin}/admin/people`, {
      method: 'POST',
      headers: {
        origin: s.origin,
        'content-type': 'multipart/form-data; boundary=x',
        cookie: await cookieFor(s.db, 'admin@example.com'),
      },
      body: 'garbage',
    });
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).not.toMatch(/at .*\.(ts|js|mjs):\d+/);
  });
});

describe('the account page', () => {
  it('counts the devices signed in, in words', async () => {
    // A user no other test signs in, so the count is this test's alone.
    const first = await cookieFor(s.db, 'ravi.iyer@example.com');
    expect(await (await get(s.origin, '/account', first)).text()).toContain('signed in on 1 device (including this one)');
    await cookieFor(s.db, 'ravi.iyer@example.com');
    expect(await (await get(s.origin, '/account', first)).text()).toContain('signed in on 2 devices (including this one)');
  });
});

describe('security headers', () => {
  it('sends CSP, nosniff, referrer policy and frame protection', async () => {
    const res = await get(s.origin, '/sign-in');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});

describe('admin onboarding over HTTP', () => {
  it('invites a person and shows the link when no mail server is configured', async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const res = await postForm(
      s.origin,
      '/admin/people',
      { intent: 'invite', email: 'new.hire@example.com', name: 'New Hire', role: 'learner' },
      { cookie: admin },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    const link = html.match(/value="(http:\/\/localhost:\d+\/invite\/[a-z2-9]{24}\.[a-z2-9]{24})"/)?.[1];
    expect(link).toBeDefined();
    expect((await get(s.origin, new URL(link!).pathname)).status).toBe(200);
  });

  it('imports a CSV upload and reports each row', async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const form = new FormData();
    form.set('intent', 'import');
    form.set(
      'file',
      new File(
        ['email,name,role,team\nquinn@example.com,Quinn,learner,Customer Support\nlearner@example.com,Dup,learner,\n'],
        'people.csv',
        { type: 'text/csv' },
      ),
    );
    const res = await postForm(s.origin, '/admin/people', form, { cookie: admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('1 created, 1 rejected.');
    expect(html).toContain('learner@example.com already has an account.');
  });
});
