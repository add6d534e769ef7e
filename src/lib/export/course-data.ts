/**
 * The data an exported package's player runs on: one module's lessons as HTML, its knowledge checks and its
 * quiz, answers included. A package has no server to grade on, so the answers travel with it; buyers who
 * need answers kept secret keep learners on Rapport itself (docs/decisions/017-scorm-cmi5-export.md).
 */
import type { Quiz } from '../../schemas/quiz.ts';
import { lessonHtml } from './lesson-html.ts';

/** A module as the exporter reads it (src/lib/content/course-fs.ts gives this shape from content/). */
export interface ExportSource {
  module: { id: string; title: string; summary: string; objectives: string[]; quiz?: { id: string; passMark: number } };
  lessons: { id: string; title: string; body: string }[];
  quizzes: Map<string, Quiz & { id: string }>;
}

export interface PackageQuiz {
  id: string;
  title: string;
  drawCount?: number;
  questions: Quiz['questions'];
}

export interface CourseData {
  moduleId: string;
  title: string;
  summary: string;
  objectives: string[];
  lessons: { id: string; title: string; html: string }[];
  checks: Record<string, PackageQuiz>;
  quiz: PackageQuiz & { passMark: number };
  /** Role-plays the lessons point at, left out of the package. */
  scenariosLeftOut: string[];
}

function packageQuiz(source: ExportSource, id: string, where: string): PackageQuiz {
  const quiz = source.quizzes.get(id);
  if (!quiz)
    throw new Error(`${where}: quiz "${id}" not found in content/quizzes/; fix the id or add content/quizzes/${id}.yaml`);
  return { id, title: quiz.title, drawCount: quiz.drawCount, questions: quiz.questions };
}

/** Everything the player needs, or an error naming the file and field when the module cannot be exported. */
export function courseData(source: ExportSource): CourseData {
  const { module } = source;
  const where = `content/modules/${module.id}/module.yaml`;
  if (!module.quiz)
    throw new Error(`${where}: quiz is missing; a package reports a score, so the module needs an end-of-module quiz`);
  const checks: Record<string, PackageQuiz> = {};
  const scenarios = new Set<string>();
  const lessons = source.lessons.map((lesson) => {
    const { html, embeds } = lessonHtml(lesson.body, module.quiz!.id);
    for (const id of embeds.checks) checks[id] = packageQuiz(source, id, `content/modules/${module.id}/${lesson.id}.mdx`);
    for (const id of embeds.scenarios) scenarios.add(id);
    return { id: lesson.id, title: lesson.title, html };
  });
  return {
    moduleId: module.id,
    title: module.title,
    summary: module.summary,
    objectives: module.objectives,
    lessons,
    checks,
    quiz: { ...packageQuiz(source, module.quiz.id, `${where}: quiz.id`), passMark: module.quiz.passMark },
    scenariosLeftOut: [...scenarios],
  };
}
