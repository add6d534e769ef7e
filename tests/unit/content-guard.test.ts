// The build runs the same content rules as content:check and stops on any error; warnings are printed.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentGuard } from '../../src/integrations/content-guard.ts';

const BASE = join(import.meta.dirname, '../fixtures/content-base');

function runHook(root: string, command: 'build' | 'dev') {
  const warnings: string[] = [];
  const hook = contentGuard().hooks['astro:config:setup'] as (options: unknown) => void;
  hook({ config: { root: pathToFileURL(`${root}/`) }, command, logger: { warn: (m: string) => warnings.push(m) } });
  return warnings;
}

describe('content guard integration', () => {
  const broken = mkdtempSync(join(tmpdir(), 'rapport-guard-'));
  cpSync(BASE, broken, { recursive: true });
  const lesson = join(broken, 'content/modules/alpha/first-lesson.mdx');
  writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('<Quiz', '<Quizz'));
  writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\n<Quizz id="x" />\n`);

  it('lets a valid course build', () => {
    expect(runHook(BASE, 'build')).toEqual([]);
  });
  it('fails the build naming file, field and fix', () => {
    expect(() => runHook(broken, 'build')).toThrow(
      'Content has 1 error(s):\ncontent/modules/alpha/first-lesson.mdx: line 24 <Quizz>: unknown component <Quizz>. Fix: Use one of <KeyIdea>, <Example>, <TryThis>, <Reflection>, <Quiz>, <Scenario>, <Practice>.',
    );
  });
  it('prints lint warnings but lets the build pass', () => {
    const warned = mkdtempSync(join(tmpdir(), 'rapport-guard-warn-'));
    cpSync(BASE, warned, { recursive: true });
    const talk = join(warned, 'content/scenarios/alpha-talk.yaml');
    // The best choice at `plan` grows to more than 1.5x the other: a length-cue warning, not an error.
    const long =
      'Then we will come at 7:30 tomorrow morning, before you leave for work, at no charge at all, and our carpet cleaner comes too.';
    writeFileSync(talk, readFileSync(talk, 'utf8').replace("Then we'll come at 7:30 tomorrow, before work, at no charge.", long));
    const warnings = runHook(warned, 'build');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Content has 1 warning\(s\):\ncontent\/scenarios\/alpha-talk\.yaml: nodes\[plan\]\.choices\[fit-her-week\]: \[length-cue\]/,
    );
    rmSync(warned, { recursive: true, force: true });
  });
  it('only warns in the dev server', () => {
    expect(runHook(broken, 'dev')).toHaveLength(1);
    rmSync(broken, { recursive: true, force: true });
  });
});
