// The documented deployment (docs/operations.md): the built server on loopback behind a TLS-terminating
// reverse proxy, with PUBLIC_ORIGIN and TRUST_PROXY set. Each proxy found on the machine (the npm proxy
// always; nginx and Caddy running the documented blocks where installed) carries a whole visit: sign-in,
// a lesson, a quiz submission, a role-play step and an admin post. Cookies are Secure, every answer
// carries HSTS, links and redirects keep the public https origin, and posts from any other origin fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  freePort,
  makeCertificate,
  PROXY_KINDS,
  proxyAvailable,
  removeCertificate,
  startProxy,
  trustingFetch,
  type Proxy,
  type Tls,
} from '../helpers/proxy.ts';
import { readFirstChoice, readQuizForm } from '../helpers/learners.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';
import { HSTS } from '../../src/lib/server/http/headers.ts';

const LESSON = '/modules/empathy/what-empathy-looks-like';
const QUIZ = '/quizzes/empathy-check-2';
const SCENARIO = '/scenarios/the-saturday-rush';

let tls: Tls;
beforeAll(() => {
  tls = makeCertificate();
});
afterAll(() => removeCertificate(tls));

for (const kind of PROXY_KINDS) {
  describe.skipIf(!proxyAvailable(kind))(`behind ${kind}`, () => {
    let server: TestServer;
    let proxy: Proxy;
    let origin: string;
    const fetchVia = () => trustingFetch(tls);

    beforeAll(async () => {
      const port = await freePort();
      origin = `https://localhost:${port}`;
      server = await startServer({ env: { PUBLIC_ORIGIN: origin, TRUST_PROXY: 'true', HOST: '127.0.0.1' } });
      proxy = await startProxy(kind, port, Number(new URL(server.origin).port), tls);
    });
    afterAll(async () => {
      await proxy?.stop();
      await server?.stop();
    });

    /** A browser on the public origin: Origin and Sec-Fetch-Site as Chromium sends them on a form post. */
    async function post(path: string, fields: Record<string, string> | [string, string][], cookie = '', from = origin) {
      return fetchVia()(`${origin}${path}`, {
        method: 'POST',
        body: new URLSearchParams(fields),
        headers: { origin: from, 'sec-fetch-site': from === origin ? 'same-origin' : 'cross-site', cookie },
      });
    }
    const get = (path: string, cookie = '') => fetchVia()(`${origin}${path}`, { headers: { cookie } });

    async function signIn(email: string) {
      const res = await post('/sign-in', { email, password: DEMO_PASSWORD, next: '/' });
      expect(res.status, await res.clone().text()).toBe(303);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rapport_session='))!;
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(res.headers.get('strict-transport-security')).toBe(HSTS);
      // Redirects stay on the public origin: a path, resolved by the browser against https.
      expect(new URL(res.headers.get('location')!, origin).origin).toBe(origin);
      return cookie.split(';')[0]!;
    }

    it('signs in, shows a lesson, takes a quiz submission and a role-play step', async () => {
      const lena = await signIn('learner@example.com');
      const lesson = await get(LESSON, lena);
      expect(lesson.status).toBe(200);
      expect(lesson.headers.get('strict-transport-security')).toBe(HSTS);
      expect(await lesson.text()).toContain('Mark as complete');
      expect((await post(LESSON, { intent: 'complete' }, lena)).status).toBe(303);

      const form = readQuizForm(await (await get(QUIZ, lena)).text())!;
      const submitted = await post(QUIZ, form.entries, lena);
      expect(submitted.status).toBe(303);
      expect(submitted.headers.get('location')).toBe(`${QUIZ}/attempts/${form.attemptId}`);
      expect((await get(submitted.headers.get('location')!, lena)).status).toBe(200);

      expect((await post(SCENARIO, { intent: 'start' }, lena)).status).toBe(303);
      const choice = readFirstChoice(await (await get(SCENARIO, lena)).text())!;
      const step = await post(SCENARIO, { intent: 'choose', ...choice }, lena);
      expect([step.status, step.headers.get('location')]).toEqual([303, SCENARIO]);
    });

    it('takes an admin post, and the invite link it makes points at the public origin', async () => {
      const admin = await signIn('admin@example.com');
      const email = `proxied-${kind}@example.com`;
      const res = await post('/admin/people', { intent: 'invite', email, name: 'Proxied Person', role: 'learner' }, admin);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`${origin}/invite/`);
      expect(html).not.toContain('http://localhost');
    });

    it('refuses posts from any other origin, including its own host over plain http', async () => {
      const lena = await signIn('learner@example.com');
      const plainHttp = origin.replace('https:', 'http:');
      for (const from of [plainHttp, 'https://evil.example', server.origin]) {
        const res = await post(LESSON, { intent: 'complete' }, lena, from);
        expect(res.status, from).toBe(403);
      }
      // Straight to the server, around the proxy, with the server's own origin: refused too.
      const direct = await fetch(`${server.origin}/sign-in`, {
        method: 'POST',
        body: new URLSearchParams({ email: 'learner@example.com', password: DEMO_PASSWORD }),
        headers: { origin: server.origin },
        redirect: 'manual',
      });
      expect(direct.status).toBe(403);
    });

    it('gives static files HSTS and the security headers too', async () => {
      const res = await get('/favicon.svg');
      expect(res.status).toBe(200);
      expect(res.headers.get('strict-transport-security')).toBe(HSTS);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
}
