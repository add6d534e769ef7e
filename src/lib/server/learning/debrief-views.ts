/**
 * A learner opening the debrief of a finished run: recorded only as an xAPI statement (once per run), since
 * nothing in Rapport itself depends on it.
 */
import type { Store } from '../db/store.ts';
import { debriefViewed } from '../../xapi/index.ts';
import { queueSql } from '../xapi/outbox.ts';
import { recordingSite } from '../xapi/settings.ts';
import type { RunRow, ScenarioWithId } from './scenario-runs.ts';

export async function noteDebriefViewed(store: Store, scenario: ScenarioWithId, run: RunRow, now = new Date()): Promise<void> {
  const site = recordingSite();
  if (!site) return;
  const statement = debriefViewed(site, {
    userId: run.userId,
    scenarioId: scenario.id,
    scenarioTitle: scenario.title,
    runId: run.id,
    at: now,
  });
  // A read first: coming back to a debrief then costs no write.
  if ((await store.all('select 1 from xapi_outbox where id = ?', [statement.id])).length > 0) return;
  await store.batch([queueSql(statement, now)]);
}
