/**
 * How well the detectors agree with the labelled replies (tests/fixtures/replies, labelled by
 * docs/reply-feedback.md). Each criterion is scored on the outcome its detector looks for, its "finding":
 * an acknowledgement, a next step or an invitation is found when present; blame, a non-apology, jargon,
 * inconsiderate wording, a bad length or a harsh tone is found when present. Precision is the share of findings
 * the labels agree with, recall the share of labelled cases found.
 */
import { analyseReply } from './analyse.ts';
import { CRITERIA, type Channel, type CriterionId, type Listener } from './criteria.ts';

export interface LabelledReply {
  id: string;
  /** The situation file it came from, for messages. */
  file: string;
  text: string;
  listener: Listener;
  channel: Channel;
  /** Criteria the labels say the reply fails; every other criterion is labelled met. */
  fails: readonly CriterionId[];
}

/** True when the detector's finding is "the criterion is met" rather than "a problem is present". */
export const FINDS_MET: Record<CriterionId, boolean> = {
  acknowledge: true,
  ownership: false,
  'no-non-apology': false,
  'next-step': true,
  'invite-view': true,
  'plain-language': false,
  considerate: false,
  length: false,
  tone: false,
};

/** What each finding is called in tables. */
export const FINDING: Record<CriterionId, string> = {
  acknowledge: 'acknowledgement',
  ownership: 'blame or deflection',
  'no-non-apology': 'non-apology',
  'next-step': 'next step with a time',
  'invite-view': 'invitation',
  'plain-language': 'unsuited wording',
  considerate: 'inconsiderate wording',
  length: 'length off',
  tone: 'harsh tone',
};

/**
 * The lowest precision and recall each detector may reach on the whole labelled set before the accuracy test
 * fails (docs/reply-feedback.md, "How well it works"). The first four are the floors; the others are set
 * below what was measured, with room for a few more labelled replies to disagree.
 */
export const FLOORS: Record<CriterionId, { precision: number; recall: number }> = {
  acknowledge: { precision: 0.85, recall: 0.75 },
  ownership: { precision: 0.85, recall: 0.75 },
  'no-non-apology': { precision: 0.85, recall: 0.75 },
  'next-step': { precision: 0.85, recall: 0.75 },
  'invite-view': { precision: 0.85, recall: 0.85 },
  'plain-language': { precision: 0.8, recall: 0.8 },
  considerate: { precision: 0.75, recall: 0.75 },
  length: { precision: 0.95, recall: 0.95 },
  tone: { precision: 0.85, recall: 0.65 },
};

export interface Score {
  criterion: CriterionId;
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  trueNegative: number;
  precision: number;
  recall: number;
  /** Replies where detector and label disagree, for tuning and for the test's failure message. */
  disagreements: { id: string; labelled: boolean; detected: boolean }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function scoreReplies(replies: readonly LabelledReply[]): Score[] {
  const scores = CRITERIA.map((criterion): Score => ({
    criterion,
    truePositive: 0,
    falsePositive: 0,
    falseNegative: 0,
    trueNegative: 0,
    precision: 1,
    recall: 1,
    disagreements: [],
  }));
  for (const reply of replies) {
    const analysis = analyseReply(reply.text, { listener: reply.listener, channel: reply.channel, criteria: CRITERIA });
    analysis.criteria.forEach((result, i) => {
      const score = scores[i]!;
      const finding = (met: boolean) => met === FINDS_MET[result.id];
      const labelled = finding(!reply.fails.includes(result.id));
      const detected = finding(result.met);
      if (labelled && detected) score.truePositive++;
      else if (detected) score.falsePositive++;
      else if (labelled) score.falseNegative++;
      else score.trueNegative++;
      if (labelled !== detected) score.disagreements.push({ id: reply.id, labelled, detected });
    });
  }
  for (const s of scores) {
    s.precision = ratio(s.truePositive, s.truePositive + s.falsePositive);
    s.recall = ratio(s.truePositive, s.truePositive + s.falseNegative);
  }
  return scores;
}
