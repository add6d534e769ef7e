/**
 * What a publish changes, worked out from plain data: the drafts against the published files, or a past
 * publish to undo against the files as they are now. A change whose starting point moved since (someone
 * published the file after the draft was begun, or changed it after the publish being undone) is a conflict,
 * refused with both versions so that nothing is lost.
 */
import { contentKind } from './paths.ts';

/** One file to change: its text now (null: absent) and after (null: deleted). Images are base64. */
export interface FileChange {
  /** Relative to content/. */
  path: string;
  before: string | null;
  after: string | null;
}

/** A change refused because the published file is no longer the one it started from. */
export interface Conflict {
  path: string;
  /** The version being published (null: a deletion). */
  proposed: string | null;
  /** The file as published now (null: absent). */
  published: string | null;
  /** Who made the proposed version (a user id), when known. */
  author?: string;
}

/** The fields of a studio draft publishing needs (src/lib/server/studio/drafts.ts). */
export interface DraftLike {
  path: string;
  body: string;
  baseSha256: string | null;
  author: string;
  deleted: boolean;
}

export interface Plan {
  changes: FileChange[];
  conflicts: Conflict[];
}

/**
 * The changes the drafts make. `published` reads a file of content/ (null when absent), `sha256` hashes
 * text as drafts do. A draft identical to the published file changes nothing and is left out.
 */
export function planFromDrafts(
  drafts: readonly DraftLike[],
  published: (path: string) => string | null,
  sha256: (text: string) => string,
): Plan {
  const plan: Plan = { changes: [], conflicts: [] };
  for (const draft of drafts) {
    const now = published(draft.path);
    const after = draft.deleted ? null : draft.body;
    const base = now === null ? null : sha256(now);
    if (base !== draft.baseSha256) {
      plan.conflicts.push({ path: draft.path, proposed: after, published: now, author: draft.author });
    } else if (after !== now) {
      plan.changes.push({ path: draft.path, before: now, after });
    }
  }
  return plan;
}

/**
 * The changes that undo a past publish: each file it changed goes back to how it was before. A file changed
 * again since (it is no longer what that publish left) is a conflict: undoing it would lose the later work.
 */
export function planRevert(files: readonly FileChange[], published: (path: string) => string | null): Plan {
  const plan: Plan = { changes: [], conflicts: [] };
  for (const file of files) {
    const now = published(file.path);
    if (now !== file.after) plan.conflicts.push({ path: file.path, proposed: file.before, published: now });
    else plan.changes.push({ path: file.path, before: now, after: file.before });
  }
  return plan;
}

/** Images are kept as base64 in drafts and history; everything else is text. */
export function isImagePath(path: string): boolean {
  return contentKind(path) === 'image';
}
