// npm run export:gift -- <quiz-id> [--out file.gift] [--root dir]: writes a course quiz as Moodle GIFT (to the
// file, or to standard output) and lists on standard error every question GIFT cannot carry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { quizSchema } from '../src/schemas/quiz.ts';
import { validateQuiz } from '../src/lib/quiz/validate.ts';
import { formatProblem } from '../src/lib/content/problem.ts';
import { quizToGift } from '../src/lib/gift/from-quiz.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, root: { type: 'string' } },
});
const quizId = positionals[0];
if (!quizId) {
  console.error('Usage: npm run export:gift -- <quiz-id> [--out file.gift]');
  process.exit(2);
}
const root = resolve(values.root ?? fileURLToPath(new URL('..', import.meta.url)));
const file = join('content', 'quizzes', `${quizId}.yaml`);
let data: unknown;
try {
  data = parseYaml(readFileSync(join(root, file), 'utf8'));
} catch (error) {
  console.error(`${file}: ${(error as Error).message} Fix: give the id of a quiz in content/quizzes/, without ".yaml".`);
  process.exit(1);
}
const parsed = quizSchema.safeParse(data);
if (!parsed.success) {
  for (const p of validateQuiz(data, file)) console.error(`error: ${formatProblem(p)}`);
  process.exit(1);
}
const { gift, notes } = quizToGift(parsed.data, quizId);
for (const n of notes) console.error(`left out: question "${n.question}": ${n.message}`);
if (values.out) {
  writeFileSync(values.out, gift);
  console.error(`Wrote ${values.out}: ${parsed.data.questions.length - notes.length} questions.`);
} else process.stdout.write(gift);
