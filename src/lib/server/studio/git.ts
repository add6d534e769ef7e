/**
 * When content/ is in a git checkout, each publish is also a commit of the files it changed, with the trainer
 * as its author, so the history is where developers already look. Without git (or without a checkout) the
 * publishes table is the history; it is kept either way.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

function git(root: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** True when content/ lies in a git work tree (and git is installed). */
export function inGitCheckout(root: string): boolean {
  try {
    return git(join(root, 'content'), ['rev-parse', '--is-inside-work-tree']) === 'true';
  } catch {
    return false;
  }
}

/**
 * Commits the given content/ paths (relative to content/) as `author`; returns the commit's hash, or null
 * when there is no checkout. Only these paths are committed, whatever else is staged or changed.
 */
export function commitPublish(
  root: string,
  paths: readonly string[],
  author: { name: string; email: string },
  message: string,
): string | null {
  if (!inGitCheckout(root)) return null;
  const files = paths.map((p) => join('content', p));
  git(root, ['add', '--all', '--', ...files]);
  const identity = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    // The committer is the studio; a machine without a git identity still commits.
    GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME || 'Rapport studio',
    GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL || author.email,
  };
  git(root, ['commit', '--quiet', '--no-verify', '-m', message, '--', ...files], identity);
  return git(root, ['rev-parse', 'HEAD']);
}
