// `npm run export` as a trainer runs it: a zip on disk for each format, and the usage or the fix when the
// module or format is wrong.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/export.ts', ...args], { encoding: 'utf8' });

describe('npm run export', () => {
  it('writes the module as a zip in the format asked for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-export-'));
    for (const [format, descriptor] of [
      ['scorm12', 'imsmanifest.xml'],
      ['cmi5', 'cmi5.xml'],
    ] as const) {
      const out = join(dir, `${format}.zip`);
      const result = run('empathy', '--format', format, '--out', out);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`module "empathy" as ${format}`);
      expect(Object.keys(unzipSync(readFileSync(out)))).toContain(descriptor);
    }
  });

  it('shows the usage for a missing or unknown format, and the modules it knows for an unknown one', () => {
    const noFormat = run('empathy');
    expect(noFormat.status).toBe(2);
    expect(noFormat.stderr).toContain('Usage: npm run export -- <module-id> --format scorm12|cmi5');
    expect(run('empathy', '--format', 'scorm2004').stderr).toContain('--format must be scorm12 or cmi5, not "scorm2004".');
    const unknown = run('empathi', '--format', 'cmi5');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no published module "empathi" in content\/modules\/; use one of: .*empathy/);
  });
});
