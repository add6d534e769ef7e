// Property-based fuzzing of every form and every route of the built server: random and malformed input
// must only ever earn a 2xx, 3xx or 4xx, and no response may show a stack trace or internal detail.
// Runs are bounded (NUM_RUNS) so the suite stays fast enough for CI; raise it locally to dig deeper.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { encode, encoding, fields, leak, csv, text, type Entries, type FuzzBody } from '../helpers/fuzz.ts';
import { readFirstChoice, readQuizForm } from '../helpers/learners.ts';
import { fillRoute, paramsOf, routeFiles } from '../helpers/routes.ts';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { createUser, findUserByEmail } from '../../src/lib/server/people/users.ts';
import { invitePerson } from '../../src/lib/server/people/invites.ts';
import { listTeams } from '../../src/lib/server/people/teams.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';
import { ROLES } from '../../src/lib/auth/permissions.ts';

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** Replays a failure: fast-check prints the seed of a failing property. */
const SEED = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {};
type Who = 'out' | 'learner' | 'admin';

let s: TestServer;
const ids: Record<Who, string> = { out: '', learner: '', admin: '' };
/** Real values for route parameters, so fuzzing reaches past the 404s. */
const real: Record<string, string> = {
  module: 'empathy',
  lesson: 'what-empathy-looks-like',
  quiz: 'empathy-check-1',
  scenario: 'the-day-after-the-repair',
};
let quizEntries: Entries = [];
let choice: Record<string, string> = {};
let targets: string[] = [];
let teamIds: string[] = [];

beforeAll(async () => {
  s = await startServer();
  ids.learner = (
    await createUser(s.db, { email: 'fuzz@example.com', displayName: 'Fuzz', role: 'learner', password: DEMO_PASSWORD })
  ).id;
  ids.admin = (await findUserByEmail(s.db, 'admin@example.com'))!.id;
  const invited = await invitePerson(
    s.db,
    { email: 'fuzz-new@example.com', displayName: 'New', role: 'learner', teamId: null },
    null,
    72,
  );
  if (invited.ok) real.token = invited.token;
  const cookie = await cookieOf('learner');
  // A submitted attempt (its result page is a route too), then the open attempt the fuzzer posts to.
  const readForm = async () => readQuizForm(await (await send('GET', `/quizzes/${real.quiz}`, cookie)).text())!;
  const submitted = await readForm();
  await send('POST', `/quizzes/${real.quiz}`, cookie, { encoding: 'urlencoded', entries: submitted.entries });
  real.attempt = submitted.attemptId;
  quizEntries = (await readForm()).entries;
  await send('POST', `/scenarios/${real.scenario}`, cookie, { encoding: 'urlencoded', entries: [['intent', 'start']] });
  choice = { ...readFirstChoice(await (await send('GET', `/scenarios/${real.scenario}`, cookie)).text()) };
  real.run = choice.runId!;
  targets = await Promise.all(
    ['marcus.bell@example.com', 'learner@example.com', 'admin@example.com'].map(
      async (e) => (await findUserByEmail(s.db, e))!.id,
    ),
  );
  teamIds = (await listTeams(s.db)).map((t) => t.id);
});
afterAll(() => s?.stop());

/** A fresh session for each request, so a fuzzed "sign out everywhere" cannot end the others. */
async function cookieOf(who: Who): Promise<string | undefined> {
  if (who === 'out') return undefined;
  return `${SESSION_COOKIE}=${(await createSession(s.db, ids[who])).token}`;
}

function send(method: string, path: string, cookie?: string, body?: FuzzBody): Promise<Response> {
  const { body: payload, headers } = body ? encode(body) : { body: undefined, headers: {} };
  return fetch(`${s.origin}${path}`, {
    method,
    body: method === 'GET' ? undefined : payload,
    headers: { ...headers, origin: s.origin, ...(cookie ? { cookie } : {}) },
    redirect: 'manual',
  });
}

/** Sends one fuzzed request and fails with the request and the evidence when the answer is wrong. */
async function probe(method: string, path: string, who: Who, body?: FuzzBody): Promise<void> {
  const res = await send(method, path, await cookieOf(who), body);
  const html = await res.text();
  const problem = res.status >= 500 ? `status ${res.status}` : res.status < 200 ? `status ${res.status}` : leak(html);
  if (problem) throw new Error(`${method} ${path} as ${who} (${body?.encoding ?? 'no body'}): ${problem}\n${html.slice(0, 400)}`);
}

const pathOf = (pattern: string) =>
  fc
    .tuple(...paramsOf(pattern).map((p) => (real[p] ? fc.oneof(fc.constant(real[p]!), text) : text)))
    .map((values) => fillRoute(pattern, Object.fromEntries(paramsOf(pattern).map((p, i) => [p, values[i] || 'x']))));

interface FormSpec {
  name: string;
  pattern: string;
  who: Who;
  entries: () => fc.Arbitrary<Entries>;
  file?: boolean;
}

const FORMS: FormSpec[] = [
  {
    name: 'sign-in',
    pattern: '/sign-in',
    who: 'out',
    entries: () =>
      fields({
        email: fc.constantFrom('learner@example.com', 'nobody@example.com', 'LEARNER@example.com '),
        password: fc.constantFrom(DEMO_PASSWORD, 'wrong password'),
        next: fc.constantFrom('/', '/modules', '//evil.example', '/\\evil'),
      }),
  },
  {
    name: 'invite accept',
    pattern: '/invite/[token]',
    who: 'out',
    entries: () =>
      fields({ password: fc.constantFrom('willow harbor seven', 'short'), confirm: fc.constantFrom('willow harbor seven') }),
  },
  {
    name: 'account',
    pattern: '/account',
    who: 'learner',
    entries: () =>
      fields({
        intent: fc.constantFrom('password', 'sign-out-everywhere'),
        current: fc.constantFrom(DEMO_PASSWORD),
        new: fc.constantFrom('password', 'fuzz fuzz fuzz fuzz'),
        confirm: fc.constantFrom('fuzz fuzz fuzz fuzz'),
      }),
  },
  {
    name: 'admin people',
    pattern: '/admin/people',
    who: 'admin',
    file: true,
    entries: () =>
      fields({
        intent: fc.constantFrom('invite', 'import', 'update', 'deactivate', 'reactivate', 'reinvite', 'manage', 'unmanage'),
        email: fc.nat(999).map((n) => `fuzz${n}@example.com`),
        name: fc.constantFrom('Fuzz Person'),
        role: fc.constantFrom(...ROLES),
        teamId: fc.constantFrom('', ...teamIds),
        userId: fc.constantFrom(...targets),
        createTeams: fc.constantFrom('', 'yes'),
      }),
  },
  {
    name: 'admin teams',
    pattern: '/admin/teams',
    who: 'admin',
    entries: () =>
      fields({
        intent: fc.constantFrom('create', 'rename', 'merge', 'delete'),
        name: fc.oneof(text, fc.constantFrom('Fuzz team', '', 'x'.repeat(81))),
        teamId: fc.constantFrom('', 'no-such-team', ...teamIds),
        intoId: fc.constantFrom('', ...teamIds),
        confirm: fc.constantFrom('', 'yes'),
      }),
  },
  {
    name: 'assignments',
    pattern: '/assignments',
    who: 'admin',
    entries: () =>
      fields({
        intent: fc.constantFrom('assign', 'remove', 'undo', 'redate', 'remind'),
        moduleId: fc.constantFrom('empathy', 'no-such-module'),
        due: fc.oneof(
          text,
          fc.constantFrom('2099-01-01', '2027-02-30', new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)),
        ),
        dueAt: fc.oneof(text, fc.constantFrom(String(Date.now()), '1e400', '-1')),
        teamId: fc.constantFrom('', ...teamIds),
        userId: fc.constantFrom(...targets),
        viaTeamId: fc.constantFrom('', 'no-such-team', ...teamIds),
        assignmentId: fc.oneof(text, fc.constant('no-such-assignment')),
      }),
  },
  {
    name: 'time zone',
    pattern: '/account/time-zone',
    who: 'learner',
    entries: () => fields({ timeZone: fc.oneof(text, fc.constantFrom('', 'Europe/Berlin', 'Mars/Olympus_Mons')) }),
  },
  {
    name: 'journal',
    pattern: '/journal',
    who: 'learner',
    entries: () =>
      fields({
        intent: fc.constantFrom('save'),
        moduleId: fc.constantFrom('empathy'),
        lessonId: fc.constantFrom('what-empathy-looks-like'),
        reflectionId: fc.constantFrom('felt-understood'),
        body: fc.oneof(text, fc.constant('x'.repeat(20_001))),
        returnTo: fc.constantFrom('/journal', '//evil.example', 'https://evil.example/'),
      }),
  },
  {
    name: 'lesson complete',
    pattern: '/modules/[module]/[lesson]',
    who: 'learner',
    entries: () => fields({ intent: fc.constantFrom('complete') }),
  },
  {
    name: 'quiz submit',
    pattern: '/quizzes/[quiz]',
    who: 'learner',
    entries: () =>
      fc
        .tuple(fc.subarray(quizEntries), fields(Object.fromEntries(quizEntries.map(([name]) => [name, fc.constant('')]))))
        .map(([kept, noise]) => [...kept, ...noise]),
  },
  {
    name: 'role-play step',
    pattern: '/scenarios/[scenario]',
    who: 'learner',
    entries: () =>
      fields({
        intent: fc.constantFrom('start', 'restart', 'choose'),
        runId: fc.constantFrom(choice.runId!),
        nodeId: fc.constantFrom(choice.nodeId!),
        choiceId: fc.constantFrom(choice.choiceId!),
      }),
  },
  { name: 'sign-out', pattern: '/sign-out', who: 'learner', entries: () => fields({}) },
  {
    name: 'review answer',
    pattern: '/review',
    who: 'learner',
    entries: () =>
      fields({
        attemptId: fc.oneof(text, fc.constantFrom('x.1', '.', 'a.b.c')),
        card: text,
        step: fc.oneof(text, fc.constantFrom('0', '-1', '1e9', 'NaN')),
        choiceId: text,
      }),
  },
  {
    name: 'self-rating',
    pattern: '/skills',
    who: 'learner',
    entries: () =>
      fields({
        intent: fc.constantFrom('rate', 'x'),
        'rate:empathy': fc.oneof(text, fc.constantFrom('1', '5', '6', '0')),
        'rate:tailoring': fc.oneof(text, fc.constantFrom('3')),
      }),
  },
  {
    name: 'review settings',
    pattern: '/account',
    who: 'learner',
    entries: () =>
      fields({
        intent: fc.constantFrom('reviews'),
        dailyCap: fc.oneof(text, fc.constantFrom('3', '8', '9', '')),
        paused: fc.constantFrom('on', '', 'yes'),
      }),
  },
];

describe('fuzzing each form', () => {
  it.each(FORMS.map((f) => [f.name, f] as const))('%s survives random and malformed input', async (_, form) => {
    const body = fc.record({
      encoding,
      entries: form.entries(),
      file: form.file ? fc.option(csv, { nil: undefined }) : fc.constant(undefined),
    });
    await fc.assert(
      fc.asyncProperty(pathOf(form.pattern), body, (path, b) => probe('POST', path, form.who, b)),
      { numRuns: NUM_RUNS, ...SEED },
    );
  });
});

describe('fuzzing every route', () => {
  const routes = routeFiles().map((r) => r.pattern);
  const who = fc.constantFrom<Who>('out', 'learner', 'admin');

  it('answers any method with any body on any route without a server error', async () => {
    const request = fc
      .constantFrom(...routes)
      .chain((pattern) =>
        fc.tuple(
          pathOf(pattern),
          fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
          who,
          fc.record({ encoding, entries: fields({ intent: text }) }),
        ),
      );
    await fc.assert(
      fc.asyncProperty(request, ([path, method, w, b]) => probe(method, path, w, b)),
      { numRuns: NUM_RUNS * 3, ...SEED },
    );
  });

  it('answers GETs with hostile query strings without a server error', async () => {
    const query = fields({ next: text, from: text, q: text, saved: text, notice: text, completed: text, welcome: text });
    const request = fc.constantFrom(...routes).chain((pattern) => fc.tuple(pathOf(pattern), query, who));
    await fc.assert(
      fc.asyncProperty(request, ([path, entries, w]) => probe('GET', `${path}?${new URLSearchParams(entries)}`, w)),
      { numRuns: NUM_RUNS * 2, ...SEED },
    );
  });

  it('logged no server errors while being fuzzed', () => {
    expect(s.output()).not.toMatch(/error/i);
  });
});
