/**
 * The parts every Rapport statement shares: the learner as an account agent (their Rapport id, never
 * their email, so the LRS holds no contact data), the platform, and an id derived from the record.
 */
import { ACTIVITY_TYPES, type Verb } from './iris.ts';
import { uuidV5 } from './uuid.ts';

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition: { type: string; name?: { en: string } } & Record<string, unknown>;
}

export interface Statement {
  id: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  verb: Verb;
  object: Activity;
  result?: Record<string, unknown>;
  context: {
    platform: 'Rapport';
    language: 'en';
    registration?: string;
    instructor?: { objectType: 'Agent'; account: { homePage: string; name: string } };
    contextActivities?: { parent?: Activity[]; grouping?: Activity[] };
    extensions?: Record<string, unknown>;
  };
  timestamp: string;
}

/** What every builder needs: the homePage of learners' accounts (XAPI_ACCOUNT_HOMEPAGE or PUBLIC_ORIGIN). */
export interface XapiSite {
  homePage: string;
}

export function agent(site: XapiSite, userId: string): Statement['actor'] {
  return { objectType: 'Agent', account: { homePage: site.homePage, name: userId } };
}

export function activity(id: string, type: keyof typeof ACTIVITY_TYPES, title?: string): Activity {
  const definition: Activity['definition'] = { type: ACTIVITY_TYPES[type] };
  if (title) definition.name = { en: title };
  return { objectType: 'Activity', id, definition };
}

/** The registration grouping one quiz attempt's or one run's statements, as LRS reports expect. */
export const registrationOf = (kind: 'attempt' | 'run', id: string) => uuidV5(`registration:${kind}:${id}`);

export interface Parts {
  /** What makes this statement unique among all records, e.g. `quiz-result:<attempt id>`. */
  key: string;
  site: XapiSite;
  userId: string;
  verb: Verb;
  object: Activity;
  at: Date;
  result?: Statement['result'];
  context?: Omit<Statement['context'], 'platform' | 'language'>;
}

export function statement({ key, site, userId, verb, object, at, result, context }: Parts): Statement {
  const s: Statement = {
    id: uuidV5(key),
    actor: agent(site, userId),
    verb,
    object,
    context: { platform: 'Rapport', language: 'en', ...context },
    timestamp: at.toISOString(),
  };
  if (result) s.result = result;
  return s;
}

/** A score as xAPI wants it: scaled in [0, 1] besides raw, min and max. */
export function score(points: number, maxPoints: number) {
  return {
    scaled: maxPoints > 0 ? Math.round((points / maxPoints) * 10000) / 10000 : 0,
    raw: points,
    min: 0,
    max: Math.max(maxPoints, points),
  };
}
