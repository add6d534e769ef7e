/**
 * When a review card comes back: FSRS (ts-fsrs) over whole days. A card is born from a miss, which counts as
 * its first review rated Again, so it returns the next day; a correct review rates Good and pushes the next
 * one further out, a missed review rates Again and brings it back soon. Pure: the caller passes the time.
 * See docs/decisions/024-spaced-review-and-skills.md.
 */
import { fsrs, createEmptyCard, Rating, type Card, type Grade } from 'ts-fsrs';

/** What the database keeps of a card's schedule (review_cards). */
export interface Schedule {
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
}

// Reviews come as one daily set, so minute-long learning steps would only make a card due again before the
// learner could see it: short-term scheduling is off and every interval is a whole number of days. Fuzz
// spreads cards missed on the same day over neighbouring days, which keeps the daily load even.
const scheduler = fsrs({
  request_retention: 0.9,
  maximum_interval: 365,
  enable_fuzz: true,
  enable_short_term: false,
  learning_steps: [],
  relearning_steps: [],
});

function toCard(s: Schedule): Card {
  return {
    due: s.due,
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: 0,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    last_review: s.lastReview ?? undefined,
  } as Card;
}

function fromCard(c: Card): Schedule {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ?? null,
  };
}

/** The schedule of a card created by a miss at `now`: its first review, rated Again. */
export function scheduleAfterMiss(now: Date): Schedule {
  return fromCard(scheduler.next(createEmptyCard(now), now, Rating.Again as Grade).card);
}

/** The schedule after a review at `now`: correct rates Good, a miss rates Again. */
export function scheduleAfterReview(card: Schedule, correct: boolean, now: Date): Schedule {
  const rating = (correct ? Rating.Good : Rating.Again) as Grade;
  return fromCard(scheduler.next(toCard(card), now, rating).card);
}

/** Whole days between two moments (for logs and retention buckets). */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 86_400_000;
}
