// npm run scenario:graph -- <scenario-id> [--svg out.svg | --paths]: draws a scenario's branches for its author,
// as an indented outline on the console (and optionally as an SVG file), after validating it. With --paths it
// also lists, per ending, the paths that reach it (after `requires`), so each debrief can be checked against them.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { drawGraphSvg, drawGraphText, validateScenario } from '../src/lib/scenario/index.ts';
import { scenarioSchema } from '../src/schemas/scenario.ts';
import { drawPathsText } from '../src/lib/scenario/paths-text.ts';
import { formatProblem } from '../src/lib/content/problem.ts';
import { yamlSyntaxProblem } from '../src/lib/content/yaml-errors.ts';
import { closestName } from '../src/lib/closest.ts';

const [id, flag, out] = process.argv.slice(2);
if (!id) {
  console.error('Usage: npm run scenario:graph -- <scenario-id> [--svg file.svg | --paths]');
  process.exit(2);
}
const dir = fileURLToPath(new URL('../content/scenarios/', import.meta.url));
const file = `content/scenarios/${id}.yaml`;
if (!existsSync(`${dir}${id}.yaml`)) {
  const ids = existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.yaml'))
        .map((n) => n.slice(0, -5))
        .sort()
    : [];
  const guess = closestName(id, ids);
  console.error(`There is no scenario "${id}" (no file ${file}).${guess ? ` Did you mean "${guess}"?` : ''}`);
  console.error(ids.length ? `The scenarios are: ${ids.join(', ')}.` : 'There are no scenarios in content/scenarios/ yet.');
  process.exit(1);
}
let data: unknown;
try {
  data = parse(readFileSync(`${dir}${id}.yaml`, 'utf8'));
} catch (error) {
  const { message, fix } = yamlSyntaxProblem(error);
  console.error(`${file}: ${message} Fix: ${fix}`);
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
