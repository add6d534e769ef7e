/** Statements about role-plays (docs/xapi.md): one per decision, unlike H5P's branching scenario, which sends none. */
import { activityIds, EXTENSIONS, VERBS } from './iris.ts';
import { activity, registrationOf, statement, type Statement, type XapiSite } from './statement.ts';

export interface RunEvent {
  userId: string;
  scenarioId: string;
  scenarioTitle?: string;
  runId: string;
  at: Date;
}

const scenarioObject = (e: RunEvent) => activity(activityIds.scenario(e.scenarioId), 'scenario', e.scenarioTitle);
const runContext = (e: RunEvent) => ({ registration: registrationOf('run', e.runId) });

export function scenarioLaunched(site: XapiSite, e: RunEvent): Statement {
  return statement({
    key: `scenario-launched:${e.runId}`,
    site,
    userId: e.userId,
    verb: VERBS.launched,
    object: scenarioObject(e),
    at: e.at,
    context: runContext(e),
  });
}

export interface Decision {
  /** The decision's place in the run (0 for the first); one statement per place. */
  index: number;
  nodeId: string;
  /** What the other person said at this node. */
  prompt?: string;
  choiceId: string;
  /** Every choice offered at the node, so an LRS report can show what was not picked. */
  choiceIds: string[];
  /** Points per skill this choice gave. */
  scores: Record<string, number>;
}

export function decisionMade(site: XapiSite, e: RunEvent, d: Decision): Statement {
  const object = activity(activityIds.node(e.scenarioId, d.nodeId), 'node', d.prompt);
  object.definition.interactionType = 'choice';
  object.definition.choices = d.choiceIds.map((id) => ({ id, description: { en: id } }));
  return statement({
    key: `scenario-decision:${e.runId}:${d.index}`,
    site,
    userId: e.userId,
    verb: VERBS.responded,
    object,
    at: e.at,
    result: { response: d.choiceId, extensions: { [EXTENSIONS.skillScores]: d.scores } },
    context: { ...runContext(e), contextActivities: { parent: [scenarioObject(e)] } },
  });
}

export interface Ending {
  endingId: string;
  outcome: 'strong' | 'mixed' | 'poor';
  totals: Record<string, number>;
}

/** The run reached an ending: the role-play is completed, successfully when the ending is strong. */
export function endingReached(site: XapiSite, e: RunEvent, end: Ending): Statement {
  return statement({
    key: `scenario-ending:${e.runId}`,
    site,
    userId: e.userId,
    verb: VERBS.completed,
    object: scenarioObject(e),
    at: e.at,
    result: {
      completion: true,
      success: end.outcome === 'strong',
      extensions: {
        [EXTENSIONS.ending]: activityIds.ending(e.scenarioId, end.endingId),
        [EXTENSIONS.outcome]: end.outcome,
        [EXTENSIONS.skillTotals]: end.totals,
      },
    },
    context: runContext(e),
  });
}

/** The learner opened the debrief of a finished run (the first time only). */
export function debriefViewed(site: XapiSite, e: RunEvent): Statement {
  return statement({
    key: `scenario-debrief:${e.runId}`,
    site,
    userId: e.userId,
    verb: VERBS.viewed,
    object: activity(activityIds.debrief(e.scenarioId), 'debrief'),
    at: e.at,
    context: { ...runContext(e), contextActivities: { parent: [scenarioObject(e)] } },
  });
}
