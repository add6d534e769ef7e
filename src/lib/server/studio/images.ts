/**
 * Images uploaded in the lesson editor: saved as drafts beside the lessons, under
 * `content/modules/<module>/images/`, so publishing carries them with the lesson that shows them. An
 * image needs alt text (the prose lint's image-alt rule says why); the type is read from the upload's
 * bytes, never trusted from its name.
 */
import { readDraft, saveDraft } from './drafts.ts';
import { openFile } from './workspace.ts';

/** The largest image a lesson takes: a screenshot or photo, never a video. Also the route's body limit. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

const SIGNATURES: { ext: string; test: (b: Uint8Array) => boolean }[] = [
  { ext: 'png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 },
  {
    ext: 'webp',
    test: (b) => String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP',
  },
];

/** A kebab-case file stem from whatever name the upload had: `Rota Week 3.PNG` -> `rota-week-3`. */
export function imageStem(name: string): string {
  const stem = name
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem || 'image';
}

/** Saves an uploaded image as a draft; returns its file name in images/, or what to tell the trainer. */
export async function saveImage(
  moduleId: string,
  file: File,
  alt: string,
  author: string,
): Promise<{ name: string } | { error: string }> {
  if (!alt.trim())
    return { error: 'Describe the image in "Alt text" before uploading it: learners who cannot see it read that instead.' };
  if (file.size === 0) return { error: 'Choose an image file to upload.' };
  if (file.size > MAX_IMAGE_BYTES)
    return { error: 'That image is larger than 2 MB. Save it smaller (a width of 1600 pixels is plenty) and upload it again.' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const ext = SIGNATURES.find((s) => s.test(bytes))?.ext;
  if (!ext) return { error: 'That file is not a PNG, JPEG, GIF or WebP image. Export it as one of those and upload it again.' };
  const stem = imageStem(file.name);
  for (let n = 1; n < 100; n++) {
    const name = `${n === 1 ? stem : `${stem}-${n}`}.${ext}`;
    const path = `modules/${moduleId}/images/${name}`;
    const existing = await openFile(path);
    if (existing.text !== null || (await readDraft(path))) continue;
    const saved = await saveDraft({
      path,
      body: Buffer.from(bytes).toString('base64'),
      baseSha256: null,
      author,
      expectedDraftSavedAt: null,
    });
    if (saved.ok) return { name };
  }
  return { error: 'This module already has too many images with that name. Rename the file and upload it again.' };
}
