/**
 * The demo's reviews and self-ratings (decision 024), after its three weeks of quizzes and role-plays have made
 * review cards: each learner works through the cards due on each past day (within the default cap), right more
 * often than not, through the same review write path as the page; the cards due today are left for the first
 * sign-in. Each learner also rated themself twice, three weeks ago and a few days ago, so the profile shows a
 * calibration gap that moves. Its own random stream, so the earlier history stays as it was.
 */
import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import type { Store } from '../db/store.ts';
import { reviewCards } from '../db/schema.ts';
import { recordReview } from '../review/reviews.ts';
import { saveSelfRatings } from '../skills/evidence.ts';
import { askFor, judgeChoice, judgeQuiz, type Ask } from '../../review/ask.ts';
import { isBestChoice } from '../../review/items.ts';
import { DEFAULT_DAILY_CAP } from '../../review/daily.ts';
import { utcDay } from '../../insight/due.ts';
import { SKILLS } from '../../../schemas/skills.ts';
import type { DiskCourse } from '../../content/course-fs.ts';

const DAY = 86_400_000;

/** Form entries answering the asked question right or wrong, as a learner would post them. */
function entriesFor(ask: Extract<Ask, { kind: 'quiz' }>, right: boolean): [string, string][] {
  const q = ask.single.questions[0]!;
  if (q.type === 'likert') return [[`q:${q.id}`, '3']];
  if (q.type === 'ordering') {
    const ids = q.items.map((i) => i.id);
    return (right ? ids : [...ids].reverse()).map((id, i): [string, string] => [`q:${q.id}:${id}`, String(i + 1)]);
  }
  const picks = right ? q.options.filter((o) => o.correct) : q.options.filter((o) => !o.correct).slice(0, 1);
  return (q.type === 'multiple' ? picks : picks.slice(0, 1)).map((o): [string, string] => [`q:${q.id}`, o.id]);
}

function judge(ask: Ask, right: boolean) {
  if (ask.kind === 'quiz') return judgeQuiz(ask, entriesFor(ask, right));
  // Practice cards come from the demo's replies, which are seeded after these reviews: none is due here.
  if (ask.kind === 'practice') return null;
  const step = (c: { id: string }) => ({ nodeId: ask.node.id, choiceId: c.id });
  const pick = ask.node.choices.find((c) => isBestChoice(ask.scenario, step(c)) === right) ?? ask.node.choices[0]!;
  return judgeChoice(ask, pick.id);
}

async function reviewDays(db: Db, store: Store, course: DiskCourse, learner: DemoReviewer, now: Date) {
  const { id: userId, random } = learner;
  const quizzes = [...course.quizzes.values()];
  const scenarios = [...course.scenarios.values()];
  const recall = 0.6 + random() * 0.3;
  for (let back = 20; back >= learner.restDays; back--) {
    const at = new Date(Math.floor((now.getTime() - back * DAY) / DAY) * DAY + 18 * 3_600_000);
    if (at.getTime() > now.getTime() - 3_600_000) break;
    const due = await db
      .select()
      .from(reviewCards)
      .where(and(eq(reviewCards.userId, userId), lte(reviewCards.due, at)))
      .orderBy(reviewCards.due)
      .limit(DEFAULT_DAILY_CAP);
    for (const card of due) {
      const ask = askFor(card, card.reps, quizzes, scenarios);
      const judged = ask ? judge(ask, random() < recall) : null;
      if (judged?.ok) await recordReview(store, card, card.reps, judged, at);
    }
  }
}

async function selfRatings(db: Db, userId: string, random: () => number, now: Date) {
  const first = Object.fromEntries(SKILLS.map((s) => [s, 2 + Math.floor(random() * 3)]));
  const later = Object.fromEntries(SKILLS.map((s) => [s, Math.min(5, first[s]! + (random() < 0.5 ? 1 : 0))]));
  for (const [values, back] of [
    [first, 20],
    [later, 3],
  ] as const) {
    const at = new Date(now.getTime() - back * DAY);
    await saveSelfRatings(db, userId, values, utcDay(at), at);
  }
}

export interface DemoReviewer {
  id: string;
  random: () => number;
  /** The last days before now without reviews (1: reviewed up to yesterday). */
  restDays: number;
}

export async function seedDemoReviews(db: Db, store: Store, course: DiskCourse, learners: DemoReviewer[], now: Date) {
  for (const learner of learners) {
    await reviewDays(db, store, course, learner, now);
    await selfRatings(db, learner.id, learner.random, now);
  }
}
