/**
 * Where the studio's "start a new ..." forms lead: they are plain GET forms (no JavaScript), so the
 * index turns kind, id and module into the editor's address, or says what to fix.
 */
import { checkContentPath } from './paths.ts';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type NewFileRequest = { kind: string; id: string; module: string };

/** The editor address for a new file, or the message to show. Existing files simply open. */
export function newFileTarget({ kind, id, module }: NewFileRequest): { location: string } | { error: string } {
  if (!KEBAB.test(id))
    return {
      error: `The id "${id}" is not kebab-case: use lower-case letters and digits joined by single hyphens, such as "first-contact".`,
    };
  const withModule = module ? `?module=${encodeURIComponent(module)}` : '';
  switch (kind) {
    case 'module':
      return ok(`modules/${id}/module.yaml`, `/studio/modules/${id}`);
    case 'lesson':
      if (!KEBAB.test(module)) return { error: 'Start a lesson from its module’s page, so it knows which module it belongs to.' };
      return ok(`modules/${module}/${id}.mdx`, `/studio/modules/${module}/${id}`);
    case 'quiz':
      return ok(`quizzes/${id}.yaml`, `/studio/quizzes/${id}${withModule}`);
    case 'scenario':
      return ok(`scenarios/${id}.yaml`, `/studio/scenarios/${id}${withModule}`);
    default:
      return { error: 'Choose what to create: a module, a lesson, a quiz or a role-play.' };
  }
}

function ok(path: string, location: string): { location: string } | { error: string } {
  const problem = checkContentPath(path);
  return problem ? { error: problem } : { location };
}
