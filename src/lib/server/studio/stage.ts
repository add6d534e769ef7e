/**
 * A staged copy of the project: the build inputs (src/integrations/build-stamp.ts) with a publish's changes
 * applied to its content/, made under `.studio/builds/<id>/`. The content check runs on it with the same rules
 * as `npm run content:check`, and `astro build` builds it into its own dist/ beside the one serving. Its
 * dist/build-stamp.json then holds the hash of exactly the files content/ will hold once the publish writes
 * them, so `npm start` finds the swapped build up to date.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILD_INPUTS } from '../../../integrations/build-stamp.ts';
import { checkContent } from '../../content/check.ts';
import { loadContent } from '../../content/load-fs.ts';
import { formatProblem, isError, type Problem } from '../../content/problem.ts';
import { isImagePath, type FileChange } from '../../studio/changes.ts';

/** Read by the content check beside content/ (the curriculum map's references). */
const CHECK_INPUTS = ['docs/curriculum-map.md'];

/** A file of content/ as drafts and history hold it (base64 for an image), or null when absent. */
export function readContentFile(root: string, path: string): string | null {
  const file = join(root, 'content', path);
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  return isImagePath(path) ? bytes.toString('base64') : bytes.toString('utf8');
}

/** Writes (or, for null, deletes) a file of content/ under `root`. */
export function writeContentFile(root: string, path: string, text: string | null): void {
  const file = join(root, 'content', path);
  if (text === null) return rmSync(file, { force: true });
  mkdirSync(dirname(file), { recursive: true });
  // Written beside and renamed over, so the file is never seen half written.
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, isImagePath(path) ? Buffer.from(text, 'base64') : text);
  renameSync(temp, file);
}

/**
 * Copies the project's build inputs into a new folder under .studio/builds/ (or .studio/previews/, which the
 * supervisor's clean-up of old builds leaves alone) and applies `changes`.
 */
export function stageProject(root: string, changes: readonly FileChange[], folder: 'builds' | 'previews' = 'builds'): string {
  const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const stage = join(root, '.studio', folder, id);
  mkdirSync(stage, { recursive: true });
  for (const input of [...BUILD_INPUTS, ...CHECK_INPUTS]) {
    if (existsSync(join(root, input))) cpSync(join(root, input), join(stage, input), { recursive: true });
  }
  for (const change of changes) writeContentFile(stage, change.path, change.after);
  return stage;
}

export interface CheckResult {
  errors: Problem[];
  warnings: Problem[];
}

/** The content check over a staged copy, exactly as `npm run content:check` runs it on the project. */
export function checkStage(stage: string): CheckResult {
  const problems = checkContent(loadContent(stage));
  return { errors: problems.filter(isError), warnings: problems.filter((p) => !isError(p)) };
}

/** The warnings as people read them (and as the history records the ones accepted). */
export const warningLines = (warnings: readonly Problem[]): string[] => warnings.map(formatProblem);

export interface BuildResult {
  ok: boolean;
  /** What the build printed, with the staging folder's paths made relative to the project. */
  log: string;
}

/**
 * Builds the staged copy with the project's own Astro (node_modules is found by walking up from the stage,
 * which lies inside the project). Astro's caches go to the stage's own node_modules/, so a build never reads
 * what another build left.
 */
export function buildStage(root: string, stage: string): Promise<BuildResult> {
  return new Promise((resolve) => {
    const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
    const child = spawn(process.execPath, [astro, 'build'], {
      cwd: stage,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', (error) => resolve({ ok: false, log: `${log}\n${error.message}` }));
    child.on('exit', (code) => {
      // Terminal colours and the staging folder mean nothing to a trainer.
      const clean = log.replace(/\x1b\[[0-9;]*m/g, '').replaceAll(`${stage}/`, '');
      resolve({ ok: code === 0 && existsSync(join(stage, 'dist', 'server', 'entry.mjs')), log: clean });
    });
  });
}

/** The content check over the project with `changes` applied, without building (for the publish page). */
export function checkChanges(root: string, changes: readonly FileChange[]): CheckResult {
  const stage = stageProject(root, changes, 'previews');
  try {
    return checkStage(stage);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
