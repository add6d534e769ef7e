// Which Chromium the browser tests and the Lighthouse bench drive. In order: CHROMIUM_PATH when set, a system
// Chromium or Chrome when there is one, else the headless Chromium shipped inside the npm package
// @sparticuz/chromium (a dev dependency), unpacked once into the temp folder. So a machine with only git, Node
// and npm runs every suite; no apt-get, and no browser download (which our machines cannot do).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/** A browser binary and where it came from (for messages and the bench's method line). */
export interface FoundChromium {
  path: string;
  source: string;
}

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const NPM_PACKAGE = '@sparticuz/chromium';

let found: Promise<FoundChromium> | undefined;

/** The browser to drive, resolved once per process (the first call on a fresh machine unpacks for a few seconds). */
export function findChromium(): Promise<FoundChromium> {
  found ??= resolveChromium();
  return found;
}

async function resolveChromium(): Promise<FoundChromium> {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen === 'npm') return npmChromium();
  if (chosen) {
    // A choice that does not exist must not quietly fall back to another browser.
    if (!existsSync(chosen))
      throw new Error(
        `CHROMIUM_PATH is ${chosen}, which does not exist. Point it at a Chromium or Chrome binary, ` +
          `set it to "npm" for the Chromium of ${NPM_PACKAGE}, or unset it.`,
      );
    return { path: chosen, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  return system ? { path: system, source: 'system' } : npmChromium();
}

async function npmChromium(): Promise<FoundChromium> {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(
      `No Chromium found, and the one in ${NPM_PACKAGE} runs on Linux x64 only. ` +
        'Install Chromium or Chrome, or set CHROMIUM_PATH to its binary.',
    );
  const entry = createRequire(import.meta.url).resolve(NPM_PACKAGE);
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  // Per version (an upgrade unpacks afresh) and per user (the binary is unpacked with mode 0700).
  const dir = join(tmpdir(), `rapport-chromium-${version}-${userInfo().uid}`);
  const path = join(dir, 'chromium');
  if (!existsSync(path)) await unpack(entry, dir);
  return { path, source: `${NPM_PACKAGE} ${version}` };
}

/**
 * The package's executablePath() unpacks into os.tmpdir() (browser, fonts, SwiftShader) and returns any
 * `chromium` file it finds there, even one another process is still writing or one from another version.
 * So it runs in a child process whose TMPDIR is a private folder, which is then renamed into place in one
 * step: parallel test workers and other checkouts on the machine find a complete browser or none.
 */
async function unpack(entry: string, dir: string): Promise<void> {
  const staging = mkdtempSync(`${dir}.unpacking-`);
  const script = `const { default: chromium } = await import(${JSON.stringify(pathToFileURL(entry).href)}); await chromium.executablePath();`;
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], {
      env: { ...process.env, TMPDIR: staging },
    });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(join(dir, 'chromium'))) return; // another process finished first
    throw new Error(`Could not unpack the Chromium of ${NPM_PACKAGE} into ${dir}: ${String(error)}`);
  }
}
