// Tests that fail when the course can be gamed (issue #16). A "test-wise learner" bot knows no content, only the
// cues: it picks the longest option, answers "False" to every true/false statement and, in role-plays, says the
// longest line. It takes every module quiz through the same planning and grading the server uses
// (src/lib/server/quiz-attempts.ts calls planAttempt and gradeAttempt), and plays every role-play through the
// engine, in the shuffled order a run shows. A third test walks every path of every role-play.
import { describe, expect, it } from 'vitest';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { visibleLength } from '../../src/lib/lint/share.ts';
import { gradeAttempt, planAttempt, type Responses } from '../../src/lib/quiz/index.ts';
import { findQuestion, type AttemptPlan } from '../../src/lib/quiz/attempt.ts';
import { allPaths, applyChoice, bestPossible, choiceOrder, debrief, startState } from '../../src/lib/scenario/index.ts';
import type { Quiz } from '../../src/schemas/quiz.ts';
import type { Scenario } from '../../src/schemas/scenario.ts';

const course = loadCourseFromDisk(process.cwd());
const ATTEMPTS = 200;
/** The bot's mean must stay at least this many points below the pass mark. */
const MARGIN = 20;

const longest = <T extends { text: string }>(list: T[]): T =>
  list.reduce((best, item) => (visibleLength(item.text) > visibleLength(best.text) ? item : best));

/** The bot's answers to one planned attempt, read from what the learner is shown (the plan's order). */
function botAnswers(quiz: Quiz, plan: AttemptPlan): Responses {
  const responses: Responses = {};
  for (const planned of plan.questions) {
    const q = findQuestion(quiz, planned.id);
    if (q.type === 'likert') responses[q.id] = { type: 'likert', value: 3 };
    else if (q.type === 'ordering') responses[q.id] = { type: 'ordering', itemIds: planned.order };
    else if (q.type === 'truefalse') responses[q.id] = { type: 'truefalse', optionIds: ['false'] };
    else {
      const shown = planned.order.map((id) => q.options.find((o) => o.id === id)!);
      if (q.type === 'single') responses[q.id] = { type: 'single', optionIds: [longest(shown).id] };
      else {
        // Multiple response: tick every option at least as long as the average, the longer half.
        const mean = shown.reduce((sum, o) => sum + visibleLength(o.text), 0) / shown.length;
        responses[q.id] = { type: 'multiple', optionIds: shown.filter((o) => visibleLength(o.text) >= mean).map((o) => o.id) };
      }
    }
  }
  return responses;
}

const moduleQuizzes = course.modules.flatMap((m) =>
  m.quiz ? [{ module: m.id, ...m.quiz, quiz: course.quizzes.get(m.quiz.id)! }] : [],
);

describe('a test-wise learner who knows only the cues', () => {
  it.each(moduleQuizzes)('fails the $id module quiz: its mean stays 20 points below the pass mark', ({ id, quiz, passMark }) => {
    const scores = Array.from({ length: ATTEMPTS }, (_, i) => {
      const plan = planAttempt(quiz, `test-wise-${id}-${i}`);
      return gradeAttempt(quiz, plan, botAnswers(quiz, plan), passMark).totals.percent;
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean, `mean ${mean.toFixed(1)} % over ${ATTEMPTS} attempts; pass mark ${passMark} %`).toBeLessThanOrEqual(
      passMark - MARGIN,
    );
  });

  it.each([...course.scenarios.values()])(
    'never reaches the strong ending of "$title" by saying the longest line',
    (scenario) => {
      for (const runId of ['run-1', 'run-2', 'run-3']) {
        let state = startState(scenario);
        while (state.nodeId) {
          const node = scenario.nodes.find((n) => n.id === state.nodeId)!;
          const result = applyChoice(scenario, state, { nodeId: node.id, choiceId: longest(choiceOrder(node, runId)).id });
          if (!result.ok) throw new Error(`rejected: ${result.reason}`);
          state = result.state;
        }
        const ending = scenario.endings.find((e) => e.id === state.endingId)!;
        expect(ending.outcome, `${runId} ended at "${ending.id}"`).not.toBe('strong');
      }
    },
  );
});

describe('every path of every role-play', () => {
  it.each([...course.scenarios.values()])(
    '"$title": no -2 choice reaches a strong ending; the best path has full marks and is never beaten',
    (scenario: Scenario) => {
      const { paths } = allPaths(scenario);
      const best = bestPossible(scenario);
      expect(paths.length).toBeGreaterThan(1);
      for (const path of paths) {
        if (path.ending?.outcome === 'strong')
          expect(path.lowest, path.steps.map((s) => s.choiceId).join(' > ')).toBeGreaterThan(-2);
        for (const skill of scenario.skills) expect(path.perSkill[skill] ?? 0).toBeLessThanOrEqual(best.perSkill[skill] ?? 0);
        // The engine, playing the same path step by step, ends where the path analysis says.
        let state = startState(scenario);
        for (const step of path.steps) {
          const result = applyChoice(scenario, state, step);
          if (!result.ok) throw new Error(`rejected: ${result.reason}`);
          state = result.state;
        }
        expect(state.endingId).toBe(path.ending?.id);
      }
      let state = startState(scenario);
      for (const step of best.path) {
        const result = applyChoice(scenario, state, step);
        if (!result.ok) throw new Error(`rejected: ${result.reason}`);
        state = result.state;
      }
      const report = debrief(scenario, state)!;
      expect(report.outcome).toBe('strong');
      expect(report.skills.filter((k) => k.score !== k.best)).toEqual([]);
      expect(report.path.every((step) => step.onBestPath && step.stronger === null)).toBe(true);
    },
  );
});
