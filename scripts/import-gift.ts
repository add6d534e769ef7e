// npm run import:gift -- file.gift --quiz <id> --module <id> [--title "..."] [--force] [--root dir]
// Converts a Moodle GIFT file into content/quizzes/<id>.yaml, lists every question it skipped or changed, then
// runs the content check and prints its errors and warnings for the new file (the lint warnings included).
// Exits 1 when the GIFT file cannot be read or the new quiz has errors; the file is kept so it can be fixed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { checkContent } from '../src/lib/content/check.ts';
import { loadContent } from '../src/lib/content/load-fs.ts';
import { formatProblem, isError } from '../src/lib/content/problem.ts';
import { GiftSyntaxError, parseGift } from '../src/lib/gift/parse.ts';
import { giftToQuiz } from '../src/lib/gift/to-quiz.ts';

const USAGE = 'Usage: npm run import:gift -- file.gift --quiz <quiz-id> --module <module-id> [--title "Quiz title"] [--force]';
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quiz: { type: 'string' },
    module: { type: 'string' },
    title: { type: 'string' },
    force: { type: 'boolean', default: false },
    root: { type: 'string' },
  },
});
const giftFile = positionals[0];
if (!giftFile || !values.quiz || !values.module) fail(USAGE, 2);
if (!KEBAB.test(values.quiz))
  fail(`--quiz "${values.quiz}" is not kebab-case. Fix: lower-case letters and digits joined by hyphens.`, 2);
const root = resolve(values.root ?? fileURLToPath(new URL('..', import.meta.url)));
const target = join('content', 'quizzes', `${values.quiz}.yaml`);
if (existsSync(join(root, target)) && !values.force)
  fail(`${target} already exists. Fix: choose another --quiz id, or add --force to replace it.`);

let questions;
try {
  questions = parseGift(readFileSync(giftFile, 'utf8'));
} catch (error) {
  if (error instanceof GiftSyntaxError) fail(`${giftFile}: ${error.message}`);
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
  fail(`${giftFile}: ${missing ? 'no such file. Fix: check the path to the GIFT file.' : (error as Error).message}`);
}
const title = values.title ?? `${basename(giftFile).replace(/\.[^.]*$/, '')} (imported from GIFT)`;
const { quiz, notes } = giftToQuiz(questions, { title, module: values.module });
for (const n of notes) console.log(`${n.kind}: ${n.question}: ${n.message}`);
if (quiz.questions.length === 0)
  fail(`${giftFile}: no question could be imported, so no quiz was written. Fix: see the reasons above.`);

writeFileSync(join(root, target), stringify(quiz, { lineWidth: 0 }));
const skipped = notes.filter((n) => n.kind === 'skipped').length;
console.log(`\nWrote ${target}: ${quiz.questions.length} questions imported, ${skipped} skipped.`);

const problems = checkContent(loadContent(root)).filter((p) => p.file === target);
const errors = problems.filter(isError);
for (const p of errors) console.error(`error: ${formatProblem(p)}`);
for (const p of problems.filter((p) => !isError(p))) console.error(`warning: ${formatProblem(p)}`);
console.log(`Content check of ${target}: ${errors.length} errors, ${problems.length - errors.length} warnings.`);
if (errors.length) process.exit(1);
