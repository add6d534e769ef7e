/**
 * Detectors for repairing a problem: acknowledging what happened and what it meant for the listener, owning
 * your part instead of blaming, and apologising without hedging. Each looks for phrases over wink-nlp tokens
 * (match.ts) and reports the exact words it found. The patterns follow docs/reply-feedback.md.
 */
import type { CriterionResult } from './criteria.ts';
import type { Parsed, Sentence } from './nlp.ts';
import { findAll, hasAny } from './match.ts';
import { evidenceOf, met, notMet, quoted } from './result.ts';

const YOU = "you|your|you've|you're|you'd";

/** Wording that says what the problem did to the listener: time, money, work, plans. */
export const IMPACT = [
  `${YOU} ... had|have|'ve|'d|having to`,
  `you|you've|you're ... ~wait|waiting`,
  'kept|keep|keeping you',
  `~cost you|your`,
  `~leave you|your`,
  `meant|means|mean you|your`,
  `you ... ~lose|lost`,
  `you could|can|were|are|was not|unable`,
  `you|you're|you've ... ~be|been stuck|blocked|short|without|unable`,
  `~hold up you|your`,
  `~hold you|your up`,
  `~block you|your`,
  `~chase`,
  `~miss your`,
  `your ... ~deadline|customers|customer|weekend|evening|plans|schedule|launch|release|shift|line|build|patients|guests|clients|day|morning`,
  `~put you|your`,
  `on top of your`,
  `for you ... ~cost|~delay|extra|again|twice|late|worse|harder`,
  `extra work|hours|trip|trips|calls|day`,
  `~spend|~waste your|you`,
];

/** An "I understand" with no content, or a formula apology, is not an acknowledgement on its own. */
const NOT_ACKNOWLEDGING = ['if you', 'if your', 'should have', "should've", 'any inconvenience', 'you ever'];

function speaksToProblem(parsed: Parsed, s: Sentence): boolean {
  return !s.question && !hasAny(parsed, NOT_ACKNOWLEDGING, s);
}

export function acknowledge(parsed: Parsed): CriterionResult {
  const found = parsed.sentences.filter((s) => speaksToProblem(parsed, s)).flatMap((s) => findAll(parsed, IMPACT, s));
  if (found.length)
    return met(
      'acknowledge',
      `You named what the problem meant for them: ${quoted(evidenceOf(parsed, found))}.`,
      evidenceOf(parsed, found),
    );
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

/** Blaming the listener, another team, a policy or nobody ("mistakes were made"). */
export const DEFLECTION = [
  "you should|must not have|'ve",
  "you should have|'ve",
  'you were|are supposed to',
  'you ~fail to',
  'you ~forget|forgot',
  "you did not|n't ~read|~check|~follow|~fill|~send|~include|~attach|~tell|~give|~ask|~say|~book|~order|~read|~specify|~mention|~update",
  'you never ~read|~check|~tell|~send|~ask|~say|~mention|~update',
  'your fault|mistake|error',
  "if you had|'d",
  'had you',
  'user error',
  'not my|our fault|job|department|area|responsibility|problem|call|decision',
  'their|his|her fault',
  '~blame the|them|it|their|him|her|logistics|shipping|warehouse|courier|supplier|system',
  'fault of',
  "'s fault",
  'out of my|our hands',
  'nothing i|we can do',
  'policy ~say|~state|says|states|is|does|do|~require|~forbid',
  'against|per|under policy',
  'according to ... policy|rules|process|procedure',
  "it's|it is ... policy",
  'rules are rules',
  'the|our|company policy',
  'the system ... ~do|~decide|~cancel|~reject|~send|~block',
  'computer says',
  'mistakes|errors|things|issues ~be ~make',
  'mistakes|errors|things|these|it ~happen',
  'was|were|got ~overlook|~miss|~lose|~drop|~forget|~mislay|~misplace',
  'it ~slip through',
  'somebody|someone ... ~mess|~forget|~drop|~lose',
  'not up to me|us',
  'above my pay',
  'take it up with|ask someone',
];

const OWN = [
  'i|we',
  "i'll|we'll|i've|we've|i'm|we're|i'd|we'd",
  'my|our ... ~mistake|~error|~fault|~miss|~slip|~oversight|~responsibility',
];

export function ownership(parsed: Parsed): CriterionResult {
  const deflect = findAll(parsed, DEFLECTION);
  if (deflect.length) {
    const evidence = evidenceOf(parsed, deflect);
    return notMet(
      'ownership',
      `${quoted(evidence)} puts the cause on someone or something else.`,
      'Say what you or your team did or will do ("I sent the wrong drawing, I will..."), and leave the listener, policy and other teams out of the blame.',
      evidence,
    );
  }
  const own = findAll(parsed, OWN);
  if (!own.length)
    return notMet(
      'ownership',
      'No sentence says what you or your team did or will do.',
      'Add a sentence in the first person: "I checked...", "we will...".',
    );
  return met('ownership', 'You speak for yourself or your team and nobody is blamed.', []);
}

/** Apologies that apologise for the listener's reaction, hedge the fact, or take it back with "but". */
export const NON_APOLOGY = [
  'sorry|apologise|apologize|apologies|apology|regret ... if',
  'sorry|apologise|apologize|apologies ... you ~feel|felt|~think|thought|~see|saw|~take|took|~find|found',
  'sorry|apologise|apologize|apologies|regret ... any|whatever inconvenience|confusion|trouble|upset|frustration|problems|issues',
  'sorry|apologise|apologize|apologies|regret for|about any|whatever',
  'regret any',
  'sorry|apologise|apologize|apologies ... ... but|however|though',
  "sorry you|you're ... ~upset|~unhappy|~offend|~disappoint|~frustrate|~annoy|~angry",
];

export function noNonApology(parsed: Parsed): CriterionResult {
  const hedges = findAll(parsed, NON_APOLOGY);
  if (hedges.length) {
    const evidence = evidenceOf(parsed, hedges);
    return notMet(
      'no-non-apology',
      `${quoted(evidence)} apologises for a reaction or a possibility, or takes the apology back.`,
      'Apologise for what happened, plainly: "I\'m sorry the invoice was wrong." Put any explanation in its own sentence, without "but".',
      evidence,
    );
  }
  const apology = findAll(parsed, ['sorry|apologise|apologize|apologies|apology']);
  if (apology.length)
    return met(
      'no-non-apology',
      `Your apology, ${quoted(evidenceOf(parsed, apology), 1)}, is not hedged.`,
      evidenceOf(parsed, apology),
    );
  return met('no-non-apology', 'There is no apology, so there is no hedged one either.');
}
