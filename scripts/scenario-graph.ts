// npm run scenario:graph -- <scenario-id> [--svg out.svg | --paths]: draws a scenario's branches for its author,
// as an indented outline on the console (and optionally as an SVG file), after validating it. With --paths it
// also lists, per ending, the paths that reach it (after `requires`), so each debrief can be checked against them.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { drawGraphSvg, drawGraphText, validateScenario } from '../src/lib/scenario/index.ts';
import { scenarioSchema } from '../src/schemas/scenario.ts';
import { drawPathsText } from '../src/lib/scenario/paths-text.ts';
import { formatProblem } from '../src/lib/content/problem.ts';

const [id, flag, out] = process.argv.slice(2);
if (!id) {
  console.error('Usage: npm run scenario:graph -- <scenario-id> [--svg file.svg | --paths]');
  process.exit(2);
}
const file = `content/scenarios/${id}.yaml`;
let data: unknown;
try {
  data = parse(readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), 'utf8'));
} catch (error) {
  console.error(`${file}: ${(error as Error).message.split('\n')[0]}`);
  process.exit(1);
}
const problems = validateScenario(data, file);
if (problems.length) {
  for (const p of problems) console.error(formatProblem(p));
  process.exit(1);
}
const scenario = scenarioSchema.parse(data);
console.log(drawGraphText(scenario));
if (flag === '--paths') console.log(drawPathsText(scenario));
if (flag === '--svg' && out) {
  writeFileSync(out, drawGraphSvg(scenario));
  console.log(`\nSVG written to ${out}`);
}
