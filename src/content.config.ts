/**
 * Content collections, loaded from the top-level content/ folder (trainers' territory). The schemas
 * live in src/schemas/ with a doc comment per field; cross-file rules (unknown module, duplicate
 * order, broken links, missing quizzes or scenarios) are checked by src/lib/content/check.ts, which
 * `npm run content:check` and the build both run.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { moduleSchema } from './schemas/module.ts';
import { lessonSchema } from './schemas/lesson.ts';
import { quizSchema } from './schemas/quiz.ts';
import { scenarioSchema } from './schemas/scenario.ts';
import { pathSchema } from './schemas/path.ts';
import { practicePromptSchema } from './schemas/practice.ts';

const modules = defineCollection({
  // content/modules/<module-id>/module.yaml: the id is the folder name.
  loader: glob({ pattern: '*/module.yaml', base: './content/modules', generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: moduleSchema,
});

const lessons = defineCollection({
  // content/modules/<module-id>/<lesson-id>.mdx: the id is `<module-id>/<lesson-id>`.
  loader: glob({ pattern: '*/*.mdx', base: './content/modules', generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
  schema: lessonSchema,
});

const quizzes = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/quizzes', generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
  schema: quizSchema,
});

const scenarios = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/scenarios', generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
  schema: scenarioSchema,
});

const paths = defineCollection({
  // content/paths/<path-id>.yaml: learning paths that grant certificates (docs/decisions/014-certificates.md).
  loader: glob({ pattern: '*.yaml', base: './content/paths', generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
  schema: pathSchema,
});

const practice = defineCollection({
  // content/practice/<prompt-id>.yaml: reply-practice prompts (docs/authoring.md#reply-practice-prompts).
  loader: glob({ pattern: '*.yaml', base: './content/practice', generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
  schema: practicePromptSchema,
});

export const collections = { modules, lessons, quizzes, scenarios, paths, practice };
