import { describe, expect, it } from 'vitest';
import { cleanTeamName, closestTeamName, sameTeamName, teamNameProblem } from '../../src/lib/people/team-names.ts';
import { editDistance } from '../../src/lib/closest.ts';

describe('team names', () => {
  it('stores a name trimmed with single spaces, and treats case and spacing as the same team', () => {
    expect(cleanTeamName('  Customer   Support ')).toBe('Customer Support');
    expect(sameTeamName('customer support', 'Customer  Support')).toBe(true);
    expect(sameTeamName('Support', 'Customer Support')).toBe(false);
  });

  it('says what is wrong with a name that cannot be a team', () => {
    expect(teamNameProblem('   ')).toBe('A team needs a name.');
    expect(teamNameProblem('x'.repeat(81))).toBe('A team name has at most 80 characters; this one has 81.');
    expect(teamNameProblem('Night\u0007shift')).toBe('A team name cannot contain control characters.');
    expect(teamNameProblem('<b>Night</b> shift')).toBeNull();
  });

  it('suggests the team a typo most likely meant, and nothing when none is close', () => {
    const teams = ['Billing', 'Customer Support', 'Field Service'];
    expect(editDistance('Bilings', 'Billing')).toBe(2);
    expect(closestTeamName('Bilings', teams)).toBe('Billing');
    expect(closestTeamName('customer suport', teams)).toBe('Customer Support');
    expect(closestTeamName('Field', teams)).toBe('Field Service');
    expect(closestTeamName('Warehouse', teams)).toBeUndefined();
    expect(closestTeamName('Bi', [])).toBeUndefined();
  });
});
