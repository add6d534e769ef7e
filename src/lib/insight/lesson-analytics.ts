/**
 * A module's lessons as a funnel: how many learners opened and completed each lesson, where along the
 * module's order they went no further, and what they thought of each lesson (ratings 1-5). Pure: the
 * counts come from SQL group-bys in src/lib/server/insight/analytics.ts; lessons that were removed or turned into
 * drafts since are simply not in `lessons` and so not shown.
 */

/** Learners with a `lesson_progress` row for the lesson, and those among them who completed it. */
export interface LessonCount {
  lessonId: string;
  opened: number;
  completed: number;
}

/** Learners whose furthest opened lesson (in module order) is `lessonId`. */
export interface FurthestCount {
  lessonId: string;
  learners: number;
}

/** How many ratings of each value a lesson has. */
export interface RatingCount {
  lessonId: string;
  rating: number;
  count: number;
}

export interface RatingSummary {
  count: number;
  /** Mean of the ratings; null without any. */
  average: number | null;
  /** Ratings of 1, 2, 3, 4 and 5, in that order. */
  distribution: [number, number, number, number, number];
}

export interface LessonFunnelRow {
  id: string;
  title: string;
  /** 1-based position in the module. */
  position: number;
  opened: number;
  completed: number;
  /** completed / opened; null when nobody opened it. */
  completionRate: number | null;
  /** opened / learners who started the module: how far along the module learners get. */
  reached: number | null;
  /** Learners who opened this lesson but no later one; for the last lesson, those who reached the end. */
  wentNoFurther: number;
  ratings: RatingSummary;
}

export interface LessonFunnel {
  /** Learners who opened at least one of the module's lessons. */
  started: number;
  lessons: LessonFunnelRow[];
  /** Every rating of the module's lessons together. */
  ratings: RatingSummary;
}

export const RATING_LABELS = ['Not useful', 'Slightly useful', 'Useful', 'Very useful', 'Extremely useful'] as const;

/** Counts, mean and distribution of ratings; values outside 1-5 (never written by our forms) are ignored. */
export function summariseRatings(counts: { rating: number; count: number }[]): RatingSummary {
  const distribution: RatingSummary['distribution'] = [0, 0, 0, 0, 0];
  for (const { rating, count } of counts) {
    const i = rating - 1;
    if (Number.isInteger(rating) && i >= 0 && i < 5) distribution[i] = (distribution[i] ?? 0) + count;
  }
  const count = distribution.reduce((n, c) => n + c, 0);
  const total = distribution.reduce((n, c, i) => n + c * (i + 1), 0);
  return { count, average: count ? total / count : null, distribution };
}

export function lessonFunnel(
  lessons: { id: string; title: string }[],
  counts: LessonCount[],
  furthest: FurthestCount[],
  ratings: RatingCount[],
): LessonFunnel {
  const current = new Set(lessons.map((l) => l.id));
  const started = furthest.filter((f) => current.has(f.lessonId)).reduce((n, f) => n + f.learners, 0);
  const rows = lessons.map((lesson, i): LessonFunnelRow => {
    const count = counts.find((c) => c.lessonId === lesson.id);
    const [opened, completed] = [count?.opened ?? 0, count?.completed ?? 0];
    return {
      id: lesson.id,
      title: lesson.title,
      position: i + 1,
      opened,
      completed,
      completionRate: opened ? completed / opened : null,
      reached: started ? opened / started : null,
      wentNoFurther: furthest.filter((f) => f.lessonId === lesson.id).reduce((n, f) => n + f.learners, 0),
      ratings: summariseRatings(ratings.filter((r) => r.lessonId === lesson.id)),
    };
  });
  return { started, lessons: rows, ratings: summariseRatings(ratings.filter((r) => current.has(r.lessonId))) };
}
