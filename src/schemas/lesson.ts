/** The frontmatter of a lesson: `content/modules/<module-id>/<lesson-id>.mdx`. */
import { z } from 'zod';
import { SKILLS } from './skills.ts';

export const lessonSchema = z
  .object({
    /** The lesson's heading; the page prints it, so the body starts with `##` headings. */
    title: z.string().trim().min(3).max(100),
    /** One sentence shown in the module's lesson list. */
    summary: z.string().trim().min(10).max(300),
    /** What the learner can do after this lesson: 1-4 measurable statements. */
    objectives: z.array(z.string().trim().min(10)).min(1).max(5),
    /** Honest reading time in minutes (about 200 words a minute); aim for 5-8. */
    estimatedMinutes: z.number().int().min(1).max(60),
    /** Position within the module; unique within the module. */
    order: z.number().int().min(1),
    /** Skills this lesson practises. */
    skills: z.array(z.enum(SKILLS)).default([]),
    /** Hidden from learners while true; trainers and admins see it with a "draft" badge. */
    draft: z.boolean().default(false),
  })
  .strict();

export type LessonData = z.infer<typeof lessonSchema>;
