// The providers file as the server reads it (SSO_CONFIG): a mistake is reported once, at start, in the
// log, with the file, the field and the fix, and the server goes on (the sign-in page fails closed).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectConsoleErrors } from '../helpers/console.ts';

const dir = mkdtempSync(join(tmpdir(), 'rapport-sso-settings-'));
const file = join(dir, 'sso.yaml');
writeFileSync(
  file,
  'providers:\n  - id: Entra\n    label: Microsoft\n    issuer: https://login.example.com\n    clientId: a\n    clientSecret: b\n',
);
// Read once per process, so set before the settings module first reads the configuration.
process.env.SSO_CONFIG = file;
const { reportSsoConfigOnce, ssoConfigProblem } = await import('../../src/lib/server/sso/settings.ts');
afterAll(() => {
  delete process.env.SSO_CONFIG;
  rmSync(dir, { recursive: true, force: true });
});

describe('a broken providers file at start', () => {
  it('is logged once with the file, the field path and the fix', async () => {
    const { errors } = await expectConsoleErrors(async () => {
      reportSsoConfigOnce();
      reportSsoConfigOnce();
    });
    expect(errors).toHaveLength(1);
    expect(String(errors[0]![0])).toBe(
      `Single sign-on is off until the providers file is fixed:\n${file}: invalid single sign-on configuration:\n  providers.0.id: must be lower-case letters, digits and dashes, e.g. entra`,
    );
    expect(ssoConfigProblem()).toMatch(/providers\.0\.id/);
  });
});
