import { describe, expect, it } from 'vitest';
import { parseImport } from '../../src/lib/people/csv-import.ts';

describe('CSV import parsing', () => {
  it('reads good rows with defaults and aliases', () => {
    const result = parseImport(
      '\uFEFFEmail,Name,Role,Team,Manager Email\r\nA@Example.com, Ann ,,Billing,\r\nb@example.com,Bo,manager,Billing,\r\n',
    );
    expect(result.fileError).toBeUndefined();
    expect(result.rejected).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, email: 'a@example.com', name: 'Ann', role: 'learner', manages: false, team: 'Billing', managerEmail: '' },
      // "manager" is not a stored role (decision 013): Bo is a learner who manages Billing.
      { line: 3, email: 'b@example.com', name: 'Bo', role: 'learner', manages: true, team: 'Billing', managerEmail: '' },
    ]);
  });

  it('rejects bad rows one by one with the line and reason', () => {
    const csv = [
      'email,name,role,team,manager email',
      'not-an-email,X,learner,T,',
      ',Nobody,learner,T,',
      'c@example.com,,learner,T,',
      'd@example.com,Dee,boss,T,',
      'e@example.com,Eve,learner,,m@example.com',
      'h@example.com,Hal,manager,,',
      'f@example.com,Fay,learner,T,nope',
      'g@example.com,Gil,learner,T,',
      'G@example.com,Gil again,learner,T,',
    ].join('\n');
    const result = parseImport(csv);
    expect(result.rows.map((r) => r.email)).toEqual(['g@example.com']);
    expect(result.rejected).toEqual([
      { line: 2, email: 'not-an-email', reason: '"not-an-email" is not a valid email address.' },
      { line: 3, email: '', reason: 'The email is missing.' },
      { line: 4, email: 'c@example.com', reason: 'The name is missing.' },
      { line: 5, email: 'd@example.com', reason: 'Unknown role "boss". Use learner, trainer, manager or admin.' },
      { line: 6, email: 'e@example.com', reason: 'A manager email needs a team to manage.' },
      { line: 7, email: 'h@example.com', reason: 'A manager needs the team they manage in the team column.' },
      { line: 8, email: 'f@example.com', reason: 'Manager email "nope" is not a valid email address.' },
      { line: 10, email: 'g@example.com', reason: 'Duplicate of line 9.' },
    ]);
  });

  it('refuses a file without the required columns', () => {
    expect(parseImport('mail,fullname\nx@y.z,X').fileError).toBe(
      'The header line must name the columns email and name (and optionally role, team, manager email); missing: email, name.',
    );
    expect(parseImport('').fileError).toMatch(/^The file is empty/);
  });
});
