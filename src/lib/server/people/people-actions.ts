/**
 * The admin people page's state changes, kept out of the page so they can be tested directly.
 * Every function assumes the caller holds `people:manage` (the page checks it first).
 */
import { isRole } from '../../auth/permissions.ts';
import { config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { invitePerson, issueInvite } from './invites.ts';
import { inviteMail, mailEnabled, resetMail, sendMail } from '../mail/mail.ts';
import { importPeople, type ImportReport } from './people-import.ts';
import { addManager, listTeams } from './teams.ts';
import { removeManager } from './team-admin.ts';
import { findUserById, setActive, updateRoleAndTeam } from './users.ts';
import { field } from '../http/request.ts';
import { recordEvent } from '../sso/identity.ts';

export interface IssuedLink {
  email: string;
  name: string;
  link: string;
  mailed: boolean;
  /** A first password (invite) or a new one (reset). */
  kind?: 'invite' | 'reset';
}

export interface PeopleOutcome {
  status: number;
  message?: string;
  error?: string;
  links?: IssuedLink[];
  report?: ImportReport;
}

const MAX_CSV_BYTES = 1_000_000;

export function inviteLink(origin: string, token: string): string {
  return `${config().PUBLIC_ORIGIN ?? origin}/invite/${token}`;
}

async function deliver(email: string, name: string, link: string, expiresAt: Date): Promise<IssuedLink> {
  const mailed = mailEnabled() ? await sendMail(inviteMail(email, name, link, expiresAt)) : false;
  return { email, name, link, mailed };
}

// Teams are created on the teams page only, so a typo in a form never becomes a team.
async function teamIdFrom(db: Db, form: FormData): Promise<string | null | 'unknown'> {
  const teamId = field(form, 'teamId');
  if (!teamId) return null;
  return (await listTeams(db)).some((t) => t.id === teamId) ? teamId : 'unknown';
}

export async function handlePeoplePost(db: Db, actorId: string, form: FormData, origin: string): Promise<PeopleOutcome> {
  const intent = field(form, 'intent');
  const ttl = config().INVITE_TTL_HOURS;

  if (intent === 'invite') {
    const role = field(form, 'role') || 'learner';
    if (!isRole(role)) return { status: 400, error: `Unknown role "${role}".` };
    const teamId = await teamIdFrom(db, form);
    if (teamId === 'unknown') return { status: 400, error: 'That team no longer exists. Pick another.' };
    const result = await invitePerson(
      db,
      { email: field(form, 'email'), displayName: field(form, 'name'), role, teamId },
      actorId,
      ttl,
    );
    if (!result.ok) return { status: 400, error: result.message };
    const email = field(form, 'email').toLowerCase();
    const issued = await deliver(email, field(form, 'name'), inviteLink(origin, result.token), result.expiresAt);
    return { status: 200, message: `Invite created for ${email}.`, links: [issued] };
  }

  if (intent === 'import') {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return { status: 400, error: 'Choose a CSV file to import.' };
    if (file.size > MAX_CSV_BYTES) return { status: 413, error: 'The file is larger than 1 MB. Split it and import the parts.' };
    const createTeams = field(form, 'createTeams') === 'yes';
    const report = await importPeople(db, await file.text(), actorId, ttl, { createTeams });
    if (report.fileError) return { status: 400, error: report.fileError, report };
    const links: IssuedLink[] = [];
    for (const row of report.created) {
      links.push(await deliver(row.email, row.name, inviteLink(origin, row.token), new Date(Date.now() + ttl * 3600_000)));
    }
    const teamsNote = report.createdTeams.length ? ` New teams: ${report.createdTeams.join(', ')}.` : '';
    const message = `${report.created.length} created, ${report.rejected.length} rejected.${teamsNote}`;
    return { status: 200, message, report, links };
  }

  const userId = field(form, 'userId');
  const target = userId ? await findUserById(db, userId) : undefined;
  if (!target) return { status: 404, error: 'That person no longer exists. Reload the page.' };

  switch (intent) {
    case 'update': {
      const role = field(form, 'role');
      if (!isRole(role)) return { status: 400, error: `Unknown role "${role}".` };
      if (target.id === actorId && role !== 'admin')
        return { status: 400, error: 'You cannot remove your own admin role. Ask another admin.' };
      const teamId = await teamIdFrom(db, form);
      if (teamId === 'unknown') return { status: 400, error: 'That team no longer exists. Pick another.' };
      await updateRoleAndTeam(db, target.id, role, teamId);
      await auditAdminChange(db, actorId, target, role, teamId);
      return { status: 200, message: `${target.displayName} updated.` };
    }
    case 'manage':
    case 'unmanage': {
      const teamId = field(form, 'teamId');
      const team = (await listTeams(db)).find((t) => t.id === teamId);
      if (!team) return { status: 400, error: 'Choose a team from the list. That one no longer exists.' };
      if (intent === 'manage') await addManager(db, team.id, target.id);
      else await removeManager(db, team.id, target.id);
      return {
        status: 200,
        message:
          intent === 'manage'
            ? `${target.displayName} now manages ${team.name}.`
            : `${target.displayName} no longer manages ${team.name}.`,
      };
    }
    case 'deactivate':
      if (target.id === actorId) return { status: 400, error: 'You cannot deactivate yourself.' };
      await setActive(db, target.id, false);
      await recordEvent(db, {
        kind: 'deactivate',
        userId: target.id,
        providerId: null,
        email: target.email,
        detail: `by admin ${await nameOf(db, actorId)}`,
      });
      return { status: 200, message: `${target.displayName} is deactivated and signed out everywhere.` };
    case 'reactivate':
      await setActive(db, target.id, true);
      await recordEvent(db, {
        kind: 'reactivate',
        userId: target.id,
        providerId: null,
        email: target.email,
        detail: `by admin ${await nameOf(db, actorId)}`,
      });
      return { status: 200, message: `${target.displayName} can sign in again.` };
    case 'reinvite': {
      if (target.passwordHash) return { status: 400, error: `${target.displayName} has already set a password.` };
      const { token, expiresAt } = await issueInvite(db, target.id, actorId, ttl);
      const issued = await deliver(target.email, target.displayName, inviteLink(origin, token), expiresAt);
      return { status: 200, message: `New invite link for ${target.email}; the old one no longer works.`, links: [issued] };
    }
    case 'reset': {
      // A reset link is an invite link for someone who already has a password (password-reset.ts).
      if (!target.passwordHash)
        return { status: 400, error: `${target.displayName} has no password yet: send a new invite link.` };
      if (!target.active) return { status: 400, error: `${target.displayName} is deactivated. Reactivate them first.` };
      const { token, expiresAt } = await issueInvite(db, target.id, actorId, ttl);
      const link = inviteLink(origin, token);
      const mailed = mailEnabled() ? await sendMail(resetMail(target.email, target.displayName, link, expiresAt)) : false;
      return {
        status: 200,
        message: `Password reset link for ${target.email}. Their password and sessions stay until they use it.`,
        links: [{ email: target.email, name: target.displayName, link, mailed, kind: 'reset' }],
      };
    }
    default:
      return { status: 400, error: 'That request was not understood. Use the forms on this page.' };
  }
}

async function nameOf(db: Db, userId: string): Promise<string> {
  return (await findUserById(db, userId))?.displayName ?? 'unknown';
}

/** Role and team changes go to the identity audit log, so an admin can tell a mapped value from a hand-set one. */
async function auditAdminChange(
  db: Db,
  actorId: string,
  before: { id: string; email: string; role: string; teamId: string | null },
  role: string,
  teamId: string | null,
): Promise<void> {
  const by = `by admin ${await nameOf(db, actorId)}`;
  const base = { userId: before.id, providerId: null, email: before.email };
  if (before.role !== role) await recordEvent(db, { ...base, kind: 'role', detail: `${before.role} -> ${role} (${by})` });
  if (before.teamId !== teamId) {
    const team = teamId ? (await listTeams(db)).find((t) => t.id === teamId)?.name : 'no team';
    await recordEvent(db, { ...base, kind: 'team', detail: `-> ${team ?? 'no team'} (${by})` });
  }
}
