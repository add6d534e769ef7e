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

export const isWarning = (p: Problem): boolean => !isError(p);

/**
 * Field paths count from 0, people from 1: `questions.2.options.1.feedback` reads "question 3, option 2,
 * feedback" in what authors see. Applied to the printed text only; `Problem.path` keeps the raw path.
 */
export function countFromOne(text: string): string {
  return text
    .replace(/\b([a-z][A-Za-z]*?)(s?)\.(\d+)\b/g, (_m, word: string, _s: string, n: string) => `${word} ${Number(n) + 1}`)
    .replace(/(\b[a-z]+ \d+)\.(?=[A-Za-z])/g, '$1, ');
}

/** One line per problem; content:check and the build say before it whether it is an error or a warning. */
export function formatProblem(p: Problem): string {
  const path = p.path ? `${countFromOne(p.path)}: ` : '';
  return `${p.file}: ${path}${p.rule ? `[${p.rule}] ` : ''}${countFromOne(p.message)} Fix: ${countFromOne(p.fix)}`;
}
