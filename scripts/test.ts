// npm test: every suite in order (typecheck, format, content check, build, unit, integration,
// e2e, then integration again with FAST_PATHS=false) and a closing `N passed, N failed` line totalled
// over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
let passed = 0;
let failed = 0;
const failures: string[] = [];

/** A check that is not a test runner counts as one test. */
function step(label: string, command: string, args: string[]): boolean {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const ok = spawnSync(command, args, { stdio: 'inherit', env }).status === 0;
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

/** Runs vitest with a JSON report and adds its counts to the totals. */
function vitest(label: string, args: string[], extraEnv: Record<string, string> = {}) {
  const report = join(mkdtempSync(join(tmpdir(), 'rapport-vitest-')), 'report.json');
  console.log(`\n── ${label}: vitest ${args.join(' ')}`);
  spawnSync(bin('vitest'), ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  if (!existsSync(report)) {
    failed++;
    failures.push(`${label} (no report written)`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { status: string; name: string; message?: string }[];
  };
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that fails to load has no failed tests but is a failure all the same.
  for (const file of json.testResults.filter((r) => r.status === 'failed')) {
    failures.push(`${file.name}${extraEnv.FAST_PATHS ? ' (FAST_PATHS=false)' : ''}`);
    if (json.numFailedTests === 0) failed++;
  }
}

const projects = built ? [] : ['--project', 'unit', '--project', 'integration'];
if (!built) console.log('\nThe build failed, so the suites that need the built server are skipped.');
vitest('unit, integration and e2e tests', projects);
// The integration suites (fuzz and security matrix among them) again with the faster variants off: the
// answers must be the same either way (docs/decisions/009-one-module-graph.md).
if (built) vitest('integration tests with FAST_PATHS=false', ['--project', 'integration'], { FAST_PATHS: 'false' });

if (failures.length) console.log(`\nFailed: ${[...new Set(failures)].join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
