/**
 * One quiz file: `content/quizzes/<quiz-id>.yaml`. This schema checks the shape of the file; rules that need
 * the file as a whole (unique ids, how many options are correct, drawCount against the questions) live in
 * src/lib/quiz/validate.ts so that their messages can name the question and the fix.
 */
import { z } from 'zod';
import { kebabId as id } from './ids.ts';
import { skillSchema } from './skills.ts';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'ordering', 'likert'] as const;

/** The fixed likert scale: the value stored is the position in this list, 1-5. */
export const LIKERT_LABELS = ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'] as const;

const text = z.string().trim().min(1);

export const optionSchema = z
  .object({
    /** Unique within the question, kebab-case (`a`, `own-story`); true/false questions use `"true"` and `"false"`, quoted. */
    id,
    /** What the learner reads and picks. */
    text,
    /** `true` on a right answer; leave it out on wrong ones. */
    correct: z.boolean().default(false),
    /** Shown after submitting to whoever picked this option: why it is right, or the misconception it reflects. */
    feedback: text,
  })
  .strict();

export const orderingItemSchema = z
  .object({
    /** Unique within the question, kebab-case: `ask`, `offer-fix`. */
    id,
    /** The step as the learner reads it. */
    text,
    /** Shown after submitting: why this step belongs in this place. */
    feedback: text,
  })
  .strict();

const questionFields = {
  /** Unique within the quiz, kebab-case. Learners' answers are stored under it, so don't rename a published question. */
  id,
  /** The question or statement as the learner reads it. */
  prompt: text,
  /** Why the right answer is right (for likert: why the habit matters); shown to everyone after submitting. */
  explanation: text,
  /** Skills this question checks, from: empathy, respect, feedback, tailoring, ownership. */
  skills: z.array(skillSchema).optional(),
};

export const singleQuestionSchema = z
  .object({
    ...questionFields,
    /** `single`: the learner picks one option. */
    type: z.literal('single'),
    /** 2-6 options (3-5 reads best), exactly one with `correct: true`. */
    options: z.array(optionSchema),
  })
  .strict();

export const multipleQuestionSchema = z
  .object({
    ...questionFields,
    /** `multiple`: the learner picks every option that applies; scored all-or-nothing. */
    type: z.literal('multiple'),
    /** 3-6 options, at least two correct and at least one wrong. */
    options: z.array(optionSchema),
  })
  .strict();

export const trueFalseQuestionSchema = z
  .object({
    ...questionFields,
    /** `truefalse`: the learner judges the prompt as a statement. */
    type: z.literal('truefalse'),
    /** Exactly two options with ids `"true"` and `"false"` (texts "True" and "False"), one of them correct. */
    options: z.array(optionSchema),
  })
  .strict();

export const orderingQuestionSchema = z
  .object({
    ...questionFields,
    /** `ordering`: the learner puts the items in order. */
    type: z.literal('ordering'),
    /** 3-8 items written IN THE CORRECT ORDER; learners see them shuffled. */
    items: z.array(orderingItemSchema),
  })
  .strict();

export const likertQuestionSchema = z
  .object({
    ...questionFields,
    /** `likert`: an ungraded self-assessment on the scale Never, Rarely, Sometimes, Often, Always. No options. */
    type: z.literal('likert'),
  })
  .strict();

export const questionSchema = z.discriminatedUnion('type', [
  singleQuestionSchema,
  multipleQuestionSchema,
  trueFalseQuestionSchema,
  orderingQuestionSchema,
  likertQuestionSchema,
]);

export const quizSchema = z
  .object({
    /** The quiz heading, e.g. "Empathy at work: check your understanding". */
    title: text,
    /** Id of the module this quiz belongs to: its folder name under content/modules/. */
    module: id,
    /** Draw this many graded questions at random for each attempt; leave it out to ask them all. Likert questions are always asked. */
    drawCount: z.number().int().min(1).optional(),
    /** How many attempts a learner may make; leave it out for no limit. */
    maxAttempts: z.number().int().min(1).optional(),
    /** Minutes a learner waits after an attempt before the next one; 0, the default, means no wait. */
    retakeWaitMinutes: z.number().int().min(0).default(0),
    /** The questions; learners see them in a shuffled order. */
    questions: z.array(questionSchema).min(1),
  })
  .strict();

export type Quiz = z.output<typeof quizSchema>;
/** A quiz as written in YAML, before defaults are filled in. */
export type QuizInput = z.input<typeof quizSchema>;
export type Question = z.output<typeof questionSchema>;
export type QuestionType = Question['type'];
export type SingleQuestion = z.output<typeof singleQuestionSchema>;
export type MultipleQuestion = z.output<typeof multipleQuestionSchema>;
export type TrueFalseQuestion = z.output<typeof trueFalseQuestionSchema>;
export type OrderingQuestion = z.output<typeof orderingQuestionSchema>;
export type LikertQuestion = z.output<typeof likertQuestionSchema>;
/** A question whose answer is a set of its options. */
export type ChoiceQuestion = SingleQuestion | MultipleQuestion | TrueFalseQuestion;
export type Option = z.output<typeof optionSchema>;
export type OrderingItem = z.output<typeof orderingItemSchema>;
/** A likert answer: 1 = Never ... 5 = Always. */
export type LikertValue = 1 | 2 | 3 | 4 | 5;
