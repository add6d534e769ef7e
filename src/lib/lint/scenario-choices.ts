/** Lint rules for a role-play's decisions: whether the best choice gives itself away by its length. */
import type { Choice, Scenario, ScenarioNode } from '../../schemas/scenario.ts';
import type { Problem } from '../content/problem.ts';
import { sumOf } from '../scenario/best.ts';
import { describeShare, shareVerdict, visibleLength, type LengthCase } from './share.ts';
import { LENGTH_RATIO_WARN } from './thresholds.ts';

export interface ScenarioFile {
  file: string;
  id: string;
  scenario: Scenario;
}

/** The choices that score highest at this node (over all skills, this choice alone). */
function bestChoices(s: Scenario, node: ScenarioNode): Choice[] {
  const top = Math.max(...node.choices.map((c) => sumOf(s, c)));
  return node.choices.filter((c) => sumOf(s, c) === top);
}

export function decisionCase(s: Scenario, node: ScenarioNode): LengthCase {
  const best = bestChoices(s, node);
  const others = node.choices.filter((c) => !best.includes(c));
  const longest =
    others.length > 0 &&
    Math.max(...best.map((c) => visibleLength(c.text))) > Math.max(...others.map((c) => visibleLength(c.text)));
  return { longest, chance: best.length / node.choices.length };
}

function lengthCue(file: string, s: Scenario, node: ScenarioNode): Problem[] {
  const best = bestChoices(s, node);
  const others = node.choices.filter((c) => !best.includes(c));
  if (others.length === 0) return [];
  const top = best.reduce((a, b) => (visibleLength(b.text) > visibleLength(a.text) ? b : a));
  const [mine, other] = [visibleLength(top.text), Math.max(...others.map((c) => visibleLength(c.text)))];
  if (mine <= LENGTH_RATIO_WARN * other) return [];
  return [
    {
      file,
      path: `nodes[${node.id}].choices[${top.id}]`,
      severity: 'warning',
      rule: 'length-cue',
      message: `Node "${node.id}": the best-scoring choice "${top.id}" is ${mine} characters, ${(mine / other).toFixed(1)}x the longest other choice (${other}).`,
      fix: `Write the weaker choices as fully as the best (each a real, well-meant mistake), or tighten the best one, to within ${LENGTH_RATIO_WARN}x.`,
    },
  ];
}

/** `length-cue` per decision, and `length-cue-share` over the scenario. */
export function choiceProblems({ file, scenario }: ScenarioFile): Problem[] {
  const warnings = scenario.nodes.flatMap((node) => lengthCue(file, scenario, node));
  return [...warnings, ...decisionShare(file, `Scenario "${scenario.title}"`, [{ file, id: '', scenario }])];
}

/** `length-cue-share` over a set of scenarios: the best choice the strictly longest at too many decisions. */
export function decisionShare(file: string, where: string, scenarios: readonly ScenarioFile[]): Problem[] {
  const verdict = shareVerdict(scenarios.flatMap(({ scenario }) => scenario.nodes.map((n) => decisionCase(scenario, n))));
  if (!verdict.tooHigh) return [];
  return [
    {
      file,
      path: '',
      severity: 'error',
      rule: 'length-cue-share',
      message: `${where}: decisions whose best-scoring choice is the strictly longest: ${describeShare(verdict)}. Always picking the longest line would pay.`,
      fix: 'At more decisions, let a weaker choice (a plausible, carefully worded mistake) be the longest.',
    },
  ];
}
