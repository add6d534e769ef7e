/**
 * Which paths under content/ the studio may write: only the kinds of file the course is made of,
 * so a draft can never name a file outside content/ or one the build would not read.
 */

const ID = '[a-z0-9]+(?:-[a-z0-9]+)*';

/** The image types a lesson may show; an image draft's body is the file in base64. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif'] as const;

const KINDS: { kind: ContentKind; pattern: RegExp }[] = [
  { kind: 'module', pattern: new RegExp(`^modules/${ID}/module\\.yaml$`) },
  { kind: 'lesson', pattern: new RegExp(`^modules/${ID}/${ID}\\.mdx$`) },
  { kind: 'image', pattern: new RegExp(`^modules/${ID}/images/${ID}\\.(?:${IMAGE_EXTENSIONS.join('|')})$`) },
  { kind: 'quiz', pattern: new RegExp(`^quizzes/${ID}\\.yaml$`) },
  { kind: 'scenario', pattern: new RegExp(`^scenarios/${ID}\\.yaml$`) },
  { kind: 'path', pattern: new RegExp(`^paths/${ID}\\.yaml$`) },
];

export type ContentKind = 'module' | 'lesson' | 'image' | 'quiz' | 'scenario' | 'path';

/** The kind of content file a path names, or null when it names none we know. */
export function contentKind(path: string): ContentKind | null {
  return KINDS.find(({ pattern }) => pattern.test(path))?.kind ?? null;
}

/**
 * Null when `path` is one the studio may write, else why not. Ids are kebab-case, so `..`, `/`
 * at the start, backslashes and NUL can never match a pattern; they are named anyway for the message.
 */
export function checkContentPath(path: string): string | null {
  if (typeof path !== 'string' || path.length === 0) return 'the path is empty';
  if (path.length > 300) return 'the path is longer than 300 characters';
  if (path.split(/[\\/]/).includes('..')) return `"${path}" climbs out of content/ with ".."`;
  if (contentKind(path) === null) {
    return `"${path}" is not a content file the studio writes (modules/<id>/module.yaml, modules/<id>/<lesson>.mdx, modules/<id>/images/<name>.png, quizzes/<id>.yaml, scenarios/<id>.yaml, paths/<id>.yaml; ids in kebab-case)`;
  }
  return null;
}
