import validate from '@learninglocker/xapi-validation';
import { describe, expect, it } from 'vitest';
import {
  activityIds,
  assignmentGiven,
  certificateEarned,
  debriefViewed,
  decisionMade,
  endingReached,
  lessonCompleted,
  lessonExperienced,
  questionAnswered,
  quizAttempted,
  quizFinished,
  scenarioLaunched,
  uuidV5,
  VERBS,
  type Statement,
} from '../../src/lib/xapi/index.ts';

const site = { homePage: 'https://learn.example.com' };
const at = new Date('2026-11-30T09:15:00.000Z');
const attempt = { userId: 'u-lena', quizId: 'listening-quiz', quizTitle: 'Listening', attemptId: 'att-1', at };
const run = { userId: 'u-lena', scenarioId: 'late-delivery', scenarioTitle: 'A late delivery', runId: 'run-1', at };

/** One of every statement Rapport sends. */
function everyStatement(): Statement[] {
  const lesson = { userId: 'u-lena', moduleId: 'listening', lessonId: 'reflect-back', at };
  return [
    lessonExperienced(site, lesson),
    lessonCompleted(site, lesson),
    quizAttempted(site, attempt),
    questionAnswered(site, attempt, {
      questionId: 'q1',
      prompt: 'Which reply reflects the feeling?',
      response: { type: 'single', optionIds: ['b'] },
      correct: true,
      points: 1,
      maxPoints: 1,
    }),
    questionAnswered(site, attempt, {
      questionId: 'q2',
      prompt: 'Put the steps in order',
      response: { type: 'ordering', itemIds: ['listen', 'reflect', 'ask'] },
      correct: false,
      points: 0,
      maxPoints: 2,
    }),
    questionAnswered(site, attempt, {
      questionId: 'q3',
      prompt: 'I ask before I assume',
      response: { type: 'likert', value: 4 },
      correct: null,
      points: 0,
      maxPoints: 0,
    }),
    quizFinished(site, attempt, { points: 3, maxPoints: 4, passed: true }),
    quizFinished(site, { ...attempt, attemptId: 'att-2' }, { points: 1, maxPoints: 4, passed: false }),
    quizFinished(site, { ...attempt, attemptId: 'att-3' }, { points: 2, maxPoints: 2, passed: null }),
    scenarioLaunched(site, run),
    decisionMade(site, run, {
      index: 0,
      nodeId: 'opening',
      prompt: 'Where is my parcel?',
      choiceId: 'acknowledge',
      choiceIds: ['acknowledge', 'policy'],
      scores: { empathy: 2, ownership: 1 },
    }),
    endingReached(site, run, { endingId: 'resolved', outcome: 'strong', totals: { empathy: 4, ownership: 2 } }),
    debriefViewed(site, run),
    assignmentGiven(site, {
      userId: 'u-lena',
      moduleId: 'listening',
      assignedBy: 'u-priya',
      dueAt: at,
      at,
    }),
    certificateEarned(site, {
      certificateId: 'c-1',
      userId: 'u-lena',
      pathId: 'service',
      pathTitle: 'Service',
      validUntil: at,
      at,
    }),
  ];
}

describe('xAPI statements', () => {
  it('are valid xAPI 1.0.3 by Learning Locker’s validator, every one', () => {
    expect(validate({ ...everyStatement()[0], verb: { id: 'not an iri' } }).length).toBeGreaterThan(0);
    for (const s of everyStatement()) expect(validate(s), `${s.verb.display.en} ${s.object.id}`).toEqual([]);
  });

  it('have ids derived from their record: the same record gives the same id, another record another id', () => {
    const ids = everyStatement().map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(everyStatement().map((s) => s.id)).toEqual(ids);
  });

  it('derive UUIDs by RFC 9562 version 5 (checked against Python’s uuid.uuid5)', () => {
    expect(uuidV5('urn:rapport:xapi', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).toBe('a5c281b7-b8a3-56ea-b2f3-ac14f1c4b008');
    expect(uuidV5('quiz-attempted:abc')).toBe('1267ea97-0b4b-5ca7-8925-00a57c776180');
  });

  it('send the pass or fail verb with a scaled score, and completed for a knowledge check', () => {
    const [passed, failed, check] = everyStatement().slice(6, 9);
    expect(passed!.verb).toEqual(VERBS.passed);
    expect(passed!.result).toEqual({ score: { scaled: 0.75, raw: 3, min: 0, max: 4 }, completion: true, success: true });
    expect(failed!.verb).toEqual(VERBS.failed);
    expect(check!.verb).toEqual(VERBS.completed);
    expect(check!.result).not.toHaveProperty('success');
  });

  it('report each decision with its node, the choice and the points per skill, in the run’s registration', () => {
    const decision = everyStatement()[10]!;
    expect(decision.object.id).toBe(activityIds.node('late-delivery', 'opening'));
    expect(decision.result).toEqual({
      response: 'acknowledge',
      extensions: { 'urn:rapport:xapi:extensions:skill-scores': { empathy: 2, ownership: 1 } },
    });
    expect(decision.context.registration).toBe(scenarioLaunched(site, run).context.registration);
  });

  it('name the learner by account, never by email', () => {
    expect(everyStatement()[0]!.actor).toEqual({ objectType: 'Agent', account: { homePage: site.homePage, name: 'u-lena' } });
  });

  it('give a module the same activity id as its cmi5 package', () => {
    expect(activityIds.module('listening')).toBe('urn:rapport:module:listening');
  });
});
