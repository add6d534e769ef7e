// npm run content:check: validates everything in content/ without a build and prints each problem
// with its file, field path and fix. Exits 1 when there is any error (warnings are printed only). Optional argument: a project
// root other than this one (used by tests on fixture trees).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../src/lib/content/check.ts';
import { loadContent } from '../src/lib/content/load-fs.ts';
import { formatProblem, isWarning } from '../src/lib/content/problem.ts';

const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
const source = loadContent(root);
const found = checkContent(source);
const problems = found.filter((p) => !isWarning(p));
const warnings = found.filter(isWarning);
const counts = `${source.modules.length} modules, ${source.lessons.length} lessons, ${source.quizzes.length} quizzes, ${source.scenarios.length} scenarios`;
for (const w of warnings) console.warn(formatProblem(w));
const warned = warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : '';
if (problems.length === 0) {
  console.log(`Content OK: ${counts}${warned}.`);
} else {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${counts}${warned}.`);
  process.exit(1);
}
