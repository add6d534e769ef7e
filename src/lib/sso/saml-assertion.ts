/**
 * The checks Rapport makes on a SAML assertion beyond those node-saml makes (signature, issuer, audience,
 * times, InResponseTo), and the claims it turns into. Pure: it reads the assertion as node-saml parsed it
 * (xml2js: attributes under `$`, children as arrays) once its signature has been verified.
 */
import type { IdentityClaims } from './accounts.ts';

type Node = { $?: Record<string, string | undefined>; [child: string]: unknown };

const children = (node: Node | undefined, name: string): Node[] => (Array.isArray(node?.[name]) ? (node[name] as Node[]) : []);

export interface AssertionFacts {
  /** The assertion's ID: used once, then remembered until it expires (replay check). */
  id: string | null;
  /** The Recipient of each bearer SubjectConfirmationData: one must be our ACS URL. */
  recipients: string[];
  /** The latest time the assertion is good for (Conditions or SubjectConfirmationData NotOnOrAfter). */
  notOnOrAfter: Date | null;
}

/** Reads the facts out of `{ Assertion: ... }` as node-saml's profile.getAssertion() returns it. */
export function assertionFacts(parsed: unknown): AssertionFacts {
  const assertion = (parsed as { Assertion?: Node } | undefined)?.Assertion;
  const confirmations = children(assertion, 'Subject').flatMap((s) => children(s, 'SubjectConfirmation'));
  const data = confirmations.flatMap((c) => children(c, 'SubjectConfirmationData'));
  const times = [...children(assertion, 'Conditions'), ...data]
    .map((n) => Date.parse(n.$?.NotOnOrAfter ?? ''))
    .filter((t) => Number.isFinite(t));
  return {
    id: assertion?.$?.ID ?? null,
    recipients: data.map((d) => d.$?.Recipient).filter((r): r is string => typeof r === 'string'),
    notOnOrAfter: times.length ? new Date(Math.max(...times)) : null,
  };
}

/** What is wrong with an assertion for our ACS URL, in words for the audit log; null when nothing is. */
export function assertionProblem(facts: AssertionFacts, acsUrl: string): string | null {
  if (!facts.id) return 'assertion has no ID';
  if (!facts.recipients.includes(acsUrl))
    return `wrong recipient: the assertion is for ${facts.recipients.join(', ') || 'no recipient'}, not ${acsUrl}`;
  if (!facts.notOnOrAfter) return 'assertion has no NotOnOrAfter, so it could be replayed for ever';
  return null;
}

/** The Destination a Response was addressed to (its root element), when it names one. */
export function responseDestination(responseXml: string): string | null {
  const root = /<(?:[\w-]+:)?Response\b([^>]*)>/.exec(responseXml);
  return root ? (/\sDestination="([^"]*)"/.exec(root[1]!)?.[1] ?? null) : null;
}

export const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** The parts of node-saml's profile that become claims. */
export interface SamlProfileLike {
  nameID: string;
  nameIDFormat?: string;
  attributes?: Record<string, unknown>;
}

/**
 * The claims the account rules (./accounts.ts) read: the NameID as the subject, the email from the
 * configured attribute (or the NameID in email format), the name, and every attribute as it came, so
 * that a group mapping's `claim` names a SAML attribute. The IdP asserts its own directory's addresses,
 * hence `email_verified: true`.
 */
export function samlClaims(profile: SamlProfileLike, fields: { emailAttribute: string; nameAttribute: string }): IdentityClaims {
  const attributes = profile.attributes ?? {};
  const single = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const fromAttribute = single(attributes[fields.emailAttribute]);
  const email =
    typeof fromAttribute === 'string' ? fromAttribute : profile.nameIDFormat === EMAIL_FORMAT ? profile.nameID : undefined;
  return { ...attributes, sub: profile.nameID, email, email_verified: true, name: single(attributes[fields.nameAttribute]) };
}

/**
 * What the person is told when a SAML response is refused: the kind of problem and what to do next.
 * The exact reason goes to the audit log, where the admin looks.
 */
export function samlRefusalMessage(reason: string, providerLabel: string): string {
  const admin = 'If it happens again, tell your Rapport admin: the reason is in the identity audit log.';
  if (/replayed/i.test(reason))
    return `This sign-in from ${providerLabel} was already used once, so it cannot be used again. Sign in again from the sign-in page.`;
  if (/expired|not yet valid|NotOnOrAfter|InResponseTo|subject confirmation/i.test(reason))
    return `This sign-in from ${providerLabel} is no longer valid (it took too long, or was opened from an old page). Sign in again from the sign-in page. ${admin}`;
  if (/signature|unsigned/i.test(reason))
    return `Rapport could not verify that this sign-in really comes from ${providerLabel} (its signature is missing or does not match), so it was refused. ${admin}`;
  if (/audience|recipient|destination/i.test(reason))
    return `This sign-in from ${providerLabel} was addressed to another application, so it was refused. Tell your Rapport admin: ${providerLabel} needs Rapport's metadata.`;
  return `Signing in with ${providerLabel} did not complete. Start again from the sign-in page. ${admin}`;
}
