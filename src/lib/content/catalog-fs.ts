/**
 * The course catalog read straight from content/ on disk, for command-line scripts that run outside
 * Astro (such as `npm run digest`), where src/data/catalog.ts and its content collections are not
 * available. Same modules, lessons and scenarios as the site; lesson versions and reflection prompts
 * are left empty because nothing outside a lesson page needs them. Files that do not validate are
 * skipped: the build refuses them anyway.
 */
import { buildCatalog, type CatalogModule } from './catalog.ts';
import { loadContent } from './load-fs.ts';
import { lessonSchema } from '../../schemas/lesson.ts';
import { moduleSchema } from '../../schemas/module.ts';

export function loadCatalogFromDisk(root: string, { includeDrafts = false } = {}): CatalogModule[] {
  const source = loadContent(root);
  const modules = source.modules.flatMap((m) => {
    const parsed = moduleSchema.safeParse(m.data);
    return parsed.success ? [{ id: m.id, data: parsed.data }] : [];
  });
  const lessons = source.lessons.flatMap((l) => {
    const parsed = lessonSchema.safeParse(l.data);
    return parsed.success ? [{ id: l.id, data: parsed.data, version: '', reflections: new Map<string, string>() }] : [];
  });
  const scenarios = source.scenarios.flatMap((s) => {
    const module = (s.data as { module?: unknown } | undefined)?.module;
    return typeof module === 'string' ? [{ id: s.id, module }] : [];
  });
  return buildCatalog(modules, lessons, scenarios, { includeDrafts });
}
