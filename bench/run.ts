// npm run bench [-- --quick] [-- --only=pages,writes,dashboard,weight,lighthouse,reliability,practice]
// Runs the benchmarks against the built server on loopback, prints each table and writes bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR, ENTRY, ROOT, parseOptions, type Options } from './lib.ts';
import { machine, markdownSection, printSection, type Section } from './report.ts';
import { benchPages } from './pages.ts';
import { benchWrites } from './writes.ts';
import { benchDashboard } from './dashboard.ts';
import { benchWeight } from './weight.ts';
import { benchLighthouse } from './lighthouse.ts';
import { benchReliability } from './reliability.ts';
import { benchPractice } from './practice.ts';

const BENCHMARKS: Record<string, (options: Options) => Promise<Section>> = {
  pages: benchPages,
  writes: benchWrites,
  dashboard: benchDashboard,
  weight: benchWeight,
  lighthouse: benchLighthouse,
  reliability: benchReliability,
  practice: benchPractice,
};
/** Benchmarks that run in this process and need no built server. */
const IN_PROCESS = new Set(['practice']);

const options = parseOptions(process.argv.slice(2));
const unknown = (options.only ?? []).filter((name) => !(name in BENCHMARKS));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Choose from: ${Object.keys(BENCHMARKS).join(', ')}.`);
  process.exit(1);
}

const needsServer = !options.only || options.only.some((name) => !IN_PROCESS.has(name));
if (needsServer && !existsSync(ENTRY)) {
  console.log('No build found; running `astro build` first...');
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const started = new Date();
const about = machine();
console.log(about.join('\n'));
const sections: Section[] = [];
for (const [name, bench] of Object.entries(BENCHMARKS)) {
  if (options.only && !options.only.includes(name)) continue;
  const t0 = performance.now();
  const load = loadavg()[0]!.toFixed(2);
  const section = await bench(options).catch((error: unknown): Section => ({
    title: name,
    method: [],
    tables: [],
    findings: [`FAILED: ${String(error)}`],
  }));
  section.method.push(`Took ${((performance.now() - t0) / 1000).toFixed(0)} s; load average (1 min) at its start: ${load}.`);
  printSection(section);
  sections.push(section);
}

const seconds = (Date.now() - started.getTime()) / 1000;
const complete = !options.quick && !options.only;
// Only a full run of every benchmark replaces the committed figures; partial runs go next to the cache.
const out = complete ? join(ROOT, 'bench/RESULTS.md') : join(DATA_DIR, 'RESULTS.partial.md');
const args = process.argv.slice(2);
const command = args.length ? `npm run bench -- ${args.join(' ')}` : 'npm run bench';
const header = [
  '# Benchmark results',
  `Written by \`${command}\` (bench/run.ts) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC; the run took ` +
    `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s. Every figure below was measured in that run, and ratios compare figures of the same run. ` +
    'The machine is shared with other work, so absolute figures vary from run to run (the load average shows how busy it was).',
  [
    '**Machine**',
    '',
    ...about.map((line) => `- ${line}`),
    `- Load average at the end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')}`,
  ].join('\n'),
];
mkdirSync(DATA_DIR, { recursive: true });
writeFileSync(out, `${[...header, ...sections.map(markdownSection)].join('\n\n')}\n`);
console.log(`\nWrote ${out} (${Math.round(seconds)} s).`);
if (sections.some((s) => s.findings.some((f) => f.startsWith('FAILED')))) process.exitCode = 1;
