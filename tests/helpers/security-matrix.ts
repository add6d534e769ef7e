// Who may do what, route by route: every page and its form post, for a signed-out visitor, a learner,
// a trainer, a manager of another team and an admin. The list of routes comes from src/pages, and a
// route without an entry in EXPECTATIONS fails the first test, so a new page cannot be forgotten.
// The suite runs twice: straight to the server (tests/integration/security-matrix.test.ts) and through
// a TLS-terminating proxy (tests/integration/security-matrix-proxy.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/db.ts';
import { cookieFor, postForm } from './http.ts';
import { coverageProblems, fillRoute, routeFiles } from './routes.ts';
import { count, postEntries, readFirstChoice, readQuizForm } from './learners.ts';
import { invitePerson } from '../../src/lib/server/people/invites.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { HSTS } from '../../src/lib/server/http/headers.ts';
import { insertCertificate } from './certificate.ts';

/** Where the matrix sends its requests: the origin clients use, and the server's database. */
export interface MatrixTarget {
  origin: string;
  db: Db;
  /** Whether clients see https (then every answer must carry HSTS). */
  https: boolean;
  stop(): Promise<void>;
}

const WHO = ['out', 'learner', 'trainer', 'otherManager', 'admin'] as const;
type Who = (typeof WHO)[number];
/** The subject is Lena, a learner in Customer Support; the other manager runs Field Service. */
const EMAIL: Record<Who, string | null> = {
  out: null,
  learner: 'learner@example.com',
  trainer: 'trainer@example.com',
  otherManager: 'manager2@example.com',
  admin: 'admin@example.com',
};
type Statuses = Record<Who, number>;

/** Signed-out visitors go to sign-in (303); everyone signed in gets `status`. */
const signedIn = (status: number): Statuses => ({
  out: 303,
  learner: status,
  trainer: status,
  otherManager: status,
  admin: status,
});
const everyone = (status: number): Statuses => ({
  out: status,
  learner: status,
  trainer: status,
  otherManager: status,
  admin: status,
});
/** The same, for a post to a page that only displays: whoever would see the page is told 405 instead. */
const readOnly = (statuses: Statuses): Statuses =>
  Object.fromEntries(WHO.map((who) => [who, statuses[who] === 200 ? 405 : statuses[who]])) as Statuses;
const adminOnly: Statuses = { out: 303, learner: 403, trainer: 403, otherManager: 403, admin: 200 };
const managers: Statuses = { out: 303, learner: 403, trainer: 403, otherManager: 200, admin: 200 };
/** Lena's team and its people: admins, not the manager of another team (told it does not exist). */
const ownTeam: Statuses = { out: 303, learner: 403, trainer: 403, otherManager: 404, admin: 200 };
/** Content analytics: trainers and admins. */
const trainers: Statuses = { out: 303, learner: 403, trainer: 200, otherManager: 403, admin: 200 };
/** The studio: trainers and admins get `status`, everyone else is refused. */
const studioOnly = (status: number): Statuses => ({ out: 303, learner: 403, trainer: status, otherManager: 403, admin: status });
/** Lena's own role-play run: hers alone; anyone else is told it does not exist. */
const ownerOnly: Statuses = { out: 303, learner: 200, trainer: 404, otherManager: 404, admin: 404 };

interface Entry {
  get: Statuses;
  /** A representative form post (the page's own action where it has one) and what each role gets. */
  post: { fields: (who: Who) => Record<string, string>; expect: Statuses };
  /** Text that must not reach these roles (someone else's private data). */
  hidden?: Partial<Record<Who, string[]>>;
}

const SECRET = 'matrix-secret-reflection';
/** Lena's reply to a practice prompt, never shared: nobody else may read it anywhere. */
const PRACTICE_SECRET = 'matrix-secret-reply';
const nothing = () => ({ intent: 'nothing' });

/** One entry per route in src/pages. Add yours when you add a page. */
const EXPECTATIONS: Record<string, Entry> = {
  '/': { get: signedIn(200), post: { fields: nothing, expect: readOnly(signedIn(200)) } },
  '/403': { get: everyone(403), post: { fields: nothing, expect: everyone(403) } },
  '/404': { get: everyone(404), post: { fields: nothing, expect: everyone(404) } },
  '/account': {
    get: signedIn(200),
    post: { fields: () => ({ intent: 'password', current: 'not it', new: 'x', confirm: 'x' }), expect: signedIn(400) },
  },
  '/account/time-zone': {
    get: signedIn(200),
    post: { fields: () => ({ timeZone: 'Mars/Olympus_Mons' }), expect: signedIn(400) },
  },
  '/admin/people': {
    get: adminOnly,
    post: {
      fields: (who) => ({ intent: 'invite', email: `matrix-${who.toLowerCase()}@example.com`, name: 'Matrix', role: 'learner' }),
      expect: adminOnly,
    },
  },
  /** Single sign-on providers: no provider here, so the test button's post names none (400). */
  '/admin/identity': { get: adminOnly, post: { fields: nothing, expect: { ...adminOnly, admin: 400 } } },
  '/admin/identity-events': { get: adminOnly, post: { fields: nothing, expect: readOnly(adminOnly) } },
  '/admin/identity-events.csv': { get: adminOnly, post: { fields: nothing, expect: everyone(405) } },
  '/admin/scim-tokens': {
    get: adminOnly,
    post: { fields: (who) => ({ intent: 'create', label: `Matrix ${who}` }), expect: adminOnly },
  },
  /** SCIM answers bearer tokens only: a session cookie, even an admin's, is told 401 (docs/scim.md). */
  '/scim/v2/[...path]': { get: everyone(401), post: { fields: nothing, expect: everyone(401) } },
  // xAPI delivery (docs/xapi.md): an unknown intent is a 400 for the admin.
  '/admin/xapi': { get: adminOnly, post: { fields: nothing, expect: { ...adminOnly, admin: 400 } } },
  '/admin/teams': {
    get: adminOnly,
    post: { fields: (who) => ({ intent: 'create', name: `Matrix ${who}` }), expect: adminOnly },
  },
  '/invite/[token]': {
    get: everyone(200),
    post: { fields: () => ({ password: 'one thing', confirm: 'another' }), expect: everyone(400) },
  },
  '/journal': {
    get: signedIn(200),
    post: {
      // Another reflection than Lena's secret one below, which this post must not overwrite.
      fields: () => ({
        intent: 'save',
        moduleId: 'empathy',
        lessonId: 'acknowledge-before-you-fix',
        reflectionId: 'urge-to-fix',
        body: 'x',
      }),
      expect: signedIn(303),
    },
    hidden: { trainer: [SECRET], otherManager: [SECRET], admin: [SECRET] },
  },
  '/forgot-password': { get: everyone(200), post: { fields: nothing, expect: everyone(400) } },
  '/modules': { get: signedIn(200), post: { fields: nothing, expect: readOnly(signedIn(200)) } },
  '/modules/[module]': { get: signedIn(200), post: { fields: nothing, expect: readOnly(signedIn(200)) } },
  '/modules/[module]/[lesson]': { get: signedIn(200), post: { fields: () => ({ intent: 'complete' }), expect: signedIn(303) } },
  '/quizzes/[quiz]': { get: signedIn(200), post: { fields: () => ({ attemptId: 'no-such-attempt' }), expect: signedIn(404) } },
  /** Lena's submitted attempt: hers alone, like her runs. */
  '/quizzes/[quiz]/attempts/[attempt]': { get: ownerOnly, post: { fields: nothing, expect: readOnly(ownerOnly) } },
  '/scenarios/[scenario]': { get: signedIn(200), post: { fields: () => ({ intent: 'start' }), expect: signedIn(303) } },
  '/scenarios/[scenario]/runs/[run]': { get: ownerOnly, post: { fields: nothing, expect: readOnly(ownerOnly) } },
  '/sign-in': {
    get: { ...everyone(303), out: 200 },
    post: { fields: () => ({ email: 'matrix-nobody@example.com', password: 'wrong password' }), expect: everyone(401) },
  },
  /** Single sign-on: no provider is configured on the matrix's server, so there is none to start or finish. */
  '/sign-in/oidc/[provider]': { get: everyone(404), post: { fields: nothing, expect: everyone(405) } },
  '/sign-in/oidc/[provider]/callback': { get: everyone(404), post: { fields: nothing, expect: everyone(405) } },
  /** SAML: the same (no provider here). The assertion consumer takes posts only, from the IdP's page. */
  '/sign-in/saml/[provider]': { get: everyone(404), post: { fields: nothing, expect: everyone(405) } },
  '/sign-in/saml/[provider]/acs': { get: everyone(405), post: { fields: nothing, expect: everyone(404) } },
  '/sign-in/saml/[provider]/metadata.xml': { get: everyone(404), post: { fields: nothing, expect: everyone(405) } },
  '/sign-in/saml/[provider]/slo': { get: everyone(404), post: { fields: nothing, expect: everyone(404) } },
  '/sign-out': { get: everyone(405), post: { fields: nothing, expect: everyone(303) } },
  '/team': {
    get: managers,
    post: { fields: nothing, expect: readOnly(managers) },
    hidden: { otherManager: ['Lena Fischer', 'Customer Support'] },
  },
  /** Lena's team (Customer Support): the other manager is told it does not exist. */
  '/team/[teamId]': {
    get: ownTeam,
    post: { fields: nothing, expect: readOnly(ownTeam) },
    hidden: { otherManager: ['Lena Fischer'] },
  },
  '/team/[teamId]/export/matrix.csv': { get: ownTeam, post: { fields: nothing, expect: everyone(405) } },
  '/team/[teamId]/export/attempts.csv': { get: ownTeam, post: { fields: nothing, expect: everyone(405) } },
  '/team/people/[userId]': {
    get: ownTeam,
    // The page's own form grants more attempts; `nothing` is not a grant, so whoever may post is told 400.
    post: { fields: nothing, expect: { ...ownTeam, admin: 400 } },
    hidden: { admin: [SECRET] },
  },
  '/assignments': { get: managers, post: { fields: nothing, expect: { ...managers, otherManager: 400, admin: 400 } } },
  '/feedback': { get: everyone(405), post: { fields: nothing, expect: { ...signedIn(400) } } },
  '/certificates': { get: signedIn(200), post: { fields: nothing, expect: readOnly(signedIn(200)) } },
  /** Lena's certificate: the PDF for her and admins; the public page for anyone, revoking for admins only. */
  '/certificates/[certificate].pdf': {
    get: { ...ownerOnly, admin: 200 },
    post: { fields: nothing, expect: everyone(405) },
  },
  '/verify/[certificate]': {
    get: everyone(200),
    // An empty reason: the admin is told what is missing, and nothing is revoked.
    post: { fields: () => ({ intent: 'revoke', reason: '' }), expect: { ...adminOnly, admin: 400 } },
    hidden: { out: ['learner@example.com'] },
  },
  '/team/[teamId]/certificates': {
    get: ownTeam,
    post: { fields: nothing, expect: readOnly(ownTeam) },
    hidden: { otherManager: ['Lena Fischer'] },
  },
  '/team/[teamId]/export/certificates.csv': { get: ownTeam, post: { fields: nothing, expect: everyone(405) } },
  '/insight': { get: trainers, post: { fields: nothing, expect: readOnly(trainers) } },
  // Spaced review and skill profiles (decision 024): reviews and profiles are each learner's own, a team's
  // skills are averages for its managers, the course's for trainers.
  '/review': { get: signedIn(200), post: { fields: () => ({ card: 'no-such-card', step: '1' }), expect: signedIn(400) } },
  '/skills': { get: signedIn(200), post: { fields: () => ({ intent: 'rate', 'rate:empathy': '4' }), expect: signedIn(303) } },
  '/team/[teamId]/skills': {
    get: ownTeam,
    post: { fields: nothing, expect: readOnly(ownTeam) },
    hidden: { otherManager: ['Lena Fischer'], admin: ['Lena Fischer'] },
  },
  '/insight/skills': {
    get: trainers,
    post: { fields: nothing, expect: readOnly(trainers) },
    hidden: { trainer: ['Lena Fischer', 'learner@example.com'] },
  },
  '/insight/lessons/[module]': {
    get: trainers,
    post: { fields: nothing, expect: readOnly(trainers) },
    hidden: { trainer: ['Lena Fischer', 'learner@example.com'] },
  },
  '/insight/quizzes/[quiz]': { get: trainers, post: { fields: nothing, expect: readOnly(trainers) } },
  '/insight/scenarios/[scenario]': { get: trainers, post: { fields: nothing, expect: readOnly(trainers) } },
  '/insight/modules/[module]/export': { get: trainers, post: { fields: nothing, expect: readOnly(trainers) } },
  // Reply practice (docs/decisions/023-reply-practice.md): Lena's reply is hers; trainers see only shared ones, unnamed.
  '/practice': { get: signedIn(200), post: { fields: nothing, expect: readOnly(signedIn(200)) } },
  '/practice/[prompt]': {
    get: signedIn(200),
    post: { fields: nothing, expect: signedIn(400) },
    hidden: { trainer: [PRACTICE_SECRET], otherManager: [PRACTICE_SECRET], admin: [PRACTICE_SECRET] },
  },
  '/insight/practice/[prompt]': {
    get: trainers,
    post: { fields: nothing, expect: readOnly(trainers) },
    hidden: { trainer: [PRACTICE_SECRET, 'Lena Fischer', 'learner@example.com'], admin: [PRACTICE_SECRET, 'Lena Fischer'] },
  },
  // The authoring studio (decision 022): trainers and admins; a post with no editor button saves nothing (400).
  '/studio': { get: trainers, post: { fields: nothing, expect: readOnly(trainers) } },
  '/studio/check': { get: studioOnly(405), post: { fields: nothing, expect: studioOnly(400) } },
  '/studio/modules/[module]': { get: trainers, post: { fields: nothing, expect: studioOnly(400) } },
  '/studio/modules/[module]/[lesson]': { get: trainers, post: { fields: nothing, expect: studioOnly(400) } },
  '/studio/quizzes/[quiz]': { get: trainers, post: { fields: nothing, expect: studioOnly(400) } },
  '/studio/scenarios/[scenario]': { get: trainers, post: { fields: nothing, expect: studioOnly(400) } },
  /** The studio's publishing: `nothing` is neither a publish nor a revert, so trainers and admins are told 400. */
  '/studio/publish': { get: trainers, post: { fields: nothing, expect: studioOnly(400) } },
  '/studio/history': { get: trainers, post: { fields: nothing, expect: studioOnly(400) } },
  /** A page of the preview: with none built, trainers are told so (404); nothing is ever posted through it (405). */
  '/studio/preview/[...page]': { get: studioOnly(404), post: { fields: nothing, expect: studioOnly(405) } },
};

let s: MatrixTarget;
const params: Record<string, string> = {
  module: 'empathy',
  lesson: 'what-empathy-looks-like',
  quiz: 'empathy-check-1',
  scenario: 'the-day-after-the-repair',
  provider: 'entra',
  path: 'Users',
  prompt: 'the-missed-morning-slot',
  // A page of the studio's preview (none is built here: trainers are told there is none).
  page: 'modules',
};

/** Defines the whole matrix against the target that `connect` starts. */
export function securityMatrix(connect: () => Promise<MatrixTarget>) {
  beforeAll(async () => {
    s = await connect();
    const invite = await invitePerson(
      s.db,
      { email: 'matrix-invitee@example.com', displayName: 'Invitee', role: 'learner', teamId: null },
      null,
      72,
    );
    if (!invite.ok) throw new Error(invite.message);
    params.token = invite.token;
    // Lena finishes a role-play (so its debrief exists) and writes a private reflection.
    const lena = await cookieFor(s.db, 'learner@example.com');
    const here = `/scenarios/${params.scenario}`;
    await postForm(s.origin, here, { intent: 'start' }, { cookie: lena });
    for (let step = 0; step < 20; step++) {
      const choice = readFirstChoice(await (await fetch(`${s.origin}${here}`, { headers: { cookie: lena } })).text());
      if (!choice) break;
      await postForm(s.origin, here, { intent: 'choose', ...choice }, { cookie: lena });
    }
    // ...and submits a quiz, so that her attempt's result page exists.
    const quiz = readQuizForm(await (await fetch(`${s.origin}/quizzes/${params.quiz}`, { headers: { cookie: lena } })).text());
    if (!quiz) throw new Error('the quiz page showed no form');
    const submitted = await postEntries(s.origin, `/quizzes/${params.quiz}`, quiz.entries, lena);
    params.attempt = submitted.headers.get('location')!.split('/').at(-1)!;
    const lenaRow = await findUserByEmail(s.db, 'learner@example.com');
    params.teamId = lenaRow!.teamId!;
    params.userId = lenaRow!.id;
    // A certificate of Lena's, written as the issuer writes it (the course is not completed here).
    params.certificate = await insertCertificate(s.db, lenaRow!.id);
    const run = await s.db.$client.execute("select id from scenario_runs where status = 'finished' limit 1");
    params.run = String(run.rows[0]?.id);
    await postForm(
      s.origin,
      '/journal',
      { intent: 'save', moduleId: 'empathy', lessonId: 'what-empathy-looks-like', reflectionId: 'felt-understood', body: SECRET },
      { cookie: lena },
    );
    await postForm(
      s.origin,
      `/practice/${params.prompt}`,
      { intent: 'submit', submission: 'matrix-practice-reply', body: `I am sorry. ${PRACTICE_SECRET}` },
      { cookie: lena },
    );
  });
  afterAll(() => s?.stop());

  describe('the expectation table', () => {
    it('has an entry for every route in src/pages', () => {
      const problems = coverageProblems(Object.keys(EXPECTATIONS), 'EXPECTATIONS in tests/helpers/security-matrix.ts');
      expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
    });
  });

  /** A fresh session per request: a sign-out or password change in one cell must not leak into the next. */
  async function request(method: 'GET' | 'POST', path: string, who: Who, fields: Record<string, string>) {
    const email = EMAIL[who];
    const cookie = email ? await cookieFor(s.db, email) : undefined;
    if (method === 'POST') return postForm(s.origin, path, fields, { cookie });
    return fetch(`${s.origin}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  }

  const cells = routeFiles()
    .filter((r) => EXPECTATIONS[r.pattern])
    .flatMap((r) => WHO.flatMap((who) => (['GET', 'POST'] as const).map((method) => ({ pattern: r.pattern, who, method }))));

  describe('route x role matrix', () => {
    it.each(cells)('$method $pattern as $who', async ({ pattern, who, method }) => {
      const entry = EXPECTATIONS[pattern]!;
      const path = fillRoute(pattern, params);
      const res = await request(method, path, who, entry.post.fields(who));
      const body = await res.text();
      expect(res.status, body.slice(0, 300)).toBe(method === 'GET' ? entry.get[who] : entry.post.expect[who]);
      // Every answer, whatever its status, carries the security headers.
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('strict-transport-security')).toBe(s.https ? HSTS : null);
      if (res.status === 303 && who === 'out' && pattern !== '/sign-out')
        expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      if (res.status === 403) expect(body).toContain('You do not have access to this page');
      if (res.status === 405 && method === 'POST') expect(res.headers.get('allow')).toBe('GET, HEAD');
      for (const text of entry.hidden?.[who] ?? []) expect(body).not.toContain(text);
    });

    it('shows Lena her own reflection (so the hidden checks above look for text that exists)', async () => {
      expect(await (await request('GET', '/journal', 'learner', {})).text()).toContain(SECRET);
      expect(await (await request('GET', `/team/${params.teamId}`, 'admin', {})).text()).toContain('Lena Fischer');
      // The team list counts Customer Support's eight active learners.
      expect(await (await request('GET', '/team', 'admin', {})).text()).toMatch(/Customer Support<\/a><\/th><td>8<\/td>/);
    });

    it('let only the admin create people; refused posts changed nothing', async () => {
      expect(
        await count(
          s.db,
          "select count(*) as n from users where email like 'matrix-%' and email != 'matrix-invitee@example.com'",
        ),
      ).toBe(1);
      expect(await findUserByEmail(s.db, 'matrix-admin@example.com')).toBeDefined();
    });
  });
}
