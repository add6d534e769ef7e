// Path completion, validity and the issue/renew decision, with the clock passed in as `now`.
import { describe, expect, it } from 'vitest';
import type { CatalogModule } from '../../src/lib/content/catalog.ts';
import { pathCompletion, type DatedFacts, type LearningPath } from '../../src/lib/certificates/paths.ts';
import { decide, needsRecertAssignment, recertDueAt, type LatestCertificate } from '../../src/lib/certificates/rules.ts';
import { addMonths, certificateStatus, expiryBucket, validUntil } from '../../src/lib/certificates/validity.ts';

function mod(id: string, lessons: string[], quiz: boolean, scenarioIds: string[] = []): CatalogModule {
  return {
    id,
    title: id,
    summary: 'A module for tests.',
    objectives: ['Do the thing well.'],
    order: 1,
    audience: 'Everyone',
    estimatedMinutes: 10,
    draft: false,
    quiz: quiz ? { id: `${id}-quiz`, passMark: 70 } : undefined,
    lessons: lessons.map((l) => ({ id: l, key: `${id}/${l}`, moduleId: id }) as CatalogModule['lessons'][number]),
    scenarioIds,
  };
}

const CATALOG = [
  mod('a', ['one', 'two'], true, ['a-talk']),
  mod('b', ['one'], true),
  mod('c', ['one'], false),
  mod('d', ['one'], false),
];
const PATH: LearningPath = {
  id: 'care',
  version: 'v1',
  title: 'Care',
  summary: 'A path for tests.',
  modules: ['a', 'b'],
  electives: { choose: 1, from: ['c', 'd'] },
  validityMonths: 12,
  recertification: { noticeDays: 60, refresher: 'care-refresher' },
  refresher: false,
  issuer: 'Tests',
  draft: false,
};
const REFRESHER: LearningPath = {
  ...PATH,
  id: 'care-refresher',
  modules: ['b'],
  electives: undefined,
  validityMonths: undefined,
  recertification: undefined,
  refresher: true,
};
const PATHS = [PATH, REFRESHER];
const T0 = new Date('2026-01-10T09:00:00Z');

function facts(at: Date, skip: string[] = []): DatedFacts {
  const lessons = ['a/one', 'a/two', 'b/one', 'c/one'].filter((k) => !skip.includes(k));
  return {
    completedLessons: new Set(lessons),
    quizPasses: ['a-quiz', 'b-quiz'].filter((q) => !skip.includes(q)).map((quizId) => ({ quizId, at })),
    scenarioEndings: skip.includes('a-talk') ? [] : [{ scenarioId: 'a-talk', at }],
  };
}

describe('path completion', () => {
  it('is complete only when every requirement and enough electives are met', () => {
    expect(pathCompletion(PATH, CATALOG, facts(T0)).complete).toBe(true);
    for (const missing of ['a/two', 'b-quiz', 'a-talk', 'c/one'])
      expect(pathCompletion(PATH, CATALOG, facts(T0, [missing])).complete, missing).toBe(false);
    expect(pathCompletion(PATH, CATALOG, facts(T0, ['b-quiz'])).missing).toEqual(['b']);
  });

  it('counts a module missing from the catalog (a draft) as not done', () => {
    expect(
      pathCompletion(
        PATH,
        CATALOG.filter((m) => m.id !== 'b'),
        facts(T0),
      ).complete,
    ).toBe(false);
  });

  it('counts only quizzes and role-plays since a date for a renewal', () => {
    const since = new Date('2026-06-01T00:00:00Z');
    expect(pathCompletion(PATH, CATALOG, facts(T0), since).complete).toBe(false);
    expect(pathCompletion(PATH, CATALOG, facts(since), since).complete).toBe(true);
  });
});

describe('validity', () => {
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(validUntil(T0, 12)?.toISOString()).toBe('2027-01-10T09:00:00.000Z');
    expect(validUntil(T0, undefined)).toBeNull();
  });

  it('renews from the old expiry when renewed early, from now when lapsed', () => {
    const old = new Date('2026-03-01T00:00:00Z');
    expect(validUntil(new Date('2026-02-01T00:00:00Z'), 12, old)?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(validUntil(new Date('2026-04-01T00:00:00Z'), 12, old)?.toISOString()).toBe('2027-04-01T00:00:00.000Z');
  });

  it('reports valid, expired and revoked, and the expiry windows', () => {
    const cert = { issuedAt: T0, validUntil: new Date('2026-12-31T00:00:00Z'), revokedAt: null };
    expect(certificateStatus(cert, new Date('2026-12-30T23:59:59Z'))).toBe('valid');
    expect(certificateStatus(cert, new Date('2026-12-31T00:00:00Z'))).toBe('expired');
    expect(certificateStatus({ ...cert, revokedAt: T0 }, T0)).toBe('revoked');
    const at = (iso: string) => expiryBucket(cert, new Date(iso));
    expect([
      at('2026-12-15T00:00:00Z'),
      at('2026-11-15T00:00:00Z'),
      at('2026-10-15T00:00:00Z'),
      at('2026-06-01T00:00:00Z'),
      at('2027-01-01T00:00:00Z'),
    ]).toEqual(['30', '60', '90', 'later', 'lapsed']);
    expect(expiryBucket({ ...cert, validUntil: null }, T0)).toBe('never');
  });
});

describe('issue and renew', () => {
  const latest: LatestCertificate = {
    cycle: 1,
    issuedAt: T0,
    validUntil: new Date('2027-01-10T09:00:00Z'),
    revokedAt: null,
    recertAssignedAt: null,
  };
  const inWindow = new Date('2026-12-01T00:00:00Z');

  it('issues a first certificate on completion and not before', () => {
    expect(decide(PATH, PATHS, undefined, CATALOG, facts(T0, ['b-quiz']), T0)).toEqual({ kind: 'none' });
    expect(decide(PATH, PATHS, undefined, CATALOG, facts(T0), T0)).toEqual({ kind: 'issue' });
    expect(decide(REFRESHER, PATHS, undefined, CATALOG, facts(T0), T0)).toEqual({ kind: 'none' });
  });

  it('renews once the window is open and the refresher is passed again', () => {
    expect(decide(PATH, PATHS, latest, CATALOG, facts(T0), new Date('2026-06-01T00:00:00Z'))).toEqual({ kind: 'none' });
    expect(decide(PATH, PATHS, latest, CATALOG, facts(T0), inWindow)).toEqual({ kind: 'none' });
    // The refresher asks only for module b: its quiz passed again inside the window is enough.
    const refreshed: DatedFacts = { ...facts(T0), quizPasses: [...facts(T0).quizPasses, { quizId: 'b-quiz', at: inWindow }] };
    expect(decide(PATH, PATHS, latest, CATALOG, refreshed, inWindow)).toEqual({ kind: 'renew', previous: latest });
    expect(decide(PATH, PATHS, { ...latest, revokedAt: T0 }, CATALOG, refreshed, inWindow)).toEqual({ kind: 'none' });
  });

  it('asks for a recertification assignment once the window opens, once', () => {
    expect(needsRecertAssignment(PATH, latest, new Date('2026-11-11T08:59:59Z'))).toBe(false);
    expect(needsRecertAssignment(PATH, latest, new Date('2026-11-11T09:00:00Z'))).toBe(true);
    expect(needsRecertAssignment(PATH, { ...latest, recertAssignedAt: inWindow }, inWindow)).toBe(false);
    expect(recertDueAt(latest, inWindow)).toEqual(latest.validUntil);
    expect(recertDueAt(latest, new Date('2027-02-01T00:00:00Z')).toISOString()).toBe('2027-03-03T00:00:00.000Z');
  });
});
