/**
 * Learners' ratings (1-5) and comments on lessons: one row per learner and lesson, so rating again edits
 * the same row. Trainers read them only through the aggregate functions below, which never select who
 * wrote what.
 */
import { and, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { lessonFeedback } from '../db/schema.ts';
import type { RatingCount } from '../../insight/lesson-analytics.ts';
import { field } from '../http/request.ts';

export const MAX_FEEDBACK_COMMENT = 1000;

export interface FeedbackInput {
  rating: number;
  /** Null when the learner left no comment. */
  comment: string | null;
}

export type ParsedFeedback = ({ ok: true } & FeedbackInput) | { ok: false; message: string; comment: string };

/** Reads `rating` and `comment` from the lesson feedback form. */
export function parseFeedback(form: FormData): ParsedFeedback {
  const raw = form.get('comment');
  // Browsers send a textarea's line breaks as CRLF but count them as one character against maxlength.
  const comment = (typeof raw === 'string' ? raw : '').replace(/\r\n?/g, '\n').trim();
  const rating = field(form, 'rating');
  if (!/^[1-5]$/.test(rating)) return { ok: false, message: 'Choose a rating from 1 to 5 before you send.', comment };
  if (comment.length > MAX_FEEDBACK_COMMENT)
    return {
      ok: false,
      message: `Your comment is ${comment.length} characters long; shorten it to ${MAX_FEEDBACK_COMMENT} or fewer.`,
      comment,
    };
  return { ok: true, rating: Number(rating), comment: comment || null };
}

export interface LessonKey {
  moduleId: string;
  lessonId: string;
}

/** Saves the learner's rating and comment, replacing what they sent before for this lesson. */
export async function saveFeedback(db: Db, userId: string, key: LessonKey, input: FeedbackInput, now = new Date()) {
  await db
    .insert(lessonFeedback)
    .values({ userId, ...key, rating: input.rating, comment: input.comment, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [lessonFeedback.userId, lessonFeedback.moduleId, lessonFeedback.lessonId],
      set: { rating: input.rating, comment: input.comment, updatedAt: now },
    });
}

/** The learner's own feedback on a lesson, to show it back to them. */
export async function feedbackFor(db: Db, userId: string, key: LessonKey): Promise<FeedbackInput | undefined> {
  const [row] = await db
    .select({ rating: lessonFeedback.rating, comment: lessonFeedback.comment })
    .from(lessonFeedback)
    .where(
      and(
        eq(lessonFeedback.userId, userId),
        eq(lessonFeedback.moduleId, key.moduleId),
        eq(lessonFeedback.lessonId, key.lessonId),
      ),
    );
  return row;
}

/** How many ratings of each value each lesson of a module has (every module when `moduleId` is omitted). */
export async function ratingCounts(db: Db, moduleId?: string): Promise<(RatingCount & { moduleId: string })[]> {
  const f = lessonFeedback;
  return db
    .select({ moduleId: f.moduleId, lessonId: f.lessonId, rating: f.rating, count: count() })
    .from(f)
    .where(moduleId === undefined ? undefined : eq(f.moduleId, moduleId))
    .groupBy(f.moduleId, f.lessonId, f.rating);
}

/** The comments on a module's lessons, newest first, with their rating but never their author. */
export async function feedbackComments(db: Db, moduleId: string) {
  return db
    .select({ lessonId: lessonFeedback.lessonId, rating: lessonFeedback.rating, comment: lessonFeedback.comment })
    .from(lessonFeedback)
    .where(and(eq(lessonFeedback.moduleId, moduleId), isNotNull(lessonFeedback.comment)))
    .orderBy(desc(lessonFeedback.updatedAt))
    .then((rows) => rows.map((r) => ({ ...r, comment: r.comment ?? '' })));
}
