/**
 * The paths of a scenario as text for its author (`npm run scenario:graph -- <id> --paths`): for each ending,
 * how many paths reach it, their lowest and highest totals against the best path's, and the weakest of them,
 * so the author can write a debrief that is true of every path that reaches it.
 */
import type { Scenario } from '../../schemas/scenario.ts';
import { bestPossible } from './best.ts';
import { allPaths, type ScenarioPath } from './paths.ts';

const route = (p: ScenarioPath): string => p.steps.map((s) => s.choiceId).join(' > ');

export function drawPathsText(s: Scenario): string {
  const best = bestPossible(s);
  const { paths, sampled } = allPaths(s);
  const lines = [
    `${paths.length} paths${sampled ? ' (a sample)' : ''}; best path totals ${best.total}: ${best.path.map((x) => x.choiceId).join(' > ')}`,
    '',
  ];
  for (const e of s.endings) {
    const here = paths.filter((p) => p.ending?.id === e.id).sort((a, b) => a.total - b.total);
    const requires = e.requires ? ` requires ${JSON.stringify(e.requires)} otherwise ${e.otherwise}` : '';
    lines.push(`${e.id} [${e.outcome}]${requires}: ${here.length} paths`);
    if (here.length === 0) continue;
    const worst = here[0]!;
    lines.push(`  totals ${worst.total} to ${here.at(-1)!.total}; lowest single score ${Math.min(...here.map((p) => p.lowest))}`);
    lines.push(`  weakest: ${route(worst)}`);
    const named = new Set(here.map((p) => p.namedEndingId).filter((id) => id !== e.id));
    if (named.size) lines.push(`  sent here by requires from: ${[...named].join(', ')}`);
  }
  return lines.join('\n') + '\n';
}
