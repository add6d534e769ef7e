/**
 * The evidence behind skill profiles (docs/skills.md), read for one person or many: graded quiz answers (each
 * of the question's skills), finished role-play runs (each skill against the best path) and reviews (the
 * card's skill). Self-ratings are kept apart: they are the learner's own and never reach anyone else.
 */
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { quizAttempts, quizResponses, reviewLogs, scenarioRuns, skillSelfRatings } from '../db/schema.ts';
import { bestPossible } from '../../scenario/best.ts';
import { objectiveSkill } from '../../review/labels.ts';
import type { Evidence, SelfRating } from '../../skills/method.ts';
import type { Quiz } from '../../../schemas/quiz.ts';
import type { Scenario } from '../../../schemas/scenario.ts';
import { SKILLS, type Skill } from '../../../schemas/skills.ts';

export interface Content {
  quizzes: readonly (Quiz & { id: string })[];
  scenarios: readonly (Scenario & { id: string })[];
}

function skillsByQuestion(content: Content): Map<string, Skill[]> {
  return new Map(content.quizzes.flatMap((q) => q.questions.map((x) => [`${q.id}:${x.id}`, x.skills ?? []] as const)));
}

/** A finished run's evidence: per skill, its score as a share of the best path's (skills the best path scores). */
function runEvidence(s: Scenario, totals: Record<string, number>, at: Date): Evidence[] {
  const best = bestPossible(s).perSkill;
  return s.skills.flatMap((skill) => {
    const top = best[skill] ?? 0;
    return top > 0 ? [{ skill, source: 'role-play' as const, at, value: (totals[skill] ?? 0) / top }] : [];
  });
}

async function chunk(db: Db, ids: readonly string[], content: Content, into: Map<string, Evidence[]>) {
  const [answers, runs, reviews] = await Promise.all([
    db
      .select({
        userId: quizAttempts.userId,
        quizId: quizAttempts.quizId,
        questionId: quizResponses.questionId,
        correct: quizResponses.correct,
        at: quizAttempts.submittedAt,
      })
      .from(quizResponses)
      .innerJoin(quizAttempts, eq(quizAttempts.id, quizResponses.attemptId))
      .where(and(inArray(quizAttempts.userId, [...ids]), eq(quizAttempts.status, 'submitted'), isNotNull(quizResponses.correct))),
    db
      .select({
        userId: scenarioRuns.userId,
        scenarioId: scenarioRuns.scenarioId,
        totals: scenarioRuns.totals,
        at: scenarioRuns.finishedAt,
      })
      .from(scenarioRuns)
      .where(and(inArray(scenarioRuns.userId, [...ids]), eq(scenarioRuns.status, 'finished'))),
    db
      .select({ userId: reviewLogs.userId, objective: reviewLogs.objective, correct: reviewLogs.correct, at: reviewLogs.at })
      .from(reviewLogs)
      .where(inArray(reviewLogs.userId, [...ids])),
  ]);
  const tags = skillsByQuestion(content);
  const scenarios = new Map(content.scenarios.map((s) => [s.id, s]));
  const add = (userId: string, e: Evidence[]) => into.set(userId, [...(into.get(userId) ?? []), ...e]);
  for (const a of answers)
    if (a.at)
      add(
        a.userId,
        (tags.get(`${a.quizId}:${a.questionId}`) ?? []).map((skill) => ({
          skill,
          source: 'quiz',
          at: a.at!,
          value: a.correct ? 1 : 0,
        })),
      );
  for (const r of runs) {
    const s = scenarios.get(r.scenarioId);
    if (s && r.at) add(r.userId, runEvidence(s, JSON.parse(r.totals) as Record<string, number>, r.at));
  }
  for (const r of reviews) {
    const skill = objectiveSkill(r.objective);
    if (skill) add(r.userId, [{ skill, source: 'review', at: r.at, value: r.correct ? 1 : 0 }]);
  }
}

/** Every person's evidence, by id (people without any are absent). */
export async function evidenceOf(db: Db, userIds: readonly string[], content: Content): Promise<Map<string, Evidence[]>> {
  const into = new Map<string, Evidence[]>();
  for (let i = 0; i < userIds.length; i += 500) await chunk(db, userIds.slice(i, i + 500), content, into);
  return into;
}

/** The learner's own self-ratings, oldest first. Only ever read for the learner themself. */
export async function selfRatingsOf(db: Db, userId: string): Promise<SelfRating[]> {
  const rows = await db
    .select()
    .from(skillSelfRatings)
    .where(eq(skillSelfRatings.userId, userId))
    .orderBy(asc(skillSelfRatings.at));
  return rows.flatMap((r) =>
    (SKILLS as readonly string[]).includes(r.skill) ? [{ skill: r.skill as Skill, value: r.value, at: r.at }] : [],
  );
}

/** Saves today's self-ratings (1-5 per skill); rating again on the same day replaces that day's. */
export async function saveSelfRatings(
  db: Db,
  userId: string,
  values: Partial<Record<Skill, number>>,
  day: string,
  now = new Date(),
) {
  const rows = Object.entries(values).map(([skill, value]) => ({ userId, skill, day, value: value!, at: now }));
  if (rows.length === 0) return;
  await db
    .insert(skillSelfRatings)
    .values(rows)
    .onConflictDoUpdate({
      target: [skillSelfRatings.userId, skillSelfRatings.skill, skillSelfRatings.day],
      set: { value: sql`excluded.value`, at: now },
    });
}
