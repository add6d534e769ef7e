import { describe, expect, it } from 'vitest';
import { can, canSeeTeam, PERMISSIONS, ROLES, type Role } from '../../src/lib/auth/permissions.ts';

describe('role to permission matrix', () => {
  it('grants exactly the documented permissions', () => {
    const matrix = Object.fromEntries(ROLES.map((role) => [role, PERMISSIONS.filter((p) => can({ role }, p))]));
    expect(matrix).toEqual({
      learner: ['learn'],
      trainer: ['learn', 'content:preview', 'content:analytics'],
      manager: ['learn', 'team:manage'],
      admin: ['learn', 'content:preview', 'content:analytics', 'team:manage', 'org:manage', 'people:manage'],
    });
  });

  it('grants nothing to a signed-out visitor', () => {
    for (const p of PERMISSIONS) expect(can(null, p)).toBe(false);
  });
});

describe('team visibility', () => {
  const managed = ['team-a'];
  it.each<[Role, string, boolean]>([
    ['manager', 'team-a', true],
    ['manager', 'team-b', false],
    ['admin', 'team-b', true],
    ['trainer', 'team-a', false],
    ['learner', 'team-a', false],
  ])('%s looking at %s: %s', (role, team, expected) => {
    expect(canSeeTeam({ role }, team, managed)).toBe(expected);
  });
});
