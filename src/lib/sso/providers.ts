/**
 * The single sign-on providers an organisation configures (docs/sso.md): read from one JSON or YAML
 * file named by `SSO_CONFIG`, validated here so that a mistake stops start-up with the file, the field
 * path and the fix. Plain TypeScript: the server reads the file, this module judges its text.
 */
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { ROLES } from '../auth/permissions.ts';
import { samlFields } from './saml-provider.ts';

const domain = z
  .string()
  .transform((v) => v.trim().toLowerCase().replace(/^@/, ''))
  .refine((v) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v), { message: 'must be a domain such as example.com' });

/** Which IdP groups give which role and team, re-applied at each sign-in. */
const mappingSchema = z.object({
  /** The ID token claim that lists the person's groups (Entra ID and Keycloak: `groups`). */
  claim: z.string().min(1).default('groups'),
  /** Group name (or id) -> role; when several match, the most powerful role wins. */
  roles: z.record(z.string(), z.enum(ROLES)).default({}),
  /** Group name (or id) -> the name of a Rapport team; the first matching group in this list wins. */
  teams: z.record(z.string(), z.string().min(1)).default({}),
});

/** What every provider has, whatever its protocol. */
const commonFields = {
  /** Lower-case letters, digits and dashes; it appears in URLs: /sign-in/oidc/<id>/callback, /sign-in/saml/<id>/acs. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'must be lower-case letters, digits and dashes, e.g. entra' }),
  /** What the sign-in button says after "Sign in with". */
  label: z.string().min(1).max(60),
  /** Email domains whose people may get an account on first sign-in; others must be invited first. */
  allowedDomains: z.array(domain).default([]),
  /** Groups to role and team; leave out to keep roles and teams as admins set them. */
  groups: mappingSchema.optional(),
  /** Only for a provider on your own machine in tests: lets its URLs be plain http. */
  allowInsecureHttp: z.boolean().default(false),
};

const oidcSchema = z.object({
  ...commonFields,
  /** `oidc` (the default when left out) or `saml`. */
  protocol: z.literal('oidc'),
  /** The issuer URL; its /.well-known/openid-configuration is read at first use. */
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /**
   * How the client proves itself at the token endpoint: `client_secret_basic` (the OpenID default, an
   * Authorization header) or `client_secret_post` (in the form); use what the provider's app says.
   */
  tokenAuthMethod: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
  /**
   * The claim that says the email is verified: `email_verified` (Okta, Google, Keycloak); for Entra ID
   * `xms_edov` (add it as an optional claim). Accounts are linked and created only when it is true.
   */
  emailVerifiedClaim: z.string().min(1).default('email_verified'),
});

const samlSchema = z.object({
  ...commonFields,
  ...samlFields,
  /**
   * Not configurable: a SAML IdP asserts the addresses of its own directory, so the claims built from an
   * assertion carry `email_verified: true` (docs/decisions/019-saml.md).
   */
  emailVerifiedClaim: z.literal('email_verified').default('email_verified'),
});

// A provider without `protocol` is OpenID Connect, as every providers file was before SAML.
const providerSchema = z.preprocess(
  (v) => (v && typeof v === 'object' && !('protocol' in v) ? { ...v, protocol: 'oidc' } : v),
  z.discriminatedUnion('protocol', [oidcSchema, samlSchema]),
);

export type SsoProvider = z.infer<typeof providerSchema>;
export type OidcProvider = z.infer<typeof oidcSchema>;
export type SamlProvider = z.infer<typeof samlSchema>;
export type GroupMapping = z.infer<typeof mappingSchema>;

/** SCIM provisioning (docs/scim.md): a directory group is a team, unless it is named here. */
const scimSchema = z.object({
  /** Group display name -> the name of the Rapport team whose managers the group's members are. */
  managerGroups: z.record(z.string(), z.string().trim().min(1)).default({}),
});

export type ScimSettings = z.infer<typeof scimSchema>;

const fileSchema = z.object({
  providers: z.array(providerSchema).min(1, { message: 'must list at least one provider' }),
  scim: scimSchema.default({ managerGroups: {} }),
  /** False: only admins may sign in with a password (break-glass); everyone else through a provider. */
  passwordSignIn: z.boolean().default(true),
});

export type SsoSettings = z.infer<typeof fileSchema>;

export class SsoConfigError extends Error {
  override name = 'SsoConfigError';
}

/** Parses the text of the providers file (JSON is YAML too); throws naming the file and each bad field. */
export function parseSsoConfig(text: string, file: string): SsoSettings {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new SsoConfigError(`${file}: not valid JSON or YAML (${(error as Error).message}). Fix the syntax.`);
  }
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new SsoConfigError(`${file}: invalid single sign-on configuration:\n${lines.join('\n')}`);
  }
  const seen = new Set<string>();
  for (const [index, provider] of result.data.providers.entries()) {
    if (seen.has(provider.id))
      throw new SsoConfigError(`${file}: providers.${index}.id: "${provider.id}" is used twice; give each provider its own id.`);
    seen.add(provider.id);
    for (const [field, url] of urlsOf(provider)) {
      if (url && new URL(url).protocol !== 'https:' && !provider.allowInsecureHttp)
        throw new SsoConfigError(`${file}: providers.${index}.${field}: must be an https:// URL (got ${url}).`);
    }
  }
  return result.data;
}

/** The provider's URLs that browsers or Rapport are sent to, which must be https. */
function urlsOf(provider: SsoProvider): [string, string | undefined][] {
  if (provider.protocol === 'oidc') return [['issuer', provider.issuer]];
  return [
    ['entryPoint', provider.entryPoint],
    ['logoutUrl', provider.logoutUrl],
  ];
}
