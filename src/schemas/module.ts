/** The metadata of a module: `content/modules/<module-id>/module.yaml`. */
import { z } from 'zod';
import { kebabId } from './ids.ts';

export const moduleSchema = z
  .object({
    /** Shown on the catalog card and as the module page's heading. */
    title: z.string().trim().min(3).max(80),
    /** One or two sentences for the catalog card. */
    summary: z.string().trim().min(10).max(300),
    /** What a learner can do after the module: 2-5 measurable statements ("Name...", "Rewrite..."). */
    objectives: z.array(z.string().trim().min(10)).min(1).max(6),
    /** Position in the catalog; unique across modules. */
    order: z.number().int().min(1),
    /** Who the module is for, in plain words: "Everyone who serves clients or colleagues". */
    audience: z.string().trim().min(3).max(120),
    /** Minutes for the whole module, including its quiz and role-play. */
    estimatedMinutes: z.number().int().min(1).max(600),
    /** Hidden from learners while true; trainers and admins see it with a "draft" badge. */
    draft: z.boolean().default(false),
    /** The end-of-module quiz and the score (percent) a learner needs to pass it. */
    quiz: z
      .object({
        /** Id of a quiz in `content/quizzes/` (its file name without `.yaml`). */
        id: kebabId,
        /** Percentage needed to pass, 1-100. */
        passMark: z.number().int().min(1).max(100),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ModuleData = z.infer<typeof moduleSchema>;
