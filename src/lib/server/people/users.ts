/** People: creation, lookup, role and team changes, deactivation and passwords. */
import { asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { hashPassword } from '../auth/password.ts';
import { teams, users, type Role } from '../db/schema.ts';
import { invalidateUserSessions } from '../auth/session.ts';
import { randomId } from '../auth/token.ts';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Deliberately simple: one @, something on both sides, a dot in the domain, no spaces. */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  teamId?: string | null;
  password?: string;
}

export async function createUser(db: Db, input: NewUser) {
  const id = randomId();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const [user] = await db
    .insert(users)
    .values({
      id,
      email: normalizeEmail(input.email),
      displayName: input.displayName.trim(),
      role: input.role,
      teamId: input.teamId ?? null,
      passwordHash,
    })
    .returning();
  if (!user) throw new Error('insert returned no row');
  return user;
}

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return user;
}

export async function findUserById(db: Db, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(users);
  return Number(row?.n ?? 0);
}

/** People for the admin list, optionally filtered by a search over name, email and team. */
export async function listPeople(db: Db, search = '') {
  const q = `%${search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const where = search.trim()
    ? or(
        sql`${users.displayName} like ${q} escape '\\'`,
        sql`${users.email} like ${q} escape '\\'`,
        sql`${teams.name} like ${q} escape '\\'`,
      )
    : undefined;
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      teamId: users.teamId,
      teamName: teams.name,
      invited: sql<boolean>`${users.passwordHash} is null`.mapWith(Boolean),
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(where)
    .orderBy(asc(users.displayName));
}

export async function updateRoleAndTeam(db: Db, userId: string, role: Role, teamId: string | null): Promise<void> {
  await db.update(users).set({ role, teamId, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** Deactivating ends every session at once; reactivating lets the person sign in again. */
export async function setActive(db: Db, userId: string, active: boolean): Promise<void> {
  await db.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, userId));
  if (!active) await invalidateUserSessions(db, userId);
}

/** Sets a new password and ends every other session of this user. */
export async function changePassword(db: Db, userId: string, password: string, keepSessionId?: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), updatedAt: new Date() })
    .where(eq(users.id, userId));
  await invalidateUserSessions(db, userId, keepSessionId);
}

/** The person's own time zone, or null for the organisation's (decision 015); the caller validates it. */
export async function setTimeZone(db: Db, userId: string, timeZone: string | null): Promise<void> {
  await db.update(users).set({ timeZone, updatedAt: new Date() }).where(eq(users.id, userId));
}
