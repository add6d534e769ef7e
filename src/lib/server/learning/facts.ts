/** Everything the progress rules need to know about one learner, read in one place. */
import type { Db } from '../db/db.ts';
import type { LearnerFacts } from '../../progress/rules.ts';
import { lessonRecords } from './progress.ts';
import { passedQuizIds } from './quiz-attempts.ts';
import { finishedScenarioIds } from './scenario-runs.ts';

export async function learnerFacts(db: Db, userId: string): Promise<LearnerFacts> {
  const [lessons, passedQuizzes, finishedScenarios] = await Promise.all([
    lessonRecords(db, userId),
    passedQuizIds(db, userId),
    finishedScenarioIds(db, userId),
  ]);
  return { lessons, passedQuizzes, finishedScenarios };
}
