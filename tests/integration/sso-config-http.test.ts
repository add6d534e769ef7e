// A providers file with a mistake: the server still serves, the sign-in page fails closed (no provider
// buttons, passwords for admins only) and the admins' single sign-on page shows the mistake with the
// file, the field and the fix.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, postForm } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';

let s: TestServer;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-sso-config-'));
  file = join(dir, 'sso.yaml');
  // A SAML provider whose sign-in URL is not a URL.
  writeFileSync(
    file,
    [
      'providers:',
      '  - protocol: saml',
      '    id: acme',
      '    label: Acme',
      '    entryPoint: not-a-url',
      '    idpEntityId: x',
      '    idpCertificates: [abc]',
    ].join('\n'),
  );
  s = await startServer({ env: { SSO_CONFIG: file } });
});
afterAll(async () => {
  await s?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a broken providers file', () => {
  it('is shown to admins with the file, the field path and the fix', async () => {
    const page = await fetch(`${s.origin}/admin/identity`, { headers: { cookie: await cookieFor(s.db, 'admin@example.com') } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('The providers file has a mistake');
    expect(html).toContain(`${file}: invalid single sign-on configuration:`);
    expect(html).toContain('providers.0.entryPoint: Invalid URL');
    expect(html).toContain('providers.0.idpCertificates.0: must be the IdP&#39;s X.509 signing certificate');
  });

  it('leaves the sign-in page up, without provider buttons, and passwords to admins only', async () => {
    const page = await fetch(`${s.origin}/sign-in`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('unavailable because of a configuration mistake');
    expect(html).not.toContain('Sign in with Acme');
    const learner = await postForm(s.origin, '/sign-in', { email: 'learner@example.com', password: DEMO_PASSWORD });
    expect(learner.status).toBe(403);
    const admin = await postForm(s.origin, '/sign-in', { email: 'admin@example.com', password: DEMO_PASSWORD });
    expect(admin.status).toBe(303);
  });
});
