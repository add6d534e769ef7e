import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem } from '../../src/lib/content/problem.ts';
import { editDistance, validateScenario } from '../../src/lib/scenario/index.ts';

const MODULES: ReadonlySet<string> = new Set(
  readdirSync('content/modules', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name),
);

/** Validates `tests/fixtures/scenarios/<name>.yaml` and returns the problems as printed for authors. */
function check(name: string, modules: ReadonlySet<string> = MODULES): string[] {
  const file = `tests/fixtures/scenarios/${name}.yaml`;
  return validateScenario(parse(readFileSync(file, 'utf8')), file, modules).map(formatProblem);
}

describe('validateScenario: shape', () => {
  it('accepts the valid fixture', () => {
    expect(check('valid')).toEqual([]);
  });
  it('rejects a file that is not a group of fields', () => {
    expect(validateScenario(null, 'empty.yaml').map(formatProblem)).toMatchInlineSnapshot(`
      [
        "empty.yaml: The file should hold the fields of a scenario (\`title:\`, \`nodes:\` and so on), but it holds nothing (null). Fix: Start from the example in docs/content-spec-for-writers.md.",
      ]
    `);
    expect(validateScenario(['a'], 'list.yaml').map(formatProblem)).toMatchInlineSnapshot(`
      [
        "list.yaml: The file should hold the fields of a scenario (\`title:\`, \`nodes:\` and so on), but it holds a list. Fix: Start from the example in docs/content-spec-for-writers.md.",
      ]
    `);
  });
  it('names a missing field', () => {
    expect(check('broken-missing-field')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-missing-field.yaml: summary: \`summary\` is missing. Fix: Add \`summary\`: it should be text.",
      ]
    `);
  });
  it('names a value of the wrong type', () => {
    expect(check('broken-wrong-type')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-wrong-type.yaml: node 2, text: \`text\` should be text, but it is 42. Fix: Write text here (put it in quotes if it starts with a special character such as \`[\`, \`{\` or \`*\`).",
      ]
    `);
  });
  it('rejects empty text', () => {
    expect(check('broken-empty-text')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-empty-text.yaml: node 1, choice 2, reaction: \`reaction\` is empty. Fix: Write the \`reaction\` text.",
      ]
    `);
  });
  it('suggests the closest allowed value', () => {
    expect(check('broken-bad-enum')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-bad-enum.yaml: node 1, mood: \`mood\` is "frustated", which is not allowed. Fix: Did you mean "frustrated"?",
      ]
    `);
  });
  it('suggests the closest field for a misspelt one', () => {
    expect(check('broken-unknown-field')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-unknown-field.yaml: node 1, choice 1, reaction: \`reaction\` is missing. Fix: Add \`reaction\`: it should be text.",
        "tests/fixtures/scenarios/broken-unknown-field.yaml: node 1, choice 1, reactoin: Unknown field \`reactoin\`. Fix: Did you mean "reaction"?",
      ]
    `);
  });
  it('rejects a skill that does not exist', () => {
    expect(check('broken-unknown-skill')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-unknown-skill.yaml: node 2, choice 1, scores.empaty: Unknown skill \`empaty\`. Fix: Did you mean "empathy"?",
      ]
    `);
  });
  it('rejects a score out of range', () => {
    expect(check('broken-score-range')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-score-range.yaml: node 3, choice 1, scores.ownership: \`ownership\` is 5; the highest allowed is 3. Fix: Use a whole number from -2 to 3.",
      ]
    `);
  });
  it('proposes a kebab-case id', () => {
    expect(check('broken-bad-id')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-bad-id.yaml: node 1, choice 1, id: "Own It" must be kebab-case: lower-case letters and digits joined by single hyphens. Fix: Rename it, e.g. "own-it".",
      ]
    `);
  });
  it('rejects a skill listed twice', () => {
    expect(check('broken-duplicate-skill')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-duplicate-skill.yaml: skills: \`skills\` lists a skill more than once. Fix: List each skill once.",
      ]
    `);
  });
});

describe('validateScenario: graph rules', () => {
  it('rejects an id shared by a node and an ending', () => {
    expect(check('broken-duplicate-id')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-duplicate-id.yaml: endings[middle]: The id "middle" is used by a node and an ending. Fix: Rename this ending; ids must be unique across nodes and endings.",
      ]
    `);
  });
  it('rejects two choices with one id in a node', () => {
    expect(check('broken-duplicate-choice-id')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-duplicate-choice-id.yaml: nodes[opening].choices[own-it]: Node "opening" has more than one choice with the id "own-it". Fix: Rename one of them; choice ids must be unique within a node.",
      ]
    `);
  });
  it('suggests the closest node for a misspelt start', () => {
    expect(check('broken-start-missing')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-start-missing.yaml: start: \`start\` is "openng", but no node has that id. Fix: Did you mean "opening"?",
      ]
    `);
  });
  it('rejects a start that is an ending', () => {
    expect(check('broken-start-ending')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-start-ending.yaml: start: \`start\` is "strong-end", which is an ending, not a node. Fix: Set \`start\` to the id of the first node, e.g. "opening".",
      ]
    `);
  });
  it('suggests the closest id for a misspelt next', () => {
    expect(check('broken-unknown-next')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-unknown-next.yaml: nodes[middle].choices[ask-needs].next: Choice "ask-needs" in node "middle" leads to "lsat", which is not a node or an ending. Fix: Did you mean "last"?",
      ]
    `);
  });
  it('reports a node no path leads to', () => {
    expect(check('broken-unreachable-node')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-unreachable-node.yaml: nodes[orphan]: The node "orphan" cannot be reached from \`start\` ("opening"): no path of choices leads to it. Fix: Point some choice's \`next\` at "orphan", or delete the node.",
      ]
    `);
  });
  it('reports a loop with its path', () => {
    expect(check('broken-cycle')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-cycle.yaml: nodes[last].choices[start-over].next: Choices form a loop: opening -> middle -> last -> opening. A loop has no guaranteed way out. Fix: Point choice "start-over" in node "last" (or another choice on the loop) at a later node or an ending.",
      ]
    `);
  });
  it('needs 2 to 4 choices per node', () => {
    expect(check('broken-choice-count')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-choice-count.yaml: nodes[middle].choices: Node "middle" has 1 choice; each node needs 2 to 4. Fix: Add choices so the learner has a real decision to make.",
        "tests/fixtures/scenarios/broken-choice-count.yaml: nodes[last].choices: Node "last" has 5 choices; each node needs 2 to 4. Fix: Remove or merge choices.",
      ]
    `);
  });
  it('rejects scores for skills the scenario does not declare', () => {
    expect(check('broken-undeclared-score')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-undeclared-score.yaml: nodes[middle].choices[ask-needs].scores.respect: Choice "ask-needs" in node "middle" scores "respect", which is not one of this scenario's skills (empathy, ownership). Fix: Add "respect" to \`skills\`, or remove this score.",
      ]
    `);
  });
  it('needs at least 3 endings', () => {
    expect(check('broken-too-few-endings')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-too-few-endings.yaml: endings: The scenario has 2 endings; it needs at least 3. Fix: Add endings so that different choices lead to a strong, a mixed and a poor outcome.",
      ]
    `);
  });
  it('needs a strong ending', () => {
    expect(check('broken-no-strong-ending')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-no-strong-ending.yaml: endings: No ending has \`outcome: strong\`. Fix: Give the ending that the best choices lead to \`outcome: strong\`, or add one.",
      ]
    `);
  });
  it('reports an ending no path leads to', () => {
    expect(check('broken-unreachable-ending')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-unreachable-ending.yaml: endings[never]: The ending "never" cannot be reached from \`start\` ("opening"): no path of choices leads to it. Fix: Point some choice's \`next\` at "never", or delete the ending.",
      ]
    `);
  });
  it('needs at least 3 decisions on the strongest path', () => {
    expect(check('broken-short-strongest-path')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-short-strongest-path.yaml: nodes: The strongest path (opening -> last -> strong-end) has only 2 decisions; it needs at least 3. Fix: Add a node to that path so that a learner who chooses well makes at least 3 decisions.",
      ]
    `);
  });
  it('checks the module only when the known modules are given', () => {
    expect(check('broken-unknown-module')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-unknown-module.yaml: module: Module "feedback-loop" does not exist. Fix: Did you mean "feedback-loops"?",
      ]
    `);
    expect(check('broken-unknown-module', new Set(['empathy', 'mutual-respect']))).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-unknown-module.yaml: module: Module "feedback-loop" does not exist. Fix: Use the folder name of a module under content/modules/: empathy, mutual-respect.",
      ]
    `);
    const file = 'tests/fixtures/scenarios/broken-unknown-module.yaml';
    expect(validateScenario(parse(readFileSync(file, 'utf8')), file)).toEqual([]);
  });
});

describe('validateScenario: suggestions', () => {
  it('falls back to the general fix when nothing is close', () => {
    const data = parse(readFileSync('tests/fixtures/scenarios/valid.yaml', 'utf8'));
    data.start = 'somewhere-else';
    expect(validateScenario(data, 'x.yaml').map((p) => p.fix)).toEqual([
      'Set `start` to the id of the first node, e.g. "opening".',
    ]);
    data.start = 'opening';
    data.nodes[0].choices[0].next = 'somewhere-else';
    expect(validateScenario(data, 'x.yaml').map((p) => p.fix)).toEqual([
      'Set `next` to the id of a node or ending, or add one with the id "somewhere-else".',
    ]);
  });
});

describe('validateScenario: endings that require something of the whole path', () => {
  const ALPHA = new Set(['alpha']);
  it('needs `otherwise` with `requires`', () => {
    expect(check('broken-requires-no-otherwise', ALPHA)).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-requires-no-otherwise.yaml: endings[fixed]: The ending "fixed" cannot be reached from \`start\` ("opening"): no path of choices leads to it. Fix: Point some choice's \`next\` at "fixed", or delete the ending.",
        "tests/fixtures/scenarios/broken-requires-no-otherwise.yaml: endings[strong-end].otherwise: Ending "strong-end" has \`requires\` but no \`otherwise\`. Fix: Add \`otherwise: <ending id>\`: the ending a run reaches when its path falls short.",
      ]
    `);
  });
  it('needs `otherwise` to name an ending', () => {
    expect(check('broken-otherwise-unknown', ALPHA)).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-otherwise-unknown.yaml: endings[fixed]: The ending "fixed" cannot be reached from \`start\` ("opening"): no path of choices leads to it. Fix: Point some choice's \`next\` at "fixed", or delete the ending.",
        "tests/fixtures/scenarios/broken-otherwise-unknown.yaml: endings[strong-end].otherwise: Ending "strong-end" falls back to "fxed", which is not an ending. Fix: Did you mean "fixed"?",
      ]
    `);
  });
  it('refuses endings that fall back on each other', () => {
    expect(check('broken-otherwise-loop', ALPHA)).toMatchInlineSnapshot(`
      [
        "tests/fixtures/scenarios/broken-otherwise-loop.yaml: endings[strong-end].otherwise: The \`otherwise\` endings form a loop: strong-end -> fixed -> strong-end. Fix: End the chain at an ending without \`requires\`.",
      ]
    `);
  });
});

describe('editDistance', () => {
  it('counts single-letter edits', () => {
    expect(editDistance('lsat', 'last')).toBe(2);
    expect(editDistance('openng', 'opening')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('the real scenarios in content/scenarios', () => {
  const files = readdirSync('content/scenarios').filter((f) => f.endsWith('.yaml'));
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it.each(files)('%s has no problems', (name) => {
    const file = `content/scenarios/${name}`;
    expect(validateScenario(parse(readFileSync(file, 'utf8')), file, MODULES).map(formatProblem)).toEqual([]);
  });
});
