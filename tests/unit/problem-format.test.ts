import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { countFromOne, formatProblem } from '../../src/lib/content/problem.ts';
import { yamlSyntaxProblem } from '../../src/lib/content/yaml-errors.ts';
import { parse } from 'yaml';

describe('problems as authors read them', () => {
  it('numbers questions, options, items, nodes and choices from 1', () => {
    expect(countFromOne('questions.2.options.1.feedback')).toBe('question 3, option 2, feedback');
    expect(countFromOne('nodes.0.choices.3.next')).toBe('node 1, choice 4, next');
    expect(countFromOne('In questions.0 (id "a"), items.1 repeats items.0.')).toBe(
      'In question 1 (id "a"), item 2 repeats item 1.',
    );
  });

  it('leaves ids, names and plain numbers alone', () => {
    for (const text of [
      'nodes[opening].choices[ask].next',
      'order 2 is also used',
      'scores.empathy',
      'version 1.2',
      'objectives',
    ])
      expect(countFromOne(text)).toBe(text);
  });

  it('keeps the file name as it is (content:check and the build say "warning" before the line)', () => {
    expect(
      formatProblem({ file: 'content/quizzes/q.1.yaml', path: '', message: 'unused.', fix: 'Use it.', severity: 'warning' }),
    ).toBe('content/quizzes/q.1.yaml: unused. Fix: Use it.');
  });
});

describe('YAML syntax errors', () => {
  const problemOf = (text: string, offset = 0) => {
    try {
      parse(text);
    } catch (error) {
      return yamlSyntaxProblem(error, offset);
    }
    throw new Error('expected a YAML error');
  };

  it('name the line and column and the likely fix in plain words', () => {
    expect(problemOf('title: Hello\ntext: Say: thank you\n')).toEqual({
      message:
        'the YAML cannot be read: at line 2, column 7, a value contains a colon followed by a space, so YAML reads it as a new field.',
      fix: 'Put the whole value in double quotes, e.g. text: "Say: thank you".',
    });
    expect(problemOf('a: 1\n\tb: 2\n').message).toBe(
      'the YAML cannot be read: at line 2, column 1, a tab is used for indentation.',
    );
    expect(problemOf('a: "open\n', 1).message).toMatch(
      /^the YAML cannot be read: at line 3, column 1, something that should be closed/,
    );
    expect(problemOf('a: 1\na: 2\n').fix).toBe('Remove one of them, or rename it.');
  });
});

describe('npm run scenario:graph with an unknown id', () => {
  it('says which scenarios exist and which one was probably meant', () => {
    // Whatever scenarios the course has: misspell the first one by dropping a letter.
    const ids = readdirSync('content/scenarios')
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => n.slice(0, -5))
      .sort();
    const typo = ids[0]!.slice(0, -2) + ids[0]!.slice(-1);
    const run = spawnSync(process.execPath, ['scripts/scenario-graph.ts', typo], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `There is no scenario "${typo}" (no file content/scenarios/${typo}.yaml). Did you mean "${ids[0]}"?`,
    );
    expect(run.stderr).toContain(`The scenarios are: ${ids.join(', ')}.`);
  }, 30_000);
});
