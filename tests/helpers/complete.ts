// Records everything a module requires as done (lessons completed, end-of-module quiz passed,
// role-plays finished) straight in the database, the way the pages record them.
import type { Db } from '../../src/lib/server/db/db.ts';
import { recordCompleted } from '../../src/lib/server/learning/progress.ts';
import { quizAttempts, scenarioRuns } from '../../src/lib/server/db/schema.ts';
import { randomId } from '../../src/lib/server/auth/token.ts';
import type { CatalogModule } from '../../src/lib/content/catalog.ts';

export async function completeModule(db: Db, userId: string, module: CatalogModule, at = new Date()): Promise<void> {
  for (const lesson of module.lessons) await recordCompleted(db, userId, module.id, lesson.id, 'test', at);
  if (module.quiz) {
    await db.insert(quizAttempts).values({
      id: randomId(),
      userId,
      quizId: module.quiz.id,
      plan: '{}',
      status: 'submitted',
      startedAt: at,
      submittedAt: at,
      points: 10,
      maxPoints: 10,
      percent: 100,
      passed: true,
    });
  }
  for (const scenarioId of module.scenarioIds) {
    await db.insert(scenarioRuns).values({
      id: randomId(),
      userId,
      scenarioId,
      status: 'finished',
      outcome: 'strong',
      startedAt: at,
      updatedAt: at,
      finishedAt: at,
    });
  }
}
