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
  /** A warning is printed but fails neither `content:check` nor the build. Absent means an error. */
  severity?: 'warning';
}

export const isWarning = (p: Problem): boolean => p.severity === 'warning';

/**
 * Field paths count from 0, people from 1: `questions.2.options.1.feedback` reads "question 3, option 2,
 * feedback" in what authors see. Applied to the printed text only; `Problem.path` keeps the raw path.
 */
export function countFromOne(text: string): string {
  return text
    .replace(/\b([a-z][A-Za-z]*?)(s?)\.(\d+)\b/g, (_m, word: string, _s: string, n: string) => `${word} ${Number(n) + 1}`)
    .replace(/(\b[a-z]+ \d+)\.(?=[A-Za-z])/g, '$1, ');
}

export function formatProblem(p: Problem): string {
  const path = p.path ? `${countFromOne(p.path)}: ` : '';
  return `${p.file}: ${isWarning(p) ? 'warning: ' : ''}${path}${countFromOne(p.message)} Fix: ${countFromOne(p.fix)}`;
}
