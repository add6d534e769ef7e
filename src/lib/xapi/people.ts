/** Statements about assignments and certificates (docs/xapi.md). */
import { activityIds, EXTENSIONS, VERBS } from './iris.ts';
import { activity, agent, statement, type Statement, type XapiSite } from './statement.ts';

export interface AssignmentEvent {
  assignmentId: string;
  userId: string;
  moduleId: string;
  /** Who assigned it; null when the system did (a recertification). */
  assignedBy: string | null;
  dueAt: Date;
  at: Date;
}

/** The learner was given a module to do by a date; the assigner is the context's instructor. */
export function assignmentGiven(site: XapiSite, e: AssignmentEvent): Statement {
  return statement({
    key: `assignment:${e.assignmentId}:${e.at.getTime()}`,
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
