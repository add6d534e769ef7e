/**
 * Reads a Moodle GIFT file into gift-pegjs's list of questions (why that parser: docs/decisions/016-gift.md).
 * This module only turns the parser's syntax error into one an author can act on: the line and column, what
 * the parser expected there, and how GIFT files usually go wrong at that point.
 */
import { parse, type GIFTQuestion } from 'gift-pegjs';

export type { GIFTQuestion } from 'gift-pegjs';

/** A GIFT file the grammar cannot read; `line` and `column` count from 1. */
export class GiftSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  /** The parser's own words: what it expected and what it found. */
  readonly detail: string;

  constructor(line: number, column: number, detail: string) {
    super(
      `line ${line}, column ${column}: ${detail} Fix: check that every "{" has its "}", that questions are separated ` +
        'by a blank line, and that ~ = # { } : inside text are written \\~ \\= \\# \\{ \\} \\:.',
    );
    this.name = 'GiftSyntaxError';
    this.line = line;
    this.column = column;
    this.detail = detail;
  }
}

interface PegError {
  message: string;
  location?: { start: { line: number; column: number } };
}

const isPegError = (error: unknown): error is PegError & Error =>
  error instanceof Error && error.name === 'SyntaxError' && 'location' in error;

/** Parses GIFT text; throws GiftSyntaxError for a file the grammar refuses. */
export function parseGift(text: string): GIFTQuestion[] {
  // The grammar expects a question separator after the last question; a file ending without a newline is common.
  const source = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  try {
    return parse(source.endsWith('\n') ? source : `${source}\n`);
  } catch (error) {
    if (!isPegError(error)) throw error;
    const start = error.location?.start ?? { line: 1, column: 1 };
    throw new GiftSyntaxError(start.line, start.column, error.message);
  }
}
