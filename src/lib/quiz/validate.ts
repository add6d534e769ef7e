/**
 * Checks one quiz file and explains every problem to its author: where it is, what is wrong (quoting the bad
 * value) and how to fix it. The zod schema checks the shape first; the rules that need the whole quiz run only
 * once the shape is right, because they rely on the parsed types.
 * Longer than most files because it is mostly wording for authors; if it grows, split the zod issue wording
 * from the whole-quiz rules.
 */
import type { core } from 'zod';
import type { Problem } from '../content/problem.ts';
import { QUESTION_TYPES, optionSchema, orderingItemSchema, questionSchema, quizSchema } from '../../schemas/quiz.ts';
import type {
  MultipleQuestion,
  OrderingQuestion,
  Question,
  Quiz,
  SingleQuestion,
  TrueFalseQuestion,
} from '../../schemas/quiz.ts';

/** How many options a single or multiple choice question may have, and how many items an ordering question. */
export const LIMITS = { single: [2, 6], multiple: [3, 6], ordering: [3, 8] } as const;

type Finding = Omit<Problem, 'file'>;
type Path = (string | number)[];

export function validateQuiz(quiz: unknown, file: string, knownModules?: ReadonlySet<string>): Problem[] {
  const parsed = quizSchema.safeParse(quiz);
  const findings = parsed.success
    ? [...quizFindings(parsed.data, knownModules), ...parsed.data.questions.flatMap(questionFindings)]
    : parsed.error.issues.flatMap((issue) => issueFindings(issue, quiz));
  return findings.map((finding) => ({ file, ...finding }));
}

// ---- Shape problems reported by zod, reworded for authors ----

const HINTS: Record<string, string> = {
  title: 'a short heading for the quiz',
  type: QUESTION_TYPES.join(' | '),
  module: 'the id of the module this quiz belongs to',
  questions: 'the list of questions',
  id: 'a kebab-case id, unique among its neighbours',
  prompt: 'the question as the learner reads it',
  explanation: 'why the right answer is right, shown to everyone after submitting',
  options: 'the list of options',
  items: 'the list of items, in the correct order',
  text: 'the text the learner reads',
  feedback: 'why choosing this is right, or the misconception it reflects',
};

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list (lines starting with "- ")',
  object: 'a group of fields (key: value lines)',
};

function issueFindings(issue: core.$ZodIssue, raw: unknown): Finding[] {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => unknownKey(path, key, raw));
  return [{ path: path.join('.'), ...describeIssue(issue, path, raw) }];
}

function describeIssue(issue: core.$ZodIssue, path: Path, raw: unknown): Omit<Finding, 'path'> {
  const where = subject(path, raw);
  const value = valueAt(raw, path);
  const key = String(path.at(-1) ?? 'quiz');
  const add = `Add ${key}: ${HINTS[key] ?? 'a value'}.`;
  if (path.length === 0)
    return {
      message: 'The file is empty or is not a group of fields.',
      fix: 'Start the file with title:, module: and questions:.',
    };
  if (value === undefined) return { message: `${where} is missing.`, fix: add };
  if (value === null || (issue.code === 'too_small' && issue.origin !== 'number'))
    return { message: `${where} is empty.`, fix: `Fill in ${add.slice(4)}` };
  if (issue.code === 'invalid_type' && key === 'id' && typeof value === 'boolean')
    return {
      message: `${where} is the YAML boolean ${value}, not the text "${value}".`,
      fix: `Put it in quotes: id: "${value}".`,
    };
  if (issue.code === 'invalid_type') {
    const noun = NOUNS[issue.expected] ?? issue.expected;
    return { message: `${where} is ${show(value)}, but it must be ${noun}.`, fix: `Write it as ${noun}.` };
  }
  if (issue.code === 'too_small')
    return { message: `${where} is ${show(value)}; it must be at least ${issue.minimum}.`, fix: `Use ${issue.minimum} or more.` };
  if (issue.code === 'invalid_format')
    return { message: `${where} is "${value}", which is not a kebab-case id.`, fix: kebabFix(value) };
  if (issue.code === 'invalid_value')
    return { message: `${where} is ${show(value)}, which is not allowed.`, fix: `Use one of: ${issue.values.join(', ')}.` };
  if (issue.code === 'invalid_union' && key === 'type')
    return {
      message: `${where} is ${show(value)}, which is not a question type.`,
      fix: `Use one of: ${QUESTION_TYPES.join(', ')}.`,
    };
  return { message: `${where}: ${issue.message}.`, fix: 'Compare this field with the quiz format in the authoring guide.' };
}

function unknownKey(path: Path, key: string, raw: unknown): Finding {
  const [kind, allowed] = fieldsOf(path, raw);
  const guess = closest(key, allowed);
  const listed = `${kind} have the fields ${allowed.join(', ')}`;
  return {
    path: [...path, key].join('.'),
    message: `${subject(path, raw)} has a field "${key}", which ${kind} don't have.`,
    fix: guess ? `Rename it to "${guess}" (${listed}).` : `Remove it (${listed}).`,
  };
}

const TYPE_SCHEMAS = Object.fromEntries(questionSchema.options.map((s) => [s.shape.type.value, s]));

/** What kind of thing sits at `path`, and the fields it may have. */
function fieldsOf(path: Path, raw: unknown): [kind: string, fields: string[]] {
  const parent = path.at(-2);
  if (path.length === 0) return ['quiz files', Object.keys(quizSchema.shape)];
  if (parent === 'options') return ['options', Object.keys(optionSchema.shape)];
  if (parent === 'items') return ['ordering items', Object.keys(orderingItemSchema.shape)];
  const type = String((valueAt(raw, path) as { type?: unknown }).type);
  return [`${type} questions`, Object.keys(TYPE_SCHEMAS[type]?.shape ?? {})];
}

function kebabFix(value: unknown): string {
  const kebab = String(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `Use lowercase letters, digits and single hyphens${kebab ? `, e.g. "${kebab}"` : ''}.`;
}

// ---- Rules that need the whole quiz ----

function quizFindings(quiz: Quiz, knownModules?: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  if (knownModules && !knownModules.has(quiz.module)) {
    const guess = closest(quiz.module, [...knownModules]);
    const known = [...knownModules].sort().join(', ');
    const fix = `${guess ? `Did you mean "${guess}"? ` : ''}Use the id of an existing module: ${known}.`;
    findings.push(finding('module', `module is "${quiz.module}", which is not a module in content/modules/.`, fix));
  }
  const graded = quiz.questions.filter((q) => q.type !== 'likert').length;
  if (quiz.drawCount !== undefined && quiz.drawCount > graded) {
    const has = `the quiz has only ${count(graded, 'graded question')} (likert questions are always asked and not counted)`;
    findings.push(
      finding(
        'drawCount',
        `drawCount is ${quiz.drawCount}, but ${has}.`,
        `Lower drawCount to ${graded} or less, or add questions.`,
      ),
    );
  }
  for (const [i, first] of duplicates(quiz.questions.map((q) => q.id))) {
    const message = `questions.${i} has the id "${quiz.questions[i]?.id}", which questions.${first} already uses.`;
    findings.push(finding(`questions.${i}.id`, message, 'Give every question in the quiz its own id.'));
  }
  return findings;
}

function questionFindings(question: Question, index: number): Finding[] {
  const label = `questions.${index} (id "${question.id}")`;
  if (question.type === 'likert') return [];
  const field = question.type === 'ordering' ? 'items' : 'options';
  const at = `questions.${index}.${field}`;
  const list = question.type === 'ordering' ? question.items : question.options;
  const repeated = duplicates(list.map((o) => o.id)).map(([i, first]) =>
    finding(
      `${at}.${i}.id`,
      `In ${label}, ${field}.${i} has the id "${list[i]?.id}", which ${field}.${first} already uses.`,
      `Give every entry in ${field} its own id.`,
    ),
  );
  const intro = `In ${label}, `;
  const broken =
    question.type === 'ordering'
      ? orderingRule(question, intro)
      : question.type === 'truefalse'
        ? trueFalseRule(question, intro)
        : choiceRule(question, intro);
  return [...repeated, ...(broken ? [finding(at, broken[0], broken[1])] : [])];
}

/** What a rule finds: the first thing wrong with a question's options or items, or nothing. */
type Broken = [message: string, fix: string] | undefined;

function orderingRule(question: OrderingQuestion, intro: string): Broken {
  const [min, max] = LIMITS.ordering;
  const n = question.items.length;
  if (n >= min && n <= max) return undefined;
  return [
    `${intro}the ordering question has ${count(n, 'item')}; it needs ${min} to ${max}.`,
    n < min ? `Add steps until there are at least ${min}.` : `Merge or remove steps until there are at most ${max}.`,
  ];
}

function choiceRule(question: SingleQuestion | MultipleQuestion, intro: string): Broken {
  const type = question.type === 'single' ? 'single' : 'multiple';
  const [min, max] = LIMITS[type];
  const n = question.options.length;
  const correct = question.options.filter((o) => o.correct).map((o) => `"${o.id}"`);
  const marked =
    correct.length > 1
      ? `${correct.length} options are marked correct: true (${correct.join(', ')})`
      : correct.length
        ? `only option ${correct[0]} is marked correct: true`
        : 'no option is marked correct: true';
  if (n < min || n > max)
    return [
      `${intro}the ${type}-choice question has ${count(n, 'option')}; it needs ${min} to ${max}.`,
      n < min
        ? `Add plausible wrong options until there are at least ${min}.`
        : `Remove the weakest options until there are at most ${max}.`,
    ];
  if (type === 'single' && correct.length !== 1)
    return [
      `${intro}${marked}, but a single-choice question has exactly one right answer.`,
      'Mark the one right answer with correct: true, or change the type to multiple if several answers are right.',
    ];
  if (type === 'multiple' && correct.length < 2)
    return [
      `${intro}${marked}, but a multiple-choice question needs at least two right answers.`,
      'Mark every right answer with correct: true, or change the type to single if only one answer is right.',
    ];
  if (type === 'multiple' && correct.length === n)
    return [
      `${intro}every option is marked correct: true, but a multiple-choice question needs at least one wrong option.`,
      'Add a plausible wrong option that reflects a real misconception.',
    ];
  return undefined;
}

function trueFalseRule(question: TrueFalseQuestion, intro: string): Broken {
  const ids = question.options.map((o) => `"${o.id}"`);
  if (ids.length !== 2 || !ids.includes('"true"') || !ids.includes('"false"'))
    return [
      `${intro}the options have the ids ${ids.join(', ') || '(none)'}, but a true/false question needs exactly two, with the ids "true" and "false".`,
      'Use the two options { id: "true", text: "True" } and { id: "false", text: "False" }, each with feedback.',
    ];
  const correct = question.options.filter((o) => o.correct).length;
  if (correct !== 1)
    return [
      `${intro}${correct ? 'both options are' : 'neither option is'} marked correct: true.`,
      'Mark exactly one of "true" and "false" with correct: true.',
    ];
  return undefined;
}

// ---- Small helpers ----

function finding(path: string, message: string, fix: string): Finding {
  return { path, message, fix };
}

/** `questions.3 (id "internal-definition")` for a question, `In questions.3 (...), options.1.feedback` inside one. */
function subject(path: Path, raw: unknown): string {
  if (path[0] !== 'questions' || typeof path[1] !== 'number') return path.join('.') || 'The quiz';
  const id = (valueAt(raw, path.slice(0, 2)) as { id?: unknown } | undefined)?.id;
  const label = typeof id === 'string' ? `questions.${path[1]} (id "${id}")` : `questions.${path[1]}`;
  return path.length === 2 ? label : `In ${label}, ${path.slice(2).join('.')}`;
}

function valueAt(raw: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined),
    raw,
  );
}

function show(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  return String(value);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Pairs [index, index of its first occurrence] for every repeated value. */
function duplicates(values: string[]): [number, number][] {
  return values.flatMap((value, i): [number, number][] => (values.indexOf(value) < i ? [[i, values.indexOf(value)]] : []));
}

/** The candidate within two edits of `word`, to suggest for typos such as `corect` or `feedbak`. */
function closest(word: string, candidates: string[]): string | undefined {
  const scored = candidates.map((c) => [editDistance(word, c), c] as const).sort((a, b) => a[0] - b[0]);
  // Short words are within two edits of almost anything, so they need a closer match.
  return scored[0] && scored[0][0] <= Math.min(2, word.length - 2) ? scored[0][1] : undefined;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
