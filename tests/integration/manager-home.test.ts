// The home page of someone who manages a team starts with their teams at a glance: overdue work, work due in
// the next seven days and completion, from the same figures as the team dashboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get } from '../helpers/http.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { assignments } from '../../src/lib/server/db/schema.ts';
import { loadContent } from '../../src/lib/content/load-fs.ts';
import { resolve } from 'node:path';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
  const [first, second] = loadContent(resolve(import.meta.dirname, '../..')).modules.filter(
    (m) => !(m.data as { draft?: boolean }).draft,
  );
  const at = new Date();
  const assign = async (email: string, moduleId: string, days: number) => {
    const user = (await findUserByEmail(s.db, email))!;
    const dueAt = new Date(at.getTime() + days * 86_400_000);
    await s.db.insert(assignments).values({
      id: `${email}-${moduleId}`,
      userId: user.id,
      moduleId,
      dueAt,
      teamId: user.teamId,
      createdAt: at,
      updatedAt: at,
    });
  };
  await assign('learner@example.com', first!.id, -2); // overdue
  await assign('marcus.bell@example.com', first!.id, -1); // overdue
  await assign('learner@example.com', second!.id, 3); // due this week
  await assign('aiko.tanaka@example.com', second!.id, 20); // later
});
afterAll(() => s.stop());

const home = async (email: string) => (await get(s.origin, '/', await cookieFor(s.db, email))).text();

describe('a manager’s home page', () => {
  it('shows their team first, with overdue work, work due this week and completion', async () => {
    const html = await home('manager@example.com');
    const teams = html.indexOf('id="teams-glance-heading"');
    expect(teams).toBeGreaterThan(-1);
    expect(teams).toBeLessThan(html.indexOf('id="continue-heading"'));
    const section = html.slice(teams, html.indexOf('</section>', teams));
    expect(section).toContain('Customer Support');
    expect(section).not.toContain('Field Service');
    expect(section).toContain('2 overdue modules');
    expect(section).toContain('1 module due in the next 7 days');
    expect(section).toMatch(/8 people, 0% of their modules completed/);
  });

  it('says nothing is overdue in a team where nothing is', async () => {
    const section = (await home('manager2@example.com')).split('id="teams-glance-heading"')[1]!;
    expect(section).toContain('Field Service');
    expect(section).toContain('Nothing overdue');
  });

  it('is not shown to people who manage no team, admins included', async () => {
    for (const email of ['learner@example.com', 'trainer@example.com', 'admin@example.com'])
      expect(await home(email)).not.toContain('id="teams-glance-heading"');
  });
});
