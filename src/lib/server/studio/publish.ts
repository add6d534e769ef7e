/**
 * Publishing (docs/decisions/022-authoring-studio.md, "Publishing"): the changes are staged in a copy of the
 * project and checked there with the content check's rules (errors refuse; warnings need a reason), then the
 * copy is built beside the running site in the background and the supervisor swaps the new build in once it
 * listens. Only then are the files written into content/, the published drafts cleared and the publish
 * recorded (a git commit too, in a checkout). A failed build or swap leaves the site and content/ as they were.
 * A revert is a publish of the files as they were before an earlier one, through the same steps.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/db.ts';
import type { Problem } from '../../content/problem.ts';
import { buildFailure, formatBuildFailure } from '../../studio/build-failure.ts';
import type { Conflict, FileChange, Plan } from '../../studio/changes.ts';
import { commitPublish } from './git.ts';
import { endPublish, runningPublish, setStep, startPublishRecord, type Publish } from './history.ts';
import { buildStage, checkStage, stageProject, warningLines, writeContentFile } from './stage.ts';
import { announceFinished, cannotSwap, requestSwap } from './swap.ts';

export interface Publisher {
  id: string;
  displayName: string;
  email: string;
}

export type PublishOutcome =
  | { kind: 'nothing' }
  | { kind: 'cannot'; message: string }
  | { kind: 'busy'; publish: Publish }
  | { kind: 'conflicts'; conflicts: Conflict[] }
  | { kind: 'errors'; errors: Problem[]; warnings: Problem[] }
  | { kind: 'warnings'; warnings: Problem[] }
  | { kind: 'started'; id: number; done: Promise<void> };

export interface PublishRequest {
  plan: Plan;
  /** Why the warnings are accepted; required when the check finds any. */
  reason: string | null;
  /** For a revert, the publish it undoes. */
  revertOf?: number | null;
  /** Called once the files are in content/, to clear what was published (the drafts). */
  afterWrite?: (changes: readonly FileChange[]) => Promise<void>;
}

/**
 * Checks and, when nothing stands in the way, starts a publish and returns at once; `done` settles when it
 * has ended (the page shows its progress from the record meanwhile).
 */
export function publish(db: Db, root: string, who: Publisher, request: PublishRequest): Promise<PublishOutcome> {
  // One start at a time in this process, so that two presses cannot both find no publish running.
  const outcome = starting.then(() => start(db, root, who, request));
  starting = outcome.catch(() => undefined);
  return outcome;
}

let starting: Promise<unknown> = Promise.resolve();

async function start(db: Db, root: string, who: Publisher, request: PublishRequest): Promise<PublishOutcome> {
  const { plan, reason } = request;
  if (plan.conflicts.length) return { kind: 'conflicts', conflicts: plan.conflicts };
  if (plan.changes.length === 0) return { kind: 'nothing' };
  const cannot = cannotSwap();
  if (cannot) return { kind: 'cannot', message: cannot };
  const running = await runningPublish(db);
  if (running) return { kind: 'busy', publish: running };
  const stage = stageProject(root, plan.changes);
  const { errors, warnings } = checkStage(stage);
  if (errors.length || (warnings.length && !reason)) {
    rmSync(stage, { recursive: true, force: true });
    return errors.length ? { kind: 'errors', errors, warnings } : { kind: 'warnings', warnings };
  }
  const id = await startPublishRecord(db, {
    userId: who.id,
    files: plan.changes,
    warnings: warningLines(warnings),
    reason: warnings.length ? reason : null,
    revertOf: request.revertOf ?? null,
  });
  const done = run(db, root, stage, id, who, request);
  return { kind: 'started', id, done };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Builds and swaps; until the swap, any failure deletes the staged build and leaves everything as it was. */
async function run(db: Db, root: string, stage: string, id: number, who: Publisher, request: PublishRequest): Promise<void> {
  try {
    const build = await buildStage(root, stage);
    if (!build.ok)
      return fail(db, id, stage, `${formatBuildFailure(buildFailure(build.log))}\n\nBuild log:\n${build.log.slice(-6000)}`);
    await setStep(db, id, 'swapping');
    const swapped = await requestSwap(join(stage, 'dist'));
    if (!swapped.ok) return fail(db, id, stage, swapped.error);
  } catch (error) {
    return fail(db, id, stage, `The publish stopped before the new build served: ${messageOf(error)}`);
  }
  try {
    await finish(db, root, id, who, request);
  } catch (error) {
    // The new build serves: it must not be deleted. content/ may now be behind it, so say what to do.
    await endPublish(db, id, {
      status: 'failed',
      error: `The new build serves, but writing content/ failed: ${messageOf(error)} Fix: make content/ and .studio/ writable for the server, then publish again (the drafts are kept); until then a restart rebuilds the site from content/ as it is.`,
    }).catch(() => undefined);
  } finally {
    // This worker may go once the last answers it owes are sent.
    announceFinished();
  }
}

/** After the swap: the files into content/, the published drafts cleared, the record and the commit. */
async function finish(db: Db, root: string, id: number, who: Publisher, request: PublishRequest): Promise<void> {
  await setStep(db, id, 'writing');
  const { changes } = request.plan;
  for (const change of changes) writeContentFile(root, change.path, change.after);
  await request.afterWrite?.(changes);
  const message = request.revertOf ? `Revert publish ${request.revertOf} (publish ${id})` : `Publish ${id} from the studio`;
  const commitSha = safeCommit(root, changes, who, `${message}\n\n${changes.map((c) => `- ${c.path}`).join('\n')}\n`);
  await endPublish(db, id, { status: 'published', commitSha });
}

/** A failed commit must not undo a publish already serving: the publishes table still records it. */
function safeCommit(root: string, changes: readonly FileChange[], who: Publisher, message: string): string | null {
  try {
    return commitPublish(
      root,
      changes.map((c) => c.path),
      { name: who.displayName, email: who.email },
      message,
    );
  } catch (error) {
    console.error(
      `The publish is live, but recording it as a git commit failed: ${error instanceof Error ? error.message : error}`,
    );
    return null;
  }
}

async function fail(db: Db, id: number, stage: string, error: string): Promise<void> {
  rmSync(stage, { recursive: true, force: true });
  await endPublish(db, id, { status: 'failed', error });
}

/** The answer's status for an outcome shown on a page (a started publish redirects instead). */
export function outcomeStatus(outcome: PublishOutcome): number {
  const statuses: Record<PublishOutcome['kind'], number> = {
    nothing: 400,
    cannot: 503,
    busy: 409,
    conflicts: 409,
    errors: 422,
    warnings: 422,
    started: 303,
  };
  return statuses[outcome.kind];
}
