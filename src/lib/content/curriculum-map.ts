/**
 * The curriculum map (docs/curriculum-map.md) ties every idea from the source articles to the lesson that
 * teaches it and the question or role-play decision that practices it. Its tables have the columns
 * `Seed | Claim | Lesson | Practice`; this check makes sure every id in them still exists, so that renaming a
 * lesson or question cannot quietly orphan part of the map.
 */
import type { Problem } from './problem.ts';

/** The map file as read from disk. */
export interface CurriculumMapFile {
  /** Path relative to the project root, e.g. `docs/curriculum-map.md`. */
  file: string;
  text: string;
}

/** The content the map refers to (a ContentSource from load-fs.ts has all of it). */
export interface MapContent {
  lessons: { id: string }[];
  quizzes: { id: string; data: unknown }[];
  scenarios: { id: string; data: unknown }[];
  /** Absent when the project has no map (test fixture courses), in which case nothing is checked. */
  curriculumMap?: CurriculumMapFile;
}

const HEADER = ['seed', 'claim', 'lesson', 'practice'];
const LESSON_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;
const PRACTICE_ID = /^[a-z0-9-]+#[a-z0-9-]+$/;

export function checkCurriculumMap(content: MapContent): Problem[] {
  const map = content.curriculumMap;
  if (!map) return [];
  const rows = tableRows(map.text);
  if (rows.length === 0)
    return [
      {
        file: map.file,
        path: '',
        message: 'the map has no table with the columns Seed | Claim | Lesson | Practice.',
        fix: 'Add a markdown table whose header row is "| Seed | Claim | Lesson | Practice |".',
      },
    ];
  const known = knownIds(content);
  return rows.flatMap(({ line, cells }) => rowProblems(map.file, line, cells, known));
}

interface Row {
  line: number;
  cells: string[];
}

/** Data rows of every table whose header is Seed | Claim | Lesson | Practice, with their 1-based lines. */
function tableRows(text: string): Row[] {
  const rows: Row[] = [];
  let inTable = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line.startsWith('|')) return void (inTable = false);
    const cells = splitRow(line);
    if (cells.map((c) => c.toLowerCase()).join('|') === HEADER.join('|')) return void (inTable = true);
    if (inTable && !cells.every((c) => /^:?-{3,}:?$/.test(c))) rows.push({ line: i + 1, cells });
  });
  return rows;
}

/** Cells of a markdown table row; `\|` inside a cell is a literal pipe. */
function splitRow(line: string): string[] {
  return line
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

interface Known {
  lessons: Set<string>;
  practice: Set<string>;
}

/** For a practice id whose quiz or scenario exists, the ids it does have, to suggest in the fix. */
function siblings(id: string, known: Known): string[] {
  const prefix = `${id.split('#')[0]}#`;
  return [...known.practice].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
}

function knownIds(content: MapContent): Known {
  const practice = new Set<string>();
  for (const quiz of content.quizzes)
    for (const q of listOf((quiz.data as { questions?: unknown } | undefined)?.questions)) practice.add(`${quiz.id}#${q}`);
  for (const scenario of content.scenarios)
    for (const n of listOf((scenario.data as { nodes?: unknown } | undefined)?.nodes)) practice.add(`${scenario.id}#${n}`);
  return { lessons: new Set(content.lessons.map((l) => l.id)), practice };
}

/** The ids of a list of `{ id }` entries, ignoring anything malformed (the schemas report that). */
function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.flatMap((e) => (typeof (e as { id?: unknown })?.id === 'string' ? [(e as { id: string }).id] : [])) : [];
}

const ids = (cell: string) => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1]!.trim());

function rowProblems(file: string, line: number, cells: string[], known: Known): Problem[] {
  const at = (column: string) => `line ${line}, ${column}`;
  const problem = (column: string, message: string, fix: string): Problem => ({ file, path: at(column), message, fix });
  if (cells.length !== 4)
    return [problem('row', `the row has ${cells.length} cells instead of 4.`, 'Give the row exactly the cells Seed | Claim | Lesson | Practice (write a pipe inside a cell as \\|).')];
  const [seed, claim, lesson, practice] = cells as [string, string, string, string];
  const problems: Problem[] = [];
  if (!seed) problems.push(problem('Seed', 'the Seed cell is empty.', 'Name the source article file, e.g. 000_17a9193d27e2feec.txt.'));
  if (!claim) problems.push(problem('Claim', 'the Claim cell is empty.', 'State the idea from the article in your own words.'));
  const lessonIds = ids(lesson);
  if (lessonIds.length === 0) problems.push(problem('Lesson', 'the Lesson cell names no lesson.', 'Name the lesson that teaches the claim as `module-id/lesson-id`.'));
  for (const id of lessonIds) {
    if (!LESSON_ID.test(id)) problems.push(problem('Lesson', `"${id}" is not of the form module-id/lesson-id.`, 'Write lesson ids as `module-id/lesson-id`, e.g. `empathy/what-empathy-looks-like`.'));
    else if (!known.lessons.has(id)) problems.push(problem('Lesson', `no lesson "${id}" exists.`, `Use the id of an existing lesson (content/modules/${id}.mdx), or update the map after renaming it.`));
  }
  const practiceIds = ids(practice);
  if (practiceIds.length === 0 && !/^—\s*\S/.test(practice))
    problems.push(problem('Practice', 'the Practice cell names no question or decision.', 'Name one as `quiz-id#question-id` or `scenario-id#node-id`, or write "—" and the reason it is not practiced.'));
  for (const id of practiceIds) {
    if (!PRACTICE_ID.test(id)) problems.push(problem('Practice', `"${id}" is not of the form quiz-id#question-id or scenario-id#node-id.`, 'Write practice ids as `quiz-id#question-id` or `scenario-id#node-id`.'));
    else if (!known.practice.has(id)) {
      const there = siblings(id, known);
      const fix = there.length
        ? `Use one of the ids it has: ${there.join(', ')}.`
        : `No quiz or scenario "${id.split('#')[0]}" exists; use the id of a file in content/quizzes/ or content/scenarios/.`;
      problems.push(problem('Practice', `no question or scenario node "${id}" exists.`, fix));
    }
  }
  return problems;
}
