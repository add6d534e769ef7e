// A real SAML 2.0 identity provider for tests: samlify (with its xmllint schema validator) on a free
// loopback port. It reads Rapport's real metadata, parses the AuthnRequest Rapport sends, and answers
// with a signed response for whoever the test names, through a self-submitting form (HTTP-POST
// binding), as Entra ID, Okta and Keycloak do. Keys are made with openssl for each run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as samlify from 'samlify';
import * as validator from '@authenio/samlify-xmllint-wasm';

samlify.setSchemaValidator(validator);

export interface SamlPerson {
  nameId: string;
  email: string;
  name: string;
  groups?: string[];
}

/** Changes to one response, each the way a broken or hostile IdP would make it. */
export interface ResponseTweaks {
  audience?: string;
  recipient?: string;
  /** Shifts every time in the response (milliseconds; negative = in the past). */
  shiftMs?: number;
  /** Sign the whole response instead of the assertion. */
  signResponse?: boolean;
}

export interface KeyPair {
  key: string;
  cert: string;
}

/** A fresh RSA key and self-signed certificate, made by openssl. */
export function makeKeyPair(cn: string): KeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-saml-key-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '2',
        '-subj',
        `/CN=${cn}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ATTRIBUTE = (name: string, values: string[]) =>
  `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values
    .map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`)
    .join('')}</saml:Attribute>`;
const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface TestSamlIdp {
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
  keys: KeyPair;
  people: Map<string, SamlPerson>;
  signInAs(nameId: string): void;
  /** Tweaks for the next response only. */
  tweakNext(tweaks: ResponseTweaks): void;
  /** Loads Rapport's SP metadata (fetched from its metadata URL); call before the first sign-in. */
  trust(spMetadataXml: string): void;
  /** A response Rapport did not ask for (IdP-initiated), base64, ready to post. */
  unsolicited(nameId: string, tweaks?: ResponseTweaks): Promise<{ SAMLResponse: string; acs: string }>;
  /** The URL of a signed LogoutRequest to Rapport for this person (IdP-initiated single logout). */
  logoutRequestUrl(nameId: string): string;
  /** The same by HTTP-POST: the form fields and where the IdP's page posts them. */
  logoutRequestPost(nameId: string): { SAMLRequest: string; action: string };
  /** The LogoutRequests Rapport sent, parsed. */
  logoutRequests: { nameId: string }[];
  stop(): Promise<void>;
}

export async function startSamlIdp(): Promise<TestSamlIdp> {
  const keys = makeKeyPair('rapport-test-idp');
  const people = new Map<string, SamlPerson>();
  let current = '';
  let next: ResponseTweaks = {};
  let sp: samlify.ServiceProviderInstance | undefined;
  const logoutRequests: { nameId: string }[] = [];
  const server: Server = createServer(
    (req, res) =>
      void handle(req, res).catch((e) => {
        console.warn('test IdP:', e);
        if (!res.headersSent) res.writeHead(500).end(String(e));
      }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  const base = `http://127.0.0.1:${address.port}`;
  const entityId = `${base}/metadata`;
  const idp = samlify.IdentityProvider({
    entityID: entityId,
    privateKey: keys.key,
    signingCert: keys.cert,
    wantAuthnRequestsSigned: true,
    wantLogoutRequestSigned: true,
    nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'],
    singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${base}/sso` }],
    singleLogoutService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${base}/slo` }],
  });

  /** The raw signed part of a redirect-binding query, as the signature covers it. */
  function octetString(rawQuery: string): string {
    return rawQuery
      .split('&')
      .filter((p) => /^(SAMLRequest|SAMLResponse|RelayState|SigAlg)=/.test(p))
      .join('&');
  }

  async function response(nameId: string, requestId: string | undefined, tweaks: ResponseTweaks) {
    if (!sp) throw new Error('call trust() with the SP metadata first');
    const person = people.get(nameId);
    if (!person) throw new Error(`no person ${nameId} at the test IdP`);
    const target = tweaks.signResponse
      ? samlify.ServiceProvider({
          metadata: sp.entityMeta.getMetadata().replace('WantAssertionsSigned="true"', 'WantAssertionsSigned="false"'),
        })
      : sp;
    const attributes = [ATTRIBUTE('email', [person.email]), ATTRIBUTE('name', [person.name])];
    if (person.groups) attributes.push(ATTRIBUTE('groups', person.groups));
    const shift = tweaks.shiftMs ?? 0;
    const at = (ms: number) => new Date(Date.now() + shift + ms).toISOString();
    const acs = sp.entityMeta.getAssertionConsumerService('post') as string;
    const values = {
      ID: `_r${crypto.randomUUID()}`,
      AssertionID: `_a${crypto.randomUUID()}`,
      Destination: acs,
      Audience: tweaks.audience ?? sp.entityMeta.getEntityID(),
      SubjectRecipient: tweaks.recipient ?? acs,
      Issuer: entityId,
      IssueInstant: at(0),
      StatusCode: samlify.Constants.StatusCode.Success,
      ConditionsNotBefore: at(-1000),
      ConditionsNotOnOrAfter: at(5 * 60_000),
      SubjectConfirmationDataNotOnOrAfter: at(5 * 60_000),
      NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      NameID: person.nameId,
      InResponseTo: requestId,
      AuthnStatement: '',
      AttributeStatement: '',
    };
    const statement = `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_s-${esc(nameId)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes.join('')}</saml:AttributeStatement>`;
    const made = await idp.createLoginResponse(
      target,
      { extract: { request: { id: requestId } } } as unknown as Parameters<typeof idp.createLoginResponse>[1],
      'post',
      {},
      (template: string) => ({
        id: values.ID,
        context: samlify.SamlLib.replaceTagsByValue(template.replace('{AuthnStatement}{AttributeStatement}', statement), values),
      }),
    );
    return { SAMLResponse: made.context, acs };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base);
    const query = Object.fromEntries(url.searchParams);
    const raw = url.search.slice(1);
    if (url.pathname === '/sso' && !query.SAMLRequest) return void res.writeHead(400).end('no SAMLRequest');
    if (url.pathname === '/sso' && sp) {
      const parsed = await idp.parseLoginRequest(sp, 'redirect', { query, octetString: octetString(raw) });
      const tweaks = next;
      next = {};
      const { SAMLResponse, acs } = await response(current, String(parsed.extract.request?.id), tweaks);
      // The page every IdP sends: a form that posts itself to the SP (no JavaScript: a button).
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><title>Test IdP</title><body><form method="post" action="${esc(acs)}">` +
          `<input type="hidden" name="SAMLResponse" value="${esc(SAMLResponse)}">` +
          `<input type="hidden" name="RelayState" value="${esc(query.RelayState ?? '')}">` +
          `<button>Continue</button></form><script>document.forms[0].submit()</script></body></html>`,
      );
      return;
    }
    if (url.pathname === '/slo' && sp && query.SAMLRequest) {
      const parsed = await idp.parseLogoutRequest(sp, 'redirect', { query, octetString: octetString(raw) });
      logoutRequests.push({ nameId: parsed.extract.nameID as string });
      const answer = idp.createLogoutResponse(
        sp,
        parsed as unknown as Parameters<typeof idp.createLogoutResponse>[1],
        'redirect',
        query.RelayState ?? '',
      );
      res.writeHead(303, { location: answer.context }).end();
      return;
    }
    res.writeHead(404).end('not found');
  }

  return {
    entityId,
    ssoUrl: `${base}/sso`,
    sloUrl: `${base}/slo`,
    keys,
    people,
    logoutRequests,
    signInAs: (nameId) => void (current = nameId),
    tweakNext: (tweaks) => void (next = tweaks),
    trust(metadata) {
      sp = samlify.ServiceProvider({ metadata, wantLogoutRequestSigned: true, wantLogoutResponseSigned: true });
    },
    unsolicited: (nameId, tweaks = {}) => response(nameId, undefined, tweaks),
    logoutRequestUrl(nameId) {
      if (!sp) throw new Error('call trust() first');
      const person = people.get(nameId)!;
      return idp.createLogoutRequest(sp, 'redirect', { logoutNameID: person.nameId, sessionIndex: `_s-${nameId}` }).context;
    },
    logoutRequestPost(nameId) {
      if (!sp) throw new Error('call trust() first');
      const person = people.get(nameId)!;
      const made = idp.createLogoutRequest(sp, 'post', { logoutNameID: person.nameId, sessionIndex: `_s-${nameId}` });
      return { SAMLRequest: made.context, action: (made as { entityEndpoint: string }).entityEndpoint };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
