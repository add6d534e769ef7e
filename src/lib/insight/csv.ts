/**
 * CSV for spreadsheets (RFC 4180): UTF-8 with a byte-order mark so Excel reads accents correctly, CRLF
 * line ends, fields quoted when they need it. Text that a spreadsheet would run as a formula (it starts
 * with =, +, -, @, a tab or a carriage return) is defused with a leading apostrophe, as OWASP advises:
 * names and titles come from people and must never become `=HYPERLINK(...)` in a manager's Excel.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Text made safe to open in a spreadsheet: formula triggers get a leading apostrophe. */
export function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field. Numbers stay numbers (a negative score is not a formula); all text is defused. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
  else if (value instanceof Date) text = value.toISOString();
  else text = defuse(value);
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: BOM, header row, data rows, CRLF after every row. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `${BOM}${lines.map((l) => `${l}\r\n`).join('')}`;
}

/**
 * A Content-Disposition header for a download. The plain `filename` is ASCII only (old clients); the
 * `filename*` form carries the exact UTF-8 name.
 */
export function attachment(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.-]+/g, '-');
  // RFC 8187 does not allow ' ( ) * unencoded, which encodeURIComponent leaves alone.
  const utf8 = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** A CSV download that no shared cache keeps: the data are about named people. */
export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(filename),
      'cache-control': 'private, no-store',
    },
  });
}
