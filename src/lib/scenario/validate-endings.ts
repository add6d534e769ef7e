/** Rules for endings that depend on the whole path: `requires` with its `otherwise` chain. */
import type { Scenario } from '../../schemas/scenario.ts';
import { suggest } from './suggest.ts';
import type { Finding as Found } from '../content/problem.ts';

/** `requires` needs somewhere to send a run that falls short: `otherwise`, naming another ending, with no loop. */
export function endingChains(s: Scenario): Found[] {
  const found: Found[] = [];
  const byId = new Map(s.endings.map((e) => [e.id, e]));
  for (const e of s.endings) {
    const at = `endings[${e.id}]`;
    if (e.requires && !e.otherwise) {
      const fix = 'Add `otherwise: <ending id>`: the ending a run reaches when its path falls short.';
      found.push({ path: `${at}.otherwise`, message: `Ending "${e.id}" has \`requires\` but no \`otherwise\`.`, fix });
    }
    if (e.otherwise && !e.requires) {
      const fix = 'Add `requires:` (minPercent, noScoreBelow), or remove `otherwise`.';
      found.push({
        path: `${at}.requires`,
        message: `Ending "${e.id}" has \`otherwise\` but no \`requires\`, so it is never used.`,
        fix,
      });
    }
    if (e.requires && e.requires.minPercent === undefined && e.requires.noScoreBelow === undefined) {
      found.push({
        path: `${at}.requires`,
        message: `Ending "${e.id}" has an empty \`requires\`.`,
        fix: 'Set minPercent, noScoreBelow or both.',
      });
    }
    if (e.otherwise && !byId.has(e.otherwise)) {
      const ids = [...byId.keys()];
      const fix = suggest(e.otherwise, ids, `Set \`otherwise\` to one of: ${ids.join(', ')}.`);
      found.push({
        path: `${at}.otherwise`,
        message: `Ending "${e.id}" falls back to "${e.otherwise}", which is not an ending.`,
        fix,
      });
    }
  }
  for (const e of s.endings) {
    const chain = [e.id];
    for (let next = e.otherwise; next && byId.has(next); next = byId.get(next)?.otherwise) {
      if (chain.includes(next)) {
        // Report a loop once, at the first of its endings in the file.
        const first = s.endings.find((x) => chain.includes(x.id));
        if (next === e.id && first?.id === e.id) {
          const message = `The \`otherwise\` endings form a loop: ${[...chain, next].join(' -> ')}.`;
          found.push({ path: `endings[${e.id}].otherwise`, message, fix: 'End the chain at an ending without `requires`.' });
        }
        break;
      }
      chain.push(next);
    }
  }
  return found;
}
