/** Applies a parsed CSV import: checks rows against the database, creates teams, people and invites. */
import type { Db } from '../db/db.ts';
import { parseImport, type RejectedRow } from '../../people/csv-import.ts';
import { invitePerson } from './invites.ts';
import { addManager, ensureTeam } from './teams.ts';
import { findUserByEmail } from './users.ts';

export interface CreatedRow {
  line: number;
  email: string;
  name: string;
  team: string;
  /** The invite token, so an admin without a mail server can hand out the link. */
  token: string;
}

export interface ImportReport {
  created: CreatedRow[];
  rejected: RejectedRow[];
  fileError?: string;
}

const MANAGING_ROLES = new Set(['manager', 'admin']);

export async function importPeople(db: Db, csv: string, createdBy: string, ttlHours: number): Promise<ImportReport> {
  const parsed = parseImport(csv);
  if (parsed.fileError) return { created: [], rejected: [], fileError: parsed.fileError };
  const rejected = [...parsed.rejected];
  const created: CreatedRow[] = [];
  const inFile = new Map(parsed.rows.map((r) => [r.email, r]));

  for (const row of parsed.rows) {
    if (row.managerEmail) {
      const fileManager = inFile.get(row.managerEmail);
      const dbManager = fileManager ? undefined : await findUserByEmail(db, row.managerEmail);
      const role = fileManager?.role ?? dbManager?.role;
      if (!role) {
        rejected.push({
          line: row.line,
          email: row.email,
          reason: `Manager ${row.managerEmail} is neither in this file nor an existing person.`,
        });
        continue;
      }
      if (!MANAGING_ROLES.has(role)) {
        rejected.push({
          line: row.line,
          email: row.email,
          reason: `${row.managerEmail} has the role ${role}; a team manager must be a manager or admin.`,
        });
        continue;
      }
    }
    const team = row.team ? await ensureTeam(db, row.team) : null;
    const result = await invitePerson(
      db,
      { email: row.email, displayName: row.name, role: row.role, teamId: team?.id ?? null },
      createdBy,
      ttlHours,
    );
    if (!result.ok) {
      rejected.push({ line: row.line, email: row.email, reason: result.message });
      continue;
    }
    created.push({ line: row.line, email: row.email, name: row.name, team: row.team, token: result.token });
  }

  // Managers are linked once everyone in the file exists, so a manager may appear after their team.
  for (const row of parsed.rows) {
    if (!row.managerEmail || !created.some((c) => c.line === row.line)) continue;
    const manager = await findUserByEmail(db, row.managerEmail);
    const team = await ensureTeam(db, row.team);
    if (manager) await addManager(db, team.id, manager.id);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { created, rejected };
}
