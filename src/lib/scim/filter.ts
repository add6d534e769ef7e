/**
 * SCIM filters as identity providers send them (RFC 7644 3.4.2.2): equality tests joined by `and`,
 * e.g. `userName eq "ada@example.com"`, `externalId eq "00u1"`, `displayName eq "Support"`, and
 * Entra's membership check `members[value eq "id"]`. Anything else is refused with invalidFilter,
 * which tells the client what we do not support rather than answering a wrong list.
 */
import { attributeName, ScimError } from './protocol.ts';

export interface Condition {
  /** Lower-case attribute path without its schema URN, e.g. `username`, `emails.value`, `members.value`. */
  attribute: string;
  value: string;
}

// One comparison: an attribute path (with an optional [value eq "x"] selector), `eq`, and a JSON value.
const COMPARISON =
  /^\s*([A-Za-z0-9:._$-]+?)(?:\[\s*value\s+eq\s+("(?:[^"\\]|\\.)*")\s*\])?\s+(eq)\s+("(?:[^"\\]|\\.)*"|true|false|null|-?\d+(?:\.\d+)?)\s*/i;
const SELECTOR_ONLY = /^\s*([A-Za-z0-9:._$-]+?)\[\s*value\s+eq\s+("(?:[^"\\]|\\.)*")\s*\]\s*/i;

/** The conditions of a filter, all of which must hold; an empty filter is no condition. */
export function parseFilter(text: string | null): Condition[] {
  if (!text || !text.trim()) return [];
  const conditions: Condition[] = [];
  // Entra looks people up by `emails[type eq "work"].value`: we keep one email, so the type is moot.
  let rest = text.replace(/\[\s*type\s+eq\s+"[^"]*"\s*\]\.value\b/gi, '.value');
  for (;;) {
    const selector = SELECTOR_ONLY.exec(rest);
    const comparison = selector ? null : COMPARISON.exec(rest);
    if (selector) {
      conditions.push({ attribute: `${attributeName(selector[1]!)}.value`, value: String(literal(selector[2]!, text)) });
      rest = rest.slice(selector[0].length);
    } else if (comparison) {
      const [, path, selected, , raw] = comparison;
      const value = literal(raw!, text);
      const attribute = attributeName(path!);
      // `members[value eq "x"] eq "y"` compares nothing SCIM defines.
      if (selected) throw unsupported(text);
      conditions.push({ attribute, value: value === null ? '' : String(value) });
      rest = rest.slice(comparison[0].length);
    } else throw unsupported(text);
    if (!rest.trim()) return conditions;
    const and = /^and\s+/i.exec(rest);
    if (!and) throw unsupported(text);
    rest = rest.slice(and[0].length);
  }
}

/** A JSON literal from the filter; a string with an escape JSON does not know (`"\x"`) is refused. */
function literal(raw: string, text: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw unsupported(text);
  }
}

function unsupported(text: string): ScimError {
  return new ScimError(
    400,
    `Unsupported filter ${JSON.stringify(text)}: this server supports "eq" comparisons joined by "and", e.g. userName eq "ada@example.com".`,
    'invalidFilter',
  );
}

/** Whether `values` (an attribute's values, as found on a resource) meet a condition; strings compare case-insensitively. */
export function meets(values: readonly (string | null | undefined)[], condition: Condition): boolean {
  const wanted = condition.value.toLowerCase();
  return values.some((v) => v != null && v.toLowerCase() === wanted);
}
