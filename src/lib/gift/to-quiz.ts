/**
 * Turns parsed GIFT questions into a Rapport quiz, with a note for every question that was skipped or changed
 * on the way: nothing is dropped silently. The mapping (docs/decisions/016-gift.md, docs/authoring.md):
 * single and multiple choice and true/false become `single`, `multiple` and `truefalse`; weights become right
 * or wrong options because Rapport scores all-or-nothing; missing feedback is filled with a placeholder that
 * says so; other GIFT types are skipped with the reason.
 */
import type { GIFTQuestion, MultipleChoice, TextChoice, TextFormat, TrueFalse } from 'gift-pegjs';
import type { z } from 'zod';
import type { optionSchema, QuizInput } from '../../schemas/quiz.ts';
import { NO_EXPLANATION, NO_FEEDBACK } from './placeholders.ts';
import { plainText } from './text.ts';

/** Re-exported: the placeholders belong to the import, the content rule that finds them lives beside them. */
export { NO_EXPLANATION, NO_FEEDBACK };

/** One thing the import did to a question that its author should know about. */
export interface GiftNote {
  /** `question 3 "Title"`: its position among the questions in the GIFT file (from 1) and its title or prompt. */
  question: string;
  /** `skipped`: not imported; `changed`: imported, but not exactly as written. */
  kind: 'skipped' | 'changed';
  message: string;
}

type OptionInput = z.input<typeof optionSchema>;

/** The question types an import can produce. */
interface ChoiceInput {
  id: string;
  type: 'single' | 'multiple' | 'truefalse';
  prompt: string;
  explanation: string;
  options: OptionInput[];
}
type Notes = (kind: GiftNote['kind'], message: string) => void;

const SKIPPED: Record<string, string> = {
  Numerical: 'numerical questions have no options to choose from; Rapport has no numeric answer type',
  Short: 'short-answer questions ask the learner to type an answer; Rapport has no typed-answer type',
  Essay: 'essay questions are marked by hand; Rapport grades every question itself',
  Matching: 'matching questions have no counterpart in Rapport (its ordering type puts one list in order)',
  Description: 'a description is text without a question; put it in a lesson instead',
};

/** A kebab-case id from a GIFT title, or `q-<n>` when there is none; kept unique within the quiz. */
function questionId(title: string | null, position: number, taken: Set<string>): string {
  const base =
    (title ?? '')
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || `q-${position}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function readText(value: TextFormat, what: string, note: Notes): string {
  const { text, changed } = plainText(value);
  if (changed)
    note('changed', `${what}: ${value.format === 'markdown' ? 'Markdown' : 'HTML'} marks removed (Rapport shows plain text).`);
  return text;
}

/** Each feedback as plain text; the missing ones get the placeholder, reported once for the question. */
function feedbacks(values: (TextFormat | null)[], names: string[], note: Notes): string[] {
  const missing: string[] = [];
  const texts = values.map((value, i) => {
    if (value && value.text.trim()) return readText(value, `${names[i]} feedback`, note);
    missing.push(names[i]!);
    return NO_FEEDBACK;
  });
  if (missing.length) note('changed', `no feedback for ${missing.join(', ')}; the placeholder "${NO_FEEDBACK}" was written.`);
  return texts;
}

function explanationOf(value: TextFormat | null, note: Notes): string {
  if (value && value.text.trim()) return readText(value, 'general feedback', note);
  note('changed', `no general feedback (####); the placeholder "${NO_EXPLANATION}" was written as the explanation.`);
  return NO_EXPLANATION;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** The credit Moodle gives a choice, in percent: its weight, or 100 for `=` and 0 for `~`. */
const credit = (c: TextChoice) => c.weight ?? (c.isCorrect ? 100 : 0);
const numbered = (choices: TextChoice[], keep: (c: TextChoice) => boolean) =>
  choices.flatMap((c, i) => (keep(c) ? [`option ${i + 1} (${credit(c)}%)`] : [])).join(', ');

/** Which choices are right in Rapport, and the type; or the reason the question cannot be imported. */
function rightChoices(q: MultipleChoice, note: Notes): { type: 'single' | 'multiple'; right: boolean[] } | string {
  if (q.choices.some((c) => c.isCorrect)) {
    // Moodle's single-answer question: only full credit counts as right here.
    const right = q.choices.map((c) => c.isCorrect && credit(c) >= 100);
    const partial = numbered(q.choices, (c) => credit(c) > 0 && credit(c) < 100);
    if (partial)
      note(
        'changed',
        `partial credit on ${partial} dropped: those options are wrong in Rapport, which scores an option right or wrong.`,
      );
    const count = right.filter(Boolean).length;
    if (count === 1) return { type: 'single', right };
    return count === 0
      ? 'no option gives full credit, so Rapport would have no right answer'
      : `${count} options give full credit; a Rapport single-choice question has exactly one right option`;
  }
  const right = q.choices.map((c) => credit(c) > 0);
  const count = right.filter(Boolean).length;
  if (count === 0) return 'no option gives any credit, so Rapport would have no right answer';
  note(
    'changed',
    `weights mapped to right (${numbered(q.choices, (c) => credit(c) > 0)}) and wrong (${numbered(q.choices, (c) => credit(c) <= 0)}) options; Rapport scores a multiple-response question all-or-nothing, with no partial credit.`,
  );
  return { type: count === 1 ? 'single' : 'multiple', right };
}

function choiceQuestion(q: MultipleChoice, id: string, note: Notes): ChoiceInput | string {
  const mapped = rightChoices(q, note);
  if (typeof mapped === 'string') return mapped;
  if (q.hasEmbeddedAnswers)
    note('changed', 'the answer sat inside the sentence (missing-word format); the prompt shows "_____" in its place.');
  const names = q.choices.map((_, i) => `option ${i + 1}`);
  const feedback = feedbacks(
    q.choices.map((c) => c.feedback),
    names,
    note,
  );
  // Wrong options leave `correct` out, as the authoring guide asks.
  const options: OptionInput[] = q.choices.map((c, i) => ({
    id: LETTERS[i] ?? `o${i + 1}`,
    text: readText(c.text, names[i]!, note),
    ...(mapped.right[i] ? { correct: true } : {}),
    feedback: feedback[i]!,
  }));
  return {
    id,
    type: mapped.type,
    prompt: readText(q.stem, 'prompt', note),
    explanation: explanationOf(q.globalFeedback, note),
    options,
  };
}

function trueFalseQuestion(q: TrueFalse, id: string, note: Notes): ChoiceInput {
  // GIFT's first feedback is for a wrong answer, the second for a right one (Moodle's qformat_gift);
  // gift-pegjs keeps them in that order under the names trueFeedback and falseFeedback.
  const [wrong = NO_FEEDBACK, right = NO_FEEDBACK] = feedbacks(
    [q.trueFeedback, q.falseFeedback],
    ['the wrong answer', 'the right answer'],
    note,
  );
  const options: OptionInput[] = [
    { id: 'true', text: 'True', correct: q.isTrue, feedback: q.isTrue ? right : wrong },
    { id: 'false', text: 'False', correct: !q.isTrue, feedback: q.isTrue ? wrong : right },
  ];
  return {
    id,
    type: 'truefalse',
    prompt: readText(q.stem, 'prompt', note),
    explanation: explanationOf(q.globalFeedback, note),
    options,
  };
}

/** What `giftToQuiz` needs besides the questions. */
export interface QuizHeader {
  title: string;
  module: string;
}

/** The quiz (with only the questions Rapport can ask) and the notes to show the author. */
export function giftToQuiz(questions: GIFTQuestion[], header: QuizHeader): { quiz: QuizInput; notes: GiftNote[] } {
  const notes: GiftNote[] = [];
  const imported: ChoiceInput[] = [];
  const taken = new Set<string>();
  let position = 0;
  for (const q of questions) {
    if (q.type === 'Category') {
      notes.push({
        question: `category "${q.title}"`,
        kind: 'changed',
        message: 'Rapport quizzes have no categories; the questions that follow are imported into this quiz.',
      });
      continue;
    }
    position++;
    const label = `question ${position} "${q.title ?? plainText(q.stem).text.slice(0, 40)}"`;
    const note: Notes = (kind, message) => notes.push({ question: label, kind, message });
    const reason =
      q.type === 'MC' || q.type === 'TF'
        ? undefined
        : `${q.type.toLowerCase()}: ${SKIPPED[q.type] ?? 'Rapport has no such type'}.`;
    if (reason) {
      note('skipped', reason);
      continue;
    }
    const id = questionId(q.title, position, taken);
    const result = q.type === 'TF' ? trueFalseQuestion(q, id, note) : choiceQuestion(q as MultipleChoice, id, note);
    if (typeof result === 'string') note('skipped', `${result}.`);
    else imported.push(result);
  }
  return { quiz: { title: header.title, module: header.module, questions: imported }, notes };
}
