/**
 * The learning routes, declared once: for each, the permission it needs and the loader that finds
 * what the viewer may see there. The pages call these loaders, and so does the middleware when it
 * answers a lesson from a stored shell (src/middleware.ts), so both apply the same rules on every
 * request: nothing about who may see what is learned from earlier renders.
 *
 * Loaders take the viewer's role only (and whether they manage a team). What a person may see here
 * depends on that (drafts are for those who preview content), never on who they are; that is what lets
 * one lesson shell serve everyone with the same access.
 */
import { can, type Actor, type Permission } from '../lib/auth/permissions.ts';
import { findLesson, lessonHref } from '../lib/content/catalog.ts';
import { getCatalog, getPracticePrompt, getQuiz, getScenario } from './catalog.ts';

/** Whoever a loader serves: a role (and whether they manage a team), nothing that identifies a person. */
export type Viewer = Actor;

type Params = Record<string, string | undefined>;

async function catalogFor(viewer: Viewer) {
  return getCatalog(can(viewer, 'content:preview'));
}

/** A lesson and its place in the module, for `/modules/[module]/[lesson]`. */
async function loadLesson(viewer: Viewer, params: Params) {
  const found = findLesson(await catalogFor(viewer), params.module ?? '', params.lesson ?? '');
  return found ? { ...found, path: lessonHref(found.lesson) } : null;
}

/** A quiz, its module and its pass mark (module quizzes only; knowledge checks have none), for `/quizzes/[quiz]`. */
async function loadQuiz(viewer: Viewer, params: Params) {
  const quiz = await getQuiz(params.quiz ?? '');
  const module = quiz ? (await catalogFor(viewer)).find((m) => m.id === quiz.module) : undefined;
  if (!quiz || !module) return null;
  const passMark = module.quiz?.id === quiz.id ? module.quiz.passMark : null;
  return { quiz, module, passMark, path: `/quizzes/${quiz.id}` };
}

/** A role-play and its module, for `/scenarios/[scenario]`. */
async function loadScenario(viewer: Viewer, params: Params) {
  const scenario = await getScenario(params.scenario ?? '');
  const module = scenario ? (await catalogFor(viewer)).find((m) => m.id === scenario.module) : undefined;
  if (!scenario || !module) return null;
  return { scenario, module, path: `/scenarios/${scenario.id}` };
}

/** A reply-practice prompt and its module, for `/practice/[prompt]`; a draft prompt only for those who preview. */
async function loadPractice(viewer: Viewer, params: Params) {
  const prompt = await getPracticePrompt(params.prompt ?? '');
  const module = prompt ? (await catalogFor(viewer)).find((m) => m.id === prompt.module) : undefined;
  if (!prompt || !module || (prompt.draft && !can(viewer, 'content:preview'))) return null;
  return { prompt, module, path: `/practice/${prompt.id}` };
}

interface Route<T> {
  /** Astro's route pattern (`context.routePattern`). */
  pattern: string;
  permission: Permission;
  /** What the viewer may see at this address, or null (not found, or a draft they may not preview). */
  load(viewer: Viewer, params: Params): Promise<T | null>;
}

export const lessonRoute: Route<NonNullable<Awaited<ReturnType<typeof loadLesson>>>> = {
  pattern: '/modules/[module]/[lesson]',
  permission: 'learn',
  load: loadLesson,
};

export const quizRoute: Route<NonNullable<Awaited<ReturnType<typeof loadQuiz>>>> = {
  pattern: '/quizzes/[quiz]',
  permission: 'learn',
  load: loadQuiz,
};

export const scenarioRoute: Route<NonNullable<Awaited<ReturnType<typeof loadScenario>>>> = {
  pattern: '/scenarios/[scenario]',
  permission: 'learn',
  load: loadScenario,
};

export const practiceRoute: Route<NonNullable<Awaited<ReturnType<typeof loadPractice>>>> = {
  pattern: '/practice/[prompt]',
  permission: 'learn',
  load: loadPractice,
};

/** A lesson as `lessonRoute` finds it. */
export type FoundLesson = NonNullable<Awaited<ReturnType<typeof loadLesson>>>;
