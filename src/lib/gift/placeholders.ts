/**
 * A content rule: a warning for every placeholder that `import:gift` wrote where the GIFT file had no feedback,
 * so the gap stays visible in `npm run content:check` (and the build) until an author fills it, not only in the
 * import's own report. A warning and not an error: an imported quiz is usable while its feedback is written.
 */
import type { Problem } from '../content/problem.ts';
import type { ContentSource } from '../content/source.ts';

/** Written where the GIFT file has no feedback for an option; the importer lists every place it used it. */
export const NO_FEEDBACK = 'No feedback in the GIFT file: write why this option is right or wrong.';
/** Written where the GIFT file has no general feedback (`####`) for a question. */
export const NO_EXPLANATION = 'No general feedback in the GIFT file: write why the right answer is right.';

interface Loose {
  id?: unknown;
  explanation?: unknown;
  options?: { feedback?: unknown }[];
}

function questionWarnings(file: string, q: Loose, n: number): Problem[] {
  const at = (path: string, what: string): Problem => ({
    file,
    path: `questions.${n}.${path}`,
    severity: 'warning',
    rule: 'gift-placeholder',
    message: `the ${what} of question "${String(q.id)}" is still the placeholder from the GIFT import.`,
    fix: `Write the ${what}: ${what === 'explanation' ? 'why the right answer is right' : 'why choosing this option is right, or the misconception it reflects'}.`,
  });
  const options = Array.isArray(q.options) ? q.options : [];
  return [
    ...(q.explanation === NO_EXPLANATION ? [at('explanation', 'explanation')] : []),
    ...options.flatMap((o, i) => (o?.feedback === NO_FEEDBACK ? [at(`options.${i}.feedback`, 'feedback')] : [])),
  ];
}

export function giftPlaceholderWarnings(src: ContentSource): Problem[] {
  return src.quizzes
    .filter((f) => !f.readError)
    .flatMap((f) => {
      const questions = (f.data as { questions?: unknown } | null)?.questions;
      return Array.isArray(questions) ? questions.flatMap((q, n) => questionWarnings(f.file, (q ?? {}) as Loose, n)) : [];
    });
}
