/**
 * The database schema: one module, the single source for drizzle-kit migrations in drizzle/.
 * Timestamps are integer milliseconds since the epoch (UTC).
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

import { ROLES } from '../../auth/permissions.ts';
import { CARD_KINDS } from '../../review/kinds.ts';

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
 * Spaced review (docs/decisions/024-spaced-review-and-skills.md): one card per learner and thing they got
 * wrong, scheduled with FSRS. `kind` says where the card came from (a quiz question, a role-play node; later
 * 'practice' criteria), `sourceId`/`itemId` name it (quiz and question, or scenario and node). The unique
 * index makes creating a card idempotent, so a double submit or a second miss never doubles it.
 */
export const reviewCards = sqliteTable(
  'review_cards',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CARD_KINDS }).notNull(),
    sourceId: text('source_id').notNull(),
    itemId: text('item_id').notNull(),
    /** What the card trains: `<module>:<skill>`; a review may ask another question on the same objective. */
    objective: text('objective').notNull(),
    /** FSRS state (ts-fsrs Card), in days and milliseconds. */
    due: integer('due', { mode: 'timestamp_ms' }).notNull(),
    stability: real('stability').notNull(),
    difficulty: real('difficulty').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    state: integer('state').notNull(),
    lastReview: integer('last_review', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('review_cards_source_idx').on(t.userId, t.kind, t.sourceId, t.itemId),
    index('review_cards_user_due_idx').on(t.userId, t.due),
  ],
);

/** One review of a card; the key (card, step) makes an answer submitted twice count once. */
export const reviewLogs = sqliteTable(
  'review_logs',
  {
    cardId: text('card_id')
      .notNull()
      .references(() => reviewCards.id, { onDelete: 'cascade' }),
    /** The card's `reps` when it was shown: the n-th review of this card. */
    step: integer('step').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    objective: text('objective').notNull(),
    /** What was asked: a question id (maybe another from the pool) or the node id. */
    askedId: text('asked_id').notNull(),
    /** JSON: the answer given (quiz Response, or `{ choiceId }`). */
    answer: text('answer').notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    /** Days since the card was created (the original miss). */
    daysSinceMiss: real('days_since_miss').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cardId, t.step] }),
    index('review_logs_user_idx').on(t.userId, t.at),
    index('review_logs_objective_idx').on(t.objective),
  ],
);

/** A learner's review preferences; no row means reviews on, with the default daily cap. */
export const reviewSettings = sqliteTable('review_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
  dailyCap: integer('daily_cap').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A learner's own rating of a skill (Likert 1-5), at most one per skill and day; private to them. */
export const skillSelfRatings = sqliteTable(
  'skill_self_ratings',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skill: text('skill').notNull(),
    /** UTC date, YYYY-MM-DD. */
    day: text('day').notNull(),
    value: integer('value').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.skill, t.day] })],
);

/**
 * Bearer tokens for SCIM provisioning (docs/decisions/020-scim.md), `<id>.<secret>` like a session's:
 * only SHA-256(secret) is stored. Revoked tokens are kept, so the audit log can still name them.
 */
export const scimTokens = sqliteTable('scim_tokens', {
  id: text('id').primaryKey(),
  /** What the admin called it, e.g. "Entra ID production". */
  label: text('label').notNull(),
  secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
});

/** A person as the directory provisioned them: the SCIM User resource beside our own user row. */
export const scimUsers = sqliteTable('scim_users', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The directory's unique name (Entra: the UPN; Okta: the login), compared case-insensitively. */
  userName: text('user_name').notNull().unique(),
  externalId: text('external_id'),
  givenName: text('given_name'),
  familyName: text('family_name'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A SCIM Group: the team it stands for, as its members (`members`) or as its managers (`managers`). */
export const scimGroups = sqliteTable('scim_groups', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull().unique(),
  externalId: text('external_id'),
  teamId: text('team_id')
    .notNull()
    .references(() => teams.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['members', 'managers'] }).notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** The members of a SCIM Group, as the directory sent them. */
export const scimGroupMembers = sqliteTable(
  'scim_group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => scimGroups.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('scim_group_members_user_idx').on(t.userId)],
);

/**
 * xAPI statements waiting for the LRS (docs/decisions/021-xapi.md): written in the same transaction as the
 * learning record they describe, sent in batches by the sender in each app server. The id is the statement's
 * own id, derived from the record, so writing the same record twice queues one statement and a resend can
 * never duplicate it at the LRS. A sender leases rows before sending; a killed sender's lease runs out.
 */
export const xapiOutbox = sqliteTable(
  'xapi_outbox',
  {
    id: text('id').primaryKey(),
    /** The statement as JSON, exactly as it is sent every time. */
    statement: text('statement').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Not sent before this (backoff after a failure). */
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    /** The sender holding the row, and until when; another may take it after that. */
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
  },
  (t) => [index('xapi_outbox_due_idx').on(t.sentAt, t.nextAttemptAt)],
);

/** One row (id 1): the latest delivery outcome, for the admin page. */
export const xapiStatus = sqliteTable('xapi_status', {
  id: integer('id').primaryKey(),
  lastSuccessAt: integer('last_success_at', { mode: 'timestamp_ms' }),
  lastErrorAt: integer('last_error_at', { mode: 'timestamp_ms' }),
  lastError: text('last_error'),
});

/**
 * Reply practice (docs/decisions/023-reply-practice.md): each reply a learner writes to a prompt in
 * content/practice/, one row per version. Private to its author; `sharedAt` set means the author chose to
 * show this version to trainers, without their name. Managers never read this table.
 */
export const practiceReplies = sqliteTable(
  'practice_replies',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    promptId: text('prompt_id').notNull(),
    /** 1 for the first reply, then one more per revision. */
    version: integer('version').notNull(),
    body: text('body').notNull(),
    /** The analyser's result (JSON of src/lib/practice Analysis) as the learner saw it. */
    analysis: text('analysis').notNull(),
    /** The form's one-time key: a second submit of the same form finds this row instead of adding a version. */
    submissionKey: text('submission_key').notNull(),
    sharedAt: integer('shared_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('practice_replies_version_idx').on(t.userId, t.promptId, t.version),
    uniqueIndex('practice_replies_submission_idx').on(t.userId, t.submissionKey),
    index('practice_replies_prompt_idx').on(t.promptId),
  ],
);

/** The learner's own rating of one reply version against one rubric criterion: 0 not yet, 1 partly, 2 yes. */
export const practiceSelfRatings = sqliteTable(
  'practice_self_ratings',
  {
    replyId: text('reply_id')
      .notNull()
      .references(() => practiceReplies.id, { onDelete: 'cascade' }),
    criterion: text('criterion').notNull(),
    rating: integer('rating').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.replyId, t.criterion] })],
);

/** "This feedback was wrong": one per reply version and criterion, read by trainers without names. */
export const practiceDisagreements = sqliteTable(
  'practice_disagreements',
  {
    replyId: text('reply_id')
      .notNull()
      .references(() => practiceReplies.id, { onDelete: 'cascade' }),
    criterion: text('criterion').notNull(),
    /** Whether the analyser said the criterion was met when the learner disagreed. */
    saidMet: integer('said_met', { mode: 'boolean' }).notNull(),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.replyId, t.criterion] })],
);

/** One file a publish changed, as it was before and after (null: the file did not exist). */
export interface PublishedFile {
  /** Relative to content/, e.g. `quizzes/empathy-quiz.yaml`. */
  path: string;
  before: string | null;
  after: string | null;
}

/**
 * Every publish from the authoring studio, running or done: who, when, which files changed and how (the
 * history's diff and revert read `files`), the warnings accepted and why, and how it ended.
 */
export const publishes = sqliteTable(
  'publishes',
  {
    /** Counts up: people speak of "publish 12". */
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** running, then published or failed. */
    status: text('status', { enum: ['running', 'published', 'failed'] }).notNull(),
    /** Where a running publish is: checking, building, swapping, writing. */
    step: text('step').notNull().default('checking'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    files: text('files', { mode: 'json' }).$type<PublishedFile[]>().notNull(),
    /** The content-check warnings accepted, as printed, and the reason given. */
    warnings: text('warnings', { mode: 'json' }).$type<string[]>().notNull(),
    reason: text('reason'),
    /** For a revert, the publish it undid. */
    revertOf: integer('revert_of'),
    /** Why it failed: file, field and fix where the build said them. */
    error: text('error'),
    /** The git commit that recorded it, when content/ is in a git checkout. */
    commitSha: text('commit_sha'),
  },
  (t) => [index('publishes_started_idx').on(t.startedAt)],
);

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
