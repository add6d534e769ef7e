/**
 * Acknowledgement: does a sentence say what the problem did to the listener (or to the people they answer for)?
 * "I understand" or a feeling word is not enough (docs/reply-feedback.md). A sentence counts when it refers to
 * the listener's side and names a consequence: a phrase such as "you had to" or "kept you waiting", or a
 * consequence word (idle, lost, chase, out of pocket...) that is not negated.
 */
import type { CriterionResult } from './criteria.ts';
import type { Parsed, Sentence, Token } from './nlp.ts';
import { findAll, hasAny, type Match } from './match.ts';
import { evidenceOf, met, notMet, quoted } from './result.ts';

/** The listener's side: them, their team, their own customers. */
const LISTENER_SIDE = new Set([
  'you',
  'your',
  "you've",
  "you're",
  "you'd",
  'yours',
  'yourself',
  'their',
  'they',
  'them',
  "they've",
  "they're",
  'store',
  'customers',
  'customer',
  'team',
  'staff',
  'students',
  'builders',
]);

/** Phrases that name a consequence for the listener on their own. */
export const IMPACT = [
  "you|you've|you'd|they|they've|your|their ... had|having to",
  "you|they have|'ve had to",
  'kept|keeping you|them ... waiting|awake|up',
  '~cost you|your|them|their',
  '~leave|left you|your|them|their',
  'meant|means|mean you|your|the|their ... ~lose|~miss|~wait|~stop|~close|~work|~stay|can|could|ca',
  'you|they could|can|ca|were|are|was not|unable',
  'you|you|they paid|~pay for',
  "you|you're|you've|they|they're ... paying",
  'what you ~book|~pay|~order|~ask|~expect|~want',
  'you|they ~want|wanted|hoped|~plan|planned|expected|were_hoping|were_expecting|had_planned',
  '~hold up you|your|them|their',
  '~hold you|your|them up',
  '~block you|your',
  '~put you|your|them ... in|on|out|through',
  'on top of',
  '<NOUN>|<PROPN> had|having to',
  "been|were|are|was|'re short",
  'gone ,|.|;|and',
  '~stay late|behind',
  'the hard way',
  'out of pocket',
  'on hold',
  'turned away',
  'short of',
  '~put up with',
  '~work around',
];

/** Consequence words, counted in a sentence about the listener's side when not negated. */
const CONSEQUENCE = new Set([
  ...[
    'idle',
    'spoil',
    'spoils',
    'ration',
    'rationing',
    'borrow',
    'borrowing',
    'borrowed',
    'overtime',
    'rework',
    'redo',
    're-key',
    're-keying',
  ],
  ...[
    'scrub',
    'stuck',
    'stranded',
    'awake',
    'noisy',
    'mess',
    'without',
    'lose',
    'lost',
    'loses',
    'losing',
    'miss',
    'missed',
    'missing',
  ],
  ...[
    'wait',
    'waiting',
    'waited',
    'chase',
    'chased',
    'chasing',
    'cost',
    'costs',
    'spent',
    'spend',
    'spending',
    'waste',
    'wasted',
  ],
  ...['squeeze', 'squeezes', 'disrupt', 'disrupted', 'ruin', 'ruined', 'trodden', 'stain', 'stained', 'marks'],
  ...['cancel', 'cancelled', 'complaints', 'strip', 'dismissed', 'ignored', 'interrupted', 'brushed'],
  ...['unable', 'blocked', 'standing', 'stood', 'sitting', 'slows', 'stopped', 'noisier', 'extra'],
]);

/** Sentences that look like acknowledgement but are not: instructions, conditions, formulas. */
const NOT_ACKNOWLEDGING = [
  'if you|your|this|it',
  "you'll|you_will|you_would|you'd ... have|need to",
  'you need|must|should <VERB>',
  'you need|have to',
  'any inconvenience|trouble|confusion',
  'you ever',
  'sorry|apologise|apologize|apologies if',
];

/** Words that cancel a consequence word close after them: "no extra cost", "nobody ruined your carpet". */
const NEGATORS = new Set(['not', "n't", 'never', 'no', 'nobody', 'nothing', 'without']);
/** Consequence words that are part of a name: "cost centre", "cost code". */
const NOT_AFTER: Record<string, Set<string>> = { cost: new Set(['centre', 'center', 'code', 'codes']) };

function counts(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (!CONSEQUENCE.has(t.lower)) return false;
  if (NOT_AFTER[t.lower]?.has(tokens[i + 1]?.lower ?? '')) return false;
  // "you shouldn't have been without": the negation belongs to "should", not to the consequence.
  for (let k = Math.max(0, i - 3); k < i; k++)
    if (NEGATORS.has(tokens[k]!.lower) && !/^(should|must)$/.test(tokens[k - 1]?.lower ?? '')) return false;
  return true;
}

function listenerSide(tokens: Token[]): boolean {
  return tokens.some((t) => LISTENER_SIDE.has(t.lower));
}

function consequences(parsed: Parsed, s: Sentence): Match[] {
  const tokens = parsed.tokens.slice(s.from, s.to);
  if (!listenerSide(tokens)) return [];
  const words = tokens.flatMap((_, i) =>
    counts(tokens, i) ? [{ from: s.from + i, to: s.from + i + 1, pattern: 'consequence' }] : [],
  );
  return [...findAll(parsed, IMPACT, s), ...words];
}

export function acknowledge(parsed: Parsed): CriterionResult {
  const found = parsed.sentences
    .filter((s) => !s.question && !hasAny(parsed, NOT_ACKNOWLEDGING, s))
    .flatMap((s) => consequences(parsed, s));
  if (found.length) {
    const evidence = evidenceOf(parsed, found);
    return met('acknowledge', `You named what the problem meant for them: ${quoted(evidence)}.`, evidence);
  }
  const bare = findAll(parsed, ['i understand|appreciate|see|hear', 'i can see|imagine', 'i know']);
  const saw = bare.length
    ? `You wrote ${quoted(evidenceOf(parsed, bare))}, but no sentence says what happened to them or what it cost them.`
    : 'No sentence says what happened to them or what it cost them (time, money, work, plans).';
  return notMet(
    'acknowledge',
    saw,
    'Name the situation and its effect in their terms, e.g. "the part arrived late and your line stood idle all morning".',
    evidenceOf(parsed, bare),
  );
}
