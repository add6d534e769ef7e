// Reading GIFT: every construct of Moodle's documented examples (as our own fixture), the escapes, and files
// the grammar refuses, whose errors must name the line and column.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GiftSyntaxError, parseGift } from '../../src/lib/gift/parse.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/gift', name), 'utf8');

function syntaxError(text: string): GiftSyntaxError {
  try {
    parseGift(text);
  } catch (error) {
    if (error instanceof GiftSyntaxError) return error;
    throw error;
  }
  throw new Error('the text parsed');
}

describe('parseGift', () => {
  it("reads one question of every kind in Moodle's documented examples, comments left out", () => {
    const questions = parseGift(fixture('moodle-examples.gift'));
    expect(questions.map((q) => `${q.type} ${q.title}`)).toEqual([
      'Category $course$/Customer service/Basics',
      'MC Listening first',
      'MC Missing word',
      'TF Statement true',
      'TF Statement false',
      'MC Two habits',
      'MC Near miss',
      'Short Typed answer',
      'Matching Pairs',
      'Numerical Minutes tolerance',
      'Numerical Minutes range',
      'Numerical Minutes several',
      'Essay Reflection',
      'Description Read first',
      'MC Html question',
      'MC Markdown question',
    ]);
  });

  it('keeps weights, per-option and general feedback, and the declared formats', () => {
    const questions = parseGift(fixture('moodle-examples.gift'));
    const habits = questions[5];
    expect(habits?.type === 'MC' && habits.choices.map((c) => [c.weight, c.feedback?.text])).toEqual([
      [50, 'Good: you close the loop.'],
      [50, 'Good: they see their input mattered.'],
      [-100, 'Far too slow to learn from.'],
      [-100, 'Nobody hears back, so the loop stays open.'],
    ]);
    const html = questions[14];
    expect(html?.type === 'MC' && [html.stem.format, html.globalFeedback?.text]).toEqual([
      'html',
      '<p>A loop closes when people hear back.</p>',
    ]);
  });

  it('turns every escape back into its character', () => {
    const [q, lineBreak] = parseGift(fixture('escapes.gift'));
    expect(
      q?.type === 'MC' && [q.stem.text, q.choices[0]?.text.text, q.choices[0]?.feedback?.text, q.globalFeedback?.text],
    ).toEqual([
      'Which of these is written a = b ~ c # d { e } f: g?',
      'a = b ~ c # d { e } f: g',
      'Right: every special character came through.',
      'A backslash keeps { } = ~ # : as text.',
    ]);
    expect(lineBreak?.type === 'TF' && [lineBreak.stem.text, lineBreak.globalFeedback?.text]).toEqual([
      'First line\nsecond line: where is the break?',
      'Moodle writes a line break as \\n.',
    ]);
  });

  it('reads Windows line ends, a byte-order mark and a file without a final newline', () => {
    const questions = parseGift('\uFEFF::A::First? {T}\r\n\r\n::B::Second? {F}');
    expect(questions.map((q) => q.title)).toEqual(['A', 'B']);
    expect(parseGift(fixture('windows-line-ends.gift')).map((q) => q.title)).toEqual(['A', 'B']);
  });

  it('names the line and column of a brace left open', () => {
    const error = syntaxError(fixture('missing-brace.gift'));
    expect([error.line, error.column]).toEqual([3, 10]);
    expect(error.message).toMatchInlineSnapshot(
      `"line 3, column 10: Expected "}" but "\\n" found. Fix: check that every "{" has its "}", that questions are separated by a blank line, and that ~ = # { } : inside text are written \\~ \\= \\# \\{ \\} \\:."`,
    );
  });

  it('names the line and column of a weight that is not a number', () => {
    const error = syntaxError(fixture('bad-weight.gift'));
    expect([error.line, error.column, error.detail]).toEqual([3, 4, 'Expected a value between -100 and 100 but "half" found.']);
  });

  it('names the line and column of a stray closing brace', () => {
    const error = syntaxError(fixture('stray-brace.gift'));
    expect([error.line, error.column]).toEqual([1, 28]);
    expect(error.detail).toContain('but "}" found');
  });
});
