// No cache may keep a page that shows personal data (issue #14, item 7). Every route in src/pages is
// opened by a signed-out visitor, a learner, a manager and an admin, twice (the second visit to a lesson
// is served from its stored shell); any answer that shows a person's name or email, signed in or
// not, must say Cache-Control: no-store, and so must every answer to a signed-in visitor.
import { insertCertificate } from '../helpers/certificate.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, postForm } from '../helpers/http.ts';
import { fillRoute, routeFiles } from '../helpers/routes.ts';
import { postEntries, readQuizForm } from '../helpers/learners.ts';
import { invitePerson } from '../../src/lib/server/people/invites.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

const WHO = {
  out: null,
  learner: 'learner@example.com',
  manager: 'manager@example.com',
  admin: 'admin@example.com',
} as const;
type Who = keyof typeof WHO;

let s: TestServer;
const params: Record<string, string> = {
  module: 'empathy',
  lesson: 'what-empathy-looks-like',
  quiz: 'empathy-check-1',
  scenario: 'the-day-after-the-repair',
  prompt: 'the-missed-morning-slot',
  // No single sign-on provider is configured here: its routes answer 404.
  provider: 'acme',
  path: 'Users',
  // A page of the studio's preview (none is built here).
  page: 'modules',
};
/** Every person's name and email: text that makes a page personal. */
let personal: string[] = [];

beforeAll(async () => {
  s = await startServer();
  const invite = await invitePerson(
    s.db,
    { email: 'cache-invitee@example.com', displayName: 'Ines Invitee', role: 'learner', teamId: null },
    null,
    72,
  );
  if (!invite.ok) throw new Error(invite.message);
  params.token = invite.token;
  const lena = await cookieFor(s.db, 'learner@example.com');
  const quiz = readQuizForm(await (await fetch(`${s.origin}/quizzes/${params.quiz}`, { headers: { cookie: lena } })).text());
  const submitted = await postEntries(s.origin, `/quizzes/${params.quiz}`, quiz!.entries, lena);
  params.attempt = submitted.headers.get('location')!.split('/').at(-1)!;
  await postForm(s.origin, `/scenarios/${params.scenario}`, { intent: 'start' }, { cookie: lena });
  const run = await s.db.$client.execute("select id from scenario_runs where status = 'open' limit 1");
  params.run = String(run.rows[0]?.id);
  const lenaRow = (await findUserByEmail(s.db, 'learner@example.com'))!;
  params.teamId = lenaRow.teamId!;
  params.userId = lenaRow.id;
  params.certificate = await insertCertificate(s.db, lenaRow.id);
  const people = await s.db.$client.execute('select email, display_name from users');
  personal = people.rows.flatMap((r) => [String(r.email), String(r.display_name)]);
});
afterAll(() => s?.stop());

const visits = routeFiles().flatMap((r) => (Object.keys(WHO) as Who[]).map((who) => ({ pattern: r.pattern, who })));

describe('Cache-Control on every route', () => {
  it.each(visits)('$pattern as $who', async ({ pattern, who }) => {
    const email = WHO[who];
    const cookie = email ? await cookieFor(s.db, email) : undefined;
    const path = fillRoute(pattern, params);
    for (const visit of ['first', 'second']) {
      const res = await fetch(`${s.origin}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
      const body = await res.text();
      const cache = res.headers.get('cache-control') ?? '(none)';
      const shows = personal.find((text) => body.includes(text));
      const where = `${visit} visit, status ${res.status}, Cache-Control ${cache}`;
      if (shows) expect(cache, `${where}: shows "${shows}"`).toMatch(/\bno-store\b/);
      if (cookie) expect(cache, where).toMatch(/\bno-store\b/);
    }
  });

  it('found personal data where it should (so the walk above checks pages that have some)', async () => {
    const invite = await (await fetch(`${s.origin}/invite/${params.token}`)).text();
    expect(invite).toContain('cache-invitee@example.com');
    const lena = await cookieFor(s.db, 'learner@example.com');
    expect(await (await fetch(`${s.origin}/account`, { headers: { cookie: lena } })).text()).toContain('Lena Fischer');
  });
});
