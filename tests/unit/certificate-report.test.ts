// The manager's expiry report: windows, order (most urgent first) and the CSV rows.
import { describe, expect, it } from 'vitest';
import { bucketCounts, expiryReport, reportCsvRows, type HeldCertificate } from '../../src/lib/certificates/report.ts';
import { toCsv } from '../../src/lib/insight/csv.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const held = (displayName: string, validUntil: Date | null, revokedAt: Date | null = null): HeldCertificate => ({
  id: displayName,
  displayName,
  email: `${displayName.toLowerCase()}@example.com`,
  pathTitle: 'Care',
  issuedAt: day(-300),
  validUntil,
  revokedAt,
});

describe('expiry report', () => {
  const rows = expiryReport(
    [
      held('Later', day(200)),
      held('Soon', day(10)),
      held('Gone', day(-3)),
      held('Sixty', day(45)),
      held('Ninety', day(80)),
      held('Never', null),
      held('Pulled', day(10), day(-1)),
    ],
    NOW,
  );

  it('puts lapsed first, then the soonest expiry, then the rest', () => {
    expect(rows.map((r) => [r.displayName, r.bucket])).toEqual([
      ['Gone', 'lapsed'],
      ['Soon', '30'],
      ['Sixty', '60'],
      ['Ninety', '90'],
      ['Later', 'later'],
      ['Never', 'never'],
      ['Pulled', 'revoked'],
    ]);
    expect(bucketCounts(rows)).toMatchObject({ lapsed: 1, '30': 1, '60': 1, '90': 1, revoked: 1 });
  });

  it('exports a row per certificate with its status in words, names defused', () => {
    const csv = toCsv(
      ['Name', 'Email', 'Certificate', 'Issued', 'Valid until', 'Status'],
      reportCsvRows(expiryReport([held('=cmd', day(-1))], NOW)),
    );
    expect(csv.split('\r\n')[1]).toBe(`'=cmd,'=cmd@example.com,Care,${day(-300).toISOString()},${day(-1).toISOString()},Lapsed`);
  });
});
