/**
 * The database schema: one module, the single source for drizzle-kit migrations in drizzle/.
 * Timestamps are integer milliseconds since the epoch (UTC).
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

import { ROLES } from '../../auth/permissions.ts';

export type { Role } from '../../auth/permissions.ts';

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
    /** IANA time zone the person sees moments in; null means the organisation's (`TIME_ZONE`). */
    timeZone: text('time_zone'),
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

/**
 * One row per learner and lesson: when it was first and last opened and when it was completed, with
 * the lesson's content version at completion. Writes are upserts, so retries never double-count.
 */
export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moduleId: text('module_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    firstOpenedAt: integer('first_opened_at', { mode: 'timestamp_ms' }).notNull(),
    lastOpenedAt: integer('last_opened_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
    completedVersion: text('completed_version'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.moduleId, t.lessonId] }),
    index('lesson_progress_lesson_idx').on(t.moduleId, t.lessonId),
  ],
);

/** A learner's private reflection answers. Never shown to anyone but their author. */
export const journalEntries = sqliteTable(
  'journal_entries',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moduleId: text('module_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    reflectionId: text('reflection_id').notNull(),
    /** The prompt as the learner saw it, kept in case the lesson changes later. */
    prompt: text('prompt').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.moduleId, t.lessonId, t.reflectionId] })],
);

/**
 * One attempt at a quiz. The plan (drawn questions and the shuffled order of their options) is fixed
 * when the attempt opens, so reloading shows the same quiz; grading happens once, on submission.
 */
export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    quizId: text('quiz_id').notNull(),
    /** JSON AttemptPlan: question ids and option order, no answers. */
    plan: text('plan').notNull(),
    status: text('status', { enum: ['open', 'submitted'] }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    points: integer('points'),
    maxPoints: integer('max_points'),
    percent: integer('percent'),
    /** Null for knowledge checks, which have no pass mark. */
    passed: integer('passed', { mode: 'boolean' }),
  },
  (t) => [index('quiz_attempts_user_quiz_idx').on(t.userId, t.quizId), index('quiz_attempts_quiz_idx').on(t.quizId, t.status)],
);

/**
 * More attempts at a quiz with a retake limit, granted to one learner by a manager of their team or an
 * admin, with the reason. The limit becomes the quiz's `maxAttempts` plus every grant's `extra`.
 */
export const attemptGrants = sqliteTable(
  'attempt_grants',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    quizId: text('quiz_id').notNull(),
    extra: integer('extra').notNull(),
    reason: text('reason').notNull(),
    grantedBy: text('granted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('attempt_grants_user_quiz_idx').on(t.userId, t.quizId)],
);

/** The answer to each question of a submitted attempt (for results, history and trainer analytics). */
export const quizResponses = sqliteTable(
  'quiz_responses',
  {
    attemptId: text('attempt_id')
      .notNull()
      .references(() => quizAttempts.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    /** JSON Response: chosen option ids, item order or likert value. */
    answer: text('answer').notNull(),
    /** Null for likert (ungraded). */
    correct: integer('correct', { mode: 'boolean' }),
    points: integer('points').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);

/** One play-through of a role-play scenario; the server holds its state so leaving and returning is safe. */
export const scenarioRuns = sqliteTable(
  'scenario_runs',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scenarioId: text('scenario_id').notNull(),
    status: text('status', { enum: ['active', 'finished', 'abandoned'] }).notNull(),
    /** The node awaiting a decision; null once finished. */
    nodeId: text('node_id'),
    endingId: text('ending_id'),
    outcome: text('outcome', { enum: ['strong', 'mixed', 'poor'] }),
    /** JSON per-skill totals. */
    totals: text('totals').notNull().default('{}'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('scenario_runs_user_scenario_idx').on(t.userId, t.scenarioId),
    index('scenario_runs_scenario_idx').on(t.scenarioId, t.status),
  ],
);

/** The decisions of a run, in order. The primary key makes a step submitted twice count once. */
export const scenarioSteps = sqliteTable(
  'scenario_steps',
  {
    runId: text('run_id')
      .notNull()
      .references(() => scenarioRuns.id, { onDelete: 'cascade' }),
    stepIndex: integer('step_index').notNull(),
    nodeId: text('node_id').notNull(),
    choiceId: text('choice_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepIndex] })],
);

/**
 * A module assigned to a person with a due date, by their manager (for their teams) or an admin.
 * One row per person and module: assigning again moves the due date instead of duplicating it.
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moduleId: text('module_id').notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    assignedBy: text('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    /** The team the assignment was made through, if it was made for a whole team. */
    teamId: text('team_id').references(() => teams.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /** When a manager or admin last sent a reminder now (in-app, and by email with SMTP); null if never. */
    lastRemindedAt: integer('last_reminded_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('assignments_user_module_idx').on(t.userId, t.moduleId),
    index('assignments_module_idx').on(t.moduleId, t.dueAt),
  ],
);

/** A learner's rating (1-5) and optional comment on a lesson; trainers see aggregates, never names. */
export const lessonFeedback = sqliteTable(
  'lesson_feedback',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moduleId: text('module_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.moduleId, t.lessonId] }),
    index('lesson_feedback_lesson_idx').on(t.moduleId, t.lessonId),
  ],
);

/**
 * Which daily digest emails went out. A sender claims (person, day, kind) with an insert before
 * sending, so each person gets at most one digest a day even with several app servers.
 */
export const digestLog = sqliteTable(
  'digest_log',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** UTC date, YYYY-MM-DD. */
    day: text('day').notNull(),
    kind: text('kind', { enum: ['learner', 'manager'] }).notNull(),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day, t.kind] })],
);

/**
 * A certificate granted for completing a learning path (content/paths/). The id is the unguessable
 * part of the public verification URL. Cycle 1 is the first award, each renewal the next cycle; the
 * unique index makes issuing idempotent under double submits and several servers.
 * See docs/decisions/014-certificates.md.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    pathId: text('path_id').notNull(),
    cycle: integer('cycle').notNull(),
    /** As printed on the certificate, kept in case the person or the path is renamed later. */
    holderName: text('holder_name').notNull(),
    pathTitle: text('path_title').notNull(),
    issuer: text('issuer').notNull(),
    /** The path's content version when the certificate was issued. */
    pathVersion: text('path_version').notNull(),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    /** Null for a path without a validity: the certificate never expires. */
    validUntil: integer('valid_until', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedBy: text('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    revokedReason: text('revoked_reason'),
    /** When the recertification assignment was made (once per certificate), and when it is due. */
    recertAssignedAt: integer('recert_assigned_at', { mode: 'timestamp_ms' }),
    recertDueAt: integer('recert_due_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('certificates_user_path_cycle_idx').on(t.userId, t.pathId, t.cycle),
    index('certificates_valid_until_idx').on(t.validUntil),
  ],
);

/**
 * A single sign-on in progress (docs/decisions/018-single-sign-on.md): what the callback must check,
 * kept here rather than in the browser. The browser holds the id in a short-lived cookie; the row is
 * deleted when the callback reads it, so each one serves one callback.
 */
export const ssoLogins = sqliteTable(
  'sso_logins',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id').notNull(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** Where to go after signing in (already checked to be a path on this site). */
    next: text('next').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // Anyone may start a sign-in, so rows can pile up; every start sweeps the expired ones by this index.
  (t) => [index('sso_logins_expires_idx').on(t.expiresAt)],
);

/** Which provider account (issuer's subject) signs in as which person; set at the first sign-in. */
export const userIdentities = sqliteTable(
  'user_identities',
  {
    providerId: text('provider_id').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.subject] }), index('user_identities_user_idx').on(t.userId)],
);

/** The audit log of identity events: sign-ins by provider, accounts created just in time, mapped changes. */
export const identityEvents = sqliteTable(
  'identity_events',
  {
    id: text('id').primaryKey(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** sign-in, link, create, role, team, refuse. */
    kind: text('kind').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    providerId: text('provider_id'),
    email: text('email'),
    /** What changed or why, in words an admin reads (e.g. "learner -> trainer (group rapport-trainers)"). */
    detail: text('detail').notNull().default(''),
  },
  (t) => [index('identity_events_at_idx').on(t.at), index('identity_events_user_idx').on(t.userId)],
);

/**
 * A session opened by single sign-on, beside the session itself (which stays as every other): what
 * signing out needs to end the provider's session too (OIDC RP-initiated logout).
 */
export const ssoSessions = sqliteTable('sso_sessions', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  providerId: text('provider_id').notNull(),
  /** The ID token, sent back as `id_token_hint` so the provider knows whose session to end. */
  idToken: text('id_token').notNull(),
});

/**
 * A SAML sign-in this server asked for (SP-initiated, docs/decisions/019-saml.md): the AuthnRequest's ID,
 * which the response's InResponseTo must name. Deleted when a response uses it, so each serves one sign-in.
 */
export const samlRequests = sqliteTable(
  'saml_requests',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('saml_requests_expires_idx').on(t.expiresAt)],
);

/** Assertions already used to sign in, kept until they expire, so that a captured one cannot be posted again. */
export const samlAssertions = sqliteTable(
  'saml_assertions',
  {
    providerId: text('provider_id').notNull(),
    assertionId: text('assertion_id').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.assertionId] }), index('saml_assertions_expires_idx').on(t.expiresAt)],
);

/** A session opened by SAML: who it is at the IdP, so that single logout can name it in either direction. */
export const samlSessions = sqliteTable(
  'saml_sessions',
  {
    sessionId: text('session_id')
      .primaryKey()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    providerId: text('provider_id').notNull(),
    nameId: text('name_id').notNull(),
    nameIdFormat: text('name_id_format'),
    sessionIndex: text('session_index'),
  },
  (t) => [index('saml_sessions_name_idx').on(t.providerId, t.nameId)],
);
