// Arbitraries and a request builder for fuzzing the server's forms with fast-check: hostile strings,
// known field names with wrong values, stray fields, and bodies in every encoding a client might send.
import fc from 'fast-check';

/** Strings that have broken web apps before: injections, traversal, huge, control and odd Unicode. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  '\uFEFF',
  '\r\n\r\n',
  '../../../etc/passwd',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '%00',
  '%ZZ',
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '__proto__',
  'constructor',
  'q:',
  'q::',
  '//evil.example/',
  'javascript:alert(1)',
  'a'.repeat(10_000),
  '😀'.repeat(300),
];

export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

export type Entries = [string, string][];

/**
 * Form entries: each known field present most of the time, with a plausible value or a hostile one,
 * sometimes twice, plus a few stray fields.
 */
export function fields(known: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Entries> {
  const picks = Object.entries(known).map(([name, value]) =>
    fc.array(
      fc.oneof(value, text).map((v): [string, string] => [name, v]),
      { maxLength: 2 },
    ),
  );
  return fc
    .tuple(fc.tuple(...picks), fc.array(fc.tuple(text, text), { maxLength: 3 }))
    .map(([chosen, extra]) => [...chosen.flat(), ...extra]);
}

/** A CSV upload: sometimes with the expected header, cells both sensible and hostile. */
export const csv: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.array(
        fc.oneof(
          text,
          fc.constantFrom('learner', 'manager', 'admin', 'Billing', '"', '""', '"a,b"', '=HYPERLINK("x")'),
          fc.nat(999).map((n) => `fuzz${n}@example.com`),
        ),
        { maxLength: 7 },
      ),
      { maxLength: 6 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([header, rows, eol]) =>
    (header ? ['email,name,role,team,manager email'] : []).concat(rows.map((r) => r.join(','))).join(eol),
  );

export type Encoding = 'urlencoded' | 'multipart' | 'json' | 'text' | 'broken-multipart' | 'bad-percent' | 'none';
export const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Encoding>('urlencoded') },
  { weight: 3, arbitrary: fc.constant<Encoding>('multipart') },
  { weight: 1, arbitrary: fc.constantFrom<Encoding>('json', 'text', 'broken-multipart', 'bad-percent', 'none') },
);

export interface FuzzBody {
  encoding: Encoding;
  entries: Entries;
  /** A file field named `file` (multipart only). */
  file?: string;
}

/** The body and headers for a fuzzed request. */
export function encode(b: FuzzBody): { body?: BodyInit; headers: Record<string, string> } {
  switch (b.encoding) {
    case 'urlencoded':
      return { body: new URLSearchParams(b.entries), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    case 'multipart': {
      const form = new FormData();
      for (const [name, value] of b.entries) form.append(name, value);
      if (b.file !== undefined) form.append('file', new File([b.file], 'people.csv', { type: 'text/csv' }));
      return { body: form, headers: {} };
    }
    case 'json':
      return { body: JSON.stringify(Object.fromEntries(b.entries)), headers: { 'content-type': 'application/json' } };
    case 'text':
      return { body: b.entries.flat().join('\n'), headers: { 'content-type': 'text/plain' } };
    case 'broken-multipart':
      return {
        body: `--x\r\nContent-Disposition: form-data; name="${b.entries[0]?.[0] ?? 'a'}"\r\n\r\n${b.entries[0]?.[1] ?? ''}`,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      };
    case 'bad-percent':
      return {
        body: `${b.entries.map(([k, v]) => `${k}=${v}`).join('&')}&%E0%A4%A&%`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
    case 'none':
      return { headers: {} };
  }
}

/**
 * What a response must never contain: stack frames, file paths, database or JavaScript error names.
 * Returns the offending snippet, or undefined when the body is clean.
 */
export function leak(body: string): string | undefined {
  const patterns = [
    /\bat (?:async )?[\w.$<>]+ \(?(?:file:\/\/|\/)[^)\s]*:\d+:\d+/, // a stack frame
    /(?:\/work\/|\/home\/|node_modules|dist\/server|src\/(?:lib|pages)\/)/, // a file path on the server
    /SQLITE_|LibsqlError|SqliteError|no such (?:table|column)/i, // the database talking
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|AstroError)\b/, // JavaScript talking
  ];
  for (const p of patterns) {
    const m = body.match(p);
    if (m) return body.slice(Math.max(0, (m.index ?? 0) - 80), (m.index ?? 0) + 120);
  }
  return undefined;
}
