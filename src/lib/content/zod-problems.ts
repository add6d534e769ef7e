/** Turns zod issues into authoring problems: `objectives: must have at least 1 item (got 0)`. */
import type { z } from 'zod';
import type { Problem } from './problem.ts';

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function quote(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function zodProblems(error: z.ZodError, data: unknown, file: string, fixes: Record<string, string> = {}): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const value = valueAt(data, issue.path);
    const field = String(issue.path.at(-1) ?? '');
    let message: string;
    let fix = fixes[field] ?? 'Correct the value as described.';
    switch (issue.code) {
      case 'unrecognized_keys':
        message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
        fix = 'Remove it or check its spelling against docs/authoring.md.';
        break;
      case 'invalid_type':
        message = value === undefined ? 'is required but missing.' : `expected ${issue.expected}, got ${quote(value)}.`;
        if (value === undefined && !fixes[field]) fix = `Add "${field}".`;
        break;
      case 'too_small':
        message = `${issue.message} (got ${quote(value)}).`;
        break;
      case 'invalid_value':
        message = `${quote(value)} is not allowed; use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
        fix = 'Use one of the listed values.';
        break;
      default:
        message = `${issue.message} (got ${quote(value)}).`;
    }
    return { file, path, message, fix };
  });
}
