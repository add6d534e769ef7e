/**
 * The fields of a SAML 2.0 provider in the providers file (docs/sso.md#saml). Rapport is the service
 * provider (SP); the organisation's IdP (Entra ID, Okta, Google, Keycloak) signs the assertions.
 */
import { z } from 'zod';

/** A PEM certificate, or its base64 body alone as IdP metadata and admin consoles show it. */
const certificate = z
  .string()
  .transform((v) => v.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''))
  .refine((v) => /^[A-Za-z0-9+/]{100,}={0,2}$/.test(v), {
    message: "must be the IdP's X.509 signing certificate (PEM, or the base64 from its metadata)",
  });

/** A PEM private key, kept as written (node:crypto reads it). */
const privateKey = z.string().refine((v) => /-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(v), {
  message: 'must be a PEM private key (-----BEGIN PRIVATE KEY-----)',
});

export const samlFields = {
  protocol: z.literal('saml'),
  /** The IdP's single sign-on URL (HTTP-Redirect binding), from its metadata or admin console. */
  entryPoint: z.url(),
  /** The IdP's entity ID (issuer); a response from any other issuer is refused. */
  idpEntityId: z.string().min(1),
  /** The IdP's signing certificate(s); two during a certificate rollover. */
  idpCertificates: z.array(certificate).min(1, { message: 'must list at least one certificate' }),
  /** The IdP's single logout URL (HTTP-Redirect binding); leave out if it has none (Google). */
  logoutUrl: z.url().optional(),
  /**
   * Rapport's entity ID at the IdP (the audience every assertion must name). Default: the metadata URL,
   * `<PUBLIC_ORIGIN>/sign-in/saml/<id>/metadata.xml`.
   */
  entityId: z.string().min(1).optional(),
  /** The attribute holding the email address; default `email`, then the NameID when it is an email. */
  emailAttribute: z.string().min(1).default('email'),
  /** The attribute holding the person's display name. */
  nameAttribute: z.string().min(1).default('name'),
  /** False: only sign-ins Rapport started are accepted (no sign-in from the IdP's app launcher). */
  allowIdpInitiated: z.boolean().default(true),
  /**
   * Rapport's own key pair (PEM), optional: when given, sign-in and logout requests are signed and the
   * certificate is published in the metadata. Most IdPs require signed logout requests.
   */
  spPrivateKey: privateKey.optional(),
  spCertificate: certificate.optional(),
  /** Seconds of clock difference tolerated with the IdP on NotBefore and NotOnOrAfter. */
  clockSkewSeconds: z.number().int().min(0).max(300).default(60),
};

/** A certificate as PEM, as node:crypto and node-saml take it, from its body or from PEM already. */
export function toPem(certificateText: string): string {
  const body = certificateText.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
