/**
 * A practice card: a reply-practice criterion the learner did not meet. Its review asks for a new reply to a
 * prompt whose rubric has the same criterion (another prompt where there is one, so the learner practises the
 * criterion rather than recalling their last answer), and only that criterion is judged. Pure: the caller
 * passes the prompts.
 */
import type { PracticePrompt, RubricItem } from '../../schemas/practice.ts';
import { seededRandom } from '../quiz/attempt.ts';
import { analyseReply, type CriterionId } from '../practice/index.ts';
import { contextOf } from '../practice/prompt-analysis.ts';
import { MAX_REPLY_LENGTH, type StoredAnalysis } from '../practice/reply-view.ts';

type PromptWithId = PracticePrompt & { id: string };

export interface PracticeAsk {
  kind: 'practice';
  prompt: PromptWithId;
  /** The criterion judged, as the asked prompt's rubric states it (with its hint there). */
  item: RubricItem;
}

/** What a practice review stored in review_logs.answer: the reply and the analyser's result on the criterion. */
export interface PracticeAnswer {
  body: string;
  result: StoredAnalysis['criteria'][number];
}

/** The prompt to ask for the card at this seed; null when no prompt has the criterion any more. */
export function askPractice(
  prompts: readonly PromptWithId[],
  card: { sourceId: string; itemId: string },
  seed: string,
): PracticeAsk | null {
  const withItem = (p: PromptWithId) => p.rubric.find((r) => r.criterion === card.itemId);
  const others = prompts.filter((p) => !p.draft && p.id !== card.sourceId && withItem(p));
  const prompt = others.length
    ? others[Math.floor(seededRandom(seed)() * others.length)]!
    : prompts.find((p) => p.id === card.sourceId && withItem(p));
  return prompt ? { kind: 'practice', prompt, item: withItem(prompt)! } : null;
}

export type PracticeJudged =
  { ok: true; askedId: string; answer: PracticeAnswer; correct: boolean } | { ok: false; message: string };

/** Judges a reply written in a review: right when the analyser finds the card's criterion met. */
export function judgePractice(ask: PracticeAsk, body: string): PracticeJudged {
  const text = body.trim();
  if (text === '') return { ok: false, message: 'Your reply is empty. Write what you would say, then send it.' };
  if (text.length > MAX_REPLY_LENGTH)
    return { ok: false, message: `A reply can be at most ${MAX_REPLY_LENGTH} characters. Shorten it and send it again.` };
  const context = { ...contextOf(ask.prompt), criteria: [ask.item.criterion as CriterionId] };
  const [result] = analyseReply(text, context).criteria;
  if (!result) return { ok: false, message: 'This criterion cannot be judged any more. Open your reviews again.' };
  return { ok: true, askedId: ask.prompt.id, answer: { body: text, result }, correct: result.met };
}
