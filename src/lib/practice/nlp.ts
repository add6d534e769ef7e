/**
 * The reply as the detectors see it: tokens with character offsets, part of speech, lemma and negation,
 * sentences, and named entities (dates, times, durations), from wink-nlp's English lite model. The model is
 * loaded once per process (about 0.2 s) when this module is first imported; each reply then takes a few ms.
 */
import winkNLP, { type ItemEntity, type ItemSentence, type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Evidence } from './criteria.ts';

const nlp = winkNLP(model);
const its = nlp.its;

export interface Token {
  /** The token as written ("n't" for the second half of "didn't"). */
  text: string;
  /** Lower-case form, with typographic apostrophes made plain. */
  lower: string;
  lemma: string;
  pos: string;
  /** True when the token is in the scope of a negation ("not", "never", "n't"). */
  negated: boolean;
  start: number;
  end: number;
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** Index of the first token and one past the last. */
  from: number;
  to: number;
  question: boolean;
}

export interface Entity {
  type: string;
  start: number;
  end: number;
  text: string;
}

export interface Parsed {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  entities: Entity[];
  /** Number of word tokens (punctuation, symbols and emoji not counted). */
  words: number;
}

const WORDLIKE = new Set(['word', 'number', 'time', 'ordinal', 'currency', 'abbreviation', 'url', 'email']);
/** The second half of a contraction ("'ll", "n't"): "I'll" is one word to a reader. */
export const isClitic = (text: string) => /^['\u2019]|^n['\u2019]t$/i.test(text);

const plain = (s: string) => s.toLowerCase().replace(/[\u2018\u2019]/g, "'");

export function parse(text: string): Parsed {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const types = doc.tokens().out(its.type) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const lemmas = doc.tokens().out(its.lemma as unknown as ItsFunction<string>) as string[];
  const negation = doc.tokens().out(its.negationFlag) as unknown as boolean[];
  const tokens: Token[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    // Tokens appear in order; searching from the cursor keeps offsets right whatever the spacing was.
    const found = text.indexOf(value, cursor);
    const start = found === -1 ? cursor : found;
    const end = found === -1 ? cursor : start + value.length;
    cursor = end;
    tokens.push({
      text: value,
      lower: plain(value),
      lemma: plain(lemmas[i] ?? value),
      pos: pos[i] ?? '',
      negated: !!negation[i],
      start,
      end,
      sentence: 0,
    });
  });
  const sentences: Sentence[] = [];
  doc.sentences().each((s: ItemSentence) => {
    const [from, last] = s.out(its.span) as unknown as [number, number];
    const first = tokens[from];
    const end = tokens[last];
    if (!first || !end) return;
    for (let i = from; i <= last; i++) tokens[i]!.sentence = sentences.length;
    const body = text.slice(first.start, end.end);
    sentences.push({ start: first.start, end: end.end, text: body, from, to: last + 1, question: /\?\s*["')\]]*$/.test(body) });
  });
  const entities: Entity[] = [];
  doc.entities().each((e: ItemEntity) => {
    const [from, last] = e.out(its.span) as unknown as [number, number];
    const first = tokens[from];
    const end = tokens[last];
    if (first && end)
      entities.push({
        type: e.out(its.type) as string,
        start: first.start,
        end: end.end,
        text: text.slice(first.start, end.end),
      });
  });
  const words = tokens.filter((t, i) => WORDLIKE.has(types[i] ?? '') && !isClitic(t.text)).length;
  return { text, tokens, sentences, entities, words };
}

/** Evidence for the tokens from index `from` up to (not including) `to`. */
export function spanOf(parsed: Parsed, from: number, to: number): Evidence {
  const start = parsed.tokens[from]!.start;
  const end = parsed.tokens[Math.max(from, to - 1)]!.end;
  return { start, end, text: parsed.text.slice(start, end) };
}

export function sentenceEvidence(sentence: Sentence): Evidence {
  return { start: sentence.start, end: sentence.end, text: sentence.text };
}

export function sentenceTokens(parsed: Parsed, sentence: Sentence): Token[] {
  return parsed.tokens.slice(sentence.from, sentence.to);
}
