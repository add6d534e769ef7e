import { z } from 'zod';

/** Kebab-case ASCII ids used in file names and URLs: `who-are-your-customers`. */
export const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be kebab-case: lower-case letters and digits joined by single hyphens' });
