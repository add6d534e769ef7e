/**
 * The trainers' figures for one practice prompt, from every learner's versions: how often each criterion is
 * met on first and on last attempts, how much learners revise, and where they said the feedback was wrong.
 * Learners are told apart only to find their first and last versions; nothing returned names anyone.
 */

/** One stored version, reduced to what the figures need. */
export interface VersionFacts {
  /** Only to group versions; never part of the result. */
  userId: string;
  version: number;
  /** Criterion id -> met, as the analyser said when the version was submitted. */
  met: Record<string, boolean>;
}

export interface CriterionStats {
  criterion: string;
  /** Learners whose first version met it. */
  firstMet: number;
  /** Learners whose latest version met it. */
  lastMet: number;
}

export interface PromptStats {
  learners: number;
  versions: number;
  /** Learners with more than one version. */
  revised: number;
  criteria: CriterionStats[];
}

export function promptStats(rows: VersionFacts[], criteria: readonly string[]): PromptStats {
  const byLearner = new Map<string, VersionFacts[]>();
  for (const row of rows) byLearner.set(row.userId, [...(byLearner.get(row.userId) ?? []), row]);
  const firstAndLast = [...byLearner.values()].map((versions) => {
    const sorted = [...versions].sort((a, b) => a.version - b.version);
    return { first: sorted[0]!, last: sorted.at(-1)!, count: sorted.length };
  });
  return {
    learners: byLearner.size,
    versions: rows.length,
    revised: firstAndLast.filter((l) => l.count > 1).length,
    criteria: criteria.map((criterion) => ({
      criterion,
      firstMet: firstAndLast.filter((l) => l.first.met[criterion] === true).length,
      lastMet: firstAndLast.filter((l) => l.last.met[criterion] === true).length,
    })),
  };
}

export interface Disagreement {
  criterion: string;
  /** What the analyser said: met (the learner thinks it was not) or not met (the learner thinks it was). */
  saidMet: boolean;
  note: string;
}

export interface DisagreementStats {
  criterion: string;
  /** "It said I did this, but I did not." */
  saidMet: number;
  /** "It said I did not do this, but I did." */
  saidNotMet: number;
  /** The learners' notes, those left empty skipped. */
  notes: string[];
}

/** Disagreements per criterion, in rubric order, then any criterion no longer in the rubric. */
export function disagreementStats(rows: Disagreement[], criteria: readonly string[]): DisagreementStats[] {
  const order = [...criteria, ...new Set(rows.map((r) => r.criterion).filter((c) => !criteria.includes(c)))];
  return order
    .map((criterion) => {
      const mine = rows.filter((r) => r.criterion === criterion);
      return {
        criterion,
        saidMet: mine.filter((r) => r.saidMet).length,
        saidNotMet: mine.filter((r) => !r.saidMet).length,
        notes: mine.map((r) => r.note).filter((n) => n !== ''),
      };
    })
    .filter((d) => d.saidMet + d.saidNotMet > 0);
}

/** Criterion id -> met, from a stored analysis. */
export function metOf(analysis: { criteria: { id: string; met: boolean }[] }): Record<string, boolean> {
  return Object.fromEntries(analysis.criteria.map((c) => [c.id, c.met]));
}
