// What a benchmark hands back, and how it is printed on the console and written to bench/RESULTS.md.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

export interface Table {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}

export interface Section {
  title: string;
  /** One paragraph each: what was measured and how. */
  method: string[];
  tables: Table[];
  /** Aims, ratios and observations, one line each. */
  findings: string[];
}

export const int = (n: number) => Math.round(n).toLocaleString('en-GB');
export const ms = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const ratio = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
export const kb = (bytes: number) => (bytes / 1024).toFixed(2);
/** "met" or "missed" against an aim, for the findings. */
export const verdict = (ok: boolean) => (ok ? 'met' : 'missed');

function pad(cells: string[], widths: number[], numeric: boolean[]): string {
  return cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
}

export function textTable(table: Table): string {
  const rows = table.rows.map((r) => r.map(String));
  const widths = table.head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = table.head.map((_, i) => rows.length > 0 && rows.every((r) => /^[\d.,% x-]+$|^n\/a$/.test(r[i]!)));
  const lines = [
    pad(table.head, widths, numeric),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r) => pad(r, widths, numeric)),
  ];
  return `${table.caption}\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

export function printSection(section: Section): void {
  console.log(`\n== ${section.title}`);
  for (const table of section.tables) console.log(`\n${textTable(table)}`);
  if (section.findings.length) console.log(`\n${section.findings.map((f) => `  * ${f}`).join('\n')}`);
}

function markdownTable(table: Table): string {
  const esc = (c: string | number) => String(c).replace(/\|/g, '\\|');
  return [
    `**${table.caption}**`,
    '',
    `| ${table.head.map(esc).join(' | ')} |`,
    `| ${table.head.map(() => '---').join(' | ')} |`,
    ...table.rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function markdownSection(section: Section): string {
  return [
    `## ${section.title}`,
    ...section.method,
    ...section.tables.map(markdownTable),
    ...(section.findings.length ? [section.findings.map((f) => `- ${f}`).join('\n')] : []),
  ].join('\n\n');
}

/** The machine, for the record: figures only compare within one run on one machine. */
export function machine(): string[] {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
  return [
    `CPU: ${model}, ${cpus().length} cores`,
    `Memory: ${gib(totalmem())} (${gib(freemem())} free at start)`,
    `Node: ${process.version} on ${process.platform}/${process.arch}`,
    `Load average at start (1/5/15 min): ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')}`,
  ];
}
