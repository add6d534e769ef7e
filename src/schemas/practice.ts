/**
 * A reply-practice prompt: `content/practice/<prompt-id>.yaml`. The learner writes their own reply to the
 * situation, the analyser (src/lib/practice/) gives feedback on each rubric criterion, then the model replies
 * are shown. Rules that need the analyser (known criteria, each model reply meeting its own rubric) live in
 * src/lib/content/practice-check.ts, which content:check and the build run.
 */
import { z } from 'zod';
import { kebabId } from './ids.ts';
import { skillSchema } from './skills.ts';

/** Who the learner is writing to; the analyser measures plain language and detail against this person. */
export const LISTENERS = ['external-customer', 'colleague', 'engineer', 'executive', 'manager', 'new-starter'] as const;
/** How the reply is sent; the analyser measures length against it. */
export const CHANNELS = ['chat', 'email', 'spoken'] as const;

export const LISTENER_LABELS: Record<(typeof LISTENERS)[number], string> = {
  'external-customer': 'External customer',
  colleague: 'Colleague in another team',
  engineer: 'Engineer',
  executive: 'Executive',
  manager: 'Manager',
  'new-starter': 'New starter',
};
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  chat: 'Chat message',
  email: 'Email',
  spoken: 'Spoken (phone or in person)',
};

const text = z.string().trim().min(1);

export const rubricItemSchema = z
  .object({
    /**
     * A criterion the analyser knows: acknowledge, ownership, no-non-apology, next-step, invite-view,
     * plain-language, considerate, length or tone (docs/reply-feedback.md says what each looks for).
     */
    criterion: kebabId,
    /** The course skill this criterion practises here: empathy, respect, feedback, tailoring or ownership. */
    skill: skillSchema,
    /** Optional: what meeting it means in this situation, in one sentence ("Say what the late part cost her day"). */
    hint: text.optional(),
  })
  .strict();

export const modelReplySchema = z
  .object({
    /** A short name learners see: "Warm and brief". */
    label: text,
    /** The reply itself, as the learner would send or say it. It must meet every criterion of the rubric. */
    reply: text,
    /** Why it works, and what the learner can borrow from it (1-3 sentences). */
    commentary: text,
  })
  .strict();

export const practicePromptSchema = z
  .object({
    /** A short heading: "The invoice that charged twice". */
    title: text,
    /** Id of the module this prompt belongs to. */
    module: kebabId,
    /** What happened so far, from the learner's point of view (2-4 sentences). */
    situation: text,
    /** Who the learner writes to: external-customer, colleague, engineer, executive, manager or new-starter. */
    listener: z.enum(LISTENERS),
    /** The listener's name and role as the learner sees them: "Mrs Adeyemi, owner of a bakery". */
    listenerName: text,
    /** How the reply is sent: chat, email or spoken. */
    channel: z.enum(CHANNELS),
    /** What the listener said or wrote to the learner, in their own voice (1-4 sentences). */
    message: text,
    /** What the learner is asked to write: "Reply to her email." */
    task: text,
    /** What a good reply does here: 3-6 criteria, each tied to a course skill. */
    rubric: z.array(rubricItemSchema).min(3).max(6),
    /** Two or more model replies, each meeting the whole rubric, shown after the learner's first reply. */
    models: z.array(modelReplySchema).min(2).max(4),
    /** Hidden from learners while true. */
    draft: z.boolean().default(false),
  })
  .strict();

export type PracticePrompt = z.infer<typeof practicePromptSchema>;
export type RubricItem = z.infer<typeof rubricItemSchema>;
export type Listener = (typeof LISTENERS)[number];
export type Channel = (typeof CHANNELS)[number];
