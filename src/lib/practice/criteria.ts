/**
 * The criteria a practice prompt's rubric may name, and the shapes the analyser returns. The ids are stable:
 * content (rubrics), stored feedback and disagreement reports refer to them, so add new ids, never rename.
 */
export const CRITERIA = [
  'acknowledge',
  'ownership',
  'no-non-apology',
  'next-step',
  'invite-view',
  'plain-language',
  'considerate',
  'length',
  'tone',
] as const;

export type CriterionId = (typeof CRITERIA)[number];

/** Who the learner is writing to, as named in the prompt. */
export type Listener = 'external-customer' | 'colleague' | 'engineer' | 'executive' | 'manager' | 'new-starter';
export const LISTENERS: readonly Listener[] = [
  'external-customer',
  'colleague',
  'engineer',
  'executive',
  'manager',
  'new-starter',
];

/** How the reply is delivered: it sets the length that suits it. */
export type Channel = 'chat' | 'email' | 'spoken';
export const CHANNELS: readonly Channel[] = ['chat', 'email', 'spoken'];

/** A stretch of the learner's reply: offsets are UTF-16 indices into the text given to analyseReply. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
}

export interface CriterionResult {
  id: CriterionId;
  met: boolean;
  /** The words that led to the result (highlighted for the learner); empty when the finding is an absence. */
  evidence: Evidence[];
  /** What the analyser saw, in plain words. It reports wording, never the writer's or reader's feelings. */
  saw: string;
  /** What to try next; present when the criterion is not met. */
  suggestion?: string;
}

export interface Analysis {
  /** One result per requested criterion, in the order requested. */
  criteria: CriterionResult[];
  words: number;
  sentences: number;
  /** Flesch-Kincaid grade of the whole reply. */
  readingGrade: number;
  /** VADER compound score, -1 (negative wording) to 1 (positive wording). */
  sentiment: number;
}

export interface ReplyContext {
  listener: Listener;
  channel: Channel;
  criteria: readonly CriterionId[];
}

export function isCriterionId(value: string): value is CriterionId {
  return (CRITERIA as readonly string[]).includes(value);
}

/** Names and one-line descriptions shown to learners beside their feedback and to authors in errors. */
export const CRITERION_LABELS: Record<CriterionId, { name: string; whatGoodLooksLike: string }> = {
  acknowledge: {
    name: 'Acknowledges the situation',
    whatGoodLooksLike: 'Names what happened and what it meant for the other person, not only "I understand".',
  },
  ownership: {
    name: 'Takes ownership',
    whatGoodLooksLike:
      'Says what you or your team did or will do; no blaming the listener, a policy or an unnamed "mistakes were made".',
  },
  'no-non-apology': {
    name: 'Apologises without hedging',
    whatGoodLooksLike: 'If you apologise, apologise for what happened: no "sorry if", "sorry you feel" or "sorry, but".',
  },
  'next-step': {
    name: 'Gives a concrete next step',
    whatGoodLooksLike: 'Says what happens next, who does it and by when ("I will call you by 3 pm today").',
  },
  'invite-view': {
    name: "Invites the other person's view",
    whatGoodLooksLike: 'Asks a genuine question or invites a reply, so the other person can correct or add to your plan.',
  },
  'plain-language': {
    name: 'Suits the listener',
    whatGoodLooksLike: 'Plain words and short sentences for a customer or newcomer; the specific detail an engineer needs.',
  },
  considerate: {
    name: 'Considerate wording',
    whatGoodLooksLike: 'No wording that singles people out by gender, ability, age or background.',
  },
  length: {
    name: 'Length suits the channel',
    whatGoodLooksLike: 'A few lines for chat, a short paragraph or two for email, under a minute when spoken.',
  },
  tone: {
    name: 'Respectful tone',
    whatGoodLooksLike: 'Calm, courteous wording: no sarcasm, shouting, "obviously" or "as I already said".',
  },
};
