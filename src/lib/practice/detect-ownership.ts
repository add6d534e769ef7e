/**
 * Ownership: the reply says in the first person what you or your team did or will do, and blames nobody:
 * not the listener, another team, a policy, the system, or fate ("these things happen"). See
 * docs/reply-feedback.md for the cases; the patterns below are grouped the same way.
 */
import type { CriterionResult } from './criteria.ts';
import type { Parsed, Token } from './nlp.ts';
import { findAll, type Match } from './match.ts';
import { evidenceOf, met, notMet, quoted } from './result.ts';

const BLAME_LISTENER = [
  "you should|must have|'ve",
  "you should|must not|n't have|'ve <VERB>",
  'you were|are supposed to',
  'you ~fail to',
  'you ~forget|forgot',
  "you did not|n't ~read|~check|~follow|~fill|~send|~include|~attach|~tell|~give|~ask|~say|~book|~order|~specify|~mention|~update",
  'you never ~read|~check|~tell|~send|~ask|~say|~mention|~update',
  'your fault|mistake|error',
  "if you had|'d",
  "if your ... had|'d",
  'had you',
  'user error',
  'but you did',
  'you agreed to',
  'you signed up',
  'read the terms',
];

const BLAME_OTHERS = [
  'not my|our fault|job|department|area|responsibility|problem|call|decision',
  'their|his|her fault',
  '~blame the|them|it|their|him|her|logistics|shipping|warehouse|courier|supplier|system',
  'fault of',
  "'s fault",
  '~mess up',
  'messed up',
  '~drop the ball',
  'let us|me down',
  'he|she|they|someone|somebody probably',
  "<NOUN>|<PROPN>|they|he|she|someone|somebody should|must have|'ve <VERB>",
  'somebody|someone ... ~mess|~forget|~drop|~lose',
  'on purpose',
  'nobody|no-one ~listen|listened',
  'we|i warned|told everyone|them',
  'everybody|everyone ~want|wants',
  'set by ... not by us|me',
];

const RULES = [
  'policy ~say|~state|says|states|is|does|do|~require|~forbid',
  'against|per|under policy',
  'according_to|per|under ... policy|rules|procedure|guidelines|terms',
  'as ~explain|~state|~set|~outline|~mention in ... policy|rules|terms|guidelines|procedure|handbook|pack',
  "it's|it_is ... policy",
  'rules are rules',
  'standard|normal|usual procedure|process',
  '~follow ... procedure|process|protocol',
  'same process|rules|policy for everyone',
  'like everyone else',
  'the system ... ~do|~decide|~cancel|~reject|~send|~block',
  'computer says',
  'pursuant to',
];

const FATE = [
  'mistakes|errors|things|issues ~be ~make',
  'mistakes|things|these_things|it|accidents happen|happens',
  '<NOUN> can|do|will ~happen',
  "it's|that's|it_is|that_is ... normal|common|inevitable",
  "it's|that's how <NOUN>|things|it|life",
  "it's|that's|that_is how we|they ... here|work|works|go|goes|do",
  'a_lot_of|lots_of|so_many|loads_of claims|requests|orders|calls|tickets|enquiries',
  'rest assured',
  '~be common|normal|inevitable|usual',
  'just how|the_way',
  'teething problems',
  'was|were|got ~overlook|~miss|~lose|~drop|~forget|~mislay|~misplace',
  'got lost|missed|dropped',
  '~slip through',
  'beyond|outside our|my control',
  'can not influence',
  'cannot influence',
  'short-staffed|understaffed|swamped|slammed',
  'short - staffed',
  "we're|we_are|we've_been ... very|really|so busy",
  'is very|really|so busy',
  'nothing i|we can do',
  'nothing i can',
  'out of my|our hands',
  'not up to me|us',
  'above my pay',
];

/** Handing the problem back: the listener has to chase it elsewhere. */
const PASS_ON = ['raise it with', 'take it up with'];

export const DEFLECTION = [...BLAME_LISTENER, ...BLAME_OTHERS, ...RULES, ...FATE, ...PASS_ON];

/** After "should have", these make sympathy rather than blame: "you shouldn't have had to chase us". */
const SYMPATHY_AFTER = new Set(['to', 'had', 'been', 'needed']);
/** After "if you'd", a preference rather than a reproach: "shout if you'd rather...". */
const PREFERENCE_AFTER = new Set(['rather', 'like', 'prefer', 'want', 'need', 'be', 'sooner']);

function isDeflection(parsed: Parsed, m: Match): boolean {
  const tokens = parsed.tokens;
  const last = tokens[m.to - 1]!;
  const next = tokens[m.to];
  if (/should|must/.test(m.pattern) && next && SYMPATHY_AFTER.has(next.lower)) return false;
  if (/should\|must not/.test(m.pattern) && SYMPATHY_AFTER.has(last.lower)) return false;
  if (m.pattern.startsWith('if you') && next && PREFERENCE_AFTER.has(next.lower)) return false;
  return true;
}

/** First person doing something: "I sent", "we'll fit", "our mistake"; not "I understand" or "as I said". */
const OWN = [
  'my|our ... ~mistake|~error|~fault|~doing|~failing|~responsibility|~call|~decision|bad',
  "that's|it's|that_is|it_is|is|was ... on me|us",
  "that's|it's|is|was mine|ours",
  "our|my <NOUN> will|'ll|have|has|<VERB>",
  'leave it with me',
  'on it',
  'looking into it',
  'will update|keep|check|send|call',
  'order placed',
];
const SUBJECTS = new Set(['i', 'we', "i'm", "we're"]);
/** Between a subject and its verb: "I have already sent", "we'll also put". */
const BETWEEN = new Set(['AUX', 'PART', 'ADV']);
const NOT_ACTION = new Set([
  'understand',
  'hear',
  'know',
  'see',
  'appreciate',
  'say',
  'mention',
  'explain',
  'state',
  'tell',
  'feel',
  'think',
  'hope',
  'regret',
  'apologise',
  'apologize',
  'warn',
  'imagine',
  'want',
  'wish',
]);

/** "I/we" followed, past any auxiliaries and adverbs, by a verb of doing. */
function firstPersonActions(parsed: Parsed): Match[] {
  const found: Match[] = [];
  parsed.tokens.forEach((t, i) => {
    if (!SUBJECTS.has(t.lower)) return;
    let j = i + 1;
    while (j < parsed.tokens.length && j <= i + 3 && BETWEEN.has(parsed.tokens[j]!.pos)) j++;
    const verb: Token | undefined = parsed.tokens[j];
    // "we take all claims seriously" states an attitude, not an action.
    const attitude = parsed.tokens.slice(j, j + 5).some((k) => k.lower === 'seriously');
    if (
      verb &&
      verb.sentence === t.sentence &&
      verb.pos === 'VERB' &&
      !NOT_ACTION.has(verb.lemma) &&
      !NOT_ACTION.has(verb.lower) &&
      !attitude
    )
      found.push({ from: i, to: j + 1, pattern: 'first person' });
  });
  return found;
}

function owns(parsed: Parsed): Match[] {
  return [...firstPersonActions(parsed), ...findAll(parsed, OWN)].sort((a, b) => a.from - b.from);
}

export function ownership(parsed: Parsed): CriterionResult {
  const deflect = findAll(parsed, DEFLECTION).filter((m) => isDeflection(parsed, m));
  if (deflect.length) {
    const evidence = evidenceOf(parsed, deflect);
    return notMet(
      'ownership',
      `${quoted(evidence)} puts the cause or the next move on someone or something else.`,
      'Say what you or your team did or will do ("I sent the wrong drawing, I will..."), and leave the listener, policy and other teams out of the blame.',
      evidence,
    );
  }
  const own = owns(parsed);
  if (!own.length)
    return notMet(
      'ownership',
      'No sentence says what you or your team did or will do.',
      'Add a sentence in the first person: "I checked...", "we will...".',
    );
  return met(
    'ownership',
    `You say what you did or will do (${quoted(evidenceOf(parsed, own), 1)}) and nobody is blamed.`,
    evidenceOf(parsed, own).slice(0, 1),
  );
}
