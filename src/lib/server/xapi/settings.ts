/**
 * Whether xAPI is on, and where statements go (docs/xapi.md). One organisation per deployment, so the
 * environment is the organisation's setting: XAPI_ENDPOINT with XAPI_USERNAME/XAPI_PASSWORD, XAPI_ENABLED.
 */
import { config, ConfigError, type Config } from '../config.ts';
import type { XapiSite } from '../../xapi/index.ts';

export interface XapiSettings {
  site: XapiSite;
  /** The statements resource, e.g. https://lrs.example.com/data/xAPI/statements. */
  statementsUrl: string;
  /** The Authorization header's value, or null without credentials. */
  authorization: string | null;
  /** Whether new learning records queue statements; when false, only what is queued is still sent. */
  recording: boolean;
  batchSize: number;
  pollMs: number;
  retryBaseMs: number;
  leaseMs: number;
}

/** Null when no LRS is configured. Throws ConfigError when one is, but learners' accounts have no homePage. */
export function xapiSettings(c: Config = config()): XapiSettings | null {
  if (!c.XAPI_ENDPOINT) return null;
  const homePage = c.XAPI_ACCOUNT_HOMEPAGE ?? c.PUBLIC_ORIGIN;
  if (!homePage)
    throw new ConfigError(
      'Invalid configuration:\n  XAPI_ENDPOINT is set, but statements need a homePage for learners’ accounts: ' +
        'set PUBLIC_ORIGIN (or XAPI_ACCOUNT_HOMEPAGE) to the address people use, e.g. https://learn.example.com',
    );
  const authorization =
    c.XAPI_USERNAME !== undefined
      ? `Basic ${Buffer.from(`${c.XAPI_USERNAME}:${c.XAPI_PASSWORD ?? ''}`).toString('base64')}`
      : null;
  return {
    site: { homePage },
    statementsUrl: new URL('statements', c.XAPI_ENDPOINT.replace(/\/?$/, '/')).href,
    authorization,
    recording: c.XAPI_ENABLED,
    batchSize: c.XAPI_BATCH_SIZE,
    pollMs: c.XAPI_POLL_MS,
    retryBaseMs: c.XAPI_RETRY_BASE_MS,
    leaseMs: c.XAPI_LEASE_SECONDS * 1000,
  };
}

/** The site to build statements for when new records should queue them; null when xAPI is off. */
export function recordingSite(c: Config = config()): XapiSite | null {
  const settings = xapiSettings(c);
  return settings?.recording ? settings.site : null;
}
