/**
 * Where a review card comes from: a quiz question missed, a role-play decision below the best. Free-text
 * practice will add 'practice' (a missed criterion); the schema, card writes and `askFor` all read this list.
 */
export const CARD_KINDS = ['quiz', 'scenario'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
