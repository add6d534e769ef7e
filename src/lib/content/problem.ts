/**
 * A problem found in authored content. Printed by `npm run content:check` and thrown by the build as
 * `<file>: <path>: <message> Fix: <fix>`.
 */
export interface Problem {
  /** Path of the file relative to the project root, e.g. `content/quizzes/empathy-quiz.yaml`. */
  file: string;
  /** Where in the file, as a field path: `questions.2.options.1.feedback`, `nodes[opening].choices[ask]`. */
  path: string;
  /** What is wrong, quoting the bad value. */
  message: string;
  /** How to fix it. */
  fix: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message} Fix: ${p.fix}`;
}
