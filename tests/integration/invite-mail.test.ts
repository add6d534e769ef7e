// With SMTP configured, an invite is emailed through a real local SMTP server (smtp-server), not a mock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';

const received: { to: string; data: string }[] = [];
let smtp: SMTPServer;
let s: TestServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  s = await startServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Rapport <learn@example.com>' } });
});
afterAll(async () => {
  await s?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('invite mail', () => {
  it('emails the single-use link and tells the admin it was sent', async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const res = await postForm(
      s.origin,
      '/admin/people',
      { intent: 'invite', email: 'mailed@example.com', name: 'Mae Mailed', role: 'learner' },
      { cookie: admin },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('An email with the link was sent to each person.');
    expect(html).toContain('emailed');
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toBe('mailed@example.com');
    const body = received[0]!.data.replace(/=\r?\n/g, '');
    expect(body).toContain('Subject: You are invited to Rapport');
    const link = body.match(/http:\/\/localhost:\d+\/invite\/[a-z2-9]{24}\.[a-z2-9]{24}/)?.[0];
    expect(link).toBeDefined();
    expect((await get(s.origin, new URL(link!).pathname)).status).toBe(200);
  });
});
