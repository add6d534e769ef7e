// content:check rules for reply-practice prompts: the fixture course plus one valid prompt, then one thing
// broken per case, each message pinned. The model-reply rule runs the real analyser (src/lib/practice/).
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { checkContent } from '../../src/lib/content/check.ts';
import { loadContent } from '../../src/lib/content/load-fs.ts';
import { formatProblem } from '../../src/lib/content/problem.ts';
import { LISTENERS as ANALYSER_LISTENERS, CHANNELS as ANALYSER_CHANNELS } from '../../src/lib/practice/index.ts';
import { CHANNELS, LISTENERS, practicePromptSchema } from '../../src/schemas/practice.ts';

const BASE = join(import.meta.dirname, '../fixtures/content-base');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const PROMPT = `title: The rattle after the repair
module: alpha
situation: A homeowner calls the morning after a repair; the unit now rattles.
listener: external-customer
listenerName: Helen, a homeowner
channel: spoken
message: It rattles since last night, and I took half a day off for your visit.
task: Say what you would say to Helen.
rubric:
  - criterion: acknowledge
    skill: empathy
  - criterion: no-non-apology
    skill: respect
  - criterion: next-step
    skill: ownership
models:
  - label: Hears her out
    reply: >-
      You lost half a day waiting in for us, and now the unit rattles. I am sorry. I will send the technician back
      today at 3 pm to fix it.
    commentary: It names her lost time, apologises plainly and gives a time.
  - label: Gives a choice
    reply: >-
      You had to take time off for us, and you were left with a rattle. I am sorry. I will send someone at 8 am tomorrow or at
      4 pm today. Which suits you?
    commentary: It gives her the choice of time.
`;

function problemsWith(files: Record<string, string>): string[] {
  const root = mkdtempSync(join(tmpdir(), 'rapport-practice-'));
  dirs.push(root);
  cpSync(BASE, root, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, 'content', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return checkContent(loadContent(root)).map(formatProblem);
}
const prompt = (edit: (text: string) => string) => ({ 'practice/the-rattle.yaml': edit(PROMPT) });

describe('practice prompts in content:check', () => {
  it('accepts a valid prompt whose model replies meet their rubric', () => {
    expect(problemsWith(prompt((t) => t))).toEqual([]);
  });

  it('names a criterion the analyser does not know, and one listed twice', () => {
    expect(
      problemsWith(
        prompt((t) =>
          t
            .replace('criterion: acknowledge', 'criterion: empathise')
            .replace('criterion: next-step', 'criterion: no-non-apology'),
        ),
      ),
    ).toEqual([
      'content/practice/the-rattle.yaml: rubric 1, criterion: "empathise" is not a criterion the analyser knows. Fix: Use one of acknowledge, ownership, no-non-apology, next-step, invite-view, plain-language, considerate, length, tone.',
      'content/practice/the-rattle.yaml: rubric 3, criterion: "no-non-apology" is in the rubric twice. Fix: List each criterion once.',
    ]);
  });

  it('stops a model reply that fails its own rubric, naming the model and the criterion', () => {
    const problems = problemsWith(
      prompt((t) => t.replace('I will send the technician back\n      today at 3 pm to fix it.', 'Sorry if that was annoying.')),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^content\/practice\/the-rattle\.yaml: model 1, reply: the model reply "Hears her out" does not meet .*\(no-non-apology\)/,
    );
    expect(problems[1]).toMatch(
      /model 1, reply: the model reply "Hears her out" does not meet .*\(next-step\).* Fix: Rewrite the reply so that it meets "next-step", or take "next-step" out of the rubric\.$/,
    );
  });

  it('asks for two model replies, a known module and a rubric of at least three', () => {
    const oneModel = PROMPT.slice(0, PROMPT.indexOf('  - label: Gives a choice'));
    expect(
      problemsWith({
        'practice/the-rattle.yaml': oneModel
          .replace('module: alpha', 'module: beta')
          .replace(/  - criterion: next-step\n    skill: ownership\n/, ''),
      }),
    ).toEqual([
      expect.stringMatching(
        /^content\/practice\/the-rattle\.yaml: rubric: Too small: expected array to have >=3 items .* Fix: List 3-6 criteria under "rubric:"\.$/,
      ),
      expect.stringMatching(
        /^content\/practice\/the-rattle\.yaml: models: Too small: expected array to have >=2 items .* Fix: Write at least two model replies under "models:"\.$/,
      ),
    ]);
    expect(problemsWith(prompt((t) => t.replace('module: alpha', 'module: beta')))).toEqual([
      'content/practice/the-rattle.yaml: module: no module "beta" exists. Fix: Use the id of a folder in content/modules/.',
    ]);
  });

  it('checks <Practice id> in lessons and practice: on role-play nodes', () => {
    const lesson = readFileSync(join(BASE, 'content/modules/alpha/first-lesson.mdx'), 'utf8');
    const talk = readFileSync(join(BASE, 'content/scenarios/alpha-talk.yaml'), 'utf8');
    const problems = problemsWith({
      'modules/alpha/first-lesson.mdx': `${lesson}\n<Practice id="no-such-prompt" />\n`,
      'scenarios/alpha-talk.yaml': talk.replace('    mood: angry\n', '    mood: angry\n    practice: missing-prompt\n'),
    });
    expect(
      problems.some((p) =>
        p.includes(
          '<Practice>: no practice prompt "no-such-prompt" exists. Fix: Create content/practice/no-such-prompt.yaml or correct the id.',
        ),
      ),
    ).toBe(true);
    expect(problems).toContain(
      'content/scenarios/alpha-talk.yaml: node 1, practice: no practice prompt "missing-prompt" exists. Fix: Create content/practice/missing-prompt.yaml or correct the id.',
    );
  });

  it('names listeners and channels as the analyser does, and every course prompt parses', () => {
    expect([...LISTENERS]).toEqual([...ANALYSER_LISTENERS]);
    expect([...CHANNELS]).toEqual([...ANALYSER_CHANNELS]);
    const course = loadContent(join(import.meta.dirname, '../..')).practice!;
    expect(course.length).toBeGreaterThanOrEqual(16);
    for (const file of course) expect(practicePromptSchema.safeParse(file.data).success, file.file).toBe(true);
    const perModule = new Map<string, number>();
    for (const file of course) {
      const module = (parse(JSON.stringify(file.data)) as { module: string }).module;
      perModule.set(module, (perModule.get(module) ?? 0) + 1);
    }
    expect(perModule.size).toBe(8);
    expect(Math.min(...perModule.values())).toBeGreaterThanOrEqual(2);
  });
});
