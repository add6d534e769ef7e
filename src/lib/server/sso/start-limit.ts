/**
 * Sign-in starts per client address, for both protocols: each start writes a row (sso_logins or
 * saml_requests) and sends a request to the provider, so one client must not be able to do it in a
 * loop. Generous enough for an office behind one address signing in at nine o'clock.
 */
import type { Db } from '../db/db.ts';
import { admitInWindow } from '../auth/throttle.ts';

export const SSO_START_LIMIT = { max: 30, windowMs: 60_000 };

/** 0 when this start may go ahead, else the milliseconds to wait. */
export function admitSsoStart(db: Db, address: string, now = new Date()): Promise<number> {
  return admitInWindow(db, `sso-start:${address}`, SSO_START_LIMIT, now);
}
