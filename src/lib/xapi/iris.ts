/**
 * Every IRI Rapport's xAPI statements use (listed with examples in docs/xapi.md). Standard ADL verbs and
 * activity types where one exists; our own under `urn:rapport:xapi:`, which stays the same in every
 * deployment, so statements from several Rapport servers can be read together. Activity ids follow the
 * cmi5 export's `urn:rapport:module:<id>` (src/lib/export/manifest.ts), so a module played in Rapport and
 * the same module played as a package in an LMS report the same activity.
 */
import { activityId as moduleActivityId } from '../export/manifest.ts';

const ADL = 'http://adlnet.gov/expapi/verbs/';
const OWN = 'urn:rapport:xapi:';

export interface Verb {
  id: string;
  display: { en: string };
}

const verb = (id: string, en: string): Verb => ({ id, display: { en } });

export const VERBS = {
  experienced: verb(`${ADL}experienced`, 'experienced'),
  completed: verb(`${ADL}completed`, 'completed'),
  attempted: verb(`${ADL}attempted`, 'attempted'),
  answered: verb(`${ADL}answered`, 'answered'),
  passed: verb(`${ADL}passed`, 'passed'),
  failed: verb(`${ADL}failed`, 'failed'),
  launched: verb(`${ADL}launched`, 'launched'),
  responded: verb(`${ADL}responded`, 'responded'),
  /** From the xAPI vocabulary registry (the TinCan verb list), the verb LRS reports know for "looked at". */
  viewed: verb('http://id.tincanapi.com/verb/viewed', 'viewed'),
  /** Ours: no ADL verb says that someone was given work to do. */
  assigned: verb(`${OWN}verbs:was-assigned`, 'was assigned'),
  /** Ours: ADL has no verb for receiving a credential. */
  earned: verb(`${OWN}verbs:earned`, 'earned'),
} as const;

const ADL_ACTIVITIES = 'http://adlnet.gov/expapi/activities/';

export const ACTIVITY_TYPES = {
  module: `${ADL_ACTIVITIES}module`,
  lesson: `${ADL_ACTIVITIES}lesson`,
  /** A module quiz or a knowledge check. */
  quiz: `${ADL_ACTIVITIES}assessment`,
  question: `${ADL_ACTIVITIES}cmi.interaction`,
  /** A role-play. */
  scenario: `${ADL_ACTIVITIES}simulation`,
  /** A role-play's decision point, answered with one of its choices. */
  node: `${ADL_ACTIVITIES}cmi.interaction`,
  debrief: `${OWN}activities:debrief`,
  path: `${OWN}activities:learning-path`,
  certificate: `${OWN}activities:certificate`,
} as const;

export const EXTENSIONS = {
  /** Result: points per skill that one choice gave, e.g. {"empathy": 2, "respect": -1}. */
  skillScores: `${OWN}extensions:skill-scores`,
  /** Result: points per skill over the whole run at its ending. */
  skillTotals: `${OWN}extensions:skill-totals`,
  /** Result: the ending's activity id. */
  ending: `${OWN}extensions:ending`,
  /** Result: strong, mixed or poor. */
  outcome: `${OWN}extensions:outcome`,
  /** Context: the assignment's due date (ISO 8601). */
  dueAt: `${OWN}extensions:due-at`,
  /** Result: until when a certificate is valid (ISO 8601), absent when it never lapses. */
  validUntil: `${OWN}extensions:valid-until`,
} as const;

/** Activity ids, stable across exports and deployments. */
export const activityIds = {
  module: moduleActivityId,
  lesson: (moduleId: string, lessonId: string) => `urn:rapport:lesson:${moduleId}/${lessonId}`,
  quiz: (quizId: string) => `urn:rapport:quiz:${quizId}`,
  question: (quizId: string, questionId: string) => `urn:rapport:quiz:${quizId}/question/${questionId}`,
  scenario: (scenarioId: string) => `urn:rapport:scenario:${scenarioId}`,
  node: (scenarioId: string, nodeId: string) => `urn:rapport:scenario:${scenarioId}/node/${nodeId}`,
  ending: (scenarioId: string, endingId: string) => `urn:rapport:scenario:${scenarioId}/ending/${endingId}`,
  debrief: (scenarioId: string) => `urn:rapport:scenario:${scenarioId}/debrief`,
  path: (pathId: string) => `urn:rapport:path:${pathId}`,
  certificate: (certificateId: string) => `urn:rapport:certificate:${certificateId}`,
};
