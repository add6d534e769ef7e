/**
 * Detectors for what happens next: a concrete step with a time, and a question that invites the listener's
 * view. Times come from wink-nlp's DATE/TIME/DURATION entities plus a short list of words the model leaves out
 * ("noon", "end of day"); vague times ("soon", "asap") are named as such.
 */
import type { CriterionResult, Evidence } from './criteria.ts';
import type { Parsed, Sentence } from './nlp.ts';
import { sentenceEvidence } from './nlp.ts';
import { findAll, hasAny } from './match.ts';
import { evidenceOf, met, notMet, quoted } from './result.ts';

const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri';
/** Time words wink-nlp's lite model does not always tag as an entity. */
export const TIME_WORDS = [
  'today|tonight|tomorrow|noon|midday|midnight|eod|cob',
  'this|tomorrow|monday|tuesday|wednesday|thursday|friday morning|afternoon|evening|week',
  'end of ... day|week|shift|month|play|business',
  `by|on|before|until|next|this ${DAYS}`,
  `${DAYS}`,
  'by|before|within|in <NUM> minutes|hours|days|mins|hrs',
  'within|in an|the hour|hour|day|week',
  'first thing',
  'next week|month|shift',
  "<NUM> am|pm|a.m.|p.m.|o'clock",
  'by|at|before <NUM>',
  'the ... ~hour|~minute',
];

const VAGUE = [
  'soon',
  'asap',
  'shortly',
  'as soon as',
  'in due course',
  'at some point',
  'when i can',
  'when we can',
  'later',
  'eventually',
];

/** A commitment or a proposal: someone will do something, or the writer suggests doing it. */
export const ACTION = [
  "will|'ll|shall",
  'going to',
  "i'm|we're <VERB>",
  "i|we am|are|'m|'re <VERB>",
  "let's|let",
  'could|can|shall we|i',
  'how about|what about',
  'would ... work|suit|help',
  "i've|we've|i|we have|'ve ~book|~schedule|~arrange|~send|~order|~ship|~put|~set|~reserve|~ask|~move|~add|~block",
  'please',
  'plan to|planning',
  "is|are|'s ~schedule|~book|~due|~set|booked|scheduled|going",
  '~arrive|~ship|arrives|ships|lands',
];

function timeIn(parsed: Parsed, s: Sentence): Evidence[] {
  const entities = parsed.entities
    .filter((e) => e.start >= s.start && e.end <= s.end && /DATE|TIME|DURATION/.test(e.type))
    // A duration looking back ("for three days") is not a deadline.
    .filter((e) => e.type !== 'DURATION' || hasAny(parsed, ['within|in|by|next|for the next|every <NUM>|an|a'], s));
  const words = evidenceOf(parsed, findAll(parsed, TIME_WORDS, s));
  return [...entities.map((e) => ({ start: e.start, end: e.end, text: e.text })), ...words];
}

function looksBack(parsed: Parsed, s: Sentence): boolean {
  // "It was due on Monday" and "you waited until Friday" tell the past, not the plan.
  return (
    hasAny(parsed, ['was|were|had|did|got|waited|arrived|promised|said|told|missed|called|asked|came'], s) &&
    !hasAny(parsed, ACTION.slice(0, 9), s)
  );
}

export function nextStep(parsed: Parsed): CriterionResult {
  const steps = parsed.sentences.filter((s) => hasAny(parsed, ACTION, s) && !looksBack(parsed, s));
  for (const s of steps) {
    const times = timeIn(parsed, s);
    if (times.length)
      return met('next-step', `You gave a step with a time: "${s.text}"`, [sentenceEvidence(s), ...times].slice(0, 1));
  }
  const vague = findAll(parsed, VAGUE);
  if (vague.length)
    return notMet(
      'next-step',
      `You say what will happen but not when: ${quoted(evidenceOf(parsed, vague))} leaves the time open.`,
      'Name a time the listener can hold you to: "by 3 pm today", "on Thursday morning".',
      evidenceOf(parsed, vague),
    );
  return notMet(
    'next-step',
    steps.length ? `You say what will happen ("${steps[0]!.text}") but not when.` : 'No sentence says what happens next.',
    'Say who does what next and by when: "I will send the corrected invoice by 5 pm today."',
    steps.length ? [sentenceEvidence(steps[0]!)] : [],
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
];

export function inviteView(parsed: Parsed): CriterionResult {
  const questions = parsed.sentences.filter((s) => s.question);
  const genuine = questions.filter((s) => !hasAny(parsed, NOT_INVITING, s));
  const invitations = findAll(parsed, INVITATION);
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
