/**
 * Fails `astro build` on the same content errors `npm run content:check` reports, and prints them as
 * warnings while `astro dev` runs (so a half-written lesson does not stop the dev server). Lint warnings are
 * printed in both and never fail a build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../lib/content/check.ts';
import { loadContent } from '../lib/content/load-fs.ts';
import { formatProblem, isError } from '../lib/content/problem.ts';

export function contentGuard(): AstroIntegration {
  return {
    name: 'rapport:content-guard',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const problems = checkContent(loadContent(fileURLToPath(config.root)));
        const errors = problems.filter(isError);
        const warnings = problems.filter((p) => !isError(p));
        // Warnings (the assessment lint's softer rules) are shown but never stop a build; errors stop `astro build`.
        if (warnings.length) logger.warn(`Content has ${warnings.length} warning(s):\n${warnings.map(formatProblem).join('\n')}`);
        if (errors.length === 0) return;
        const text = errors.map(formatProblem).join('\n');
        if (command === 'build') throw new Error(`Content has ${errors.length} error(s):\n${text}`);
        logger.warn(`Content has ${errors.length} error(s):\n${text}`);
      },
    },
  };
}
