/**
 * A practice prompt meets the analyser: the reply is analysed against the prompt's listener, channel and
 * rubric, and criteria are named on screen as the analyser names them. Kept apart from the analyser
 * (./analyse.ts) so the analyser knows nothing of content files.
 */
import { analyseReply, CRITERION_LABELS, type Analysis, type CriterionId, type ReplyContext } from './index.ts';
import type { PracticePrompt } from '../../schemas/practice.ts';

/** The analyser's context for a prompt. The rubric's criteria are checked to be known by content:check. */
export function contextOf(prompt: Pick<PracticePrompt, 'listener' | 'channel' | 'rubric'>): ReplyContext {
  return { listener: prompt.listener, channel: prompt.channel, criteria: prompt.rubric.map((r) => r.criterion as CriterionId) };
}

export function analysePracticeReply(prompt: Pick<PracticePrompt, 'listener' | 'channel' | 'rubric'>, text: string): Analysis {
  return analyseReply(text, contextOf(prompt));
}

/** Criterion id -> the name learners read ("Acknowledge the impact"). */
export function criterionLabels(): Record<string, string> {
  return Object.fromEntries(Object.entries(CRITERION_LABELS).map(([id, label]) => [id, label.name]));
}
