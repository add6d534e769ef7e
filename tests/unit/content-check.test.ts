// content:check rules: each case copies the valid fixture course, breaks one thing, and pins the message.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkContent } from '../../src/lib/content/check.ts';
import { loadContent } from '../../src/lib/content/load-fs.ts';
import { formatProblem } from '../../src/lib/content/problem.ts';

const BASE = join(import.meta.dirname, '../fixtures/content-base');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Copies the fixture, applies `edit` (file path -> new text, or null to delete), returns the messages. */
function problemsAfter(edit: Record<string, string | ((old: string) => string) | null>): string[] {
  const root = mkdtempSync(join(tmpdir(), 'rapport-content-'));
  dirs.push(root);
  cpSync(BASE, root, { recursive: true });
  for (const [path, change] of Object.entries(edit)) {
    const file = join(root, 'content', path);
    mkdirSync(dirname(file), { recursive: true });
    if (change === null) unlinkSync(file);
    else writeFileSync(file, typeof change === 'function' ? change(readFileSync(file, 'utf8')) : change);
  }
  return checkContent(loadContent(root)).map(formatProblem);
}

const LESSON = 'modules/alpha/first-lesson.mdx';
const MODULE = 'modules/alpha/module.yaml';

describe('content check', () => {
  it('accepts the valid fixture course', () => {
    expect(problemsAfter({})).toEqual([]);
  });

  it('names a lesson whose folder has no module', () => {
    expect(
      problemsAfter({
        [MODULE]: null,
        'quizzes/alpha-quiz.yaml': (s) => s,
        'modules/alpha/first-lesson.mdx': (s) => s.replace('(/modules/alpha/second-lesson)', '(/modules)'),
      }),
    ).toContain(
      'content/modules/alpha/first-lesson.mdx: the folder "alpha" has no module.yaml, so this lesson belongs to an unknown module. Fix: Add content/modules/alpha/module.yaml or move the lesson into an existing module\'s folder.',
    );
  });

  it('finds duplicate lesson order within a module', () => {
    expect(problemsAfter({ 'modules/alpha/second-lesson.mdx': (s) => s.replace('order: 2', 'order: 1') })).toEqual([
      'content/modules/alpha/second-lesson.mdx: order: order 1 is also used by content/modules/alpha/first-lesson.mdx. Fix: Give each lesson in the module a different order.',
    ]);
  });

  it('finds duplicate module order', () => {
    const problems = problemsAfter({ 'modules/beta/module.yaml': readFileSync(join(BASE, 'content', MODULE), 'utf8') });
    expect(problems).toEqual([
      'content/modules/beta/module.yaml: order: order 1 is also used by content/modules/alpha/module.yaml. Fix: Give each module a different order.',
    ]);
  });

  it('requires objectives', () => {
    expect(
      problemsAfter({
        [LESSON]: (s) => s.replace('objectives:\n  - Read a fixture lesson from top to bottom.\n', 'objectives: []\n'),
      }),
    ).toEqual([
      'content/modules/alpha/first-lesson.mdx: objectives: Too small: expected array to have >=1 items (got []). Fix: List 1-4 measurable objectives under "objectives:".',
    ]);
    expect(problemsAfter({ [MODULE]: (s) => s.replace(/objectives:\n  - .*\n/, '') })).toEqual([
      'content/modules/alpha/module.yaml: objectives: is required but missing. Fix: List 2-5 measurable objectives under "objectives:".',
    ]);
  });

  it('names unknown fields and bad values in frontmatter', () => {
    expect(
      problemsAfter({
        [LESSON]: (s) =>
          s.replace('draft: false', 'draft: false\nauthor: Sam').replace('skills: [empathy]', 'skills: [charisma]'),
      }),
    ).toEqual([
      'content/modules/alpha/first-lesson.mdx: skill 1: "charisma" is not allowed; use one of "empathy", "respect", "feedback", "tailoring", "ownership". Fix: Use one of the listed values.',
      'content/modules/alpha/first-lesson.mdx: unknown field "author". Fix: Remove it or check its spelling against docs/authoring.md.',
    ]);
  });

  it('names unknown components and props, and missing required props', () => {
    expect(
      problemsAfter({
        [LESSON]: (s) =>
          `${s}\n<Callout>Hi</Callout>\n\n<Example title="x" tone="warm">Hi</Example>\n\n<Reflection id="second" />\n`,
      }),
    ).toEqual([
      'content/modules/alpha/first-lesson.mdx: line 24 <Callout>: unknown component <Callout>. Fix: Use one of <KeyIdea>, <Example>, <TryThis>, <Reflection>, <Quiz>, <Scenario>, <Practice>.',
      'content/modules/alpha/first-lesson.mdx: line 26 <Example>: unknown prop "tone". Fix: <Example> takes "title".',
      'content/modules/alpha/first-lesson.mdx: line 28 <Reflection>: the prop "prompt" is missing or not a plain string. Fix: Write prompt="..." with a quoted value.',
    ]);
  });

  it('finds broken internal links', () => {
    expect(problemsAfter({ [LESSON]: (s) => s.replace('/modules/alpha/second-lesson', '/modules/alpha/secnd-lesson') })).toEqual([
      'content/modules/alpha/first-lesson.mdx: line 22: the link "/modules/alpha/secnd-lesson" leads nowhere. Fix: Link to an existing page, e.g. /modules/<module-id>/<lesson-id>.',
    ]);
  });

  it('finds references to quizzes and scenarios that do not exist', () => {
    expect(
      problemsAfter({
        'modules/alpha/second-lesson.mdx': (s) =>
          s.replace('<Quiz id="alpha-quiz" />', '<Quiz id="beta-quiz" />').replace('alpha-talk', 'beta-talk'),
      }),
    ).toEqual([
      'content/modules/alpha/second-lesson.mdx: line 14 <Quiz>: no quiz "beta-quiz" exists. Fix: Create content/quizzes/beta-quiz.yaml or correct the id.',
      'content/modules/alpha/second-lesson.mdx: line 16 <Scenario>: no scenario "beta-talk" exists. Fix: Create content/scenarios/beta-talk.yaml or correct the id.',
      // The scenario the lesson meant is now embedded nowhere: a warning, not an error.
      'content/scenarios/alpha-talk.yaml: no lesson embeds the scenario "alpha-talk": learners find it only in its module\'s list of role-plays. Fix: Introduce it in a lesson with <Scenario id="alpha-talk" />, or delete the file if it is no longer wanted.',
    ]);
    expect(problemsAfter({ [MODULE]: (s) => s.replace('id: alpha-quiz', 'id: gamma-quiz') })).toEqual([
      'content/modules/alpha/module.yaml: quiz.id: no quiz "gamma-quiz" exists. Fix: Create content/quizzes/gamma-quiz.yaml or correct the id.',
    ]);
  });

  it('reports unreadable files instead of crashing', () => {
    expect(problemsAfter({ [MODULE]: 'title: [unclosed' })[0]).toMatch(
      /^content\/modules\/alpha\/module.yaml: the YAML cannot be read: at line 1, column 17, the indentation does not line up/,
    );
    expect(problemsAfter({ [LESSON]: '# No frontmatter here\n' })).toContain(
      'content/modules/alpha/first-lesson.mdx: the file does not start with a frontmatter block between two "---" lines. Fix: Fix the syntax; the file could not be read.',
    );
  });

  it('says where a YAML syntax error is, in plain words, with the likely fix', () => {
    expect(problemsAfter({ [MODULE]: (s) => `${s}tagline: Listen first: then answer\n` })).toContainEqual(
      expect.stringMatching(
        /^content\/modules\/alpha\/module.yaml: the YAML cannot be read: at line 12, column 10, a value contains a colon followed by a space, so YAML reads it as a new field\. Fix: Put the whole value in double quotes/,
      ),
    );
    // In a lesson, lines are counted in the file, frontmatter included.
    const lesson = problemsAfter({ [LESSON]: (s) => s.replace(/^---\n/, '---\n\tbad: tab\n') });
    expect(lesson).toContain(
      'content/modules/alpha/first-lesson.mdx: the frontmatter cannot be read: at line 2, column 1, a tab is used for indentation. Fix: Indent with spaces only (two per level).',
    );
  });

  it('warns about a quiz nothing uses, without failing', () => {
    const orphan = readFileSync(join(BASE, 'content', 'quizzes/alpha-quiz.yaml'), 'utf8');
    expect(problemsAfter({ 'quizzes/alpha-spare.yaml': orphan })).toEqual([
      'content/quizzes/alpha-spare.yaml: nothing uses the quiz "alpha-spare": it is no module\'s end-of-module quiz and no lesson embeds it, so learners never see it. Fix: Embed it in a lesson with <Quiz id="alpha-spare" />, name it under "quiz: id:" in a module.yaml, or delete the file.',
    ]);
  });

  it('refuses ids that are not kebab-case', () => {
    const problems = problemsAfter({
      'modules/alpha/Third_Lesson.mdx': readFileSync(join(BASE, 'content', 'modules/alpha/second-lesson.mdx'), 'utf8').replace(
        'order: 2',
        'order: 3',
      ),
    });
    expect(problems).toEqual([
      'content/modules/alpha/Third_Lesson.mdx: the lesson id "alpha/Third_Lesson" (from the file name) is not kebab-case. Fix: Rename the file: lower-case letters and digits joined by hyphens.',
    ]);
  });

  it('runs as a command that prints errors and warnings, and exits 1 on errors only', () => {
    const root = mkdtempSync(join(tmpdir(), 'rapport-content-cli-'));
    dirs.push(root);
    cpSync(BASE, root, { recursive: true });
    writeFileSync(
      join(root, 'content', LESSON),
      readFileSync(join(BASE, 'content', LESSON), 'utf8').replace('order: 1', 'order: 2'),
    );
    const run = spawnSync(process.execPath, ['scripts/content-check.ts', root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('order 2 is also used by');
    expect(run.stderr).toContain('1 error and 0 warnings in 1 modules, 2 lessons, 1 quizzes, 1 scenarios.');
    // A warning alone is printed with its rule and fix, and the command still succeeds.
    const warned = mkdtempSync(join(tmpdir(), 'rapport-content-cli-'));
    dirs.push(warned);
    cpSync(BASE, warned, { recursive: true });
    const talk = join(warned, 'content', 'scenarios/alpha-talk.yaml');
    const long =
      'Then we will come at 7:30 tomorrow morning, before you leave for work, at no charge at all, and our carpet cleaner comes too.';
    writeFileSync(talk, readFileSync(talk, 'utf8').replace("Then we'll come at 7:30 tomorrow, before work, at no charge.", long));
    const soft = spawnSync(process.execPath, ['scripts/content-check.ts', warned], { encoding: 'utf8' });
    expect(soft.status).toBe(0);
    expect(soft.stderr).toContain(
      'warning: content/scenarios/alpha-talk.yaml: nodes[plan].choices[fit-her-week]: [length-cue] Node "plan"',
    );
    expect(soft.stderr).toContain(
      '0 errors and 1 warning in 1 modules, 2 lessons, 1 quizzes, 1 scenarios. Warnings do not stop the build',
    );
    const ok = spawnSync(process.execPath, ['scripts/content-check.ts', BASE], { encoding: 'utf8' });
    expect([ok.status, ok.stdout.trim()]).toEqual([
      0,
      'Module quizzes, expected overlap of two attempts:\n  alpha-quiz draws 2 of 4: two attempts share 50 %\nContent OK: 1 modules, 2 lessons, 1 quizzes, 1 scenarios.',
    ]);
    // Content nothing uses is a warning too: printed, and the command still succeeds.
    writeFileSync(join(root, 'content', LESSON), readFileSync(join(BASE, 'content', LESSON), 'utf8'));
    cpSync(join(BASE, 'content/quizzes/alpha-quiz.yaml'), join(root, 'content/quizzes/alpha-spare.yaml'));
    const spare = spawnSync(process.execPath, ['scripts/content-check.ts', root], { encoding: 'utf8' });
    expect(spare.status).toBe(0);
    expect(spare.stderr).toMatch(/warning: content\/quizzes\/alpha-spare\.yaml: .*nothing uses the quiz "alpha-spare"/);
  }, 30_000);
});
