// Prose rules for lessons (src/lib/content/prose.ts): each fixture in tests/fixtures/prose shows one rule
// firing, or none, and the messages are pinned so that authors keep getting the same advice.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProse, PROSE_LIMITS, type ProseLesson } from '../../src/lib/content/prose.ts';
import { imagesWithoutAlt, proseText } from '../../src/lib/content/prose-text.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/prose');

/** A fixture body as a lesson whose body starts on file line 11 (after a ten-line frontmatter block). */
function lesson(name: string, body = readFileSync(join(FIXTURES, name), 'utf8')): ProseLesson {
  return { file: `content/modules/alpha/${name}`, body, bodyStartLine: 11 };
}

describe('prose rules', () => {
  it('find nothing in a plain lesson with alt text, code, components and links', () => {
    expect(checkProse([lesson('plain.mdx')])).toEqual([]);
  });

  it('warn about a lesson above the reading grade, naming its hardest sentences by file line', () => {
    const [problem, ...rest] = checkProse([lesson('hard.mdx')]);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      file: 'content/modules/alpha/hard.mdx',
      path: 'body',
      severity: 'warning',
      rule: 'prose/reading-level',
    });
    expect(problem!.message).toMatch(
      /^prose\/reading-level: the lesson reads at grade \d+\.\d \(Flesch-Kincaid\), above grade 8\.$/,
    );
    expect(problem!.fix).toMatch(/^Split long sentences and prefer short, common words, starting with line \d+ \("/);
    const lines = [...problem!.fix.matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
    expect(lines).toHaveLength(3);
    // Body lines 3, 5, ... 15 hold the sentences; the body starts on file line 11.
    for (const line of lines) expect([13, 15, 17, 19, 21, 23, 25]).toContain(line);
  });

  it('do not judge the reading level of a passage too short to measure', () => {
    expect(checkProse([lesson('short.mdx', 'Notwithstanding institutional considerations, proceed.\n')])).toEqual([]);
  });

  it('warn about inconsiderate words with the line and a better choice, but not about named people', () => {
    const problems = checkProse([lesson('inconsiderate.mdx')]);
    expect(problems.map((p) => [p.rule, p.path, p.message])).toEqual([
      [
        'prose/inclusive-language',
        'line 13',
        'prose/inclusive-language: "guys" may read as exclusive or inconsiderate (retext-equality: gals-man).',
      ],
      [
        'prose/inclusive-language',
        'line 13',
        'prose/inclusive-language: "chairman" may read as exclusive or inconsiderate (retext-equality: chairman-chairwoman).',
      ],
      [
        'prose/inclusive-language',
        'line 15',
        'prose/inclusive-language: "just" may read as exclusive or inconsiderate (retext-equality: just).',
      ],
      [
        'prose/inclusive-language',
        'line 15',
        'prose/inclusive-language: "simple" may read as exclusive or inconsiderate (retext-equality: simple).',
      ],
    ]);
    expect(problems[1]!.fix).toBe(
      'Consider "chair", "head", "chairperson", "coordinator", or rephrase so that nobody is singled out by gender, ability or background.',
    );
  });

  it('warn about images without alt text, but accept alt="" as decoration', () => {
    expect(checkProse([lesson('images.mdx')]).map((p) => [p.rule, p.path, p.message])).toEqual([
      [
        'prose/image-alt',
        'line 13',
        'prose/image-alt: the image ![](/images/booking-screen.png) has no alt text, so screen reader users miss it.',
      ],
      [
        'prose/image-alt',
        'line 15',
        'prose/image-alt: the image <img src="/images/rota.png" /> has no alt text, so screen reader users miss it.',
      ],
    ]);
  });

  it('warn about a lesson longer than the reading time limit', () => {
    const words = PROSE_LIMITS.minutes * PROSE_LIMITS.wordsPerMinute + 50;
    const body = Array.from({ length: words / 10 }, () => 'Ask the team what they need and when, then act.').join(' ');
    expect(checkProse([lesson('long.mdx', body)]).map((p) => [p.rule, p.message])).toEqual([
      ['prose/reading-time', `prose/reading-time: the lesson has ${words} words, about 11 minutes of reading, over 10.`],
    ]);
  });

  it('skip lessons that could not be read', () => {
    expect(checkProse([{ ...lesson('hard.mdx'), readError: 'invalid YAML frontmatter' }])).toEqual([]);
  });
});

describe('proseText', () => {
  it('keeps every line in place and blanks markup, code and component tags', () => {
    const body = '## Title\n\n<KeyIdea>Ask **first**.</KeyIdea>\n\n`code` and [a link](/modules)\n';
    const text = proseText(body);
    expect(text.split('\n')).toHaveLength(body.split('\n').length);
    expect(text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      'Title.',
      '',
      'Ask first .',
      '',
      'and a link',
      '',
    ]);
  });
});

describe('imagesWithoutAlt', () => {
  it('ignores images inside code', () => {
    expect(imagesWithoutAlt('```md\n![](/x.png)\n```\n')).toEqual([]);
  });
});
