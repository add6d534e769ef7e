import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSsoConfig } from '../../src/lib/sso/providers.ts';
import {
  assertionFacts,
  assertionProblem,
  responseDestination,
  samlClaims,
  samlRefusalMessage,
} from '../../src/lib/sso/saml-assertion.ts';
import { certificateFacts, describeCertificate } from '../../src/lib/sso/certificates.ts';
import { providerState } from '../../src/lib/server/sso/provider-status.ts';

/** A self-signed certificate valid for `days`, made by openssl, as its base64 body. */
function certificate(days: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-cert-'));
  try {
    const out = join(dir, 'c.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        String(days),
        '-subj',
        '/CN=idp.example',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        out,
      ],
      { stdio: 'ignore' },
    );
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const CERT = certificate(400);

const saml = {
  protocol: 'saml',
  id: 'okta',
  label: 'Okta',
  entryPoint: 'https://acme.okta.com/app/rapport/sso/saml',
  idpEntityId: 'http://www.okta.com/exk1',
  idpCertificates: [CERT],
};

describe('SAML providers in the providers file', () => {
  it('reads a SAML provider beside an OpenID one, with defaults, the PEM kept as its body', () => {
    const oidc = { id: 'entra', label: 'Microsoft', issuer: 'https://login.example.com', clientId: 'a', clientSecret: 'b' };
    const { providers } = parseSsoConfig(JSON.stringify({ providers: [oidc, saml] }), 'sso.json');
    expect(providers[0]!.protocol).toBe('oidc');
    expect(providers[1]).toMatchObject({
      protocol: 'saml',
      emailAttribute: 'email',
      nameAttribute: 'name',
      allowIdpInitiated: true,
      clockSkewSeconds: 60,
      emailVerifiedClaim: 'email_verified',
    });
    const body = (providers[1] as { idpCertificates: string[] }).idpCertificates[0]!;
    expect(body).toMatch(/^MII[A-Za-z0-9+/=]+$/);
  });

  it('names the file, the field path and the fix', () => {
    const bad = { ...saml, entryPoint: 'http://acme.okta.com/sso', idpCertificates: ['not a certificate'], spPrivateKey: 'x' };
    expect(() => parseSsoConfig(JSON.stringify({ providers: [bad] }), 'sso.json')).toThrowErrorMatchingInlineSnapshot(`
      [SsoConfigError: sso.json: invalid single sign-on configuration:
        providers.0.idpCertificates.0: must be the IdP's X.509 signing certificate (PEM, or the base64 from its metadata)
        providers.0.spPrivateKey: must be a PEM private key (-----BEGIN PRIVATE KEY-----)]
    `);
    expect(() =>
      parseSsoConfig(JSON.stringify({ providers: [{ ...saml, entryPoint: 'http://acme.okta.com/sso' }] }), 'sso.json'),
    ).toThrow('sso.json: providers.0.entryPoint: must be an https:// URL (got http://acme.okta.com/sso).');
    expect(() => parseSsoConfig(JSON.stringify({ providers: [{ ...saml, protocol: 'ws-fed' }] }), 'sso.json')).toThrow(
      /providers\.0\.protocol/,
    );
  });
});

/** An assertion as node-saml's xml2js parse gives it. */
const parsed = (recipient: string | null, notOnOrAfter = '2026-12-01T10:05:00Z') => ({
  Assertion: {
    $: { ID: '_a1' },
    Subject: [
      {
        SubjectConfirmation: [
          { SubjectConfirmationData: [{ $: { NotOnOrAfter: notOnOrAfter, ...(recipient ? { Recipient: recipient } : {}) } }] },
        ],
      },
    ],
    Conditions: [{ $: { NotOnOrAfter: '2026-12-01T10:10:00Z' } }],
  },
});
const ACS = 'https://learn.example.com/sign-in/saml/okta/acs';

describe('the checks beyond the signature', () => {
  it('reads the ID, the recipients and the latest expiry', () => {
    expect(assertionFacts(parsed(ACS))).toEqual({
      id: '_a1',
      recipients: [ACS],
      notOnOrAfter: new Date('2026-12-01T10:10:00Z'),
    });
    expect(assertionFacts(undefined)).toEqual({ id: null, recipients: [], notOnOrAfter: null });
  });
  it('wants our ACS URL as the recipient, an ID and an expiry', () => {
    expect(assertionProblem(assertionFacts(parsed(ACS)), ACS)).toBeNull();
    expect(assertionProblem(assertionFacts(parsed('https://evil.example/acs')), ACS)).toBe(
      `wrong recipient: the assertion is for https://evil.example/acs, not ${ACS}`,
    );
    expect(assertionProblem(assertionFacts(parsed(null)), ACS)).toMatch(/^wrong recipient: the assertion is for no recipient/);
    expect(assertionProblem({ id: '_a', recipients: [ACS], notOnOrAfter: null }, ACS)).toMatch(/no NotOnOrAfter/);
  });
  it("reads the Response's Destination, not an assertion's attributes", () => {
    expect(
      responseDestination(
        `<?xml version="1.0"?><samlp:Response ID="_r" Destination="${ACS}"><x Destination="no"/></samlp:Response>`,
      ),
    ).toBe(ACS);
    expect(responseDestination('<Response ID="_r"><Assertion Destination="no"/></Response>')).toBeNull();
  });
});

describe('claims from an assertion', () => {
  const fields = { emailAttribute: 'email', nameAttribute: 'name' };
  it('takes the email and name attributes, the NameID as subject, and keeps attributes for the group mapping', () => {
    const claims = samlClaims(
      {
        nameID: 'u-1',
        nameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
        attributes: { email: 'Ada@Example.com', name: ['Ada'], groups: ['a', 'b'] },
      },
      fields,
    );
    expect(claims).toMatchObject({ sub: 'u-1', email: 'Ada@Example.com', email_verified: true, name: 'Ada', groups: ['a', 'b'] });
  });
  it('falls back on a NameID in email format, never on another format', () => {
    const email = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
    expect(samlClaims({ nameID: 'ada@example.com', nameIDFormat: email }, fields).email).toBe('ada@example.com');
    expect(samlClaims({ nameID: 'ada@example.com', nameIDFormat: 'urn:x:unspecified' }, fields).email).toBeUndefined();
  });
  it('lets an attribute named like a claim not override the subject', () => {
    expect(samlClaims({ nameID: 'u-1', attributes: { sub: 'someone-else' } }, fields).sub).toBe('u-1');
  });
});

describe('what a refused person is told', () => {
  it('says what happened and what to do, by kind of problem', () => {
    expect(samlRefusalMessage('replayed assertion _a1', 'Okta')).toContain('already used once');
    expect(samlRefusalMessage('SAML assertion expired: clocks skewed too much', 'Okta')).toContain('no longer valid');
    expect(samlRefusalMessage('Invalid signature', 'Okta')).toContain(
      'could not verify that this sign-in really comes from Okta',
    );
    expect(samlRefusalMessage('SAML assertion audience mismatch', 'Okta')).toContain("needs Rapport's metadata");
    expect(samlRefusalMessage('something new', 'Okta')).toContain('Start again from the sign-in page');
  });
});

describe('IdP certificates', () => {
  it('says until when a certificate is valid, and warns a month ahead', () => {
    const now = new Date();
    const facts = certificateFacts(CERT.replace(/-----[A-Z ]+-----|\s/g, ''), now);
    expect(facts).toMatchObject({ state: 'ok', subject: 'CN=idp.example' });
    expect(describeCertificate(facts)).toMatch(/^Certificate CN=idp\.example is valid until \d{4}-\d{2}-\d{2} \(399 days\)\.$/);
    const later = new Date(facts.validTo.getTime() - 10 * 86_400_000);
    expect(describeCertificate(certificateFacts(CERT, later))).toMatch(
      /expires on .* \(in 10 days\): add the IdP's next certificate now/,
    );
    expect(certificateFacts(CERT, new Date(facts.validTo.getTime() + 1000)).state).toBe('expired');
    expect(certificateFacts('AAAA', now).state).toBe('unreadable');
  });
});

describe("a provider's state", () => {
  const at = (s: number) => new Date(s * 1000);
  it('is working when the last sign-in is newer than the last refusal', () => {
    expect(providerState({ lastSignIn: null, lastError: null })).toBe('unused');
    expect(providerState({ lastSignIn: { at: at(2), name: 'A' }, lastError: { at: at(1), detail: 'x' } })).toBe('working');
    expect(providerState({ lastSignIn: { at: at(1), name: 'A' }, lastError: { at: at(2), detail: 'x' } })).toBe('failing');
    expect(providerState({ lastSignIn: null, lastError: { at: at(2), detail: 'x' } })).toBe('failing');
  });
});
