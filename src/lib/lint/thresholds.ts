/**
 * The assessment lint's thresholds, in one place so that a trainer reading docs/authoring.md and a developer
 * reading the rules see the same numbers. Shares are percentages; "chance" is what blind guessing would give.
 */

/** Warn on a question (or decision) whose right answer is more than this many times as long as the longest wrong one. */
export const LENGTH_RATIO_WARN = 1.5;

/** Error when the share of questions (or decisions) whose right answer is the strictly longest exceeds chance by more than this many points. */
export const LONGEST_SHARE_OVER_CHANCE = 15;

/** The share of true/false questions answered "True", per quiz and per course. */
export const TRUE_SHARE_MIN = 35;
export const TRUE_SHARE_MAX = 65;

/** A module quiz's pool of graded questions must be at least this many times the questions drawn per attempt. */
export const POOL_FACTOR = 2;

/** With an attempt limit, at most this share (percent) of the last allowed attempt's questions may be expected to repeat earlier ones. */
export const RETAKE_REPEAT_MAX = 50;

/** A retake wait at least this long (minutes) stands in for an attempt limit: a day turns a retake from recall into a fresh try. */
export const RETAKE_WAIT_MIN_MINUTES = 24 * 60;

/** Words that make a statement absolute; when only wrong options use them, they mark those options as wrong. */
export const ABSOLUTE_WORDS = ['always', 'never', 'only', 'all', 'none'] as const;

/** Hedges; when only the right answer hedges, careful wording marks it as right. */
export const HEDGES = ['can be', 'may', 'might', 'usually', 'often', 'sometimes'] as const;

/** Every path that reaches a strong ending must total at least this share (percent) of the best path's total. */
export const STRONG_MIN_PERCENT = 70;
