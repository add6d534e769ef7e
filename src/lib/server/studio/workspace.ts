/**
 * The course as the studio sees it: content/ on disk with every pending draft laid over it. Editors open
 * a file through here (the draft when there is one, else the published file) and check a draft with
 * exactly the rules `npm run content:check` runs (src/lib/content/check.ts), on the whole course, so a
 * cross-file rule (unknown module, duplicate order) fires in the studio just as it would on publish.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkContent, CONTENT_RULES, proseRule, type ContentRule } from '../../content/check.ts';
import { checkProse } from '../../content/prose.ts';
import { lessonSource, loadContent, yamlSource, type LoadedContent } from '../../content/load-fs.ts';
import type { Problem } from '../../content/problem.ts';
import type { LessonSource, SourceFile } from '../../content/source.ts';
import { checkContentPath, contentKind } from '../../studio/paths.ts';
import { listDrafts, readDraft, sha256, studioRoot, type Draft } from './drafts.ts';

export interface OpenFile {
  path: string;
  /** The published file's text, null when it does not exist yet. */
  published: string | null;
  draft: Draft | null;
  /** What the editor shows: the draft's body, else the published text, else null for a new file. */
  text: string | null;
  /** What a save passes as `baseSha256`. */
  baseSha256: string | null;
}

async function readPublished(path: string): Promise<string | null> {
  try {
    return await readFile(join(studioRoot(), 'content', path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function openFile(path: string): Promise<OpenFile> {
  const problem = checkContentPath(path);
  if (problem) throw new Error(`Cannot open ${path}: ${problem}`);
  const [published, draft] = await Promise.all([readPublished(path), readDraft(path)]);
  const text = draft ? (draft.deleted ? null : draft.body) : published;
  return { path, published, draft, text, baseSha256: published === null ? null : sha256(published) };
}

/** Lays one file's text over the loaded course (null removes it), as content:check would read it. */
export function overlay(src: LoadedContent, path: string, text: string | null): void {
  const file = `content/${path}`;
  const parts = path.split('/');
  const name = parts.at(-1)!.replace(/\.(yaml|mdx)$/, '');
  const replace = <T extends SourceFile>(list: T[], item: T | null): T[] => {
    const kept = list.filter((f) => f.file !== file);
    return item ? [...kept, item].sort((a, b) => a.file.localeCompare(b.file)) : kept;
  };
  switch (contentKind(path)) {
    case 'module':
      src.modules = replace(src.modules, text === null ? null : yamlSource(file, parts[1]!, text));
      break;
    case 'lesson':
      src.lessons = replace(src.lessons, text === null ? null : lessonSource(file, parts[1]!, name, text));
      break;
    case 'quiz':
      src.quizzes = replace(src.quizzes, text === null ? null : yamlSource(file, name, text));
      break;
    case 'scenario':
      src.scenarios = replace(src.scenarios, text === null ? null : yamlSource(file, name, text));
      break;
    case 'path':
      src.paths = replace(src.paths ?? [], text === null ? null : yamlSource(file, name, text));
      break;
    default:
      // Images are not read by content:check.
      break;
  }
}

/** The course with every draft applied: what publishing all of them would give. */
export async function loadWithDrafts(): Promise<LoadedContent> {
  const src = loadContent(studioRoot());
  for (const draft of await listDrafts()) overlay(src, draft.path, draft.deleted ? null : draft.body);
  return src;
}

/**
 * The prose rules are per lesson and take most of a check (seconds for the whole course on a busy machine),
 * while a studio save changes one file: so their problems are kept per lesson text. Same function, same
 * order; a lesson whose file, fields or body changed is checked again.
 */
const proseCache = new Map<string, Problem[]>();

function proseOf(lesson: LessonSource): Problem[] {
  const key = sha256(JSON.stringify([lesson.file, lesson.data, lesson.body, lesson.readError ?? null]));
  let problems = proseCache.get(key);
  if (!problems) {
    if (proseCache.size > 1000) proseCache.clear();
    problems = checkProse([lesson]);
    proseCache.set(key, problems);
  }
  return problems;
}

/** content:check's rules, with the prose rule answered from the cache above. */
export const STUDIO_RULES: readonly ContentRule[] = CONTENT_RULES.map((rule) =>
  rule === proseRule ? (src) => src.lessons.flatMap(proseOf) : rule,
);

/**
 * The problems content:check would report for `path` if it held `text`, with the other drafts applied
 * too: the same rules, the same messages, only this file's.
 */
export async function checkDraft(path: string, text: string): Promise<Problem[]> {
  const src = await loadWithDrafts();
  overlay(src, path, text);
  return checkContent(src, STUDIO_RULES).filter((problem) => problem.file === `content/${path}`);
}
