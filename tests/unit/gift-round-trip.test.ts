// Export to GIFT and import back: every course quiz keeps its questions, options, right answers and feedback;
// and the two commands do what docs/authoring.md says on a copy of the fixture course.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { quizSchema, type Question, type Quiz } from '../../src/schemas/quiz.ts';
import { quizToGift } from '../../src/lib/gift/from-quiz.ts';
import { parseGift } from '../../src/lib/gift/parse.ts';
import { giftToQuiz } from '../../src/lib/gift/to-quiz.ts';

const ROOT = join(import.meta.dirname, '../..');
const QUIZZES = join(ROOT, 'content/quizzes');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** What a round trip must keep; option ids and skills are not part of GIFT. */
function essence(q: Question) {
  if (!('options' in q)) return undefined;
  const options = q.options.map((o) => ({ text: o.text, correct: o.correct, feedback: o.feedback }));
  return { id: q.id, type: q.type, prompt: q.prompt, explanation: q.explanation, options };
}

function roundTrip(quiz: Quiz, id: string) {
  const { gift, notes } = quizToGift(quiz, id);
  const back = quizSchema.parse(giftToQuiz(parseGift(gift), { title: quiz.title, module: quiz.module }).quiz);
  return { gift, notes, back };
}

describe('GIFT round trip', () => {
  const files = readdirSync(QUIZZES).filter((f) => f.endsWith('.yaml'));

  it.each(files)('%s keeps its choice questions, and reports the others', (file) => {
    const quiz = quizSchema.parse(parseYaml(readFileSync(join(QUIZZES, file), 'utf8')));
    const { notes, back } = roundTrip(quiz, file.slice(0, -5));
    expect(back.questions.map(essence)).toEqual(quiz.questions.map(essence).filter(Boolean));
    expect(notes.map((n) => n.question)).toEqual(quiz.questions.filter((q) => !('options' in q)).map((q) => q.id));
  });

  it('keeps every GIFT special character in prompts, options and feedback', () => {
    const text = 'a = b ~ c # d { e } f: g \\ h';
    const quiz = quizSchema.parse({
      title: 'Escapes',
      module: 'alpha',
      questions: [
        {
          id: 'signs',
          type: 'single',
          prompt: text,
          explanation: `${text}.`,
          options: [
            { id: 'a', text, correct: true, feedback: text },
            { id: 'b', text: 'plain', feedback: `# ${text}` },
          ],
        },
      ],
    });
    const { gift, back } = roundTrip(quiz, 'escapes');
    expect(gift).toContain('a \\= b \\~ c \\# d \\{ e \\} f\\: g \\\\ h');
    expect(back.questions.map(essence)).toEqual(quiz.questions.map(essence));
  });

  it('gives right options of a multiple-response question equal shares and wrong ones -100%', () => {
    const quiz = quizSchema.parse(parseYaml(readFileSync(join(QUIZZES, 'empathy-quiz.yaml'), 'utf8')));
    const { gift } = roundTrip(quiz, 'empathy-quiz');
    expect(gift).toMatch(/^\t~%33\.33333%/m);
    expect(gift).toMatch(/^\t~%-100%/m);
  });
});

describe('import:gift and export:gift', () => {
  function course(): string {
    const root = mkdtempSync(join(tmpdir(), 'rapport-gift-'));
    dirs.push(root);
    cpSync(join(ROOT, 'tests/fixtures/content-base'), root, { recursive: true });
    return root;
  }
  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { encoding: 'utf8', cwd: ROOT });

  it('imports, reports what it skipped and changed, and prints the content check with its warnings', () => {
    const root = course();
    const gift = join(ROOT, 'tests/fixtures/gift/moodle-examples.gift');
    const result = run('import-gift.ts', [
      gift,
      '--quiz',
      'imported',
      '--module',
      'alpha',
      '--title',
      'Imported',
      '--root',
      root,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('skipped: question 8 "Pairs": matching:');
    expect(result.stdout).toContain('Wrote content/quizzes/imported.yaml: 8 questions imported, 7 skipped.');
    expect(result.stderr).toContain('warning: content/quizzes/imported.yaml: nothing uses the quiz "imported"');
    expect(result.stdout).toMatch(/Content check of content\/quizzes\/imported.yaml: 0 errors, \d+ warnings\./);
    // Each placeholder stays a warning of the content check until someone writes the feedback.
    expect(result.stderr).toContain(
      'warning: content/quizzes/imported.yaml: question 4, option 2, feedback: [gift-placeholder] the feedback of question "statement-false" is still the placeholder from the GIFT import.',
    );
    const check = spawnSync(process.execPath, [join(ROOT, 'scripts/content-check.ts'), root], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stderr.match(/\[gift-placeholder\]/g)).toHaveLength(14);
    expect(quizSchema.parse(parseYaml(readFileSync(join(root, 'content/quizzes/imported.yaml'), 'utf8'))).questions).toHaveLength(
      8,
    );
    // A second import does not overwrite the quiz unless asked to.
    const again = run('import-gift.ts', [gift, '--quiz', 'imported', '--module', 'alpha', '--root', root]);
    expect([again.status, again.stderr.trim()]).toEqual([
      1,
      'content/quizzes/imported.yaml already exists. Fix: choose another --quiz id, or add --force to replace it.',
    ]);
  });

  it('shows the item-writing lint on the imported questions', () => {
    const root = course();
    const gift = join(root, 'cue.gift');
    writeFileSync(
      gift,
      '::Cue::Which reply helps? {\n=Ask what the delay costs them, then agree a time to call back#Yes.\n~Wait#No.\n~Hang up#No.\n####Asking first.\n}\n',
    );
    const result = run('import-gift.ts', [gift, '--quiz', 'cue', '--module', 'alpha', '--root', root]);
    expect(result.stderr).toContain('content/quizzes/cue.yaml: questions[cue]: [length-cue]');
  });

  it('refuses a malformed file with its line and column and writes nothing', () => {
    const root = course();
    const gift = join(ROOT, 'tests/fixtures/gift/missing-brace.gift');
    const result = run('import-gift.ts', [gift, '--quiz', 'broken', '--module', 'alpha', '--root', root]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('missing-brace.gift: line 3, column 10: Expected "}" but "\\n" found.');
    expect(existsSync(join(root, 'content/quizzes/broken.yaml'))).toBe(false);
  });

  it('says when the GIFT file does not exist', () => {
    const result = run('import-gift.ts', ['nowhere.gift', '--quiz', 'x', '--module', 'alpha', '--root', course()]);
    expect([result.status, result.stderr.trim()]).toEqual([
      1,
      'nowhere.gift: no such file. Fix: check the path to the GIFT file.',
    ]);
  });

  it('fails when the imported quiz names a module that does not exist, and says why', () => {
    const root = course();
    const gift = join(ROOT, 'tests/fixtures/gift/escapes.gift');
    const result = run('import-gift.ts', [gift, '--quiz', 'orphan', '--module', 'nowhere', '--root', root]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/error: content\/quizzes\/orphan.yaml: module: .*nowhere/);
  });

  it('exports a quiz that imports back to the same questions', () => {
    const root = course();
    const out = join(root, 'alpha.gift');
    const exported = run('export-gift.ts', ['alpha-quiz', '--out', out, '--root', root]);
    expect(exported.status).toBe(0);
    const result = run('import-gift.ts', [out, '--quiz', 'alpha-again', '--module', 'alpha', '--root', root]);
    expect(result.status).toBe(0);
    const read = (id: string) => quizSchema.parse(parseYaml(readFileSync(join(root, `content/quizzes/${id}.yaml`), 'utf8')));
    expect(read('alpha-again').questions.map(essence)).toEqual(read('alpha-quiz').questions.map(essence).filter(Boolean));
  });
});
