// npm run content:check: validates everything in content/ without a build and prints each problem with its
// file, field path, rule id and fix: errors first, then warnings. Exits 1 only when there is an error (the build
// refuses the same ones); warnings are printed and pass. Optional argument: a project root other than this one
// (used by tests on fixture trees).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../src/lib/content/check.ts';
import { loadContent } from '../src/lib/content/load-fs.ts';
import { formatProblem, isError } from '../src/lib/content/problem.ts';
import { retakeOverlaps } from '../src/lib/lint/index.ts';

const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
const source = loadContent(root);
const problems = checkContent(source);
const errors = problems.filter(isError);
const warnings = problems.filter((p) => !isError(p));
const counts = `${source.modules.length} modules, ${source.lessons.length} lessons, ${source.quizzes.length} quizzes, ${source.scenarios.length} scenarios`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
for (const p of errors) console.error(`error: ${formatProblem(p)}`);
for (const p of warnings) console.error(`warning: ${formatProblem(p)}`);
const overlaps = retakeOverlaps(source);
if (overlaps.length)
  console.log(`Module quizzes, expected overlap of two attempts:\n${overlaps.map((o) => `  ${o}`).join('\n')}`);
if (problems.length === 0) {
  console.log(`Content OK: ${counts}.`);
} else {
  const summary = `${plural(errors.length, 'error')} and ${plural(warnings.length, 'warning')} in ${counts}.`;
  console.error(`\n${summary}${errors.length ? '' : ' Warnings do not stop the build; fix them before publishing.'}`);
  if (errors.length) process.exit(1);
}
