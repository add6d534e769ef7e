// The curriculum map check (src/lib/content/curriculum-map.ts): every lesson and practice id in
// docs/curriculum-map.md must exist. Pure cases on a small course, then the real map against the real course.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { checkCurriculumMap, type MapContent } from '../../src/lib/content/curriculum-map.ts';
import { loadContent } from '../../src/lib/content/load-fs.ts';
import { formatProblem } from '../../src/lib/content/problem.ts';

const COURSE: Omit<MapContent, 'curriculumMap'> = {
  lessons: [{ id: 'alpha/first-lesson' }, { id: 'alpha/second-lesson' }],
  quizzes: [{ id: 'alpha-quiz', data: { questions: [{ id: 'pick-one' }, { id: 'judge' }] } }],
  scenarios: [{ id: 'alpha-talk', data: { nodes: [{ id: 'opening' }, { id: 'middle' }] } }],
};

const HEAD = '# Map\n\n| Seed | Claim | Lesson | Practice |\n| --- | --- | --- | --- |\n';

/** The formatted problems for a map made of HEAD and `rows` (the first row is on line 5). */
function check(rows: string, head = HEAD): string[] {
  return checkCurriculumMap({ ...COURSE, curriculumMap: { file: 'docs/curriculum-map.md', text: head + rows } }).map(
    formatProblem,
  );
}

describe('curriculum map check', () => {
  it('accepts ids that exist, several per cell, and a dash with a reason for practice', () => {
    const rows = [
      '| 000_a.txt | Ask first. | `alpha/first-lesson` | `alpha-quiz#pick-one`, `alpha-talk#opening` |',
      '| 000_a.txt | Both matter. | `alpha/first-lesson`, `alpha/second-lesson` | — a reflection, not graded |',
    ].join('\n');
    expect(check(`${rows}\n\nSome text after the table.\n`)).toEqual([]);
  });

  it('names the map line and column of every id that does not exist, with the ids that do', () => {
    expect(check('| 000_a.txt | Ask first. | `alpha/third-lesson` | `alpha-quiz#pick-two`, `beta-quiz#x` |\n')).toEqual([
      'docs/curriculum-map.md: line 5, Lesson: no lesson "alpha/third-lesson" exists. Fix: Use the id of an existing lesson (content/modules/alpha/third-lesson.mdx), or update the map after renaming it.',
      'docs/curriculum-map.md: line 5, Practice: no question or scenario node "alpha-quiz#pick-two" exists. Fix: Use one of the ids it has: pick-one, judge.',
      'docs/curriculum-map.md: line 5, Practice: no question or scenario node "beta-quiz#x" exists. Fix: No quiz or scenario "beta-quiz" exists; use the id of a file in content/quizzes/ or content/scenarios/.',
    ]);
  });

  it('rejects ids of the wrong form, empty cells, a bare dash and rows with the wrong number of cells', () => {
    const rows = [
      '| 000_a.txt | Ask first. | `first-lesson` | `alpha-quiz/pick-one` |',
      '|  |  |  | — |',
      '| 000_a.txt | Ask first. | `alpha/first-lesson` |',
    ].join('\n');
    expect(check(rows)).toEqual([
      'docs/curriculum-map.md: line 5, Lesson: "first-lesson" is not of the form module-id/lesson-id. Fix: Write lesson ids as `module-id/lesson-id`, e.g. `empathy/what-empathy-looks-like`.',
      'docs/curriculum-map.md: line 5, Practice: "alpha-quiz/pick-one" is not of the form quiz-id#question-id or scenario-id#node-id. Fix: Write practice ids as `quiz-id#question-id` or `scenario-id#node-id`.',
      'docs/curriculum-map.md: line 6, Seed: the Seed cell is empty. Fix: Name the source article file, e.g. 000_17a9193d27e2feec.txt.',
      'docs/curriculum-map.md: line 6, Claim: the Claim cell is empty. Fix: State the idea from the article in your own words.',
      'docs/curriculum-map.md: line 6, Lesson: the Lesson cell names no lesson. Fix: Name the lesson that teaches the claim as `module-id/lesson-id`.',
      'docs/curriculum-map.md: line 6, Practice: the Practice cell names no question or decision. Fix: Name one as `quiz-id#question-id` or `scenario-id#node-id`, or write "—" and the reason it is not practiced.',
      'docs/curriculum-map.md: line 7, row: the row has 3 cells instead of 4. Fix: Give the row exactly the cells Seed | Claim | Lesson | Practice (write a pipe inside a cell as \\|).',
    ]);
  });

  it('reads only tables with the map header, and says so when there is none', () => {
    const other = '| Rule | Meaning |\n| --- | --- |\n| `not/checked` | here |\n';
    expect(check('', `# Map\n\n${other}`)).toEqual([
      'docs/curriculum-map.md: the map has no table with the columns Seed | Claim | Lesson | Practice. Fix: Add a markdown table whose header row is "| Seed | Claim | Lesson | Practice |".',
    ]);
    expect(check(`| 000_a.txt | Ask. | \`alpha/first-lesson\` | \`alpha-quiz#judge\` |\n\n${other}`)).toEqual([]);
  });

  it('checks nothing when the project has no map', () => {
    expect(checkCurriculumMap(COURSE)).toEqual([]);
  });

  it('finds every id in the course map (docs/curriculum-map.md)', () => {
    const course = loadContent(fileURLToPath(new URL('../..', import.meta.url)));
    expect(course.curriculumMap?.file).toBe('docs/curriculum-map.md');
    expect(checkCurriculumMap(course).map(formatProblem)).toEqual([]);
  });
});
