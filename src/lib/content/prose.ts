/**
 * Prose rules for lessons: reading level, inclusive and considerate wording, images without alt text, and
 * length. They are warnings for authors, not proof of good writing, so each one says where to look and what
 * to change. Thresholds and examples are documented under "Prose rules" in docs/authoring.md.
 */
import { fleschKincaid } from 'flesch-kincaid';
import { toString } from 'nlcst-to-string';
import type { Root, Sentence } from 'nlcst';
import { retext } from 'retext';
import retextEquality from 'retext-equality';
import { syllable } from 'syllable';
import { visit } from 'unist-util-visit';
import type { Problem } from './problem.ts';
import { imagesWithoutAlt, proseText } from './prose-text.ts';

/** A prose finding: always a warning, with the id of the rule that found it. */
export type ProseProblem = Problem & { severity: 'warning'; rule: ProseRule };
export type ProseRule = 'prose/reading-level' | 'prose/inclusive-language' | 'prose/image-alt' | 'prose/reading-time';

/** The lesson fields the prose rules read (a LessonSource from load-fs.ts has them all). */
export interface ProseLesson {
  file: string;
  body: string;
  /** The file line on which the body starts. */
  bodyStartLine: number;
  readError?: string;
}

export const PROSE_LIMITS = {
  /** Highest Flesch-Kincaid grade for a lesson as a whole: plain-language guidance for a general adult audience. */
  grade: 8,
  /** Fewest words for a reading level to mean anything: the formula is made for passages, not a line or two. */
  gradeMinWords: 100,
  /** Longest reading time in minutes, at the words per minute below (the authoring guide aims for 5-8). */
  minutes: 10,
  wordsPerMinute: 200,
} as const;

/**
 * Words retext-equality flags that our lessons use correctly: the pronouns and family words of the named
 * people in examples ("Joanne ... she", "Grace, his wife"). Generic people are written as "they".
 */
export const PROSE_IGNORE = [
  ...['he', 'she', 'him', 'her', 'his', 'hers', 'himself', 'herself', "he's", "she's", "he'll", "she'll", "he'd", "she'd"],
  ...['brother', 'brothers', 'sister', 'sisters', 'son', 'sons', 'daughter', 'daughters', 'husband', 'wife'],
  ...['mother', 'father'],
];

export function checkProse(lessons: ProseLesson[]): ProseProblem[] {
  return lessons.filter((l) => !l.readError).flatMap((lesson) => {
    const text = proseText(lesson.body);
    const tree = retext().parse(text) as Root;
    return [...readingLevel(lesson, tree), ...readingTime(lesson, tree), ...inclusive(lesson, text), ...imageAlt(lesson)];
  });
}

function warn(lesson: ProseLesson, rule: ProseRule, path: string, message: string, fix: string): ProseProblem {
  // The rule id leads the message so that content:check's one-line output says which rule fired.
  return { file: lesson.file, path, message: `${rule}: ${message}`, fix, severity: 'warning', rule };
}

// A type alias rather than an interface: flesch-kincaid's parameter type is an index signature.
type Counts = { sentence: number; word: number; syllable: number };

function count(sentences: Sentence[]): Counts {
  const counts = { sentence: sentences.length, word: 0, syllable: 0 };
  for (const sentence of sentences)
    visit(sentence, 'WordNode', (word) => {
      counts.word++;
      counts.syllable += syllable(toString(word));
    });
  return counts;
}

function sentencesOf(tree: Root): Sentence[] {
  const sentences: Sentence[] = [];
  visit(tree, 'SentenceNode', (s) => {
    sentences.push(s);
  });
  return sentences;
}

function readingLevel(lesson: ProseLesson, tree: Root): ProseProblem[] {
  const sentences = sentencesOf(tree);
  const counts = count(sentences);
  const grade = fleschKincaid(counts);
  if (counts.word < PROSE_LIMITS.gradeMinWords || !(grade > PROSE_LIMITS.grade)) return [];
  // Point at the hardest sentences, since the grade of a whole lesson does not say where to start.
  // Sentences under five words (headings, list items) swing wildly on one long word, so they are not named.
  const hardest = sentences
    .map((s) => ({ s, counts: count([s]) }))
    .filter(({ counts }) => counts.word >= 5)
    .map(({ s, counts }) => ({ s, grade: fleschKincaid(counts) }))
    .sort((a, b) => b.grade - a.grade)
    .slice(0, 3)
    .map(({ s }) => `line ${lesson.bodyStartLine + (s.position?.start.line ?? 1) - 1} ("${clip(toString(s))}")`);
  return [
    warn(
      lesson,
      'prose/reading-level',
      'body',
      `the lesson reads at grade ${grade.toFixed(1)} (Flesch-Kincaid), above grade ${PROSE_LIMITS.grade}.`,
      `Split long sentences and prefer short, common words, starting with ${hardest.join(', ')}.`,
    ),
  ];
}

function readingTime(lesson: ProseLesson, tree: Root): ProseProblem[] {
  const words = count(sentencesOf(tree)).word;
  const minutes = words / PROSE_LIMITS.wordsPerMinute;
  if (minutes <= PROSE_LIMITS.minutes) return [];
  return [
    warn(
      lesson,
      'prose/reading-time',
      'body',
      `the lesson has ${words} words, about ${Math.ceil(minutes)} minutes of reading, over ${PROSE_LIMITS.minutes}.`,
      `Cut it to ${PROSE_LIMITS.minutes * PROSE_LIMITS.wordsPerMinute} words or fewer, or split it into two lessons.`,
    ),
  ];
}

function inclusive(lesson: ProseLesson, text: string): ProseProblem[] {
  const file = retext().use(retextEquality, { ignore: PROSE_IGNORE }).processSync(text);
  return file.messages.map((m) => {
    const line = lesson.bodyStartLine + (m.line ?? 1) - 1;
    const better = (m.expected as string[] | undefined)?.length ? `Consider ${quoteList(m.expected as string[])}` : 'Reword it';
    return warn(
      lesson,
      'prose/inclusive-language',
      `line ${line}`,
      `"${m.actual}" may read as exclusive or inconsiderate (retext-equality: ${m.ruleId}).`,
      `${better}, or rephrase so that nobody is singled out by gender, ability or background.`,
    );
  });
}

function imageAlt(lesson: ProseLesson): ProseProblem[] {
  return imagesWithoutAlt(lesson.body).map((image) =>
    warn(
      lesson,
      'prose/image-alt',
      `line ${lesson.bodyStartLine + image.line - 1}`,
      `the image ${clip(image.source)} has no alt text, so screen reader users miss it.`,
      'Describe what the image shows and why it is there, e.g. ![A two-column checklist for a handover](...), or alt="" only if it is decoration.',
    ),
  );
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

function quoteList(words: string[]): string {
  return words
    .slice(0, 4)
    .map((w) => `"${w}"`)
    .join(', ');
}
