/**
 * Non-apologies: apologising for a possibility ("sorry if"), for the listener's reaction ("sorry you feel"),
 * for "any" trouble, or taking the apology back with "but" in the same sentence (docs/reply-feedback.md).
 * An apology is not required; only a hedged one fails.
 */
import type { CriterionResult } from './criteria.ts';
import type { Parsed } from './nlp.ts';
import { findAll, type Match } from './match.ts';
import { evidenceOf, met, notMet, quoted } from './result.ts';

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

/** Hedged apologies; "sorry; I approved it but never sent it" is an apology and then a separate clause. */
export function nonApologies(parsed: Parsed): Match[] {
  return findAll(parsed, NON_APOLOGY).filter(
    (m) => !parsed.tokens.slice(m.from, m.to).some((t) => t.text === ';' || t.text === ':'),
  );
}

export function noNonApology(parsed: Parsed): CriterionResult {
  const hedges = nonApologies(parsed);
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
