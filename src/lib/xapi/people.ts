/** Statements about assignments and certificates (docs/xapi.md). */
import { activityIds, EXTENSIONS, VERBS } from './iris.ts';
import { activity, agent, statement, type Statement, type XapiSite } from './statement.ts';

export interface AssignmentEvent {
  userId: string;
  moduleId: string;
  /** Who assigned it; null when the system did (a recertification). */
  assignedBy: string | null;
  dueAt: Date;
  at: Date;
}

/**
 * The learner was given a module to do by a date (or a new date: assigning again moves it); the assigner is
 * the context's instructor. One statement per assigning, keyed by person, module and time.
 */
export function assignmentGiven(site: XapiSite, e: AssignmentEvent): Statement {
  return statement({
    key: `assignment:${e.userId}:${e.moduleId}:${e.at.getTime()}`,
    site,
    userId: e.userId,
    verb: VERBS.assigned,
    object: activity(activityIds.module(e.moduleId), 'module'),
    at: e.at,
    context: {
      ...(e.assignedBy ? { instructor: agent(site, e.assignedBy) } : {}),
      extensions: { [EXTENSIONS.dueAt]: e.dueAt.toISOString() },
    },
  });
}

export interface CertificateEvent {
  certificateId: string;
  userId: string;
  pathId: string;
  pathTitle: string;
  validUntil: Date | null;
  at: Date;
}

export function certificateEarned(site: XapiSite, e: CertificateEvent): Statement {
  return statement({
    key: `certificate:${e.certificateId}`,
    site,
    userId: e.userId,
    verb: VERBS.earned,
    object: activity(activityIds.certificate(e.certificateId), 'certificate', `Certificate: ${e.pathTitle}`),
    at: e.at,
    ...(e.validUntil ? { result: { extensions: { [EXTENSIONS.validUntil]: e.validUntil.toISOString() } } } : {}),
    context: { contextActivities: { grouping: [activity(activityIds.path(e.pathId), 'path', e.pathTitle)] } },
  });
}
