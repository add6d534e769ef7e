/**
 * The form posts of a practice page (/practice/[prompt]): submit a reply or a revision, share or stop sharing
 * a version, rate oneself against the rubric, say that feedback was wrong. Each answers with a redirect back
 * to the version concerned (post/redirect/get, so a reload never posts again) or a status and a short message.
 */
import type { Db } from '../db/db.ts';
import type { StoredAnalysis } from '../../practice/reply-view.ts';
import { field, rawField } from '../http/request.ts';
import type { PracticeSource } from '../review/cards.ts';
import { disagree, MAX_REPLY_LENGTH, ownReply, rateReply, RATINGS, setShared, submitReply } from './replies.ts';

export type PracticeOutcome = { redirect: string } | { status: number; message: string };

export interface PracticeContext {
  db: Db;
  userId: string;
  /** The prompt posted to: its id, and its module and rubric, which name the review cards of missed criteria. */
  prompt: PracticeSource;
  /** The rubric's criteria, in order: the only ones a post may rate or disagree with. */
  criteria: readonly string[];
  analyse(text: string): StoredAnalysis;
  /** The page's own address with its `from` kept, e.g. `/practice/late-invoice?from=...`. */
  here: URL;
}

const SUBMISSION_KEY = /^[A-Za-z0-9-]{8,64}$/;

function back(ctx: PracticeContext, version: number, done: string, anchor: string): { redirect: string } {
  const url = new URL(ctx.here);
  url.searchParams.set('v', String(version));
  url.searchParams.set('done', done);
  return { redirect: `${url.pathname}${url.search}#${anchor}` };
}

async function submit(ctx: PracticeContext, form: FormData): Promise<PracticeOutcome> {
  const body = rawField(form, 'body').trim();
  const key = field(form, 'submission');
  if (!SUBMISSION_KEY.test(key))
    return { status: 400, message: 'That form is out of date. Reload the page and send your reply again.' };
  if (body === '') return { status: 400, message: 'Your reply is empty. Write what you would say, then ask for feedback.' };
  if (body.length > MAX_REPLY_LENGTH)
    return { status: 400, message: `A reply can be at most ${MAX_REPLY_LENGTH} characters. Shorten it and send it again.` };
  const reply = await submitReply(ctx.db, ctx.userId, ctx.prompt, body, ctx.analyse(body), key);
  return back(ctx, reply.version, 'submitted', 'feedback');
}

/** Routes one post by its `intent`; the reply it names must be the poster's own. */
export async function practicePost(ctx: PracticeContext, form: FormData | null): Promise<PracticeOutcome> {
  const intent = form ? field(form, 'intent') : '';
  if (!form || !['submit', 'share', 'rate', 'disagree'].includes(intent))
    return { status: 400, message: 'That request was not understood. Reload the page and try again.' };
  if (intent === 'submit') return submit(ctx, form);
  const reply = await ownReply(ctx.db, ctx.userId, field(form, 'replyId'));
  if (!reply || reply.promptId !== ctx.prompt.id) return { status: 404, message: 'That reply does not exist. Reload the page.' };
  if (intent === 'share') {
    await setShared(ctx.db, ctx.userId, reply.id, field(form, 'shared') === 'yes');
    return back(ctx, reply.version, field(form, 'shared') === 'yes' ? 'shared' : 'unshared', 'share');
  }
  if (intent === 'rate') {
    const ratings: Record<string, number> = {};
    for (const criterion of ctx.criteria) {
      const value = Number(field(form, `rating-${criterion}`) || NaN);
      if (Number.isInteger(value) && value >= 0 && value < RATINGS.length) ratings[criterion] = value;
    }
    if (Object.keys(ratings).length === 0)
      return { status: 400, message: 'Pick a rating for at least one criterion, then save.' };
    await rateReply(ctx.db, reply, ratings);
    return back(ctx, reply.version, 'rated', 'self-rating');
  }
  const criterion = field(form, 'criterion');
  const judged = reply.analysis.criteria.find((c) => c.id === criterion);
  if (!ctx.criteria.includes(criterion) || !judged)
    return { status: 400, message: 'That criterion is not in this prompt. Reload the page.' };
  await disagree(ctx.db, reply, criterion, judged.met, rawField(form, 'note'));
  return back(ctx, reply.version, 'disagreed', `c-${criterion}`);
}
