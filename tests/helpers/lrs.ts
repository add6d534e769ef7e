// A real LRS for the xAPI tests: Learning Locker's `xapi-statements` service (its own conformance-tested
// statement rules: a resent identical statement is accepted, a different one with a known id is a 409)
// running in memory in a child process, behind a small front door of ours that the tests steer to make
// faults: refuse connections, answer 500, or hold an answer while the test kills Rapport. The front door
// also checks the Basic credentials and validates every statement with Learning Locker's validator.
//
// The service declares Node 6-8, which the project's npm refuses (engine-strict), so it is installed apart,
// from tests/lrs/ into .toolchain/lrs/ on first use (about 20 s, then cached).
import validate from '@learninglocker/xapi-validation';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { freePort } from './process-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = join(ROOT, '.toolchain/lrs');
const SERVICE = join(DIR, 'node_modules/xapi-statements/dist/server.js');

export const LRS_USER = { username: 'rapport-key', password: 'rapport-secret' };

/** up: pass to the LRS; down: drop every connection; fail500: answer 500; hold: pass on, keep the answer back. */
export type LrsMode = 'up' | 'down' | 'fail500' | 'hold';

export interface TestLrs {
  /** XAPI_ENDPOINT for Rapport. */
  endpoint: string;
  /** The LRS itself, past the front door (to store a statement as another system would). */
  direct: string;
  mode: LrsMode;
  /** Requests that reached the front door, by method, whatever the mode. */
  requests: { method: string; statements: number }[];
  /** Problems found in what Rapport sent: invalid statements, wrong credentials or headers. */
  problems: string[];
  /** Resolves when a request is held (mode `hold`). */
  held(): Promise<void>;
  /** Every statement the LRS stores. */
  stored(): Promise<{ id: string; verb: { id: string } }[]>;
  stop(): Promise<void>;
}

const INSTALLED = join(DIR, 'installed');
const LOCK = `${DIR}.lock`;
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Installs the service once; test files started together wait for the one that installs (a lock folder). */
function install() {
  if (existsSync(INSTALLED)) return;
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(LOCK, { recursive: false });
      break;
    } catch {
      if (existsSync(INSTALLED)) return;
      // A lock older than any install is left by a run that was killed.
      if (waited > 180_000) rmSync(LOCK, { recursive: true, force: true });
      pause(500);
    }
  }
  try {
    if (existsSync(INSTALLED)) return;
    mkdirSync(DIR, { recursive: true });
    for (const file of ['package.json', 'package-lock.json', '.npmrc'])
      copyFileSync(join(ROOT, 'tests/lrs', file), join(DIR, file));
    const npm = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--engine-strict=false'], {
      cwd: DIR,
      encoding: 'utf8',
    });
    if (npm.status !== 0) throw new Error(`Could not install the test LRS (tests/lrs):\n${npm.stderr}`);
    writeFileSync(INSTALLED, 'xapi-statements installed from tests/lrs\n');
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function startService(): Promise<{ child: ChildProcess; origin: string }> {
  install();
  const port = await freePort();
  const child = spawn(process.execPath, [SERVICE], {
    cwd: DIR,
    env: {
      PATH: process.env.PATH,
      EXPRESS_PORT: String(port),
      // In memory, with the service's test stand-ins for its Mongo auth and Redis events.
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'memory',
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      WINSTON_CONSOLE_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('The test LRS exited at start');
    try {
      if ((await fetch(`${origin}/xAPI/about`)).ok) return { child, origin };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error('The test LRS did not start');
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => res(body));
  });

function check(lrs: TestLrs, req: IncomingMessage, body: string) {
  const basic = `Basic ${Buffer.from(`${LRS_USER.username}:${LRS_USER.password}`).toString('base64')}`;
  if (req.headers.authorization !== basic) lrs.problems.push(`wrong credentials: ${req.headers.authorization}`);
  if (req.headers['x-experience-api-version'] !== '1.0.3') lrs.problems.push('no X-Experience-API-Version: 1.0.3');
  const parsed = JSON.parse(body) as unknown;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  for (const statement of list) {
    const warnings = validate(statement);
    if (warnings.length > 0) lrs.problems.push(`invalid statement ${JSON.stringify(statement)}: ${JSON.stringify(warnings)}`);
  }
  return list.length;
}

export async function startLrs(): Promise<TestLrs> {
  const service = await startService();
  let release: () => void = () => {};
  let onHeld: () => void = () => {};
  let heldPromise = new Promise<void>((r) => (onHeld = r));
  const lrs: TestLrs = {
    endpoint: '',
    direct: `${service.origin}/xAPI/`,
    mode: 'up',
    requests: [],
    problems: [],
    held: () => heldPromise,
    async stored() {
      const auth = { 'X-Experience-API-Version': '1.0.3' };
      const all: { id: string; verb: { id: string } }[] = [];
      let next: string = '/xAPI/statements?limit=500';
      while (next) {
        const page = (await (await fetch(`${service.origin}${next}`, { headers: auth })).json()) as {
          statements: { id: string; verb: { id: string } }[];
          more: string;
        };
        all.push(...page.statements);
        next = page.more;
      }
      return all;
    },
    async stop() {
      release();
      await new Promise((r) => front.close(r));
      front.closeAllConnections();
      service.child.kill('SIGKILL');
    },
  };
  const front: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const statements = req.method === 'GET' ? 0 : check(lrs, req, body);
    lrs.requests.push({ method: req.method ?? '', statements });
    if (lrs.mode === 'down') return void req.socket.destroy();
    if (lrs.mode === 'fail500') return void res.writeHead(500, { 'Content-Type': 'text/plain' }).end('LRS unavailable');
    const path = (req.url ?? '').replace(/^\/xapi\//, '/xAPI/');
    const answer = forward(`${service.origin}${path}`, { method: req.method, headers: req.headers }, async (upstream) => {
      const text = await readBody(upstream);
      if (lrs.mode === 'hold') {
        // The LRS has stored the statements; Rapport does not learn it until released (or killed meanwhile).
        const released = new Promise<void>((r) => (release = r));
        onHeld();
        heldPromise = new Promise<void>((r) => (onHeld = r));
        await released;
      }
      res.writeHead(upstream.statusCode ?? 502, { 'Content-Type': upstream.headers['content-type'] ?? 'text/plain' }).end(text);
    });
    answer.end(body);
  });
  const port = await freePort();
  await new Promise<void>((r) => front.listen(port, '127.0.0.1', r));
  lrs.endpoint = `http://127.0.0.1:${port}/xapi/`;
  return lrs;
}
