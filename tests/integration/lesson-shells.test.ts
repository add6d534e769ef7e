// Lesson pages are shells filled per learner (src/lib/lesson-shell.ts); after the first view by
// someone of a role, the middleware answers from the stored shell instead of rendering the page again
// (src/middleware.ts). These tests run the real built server, and a second one on the same database
// with FAST_PATHS=false, and hold both ways to the same rules and the same bytes: nobody sees anyone
// else's values, sessions are judged the same, drafts stay hidden, visits are recorded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { spawnServer, stopServer, type ServerProcess } from '../helpers/process-server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { createUser, setActive } from '../../src/lib/server/people/users.ts';
import { addManager, ensureTeam } from '../../src/lib/server/people/teams.ts';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { saveReflection } from '../../src/lib/server/learning/journal.ts';
import { saveFeedback } from '../../src/lib/server/learning/lesson-feedback.ts';
import { lessonProgress, sessions } from '../../src/lib/server/db/schema.ts';
import { securityHeaders } from '../../src/lib/server/http/headers.ts';

const LESSON = '/modules/empathy/what-empathy-looks-like';
const KEY = { moduleId: 'empathy', lessonId: 'what-empathy-looks-like' };
const DRAFT = '/modules/coaching-conversations/coaching-a-colleague';

let server: TestServer;
/** The same site on the same database with FAST_PATHS=false: every lesson view renders the page. */
let plain: ServerProcess;
beforeAll(async () => {
  // Explicitly on: npm test runs the integration suites a second time with FAST_PATHS=false in the environment.
  server = await startServer({ env: { FAST_PATHS: 'true' } });
  plain = await spawnServer(server.dbUrl, { FAST_PATHS: 'false' });
});
afterAll(async () => {
  await stopServer(plain);
  await server.stop();
});

async function person(email: string, displayName: string, role: 'learner' | 'trainer' = 'learner') {
  const user = await createUser(server.db, { email, displayName, role });
  const { token, id } = await createSession(server.db, user.id);
  return { id: user.id, sessionId: id, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Whether the page came from a stored shell (the middleware says so in Server-Timing). */
const fast = (res: Response) => res.headers.get('server-timing') === 'shell;desc=stored';

async function page(path: string, cookie: string) {
  const res = await get(server.origin, path, cookie);
  return { res, html: await res.text() };
}

describe('lesson pages served from shells', () => {
  it("shows every learner their own name, progress, reflection and feedback, and nobody else's", async () => {
    const ann = await person('ann.shell@example.com', 'Ann <Shell>');
    const bob = await person('bob.shell@example.com', 'Bob Shell');
    const secret = 'I told the customer "we\'ll see" </textarea><b>oops</b>';
    await saveReflection(server.db, ann.id, { ...KEY, reflectionId: 'felt-understood' }, 'prompt', secret);
    await saveFeedback(server.db, ann.id, KEY, { rating: 4, comment: 'Ann-only comment' });
    expect((await postForm(server.origin, LESSON, { intent: 'complete' }, { cookie: ann.cookie })).status).toBe(303);

    // Ann first (perhaps the full path), then Bob and Ann again from the stored learner shell.
    await page(LESSON, ann.cookie);
    const forBob = await page(LESSON, bob.cookie);
    const forAnn = await page(LESSON, ann.cookie);
    expect(forBob.res.status).toBe(200);
    expect(fast(forBob.res) && fast(forAnn.res)).toBe(true);

    expect(forAnn.html).toContain('Ann &lt;Shell&gt;');
    expect(forAnn.html).toContain('You have completed this lesson');
    expect(forAnn.html).toContain('I told the customer &quot;we&#39;ll see&quot; &lt;/textarea&gt;&lt;b&gt;oops&lt;/b&gt;');
    expect(forAnn.html).toContain('Update my reflection');
    expect(forAnn.html).toMatch(/<input type="radio" name="rating" value="4" required checked/);
    expect(forAnn.html).toContain('Ann-only comment');

    expect(forBob.html).toContain('Bob Shell');
    expect(forBob.html).toContain('Finished reading?');
    for (const annOnly of ['Ann &lt;Shell&gt;', 'we&#39;ll see', 'Ann-only comment', 'You have completed this lesson'])
      expect(forBob.html).not.toContain(annOnly);
    expect(forBob.html).not.toMatch(/name="rating"[^>]*checked/);
    expect(forBob.html).not.toContain('<!--rapport');

    // A fresh rendering (a query string always takes one) is the very same page, and so is the
    // server with FAST_PATHS=false.
    const full = await page(`${LESSON}?via=full`, bob.cookie);
    expect(fast(full.res)).toBe(false);
    expect(full.html).toBe(forBob.html);
    const off = await get(plain.origin, LESSON, bob.cookie);
    expect(off.headers.get('server-timing')).toBe('shell;desc=rendered');
    expect((await off.text()).replaceAll(plain.origin, server.origin)).toBe(forBob.html);
  });

  it('answers with the security headers and no cookie, never to be cached by others', async () => {
    const cy = await person('cy.shell@example.com', 'Cy Shell');
    await page(LESSON, cy.cookie);
    const { res } = await page(LESSON, cy.cookie);
    expect(fast(res)).toBe(true);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBeTruthy();
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('judges sessions as the full path does: no cookie, a wrong secret, expiry and deactivation all go to sign-in', async () => {
    const dee = await person('dee.shell@example.com', 'Dee Shell');
    await page(LESSON, dee.cookie);
    const toSignIn = (res: Response) => res.status === 303 && res.headers.get('location')?.startsWith('/sign-in');

    expect(toSignIn((await page(LESSON, '')).res)).toBe(true);
    const wrong = `${dee.cookie.slice(0, -4)}aaaa`;
    expect(toSignIn((await page(LESSON, wrong)).res)).toBe(true);
    expect(await server.db.select().from(sessions).where(eq(sessions.id, dee.sessionId))).toHaveLength(1);

    const old = new Date(Date.now() - 30 * 86400_000);
    await server.db.update(sessions).set({ createdAt: old, lastVerifiedAt: old }).where(eq(sessions.id, dee.sessionId));
    expect(toSignIn((await page(LESSON, dee.cookie)).res)).toBe(true);
    expect(await server.db.select().from(sessions).where(eq(sessions.id, dee.sessionId))).toHaveLength(0);

    const eve = await person('eve.shell@example.com', 'Eve Shell');
    expect((await page(LESSON, eve.cookie)).res.status).toBe(200);
    await setActive(server.db, eve.id, false);
    expect(toSignIn((await page(LESSON, eve.cookie)).res)).toBe(true);
  });

  it("writes a session's activity and refreshes its cookie from a stored shell too", async () => {
    const fay = await person('fay.shell@example.com', 'Fay Shell');
    await page(LESSON, fay.cookie);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await server.db.update(sessions).set({ lastVerifiedAt: twoHoursAgo }).where(eq(sessions.id, fay.sessionId));
    const { res } = await page(LESSON, fay.cookie);
    expect(res.status).toBe(200);
    expect(fast(res)).toBe(true);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    const [row] = await server.db.select().from(sessions).where(eq(sessions.id, fay.sessionId));
    expect(row!.lastVerifiedAt.getTime()).toBeGreaterThan(twoHoursAgo.getTime());
  });

  it('keeps one shell per role and team management: navigation follows both, drafts stay hidden from learners', async () => {
    const gus = await person('gus.shell@example.com', 'Gus Shell');
    const mia = await person('mia.shell@example.com', 'Mia Shell');
    // A manager is a learner who manages a team (decision 013): the shell key must tell them apart.
    await addManager(server.db, (await ensureTeam(server.db, 'Shell Team')).id, mia.id);
    await page(LESSON, gus.cookie);
    await page(LESSON, mia.cookie);
    const learner = await page(LESSON, gus.cookie);
    const manager = await page(LESSON, mia.cookie);
    expect(fast(learner.res) && fast(manager.res)).toBe(true);
    expect(manager.html).toContain('href="/team"');
    expect(learner.html).not.toContain('href="/team"');

    const trainer = await cookieFor(server.db, 'trainer@example.com');
    expect((await page(DRAFT, trainer)).res.status).toBe(200);
    expect((await page(DRAFT, trainer)).res.status).toBe(200);
    expect((await page(DRAFT, gus.cookie)).res.status).toBe(404);
  });

  it('records the first visit once, and a completion shows on the next view', async () => {
    const hal = await person('hal.shell@example.com', 'Hal Shell');
    const rows = () =>
      server.db
        .select()
        .from(lessonProgress)
        .where(and(eq(lessonProgress.userId, hal.id), eq(lessonProgress.lessonId, KEY.lessonId)));
    const first = await page(LESSON, hal.cookie);
    expect(fast(first.res)).toBe(true); // learners' shell is stored by the tests above
    const [opened] = await rows();
    expect(opened).toMatchObject({ moduleId: KEY.moduleId, completedAt: null });
    await page(LESSON, hal.cookie);
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0]!.firstOpenedAt).toEqual(opened!.firstOpenedAt);

    expect((await postForm(server.origin, LESSON, { intent: 'complete' }, { cookie: hal.cookie })).status).toBe(303);
    const after = await page(LESSON, hal.cookie);
    expect(fast(after.res)).toBe(true);
    expect(after.html).toContain('You have completed this lesson');
    expect(after.html).toContain('✓ Completed');
  });
});

describe('static files', () => {
  it('carry the same security headers as pages', async () => {
    const res = await get(server.origin, '/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // Pages set them too; the page's value replaces the server's rather than being added to it.
    const page = await get(server.origin, '/sign-in');
    expect(page.headers.get('content-security-policy')).toBe(securityHeaders()['content-security-policy']);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
