/**
 * Review cards born from misses, written in the same transaction as the record they come from (a quiz
 * submission's answers, a role-play step, a practice reply), so a card is never lost when the record commits nor written
 * without it. Each insert is conditional on what the transaction stored, not on what this request graded:
 * of two racing submissions only the winner's answers exist, and only its misses become cards. The unique
 * key (learner, kind, source, item) makes a second miss of the same thing, or a double submit, a no-op.
 */
import type { Statement } from '../db/store.ts';
import { randomId } from '../auth/token.ts';
import { scheduleAfterMiss, type Schedule } from '../../review/schedule.ts';
import { objectiveOf, questionObjective, weakDecision } from '../../review/items.ts';
import type { CardKind } from '../../review/kinds.ts';
import type { Quiz } from '../../../schemas/quiz.ts';
import type { Scenario } from '../../../schemas/scenario.ts';
import type { Step } from '../../scenario/best.ts';
import type { StoredAnalysis } from '../../practice/reply-view.ts';
import type { RubricItem } from '../../../schemas/practice.ts';

const COLUMNS =
  'id, user_id, kind, source_id, item_id, objective, due, stability, difficulty, scheduled_days, reps, lapses, state, last_review, created_at';

function cardArgs(userId: string, kind: CardKind, sourceId: string, itemId: string, objective: string, s: Schedule, now: Date) {
  return [
    randomId(),
    userId,
    kind,
    sourceId,
    itemId,
    objective,
    s.due.getTime(),
    s.stability,
    s.difficulty,
    s.scheduledDays,
    s.reps,
    s.lapses,
    s.state,
    s.lastReview?.getTime() ?? null,
    now.getTime(),
  ];
}

const VALUES = COLUMNS.split(',')
  .map(() => '?')
  .join(', ');
// SQLite needs a WHERE in an INSERT ... SELECT that has an ON CONFLICT clause; ours is the condition itself.
const FROM_MISSED_ANSWER =
  `insert into review_cards (${COLUMNS}) select ${VALUES} where exists ` +
  '(select 1 from quiz_responses where attempt_id = ? and question_id = ? and correct = 0) on conflict do nothing';
// The reply row's own id: it exists only if this submission's insert stored it (not a resend, not a no-op).
const FROM_STORED_REPLY =
  `insert into review_cards (${COLUMNS}) select ${VALUES} where exists ` +
  '(select 1 from practice_replies where id = ?) on conflict do nothing';
const FROM_WEAK_STEP =
  `insert into review_cards (${COLUMNS}) select ${VALUES} where exists ` +
  '(select 1 from scenario_steps where run_id = ? and step_index = ? and node_id = ? and choice_id = ?) on conflict do nothing';

/** One statement per graded question this submission missed; run after the answers' insert. */
export function missedQuestionCards(
  userId: string,
  quiz: Quiz & { id: string },
  attemptId: string,
  graded: readonly { questionId: string; correct: boolean | null }[],
  now: Date,
): Statement[] {
  const schedule = scheduleAfterMiss(now);
  return graded.flatMap((g) => {
    const question = quiz.questions.find((q) => q.id === g.questionId);
    if (g.correct !== false || !question) return [];
    const objective = questionObjective(quiz, question);
    return [
      {
        sql: FROM_MISSED_ANSWER,
        args: [...cardArgs(userId, 'quiz', quiz.id, question.id, objective, schedule, now), attemptId, question.id],
      },
    ];
  });
}

/** The statement for a role-play decision below the best at its node (none for the best); run after the step's insert. */
export function weakStepCard(
  userId: string,
  scenario: Scenario & { id: string },
  runId: string,
  index: number,
  step: Step,
  now: Date,
): Statement[] {
  const weak = weakDecision(scenario, scenario.module, step);
  if (!weak) return [];
  const args = cardArgs(userId, 'scenario', scenario.id, step.nodeId, weak.objective, scheduleAfterMiss(now), now);
  return [{ sql: FROM_WEAK_STEP, args: [...args, runId, index, step.nodeId, step.choiceId] }];
}

/** What a practice card needs of its prompt: the criterion's skill names the card's objective. */
export interface PracticeSource {
  id: string;
  module: string;
  rubric: readonly Pick<RubricItem, 'criterion' | 'skill'>[];
}

/** One statement per rubric criterion the analysis found not met; run after the reply's insert (`replyId`). */
export function missedCriterionCards(
  userId: string,
  prompt: PracticeSource,
  replyId: string,
  analysis: StoredAnalysis,
  now: Date,
): Statement[] {
  const schedule = scheduleAfterMiss(now);
  return prompt.rubric.flatMap((item) => {
    const result = analysis.criteria.find((c) => c.id === item.criterion);
    if (!result || result.met) return [];
    const objective = objectiveOf(prompt.module, item.skill);
    const args = cardArgs(userId, 'practice', prompt.id, item.criterion, objective, schedule, now);
    return [{ sql: FROM_STORED_REPLY, args: [...args, replyId] }];
  });
}
