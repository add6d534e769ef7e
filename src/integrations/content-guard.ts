/**
 * Fails `astro build` on the same content problems `npm run content:check` reports, and prints them
 * as warnings while `astro dev` runs (so a half-written lesson does not stop the dev server).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../lib/content/check.ts';
import { loadContent } from '../lib/content/load-fs.ts';
import { formatProblem, isWarning } from '../lib/content/problem.ts';

export function contentGuard(): AstroIntegration {
  return {
    name: 'rapport:content-guard',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const found = checkContent(loadContent(fileURLToPath(config.root)));
        // Warnings (content nothing points at) never stop a build.
        const warnings = found.filter(isWarning);
        if (warnings.length) logger.warn(`Content has ${warnings.length} warning(s):\n${warnings.map(formatProblem).join('\n')}`);
        const problems = found.filter((p) => !isWarning(p));
        if (problems.length === 0) return;
        const text = problems.map(formatProblem).join('\n');
        if (command === 'build') throw new Error(`Content has ${problems.length} problem(s):\n${text}`);
        logger.warn(`Content has ${problems.length} problem(s):\n${text}`);
      },
    },
  };
}
