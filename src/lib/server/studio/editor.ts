/**
 * What every studio editor does with a post, in one place: discard the draft, propose deleting the file,
 * keep one's own version after a conflict, or turn the form into the file's text and save it as a draft. A successful save
 * redirects back to the editor (post/redirect/get), which shows the draft and its problems; a conflict
 * is answered 409 with both versions, and nothing is written.
 */
import type { SessionUser } from '../auth/session.ts';
import { field, rawField, readForm } from '../http/request.ts';
import { discardDraft, saveDraft, type Draft } from './drafts.ts';
import { openFile } from './workspace.ts';

export interface Conflict {
  mine: string;
  theirs: Draft;
}

export type EditorPost =
  | { kind: 'response'; response: Response }
  | { kind: 'conflict'; conflict: Conflict }
  /** Nothing saved; `text`, when given, is what the trainer sent, for the form to show again. */
  | { kind: 'refused'; message: string; text?: string };

/**
 * Turns the form into the file's new text for an intent this editor knows, with where to return to
 * (`#anchor`), or null for an intent it does not know.
 */
export type BuildText = (
  form: FormData,
  intent: string,
  user: SessionUser,
) => Promise<{ text: string; anchor?: string } | { refused: string; text: string } | null>;

const seeOther = (location: string): Response => new Response(null, { status: 303, headers: { location } });

export async function handleEditorPost(
  request: Request,
  user: SessionUser,
  path: string,
  here: string,
  build: BuildText,
): Promise<EditorPost> {
  const form = await readForm(request);
  if (form instanceof Response) return { kind: 'response', response: form };
  if (!form) return { kind: 'refused', message: 'That request was not understood. Use the form on this page.' };
  const intent = field(form, '_intent');
  if (intent === 'discard') {
    await discardDraft(path);
    return { kind: 'response', response: seeOther(`${here}?discarded=1`) };
  }
  if (intent === 'delete') return saveBuilt(form, user, path, here, { text: '', deleted: true }, '_savedAt');
  const keepMine = intent === 'keep-mine';
  const built = keepMine ? { text: rawField(form, '_mine') } : await build(form, intent, user);
  if (!built) return { kind: 'refused', message: 'That button is not one this page has. Reload the page and try again.' };
  if ('refused' in built) return { kind: 'refused', message: built.refused, text: built.text };
  return saveBuilt(form, user, path, here, built, keepMine ? '_theirsSavedAt' : '_savedAt');
}

async function saveBuilt(
  form: FormData,
  user: SessionUser,
  path: string,
  here: string,
  built: { text: string; anchor?: string; deleted?: boolean },
  savedAtField: string,
): Promise<EditorPost> {
  const file = await openFile(path);
  const result = await saveDraft({
    path,
    body: built.text,
    baseSha256: file.baseSha256,
    author: user.id,
    deleted: built.deleted ?? false,
    expectedDraftSavedAt: field(form, savedAtField) || null,
  });
  if (!result.ok) return { kind: 'conflict', conflict: result.conflict };
  const anchor = built.anchor ? `#${built.anchor}` : '';
  return { kind: 'response', response: seeOther(`${here}?saved=1${anchor}`) };
}
