// Password reset against the built server. With SMTP (a real local SMTP sink): "Forgot password?" mails
// a single-use, expiring link stored hashed, answers alike for every address, sends one mail per account
// in a few minutes, throttles a client, and ends every session once the new password is set. Without
// SMTP: the page says to ask an admin, and an admin issues the link from the People page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { startServer, type TestServer } from '../helpers/server.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';
import { cookieFor, get, postForm, setCookie } from '../helpers/http.ts';
import { invitePerson } from '../../src/lib/server/people/invites.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { hashSecret } from '../../src/lib/server/auth/token.ts';
import { PER_ADDRESS_LIMIT, RESET_REQUESTED } from '../../src/lib/server/auth/password-reset.ts';

let sink: SmtpSink;
let s: TestServer;
let plain: TestServer;
beforeAll(async () => {
  sink = await startSmtpSink();
  [s, plain] = await Promise.all([startServer({ env: { SMTP_URL: sink.url } }), startServer()]);
  const invited = await invitePerson(
    s.db,
    { email: 'never-signed-up@example.com', displayName: 'Nev', role: 'learner', teamId: null },
    null,
    72,
  );
  if (!invited.ok) throw new Error(invited.message);
});
afterAll(async () => {
  await Promise.all([s?.stop(), plain?.stop()]);
  await sink?.stop();
});

const main = (html: string) => parseHTML(html).document.querySelector('main')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const forgot = (email: string, server = s) => postForm(server.origin, '/forgot-password', { email });
const LINK = /http:\/\/[^\s/]+\/invite\/([a-z2-9]{24})\.([a-z2-9]{24})/;
async function mailTo(email: string) {
  for (let i = 0; i < 100; i++) {
    const found = sink.messages.filter((m) => m.to.includes(email));
    if (found.length > 0) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  return [];
}
const stillSignedIn = async (server: TestServer, cookie: string) => (await get(server.origin, '/', cookie)).status === 200;

describe('forgot password, with SMTP', () => {
  it('is linked from sign-in', async () => {
    const doc = parseHTML(await (await get(s.origin, '/sign-in')).text()).document;
    expect(doc.querySelector('a[href="/forgot-password"]')?.textContent).toBe('Forgot password?');
  });

  it('answers the same for an account, an unknown address and someone never signed up', async () => {
    const answers = await Promise.all(
      ['learner@example.com', 'nobody-here@example.com', 'never-signed-up@example.com'].map(async (email) => {
        const res = await forgot(email);
        return `${res.status} ${main(await res.text())}`;
      }),
    );
    expect(answers[0]).toContain(RESET_REQUESTED);
    expect(new Set(answers).size).toBe(1);
    expect(await mailTo('learner@example.com')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages.map((m) => m.to).flat()).toEqual(['learner@example.com']);
  });

  it('sends one mail per account in a few minutes, however often it is asked', async () => {
    expect((await forgot('learner@example.com')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages.filter((m) => m.to.includes('learner@example.com'))).toHaveLength(1);
  });

  it('stores only a hash of the link, which works once and ends every session', async () => {
    const [mail] = await mailTo('learner@example.com');
    expect(mail!.subject).toBe('Choose a new Rapport password');
    const [link, id, secret] = LINK.exec(mail!.text)!;
    const row = await s.db.$client.execute({ sql: 'select * from invites where id = ?', args: [id!] });
    expect(Buffer.from(row.rows[0]!.secret_hash as ArrayBuffer)).toEqual(Buffer.from(hashSecret(secret!)));
    expect(JSON.stringify(row.rows[0])).not.toContain(secret!);

    const [phone, laptop] = [await cookieFor(s.db, 'learner@example.com'), await cookieFor(s.db, 'learner@example.com')];
    const path = new URL(link).pathname;
    const page = main(await (await get(s.origin, path)).text());
    expect(page).toContain('Choose a new password');
    expect(page).toContain('every device signed in as you is signed out');
    const set = await postForm(s.origin, path, {
      password: 'quiet harbour lantern seven',
      confirm: 'quiet harbour lantern seven',
    });
    expect(set.status).toBe(303);
    expect(setCookie(set)).toBeDefined();
    expect(await stillSignedIn(s, phone)).toBe(false);
    expect(await stillSignedIn(s, laptop)).toBe(false);
    expect((await get(s.origin, path)).status).toBe(410);
    const signIn = await postForm(s.origin, '/sign-in', {
      email: 'learner@example.com',
      password: 'quiet harbour lantern seven',
    });
    expect(signIn.status).toBe(303);
  });

  it('refuses a link once it has expired', async () => {
    await forgot('manager@example.com');
    const [mail] = await mailTo('manager@example.com');
    const [link, id] = LINK.exec(mail!.text)!;
    await s.db.$client.execute({ sql: 'update invites set expires_at = ? where id = ?', args: [Date.now() - 1000, id!] });
    const res = await get(s.origin, new URL(link).pathname);
    expect(res.status).toBe(410);
    const page = await res.text();
    expect(main(page)).toContain('has expired');
    expect(parseHTML(page).document.querySelector('main a[href="/forgot-password"]')?.textContent).toBe('Ask for a new one');
  });

  it('throttles a client that keeps asking', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS_LIMIT + 1; i++) statuses.push((await forgot(`spray-${i}@example.com`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(0);
  });
});

describe('without SMTP', () => {
  it('says to ask an admin, and sends nothing', async () => {
    const html = await (await get(plain.origin, '/forgot-password')).text();
    expect(main(html)).toContain('ask an admin for a link to choose a new password');
    expect(parseHTML(html).document.querySelector('form input[name="email"]')).toBeNull();
    expect((await forgot('learner@example.com', plain)).status).toBe(400);
  });

  it('lets an admin issue a reset link from the People page, as for invites', async () => {
    const admin = await cookieFor(plain.db, 'admin@example.com');
    const lena = (await findUserByEmail(plain.db, 'learner@example.com'))!;
    const people = parseHTML(await (await get(plain.origin, '/admin/people', admin)).text()).document;
    expect(people.querySelector('button[aria-label="Password reset link for Lena Fischer"]')).not.toBeNull();
    const res = await postForm(plain.origin, '/admin/people', { intent: 'reset', userId: lena.id }, { cookie: admin });
    expect(res.status).toBe(200);
    const doc = parseHTML(await res.text()).document;
    const label = [...doc.querySelectorAll('label')].find((l) => l.textContent === 'Password reset link for learner@example.com');
    const link = doc.getElementById(label?.getAttribute('for') ?? '')?.getAttribute('value') ?? '';
    expect(link).toMatch(LINK);
    // Her password still works until the link is used.
    const lenaCookie = await cookieFor(plain.db, 'learner@example.com');
    expect(await stillSignedIn(plain, lenaCookie)).toBe(true);
    expect(main(await (await get(plain.origin, new URL(link).pathname)).text())).toContain('Choose a new password');
    const refused = await postForm(plain.origin, '/admin/people', { intent: 'reset', userId: 'nope' }, { cookie: admin });
    expect(refused.status).toBe(404);
  });
});
