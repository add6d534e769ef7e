/**
 * Warnings for quizzes and scenarios that nothing in the course points at: a quiz that is neither a
 * module's end-of-module quiz nor embedded in a lesson, a scenario no lesson embeds. Such a file is usually
 * forgotten work (or a typo in the id that points at it), so it is worth a word, but not a failed build.
 */
import type { ContentSource } from './check.ts';
import { scanComponents } from './mdx-scan.ts';
import type { Problem } from './problem.ts';

function embedded(src: ContentSource, component: 'Quiz' | 'Scenario'): Set<string> {
  const ids = new Set<string>();
  for (const lesson of src.lessons)
    for (const use of scanComponents(lesson.body)) if (use.name === component && use.props.id) ids.add(use.props.id);
  return ids;
}

function moduleQuizIds(src: ContentSource): Set<string> {
  const ids = new Set<string>();
  for (const m of src.modules) {
    const id = (m.data as { quiz?: { id?: unknown } } | null)?.quiz?.id;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

export function unreferencedWarnings(src: ContentSource): Problem[] {
  const quizzes = new Set([...moduleQuizIds(src), ...embedded(src, 'Quiz')]);
  const scenarios = embedded(src, 'Scenario');
  return [
    ...src.quizzes
      .filter((q) => !q.readError && !quizzes.has(q.id))
      .map((q) => ({
        file: q.file,
        path: '',
        severity: 'warning' as const,
        message: `nothing uses the quiz "${q.id}": it is no module's end-of-module quiz and no lesson embeds it, so learners never see it.`,
        fix: `Embed it in a lesson with <Quiz id="${q.id}" />, name it under "quiz: id:" in a module.yaml, or delete the file.`,
      })),
    ...src.scenarios
      .filter((s) => !s.readError && !scenarios.has(s.id))
      .map((s) => ({
        file: s.file,
        path: '',
        severity: 'warning' as const,
        message: `no lesson embeds the scenario "${s.id}": learners find it only in its module's list of role-plays.`,
        fix: `Introduce it in a lesson with <Scenario id="${s.id}" />, or delete the file if it is no longer wanted.`,
      })),
  ];
}
