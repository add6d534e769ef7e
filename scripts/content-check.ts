// npm run content:check: validates everything in content/ without a build and prints each problem
// with its file, field path and fix. Exits 1 when there is any problem. Optional argument: a project
// root other than this one (used by tests on fixture trees).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../src/lib/content/check.ts';
import { loadContent } from '../src/lib/content/load-fs.ts';
import { formatProblem } from '../src/lib/content/problem.ts';

const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
const source = loadContent(root);
const problems = checkContent(source);
const counts = `${source.modules.length} modules, ${source.lessons.length} lessons, ${source.quizzes.length} quizzes, ${source.scenarios.length} scenarios`;
if (problems.length === 0) {
  console.log(`Content OK: ${counts}.`);
} else {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${counts}.`);
  process.exit(1);
}
