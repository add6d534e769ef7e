/**
 * Phrase patterns over tokens rather than characters, so "didn't", "did not" and "did n't" are one pattern
 * and a match never starts in the middle of a word. A pattern is space-separated steps:
 *   word        the token, lower-cased ("sorry")
 *   a|b         either token
 *   ~lemma      any form of a word ("~blame" matches blame, blamed, blaming)
 *   *           any one token;  ...  up to four tokens (lazy)
 *   <POS>       any token with that part of speech (<VERB>, <NUM>)
 */
import type { Parsed, Token } from './nlp.ts';

export interface Match {
  from: number;
  to: number;
  pattern: string;
}

type Step = { kind: 'gap' } | { kind: 'one'; test: (t: Token) => boolean };

const NOT = new Set(['not', "n't", 'never']);

function compileStep(step: string): Step {
  if (step === '...') return { kind: 'gap' };
  if (step === '*') return { kind: 'one', test: () => true };
  if (/^<[A-Z]+>$/.test(step)) {
    const pos = step.slice(1, -1);
    return { kind: 'one', test: (t) => t.pos === pos };
  }
  const alternatives = step.split('|').map((alt) => {
    if (alt === 'not') return (t: Token) => NOT.has(t.lower);
    if (alt.startsWith('~')) {
      const lemma = alt.slice(1);
      return (t: Token) => t.lemma === lemma || t.lower === lemma;
    }
    return (t: Token) => t.lower === alt;
  });
  return { kind: 'one', test: (t) => alternatives.some((f) => f(t)) };
}

const cache = new Map<string, Step[]>();
function compile(pattern: string): Step[] {
  let steps = cache.get(pattern);
  if (!steps) {
    steps = pattern.trim().split(/\s+/).map(compileStep);
    cache.set(pattern, steps);
  }
  return steps;
}

/** Index one past the match of steps[k..] starting at token i within [i, limit), or -1. */
function matchAt(tokens: Token[], steps: Step[], k: number, i: number, limit: number): number {
  if (k === steps.length) return i;
  const step = steps[k]!;
  if (step.kind === 'gap') {
    for (let skip = 0; skip <= 4 && i + skip <= limit; skip++) {
      const end = matchAt(tokens, steps, k + 1, i + skip, limit);
      if (end !== -1) return end;
    }
    return -1;
  }
  if (i >= limit || !step.test(tokens[i]!)) return -1;
  return matchAt(tokens, steps, k + 1, i + 1, limit);
}

/** Every match of any pattern, never crossing a sentence boundary. */
export function findAll(parsed: Parsed, patterns: readonly string[], within?: { from: number; to: number }): Match[] {
  const found: Match[] = [];
  const sentences = within ? [within] : parsed.sentences;
  for (const pattern of patterns) {
    const steps = compile(pattern);
    for (const s of sentences)
      for (let i = s.from; i < s.to; i++) {
        const end = matchAt(parsed.tokens, steps, 0, i, s.to);
        if (end > i) found.push({ from: i, to: end, pattern });
      }
  }
  return found.sort((a, b) => a.from - b.from);
}

export function hasAny(parsed: Parsed, patterns: readonly string[], within?: { from: number; to: number }): boolean {
  return findAll(parsed, patterns, within).length > 0;
}
