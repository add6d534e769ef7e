/**
 * What the lesson editor's "Insert" menu puts into a lesson: the author components of
 * src/components/mdx/, written the way docs/authoring.md shows them, so trainers pick them from a menu
 * instead of typing tags. A choice's value is `<Component>` or `<Component>:<id>` for embeds.
 */

export interface SnippetChoice {
  value: string;
  label: string;
}

const BLOCKS: Record<string, { label: string; text: string }> = {
  KeyIdea: { label: 'Key idea', text: '<KeyIdea>\nThe one idea to remember from this lesson.\n</KeyIdea>' },
  TryThis: { label: 'Try this at work', text: '<TryThis>\nSomething to do at work this week, in one or two steps.\n</TryThis>' },
  Example: {
    label: 'Example',
    text: '<Example title="Role: the setting">\nWhat happened, what the person did, and what it changed.\n</Example>',
  },
  Reflection: {
    label: 'Reflection (saved to the learner’s journal)',
    text: '<Reflection id="new-reflection" prompt="A question the learner answers for themselves." />',
  },
};

/** The menu: the blocks, then one entry per quiz and per role-play that can be embedded. */
export function snippetChoices(quizIds: readonly string[], scenarioIds: readonly string[]): SnippetChoice[] {
  return [
    ...Object.entries(BLOCKS).map(([value, { label }]) => ({ value, label })),
    ...quizIds.map((id) => ({ value: `Quiz:${id}`, label: `Quiz or check: ${id}` })),
    ...scenarioIds.map((id) => ({ value: `Scenario:${id}`, label: `Role-play: ${id}` })),
  ];
}

/** The MDX for a menu choice, or null for a value the menu never offers. */
export function snippetFor(value: string): string | null {
  const block = BLOCKS[value];
  if (block) return block.text;
  const embed = /^(Quiz|Scenario):([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(value);
  return embed ? `<${embed[1]} id="${embed[2]}" />` : null;
}

/**
 * `body` with `snippet` inserted at `at` (a character offset; the end when absent or out of range),
 * as its own paragraph: MDX needs blank lines around a block component.
 */
export function insertSnippet(body: string, snippet: string, at?: number): string {
  const where = at !== undefined && Number.isInteger(at) && at >= 0 && at <= body.length ? at : body.length;
  const before = body.slice(0, where).replace(/\s*$/, '');
  const after = body.slice(where).trim();
  return [before, snippet, after].filter(Boolean).join('\n\n') + '\n';
}

/** The Markdown for an uploaded image, with its required alt text. */
export function imageMarkdown(alt: string, fileName: string): string {
  return `![${alt.replace(/[[\]\n]/g, ' ').trim()}](./images/${fileName})`;
}
