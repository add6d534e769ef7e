/**
 * The buttons that add and remove rows in the studio's forms (a question, an option, a node, a choice,
 * an ending) without JavaScript: each is a submit button whose value names the change, applied to the
 * object the form describes before it is saved. `add:<list>[:<template>]` appends a row,
 * `remove:<list>:<position>` removes one; `<list>` is a field path such as `questions.2.options`.
 */
import { isSafePath } from './form-fields.ts';

/** Row factories by list name (`options`, `nodes`) or list name and variant (`questions:single`). */
export type Templates = Record<string, () => unknown>;

export type ListAction = { kind: 'add'; list: string[]; template: string } | { kind: 'remove'; list: string[]; at: number };

/** The action an intent names, or null when it is not a list action. */
export function parseListAction(intent: string): ListAction | null {
  const [kind, list, extra = ''] = intent.split(':');
  const segments = (list ?? '').split('.');
  if (!isSafePath(segments)) return null;
  if (kind === 'add') return { kind, list: segments, template: extra };
  if (kind === 'remove' && /^\d{1,4}$/.test(extra)) return { kind, list: segments, at: Number(extra) };
  return null;
}

function listAt(data: Record<string, unknown>, segments: string[], create: boolean): unknown[] | null {
  let node: unknown = data;
  for (const [i, segment] of segments.entries()) {
    const container = node as Record<string, unknown>;
    if (!container || typeof container !== 'object') return null;
    if (container[segment] === undefined && create) container[segment] = i === segments.length - 1 ? [] : {};
    node = container[segment];
  }
  return Array.isArray(node) ? node : null;
}

/**
 * Applies `action` to `data` in place. Returns the field path of the row added (for the page to scroll
 * to), the list's path after a removal, or null when the action does not fit the data or the templates.
 */
export function applyListAction(data: Record<string, unknown>, action: ListAction, templates: Templates): string | null {
  if (action.kind === 'add') {
    // Templates are named by the list's own name, and a variant where there are several: `questions:single`.
    const name = action.list.at(-1)! + (action.template ? `:${action.template}` : '');
    const make = Object.hasOwn(templates, name) ? templates[name] : undefined;
    const list = make ? listAt(data, action.list, true) : null;
    if (!list || !make) return null;
    list.push(make());
    return `${action.list.join('.')}.${list.length - 1}`;
  }
  const list = listAt(data, action.list, false);
  if (!list || action.at >= list.length) return null;
  list.splice(action.at, 1);
  return action.list.join('.');
}
