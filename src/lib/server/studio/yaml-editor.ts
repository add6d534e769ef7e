/**
 * The part every YAML editor (module, quiz, role-play) shares: the form turned into the file's text,
 * with the add and remove buttons applied, and the file's text read back into the object its form shows.
 */
import { parse } from 'yaml';
import { fieldsToObject } from '../../studio/form-fields.ts';
import { applyListAction, parseListAction, type Templates } from '../../studio/list-actions.ts';
import { toYaml } from '../../studio/yaml-text.ts';
import type { BuildText } from './editor.ts';

/** A BuildText for a YAML file: `save`, and the list actions `templates` can fill. */
export function yamlBuilder(templates: Templates, anchorOf: (path: string) => string | undefined): BuildText {
  return async (form, intent) => {
    const data = fieldsToObject(form.entries());
    if (intent === 'save') return { text: toYaml(data) };
    const action = parseListAction(intent);
    const changed = action ? applyListAction(data, action, templates) : null;
    if (changed === null) return null;
    return { text: toYaml(data), anchor: anchorOf(changed) };
  };
}

/** The object a YAML file holds, or `fallback` for a new file or one whose YAML does not parse. */
export function readYamlObject(
  text: string | null,
  fallback: Record<string, unknown>,
): { data: Record<string, unknown>; unreadable: boolean } {
  if (text === null) return { data: fallback, unreadable: false };
  try {
    const data = parse(text) as unknown;
    if (data && typeof data === 'object' && !Array.isArray(data))
      return { data: data as Record<string, unknown>, unreadable: false };
  } catch {
    // Shown as unreadable below: the form cannot show a file it cannot read.
  }
  return { data: fallback, unreadable: true };
}
