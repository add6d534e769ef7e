/** Statements about lessons and quizzes (docs/xapi.md). Pure: the server decides when to queue them. */
import { activityIds, VERBS } from './iris.ts';
import { activity, registrationOf, score, statement, type Statement, type XapiSite } from './statement.ts';
import type { Response } from '../quiz/grade.ts';

export interface LessonEvent {
  userId: string;
  moduleId: string;
  lessonId: string;
  at: Date;
}

const lessonParent = (moduleId: string) => ({
  contextActivities: { parent: [activity(activityIds.module(moduleId), 'module')] },
});

/** Each recorded opening of a lesson (re-openings within a minute are not recorded, so not sent). */
export function lessonExperienced(site: XapiSite, e: LessonEvent): Statement {
  return statement({
    key: `lesson-experienced:${e.userId}:${e.moduleId}:${e.lessonId}:${e.at.getTime()}`,
    site,
    userId: e.userId,
    verb: VERBS.experienced,
    object: activity(activityIds.lesson(e.moduleId, e.lessonId), 'lesson'),
    at: e.at,
    context: lessonParent(e.moduleId),
  });
}

/** The first completion of a lesson (completing again changes nothing, so sends nothing). */
export function lessonCompleted(site: XapiSite, e: LessonEvent): Statement {
  return statement({
    key: `lesson-completed:${e.userId}:${e.moduleId}:${e.lessonId}`,
    site,
    userId: e.userId,
    verb: VERBS.completed,
    object: activity(activityIds.lesson(e.moduleId, e.lessonId), 'lesson'),
    at: e.at,
    result: { completion: true },
    context: lessonParent(e.moduleId),
  });
}

export interface AttemptEvent {
  userId: string;
  quizId: string;
  quizTitle?: string;
  attemptId: string;
  at: Date;
}

const quizObject = (e: AttemptEvent) => activity(activityIds.quiz(e.quizId), 'quiz', e.quizTitle);

export function quizAttempted(site: XapiSite, e: AttemptEvent): Statement {
  return statement({
    key: `quiz-attempted:${e.attemptId}`,
    site,
    userId: e.userId,
    verb: VERBS.attempted,
    object: quizObject(e),
    at: e.at,
    context: { registration: registrationOf('attempt', e.attemptId) },
  });
}

export interface AnsweredQuestion {
  questionId: string;
  prompt: string;
  response: Response;
  /** Null for a likert (self-assessment) question, which has no right answer. */
  correct: boolean | null;
  points: number;
  maxPoints: number;
}

/** cmi.interaction types and the response in xAPI's `[,]`-separated form. */
function interaction(r: Response): { interactionType: string; response: string } {
  if (r.type === 'ordering') return { interactionType: 'sequencing', response: r.itemIds.join('[,]') };
  if (r.type === 'likert') return { interactionType: 'likert', response: String(r.value) };
  // True/false options have their own ids, not xAPI's true/false, so they travel as a choice.
  return { interactionType: 'choice', response: r.optionIds.join('[,]') };
}

export function questionAnswered(site: XapiSite, e: AttemptEvent, q: AnsweredQuestion): Statement {
  const { interactionType, response } = interaction(q.response);
  const object = activity(activityIds.question(e.quizId, q.questionId), 'question', q.prompt);
  object.definition.interactionType = interactionType;
  const result: Statement['result'] = { response, score: score(q.points, q.maxPoints) };
  if (q.correct !== null) result.success = q.correct;
  return statement({
    key: `question-answered:${e.attemptId}:${q.questionId}`,
    site,
    userId: e.userId,
    verb: VERBS.answered,
    object,
    at: e.at,
    result,
    context: { registration: registrationOf('attempt', e.attemptId), contextActivities: { parent: [quizObject(e)] } },
  });
}

export interface QuizOutcome {
  points: number;
  maxPoints: number;
  /** Null for a knowledge check (no pass mark): the statement says completed. */
  passed: boolean | null;
}

export function quizFinished(site: XapiSite, e: AttemptEvent, o: QuizOutcome): Statement {
  const verb = o.passed === null ? VERBS.completed : o.passed ? VERBS.passed : VERBS.failed;
  const result: Statement['result'] = { score: score(o.points, o.maxPoints), completion: true };
  if (o.passed !== null) result.success = o.passed;
  return statement({
    key: `quiz-result:${e.attemptId}`,
    site,
    userId: e.userId,
    verb,
    object: quizObject(e),
    at: e.at,
    result,
    context: { registration: registrationOf('attempt', e.attemptId) },
  });
}
