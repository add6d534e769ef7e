import { describe, expect, it } from 'vitest';
import { parseSsoConfig, SsoConfigError } from '../../src/lib/sso/providers.ts';
import { decideAccount, groupsOf, mapGroups, refusalMessage } from '../../src/lib/sso/accounts.ts';

const provider = {
  id: 'entra',
  label: 'Microsoft',
  issuer: 'https://login.microsoftonline.com/tenant/v2.0',
  clientId: 'abc',
  clientSecret: 's3cret',
};

describe('the providers file', () => {
  it('reads YAML and JSON alike, with defaults', () => {
    const yaml = `providers:\n  - id: entra\n    label: Microsoft\n    issuer: https://login.microsoftonline.com/tenant/v2.0\n    clientId: abc\n    clientSecret: s3cret\n    allowedDomains: ['@Example.com']\n`;
    const fromYaml = parseSsoConfig(yaml, 'sso.yaml');
    expect(fromYaml.passwordSignIn).toBe(true);
    expect(fromYaml.providers[0]!.allowedDomains).toEqual(['example.com']);
    expect(fromYaml.providers[0]!.allowInsecureHttp).toBe(false);
    expect(fromYaml.providers[0]).toMatchObject({ protocol: 'oidc', tokenAuthMethod: 'client_secret_basic' });
    expect(fromYaml.providers[0]!.emailVerifiedClaim).toBe('email_verified');
    const fromJson = parseSsoConfig(JSON.stringify({ providers: [provider], passwordSignIn: false }), 'sso.json');
    expect(fromJson.passwordSignIn).toBe(false);
    expect(fromJson.providers[0]!.groups).toBeUndefined();
  });

  it('names the file, the field path and the fix', () => {
    const bad = { providers: [{ ...provider, id: 'Entra ID', allowedDomains: ['not a domain'] }] };
    expect(() => parseSsoConfig(JSON.stringify(bad), 'sso.json')).toThrowErrorMatchingInlineSnapshot(`
      [SsoConfigError: sso.json: invalid single sign-on configuration:
        providers.0.id: must be lower-case letters, digits and dashes, e.g. entra
        providers.0.allowedDomains.0: must be a domain such as example.com]
    `);
    expect(() => parseSsoConfig('providers: [', 'sso.yaml')).toThrow(/^sso\.yaml: not valid JSON or YAML/);
    expect(() => parseSsoConfig(JSON.stringify({ providers: [provider, provider] }), 'sso.json')).toThrow(
      'sso.json: providers.1.id: "entra" is used twice; give each provider its own id.',
    );
  });

  it('refuses a plain-http issuer unless the provider is marked as a local test', () => {
    const http = { ...provider, issuer: 'http://idp.example.com' };
    expect(() => parseSsoConfig(JSON.stringify({ providers: [http] }), 'sso.json')).toThrow(SsoConfigError);
    expect(() => parseSsoConfig(JSON.stringify({ providers: [http] }), 'sso.json')).toThrow(
      /providers\.0\.issuer: must be an https/,
    );
    expect(parseSsoConfig(JSON.stringify({ providers: [{ ...http, allowInsecureHttp: true }] }), 'x').providers).toHaveLength(1);
  });
});

describe('whose account a sign-in is for', () => {
  const allowed = { allowedDomains: ['example.com'], emailVerifiedClaim: 'email_verified' };
  const alex = { id: 'u1', email: 'alex@example.com', active: true };
  const verified = { sub: 's1', email: 'Alex@Example.com', email_verified: true, name: 'Alex Moreau' };

  it('signs in the account already linked to the subject, even if the email changed', () => {
    expect(decideAccount(allowed, { sub: 's1', email: 'new@else.org' }, alex, undefined)).toEqual({
      kind: 'existing',
      userId: 'u1',
      link: false,
    });
  });
  it('links an existing account by verified email only', () => {
    expect(decideAccount(allowed, verified, undefined, alex)).toEqual({ kind: 'existing', userId: 'u1', link: true });
    expect(decideAccount(allowed, { ...verified, email_verified: 'true' }, undefined, alex)).toMatchObject({
      kind: 'refuse',
      reason: 'unverified-email',
    });
  });
  it("reads the provider's own verified-email claim (Entra ID: xms_edov)", () => {
    const entra = { allowedDomains: ['example.com'], emailVerifiedClaim: 'xms_edov' };
    expect(decideAccount(entra, { sub: 's1', email: 'alex@example.com', xms_edov: true }, undefined, alex)).toMatchObject({
      kind: 'existing',
    });
    expect(decideAccount(entra, verified, undefined, alex)).toMatchObject({ reason: 'unverified-email' });
  });
  it('creates an account just in time for an allowed domain, and refuses others', () => {
    expect(decideAccount(allowed, verified, undefined, undefined)).toEqual({
      kind: 'create',
      email: 'alex@example.com',
      displayName: 'Alex Moreau',
    });
    expect(decideAccount(allowed, { ...verified, email: 'alex@elsewhere.org' }, undefined, undefined)).toEqual({
      kind: 'refuse',
      reason: 'domain',
      email: 'alex@elsewhere.org',
    });
  });
  it('refuses deactivated accounts and tokens without an email', () => {
    const gone = { ...alex, active: false };
    expect(decideAccount(allowed, verified, gone, undefined)).toMatchObject({ kind: 'refuse', reason: 'inactive' });
    expect(decideAccount(allowed, verified, undefined, gone)).toMatchObject({ kind: 'refuse', reason: 'inactive' });
    expect(decideAccount(allowed, { sub: 's1', email_verified: true }, undefined, undefined)).toMatchObject({
      reason: 'no-email',
    });
  });
  it('tells a refused person whom to ask', () => {
    expect(refusalMessage('domain', 'Okta', 'sam@elsewhere.org')).toContain('Ask your Rapport admin to invite you');
    expect(refusalMessage('no-email', 'Okta', null)).toContain('Ask your IT team');
  });
});

describe('group mapping', () => {
  const mapping = {
    claim: 'groups',
    roles: { 'rapport-trainers': 'trainer', 'rapport-admins': 'admin', staff: 'learner' } as const,
    teams: { 'support-emea': 'Customer Support', field: 'Field Service' },
  };
  it('takes the strongest role and the first team in the file', () => {
    expect(mapGroups(mapping, ['staff', 'field', 'rapport-trainers', 'support-emea'])).toEqual({
      role: { value: 'trainer', group: 'rapport-trainers' },
      team: { value: 'Customer Support', group: 'support-emea' },
    });
    expect(mapGroups(mapping, ['unrelated'])).toEqual({ role: null, team: null });
  });
  it('reads the groups claim as strings only', () => {
    expect(groupsOf({ sub: 'x', groups: ['a', 3, 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsOf({ sub: 'x', roles: 'a' }, 'roles')).toEqual(['a']);
    expect(groupsOf({ sub: 'x' }, 'groups')).toEqual([]);
  });
});
