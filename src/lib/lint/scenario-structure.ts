/**
 * Lint rules for a role-play's endings, checked over every path (src/lib/scenario/paths.ts): a strong ending only
 * for runs that were strong throughout, never after a -2 choice, and a best path that reaches it with full marks
 * that no other path can beat in any skill.
 */
import type { Problem } from '../content/problem.ts';
import { bestPossible } from '../scenario/best.ts';
import { allPaths, type ScenarioPath } from '../scenario/paths.ts';
import type { Scenario } from '../../schemas/scenario.ts';
import type { ScenarioFile } from './scenario-choices.ts';
import { STRONG_MIN_PERCENT } from './thresholds.ts';

const route = (p: ScenarioPath): string => p.steps.map((s) => `${s.nodeId}:${s.choiceId}`).join(' -> ');

function problem(file: string, path: string, rule: string, message: string, fix: string): Problem {
  return { file, path, severity: 'error', rule, message, fix };
}

function bestPathProblems(file: string, s: Scenario, paths: ScenarioPath[]): Problem[] {
  const best = bestPossible(s);
  const ideal = paths.find((p) => route(p) === best.path.map((x) => `${x.nodeId}:${x.choiceId}`).join(' -> '));
  const found: Problem[] = [];
  if (ideal && ideal.ending?.outcome !== 'strong') {
    const message = `The best path (${route(ideal)}, ${best.total} points) ends at "${ideal.ending?.id}", which is not a strong ending.`;
    found.push(
      problem(
        file,
        'endings',
        'scenario-best-path',
        message,
        "Lead the best path to a strong ending, or relax that ending's `requires`.",
      ),
    );
  }
  for (const skill of s.skills) {
    const beat = paths.find((p) => (p.perSkill[skill] ?? 0) > (best.perSkill[skill] ?? 0));
    if (!beat) continue;
    const message = `A path scores ${beat.perSkill[skill]} in ${skill}, more than the best path's ${best.perSkill[skill]}: ${route(beat)}. The debrief would show a learner beating "best possible".`;
    const fix = `Raise ${skill} on the best path's choices or lower it on that path's, so the best path scores highest in every skill.`;
    found.push(problem(file, 'nodes', 'scenario-best-path', message, fix));
  }
  return found;
}

function strongEndingProblems(file: string, s: Scenario, paths: ScenarioPath[]): Problem[] {
  const best = bestPossible(s).total;
  const strong = paths.filter((p) => p.ending?.outcome === 'strong');
  const found: Problem[] = [];
  const harsh = strong.find((p) => p.lowest <= -2);
  if (harsh) {
    const choice = harsh.choices.find((c) => s.skills.some((k) => (c.scores[k] ?? 0) <= -2));
    const message = `A path with a choice scored -2 ("${choice?.id}") reaches the strong ending "${harsh.ending?.id}": ${route(harsh)}.`;
    const fix = `Give "${harsh.ending?.id}" \`requires: { noScoreBelow: -1 }\` and an \`otherwise\` ending, or reroute that path.`;
    found.push(problem(file, `endings[${harsh.ending?.id}]`, 'scenario-clean-strong', message, fix));
  }
  const weak = strong.find((p) => p.total * 100 < STRONG_MIN_PERCENT * best);
  if (weak) {
    const message = `The strong ending "${weak.ending?.id}" is reached by a path totalling ${weak.total} of the best ${best} points (under ${STRONG_MIN_PERCENT} %), so it depends on the last choices, not the whole conversation: ${route(weak)}.`;
    const fix = `Give "${weak.ending?.id}" \`requires: { minPercent: ${STRONG_MIN_PERCENT} }\` (or more) and an \`otherwise\` ending whose debrief fits those paths.`;
    found.push(problem(file, `endings[${weak.ending?.id}]`, 'scenario-whole-path', message, fix));
  }
  return found;
}

/** Every structural problem of one (valid) scenario. */
export function structureProblems({ file, scenario }: ScenarioFile): Problem[] {
  const { paths } = allPaths(scenario);
  return [...bestPathProblems(file, scenario, paths), ...strongEndingProblems(file, scenario, paths)];
}
