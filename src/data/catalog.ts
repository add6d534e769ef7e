/**
 * The one door from Astro's content collections to plain data for pages and components. Content is
 * fixed for the life of a build, so everything here is computed once per process.
 */
import { createHash } from 'node:crypto';
import { getCollection, getEntry, render } from 'astro:content';
import { buildCatalog, type CatalogModule } from '../lib/content/catalog.ts';
import { reflectionPrompts } from '../lib/content/mdx-scan.ts';
import type { Quiz } from '../schemas/quiz.ts';
import type { Scenario } from '../schemas/scenario.ts';
import type { PracticePrompt } from '../schemas/practice.ts';

const catalogs = new Map<boolean, Promise<CatalogModule[]>>();

function version(body: string | undefined, data: unknown): string {
  return createHash('sha256')
    .update(body ?? '')
    .update(JSON.stringify(data))
    .digest('hex')
    .slice(0, 16);
}

async function loadCatalog(includeDrafts: boolean): Promise<CatalogModule[]> {
  const [modules, lessons, scenarios] = await Promise.all([
    getCollection('modules'),
    getCollection('lessons'),
    getCollection('scenarios'),
  ]);
  return buildCatalog(
    modules.map((m) => ({ id: m.id, data: m.data })),
    lessons.map((l) => ({
      id: l.id,
      data: l.data,
      version: version(l.body, l.data),
      reflections: reflectionPrompts(l.body ?? ''),
    })),
    scenarios.map((s) => ({ id: s.id, module: s.data.module })),
    { includeDrafts },
  );
}

/** Modules with their lessons, in order. Drafts only when `includeDrafts` (trainers and admins). */
export function getCatalog(includeDrafts: boolean): Promise<CatalogModule[]> {
  let catalog = catalogs.get(includeDrafts);
  if (!catalog) {
    catalog = loadCatalog(includeDrafts);
    catalogs.set(includeDrafts, catalog);
  }
  return catalog;
}

const lessonBodies = new Map<string, Promise<Awaited<ReturnType<typeof render>>['Content'] | undefined>>();

/**
 * The MDX body of a lesson as a component. Kept per process: `render()` re-imports the compiled
 * module on every call, and resolving that import showed up as a large share of a lesson request.
 */
export function renderLesson(moduleId: string, lessonId: string) {
  const key = `${moduleId}/${lessonId}`;
  let body = lessonBodies.get(key);
  if (!body) {
    body = Promise.resolve(getEntry('lessons', key)).then(async (entry) => (entry ? (await render(entry)).Content : undefined));
    lessonBodies.set(key, body);
  }
  return body;
}

/** Memoised per process under `key`: content is fixed per build, and each lookup through astro:content
 * re-resolves an `import()` (measured in docs/decisions/007-lesson-shells.md). */
const lookups = new Map<string, Promise<unknown>>();
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let found = lookups.get(key) as Promise<T> | undefined;
  if (!found) {
    found = load();
    lookups.set(key, found);
  }
  return found;
}

/** Ids are checked against the collection first, so that unknown ids from URLs never grow the cache. */
async function known(collection: 'quizzes' | 'scenarios' | 'practice', id: string): Promise<boolean> {
  const ids = await once(`ids:${collection}`, async () => new Set((await getCollection(collection)).map((e) => e.id)));
  return ids.has(id);
}

export async function getQuiz(id: string): Promise<(Quiz & { id: string }) | undefined> {
  if (!(await known('quizzes', id))) return undefined;
  return once(`quiz:${id}`, async () => {
    const entry = await getEntry('quizzes', id);
    return entry ? { ...entry.data, id: entry.id } : undefined;
  });
}

export async function getScenario(id: string): Promise<(Scenario & { id: string }) | undefined> {
  if (!(await known('scenarios', id))) return undefined;
  return once(`scenario:${id}`, async () => {
    const entry = await getEntry('scenarios', id);
    return entry ? { ...entry.data, id: entry.id } : undefined;
  });
}

export function allScenarios(): Promise<(Scenario & { id: string })[]> {
  return once('all:scenarios', async () => (await getCollection('scenarios')).map((e) => ({ ...e.data, id: e.id })));
}

export function allQuizzes(): Promise<(Quiz & { id: string })[]> {
  return once('all:quizzes', async () => (await getCollection('quizzes')).map((e) => ({ ...e.data, id: e.id })));
}

/** A reply-practice prompt (content/practice/), drafts included: pages decide who may see a draft. */
export async function getPracticePrompt(id: string): Promise<(PracticePrompt & { id: string }) | undefined> {
  if (!(await known('practice', id))) return undefined;
  return once(`practice:${id}`, async () => {
    const entry = await getEntry('practice', id);
    return entry ? { ...entry.data, id: entry.id } : undefined;
  });
}

export function allPracticePrompts(): Promise<(PracticePrompt & { id: string })[]> {
  return once('all:practice', async () => (await getCollection('practice')).map((e) => ({ ...e.data, id: e.id })));
}
