/**
 * Detectors for how the reply reads: words and reading level against the listener, considerate wording
 * (retext-equality, as in the lessons' prose lint), length against the channel, and tone. Tone combines
 * wording markers with VADER sentiment; the sentiment score never decides on its own (docs/reply-feedback.md).
 */
import { retext } from 'retext';
import retextEquality from 'retext-equality';
import { PROSE_IGNORE } from '../content/prose.ts';
import type { Channel, CriterionResult, Evidence, Listener } from './criteria.ts';
import type { Parsed } from './nlp.ts';
import { findAll } from './match.ts';
import { nonApologies } from './detect-apology.ts';
import { evidenceOf, met, notMet, quoted } from './result.ts';

/** Insider words of one trade or department: fine for an engineer, not for anyone else. */
export const JARGON = [
  'sla|slas|rma|rmas|sku|skus|bom|erp|crm|okr|okrs|rca|capa|wip|otif|qms|p1|p2|sev1|sev2|api|apis|ui|ux|db|vpn|ssl|dns|cms|tat|fifo|mrp|asn|uat|gl',
  'backend|back-end|frontend|front-end|hotfix|deploy|deployed|deployment|regression|latency|config|configs|repo|sprint|sync|syncs|synced|throughput|provisioning|provisioned|upstream|downstream|database|migration|rollback|pre-authorisation|pre-authorization|requisition',
  'roll back',
  'acceptance criteria',
  'dev team',
  'root cause',
  'change request',
  'cost centre|center',
  'non-conformance|nonconformance|non-conforming',
];
/** Buzzwords and formal padding: unclear to anyone. */
export const BUZZWORDS = [
  'leverage|leveraging|synergy|synergies|bandwidth|heretofore|hereby|pursuant|aforementioned|necessitating|tranche|remediation|remediate',
  'circle back',
  'touch base',
  'going forward',
  'action items',
];
/** Workplace shorthand colleagues share but a customer or a newcomer may not: ETA, TBC, QA, PO. */
export const SHORTHAND = [
  'eta|tbc|tba|qa|po|eod|cob|fyi|kpi|kpis|sop|escalation|stakeholder|stakeholders|deliverable|deliverables|workflow|cadence',
];

const OUTSIDERS: readonly Listener[] = ['external-customer', 'new-starter'];

/** Highest Flesch-Kincaid grade that suits each listener; the engineer's limit is loose, detail matters more. */
export const GRADE_LIMIT: Record<Listener, number> = {
  'external-customer': 9,
  'new-starter': 9,
  colleague: 11,
  manager: 12,
  executive: 12,
  engineer: 14,
};

/** An engineer needs the specifics: numbers, versions, part or order ids, times. */
function specifics(parsed: Parsed): Evidence[] {
  const numbers = parsed.tokens.filter((t) => /\d/.test(t.text) || t.pos === 'NUM');
  return numbers.map((t) => ({ start: t.start, end: t.end, text: t.text }));
}

export function plainLanguage(parsed: Parsed, listener: Listener, grade: number): CriterionResult {
  const limit = GRADE_LIMIT[listener];
  if (listener === 'engineer') {
    const detail = specifics(parsed);
    if (!detail.length)
      return notMet(
        'plain-language',
        'The reply gives no specifics an engineer can act on: no numbers, ids, versions or times.',
        'Add the detail they need to act: the part or order number, quantities, the exact time or version.',
      );
    if (grade > limit)
      return notMet(
        'plain-language',
        `The reply reads at grade ${grade.toFixed(0)}, above ${limit}, even for a technical reader.`,
        'Split long sentences; keep the detail, cut the padding.',
        detail.slice(0, 3),
      );
    return met('plain-language', `You give specifics an engineer can act on: ${quoted(detail, 3)}.`, detail.slice(0, 3));
  }
  const words = OUTSIDERS.includes(listener) ? [...JARGON, ...BUZZWORDS, ...SHORTHAND] : [...JARGON, ...BUZZWORDS];
  const jargon = evidenceOf(parsed, findAll(parsed, words));
  if (jargon.length)
    return notMet(
      'plain-language',
      `${quoted(jargon, 3)} may be insider language for this listener.`,
      'Say it in everyday words, or explain the term the first time you use it.',
      jargon,
    );
  if (grade > limit && parsed.words >= 20)
    return notMet(
      'plain-language',
      `The reply reads at grade ${grade.toFixed(0)} (Flesch-Kincaid), above ${limit} for this listener.`,
      'Use shorter sentences and common words.',
    );
  return met('plain-language', `Everyday words, reading at grade ${Math.max(0, grade).toFixed(0)}.`);
}

/**
 * Singular "girl", "guy" and "boy" name one person ("the birthday girl", "the guy who came out"); "hang" is an
 * idiom in replies ("hang in there"); "special" describes occasions ("a special night"); "invalid" describes results.
 */
const REPLY_IGNORE = [...PROSE_IGNORE, 'girl', 'boy', 'guy', 'hang', 'special', 'invalid'];
const equality = retext().use(retextEquality, { ignore: REPLY_IGNORE });
/** Gendered words for a group that retext-equality does not list. */
const GROUP_WORDS = ['lads|fellas|chaps|guys'];
/**
 * retext-equality's rules against condescension in teaching texts ("just", "simply", "easy"): in a reply
 * "I just checked" is ordinary, so these are left to the tone detector's own, narrower list.
 */
const TEACHING_ONLY = new Set(['basically', 'clearly', 'easy', 'everyone-knows', 'just', 'obvious', 'of-course', 'simple']);

export function considerate(parsed: Parsed): CriterionResult {
  const messages = equality.processSync(parsed.text).messages.filter((m) => !TEACHING_ONLY.has(m.ruleId ?? ''));
  const evidence: Evidence[] = messages
    .map((m) => ({
      start: m.place && 'start' in m.place ? (m.place.start.offset ?? 0) : 0,
      end: m.place && 'end' in m.place ? (m.place.end.offset ?? 0) : 0,
    }))
    .filter((e) => e.end > e.start)
    .map((e) => ({ ...e, text: parsed.text.slice(e.start, e.end) }))
    .concat(evidenceOf(parsed, findAll(parsed, GROUP_WORDS)))
    .sort((a, b) => a.start - b.start)
    .filter((e, i, all) => i === 0 || e.start >= all[i - 1]!.end);
  if (!evidence.length) return met('considerate', 'No wording that singles people out by gender, ability, age or background.');
  const better = messages.flatMap((m) => (m.expected as string[] | undefined) ?? []).slice(0, 3);
  return notMet(
    'considerate',
    `${quoted(evidence, 3)} may read as exclusive or inconsiderate.`,
    better.length ? `Consider ${better.map((b) => `"${b}"`).join(' or ')}.` : 'Reword it so nobody is singled out.',
    evidence,
  );
}

/** Words that suit each channel: a chat line is read at a glance, a spoken reply past a minute loses the listener. */
export const LENGTH: Record<Channel, { min: number; max: number; why: string }> = {
  chat: { min: 8, max: 80, why: 'a chat message is read at a glance' },
  email: { min: 30, max: 220, why: 'an email should fit on one screen' },
  spoken: { min: 15, max: 140, why: 'said aloud, that is about a minute' },
};

export function length(parsed: Parsed, channel: Channel): CriterionResult {
  const { min, max, why } = LENGTH[channel];
  const n = parsed.words;
  if (n < min)
    return notMet(
      'length',
      `${n} words is short for ${channel}; it may read as curt.`,
      `Aim for ${min}-${max} words: add what happened and what comes next.`,
    );
  if (n > max)
    return notMet(
      'length',
      `${n} words is long for ${channel} (${why}).`,
      `Cut to ${max} words or fewer: keep the acknowledgement, the step and the question.`,
    );
  return met('length', `${n} words suits ${channel}.`);
}

/** Wording that reads as impatient, sarcastic or superior whatever the sentiment score says. */
export const HARSH = [
  'obviously',
  'clearly ,|you|the|this|it|that',
  'was clearly',
  'frankly|seriously|honestly ,',
  '^ honestly',
  'seriously ?',
  'as i|we ... said|mentioned|explained|stated|told',
  'as already|previously|clearly stated|mentioned|explained',
  'as stated|explained|mentioned in|on|earlier',
  'per my last|previous|earlier',
  'calm down',
  '^ look ,',
  'whatever',
  'no offence|offense',
  'with all due respect',
  'to be fair',
  'technically',
  'like everyone else',
  'not my|our fault|problem',
  '^ noted .',
  'before raising',
  'ridiculous|stupid|absurd|pathetic|nonsense|useless|incompetent|lazy|whining|moaning|complaining',
  'for the last time',
  "i|we do not|n't have time",
  'how many times',
  'deal with it',
  'get over',
  "it is|it's not that hard|difficult",
  'you people',
  'everyone knows',
  'of course you',
  "for goodness|heaven|god 's sake",
];

/**
 * Wording that is curt or reproachful in some replies and harmless in others ("Well, ...", "Just restart it",
 * "you'll have to"). It counts only when the rest of the reply gives no warmth: no courtesy words, or wording that
 * VADER scores below zero. This is where the sentiment score is used: as corroboration, never on its own.
 */
export const CURT = [
  '^ well ,',
  '^ right , well',
  '^ yeah ,',
  '^ just <VERB>',
  "you'll|you_will have to",
  'but you did',
  'when i get a chance',
  "if you had|'d <VERB>",
  'you should have',
  'must be using|doing',
  "do not|n't take it personally",
  'get used to it',
];

const COURTESY = ['please', 'thank|thanks', 'sorry|apologise|apologize|apologies', 'appreciate', 'glad|happy to'];

function shouting(parsed: Parsed): Evidence[] {
  const caps = parsed.tokens.filter((t) => t.text.length >= 5 && /^[A-Z]+$/.test(t.text));
  const bangs = [...parsed.text.matchAll(/!{2,}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  return [...caps.map((t) => ({ start: t.start, end: t.end, text: t.text })), ...bangs];
}

export function tone(parsed: Parsed, sentiment: number): CriterionResult {
  const markers = evidenceOf(parsed, findAll(parsed, HARSH));
  const harsh = [...markers, ...shouting(parsed).filter((s) => !markers.some((m) => m.start <= s.start && s.end <= m.end))].sort(
    (a, b) => a.start - b.start,
  );
  const score = `the sentiment score of the words is ${sentiment.toFixed(2)} on a scale from -1 to 1`;
  if (harsh.length)
    return notMet(
      'tone',
      `${quoted(harsh, 3)} can read as impatient or superior (${score}).`,
      'Drop the marker and state the fact calmly; the listener hears the edge before the content.',
      harsh,
    );
  const curt = evidenceOf(parsed, findAll(parsed, CURT));
  // A hedged apology ("sorry, but you did arrive early") is not a courtesy.
  const hedged = nonApologies(parsed);
  const courtesy = findAll(parsed, COURTESY).filter((c) => !hedged.some((h) => h.from <= c.from && c.to <= h.to));
  const warm = courtesy.length > 0 && sentiment > -0.3;
  if (curt.length && !warm)
    return notMet(
      'tone',
      `${quoted(curt, 2)} can read as curt here: the rest of the reply has no courtesy words or leans negative (${score}).`,
      'Say the same thing with a "please" or "thank you" and what you will do, or leave the phrase out.',
      curt,
    );
  return met('tone', `No impatient or superior markers; ${score}, which describes the words, not how anyone feels.`);
}
