import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { attachment, csvField, defuse, toCsv } from '../../src/lib/insight/csv.ts';

describe('CSV fields', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2', "'-2"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', '"\'\r=cmd"'],
    ['=HYPERLINK("http://evil.example","Click")', '"\'=HYPERLINK(""http://evil.example"",""Click"")"'],
    ['Ada Okafor', 'Ada Okafor'],
    ['a=b', 'a=b'],
    ['Chloé Martin', 'Chloé Martin'],
  ])('defuses formula triggers and quotes as needed: %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('quotes commas, quotes, line breaks and edge spaces, doubling inner quotes', () => {
    expect(csvField('Shah, Priya')).toBe('"Shah, Priya"');
    expect(csvField('The "night" shift')).toBe('"The ""night"" shift"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('writes numbers as numbers (a negative score is not a formula), and empties for null', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(72)).toBe('72');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('yes');
    expect(csvField(new Date(Date.UTC(2026, 10, 2, 8, 30)))).toBe('2026-11-02T08:30:00.000Z');
  });

  it('leaves text without a trigger alone', () => {
    expect(defuse('Empathy at work')).toBe('Empathy at work');
    expect(defuse('')).toBe('');
  });
});

describe('CSV files', () => {
  it('starts with a BOM, ends rows with CRLF and reads back to the same (defused) values', () => {
    const csv = toCsv(
      ['Person', 'Score'],
      [
        ['=evil()', 80],
        ['Shah, "Priya"\nmanager', -1],
      ],
    );
    expect(csv.startsWith('\uFEFFPerson,Score\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
    expect(parsed).toEqual([
      ['Person', 'Score'],
      ["'=evil()", '80'],
      ['Shah, "Priya"\nmanager', '-1'],
    ]);
  });

  it('names the download in ASCII and exactly in UTF-8', () => {
    expect(attachment('Équipe (Nord) matrix.csv')).toBe(
      `attachment; filename="Equipe-Nord-matrix.csv"; filename*=UTF-8''%C3%89quipe%20%28Nord%29%20matrix.csv`,
    );
  });
});

describe('the matrix export', () => {
  it('gives each completed module the day it was completed, and nothing for the others', async () => {
    const { matrixCsv } = await import('../../src/lib/insight/exports.ts');
    const cell = (moduleId: string, status: 'completed' | 'in-progress') => ({
      moduleId,
      status,
      progress: status,
      done: status === 'completed' ? 2 : 1,
      total: 2,
      percent: status === 'completed' ? 100 : 50,
      dueAt: null,
    });
    const csv = matrixCsv(
      {
        modules: [
          { id: 'a', title: 'A' },
          { id: 'b', title: 'B' },
        ],
        rows: [
          {
            person: { id: 'u1', displayName: 'Ann', email: 'ann@example.com' },
            cells: [cell('a', 'completed'), cell('b', 'in-progress')],
          },
        ],
      },
      (userId, moduleId) => (userId === 'u1' ? new Date(`2027-03-0${moduleId === 'a' ? 4 : 5}T10:00:00Z`) : null),
    );
    const [header, row] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(header).toContain('A: completed on');
    expect(row![header!.indexOf('A: completed on')]).toBe('2027-03-04');
    expect(row![header!.indexOf('B: completed on')]).toBe('');
  });
});
