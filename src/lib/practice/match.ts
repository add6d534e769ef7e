/**
 * Phrase patterns over tokens rather than characters, so a match never starts in the middle of a word and
 * "didn't", "did not" and "did n't" are one pattern. A pattern is space-separated steps:
 *   word        the token, lower-cased ("sorry")
 *   a|b         either alternative; an alternative may be several words joined by _ ("that_is|that's")
 *   ~lemma      any form of a word ("~blame" matches blame, blamed, blaming)
 *   not         not, n't or never
 *   *           any one token;  ...  up to four tokens (lazy)
 *   <POS>       any token with that part of speech (<VERB>, <NUM>)
 *   ^           (first step only) the match must start the sentence
 * wink-nlp splits most contractions ("you've" is "you" + "'ve", "can't" is "ca" + "n't") but not all ("I'm"),
 * so a written contraction matches both the single token and its split form.
 */
import type { Parsed, Token } from './nlp.ts';

export interface Match {
  from: number;
  to: number;
  pattern: string;
}

type Test = (t: Token) => boolean;
/** One way to match a step: a sequence of token tests. */
type Variant = Test[];
type Step = { kind: 'gap' } | { kind: 'one'; variants: Variant[] };

const NOT = new Set(['not', "n't", 'never']);
const SPLIT: Record<string, [string, string]> = { "can't": ['ca', "n't"], "won't": ['wo', "n't"] };

function word(w: string): Test {
  if (w === 'not') return (t) => NOT.has(t.lower);
  if (w === '*') return () => true;
  if (/^<[A-Z]+>$/.test(w)) {
    const pos = w.slice(1, -1);
    return (t) => t.pos === pos;
  }
  if (w.startsWith('~')) {
    const lemma = w.slice(1);
    return (t) => t.lemma === lemma || t.lower === lemma;
  }
  return (t) => t.lower === w;
}

function variantsOf(alternative: string): Variant[] {
  const words = alternative.split('_');
  if (words.length > 1) return [words.map(word)];
  const split = SPLIT[alternative] ?? (/^[a-z]+'[a-z]+$/.test(alternative) ? splitAt(alternative) : null);
  return split ? [[word(alternative)], split.map(word)] : [[word(alternative)]];
}

function splitAt(w: string): [string, string] {
  const at = w.endsWith("n't") ? w.length - 3 : w.indexOf("'");
  return [w.slice(0, at), w.slice(at)];
}

function compileStep(step: string): Step {
  if (step === '...') return { kind: 'gap' };
  return { kind: 'one', variants: step.split('|').flatMap(variantsOf) };
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

function matchVariant(tokens: Token[], variant: Variant, i: number, limit: number): number {
  if (i + variant.length > limit) return -1;
  return variant.every((test, k) => test(tokens[i + k]!)) ? i + variant.length : -1;
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
  for (const variant of step.variants) {
    const next = matchVariant(tokens, variant, i, limit);
    if (next === -1) continue;
    const end = matchAt(tokens, steps, k + 1, next, limit);
    if (end !== -1) return end;
  }
  return -1;
}

/** Every match of any pattern, never crossing a sentence boundary (or the given token range). */
export function findAll(parsed: Parsed, patterns: readonly string[], within?: { from: number; to: number }): Match[] {
  const found: Match[] = [];
  const ranges = within ? [within] : parsed.sentences;
  for (const pattern of patterns) {
    const anchored = pattern.startsWith('^ ');
    const steps = compile(anchored ? pattern.slice(2) : pattern);
    for (const r of ranges)
      for (let i = r.from; i < (anchored ? Math.min(r.from + 1, r.to) : r.to); i++) {
        const end = matchAt(parsed.tokens, steps, 0, i, r.to);
        if (end > i) found.push({ from: i, to: end, pattern });
      }
  }
  return found.sort((a, b) => a.from - b.from);
}

export function hasAny(parsed: Parsed, patterns: readonly string[], within?: { from: number; to: number }): boolean {
  return findAll(parsed, patterns, within).length > 0;
}
