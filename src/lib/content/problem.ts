/**
 * A problem found in authored content. Printed by `npm run content:check` and thrown by the build as
 * `<file>: <path>: [<rule>] <message> Fix: <fix>`. Errors stop the build; warnings are printed and let it pass.
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
  /** `warning` lets the build pass; absent means `error` (every shape and reference rule). */
  severity?: Severity;
  /** The lint rule's id (`length-cue`, `truefalse-balance`, ...), documented in docs/authoring.md; absent for shape and reference rules. */
  rule?: string;
}

export type Severity = 'error' | 'warning';

/** A problem before we know which file it is in. */
export type Finding = Omit<Problem, 'file'>;

export function isError(p: Problem): boolean {
  return (p.severity ?? 'error') === 'error';
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.rule ? `[${p.rule}] ` : ''}${p.message} Fix: ${p.fix}`;
}
