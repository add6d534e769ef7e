/** Small helpers every detector uses to build its result, so messages read the same way throughout. */
import type { CriterionId, CriterionResult, Evidence } from './criteria.ts';
import type { Parsed } from './nlp.ts';
import type { Match } from './match.ts';
import { spanOf } from './nlp.ts';

export function met(id: CriterionId, saw: string, evidence: Evidence[] = []): CriterionResult {
  return { id, met: true, evidence, saw };
}

export function notMet(id: CriterionId, saw: string, suggestion: string, evidence: Evidence[] = []): CriterionResult {
  return { id, met: false, evidence, saw, suggestion };
}

/** Evidence for matches, merged where they overlap so one phrase is highlighted once. */
export function evidenceOf(parsed: Parsed, matches: readonly Match[]): Evidence[] {
  const spans = matches.map((m) => spanOf(parsed, m.from, m.to)).sort((a, b) => a.start - b.start);
  const merged: Evidence[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      last.text = parsed.text.slice(last.start, last.end);
    } else merged.push({ ...span });
  }
  return merged;
}

/** "x", "x" and "y", or "x", "y" and 2 more: quoting the learner's own words back to them. */
export function quoted(evidence: readonly Evidence[], most = 2): string {
  const parts = evidence.slice(0, most).map((e) => `"${e.text}"`);
  const more = evidence.length - parts.length;
  if (more > 0) return `${parts.join(', ')} and ${more} more`;
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}
