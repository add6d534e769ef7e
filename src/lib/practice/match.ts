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
/** The words a test can match ("sorry", or a lemma and its own spelling), or null when it can match any token. */
type Keys = string[] | null;
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

/** The words the first token of a match must be, so findAll only tries the positions of those words. */
function keysOf(first: string): Keys {
  if (first === '...' || first === '*' || first === 'not' || first.startsWith('<')) return first === 'not' ? [...NOT] : null;
  return first.split('|').flatMap((alt) => {
    const head = alt.split('_')[0]!;
    const word = head.startsWith('~') ? head.slice(1) : head;
    const split = SPLIT[head] ?? (/^[a-z]+'[a-z]+$/.test(head) ? splitAt(head) : null);
    return split ? [word, split[0]] : [word];
  });
}

interface Compiled {
  steps: Step[];
  keys: Keys;
}

const cache = new Map<string, Compiled>();
function compile(pattern: string): Compiled {
  let compiled = cache.get(pattern);
  if (!compiled) {
    const words = pattern.trim().split(/\s+/);
    compiled = { steps: words.map(compileStep), keys: keysOf(words[0]!) };
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Positions of each lower-cased form and lemma in a parsed reply, built once per reply. */
const indexes = new WeakMap<Parsed, Map<string, number[]>>();
function indexOf(parsed: Parsed): Map<string, number[]> {
  let index = indexes.get(parsed);
  if (!index) {
    index = new Map();
    for (const [i, t] of parsed.tokens.entries())
      for (const key of new Set([t.lower, t.lemma])) {
        const list = index.get(key);
        if (list) list.push(i);
        else index.set(key, [i]);
      }
    indexes.set(parsed, index);
  }
  return index;
}

/** Where a match may start within [from, to): every position, or only those of the pattern's first words. */
function starts(parsed: Parsed, keys: Keys, from: number, to: number): number[] {
  if (!keys) return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
  const index = indexOf(parsed);
  const positions = new Set<number>();
  for (const key of keys) for (const i of index.get(key) ?? []) if (i >= from && i < to) positions.add(i);
  return [...positions].sort((a, b) => a - b);
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
    const { steps, keys } = compile(anchored ? pattern.slice(2) : pattern);
    for (const r of ranges)
      for (const i of starts(parsed, keys, r.from, anchored ? Math.min(r.from + 1, r.to) : r.to)) {
        const end = matchAt(parsed.tokens, steps, 0, i, r.to);
        if (end > i) found.push({ from: i, to: end, pattern });
      }
  }
  return found.sort((a, b) => a.from - b.from);
}

export function hasAny(parsed: Parsed, patterns: readonly string[], within?: { from: number; to: number }): boolean {
  return findAll(parsed, patterns, within).length > 0;
}
