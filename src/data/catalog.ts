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

const catalogs = new Map<boolean, Promise<CatalogModule[]>>();

function version(body: string | undefined, data: unknown): string {
  return createHash('sha256')
    .update(body ?? '')
    .update(JSON.stringify(data))
    .digest('hex')
    .slice(0, 16);
}

async function loadCatalog(includeDrafts: boolean): Promise<CatalogModule[]> {
  const [modules, lessons, scenarios] = await Promise.all([getCollection('modules'), getCollection('lessons'), getCollection('scenarios')]);
  return buildCatalog(
    modules.map((m) => ({ id: m.id, data: m.data })),
    lessons.map((l) => ({ id: l.id, data: l.data, version: version(l.body, l.data), reflections: reflectionPrompts(l.body ?? '') })),
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

/** The rendered MDX body of a lesson. */
export async function renderLesson(moduleId: string, lessonId: string) {
  const entry = await getEntry('lessons', `${moduleId}/${lessonId}`);
  if (!entry) return undefined;
  return (await render(entry)).Content;
}

export async function getQuiz(id: string): Promise<(Quiz & { id: string }) | undefined> {
  const entry = await getEntry('quizzes', id);
  return entry ? { ...entry.data, id: entry.id } : undefined;
}

export async function getScenario(id: string): Promise<(Scenario & { id: string }) | undefined> {
  const entry = await getEntry('scenarios', id);
  return entry ? { ...entry.data, id: entry.id } : undefined;
}

export async function allScenarios(): Promise<(Scenario & { id: string })[]> {
  return (await getCollection('scenarios')).map((e) => ({ ...e.data, id: e.id }));
}

export async function allQuizzes(): Promise<(Quiz & { id: string })[]> {
  return (await getCollection('quizzes')).map((e) => ({ ...e.data, id: e.id }));
}
