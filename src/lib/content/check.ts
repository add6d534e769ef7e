/**
 * Every rule about the course's content that a single schema cannot express: unknown modules,
 * duplicate order, unknown components and props, broken internal links, references to quizzes and
 * scenarios that do not exist, and the assessment lint (src/lib/lint/). Run by `npm run content:check`
 * and by the build (astro.config.mjs).
 */
import { lessonSchema } from '../../schemas/lesson.ts';
import { moduleSchema } from '../../schemas/module.ts';
import { validateQuiz } from '../quiz/validate.ts';
import { validateScenario } from '../scenario/validate.ts';
import { checkLessonBody } from './check-body.ts';
import { checkCurriculumMap } from './curriculum-map.ts';
import { checkProse } from './prose.ts';
import { unreferencedWarnings } from './references.ts';
import { validatePaths } from '../certificates/validate.ts';
import type { Problem } from './problem.ts';
import type { ContentSource, SourceFile } from './source.ts';
import { zodProblems } from './zod-problems.ts';
import { lintQuizzes, lintScenarios } from '../lint/index.ts';
import { giftPlaceholderWarnings } from '../gift/placeholders.ts';

/** Re-exported for rules written before the types moved to source.ts. */
export type { ContentSource, LessonSource, SourceFile } from './source.ts';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function duplicates<T>(items: T[], key: (t: T) => number | undefined): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return new Map([...groups].filter(([, v]) => v.length > 1));
}

function order(data: unknown): number | undefined {
  const o = (data as { order?: unknown } | null)?.order;
  return typeof o === 'number' ? o : undefined;
}

function readProblems(files: SourceFile[]): Problem[] {
  return files
    .filter((f) => f.readError)
    .map((f) => ({ file: f.file, path: '', message: f.readError!, fix: f.readFix ?? 'Fix the syntax; the file could not be read.' }));
}

function idProblems(files: SourceFile[], what: string): Problem[] {
  return files
    .filter((f) => !KEBAB.test(f.id.split('/').at(-1)!))
    .map((f) => ({ file: f.file, path: '', message: `the ${what} id "${f.id}" (from the file name) is not kebab-case.`, fix: 'Rename the file: lower-case letters and digits joined by hyphens.' }));
}

function checkModules(src: ContentSource): Problem[] {
  const problems: Problem[] = [];
  for (const m of src.modules.filter((f) => !f.readError)) {
    const result = moduleSchema.safeParse(m.data);
    if (!result.success) problems.push(...zodProblems(result.error, m.data, m.file, { objectives: 'List 2-5 measurable objectives under "objectives:".' }));
    const quizId = result.success ? result.data.quiz?.id : undefined;
    if (quizId && !src.quizzes.some((q) => q.id === quizId))
      problems.push({ file: m.file, path: 'quiz.id', message: `no quiz "${quizId}" exists.`, fix: `Create content/quizzes/${quizId}.yaml or correct the id.` });
  }
  for (const [n, group] of duplicates(src.modules, (m) => order(m.data)))
    for (const m of group.slice(1))
      problems.push({ file: m.file, path: 'order', message: `order ${n} is also used by ${group[0]!.file}.`, fix: 'Give each module a different order.' });
  return problems;
}

function checkLessons(src: ContentSource): Problem[] {
  const problems: Problem[] = [];
  const modules = new Set(src.modules.map((m) => m.id));
  for (const l of src.lessons.filter((f) => !f.readError)) {
    if (!modules.has(l.moduleId)) {
      problems.push({ file: l.file, path: '', message: `the folder "${l.moduleId}" has no module.yaml, so this lesson belongs to an unknown module.`, fix: `Add content/modules/${l.moduleId}/module.yaml or move the lesson into an existing module's folder.` });
    }
    const result = lessonSchema.safeParse(l.data);
    if (!result.success) problems.push(...zodProblems(result.error, l.data, l.file, { objectives: 'List 1-4 measurable objectives under "objectives:".' }));
    problems.push(...checkLessonBody(l, src));
  }
  for (const moduleId of modules) {
    const lessons = src.lessons.filter((l) => l.moduleId === moduleId);
    for (const [n, group] of duplicates(lessons, (l) => order(l.data)))
      for (const l of group.slice(1))
        problems.push({ file: l.file, path: 'order', message: `order ${n} is also used by ${group[0]!.file}.`, fix: 'Give each lesson in the module a different order.' });
  }
  return problems;
}

/** One rule over the whole course; it reports problems, errors and warnings alike. */
export type ContentRule = (src: ContentSource) => Problem[];

const modulesOf = (src: ContentSource) => new Set(src.modules.map((m) => m.id));
const readable = (files: SourceFile[]) => files.filter((f) => !f.readError);

/** The prose rules, lesson by lesson; named so the studio can run it from a per-lesson cache (src/lib/server/studio/workspace.ts). */
export const proseRule: ContentRule = (src) => checkProse(src.lessons);

/** Every rule `npm run content:check` and the build apply, in the order their problems are printed. Add a rule with one line. */
export const CONTENT_RULES: ContentRule[] = [
  (src) => readProblems([...src.modules, ...src.lessons, ...src.quizzes, ...src.scenarios, ...(src.paths ?? [])]),
  (src) => idProblems(src.lessons, 'lesson'),
  (src) => idProblems(src.modules, 'module'),
  (src) => idProblems(src.quizzes, 'quiz'),
  (src) => idProblems(src.scenarios, 'scenario'),
  (src) => idProblems(src.paths ?? [], 'path'),
  checkModules,
  checkLessons,
  proseRule,
  checkCurriculumMap,
  (src) => readable(src.quizzes).flatMap((q) => validateQuiz(q.data, q.file, modulesOf(src))),
  (src) => readable(src.scenarios).flatMap((s) => validateScenario(s.data, s.file, modulesOf(src))),
  lintQuizzes,
  lintScenarios,
  unreferencedWarnings,
  (src) => validatePaths(src.paths ?? [], modulesOf(src)),
  giftPlaceholderWarnings,
];

export function checkContent(src: ContentSource, rules: readonly ContentRule[] = CONTENT_RULES): Problem[] {
  return rules.flatMap((rule) => rule(src));
}
