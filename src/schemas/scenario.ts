/** A branching role-play: `content/scenarios/<scenario-id>.yaml`. Graph rules live in `src/lib/scenario/validate.ts`. */
import { z } from 'zod';
import { kebabId } from './ids.ts';
import { SKILLS } from './skills.ts';

export const MOODS = ['pleased', 'calm', 'neutral', 'unsure', 'concerned', 'frustrated', 'angry'] as const;
export const OUTCOMES = ['strong', 'mixed', 'poor'] as const;

const text = z.string().trim().min(1);

export const choiceSchema = z
  .object({
    /** Unique within the node, kebab-case: `ask-what-blocks`. */
    id: kebabId,
    /** What you (the learner) say. */
    text,
    /** How the other person responds or what happens next (1-2 sentences). */
    reaction: text,
    /** Coaching on this choice: why it helps or hurts (1-2 sentences). */
    feedback: text,
    /** Points per declared skill, whole numbers from -2 to 3; leave out skills this choice does not affect. */
    scores: z.partialRecord(z.enum(SKILLS), z.number().int().min(-2).max(3)).default({}),
    /** Id of the node or ending this choice leads to. */
    next: text,
  })
  .strict();

export const nodeSchema = z
  .object({
    /** Unique across the scenario's nodes and endings, kebab-case: `walk-the-line`. */
    id: kebabId,
    /** Who speaks: the other person's name. */
    speaker: text,
    /** Optional: how the speaker feels: pleased, calm, neutral, unsure, concerned, frustrated or angry. */
    mood: z.enum(MOODS).optional(),
    /** What they say to you: first person, realistic, 1-3 sentences. */
    text,
    /**
     * 2-4 things you could say. Learners see them in an order shuffled per run, so authored order gives nothing
     * away; make the weaker ones as long and as careful as the best (the lint checks length).
     */
    choices: z.array(choiceSchema),
    /**
     * Optional: id of a prompt in content/practice/ offered before the choices as "write your own reply first",
     * so the learner produces their own words before recognising the best ones.
     */
    practice: kebabId.optional(),
  })
  .strict();

export const requiresSchema = z
  .object({
    /** The path's total score over all skills, as a percent of the best path's total (1-100): `minPercent: 80`. */
    minPercent: z.number().int().min(1).max(100).optional(),
    /** No choice on the path may score below this on any skill: `noScoreBelow: -1` keeps out every path with a -2. */
    noScoreBelow: z.number().int().min(-1).max(3).optional(),
  })
  .strict();

export const endingSchema = z
  .object({
    /** Unique across the scenario's nodes and endings, kebab-case: `solved-together`. */
    id: kebabId,
    /** How well it went: strong, mixed or poor. */
    outcome: z.enum(OUTCOMES),
    /** A short heading for the ending: "Parts moving again". */
    title: text,
    /**
     * Two to four sentences: what happened and why, and the lesson to take away. Claim only what every path that
     * reaches this ending did (`npm run scenario:graph -- <id> --paths` lists them).
     */
    debrief: text,
    /**
     * Optional: what the whole path must have earned for the run to end here. A run whose choice leads here but
     * falls short ends at `otherwise` instead, so an ending depends on the whole conversation, not the last line.
     */
    requires: requiresSchema.optional(),
    /** Id of the ending a run reaches instead when it falls short of `requires` (required with `requires`). */
    otherwise: kebabId.optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    /** The scenario's heading. */
    title: text,
    /** Id of the module this role-play belongs to (its folder name under `content/modules/`). */
    module: kebabId,
    /** One sentence for the module page. */
    summary: text,
    /** Who is who, and what is going on before the first line. */
    setting: z
      .object({
        /** Who the learner plays: "You are Sam, a design engineer who...". */
        you: text,
        /** Who the other person is. */
        them: text,
        /** Whether the other person is an `internal` or an `external` customer. */
        customer: z.enum(['internal', 'external']),
        /** Two or three sentences setting the scene. */
        context: text,
      })
      .strict(),
    /** The skills this scenario scores: 1-4 of empathy, respect, feedback, tailoring, ownership. */
    skills: z
      .array(z.enum(SKILLS))
      .min(1)
      .max(4)
      .refine((list) => new Set(list).size === list.length, { message: 'lists a skill more than once' }),
    /** Id of the first node. */
    start: text,
    /** The conversation's steps: what the other person says and the choices you have. */
    nodes: z.array(nodeSchema).min(1),
    /** Where the conversation can end; at least three, with at least one `strong`. */
    endings: z.array(endingSchema),
  })
  .strict();

export type Mood = (typeof MOODS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Choice = z.infer<typeof choiceSchema>;
export type ScenarioNode = z.infer<typeof nodeSchema>;
export type Ending = z.infer<typeof endingSchema>;
export type EndingRequires = z.infer<typeof requiresSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
/** The scenario as authored, before defaults (e.g. a choice without `scores`). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
