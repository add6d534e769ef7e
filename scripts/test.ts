// npm test: every suite in order (typecheck, format, content check, build, unit, integration,
// e2e) and a closing `N passed, N failed` line totalled over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
let passed = 0;
let failed = 0;
const failures: string[] = [];

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status === 0;
}

/** A check that is not a test runner counts as one test. */
function step(label: string, command: string, args: string[]): boolean {
  const ok = run(label, command, args);
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
  return ok;
}

const bin = (name: string) => join('node_modules', '.bin', name);

step('typecheck (astro check)', bin('astro'), ['check', '--minimumSeverity', 'warning']);
step('format (prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
if (existsSync('scripts/content-check.ts')) step('content check', process.execPath, ['scripts/content-check.ts']);
const built = step('build', bin('astro'), ['build']);

const report = join(mkdtempSync(join(tmpdir(), 'rapport-vitest-')), 'report.json');
const projects = built ? [] : ['--project', 'unit', '--project', 'integration'];
if (!built) console.log('\nThe build failed, so the suites that need the built server are skipped.');
run('unit, integration and e2e tests (vitest)', bin('vitest'), [
  'run',
  ...projects,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTestSuites: number;
    testResults: { status: string; name: string; message?: string }[];
  };
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that fails to load has no failed tests but is a failure all the same.
  for (const file of json.testResults.filter((r) => r.status === 'failed')) {
    failures.push(file.name);
    if (json.numFailedTests === 0) failed++;
  }
} else {
  failed++;
  failures.push('vitest (no report written)');
}

if (failures.length) console.log(`\nFailed: ${[...new Set(failures)].join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
