/** Applies a parsed CSV import: checks rows against the database, then creates people, invites and teams. */
import type { Db } from '../db/db.ts';
import { parseImport, type ImportRow, type RejectedRow } from '../../people/csv-import.ts';
import { cleanTeamName, closestTeamName, sameTeamName, teamNameProblem } from '../../people/team-names.ts';
import { invitePerson } from './invites.ts';
import { addManager, ensureTeam, listTeams, type Team } from './teams.ts';
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
  /** Teams the file created (only when the admin opted in). */
  createdTeams: string[];
  fileError?: string;
}

export interface ImportOptions {
  /** Create the teams the file names that do not exist yet. Off by default, so a typo is an error, not a team. */
  createTeams?: boolean;
}

/** Resolves team names to existing teams, or says why a row's team is refused. */
function teamResolver(existing: Team[], createTeams: boolean) {
  return (row: ImportRow): { team: Team | string | null } | { reason: string } => {
    if (!row.team) return { team: null };
    const found = existing.find((t) => sameTeamName(t.name, row.team));
    if (found) return { team: found };
    if (createTeams) {
      const problem = teamNameProblem(row.team);
      return problem ? { reason: `Team “${row.team}”: ${problem}` } : { team: cleanTeamName(row.team) };
    }
    const guess = closestTeamName(
      row.team,
      existing.map((t) => t.name),
    );
    return {
      reason:
        `There is no team called “${row.team}”.` +
        (guess ? ` Did you mean “${guess}”?` : '') +
        ' Correct the name, or import again with “Create teams the file names that do not exist yet” ticked to create it.',
    };
  };
}

async function managerProblem(db: Db, row: ImportRow, inFile: Set<string>): Promise<string | null> {
  if (!row.managerEmail || inFile.has(row.managerEmail) || (await findUserByEmail(db, row.managerEmail))) return null;
  return `Manager ${row.managerEmail} is neither in this file nor an existing person.`;
}

export async function importPeople(
  db: Db,
  csv: string,
  createdBy: string,
  ttlHours: number,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const parsed = parseImport(csv);
  if (parsed.fileError) return { created: [], rejected: [], createdTeams: [], fileError: parsed.fileError };
  const rejected = [...parsed.rejected];
  const created: (CreatedRow & { row: ImportRow; teamId: string | null })[] = [];
  const existing = await listTeams(db);
  const resolve = teamResolver(existing, !!options.createTeams);
  const inFile = new Set(parsed.rows.map((r) => r.email));
  const createdTeams = new Set<string>();

  for (const row of parsed.rows) {
    const resolved = resolve(row);
    if ('reason' in resolved) {
      rejected.push({ line: row.line, email: row.email, reason: resolved.reason });
      continue;
    }
    const managerReason = await managerProblem(db, row, inFile);
    if (managerReason) {
      rejected.push({ line: row.line, email: row.email, reason: managerReason });
      continue;
    }
    let team = resolved.team;
    if (typeof team === 'string') {
      // Opted in: created once, on its first row; later rows find it among the existing teams.
      team = await ensureTeam(db, team);
      createdTeams.add(team.name);
      existing.push(team);
    }
    const teamId = team?.id ?? null;
    const result = await invitePerson(
      db,
      { email: row.email, displayName: row.name, role: row.role, teamId: row.manages ? null : teamId },
      createdBy,
      ttlHours,
    );
    if (!result.ok) rejected.push({ line: row.line, email: row.email, reason: result.message });
    else created.push({ line: row.line, email: row.email, name: row.name, team: row.team, token: result.token, row, teamId });
  }
  await linkManagers(db, created);
  rejected.sort((a, b) => a.line - b.line);
  return { created: created.map(({ row: _row, teamId: _teamId, ...c }) => c), rejected, createdTeams: [...createdTeams] };
}

// Managers are linked once everyone in the file exists, so a manager may appear after their team.
async function linkManagers(db: Db, created: { row: ImportRow; teamId: string | null; email: string }[]) {
  for (const { row, teamId } of created) {
    if (!teamId) continue;
    const managerEmail = row.manages ? row.email : row.managerEmail;
    const manager = managerEmail ? await findUserByEmail(db, managerEmail) : undefined;
    if (manager) await addManager(db, teamId, manager.id);
  }
}
