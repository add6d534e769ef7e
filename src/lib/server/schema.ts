/**
 * The database schema: one module, the single source for drizzle-kit migrations in drizzle/.
 * Timestamps are integer milliseconds since the epoch (UTC).
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { ROLES } from '../auth/permissions.ts';

export type { Role } from '../auth/permissions.ts';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const teams = sqliteTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Always stored lower-cased and trimmed. */
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('learner'),
    teamId: text('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** Null until the person accepts their invite and sets a password. */
    passwordHash: text('password_hash'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('users_team_idx').on(t.teamId), index('users_role_idx').on(t.role)],
);

/** Who manages which team; a team may have several managers and a manager several teams. */
export const teamManagers = sqliteTable(
  'team_managers',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_managers_user_idx').on(t.userId)],
);

/** Sessions as in lucia-auth.com's current guide: only SHA-256(secret) is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastVerifiedAt: integer('last_verified_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Single-use links to set a first password; the token is `<id>.<secret>` like a session's. */
export const invites = sqliteTable(
  'invites',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('invites_user_idx').on(t.userId)],
);

/**
 * Sign-in throttling counters, keyed `account:<email>` or `address:<ip>`. Kept in the database, not
 * in memory, so that several stateless app servers share them.
 */
export const throttles = sqliteTable('throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull(),
  blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' }).notNull(),
});
