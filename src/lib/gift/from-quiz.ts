/**
 * Writes a Rapport quiz as GIFT so a trainer can take it to Moodle. Choice questions keep their prompt,
 * options, right answers, per-option feedback and explanation (as general feedback); the question id becomes
 * the GIFT title, so importing the file back gives the same ids. Ordering and likert questions have no GIFT
 * form and are reported instead of written.
 */
import type { ChoiceQuestion, MultipleQuestion, Question, Quiz } from '../../schemas/quiz.ts';
import { escapeGift } from './text.ts';

/** A question the export could not write, and why. */
export interface GiftExportNote {
  question: string;
  message: string;
}

const line = (marker: string, text: string, feedback: string) => `\t${marker}${escapeGift(text)}#${escapeGift(feedback)}`;

/**
 * Moodle gives a multiple-response option a weight. Right options share 100% (Moodle's own values such as
 * 33.33333); wrong ones take -100%, so choosing any wrong option scores nothing, as in Rapport. Unlike
 * Rapport, Moodle still gives partial credit for choosing only some of the right options.
 */
function weight(q: MultipleQuestion): string {
  const right = q.options.filter((o) => o.correct).length;
  return String(Math.round((100 / right) * 100000) / 100000);
}

function answers(q: ChoiceQuestion): string[] {
  if (q.type === 'truefalse') {
    const right = q.options.find((o) => o.correct)!;
    const wrong = q.options.find((o) => !o.correct)!;
    // GIFT: {T#feedback for a wrong answer#feedback for a right answer}.
    return [`\t${right.id === 'true' ? 'TRUE' : 'FALSE'}#${escapeGift(wrong.feedback)}#${escapeGift(right.feedback)}`];
  }
  if (q.type === 'single') return q.options.map((o) => line(o.correct ? '=' : '~', o.text, o.feedback));
  const share = weight(q);
  return q.options.map((o) => line(o.correct ? `~%${share}%` : '~%-100%', o.text, o.feedback));
}

function questionGift(q: ChoiceQuestion): string {
  const skills = q.skills?.length ? [`// skills: ${q.skills.join(', ')}`] : [];
  return [
    ...skills,
    `::${escapeGift(q.id)}::${escapeGift(q.prompt)} {`,
    ...answers(q),
    `\t####${escapeGift(q.explanation)}`,
    '}',
  ].join('\n');
}

const isChoice = (q: Question): q is ChoiceQuestion => q.type === 'single' || q.type === 'multiple' || q.type === 'truefalse';

/** The GIFT text of a quiz, and a note for every question it leaves out. */
export function quizToGift(quiz: Quiz, quizId: string): { gift: string; notes: GiftExportNote[] } {
  const notes: GiftExportNote[] = quiz.questions
    .filter((q) => !isChoice(q))
    .map((q) => ({ question: q.id, message: `${q.type} questions have no GIFT form; it is left out of the file.` }));
  const header = [
    `// Exported from Rapport: quiz "${quizId}" (${quiz.title}), module "${quiz.module}".`,
    `$CATEGORY: rapport/${quizId}`,
  ];
  const body = quiz.questions.filter(isChoice).map(questionGift);
  return { gift: `${[header.join('\n'), ...body].join('\n\n')}\n`, notes };
}
