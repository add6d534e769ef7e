/**
 * YAML syntax errors in words an author can act on: where (line and column, counted as an editor counts
 * them), what went wrong, and the likely fix. The yaml package's own messages name the grammar rule
 * ("Nested mappings are not allowed in compact mappings"); these name the mistake people make.
 */

export interface YamlSyntaxProblem {
  message: string;
  fix: string;
}

interface YamlErrorLike {
  code?: string;
  linePos?: { line: number; col: number }[];
  message?: string;
}

const PLAIN: Record<string, [what: string, fix: string]> = {
  BLOCK_AS_IMPLICIT_KEY: [
    'a value contains a colon followed by a space, so YAML reads it as a new field',
    'Put the whole value in double quotes, e.g. text: "Say: thank you".',
  ],
  MULTILINE_IMPLICIT_KEY: [
    'a field name runs over more than one line',
    'Put the field on one line, or start the value on the next line after "field: >".',
  ],
  TAB_AS_INDENT: ['a tab is used for indentation', 'Indent with spaces only (two per level).'],
  BAD_INDENT: [
    'the indentation does not line up with the lines around it',
    'Indent fields of the same item by the same number of spaces, and close any [ or { you opened.',
  ],
  MISSING_CHAR: [
    'something that should be closed or marked is missing (a closing quote, or the "-" of a list item)',
    'Close every quote you open, and start each list item with "- ".',
  ],
  DUPLICATE_KEY: ['the same field appears twice in one item', 'Remove one of them, or rename it.'],
  UNEXPECTED_TOKEN: [
    'the text does not fit where it stands (often a list item and a field mixed at one level)',
    'Check the indentation of this line against the one above it.',
  ],
  BAD_SCALAR_START: [
    'a value starts with a character YAML reserves (such as @, `, | or >)',
    'Put the whole value in double quotes.',
  ],
};

/**
 * The problem for a YAML parse error. `lineOffset` is the file line the YAML starts on, minus one (a
 * lesson's frontmatter starts on line 2).
 */
export function yamlSyntaxProblem(error: unknown, lineOffset = 0): YamlSyntaxProblem {
  const e = (error ?? {}) as YamlErrorLike;
  const at = e.linePos?.[0];
  const where = at ? `line ${at.line + lineOffset}, column ${at.col}` : 'somewhere in the file';
  const known = e.code ? PLAIN[e.code] : undefined;
  const what = known?.[0] ?? (e.message ?? 'the YAML could not be read').split(' at line ')[0]!.split('\n')[0]!;
  return {
    message: `the YAML cannot be read: at ${where}, ${what}.`,
    fix: known?.[1] ?? 'Compare the line with the examples in docs/authoring.md: indentation, quotes and "- " for list items.',
  };
}
