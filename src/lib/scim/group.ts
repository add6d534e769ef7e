/**
 * The SCIM Group as Rapport keeps it: a name, the directory's id for it, and its members' ids. PATCH
 * turns into membership changes (adds and removes) so that the server applies only what changed,
 * whichever shape the directory used: Entra's `members` add/remove with values or its
 * `members[value eq "id"]` remove path, Okta's `replace` of the whole group.
 */
import { attributeName, readString, ScimError } from './protocol.ts';
import { MAX_TEAM_NAME } from '../people/team-names.ts';
import { operationsOf } from './patch.ts';

export interface GroupChange {
  displayName?: string;
  externalId?: string | null;
  /** The whole member list, when the request replaced it. */
  members?: string[];
  add: string[];
  remove: string[];
}

function memberIds(value: unknown, field: string): string[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return list.map((m, i) => {
    const id = typeof m === 'object' && m !== null ? (m as Record<string, unknown>).value : undefined;
    if (typeof id !== 'string' || !id) throw new ScimError(400, `${field}[${i}].value must be a member's id.`, 'invalidValue');
    return id;
  });
}

function requiredName(value: unknown): string {
  const name = readString(value, 'displayName')?.trim();
  if (!name) throw new ScimError(400, 'displayName is required and may not be empty.', 'invalidValue');
  // A group names a team, and team names are kept short enough for every table they appear in.
  if (name.length > MAX_TEAM_NAME)
    throw new ScimError(400, `displayName is longer than ${MAX_TEAM_NAME} characters (a team name's limit).`, 'invalidValue');
  return name;
}

/** A whole Group resource from a POST or PUT. */
export function readGroupResource(body: unknown): Required<Omit<GroupChange, 'add' | 'remove'>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ScimError(400, 'The body must be a JSON object: a SCIM Group resource.', 'invalidSyntax');
  const fields = Object.fromEntries(Object.entries(body).map(([k, v]) => [attributeName(k), v]));
  return {
    displayName: requiredName(fields.displayname),
    externalId: readString(fields.externalid, 'externalId'),
    members: memberIds(fields.members, 'members'),
  };
}

const MEMBER_PATH = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i;

/** The changes a PatchOp request makes to a group. */
export function patchGroup(body: unknown): GroupChange {
  const change: GroupChange = { add: [], remove: [] };
  for (const { op, path, value } of operationsOf(body)) {
    if (path === null) {
      // Okta: {"op":"replace","value":{"id":..., "displayName":..., "members": [...]}}.
      if (typeof value !== 'object' || value === null)
        throw new ScimError(400, `An "${op}" without a path needs an object value.`, 'invalidValue');
      for (const [key, inner] of Object.entries(value)) applyPath(change, op, attributeName(key), inner);
      continue;
    }
    const selected = MEMBER_PATH.exec(path);
    if (selected) {
      if (op !== 'remove') throw new ScimError(400, `Only remove may target ${path}.`, 'invalidPath');
      change.remove.push(selected[1]!);
      continue;
    }
    applyPath(change, op, attributeName(path), value);
  }
  return change;
}

function applyPath(change: GroupChange, op: 'add' | 'replace' | 'remove', path: string, value: unknown): void {
  switch (path) {
    case 'displayname':
      if (op === 'remove') throw new ScimError(400, 'displayName cannot be removed.', 'mutability');
      change.displayName = requiredName(value);
      return;
    case 'externalid':
      change.externalId = op === 'remove' ? null : readString(value, 'externalId');
      return;
    case 'members': {
      const ids = memberIds(value, 'members');
      if (op === 'add') change.add.push(...ids);
      // A remove with no value empties the group (RFC 7644 3.5.2.2).
      else if (op === 'remove' && ids.length > 0) change.remove.push(...ids);
      else {
        change.members = op === 'remove' ? [] : ids;
        change.add = [];
        change.remove = [];
      }
      return;
    }
    case 'id':
      return; // Okta repeats the id in its replace; it cannot change.
    default:
      throw new ScimError(400, `Groups have no attribute "${path}" here: use displayName, externalId or members.`, 'invalidPath');
  }
}
