/**
 * The SCIM User as Rapport keeps it: the few attributes we use, read from a whole resource (POST,
 * PUT) or changed by PATCH operations in the shapes Entra ID and Okta send. Attributes we do not keep
 * (phone numbers, addresses, the enterprise extension) are accepted and ignored, so that a directory
 * sending its usual mapping is not refused (docs/decisions/020-scim.md).
 */
import { attributeName, readBoolean, readString, ScimError } from './protocol.ts';
import { operationsOf, type Operation } from './patch.ts';

export interface ScimUserState {
  userName: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  /** What Rapport shows; derived from the name or userName when the directory sends none. */
  displayName: string | null;
  /** The work (or primary, or first) email; userName when it is an email and none is sent. */
  email: string | null;
  active: boolean;
}

type Value = Record<string, unknown>;

/** The email a list of SCIM emails stands for: the primary one, else the work one, else the first. */
function pickEmail(emails: unknown): string | null {
  if (!Array.isArray(emails)) return readString(emails, 'emails');
  const list = emails.filter((e): e is Value => typeof e === 'object' && e !== null);
  const chosen =
    list.find((e) => e.primary === true || String(e.primary).toLowerCase() === 'true') ??
    list.find((e) => String(e.type).toLowerCase() === 'work') ??
    list[0];
  return chosen ? readString(chosen.value, 'emails.value') : null;
}

/** Sets one attribute (lower-case path, URN removed) to `value`, or clears it for a remove. */
function setAttribute(state: ScimUserState, path: string, value: unknown): void {
  switch (path) {
    case 'username': {
      const userName = readString(value, 'userName');
      if (!userName) throw new ScimError(400, 'userName may not be empty.', 'invalidValue');
      state.userName = userName;
      return;
    }
    case 'externalid':
      state.externalId = readString(value, 'externalId');
      return;
    case 'displayname':
      state.displayName = readString(value, 'displayName');
      return;
    case 'name':
      if (value === null || value === undefined) state.givenName = state.familyName = null;
      else if (typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) setAttribute(state, `name.${key.toLowerCase()}`, inner);
      return;
    case 'name.givenname':
      state.givenName = readString(value, 'name.givenName');
      return;
    case 'name.familyname':
      state.familyName = readString(value, 'name.familyName');
      return;
    case 'emails':
    case 'emails.value':
      state.email = pickEmail(value);
      return;
    case 'active':
      state.active = value === null || value === undefined ? state.active : readBoolean(value, 'active');
      return;
    default:
    // Not kept here (see the module comment).
  }
}

/**
 * A whole User resource from a POST or PUT. A PUT that leaves `active` out keeps the current value
 * (`activeNow`): a replace that forgets it must not deactivate anyone.
 */
export function readUserResource(body: unknown, activeNow = true): ScimUserState {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ScimError(400, 'The body must be a JSON object: a SCIM User resource.', 'invalidSyntax');
  const state: ScimUserState = {
    userName: '',
    externalId: null,
    givenName: null,
    familyName: null,
    displayName: null,
    email: null,
    active: activeNow,
  };
  for (const [key, value] of Object.entries(body)) setAttribute(state, attributeName(key), value);
  if (!state.userName) throw new ScimError(400, 'userName is required.', 'invalidValue');
  return state;
}

/** The state after a PatchOp request; paths such as `emails[type eq "work"].value` and "value"-only replaces included. */
export function patchUser(current: ScimUserState, body: unknown): ScimUserState {
  const state = { ...current };
  for (const operation of operationsOf(body)) applyOperation(state, operation);
  return state;
}

function applyOperation(state: ScimUserState, { op, path, value }: Operation): void {
  if (path === null) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new ScimError(400, `An "${op}" without a path needs an object value.`, 'invalidValue');
    // Entra writes sub-attributes as dotted keys ("name.givenName"); Okta nests them.
    for (const [key, inner] of Object.entries(value)) setAttribute(state, attributeName(key), op === 'remove' ? null : inner);
    return;
  }
  const target = attributeName(path).replace(/\[\s*type\s+eq\s+"[^"]*"\s*\]/, '');
  if (op === 'remove' && target === 'username') throw new ScimError(400, 'userName cannot be removed.', 'mutability');
  setAttribute(state, target, op === 'remove' ? null : value);
}

/** What Rapport shows as the person's name. */
export function nameOf(state: ScimUserState): string {
  const full = [state.givenName, state.familyName].filter(Boolean).join(' ');
  return (state.displayName ?? full) || state.userName;
}
