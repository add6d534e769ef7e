/**
 * Lesson shells: a lesson page rendered once per (lesson, role) with markers where each learner's own
 * values go, then filled per request. Rendering an Astro page costs milliseconds; filling a shell
 * costs microseconds, which is what lets the built server answer lesson pages at a good share of the
 * rate it serves static files (see docs/decisions/007-lesson-shells.md).
 *
 * Markers are HTML comments, so a shell is still valid HTML. Author text cannot forge one: MDX and
 * Astro escape `<` in text, and fill() inserts learner values escaped, in a single pass that never
 * rescans what it inserted.
 *
 *   <!--rapport:NAME-->                               a value, inserted as escaped text
 *   <!--rapport?TEST-->yes<!--rapport:else-->no<!--rapport/-->   one of two renderings
 *
 * Values: `name` (display name), `comment` (lesson feedback comment), `reflection:ID` (saved answer).
 * Tests: `completed`, `feedback` (feedback saved), `rating:N`, `reflection:ID` (answer saved).
 * Branches do not nest.
 */

/** What a learner's copy of a lesson page differs by. */
export interface LessonFill {
  displayName: string;
  completed: boolean;
  /** Saved reflection answers by reflection id. */
  reflections: ReadonlyMap<string, string>;
  feedback: { rating: number; comment: string } | null;
}

const PREFIX = '<!--rapport';

/** The marker for a value. */
export function hole(name: string): string {
  return `${PREFIX}:${name}-->`;
}

/** The three markers around a branch: opening (with its test), else, end. */
export function branchMarkers(test: string): { open: string; otherwise: string; end: string } {
  return { open: `${PREFIX}?${test}-->`, otherwise: `${PREFIX}:else-->`, end: `${PREFIX}/-->` };
}

const NAME = '[a-z]+(?::[A-Za-z0-9_-]+)?';
const MARKERS = new RegExp(
  `<!--rapport\\?(${NAME})-->([\\s\\S]*?)<!--rapport:else-->([\\s\\S]*?)<!--rapport/-->|<!--rapport:(${NAME})-->`,
  'g',
);
const ANY_MARKER = /<!--rapport[?:/]/g;
const HAS_MARKER = /<!--rapport[?:/]/;

/** The same escaping Astro applies to text expressions, so a filled page reads as a rendered one. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function value(name: string, fill: LessonFill): string {
  if (name === 'name') return escapeHtml(fill.displayName);
  if (name === 'comment') return escapeHtml(fill.feedback?.comment ?? '');
  if (name.startsWith('reflection:')) return escapeHtml(fill.reflections.get(name.slice('reflection:'.length)) ?? '');
  throw new Error(`Unknown lesson shell value "${name}"`);
}

function test(name: string, fill: LessonFill): boolean {
  if (name === 'completed') return fill.completed;
  if (name === 'feedback') return fill.feedback !== null;
  if (name.startsWith('rating:')) return fill.feedback?.rating === Number(name.slice('rating:'.length));
  if (name.startsWith('reflection:')) return fill.reflections.has(name.slice('reflection:'.length));
  throw new Error(`Unknown lesson shell test "${name}"`);
}

/**
 * Checks a freshly rendered shell: every marker well formed and known. Run once when a shell is
 * stored, so that fill() cannot meet a marker it does not understand.
 */
export function checkShell(shell: string): string[] {
  const problems: string[] = [];
  const probe: LessonFill = { displayName: '', completed: false, reflections: new Map(), feedback: null };
  let recognised = 0;
  for (const match of shell.matchAll(MARKERS)) {
    const [whole, testName, yes, no, valueName] = match;
    recognised += testName ? 3 : 1;
    try {
      if (testName) test(testName, probe);
      else value(valueName!, probe);
    } catch (error) {
      problems.push((error as Error).message);
    }
    if (testName && (HAS_MARKER.test(yes!) || HAS_MARKER.test(no!)))
      problems.push(`Nested marker in branch "${whole.slice(0, 60)}"`);
  }
  const total = shell.match(ANY_MARKER)?.length ?? 0;
  if (total !== recognised) problems.push(`${total - recognised} malformed or unbalanced marker(s)`);
  return problems;
}

/** A learner's copy of the page: every marker replaced, in one pass. */
export function fillShell(shell: string, fill: LessonFill): string {
  return shell.replace(MARKERS, (_whole, testName: string | undefined, yes: string, no: string, valueName: string | undefined) =>
    testName ? (test(testName, fill) ? yes : no) : value(valueName!, fill),
  );
}
