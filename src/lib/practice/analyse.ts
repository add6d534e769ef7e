/**
 * analyseReply: the feedback a learner gets on a reply they wrote themselves, per rubric criterion, each
 * result tied to the words that led to it. Runs on our server only; see docs/reply-feedback.md for what each
 * criterion counts and docs/decisions/023-reply-practice.md for why it is built this way.
 */
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import vader from 'vader-sentiment';
import { CRITERION_LABELS, type Analysis, type CriterionId, type CriterionResult, type ReplyContext } from './criteria.ts';
import { isClitic, parse, type Parsed } from './nlp.ts';
import { acknowledge } from './detect-acknowledge.ts';
import { ownership } from './detect-ownership.ts';
import { noNonApology } from './detect-apology.ts';
import { inviteView, nextStep } from './detect-plan.ts';
import { considerate, length, plainLanguage, tone } from './detect-style.ts';

interface Measures {
  parsed: Parsed;
  context: ReplyContext;
  grade: number;
  sentiment: number;
}

const DETECTORS: Record<CriterionId, (m: Measures) => CriterionResult> = {
  acknowledge: (m) => acknowledge(m.parsed),
  ownership: (m) => ownership(m.parsed),
  'no-non-apology': (m) => noNonApology(m.parsed),
  'next-step': (m) => nextStep(m.parsed),
  'invite-view': (m) => inviteView(m.parsed),
  'plain-language': (m) => plainLanguage(m.parsed, m.context.listener, m.grade),
  considerate: (m) => considerate(m.parsed),
  length: (m) => length(m.parsed, m.context.channel),
  tone: (m) => tone(m.parsed, m.sentiment),
};

/** Syllables per word, remembered: replies reuse the same few hundred words. */
const syllables = new Map<string, number>();
function syllablesOf(word: string): number {
  let n = syllables.get(word);
  if (n === undefined) {
    n = Math.max(1, syllable(word));
    if (syllables.size < 50_000) syllables.set(word, n);
  }
  return n;
}

function readingGrade(parsed: Parsed): number {
  const words = parsed.tokens.filter((t) => /[a-z0-9]/i.test(t.text) && !isClitic(t.text));
  if (!words.length) return 0;
  const count = words.reduce((sum, t) => sum + syllablesOf(t.lower), 0);
  const grade = fleschKincaid({ sentence: Math.max(1, parsed.sentences.length), word: words.length, syllable: count });
  return Math.round(grade * 10) / 10;
}

export function analyseReply(text: string, context: ReplyContext): Analysis {
  const parsed = parse(text);
  const measures: Measures = {
    parsed,
    context,
    grade: readingGrade(parsed),
    sentiment: text.trim() ? vader.SentimentIntensityAnalyzer.polarity_scores(text).compound : 0,
  };
  return {
    criteria: context.criteria.map((id) => DETECTORS[id](measures)),
    words: parsed.words,
    sentences: parsed.sentences.length,
    readingGrade: measures.grade,
    sentiment: measures.sentiment,
  };
}

/** A model reply's shortfall against its own rubric, for content:check. */
export interface ModelReplyProblem {
  criterion: CriterionId;
  message: string;
}

/**
 * A model reply must meet every criterion of its own rubric: learners compare theirs with it, and an author
 * whose example fails the analyser has found either a weak example or an analyser gap worth reporting.
 */
export function checkModelReply(reply: string, context: ReplyContext): ModelReplyProblem[] {
  return analyseReply(reply, context)
    .criteria.filter((r) => !r.met)
    .map((r) => ({
      criterion: r.id,
      message: `does not meet "${CRITERION_LABELS[r.id].name}" (${r.id}): ${r.saw}${r.suggestion ? ` ${r.suggestion}` : ''}`,
    }));
}
