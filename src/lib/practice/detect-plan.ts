/**
 * Detectors for what happens next: a concrete step with a time, and a question that invites the listener's
 * view. Times come from wink-nlp's DATE/TIME/DURATION entities plus a short list of words the model leaves out
 * ("noon", "end of day"); vague times ("soon", "asap") are named as such.
 */
import type { CriterionResult, Evidence } from './criteria.ts';
import type { Parsed, Sentence } from './nlp.ts';
import { sentenceEvidence, sentenceTokens } from './nlp.ts';
import { findAll, hasAny } from './match.ts';
import { evidenceOf, met, notMet, quoted } from './result.ts';

const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri';
const HOURS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday|<NUM>';
/** Time words wink-nlp's lite model does not always tag as an entity. */
export const TIME_WORDS = [
  'today|tonight|tomorrow|noon|midday|midnight|eod|cob|lunchtime',
  'this|tomorrow morning|afternoon|evening|week',
  `${DAYS} morning|afternoon|evening`,
  'end_of ... day|week|shift|month|business|quarter|year|q1|q2|q3|q4',
  `by|on|before|until|next|this ${DAYS}`,
  DAYS,
  'by|before|within|in|about|around|another <NUM> minutes|hours|days|mins|hrs|weeks',
  'within|in the|an|a hour|day|week',
  'half|quarter past|to',
  'half_an|another_half hour',
  'first thing',
  'next week|month|shift',
  "<NUM> am|pm|a.m.|p.m.|o'clock",
  `by|at|before|from|after ${HOURS}`,
  'the same day',
];

/** Times that leave the listener guessing. */
const VAGUE = [
  'soon',
  'asap',
  'shortly',
  'as_soon_as',
  'in_due_course',
  'at_some_point',
  'when_i_can',
  'when_we_can',
  'when_i_get',
  'eventually',
  'tbc',
  'tba',
];

/** Rules and opening hours give a time but commit nobody: "refunds take 10 working days", "call between 9 and 5". */
const RULES = ['~take|~allow ... <NUM>|up ... days|hours|weeks', 'contact|call|ring|phone|reach ... ... between', 'policy'];

/** Words that place a sentence in the future, so its time is a plan rather than a report. */
export const FUTURE = [
  "will|'ll|shall|going_to",
  'can|could|may',
  'should|may|might ~see|~reach|~arrive|~land|~get|~have|be',
  "let's",
  'let me|us <VERB>',
  'how_about|what_about',
  "would|'d",
  'please',
  '~plan|~aim|~expect to',
  'due|eta|booked|scheduled|rescheduled|arranged|reserved|ready|yours|available|free',
  'goes|go out|through|live',
  'arrives|arriving|ships|shipping|leaves|lands|reaches|starts|opens',
  '<NOUN> meeting|collecting it|them|you',
  'give us|me a call|ring|shout',
  'call|ring|email|message|come|meet|bring',
];

/** Times that point back: "yesterday's email", "last week", "since Monday". */
const BACKWARD = /\b(yesterday|last|ago|since|earlier|previous)\b/i;
/** A duration is a deadline only when something points it forward: "within the hour", "in 20 minutes". */
const FORWARD = ['within|in|by|another|about|around|roughly|next|every'];

function timesIn(parsed: Parsed, s: Sentence): Evidence[] {
  const forward = hasAny(parsed, FORWARD, s);
  const entities = parsed.entities
    .filter((e) => e.start >= s.start && e.end <= s.end && /DATE|TIME|DURATION/.test(e.type))
    .filter((e) => e.type !== 'DURATION' || forward)
    .map((e) => ({ start: e.start, end: e.end, text: e.text }));
  const words = evidenceOf(parsed, findAll(parsed, TIME_WORDS, s));
  const vague = evidenceOf(parsed, findAll(parsed, VAGUE, s));
  // "soon" is tagged a DATE by the model; a vague word is never a time here, nor is a time in the past.
  // "on the 28th": ordinals the lite model does not tag as dates.
  const ordinals = sentenceTokens(parsed, s)
    .filter((t) => /^\d{1,2}(st|nd|rd|th)$/i.test(t.text))
    .map((t) => ({ start: t.start, end: t.end, text: t.text }));
  return [...entities, ...words, ...ordinals].filter(
    (t) =>
      !vague.some((v) => v.start <= t.start && t.end <= v.end) && !BACKWARD.test(t.text) && !BACKWARD.test(context(parsed, t)),
  );
}

/** The token before a time: "since Monday", "last week". */
function context(parsed: Parsed, t: Evidence): string {
  const before = parsed.tokens.filter((k) => k.end <= t.start).pop();
  return before?.text ?? '';
}

/** "I'm sending", "we're fitting": the present progressive of a plan. */
function progressive(parsed: Parsed, s: Sentence): boolean {
  const tokens = sentenceTokens(parsed, s);
  // The lite model tags some -ing forms as nouns ("I'm meeting their buyer"), so the ending decides.
  return tokens.some(
    (t, i) => /^(am|are|is|'m|'re|'s|i'm|we're)$/.test(t.lower) && /[a-z]{2}ing$/.test(tokens[i + 1]?.lower ?? ''),
  );
}

function isPlan(parsed: Parsed, s: Sentence): boolean {
  if (hasAny(parsed, RULES, s)) return false;
  // "won't be here for Monday" and "we wouldn't be rushing" are not plans, nor is "it was due on Monday".
  const markers = findAll(parsed, FUTURE, s).filter(
    (m) => !NOT_WORDS.has(parsed.tokens[m.to]?.lower ?? '') && !PAST_BEFORE.has(parsed.tokens[m.from - 1]?.lower ?? ''),
  );
  return markers.length > 0 || progressive(parsed, s);
}
const NOT_WORDS = new Set(['not', "n't", 'never']);
const PAST_BEFORE = new Set(['was', 'were', 'had']);

export function nextStep(parsed: Parsed): CriterionResult {
  for (const s of parsed.sentences) {
    const times = timesIn(parsed, s);
    if (times.length && isPlan(parsed, s))
      return met('next-step', `You gave a step with a time: "${s.text}"`, [sentenceEvidence(s)]);
  }
  const vague = findAll(parsed, VAGUE);
  if (vague.length)
    return notMet(
      'next-step',
      `You say what will happen but not when: ${quoted(evidenceOf(parsed, vague))} leaves the time open.`,
      'Name a time the listener can hold you to: "by 3 pm today", "on Thursday morning".',
      evidenceOf(parsed, vague),
    );
  const plans = parsed.sentences.filter((s) => hasAny(parsed, FUTURE.slice(0, 3), s));
  return notMet(
    'next-step',
    plans.length ? `You say what will happen ("${plans[0]!.text}") but not when.` : 'No sentence says what happens next.',
    'Say who does what next and by when: "I will send the corrected invoice by 5 pm today."',
    plans.length ? [sentenceEvidence(plans[0]!)] : [],
  );
}

/** Questions that corner the listener or ask only for a reference number do not invite their view. */
const NOT_INVITING = [
  "did|have|has|do|does|were|are|could|should not|n't you",
  'did you not|even',
  "why did|do|would|have|are|were|is|can not|n't you|your",
  'why did|do|would|have|are|were|is|can you|your',
  'how many times',
  "is|was|are not|n't it|that",
  'obvious|clear ?',
  'what|can|could|please ... your ... number|reference|id|code|email|address|postcode',
  'what were you thinking',
  'is this|that the best|right|correct number|email|address|phone',
  'best|better|right|correct number|email|address ... to|for|than',
  'which <NOUN> is it',
  'anything else ?',
  'seriously',
  'right ?',
];

const INVITATION = [
  'let me know|hear',
  'tell me|us',
  "i|we would|'d ... like|love|welcome|value|appreciate ... your ... view|views|thoughts|input|opinion|take|feedback|ideas|steer|suggestions",
  'your thoughts|view|views|input|feedback|ideas|opinion|take|steer|suggestions|call',
  'happy to hear|talk|discuss',
  'open to',
  'shout|ring|call|message|ping|email|contact|tell me|us ... if',
  'shout if',
  'just reply',
  'reply here|to',
  'get in touch',
];

export function inviteView(parsed: Parsed): CriterionResult {
  const questions = parsed.sentences.filter((s) => s.question);
  const genuine = questions.filter((s) => !hasAny(parsed, NOT_INVITING, s));
  // "Why didn't you tell us sooner?" contains "tell us" but invites nothing.
  const invitations = parsed.sentences
    .filter((s) => !hasAny(parsed, NOT_INVITING, s))
    .flatMap((s) => findAll(parsed, INVITATION, s));
  if (genuine.length || invitations.length) {
    const evidence = [...genuine.map(sentenceEvidence), ...evidenceOf(parsed, invitations)].sort((a, b) => a.start - b.start);
    return met('invite-view', `You invite their view: ${quoted(evidence, 1)}.`, evidence);
  }
  const closed = questions.map(sentenceEvidence);
  return notMet(
    'invite-view',
    closed.length
      ? `Your question ${quoted(closed, 1)} reads as rhetorical or asks only for a detail, not for their view.`
      : 'The reply asks nothing of the listener, so they have no opening to correct or add to your plan.',
    'Ask one open question about what they need: "Would Thursday morning work for your team?" or "What matters most to you here?"',
    closed,
  );
}
