/**
 * Server configuration, read once from the environment and validated.
 * A bad value stops start-up with a message naming the variable (see `ConfigError`).
 */
import { z } from 'zod';
import { isTimeZone } from '../dates.ts';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  /** `file:path/to.db` (embedded, default) or `libsql://`, `http(s)://`, `ws(s)://` for a remote libSQL server. */
  DATABASE_URL: z
    .string()
    .default('file:data/rapport.db')
    .refine((v) => /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/.test(v), {
      message: 'must start with file:, libsql://, http(s):// or ws(s)://',
    }),
  /** Auth token for a remote libSQL server (Turso, sqld with JWT auth). */
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** Milliseconds a connection waits for a locked file database before failing. */
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60000).default(5000),
  /**
   * File databases only. `normal` (default): in WAL mode a commit survives the app crashing or being
   * killed, and is not fsynced to disk until checkpoint, so a power cut can lose the last commits.
   * `full`: every commit waits for the disk (about 4 ms here, blocking the server while it waits).
   */
  DATABASE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  /** Sign-out after this many hours without activity. */
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /** Sign-out after this many days whatever the activity. */
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** `auto`: Secure cookies except on localhost; `true`/`false` to force. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /**
   * Behind your own reverse proxy only: take the client address from X-Forwarded-For and, when
   * PUBLIC_ORIGIN is unset, the public scheme and host from X-Forwarded-Proto and X-Forwarded-Host.
   * Never set it when clients can reach the server directly: they could claim any origin or address.
   */
  TRUST_PROXY: bool.default(false),
  /**
   * The address people use, e.g. https://learn.example.com (scheme, host and port only). Form posts
   * must come from it, invite and reminder links point at it, and when it is https every answer
   * carries HSTS. Unset: the origin each request arrived at.
   */
  PUBLIC_ORIGIN: z
    .url()
    .refine((v) => /^https?:$/.test(new URL(v).protocol), { message: 'must be an http:// or https:// URL' })
    .refine((v) => new URL(v).pathname === '/' && !new URL(v).search, { message: 'must be an origin without a path' })
    .transform((v) => new URL(v).origin)
    .optional(),
  /**
   * `false` turns off the faster variants (lesson pages from per-role shells, native prepared
   * statements, group commit) so that every request takes the plain path; for comparison and diagnosis.
   */
  FAST_PATHS: bool.default(true),
  /** Invite links expire after this many hours. */
  INVITE_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
  /** Optional SMTP server for invite and reminder mail, e.g. smtp://user:pass@mail.example.com:587. */
  SMTP_URL: z.url().optional(),
  /** Sender address for mail. */
  MAIL_FROM: z.string().default('Rapport <no-reply@localhost>'),
  /**
   * The organisation's IANA time zone: due dates end at midnight there (and become overdue then), and it is
   * the time zone of anyone who has not chosen their own on the account page.
   */
  TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or America/New_York' }),
  /** Locale for dates when the browser's Accept-Language names none this server knows, e.g. en-GB or en-US. */
  LOCALE: z
    .string()
    .default('en-GB')
    .refine((v) => Intl.DateTimeFormat.supportedLocalesOf(v).length > 0, { message: 'must be a locale such as en-GB' }),
  /** UTC hour (0-23) from which each app server checks every 15 minutes for daily reminder digests to send. */
  DIGEST_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(7),
  /**
   * Single sign-on: the path of a JSON or YAML file listing OpenID Connect providers (docs/sso.md).
   * Unset: password sign-in only.
   */
  SSO_CONFIG: z.string().optional(),
  /** SCIM provisioning: requests one bearer token may make per minute before it is told 429 (docs/scim.md). */
  SCIM_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(1200),
  /**
   * xAPI (docs/xapi.md): the LRS endpoint, e.g. https://lrs.example.com/data/xAPI/ (the statements resource is
   * `statements` under it). Unset: no statements are written or sent.
   */
  XAPI_ENDPOINT: z
    .url()
    .refine((v) => /^https?:$/.test(new URL(v).protocol), { message: 'must be an http:// or https:// URL' })
    // fetch() refuses URLs with credentials, and the admin page shows this address.
    .refine((v) => !new URL(v).username && !new URL(v).password, {
      message: 'must not contain credentials: put them in XAPI_USERNAME and XAPI_PASSWORD',
    })
    .optional(),
  /** The LRS's Basic credentials (key and secret). */
  XAPI_USERNAME: z.string().optional(),
  XAPI_PASSWORD: z.string().optional(),
  /** `false` stops writing statements while keeping the endpoint configured; queued ones are still sent. */
  XAPI_ENABLED: bool.default(true),
  /** The homePage of learners' xAPI accounts (their name is their Rapport id). Default: PUBLIC_ORIGIN. */
  XAPI_ACCOUNT_HOMEPAGE: z.url().optional(),
  /** Statements per POST. */
  XAPI_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  /** How often each server's sender looks for statements to send. */
  XAPI_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  /** The first retry's delay after a failure; each further failure doubles it (with jitter), up to an hour. */
  XAPI_RETRY_BASE_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  /** How long a sender holds the statements it is sending; a sender killed mid-send frees them after this. */
  XAPI_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Set by the studio on the server it starts to preview drafts (src/lib/server/studio/preview.ts), never by
   * hand: that server answers only requests carrying this secret (the studio's preview route adds it), takes no
   * form posts and runs no scheduled work, so a build of unpublished drafts is seen by trainers alone.
   */
  PREVIEW_TOKEN: z.string().min(32).optional(),
  /** Interface the server listens on. */
  HOST: z.string().min(1).default('localhost'),
  /** Port the server listens on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(4321),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment (defaults to `process.env`); throws `ConfigError` naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" so that `FOO=` in a shell or .env behaves like no FOO at all.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

let cached: Config | undefined;

/** The process configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig();
  return cached;
}
