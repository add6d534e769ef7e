/**
 * The drafts waiting to be published (src/lib/server/studio/drafts.ts) as a publish plan, and the clearing of
 * the ones a publish has written. A draft saved again while its publish was building is kept: it holds work
 * newer than what went live.
 */
import { isImagePath, planFromDrafts, type FileChange, type Plan } from '../../studio/changes.ts';
import { discardDraft, listDrafts, readDraft, sha256, type Draft } from './drafts.ts';
import { readContentFile } from './stage.ts';

export interface Pending {
  drafts: Draft[];
  plan: Plan;
}

export async function pendingDrafts(root: string): Promise<Pending> {
  const drafts = await listDrafts();
  return { drafts, plan: planFromDrafts(drafts, (path) => readContentFile(root, path), sha256) };
}

/** Discards the drafts whose content is now published as it stands in the draft. */
export async function clearPublishedDrafts(changes: readonly FileChange[]): Promise<void> {
  for (const change of changes) {
    const draft = await readDraft(change.path);
    if (draft && (draft.deleted ? null : draft.body) === change.after) await discardDraft(change.path);
  }
}

/** What a draft would show in a diff: an image by its size, text as it is. */
export function shown(path: string, text: string | null): string | null {
  if (text === null || !isImagePath(path)) return text;
  return `(image, ${Math.round((text.length * 3) / 4 / 1024)} KB)`;
}
