/**
 * The preview of the drafts (docs/decisions/022-authoring-studio.md, "Preview"): lessons are compiled at
 * build time, so a preview is a build. The drafts are staged and built exactly as a publish would (same
 * copy, same check, same build), and that build is served by the production server script on a loopback port
 * with a secret (PREVIEW_TOKEN); /studio/preview/... reaches it after the studio's own session check. One preview
 * per app server, replaced by the next; it stops with the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { FileChange } from '../../studio/changes.ts';
import { buildFailure, formatBuildFailure } from '../../studio/build-failure.ts';
import { PREVIEW_HEADER } from '../../studio/preview-links.ts';
import { buildStage, checkStage, stageProject } from './stage.ts';

export type PreviewState =
  | { status: 'building'; startedAt: Date; paths: string[] }
  | { status: 'ready'; startedAt: Date; paths: string[]; origin: string; token: string }
  | { status: 'failed'; startedAt: Date; paths: string[]; error: string };

let state: PreviewState | null = null;
let server: { child: ChildProcess; stage: string } | null = null;

export const previewState = (): PreviewState | null => state;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function stopServer(): void {
  if (!server) return;
  server.child.kill('SIGTERM');
  rmSync(server.stage, { recursive: true, force: true });
  server = null;
}
process.once('exit', stopServer);

/** Starts building a preview of `changes` unless one is being built; resolves when it is ready or failed. */
export function startPreview(root: string, changes: readonly FileChange[]): { started: boolean; done: Promise<void> } {
  if (state?.status === 'building') return { started: false, done: Promise.resolve() };
  const startedAt = new Date();
  const paths = changes.map((c) => c.path);
  state = { status: 'building', startedAt, paths };
  const fail = (error: string) => void (state = { status: 'failed', startedAt, paths, error });
  const done = build(root, changes, startedAt, paths).catch((error: unknown) =>
    fail(error instanceof Error ? error.message : String(error)),
  );
  return { started: true, done };
}

async function build(root: string, changes: readonly FileChange[], startedAt: Date, paths: string[]): Promise<void> {
  const stage = stageProject(root, changes, 'previews');
  const { errors } = checkStage(stage);
  const failed = (error: string) => {
    rmSync(stage, { recursive: true, force: true });
    state = { status: 'failed', startedAt, paths, error };
  };
  if (errors.length) return failed(`The content check found ${errors.length} error(s); the publish page lists them.`);
  const result = await buildStage(root, stage);
  if (!result.ok) return failed(formatBuildFailure(buildFailure(result.log)));
  const token = randomBytes(32).toString('hex');
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve-app.ts')], {
    cwd: root,
    env: { ...process.env, RAPPORT_DIST: join(stage, 'dist'), HOST: '127.0.0.1', PORT: String(port), PREVIEW_TOKEN: token },
    // Its stdin is a pipe from this process: when this process ends, however it ends, the preview ends too.
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const origin = `http://127.0.0.1:${port}`;
  if (!(await answers(origin, token, child))) {
    child.kill('SIGKILL');
    return failed('The preview server did not start; the server log may say why.');
  }
  stopServer();
  server = { child, stage };
  state = { status: 'ready', startedAt, paths, origin, token };
}

/** Waits up to 30 s for the preview server to answer. */
async function answers(origin: string, token: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    try {
      await fetch(`${origin}/sign-in`, { headers: { [PREVIEW_HEADER]: token } });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}
