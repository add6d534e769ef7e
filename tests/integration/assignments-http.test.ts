// The assignments page on the real built server: who may open it, and forms and URLs tampered with
// to reach people outside a manager's teams (refused, nothing written).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { assignments, teams } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { randomId } from '../../src/lib/server/auth/token.ts';

let s: TestServer;
let priya: string; // manages Customer Support
let support: string;
let field: string;
const nextMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const userId = async (email: string) => (await findUserByEmail(s.db, email))!.id;
const teamId = async (name: string) => (await s.db.select().from(teams).where(eq(teams.name, name)))[0]!.id;
const rows = () => s.db.select().from(assignments);
const alertText = (html: string) => html.match(/<div class="alert error" role="alert"[^>]*>([^<]*)</)?.[1]?.trim();

beforeAll(async () => {
  s = await startServer();
  priya = await cookieFor(s.db, 'manager@example.com');
  support = await teamId('Customer Support');
  field = await teamId('Field Service');
});
afterAll(() => s?.stop());
beforeEach(async () => {
  await s.db.delete(assignments);
});

describe('who may open the assignments page', () => {
  it('refuses learners and trainers and sends visitors to sign in', async () => {
    for (const email of ['learner@example.com', 'trainer@example.com']) {
      expect((await get(s.origin, '/assignments', await cookieFor(s.db, email))).status).toBe(403);
    }
    const anonymous = await get(s.origin, '/assignments');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/sign-in?next=%2Fassignments');
  });

  it('offers a manager the people of their own teams only', async () => {
    const res = await get(s.origin, '/assignments', priya);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Lena Fischer');
    expect(html).toContain('Everyone in Customer Support');
    expect(html).not.toContain('Nadia Kowalski');
    expect(html).not.toContain(field);
  });
});

describe('assigning over HTTP', () => {
  // FormData, because checkboxes repeat a field name.
  const assign = (fields: [string, string][], cookie = priya) => {
    const form = new FormData();
    for (const [name, value] of [['intent', 'assign'], ...fields]) form.append(name!, value!);
    return postForm(s.origin, '/assignments', form, { cookie });
  };

  it('assigns to the manager’s team and redirects to the list', async () => {
    const res = await assign([
      ['moduleId', 'empathy'],
      ['due', nextMonth()],
      ['teamId', support],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/assignments?assigned=8&module=empathy');
    expect(await rows()).toHaveLength(8);
  });

  it('refuses a manager who adds a member of another team to the form, writing nothing', async () => {
    const nadia = await userId('nadia.kowalski@example.com');
    for (const tampered of [
      [['userId', nadia]],
      [
        ['userId', await userId('learner@example.com')],
        ['userId', nadia],
      ],
      [['teamId', field]],
      [
        ['teamId', support],
        ['teamId', field],
      ],
    ] as [string, string][][]) {
      const res = await assign([['moduleId', 'empathy'], ['due', nextMonth()], ...tampered]);
      expect(res.status).toBe(403);
      expect(alertText(await res.text())).toBe(
        'Nothing was assigned: you can assign only to active people in the teams you manage.',
      );
    }
    expect(await rows()).toEqual([]);
  });

  it('refuses a learner who posts the form, and a draft or unknown module, and a bad date', async () => {
    const learner = await cookieFor(s.db, 'learner@example.com');
    const lena = await userId('learner@example.com');
    expect(
      (
        await assign(
          [
            ['moduleId', 'empathy'],
            ['due', nextMonth()],
            ['userId', lena],
          ],
          learner,
        )
      ).status,
    ).toBe(403);
    const draft = await assign([
      ['moduleId', 'coaching-conversations'],
      ['due', nextMonth()],
      ['userId', lena],
    ]);
    expect(draft.status).toBe(400);
    expect(alertText(await draft.text())).toBe('Choose a module from the list.');
    const badDate = await assign([
      ['moduleId', 'empathy'],
      ['due', '2001-01-01'],
      ['userId', lena],
    ]);
    expect(badDate.status).toBe(400);
    expect(alertText(await badDate.text())).toBe('That date has passed. Choose today or a later date.');
    expect(await rows()).toEqual([]);
  });
});

describe('removing over HTTP', () => {
  it('removes an assignment in the manager’s team but not one in another team', async () => {
    const now = new Date();
    const mine = { id: randomId(), userId: await userId('learner@example.com') };
    const theirs = { id: randomId(), userId: await userId('nadia.kowalski@example.com') };
    await s.db
      .insert(assignments)
      .values([mine, theirs].map((a) => ({ ...a, moduleId: 'empathy', dueAt: now, createdAt: now, updatedAt: now })));
    const remove = (id: string) => postForm(s.origin, '/assignments', { intent: 'remove', assignmentId: id }, { cookie: priya });
    const refused = await remove(theirs.id);
    expect(refused.status).toBe(404);
    expect((await rows()).map((r) => r.id).sort()).toEqual([mine.id, theirs.id].sort());
    const removed = await remove(mine.id);
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toMatch(/^\/assignments\?removed=1&/);
    expect((await rows()).map((r) => r.id)).toEqual([theirs.id]);
  });
});
