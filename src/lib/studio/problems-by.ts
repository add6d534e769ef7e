/**
 * Puts each problem from content:check beside the part of the form it concerns. Rules name places in
 * two ways, by position (`questions.2.options.1`, from the schema) or by id (`questions[ask-first]`, from
 * the lint and graph rules); both are resolved to the position of the item in the list being edited.
 */
import type { Problem } from '../content/problem.ts';

export interface Grouped {
  /** Problems about the item at each position of the list. */
  byIndex: Map<number, Problem[]>;
  /** Problems about the file as a whole or a field outside the list. */
  rest: Problem[];
}

/** The position `path` points at in the list `list` (`questions`, `nodes`, `endings`), or null. */
export function indexIn(path: string, list: string, ids: readonly (string | undefined)[]): number | null {
  const byPosition = new RegExp(`^${list}\\.(\\d+)(?:\\.|$)`).exec(path);
  if (byPosition) return Number(byPosition[1]);
  const byId = new RegExp(`^${list}\\[([^\\]]+)\\]`).exec(path);
  if (!byId) return null;
  const at = ids.indexOf(byId[1]);
  return at === -1 ? null : at;
}

export function groupProblems(problems: readonly Problem[], list: string, ids: readonly (string | undefined)[]): Grouped {
  const byIndex = new Map<number, Problem[]>();
  const rest: Problem[] = [];
  for (const problem of problems) {
    const at = indexIn(problem.path, list, ids);
    if (at === null) rest.push(problem);
    else byIndex.set(at, [...(byIndex.get(at) ?? []), problem]);
  }
  return { byIndex, rest };
}

/** The ids of a list in the edited object, by position (undefined where an item has none yet). */
export function idsOf(data: unknown, list: string): (string | undefined)[] {
  const items = (data as Record<string, unknown> | null)?.[list];
  if (!Array.isArray(items)) return [];
  return items.map((item) => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  });
}
