/** The single sign-on settings of this server: the file named by SSO_CONFIG, read and validated once. */
import { readFileSync } from 'node:fs';
import { config } from '../config.ts';
import { parseSsoConfig, type SsoProvider, type SsoSettings } from '../../sso/providers.ts';

const NONE: SsoSettings = { providers: [], passwordSignIn: true, scim: { managerGroups: {} } };
let cached: SsoSettings | undefined;

/** The providers and the password rule; no providers when SSO_CONFIG is unset. Throws on a bad file. */
export function ssoSettings(): SsoSettings {
  if (cached) return cached;
  const file = config().SSO_CONFIG;
  if (!file) return (cached = NONE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`SSO_CONFIG=${file}: cannot read the file (${(error as Error).message}). Check the path.`);
  }
  return (cached = parseSsoConfig(text, file));
}

export function findProvider(id: string | undefined): SsoProvider | undefined {
  return ssoSettings().providers.find((p) => p.id === id);
}

/** The providers file's problem in words (file, field, fix), or null when it reads fine or is not set. */
export function ssoConfigProblem(): string | null {
  try {
    ssoSettings();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

let reported = false;

/**
 * Says at start-up, in the log, when the providers file is broken: otherwise the first to notice would be
 * whoever opens the sign-in page. Once per process.
 */
export function reportSsoConfigOnce(): void {
  if (reported) return;
  reported = true;
  const problem = ssoConfigProblem();
  if (problem) console.error(`Single sign-on is off until the providers file is fixed:\n${problem}`);
}
