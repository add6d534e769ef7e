/**
 * The assessment lint: rules that keep quizzes and role-plays measuring skill rather than test-taking (issue
 * #16). Runs inside `npm run content:check` and the build, on the files that passed their shape checks. Each
 * problem carries its rule id and severity; docs/authoring.md explains every rule with a good and a bad example.
 */
import type { Problem } from '../content/problem.ts';
import type { ContentSource } from '../content/source.ts';
import { moduleSchema } from '../../schemas/module.ts';
import { quizSchema } from '../../schemas/quiz.ts';
import { scenarioSchema } from '../../schemas/scenario.ts';
import { validateQuiz } from '../quiz/validate.ts';
import { validateScenario } from '../scenario/validate.ts';
import { questionFindings } from './quiz-items.ts';
import { lengthShare, overlapLine, poolProblems, trueFalseBalance, type QuizFile } from './quiz-sets.ts';
import { choiceProblems, decisionShare, type ScenarioFile } from './scenario-choices.ts';
import { structureProblems } from './scenario-structure.ts';

/** Quizzes that pass their own checks (the lint would only repeat broken ones' problems). */
export function lintableQuizzes(src: ContentSource): QuizFile[] {
  return src.quizzes.flatMap((f) => {
    const parsed = f.readError ? undefined : quizSchema.safeParse(f.data);
    return parsed?.success && validateQuiz(f.data, f.file).length === 0 ? [{ file: f.file, id: f.id, quiz: parsed.data }] : [];
  });
}

export function lintableScenarios(src: ContentSource): ScenarioFile[] {
  return src.scenarios.flatMap((f) => {
    const parsed = f.readError ? undefined : scenarioSchema.safeParse(f.data);
    return parsed?.success && validateScenario(f.data, f.file).length === 0
      ? [{ file: f.file, id: f.id, scenario: parsed.data }]
      : [];
  });
}

/** The ids of quizzes that modules use as their end-of-module quiz. */
function moduleQuizIds(src: ContentSource): Set<string> {
  return new Set(
    src.modules.flatMap((m) => {
      const parsed = moduleSchema.safeParse(m.data);
      return parsed.success && parsed.data.quiz ? [parsed.data.quiz.id] : [];
    }),
  );
}

export function lintQuizzes(src: ContentSource): Problem[] {
  const quizzes = lintableQuizzes(src);
  const moduleQuizzes = moduleQuizIds(src);
  const perQuiz = quizzes.flatMap(({ file, id, quiz }) => [
    ...quiz.questions.flatMap(questionFindings).map((f) => ({ file, ...f })),
    ...lengthShare(file, `Quiz "${id}"`, quiz.questions),
    ...trueFalseBalance(file, `Quiz "${id}"`, quiz.questions),
    ...(moduleQuizzes.has(id) ? poolProblems({ file, id, quiz }) : []),
  ]);
  const all = quizzes.flatMap((q) => q.quiz.questions);
  const course =
    quizzes.length > 1
      ? [...lengthShare('content/quizzes/', 'The course', all), ...trueFalseBalance('content/quizzes/', 'The course', all)]
      : [];
  return [...perQuiz, ...course];
}

export function lintScenarios(src: ContentSource): Problem[] {
  const scenarios = lintableScenarios(src);
  const perScenario = scenarios.flatMap((s) => [...choiceProblems(s), ...structureProblems(s)]);
  const course = scenarios.length > 1 ? decisionShare('content/scenarios/', 'The course', scenarios) : [];
  return [...perScenario, ...course];
}

export function lintCourse(src: ContentSource): Problem[] {
  return [...lintQuizzes(src), ...lintScenarios(src)];
}

/** For each module quiz, the expected overlap of two attempts' questions (printed by `npm run content:check`). */
export function retakeOverlaps(src: ContentSource): string[] {
  const moduleQuizzes = moduleQuizIds(src);
  return lintableQuizzes(src)
    .filter((q) => moduleQuizzes.has(q.id))
    .map(overlapLine);
}
