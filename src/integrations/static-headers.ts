/**
 * Writes the security headers of src/lib/server/http/headers.ts into the build
 * (`dist/server/static-headers.json`), for the server entry (scripts/serve.ts) to give static files,
 * which the Node adapter serves without running the middleware. The entry imports nothing from src/:
 * at run time the built bundle is the one copy of every module.
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { securityHeaders } from '../lib/server/http/headers.ts';

export const STATIC_HEADERS_FILE = 'static-headers.json';

export function staticHeaders(): AstroIntegration {
  return {
    name: 'rapport:static-headers',
    hooks: {
      'astro:build:done': ({ dir }) => {
        // `dir` is the client folder; the server entry sits beside it.
        const file = fileURLToPath(new URL(`../server/${STATIC_HEADERS_FILE}`, dir));
        const headers = { http: securityHeaders(), https: securityHeaders({ https: true }) };
        writeFileSync(file, `${JSON.stringify(headers, null, 2)}\n`);
      },
    },
  };
}
