// Quiz submissions and role-play steps are decided by the same functions whichever store runs them
// (src/lib/server/db/store.ts): on a file database the native store with prepared statements and group
// commit, or with FAST_PATHS=false the client store every remote database uses. Two real built
// servers share one database file, one each way; every case runs on both with a learner of its own,
// and the answers (status, location, headers, body) and the records must be the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { spawnServer, stopServer, type ServerProcess } from '../helpers/process-server.ts';
import { get, postForm } from '../helpers/http.ts';
import { count, readFirstChoice, readQuizForm, type ScenarioChoice } from '../helpers/learners.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { sessions } from '../../src/lib/server/db/schema.ts';
import { securityHeaders } from '../../src/lib/server/http/headers.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';

const SCENARIO = '/scenarios/the-saturday-rush';
const saturdayRush = scenarioSchema.parse(
  parse(readFileSync(new URL('../../content/scenarios/the-saturday-rush.yaml', import.meta.url), 'utf8')),
);
const QUIZ = '/quizzes/empathy-check-2';

let s: TestServer;
let plain: ServerProcess;
beforeAll(async () => {
  // Explicitly on: npm test runs the integration suites a second time with FAST_PATHS=false in the environment.
  s = await startServer({ env: { FAST_PATHS: 'true' } });
  plain = await spawnServer(s.dbUrl, { FAST_PATHS: 'false' });
});
afterAll(async () => {
  await stopServer(plain);
  await s.stop();
});

let people = 0;
async function person() {
  const n = ++people;
  const user = await createUser(s.db, { email: `writer-${n}@example.com`, displayName: `Writer ${n}`, role: 'learner' });
  const { token, id } = await createSession(s.db, user.id);
  return { id: user.id, sessionId: id, cookie: `${SESSION_COOKIE}=${token}` };
}
type Person = Awaited<ReturnType<typeof person>>;

/** Runs a case on the native server and on the FAST_PATHS=false one, each with a new learner. */
async function bothWays<T>(run: (origin: string, who: Person) => Promise<T>): Promise<[T, T]> {
  return [await run(s.origin, await person()), await run(plain.origin, await person())];
}

/** What must match between the two ways: status, location, the security and cache headers, the body. */
async function answer(res: Response) {
  const headers = Object.fromEntries(
    [...Object.keys(securityHeaders()), 'cache-control', 'content-type'].map((name) => [name, res.headers.get(name)]),
  );
  return {
    status: res.status,
    location: res.headers.get('location'),
    headers,
    setsCookie: res.headers.has('set-cookie'),
    body: await res.text(),
  };
}

async function page(origin: string, path: string, cookie: string) {
  const res = await get(origin, path, cookie);
  expect(res.status).toBe(200);
  return res.text();
}

/** Starts a role-play run and reads the first decision offered. */
async function started(origin: string, cookie: string): Promise<ScenarioChoice> {
  expect((await postForm(origin, SCENARIO, { intent: 'start' }, { cookie })).status).toBe(303);
  return readFirstChoice(await page(origin, SCENARIO, cookie))!;
}

const choose = (origin: string, choice: ScenarioChoice, cookie: string, opts: Parameters<typeof postForm>[3] = {}) =>
  postForm(origin, SCENARIO, { intent: 'choose', ...choice }, { cookie, ...opts });

const submitted = (userId: string) =>
  count(s.db, "select count(*) as n from quiz_attempts where user_id = ? and status = 'submitted'", [userId]);
const answers = (userId: string) =>
  count(s.db, 'select count(*) as n from quiz_responses r join quiz_attempts a on a.id = r.attempt_id where a.user_id = ?', [
    userId,
  ]);
const steps = (userId: string) =>
  count(s.db, 'select count(*) as n from scenario_steps st join scenario_runs r on r.id = st.run_id where r.user_id = ?', [
    userId,
  ]);

describe('role-play steps, both ways', () => {
  it('records a step and a double click once, with the same answers', async () => {
    const [fast, slow] = await bothWays(async (origin, who) => {
      const choice = await started(origin, who.cookie);
      const first = await answer(await choose(origin, choice, who.cookie));
      const again = await answer(await choose(origin, choice, who.cookie));
      return { first, again, steps: await steps(who.id) };
    });
    expect(fast).toEqual(slow);
    expect([fast.first.status, fast.first.location, fast.again.location, fast.steps]).toEqual([303, SCENARIO, SCENARIO, 1]);
  });

  it('sends a stale step to the notice and a finished run to its debrief', async () => {
    const [fast, slow] = await bothWays(async (origin, who) => {
      let choice: ScenarioChoice | undefined = await started(origin, who.cookie);
      const first = choice;
      await choose(origin, choice, who.cookie);
      choice = readFirstChoice(await page(origin, SCENARIO, who.cookie));
      const other = saturdayRush.nodes.find((n) => n.id === first.nodeId)!.choices.find((c) => c.id !== first.choiceId)!;
      const stale = await answer(await choose(origin, { ...first, choiceId: other.id }, who.cookie));
      let last: Response | undefined;
      for (let i = 0; i < 20 && choice; i++) {
        last = await choose(origin, choice, who.cookie);
        choice = readFirstChoice(await page(origin, SCENARIO, who.cookie));
      }
      const debrief = last!.headers.get('location')!;
      const late = (await choose(origin, first, who.cookie)).headers.get('location');
      // Run ids differ between learners; what matters is where each answer leads.
      return { stale, debriefShape: debrief.replace(/[a-z2-9]+$/, 'RUN'), lateIsDebrief: late === debrief };
    });
    expect(fast).toEqual(slow);
    expect(fast.stale.location).toBe(`${SCENARIO}?notice=moved-on`);
    expect(fast.debriefShape).toBe(`${SCENARIO}/runs/RUN`);
    expect(fast.lateIsDebrief).toBe(true);
  });

  it('answers 400 to a choice that is not part of the role-play, recording nothing', async () => {
    const [fast, slow] = await bothWays(async (origin, who) => {
      const choice = await started(origin, who.cookie);
      return {
        res: await answer(await choose(origin, { ...choice, choiceId: 'made-up' }, who.cookie)),
        steps: await steps(who.id),
      };
    });
    expect(fast).toEqual(slow);
    expect(fast.res.status).toBe(400);
    expect(fast.res.body).toContain('That choice is not part of this role-play');
    expect(fast.steps).toBe(0);
  });

  it('refuses cross-site posts and forged sessions, recording nothing', async () => {
    const [fast, slow] = await bothWays(async (origin, who) => {
      const choice = await started(origin, who.cookie);
      const refusals = [
        await choose(origin, choice, who.cookie, { headers: { 'sec-fetch-site': 'cross-site' } }),
        await choose(origin, choice, who.cookie, { origin: 'http://evil.example' }),
        await choose(origin, choice, who.cookie, { origin: null }),
        await choose(origin, choice, `${who.cookie.slice(0, -4)}aaaa`),
      ];
      return {
        statuses: refusals.map((r) => r.status),
        signIn: refusals[3]!.headers.get('location'),
        steps: await steps(who.id),
      };
    });
    expect(fast).toEqual(slow);
    expect(fast).toEqual({
      statuses: [403, 403, 403, 303],
      signIn: `/sign-in?next=${encodeURIComponent(`${SCENARIO}?kept=1`)}&ended=1`,
      steps: 0,
    });
  });

  it('writes the activity of a session due for it, refreshes its cookie and records the step', async () => {
    const [fast, slow] = await bothWays(async (origin, who) => {
      const choice = await started(origin, who.cookie);
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      await s.db.update(sessions).set({ lastVerifiedAt: twoHoursAgo }).where(eq(sessions.id, who.sessionId));
      const res = await choose(origin, choice, who.cookie);
      return {
        status: res.status,
        cookie: (res.headers.get('set-cookie') ?? '').startsWith(`${SESSION_COOKIE}=`),
        steps: await steps(who.id),
      };
    });
    expect(fast).toEqual(slow);
    expect(fast).toEqual({ status: 303, cookie: true, steps: 1 });
  });
});

describe('quiz submissions, both ways', () => {
  it('stores a submission and sends the learner to its result', async () => {
    const [fast, slow] = await bothWays(async (origin, who) => {
      const path = `${QUIZ}?from=%2Fmodules%2Fempathy`;
      const form = readQuizForm(await page(origin, path, who.cookie))!;
      const res = await postForm(origin, path, Object.fromEntries(form.entries), { cookie: who.cookie });
      const expected = `${QUIZ}/attempts/${form.attemptId}?from=%2Fmodules%2Fempathy`;
      const result = await page(origin, res.headers.get('location')!, who.cookie);
      return {
        status: res.status,
        toResult: res.headers.get('location') === expected,
        scored: /You scored \d+%/.test(result),
        submitted: await submitted(who.id),
        allAnswersStored: (await answers(who.id)) === form.questionCount,
      };
    });
    expect(fast).toEqual(slow);
    expect(fast).toEqual({ status: 303, toResult: true, scored: true, submitted: 1, allAnswersStored: true });
  });

  it('answers a resubmission 409 with the stored result, recording nothing new', async () => {
    const [fast, slow] = await bothWays(async (origin, who) => {
      const form = readQuizForm(await page(origin, QUIZ, who.cookie))!;
      const fields = Object.fromEntries(form.entries);
      await postForm(origin, QUIZ, fields, { cookie: who.cookie });
      const again = await postForm(origin, QUIZ, fields, { cookie: who.cookie });
      return {
        status: again.status,
        says: (await again.text()).includes('This attempt was already submitted, so nothing changed.'),
        allAnswersStoredOnce: (await answers(who.id)) === form.questionCount,
      };
    });
    expect(fast).toEqual(slow);
    expect(fast).toEqual({ status: 409, says: true, allAnswersStoredOnce: true });
  });

  it('answers invalid answers 400 with the form again and what was chosen', async () => {
    const [fast, slow] = await bothWays(async (origin, who) => {
      const form = readQuizForm(await page(origin, QUIZ, who.cookie))!;
      const [attempt, firstAnswer] = form.entries;
      const res = await postForm(origin, QUIZ, Object.fromEntries([attempt!, firstAnswer!]), { cookie: who.cookie });
      const html = await res.text();
      return {
        status: res.status,
        says: html.includes('Some answers are missing or not valid'),
        keepsChoice: new RegExp(`name="${firstAnswer![0]}" value="${firstAnswer![1]}"[^>]*checked`).test(html),
        submitted: await submitted(who.id),
      };
    });
    expect(fast).toEqual(slow);
    expect(fast).toEqual({ status: 400, says: true, keepsChoice: true, submitted: 0 });
  });
});
