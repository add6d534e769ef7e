// The SCIM wire format in plain TypeScript: filters, User and Group PATCH in the shapes Entra ID and
// Okta send (their quirks included), and the refusals each gives back as a SCIM error.
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../src/lib/scim/filter.ts';
import { patchUser, readUserResource, nameOf, type ScimUserState } from '../../src/lib/scim/user.ts';
import { patchGroup, readGroupResource } from '../../src/lib/scim/group.ts';
import { errorBody, listResponse, project, readPage, ScimError, PATCH_SCHEMA } from '../../src/lib/scim/protocol.ts';

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });

function scimError(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('filters', () => {
  it('reads the equality filters Entra ID and Okta send', () => {
    expect(parseFilter('userName eq "Ada@Example.com"')).toEqual([{ attribute: 'username', value: 'Ada@Example.com' }]);
    expect(parseFilter('externalId eq "00u1" and userName eq "x"')).toEqual([
      { attribute: 'externalid', value: '00u1' },
      { attribute: 'username', value: 'x' },
    ]);
    expect(parseFilter('emails[type eq "work"].value eq "a@b.co"')).toEqual([{ attribute: 'emails.value', value: 'a@b.co' }]);
    expect(parseFilter('id eq "g1" and members[value eq "u1"]')).toEqual([
      { attribute: 'id', value: 'g1' },
      { attribute: 'members.value', value: 'u1' },
    ]);
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:Group:displayName EQ "Support \\"A\\""')).toEqual([
      { attribute: 'displayname', value: 'Support "A"' },
    ]);
    expect(parseFilter(null)).toEqual([]);
  });

  it('refuses what it cannot answer rightly, with invalidFilter', () => {
    const refused = [
      'userName co "a"',
      'userName eq "a" or userName eq "b"',
      'userName eq',
      '(userName eq "a")',
      'userName eq "\\x"',
    ];
    for (const text of refused) {
      const error = scimError(() => parseFilter(text));
      expect([error.status, error.scimType]).toEqual([400, 'invalidFilter']);
    }
  });
});

const ada: ScimUserState = {
  userName: 'ada@example.com',
  externalId: 'e-1',
  givenName: 'Ada',
  familyName: 'Okafor',
  displayName: 'Ada Okafor',
  email: 'ada@example.com',
  active: true,
};

describe('User resources and PATCH', () => {
  it('reads an Entra create request: work email, name, the enterprise extension ignored', () => {
    const state = readUserResource({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee@testuser.com',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Support' },
      roles: [],
    });
    expect(state).toEqual({
      userName: 'Test_User_ab6490ee@testuser.com',
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      givenName: 'givenName',
      familyName: 'familyName',
      displayName: null,
      email: 'Test_User_fd0ea19b@testuser.com',
      active: true,
    });
    expect(nameOf(state)).toBe('givenName familyName');
  });

  it('keeps the current active value when a PUT leaves it out', () => {
    expect(readUserResource({ userName: 'x@y.co' }, false).active).toBe(false);
    expect(scimError(() => readUserResource({ displayName: 'No user name' })).scimType).toBe('invalidValue');
  });

  it("applies Entra's capitalised ops, string booleans and filtered email paths", () => {
    const after = patchUser(
      ada,
      patch(
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada.o@example.com' },
        { op: 'Replace', path: 'name.familyName', value: 'Okafor-Bell' },
        { op: 'Add', path: 'externalId', value: 'e-2' },
        { op: 'Replace', path: 'active', value: 'False' },
      ),
    );
    expect(after).toMatchObject({ email: 'ada.o@example.com', familyName: 'Okafor-Bell', externalId: 'e-2', active: false });
    expect(patchUser(after, patch({ op: 'replace', path: 'active', value: 'True' })).active).toBe(true);
    expect(ada.active).toBe(true);
  });

  it("applies replaces without a path: Okta's nested object and Entra's dotted keys", () => {
    expect(patchUser(ada, patch({ op: 'replace', value: { active: false } })).active).toBe(false);
    const dotted = patchUser(ada, patch({ op: 'replace', value: { 'name.givenName': 'Adaeze', displayName: 'Adaeze O.' } }));
    expect([dotted.givenName, dotted.displayName]).toEqual(['Adaeze', 'Adaeze O.']);
    const nested = patchUser(ada, patch({ op: 'replace', value: { name: { givenName: 'A.' }, userName: 'ada2@example.com' } }));
    expect([nested.givenName, nested.familyName, nested.userName]).toEqual(['A.', 'Okafor', 'ada2@example.com']);
  });

  it('removes an attribute by path, and refuses what cannot be', () => {
    expect(patchUser(ada, patch({ op: 'remove', path: 'externalId' })).externalId).toBeNull();
    expect(scimError(() => patchUser(ada, patch({ op: 'remove', path: 'userName' }))).scimType).toBe('mutability');
    expect(scimError(() => patchUser(ada, patch({ op: 'remove' }))).scimType).toBe('noTarget');
    expect(scimError(() => patchUser(ada, patch({ op: 'move', path: 'active' }))).scimType).toBe('invalidSyntax');
    expect(scimError(() => patchUser(ada, patch({ op: 'replace', path: 'active', value: 'maybe' }))).scimType).toBe(
      'invalidValue',
    );
    expect(scimError(() => patchUser(ada, { Operations: [] })).scimType).toBe('invalidSyntax');
  });
});

describe('Group resources and PATCH', () => {
  it('reads a new group', () => {
    expect(readGroupResource({ displayName: ' Support ', members: [{ value: 'u1', display: 'a' }] })).toEqual({
      displayName: 'Support',
      externalId: null,
      members: ['u1'],
    });
    expect(scimError(() => readGroupResource({ displayName: '' })).scimType).toBe('invalidValue');
    expect(scimError(() => readGroupResource({ displayName: 'x'.repeat(81) })).scimType).toBe('invalidValue');
  });

  it("turns Entra's member adds and removes (both remove forms) into changes", () => {
    const change = patchGroup(
      patch(
        { op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }, { value: 'u2' }] },
        { op: 'Remove', path: 'members', value: [{ value: 'u3' }] },
        { op: 'remove', path: 'members[value eq "u4"]' },
        { op: 'Replace', path: 'displayName', value: 'Support EMEA' },
      ),
    );
    expect(change).toEqual({ add: ['u1', 'u2'], remove: ['u3', 'u4'], displayName: 'Support EMEA' });
  });

  it("reads Okta's whole-group replace and a remove of every member", () => {
    expect(patchGroup(patch({ op: 'replace', value: { id: 'g1', displayName: 'Field' } }))).toEqual({
      add: [],
      remove: [],
      displayName: 'Field',
    });
    expect(patchGroup(patch({ op: 'remove', path: 'members' }))).toEqual({ add: [], remove: [], members: [] });
    expect(patchGroup(patch({ op: 'replace', path: 'members', value: [{ value: 'u9' }] })).members).toEqual(['u9']);
    expect(scimError(() => patchGroup(patch({ op: 'add', path: 'members[value eq "u1"]' }))).scimType).toBe('invalidPath');
    expect(scimError(() => patchGroup(patch({ op: 'add', path: 'owner', value: 'x' }))).scimType).toBe('invalidPath');
  });
});

describe('messages', () => {
  it('writes errors and list responses as RFC 7644 says', () => {
    expect(errorBody(new ScimError(409, 'taken', 'uniqueness'))).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: 'taken',
    });
    const page = readPage(new URLSearchParams('startIndex=2&count=1'));
    expect(listResponse([{ id: 'a' }, { id: 'b' }, { id: 'c' }], page)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 3,
      startIndex: 2,
      itemsPerPage: 1,
      Resources: [{ id: 'b' }],
    });
    expect(readPage(new URLSearchParams('startIndex=0&count=-5'))).toEqual({ startIndex: 1, count: 0 });
    expect(readPage(new URLSearchParams('count=5000')).count).toBe(200);
  });

  it('leaves out excluded attributes but never id, schemas or meta', () => {
    const group = { schemas: ['s'], id: 'g', displayName: 'd', members: [], meta: {} };
    expect(project(group, new URLSearchParams('excludedAttributes=members'))).toEqual({
      schemas: ['s'],
      id: 'g',
      displayName: 'd',
      meta: {},
    });
    expect(project(group, new URLSearchParams('attributes=displayName'))).toEqual({
      schemas: ['s'],
      id: 'g',
      displayName: 'd',
      meta: {},
    });
  });
});
