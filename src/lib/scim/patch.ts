/** The PatchOp message (RFC 7644 3.5.2), read leniently where Entra ID departs from the letter. */
import { PATCH_SCHEMA, ScimError } from './protocol.ts';

export interface Operation {
  /** Lower-cased: Entra sends "Replace", "Add", "Remove". */
  op: 'add' | 'replace' | 'remove';
  path: string | null;
  value: unknown;
}

export function operationsOf(body: unknown): Operation[] {
  if (typeof body !== 'object' || body === null)
    throw new ScimError(400, 'The body must be a PatchOp JSON object.', 'invalidSyntax');
  const message = body as Record<string, unknown>;
  const schemas = message.schemas;
  if (Array.isArray(schemas) && !schemas.includes(PATCH_SCHEMA))
    throw new ScimError(400, `schemas must include ${PATCH_SCHEMA}.`, 'invalidSyntax');
  // "Operations" in the RFC; some clients write it in lower case.
  const list = message.Operations ?? message.operations;
  if (!Array.isArray(list) || list.length === 0)
    throw new ScimError(400, 'Operations must be a non-empty list of {op, path, value}.', 'invalidSyntax');
  return list.map((raw, index) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const op = String(item.op ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw new ScimError(
        400,
        `Operations[${index}].op must be add, replace or remove (got ${JSON.stringify(item.op)}).`,
        'invalidSyntax',
      );
    const path = typeof item.path === 'string' && item.path.trim() ? item.path.trim() : null;
    if (op === 'remove' && path === null) throw new ScimError(400, `Operations[${index}]: remove needs a path.`, 'noTarget');
    return { op, path, value: item.value };
  });
}
