/**
 * Writes what the studio's forms describe back into the file formats of docs/authoring.md. YAML comments
 * in a file edited through a form are not kept (decision 022); the field order follows the form.
 */
import { stringify } from 'yaml';

export function toYaml(data: unknown): string {
  // lineWidth 0: never fold long prose, so a diff of a publish shows whole sentences.
  return stringify(data, { lineWidth: 0 });
}

/** A lesson file: frontmatter between `---` lines, a blank line, then the MDX body. */
export function lessonText(frontmatter: unknown, body: string): string {
  return `---\n${toYaml(frontmatter)}---\n\n${body.replace(/\r\n/g, '\n').replace(/^\n+/, '')}`;
}

/** Splits a lesson file into its frontmatter text and body (the whole text is the body when there is none). */
export function splitLesson(text: string): { frontmatter: string; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return match ? { frontmatter: match[1]!, body: match[2]!.replace(/^\n+/, '') } : { frontmatter: '', body: text };
}
