import { describe, expect, it } from 'vitest';
import {
  accessKey,
  can,
  canSeeTeam,
  PERMISSIONS,
  ROLES,
  roleLabel,
  storedRole,
  type Actor,
} from '../../src/lib/auth/permissions.ts';

describe('role to permission matrix', () => {
  it('grants exactly the documented permissions', () => {
    const matrix = Object.fromEntries(ROLES.map((role) => [role, PERMISSIONS.filter((p) => can({ role }, p))]));
    expect(matrix).toEqual({
      learner: ['learn'],
      trainer: ['learn', 'content:preview', 'content:analytics', 'content:author', 'content:publish'],
      admin: [
        'learn',
        'content:preview',
        'content:analytics',
        'content:author',
        'content:publish',
        'team:manage',
        'org:manage',
        'people:manage',
      ],
    });
  });

  it('adds team management to any role of someone who manages a team, taking nothing away', () => {
    const matrix = Object.fromEntries(ROLES.map((role) => [role, PERMISSIONS.filter((p) => can({ role, manages: true }, p))]));
    expect(matrix).toEqual({
      learner: ['learn', 'team:manage'],
      trainer: ['learn', 'content:preview', 'content:analytics', 'content:author', 'content:publish', 'team:manage'],
      admin: [
        'learn',
        'content:preview',
        'content:analytics',
        'content:author',
        'content:publish',
        'team:manage',
        'org:manage',
        'people:manage',
      ],
    });
  });

  it('reads a role stored before decision 013 as a learner, without failing', () => {
    expect(storedRole('manager')).toBe('learner');
    expect(storedRole('trainer')).toBe('trainer');
    expect(PERMISSIONS.filter((p) => can({ role: 'manager' } as unknown as Actor, p))).toEqual(['learn']);
  });

  it('labels and keys each combination apart, for the header and the per-role shell cache', () => {
    const actors: Actor[] = [
      { role: 'learner' },
      { role: 'learner', manages: true },
      { role: 'trainer' },
      { role: 'trainer', manages: true },
      { role: 'admin' },
    ];
    expect(actors.map(roleLabel)).toEqual(['Learner', 'Manager', 'Trainer', 'Trainer, Manager', 'Admin']);
    expect(new Set(actors.map(accessKey)).size).toBe(actors.length);
  });

  it('grants nothing to a signed-out visitor', () => {
    for (const p of PERMISSIONS) expect(can(null, p)).toBe(false);
  });
});

describe('team visibility', () => {
  const managed = ['team-a'];
  it.each<[string, Actor, string, boolean]>([
    ['manager', { role: 'learner', manages: true }, 'team-a', true],
    ['manager', { role: 'learner', manages: true }, 'team-b', false],
    ['trainer who manages', { role: 'trainer', manages: true }, 'team-a', true],
    ['admin', { role: 'admin' }, 'team-b', true],
    ['trainer', { role: 'trainer' }, 'team-a', false],
    ['learner', { role: 'learner' }, 'team-a', false],
  ])('%s looking at %s: %s', (_who, actor, team, expected) => {
    expect(canSeeTeam(actor, team, managed)).toBe(expected);
  });
});
