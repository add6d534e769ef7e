/**
 * Bulk onboarding from a CSV file with columns: email, name, role, team, manager email.
 * This module only parses and checks each row on its own; server/people-import.ts checks rows
 * against the database and creates the invites.
 */
import Papa from 'papaparse';
import { isRole, type Role } from '../auth/permissions.ts';

export interface ImportRow {
  /** 1-based line number in the file, counting the header as line 1. */
  line: number;
  email: string;
  name: string;
  role: Role;
  /** The role column said "manager": the person manages the row's team instead of joining it. */
  manages: boolean;
  team: string;
  managerEmail: string;
}

export interface RejectedRow {
  line: number;
  email: string;
  reason: string;
}

export interface ParsedImport {
  rows: ImportRow[];
  rejected: RejectedRow[];
  /** A problem with the file as a whole (no header, wrong columns); when set, nothing is imported. */
  fileError?: string;
}

export const MAX_IMPORT_ROWS = 2000;

const COLUMN_ALIASES: Record<string, keyof Omit<ImportRow, 'line' | 'manages'>> = {
  email: 'email',
  'e-mail': 'email',
  name: 'name',
  'display name': 'name',
  role: 'role',
  team: 'team',
  'manager email': 'managerEmail',
  manager_email: 'managerEmail',
  manageremail: 'managerEmail',
  manager: 'managerEmail',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseImport(csv: string): ParsedImport {
  const text = csv.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header, ...records] = parsed.data;
  if (!header)
    return { rows: [], rejected: [], fileError: 'The file is empty. Add a header line: email,name,role,team,manager email' };
  const columns = header.map((h) => COLUMN_ALIASES[h.trim().toLowerCase()]);
  const missing = (['email', 'name'] as const).filter((c) => !columns.includes(c));
  if (missing.length)
    return {
      rows: [],
      rejected: [],
      fileError: `The header line must name the columns email and name (and optionally role, team, manager email); missing: ${missing.join(', ')}.`,
    };
  if (records.length > MAX_IMPORT_ROWS)
    return {
      rows: [],
      rejected: [],
      fileError: `The file has ${records.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`,
    };

  const rows: ImportRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  for (const [i, record] of records.entries()) {
    const line = i + 2;
    const cell = (name: string) => (record[columns.indexOf(name as never)] ?? '').trim();
    const email = cell('email').toLowerCase();
    const roleText = cell('role').toLowerCase() || 'learner';
    // Manager is not a stored role (decision 013): in a file it means "manages this row's team".
    const manages = roleText === 'manager';
    const role = manages ? 'learner' : roleText;
    const managerEmail = cell('managerEmail').toLowerCase();
    const firstLine = seen.get(email);
    const reason = !EMAIL.test(email)
      ? email
        ? `"${email}" is not a valid email address.`
        : 'The email is missing.'
      : !cell('name')
        ? 'The name is missing.'
        : !isRole(role)
          ? `Unknown role "${roleText}". Use learner, trainer, manager or admin.`
          : manages && !cell('team')
            ? 'A manager needs the team they manage in the team column.'
            : managerEmail && !EMAIL.test(managerEmail)
              ? `Manager email "${managerEmail}" is not a valid email address.`
              : managerEmail && !cell('team')
                ? 'A manager email needs a team to manage.'
                : firstLine
                  ? `Duplicate of line ${firstLine}.`
                  : null;
    if (reason || !isRole(role)) {
      rejected.push({ line, email, reason: reason ?? 'Unknown role.' });
      continue;
    }
    seen.set(email, line);
    rows.push({ line, email, name: cell('name'), role, manages, team: cell('team'), managerEmail });
  }
  return { rows, rejected };
}
