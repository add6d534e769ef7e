/**
 * Where a review card comes from: a quiz question missed, a role-play decision below the best, a reply-practice
 * criterion not met; the schema, card writes and `askFor` all read this list.
 */
export const CARD_KINDS = ['quiz', 'scenario', 'practice'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
