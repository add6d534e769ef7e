// Quiz submissions and role-play steps on the real built server, with the write fast path in front of
// Astro (src/lib/server/fast/write-fast-path.ts). Once the page has recorded a role's route, a url-encoded
// post whose outcome is a redirect is answered without Astro; everything else reaches Astro with the
// body intact. These tests hold both paths to the same outcomes, records and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { get, postForm } from '../helpers/http.ts';
import { count, readFirstChoice, readQuizForm, type ScenarioChoice } from '../helpers/learners.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { sessions } from '../../src/lib/server/db/schema.ts';
import { securityHeaders } from '../../src/lib/server/http/headers.ts';
import { MAX_FAST_BODY } from '../../src/lib/server/fast/write-fast-path.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';

const SCENARIO = '/scenarios/the-saturday-rush';
const saturdayRush = scenarioSchema.parse(
  parse(readFileSync(new URL('../../content/scenarios/the-saturday-rush.yaml', import.meta.url), 'utf8')),
);
const QUIZ = '/quizzes/empathy-check-2';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

let people = 0;
async function person(role: 'learner' | 'trainer' = 'learner') {
  const n = ++people;
  const user = await createUser(s.db, { email: `writer-${n}@example.com`, displayName: `Writer ${n}`, role });
  const { token, id } = await createSession(s.db, user.id);
  return { id: user.id, sessionId: id, cookie: `${SESSION_COOKIE}=${token}` };
}

// The fast path answers with a Content-Length (0 for a redirect); Astro's answers here are chunked.
// Only used to prove which path a test exercised.
const fast = (res: Response) => res.headers.get('content-length') === '0';

async function page(path: string, cookie: string) {
  const res = await get(s.origin, path, cookie);
  expect(res.status).toBe(200);
  return res.text();
}

/** Starts a role-play run (Astro: the start intent is never fast) and reads the first decision offered. */
async function started(cookie: string): Promise<ScenarioChoice> {
  expect((await postForm(s.origin, SCENARIO, { intent: 'start' }, { cookie })).status).toBe(303);
  return readFirstChoice(await page(SCENARIO, cookie))!;
}

const choose = (choice: ScenarioChoice, cookie: string, opts: Parameters<typeof postForm>[3] = {}) =>
  postForm(s.origin, SCENARIO, { intent: 'choose', ...choice }, { cookie, ...opts });

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

describe('role-play steps', () => {
  it('answers a step like Astro does (status, location, headers), records it once, and again for a retry', async () => {
    const ann = await person();
    const bob = await person();
    const annChoice = await started(ann.cookie);
    const bobChoice = await started(bob.cookie);
    // Ann's step url-encoded (as a form sends it): the fast path. Bob's as multipart: Astro.
    const fastAnswer = await choose(annChoice, ann.cookie);
    const multipart = new FormData();
    for (const [k, v] of Object.entries({ intent: 'choose', ...bobChoice })) multipart.append(k, v);
    const astroAnswer = await postForm(s.origin, SCENARIO, multipart, { cookie: bob.cookie });
    expect([fast(fastAnswer), fast(astroAnswer)]).toEqual([true, false]);
    expect(fastAnswer.status).toBe(astroAnswer.status);
    expect(fastAnswer.headers.get('location')).toBe(astroAnswer.headers.get('location'));
    for (const name of [...Object.keys(securityHeaders()), 'cache-control'])
      expect(fastAnswer.headers.get(name), name).toBe(astroAnswer.headers.get(name));
    expect(fastAnswer.headers.get('set-cookie')).toBeNull();

    // A double click: the same step again is a duplicate, answered fast, recorded once.
    const again = await choose(annChoice, ann.cookie);
    expect([again.status, fast(again), again.headers.get('location')]).toEqual([303, true, SCENARIO]);
    expect(await steps(ann.id)).toBe(1);
    expect(await steps(bob.id)).toBe(1);
  });

  it('sends a stale step to the notice and a finished run to its debrief, as Astro does', async () => {
    const cy = await person();
    let choice = await started(cy.cookie);
    const first = choice;
    expect((await choose(choice, cy.cookie)).status).toBe(303);
    choice = readFirstChoice(await page(SCENARIO, cy.cookie))!;
    // Another option at the first decision, after the run has moved past it.
    const otherOption = saturdayRush.nodes.find((n) => n.id === first.nodeId)!.choices.find((c) => c.id !== first.choiceId)!;
    const stale = await choose({ ...first, choiceId: otherOption.id }, cy.cookie);
    expect([stale.status, fast(stale), stale.headers.get('location')]).toEqual([303, true, `${SCENARIO}?notice=moved-on`]);
    let last = stale;
    for (let i = 0; i < 20 && choice; i++) {
      last = await choose(choice, cy.cookie);
      expect(fast(last)).toBe(true);
      const next = await get(s.origin, SCENARIO, cy.cookie);
      choice = readFirstChoice(await next.text())!;
    }
    expect(last.headers.get('location')).toMatch(new RegExp(`^${SCENARIO}/runs/[a-z2-9]+$`));
    const debrief = await get(s.origin, last.headers.get('location')!, cy.cookie);
    expect(debrief.status).toBe(200);
    // A step posted after the ending goes to the debrief too.
    const late = await choose(first, cy.cookie);
    expect(late.headers.get('location')).toBe(last.headers.get('location'));
  });

  it('hands a step that is not part of the role-play to Astro, which answers 400 and records nothing', async () => {
    const dee = await person();
    const choice = await started(dee.cookie);
    const res = await choose({ ...choice, choiceId: 'made-up' }, dee.cookie);
    expect(res.status).toBe(400);
    expect(fast(res)).toBe(false);
    expect(await res.text()).toContain('That choice is not part of this role-play');
    expect(await steps(dee.id)).toBe(0);
  });

  it('refuses cross-site posts and unknown sessions exactly as Astro does, recording nothing', async () => {
    const eve = await person();
    const choice = await started(eve.cookie);
    const crossSite = await choose(choice, eve.cookie, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const foreign = await choose(choice, eve.cookie, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const noOrigin = await choose(choice, eve.cookie, { origin: null });
    expect(noOrigin.status).toBe(403);
    const forged = await choose(choice, `${eve.cookie.slice(0, -4)}aaaa`);
    // A cookie that matches no session reads as a session that ended: sign in, then back, told why (signed-out.ts).
    expect([forged.status, forged.headers.get('location')]).toEqual([
      303,
      `/sign-in?next=${encodeURIComponent(`${SCENARIO}?kept=1`)}&ended=1`,
    ]);
    for (const res of [crossSite, foreign, noOrigin, forged]) expect(fast(res)).toBe(false);
    expect(await steps(eve.id)).toBe(0);
  });

  it('leaves a session due for its activity write to Astro, which refreshes it and records the step', async () => {
    const fay = await person();
    const choice = await started(fay.cookie);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await s.db.update(sessions).set({ lastVerifiedAt: twoHoursAgo }).where(eq(sessions.id, fay.sessionId));
    const res = await choose(choice, fay.cookie);
    expect([res.status, fast(res)]).toEqual([303, false]);
    expect(res.headers.get('set-cookie')).toContain(`${SESSION_COOKIE}=`);
    expect(await steps(fay.id)).toBe(1);
  });

  it("takes a role's first post through Astro, which records the route for the fast path", async () => {
    // No trainer has opened this role-play yet in this server's life.
    const gus = await person('trainer');
    const run = await postForm(s.origin, '/scenarios/the-supplier-delay', { intent: 'start' }, { cookie: gus.cookie });
    expect(run.status).toBe(303);
    const html = await page('/scenarios/the-supplier-delay', gus.cookie);
    const choice = readFirstChoice(html)!;
    const res = await postForm(
      s.origin,
      '/scenarios/the-supplier-delay',
      { intent: 'choose', ...choice },
      { cookie: gus.cookie },
    );
    expect([res.status, fast(res)]).toEqual([303, true]);
  });
});

describe('quiz submissions', () => {
  it('stores a submission on the fast path and sends the learner to its result', async () => {
    const hal = await person();
    const form = readQuizForm(await page(`${QUIZ}?from=%2Fmodules%2Fempathy`, hal.cookie))!;
    const res = await postForm(s.origin, `${QUIZ}?from=%2Fmodules%2Fempathy`, Object.fromEntries(form.entries), {
      cookie: hal.cookie,
    });
    expect([res.status, fast(res)]).toEqual([303, true]);
    expect(res.headers.get('location')).toBe(`${QUIZ}/attempts/${form.attemptId}?from=%2Fmodules%2Fempathy`);
    const result = await page(res.headers.get('location')!, hal.cookie);
    expect(result).toMatch(/You scored \d+%/);
    expect(await submitted(hal.id)).toBe(1);
    expect(await answers(hal.id)).toBe(form.questionCount);
  });

  it('hands a resubmission to Astro with its body: 409 and the stored result, nothing new recorded', async () => {
    const ida = await person();
    const form = readQuizForm(await page(QUIZ, ida.cookie))!;
    const fields = Object.fromEntries(form.entries);
    expect((await postForm(s.origin, QUIZ, fields, { cookie: ida.cookie })).status).toBe(303);
    const again = await postForm(s.origin, QUIZ, fields, { cookie: ida.cookie });
    expect([again.status, fast(again)]).toEqual([409, false]);
    expect(await again.text()).toContain('This attempt was already submitted, so nothing changed.');
    expect(await answers(ida.id)).toBe(form.questionCount);
  });

  it('hands invalid answers to Astro with their body: 400, the form again with what was chosen', async () => {
    const jo = await person();
    const form = readQuizForm(await page(QUIZ, jo.cookie))!;
    // Keep the first answer, drop the rest: Astro must see the very body the fast path read.
    const [attempt, firstAnswer] = form.entries;
    const res = await postForm(s.origin, QUIZ, Object.fromEntries([attempt!, firstAnswer!]), { cookie: jo.cookie });
    expect([res.status, fast(res)]).toEqual([400, false]);
    const html = await res.text();
    expect(html).toContain('Some answers are missing or not valid');
    expect(html).toMatch(new RegExp(`name="${firstAnswer![0]}" value="${firstAnswer![1]}"[^>]*checked`));
    expect(await submitted(jo.id)).toBe(0);
  });

  it('leaves a body larger than it reads to Astro, unread, which still answers it', async () => {
    const kit = await person();
    const form = readQuizForm(await page(QUIZ, kit.cookie))!;
    const fields = { ...Object.fromEntries(form.entries), padding: 'x'.repeat(MAX_FAST_BODY) };
    const res = await postForm(s.origin, QUIZ, fields, { cookie: kit.cookie });
    expect([res.status, fast(res)]).toEqual([303, false]);
    expect(await submitted(kit.id)).toBe(1);
  });
});
