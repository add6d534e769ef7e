/**
 * Checks an authored scenario: first its shape (zod, with messages for writers rather than programmers), then
 * the rules about its graph that a schema cannot express. Every problem names the file, where, and the fix.
 */
import type { z } from 'zod';
import type { Finding, Problem } from '../content/problem.ts';
import { choiceSchema, endingSchema, nodeSchema, requiresSchema, scenarioSchema, type Scenario } from '../../schemas/scenario.ts';
import { SKILLS } from '../../schemas/skills.ts';
import { bestPossible } from './best.ts';
import { findCycles, formatCycle, reachableIds } from './graph.ts';
import { editDistance, suggest } from './suggest.ts';
import { endingChains } from './validate-endings.ts';

export { editDistance };

type Found = Finding;

export function validateScenario(data: unknown, file: string, knownModules?: ReadonlySet<string>): Problem[] {
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  // The graph rules need well-formed data, so shape problems are reported alone.
  const found = parsed.success ? graphProblems(parsed.data, knownModules) : parsed.error.issues.flatMap(fromIssue);
  return found.map((p) => ({ file, ...p }));
}

// ---- shape problems -------------------------------------------------------------------------------------------

const EXPECTED: Record<string, [noun: string, fix: string]> = {
  string: ['text', 'Write text here (put it in quotes if it starts with a special character such as `[`, `{` or `*`).'],
  number: ['a number', 'Write a number without quotes.'],
  int: ['a whole number', 'Write a whole number without quotes, e.g. 1 or -1.'],
  array: ['a list', 'Write a list: one `- item` per line, or `[a, b]`.'],
  object: ['a group of fields', 'Write the fields as indented `name: value` lines under it.'],
  record: ['a group of fields', 'Write `{ skill: points }`, e.g. `{ empathy: 2, ownership: 1 }`.'],
};

/** The fields allowed in each kind of object, keyed by the last named segment of its path. */
const FIELDS: Record<string, readonly string[]> = {
  '': Object.keys(scenarioSchema.shape),
  setting: Object.keys(scenarioSchema.shape.setting.shape),
  nodes: Object.keys(nodeSchema.shape),
  choices: Object.keys(choiceSchema.shape),
  endings: Object.keys(endingSchema.shape),
  requires: Object.keys(requiresSchema.shape),
  scores: SKILLS,
};

function show(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'nothing (null)';
  if (typeof value === 'object') return 'a group of fields';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function toKebab(value: unknown): string {
  const slug = String(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'my-id';
}

function fromIssue(issue: z.core.$ZodIssue): Found[] {
  const path = issue.path.map(String).join('.');
  const named = issue.path.filter((p) => typeof p === 'string');
  const field = `\`${String(issue.path.at(-1) ?? 'scenario')}\``;
  const input = 'input' in issue ? issue.input : undefined;
  const problem = (message: string, fix: string): Found[] => [{ path, message, fix }];
  switch (issue.code) {
    case 'invalid_type': {
      const [noun, fix] = EXPECTED[issue.expected] ?? [issue.expected, `Write ${issue.expected} here.`];
      if (path === '') return rootProblem(input);
      if (input === undefined) return problem(`${field} is missing.`, `Add ${field}: it should be ${noun}.`);
      return problem(`${field} should be ${noun}, but it is ${show(input)}.`, fix);
    }
    case 'too_small':
    case 'too_big':
      return sizeProblem(issue, field, input, problem);
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const fix = `Use one of: ${allowed.join(', ')}.`;
      return problem(`${field} is ${show(input)}, which is not allowed.`, suggest(String(input), allowed, fix));
    }
    case 'unrecognized_keys': {
      const allowed = FIELDS[String(named.at(-1) ?? '')] ?? [];
      const what = named.at(-1) === 'scores' ? 'skill' : 'field';
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: `Unknown ${what} \`${key}\`.`,
        fix: suggest(key, allowed, `Remove it, or use one of: ${allowed.join(', ')}.`),
      }));
    }
    case 'invalid_format':
      return problem(`${show(input)} ${issue.message}.`, `Rename it, e.g. "${toKebab(input)}".`);
    case 'custom': // the only refinement: no skill listed twice
      return problem(`${field} ${issue.message}.`, 'List each skill once.');
    default:
      return problem(`${field}: ${issue.message}.`, 'See the scenario format in docs/content-spec-for-writers.md.');
  }
}

/** The whole file is not a scenario: usually empty, or a list at the top level. */
function rootProblem(input: unknown): Found[] {
  const message = `The file should hold the fields of a scenario (\`title:\`, \`nodes:\` and so on), but it holds ${show(input)}.`;
  return [{ path: '', message, fix: 'Start from the example in docs/content-spec-for-writers.md.' }];
}

function sizeProblem(
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  field: string,
  input: unknown,
  problem: (message: string, fix: string) => Found[],
): Found[] {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') return problem(`${field} is empty.`, `Write the ${field} text.`);
  if (issue.origin === 'array') {
    const count = Array.isArray(input) ? input.length : 0;
    const fix = small ? `Add items until there are at least ${limit}.` : `Remove items until there are at most ${limit}.`;
    return problem(`${field} has ${plural(count, 'item')}; it needs ${small ? 'at least' : 'at most'} ${limit}.`, fix);
  }
  // Scores are the only numbers in a scenario.
  const bound = small ? `the lowest allowed is ${limit}` : `the highest allowed is ${limit}`;
  return problem(`${field} is ${show(input)}; ${bound}.`, 'Use a whole number from -2 to 3.');
}

// ---- graph rules --------------------------------------------------------------------------------------------

const atNode = (n: string): string => `nodes[${n}]`;
const atChoice = (n: string, c: string): string => `nodes[${n}].choices[${c}]`;

function kindsAndIds(s: Scenario): (readonly ['node' | 'ending', string])[] {
  return [...s.nodes.map((n) => ['node', n.id] as const), ...s.endings.map((e) => ['ending', e.id] as const)];
}

function uniqueIds(s: Scenario): Found[] {
  const seen = new Map<string, string>();
  const found: Found[] = [];
  for (const [kind, id] of kindsAndIds(s)) {
    const first = seen.get(id);
    if (first) {
      const both = first === kind ? `two ${kind}s` : 'a node and an ending';
      const message = `The id "${id}" is used by ${both}.`;
      found.push({ path: `${kind}s[${id}]`, message, fix: `Rename this ${kind}; ids must be unique across nodes and endings.` });
    }
    seen.set(id, first ?? kind);
  }
  for (const node of s.nodes) {
    const ids = node.choices.map((c) => c.id);
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
      const message = `Node "${node.id}" has more than one choice with the id "${id}".`;
      found.push({ path: atChoice(node.id, id), message, fix: 'Rename one of them; choice ids must be unique within a node.' });
    }
  }
  return found;
}

function startAndNext(s: Scenario): Found[] {
  const nodeIds = s.nodes.map((n) => n.id);
  const allIds = [...nodeIds, ...s.endings.map((e) => e.id)];
  const found: Found[] = [];
  if (!nodeIds.includes(s.start)) {
    const isEnding = allIds.includes(s.start);
    const message = `\`start\` is "${s.start}", ${isEnding ? 'which is an ending, not a node' : 'but no node has that id'}.`;
    const fix = `Set \`start\` to the id of the first node, e.g. "${nodeIds[0]}".`;
    found.push({ path: 'start', message, fix: isEnding ? fix : suggest(s.start, nodeIds, fix) });
  }
  for (const node of s.nodes) {
    for (const c of node.choices.filter((c) => !allIds.includes(c.next))) {
      const message = `Choice "${c.id}" in node "${node.id}" leads to "${c.next}", which is not a node or an ending.`;
      const fix = `Set \`next\` to the id of a node or ending, or add one with the id "${c.next}".`;
      found.push({ path: `${atChoice(node.id, c.id)}.next`, message, fix: suggest(c.next, allIds, fix) });
    }
  }
  return found;
}

function reachability(s: Scenario): Found[] {
  // A bad `start` or `next` (already reported) cuts off everything behind it; listing all that would bury the cause.
  const ids = new Set(kindsAndIds(s).map(([, id]) => id));
  const broken = !s.nodes.some((n) => n.id === s.start) || s.nodes.some((n) => n.choices.some((c) => !ids.has(c.next)));
  if (broken) return [];
  const reachable = reachableIds(s);
  // An ending that only `otherwise` names is reached by runs that fall short of the ending naming it.
  for (let grew = true; grew;) {
    grew = false;
    for (const e of s.endings) {
      if (reachable.has(e.id) && e.otherwise && !reachable.has(e.otherwise)) grew = Boolean(reachable.add(e.otherwise));
    }
  }
  return kindsAndIds(s)
    .filter(([, id]) => !reachable.has(id))
    .map(([kind, id]) => ({
      path: `${kind}s[${id}]`,
      message: `The ${kind} "${id}" cannot be reached from \`start\` ("${s.start}"): no path of choices leads to it.`,
      fix: `Point some choice's \`next\` at "${id}", or delete the ${kind}.`,
    }));
}

function loops(s: Scenario): Found[] {
  return findCycles(s).map((cycle) => {
    const back = cycle.at(-1) ?? { from: '', choiceId: '', to: '' };
    return {
      path: `${atChoice(back.from, back.choiceId)}.next`,
      message: `Choices form a loop: ${formatCycle(cycle)}. A loop has no guaranteed way out.`,
      fix: `Point choice "${back.choiceId}" in node "${back.from}" (or another choice on the loop) at a later node or an ending.`,
    };
  });
}

function choicesAndScores(s: Scenario): Found[] {
  const found: Found[] = [];
  for (const node of s.nodes) {
    const count = node.choices.length;
    if (count < 2 || count > 4) {
      const message = `Node "${node.id}" has ${plural(count, 'choice')}; each node needs 2 to 4.`;
      const fix = count < 2 ? 'Add choices so the learner has a real decision to make.' : 'Remove or merge choices.';
      found.push({ path: `${atNode(node.id)}.choices`, message, fix });
    }
    for (const c of node.choices) {
      for (const skill of Object.keys(c.scores).filter((k) => !s.skills.some((d) => d === k))) {
        const message = `Choice "${c.id}" in node "${node.id}" scores "${skill}", which is not one of this scenario's skills (${s.skills.join(', ')}).`;
        found.push({
          path: `${atChoice(node.id, c.id)}.scores.${skill}`,
          message,
          fix: `Add "${skill}" to \`skills\`, or remove this score.`,
        });
      }
    }
  }
  return found;
}

function endings(s: Scenario): Found[] {
  const found: Found[] = [];
  if (s.endings.length < 3) {
    const message = `The scenario has ${plural(s.endings.length, 'ending')}; it needs at least 3.`;
    const fix = 'Add endings so that different choices lead to a strong, a mixed and a poor outcome.';
    found.push({ path: 'endings', message, fix });
  }
  if (!s.endings.some((e) => e.outcome === 'strong')) {
    const fix = 'Give the ending that the best choices lead to `outcome: strong`, or add one.';
    found.push({ path: 'endings', message: 'No ending has `outcome: strong`.', fix });
  }
  return found;
}

/** Run only on an otherwise sound graph: scoring needs every `next` to resolve and no loops. */
function strongestPath(s: Scenario): Found[] {
  const best = bestPossible(s);
  if (best.path.length >= 3) return [];
  const route = [...best.path.map((step) => step.nodeId), best.endingId].join(' -> ');
  const message = `The strongest path (${route}) has only ${plural(best.path.length, 'decision')}; it needs at least 3.`;
  const fix = 'Add a node to that path so that a learner who chooses well makes at least 3 decisions.';
  return [{ path: 'nodes', message, fix }];
}

function moduleKnown(s: Scenario, known: ReadonlySet<string> | undefined): Found[] {
  if (!known || known.has(s.module)) return [];
  const fix = `Use the folder name of a module under content/modules/: ${[...known].sort().join(', ')}.`;
  return [{ path: 'module', message: `Module "${s.module}" does not exist.`, fix: suggest(s.module, [...known], fix) }];
}

function graphProblems(s: Scenario, knownModules: ReadonlySet<string> | undefined): Found[] {
  const found = [
    ...uniqueIds(s),
    ...startAndNext(s),
    ...reachability(s),
    ...loops(s),
    ...choicesAndScores(s),
    ...endings(s),
    ...endingChains(s),
  ];
  return [...found, ...(found.length ? [] : strongestPath(s)), ...moduleKnown(s, knownModules)];
}
