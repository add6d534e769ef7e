// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';
import { contentGuard } from './src/integrations/content-guard.ts';
import { staticHeaders } from './src/integrations/static-headers.ts';
import { buildStamp } from './src/integrations/build-stamp.ts';
import { MAX_BODY_LIMIT } from './src/lib/server/http/limits.ts';

export default defineConfig({
  output: 'server',
  // Pages render to a string before sending: they do their database work up front, so streaming
  // gained no first byte and interleaved fifty half-written responses under load (bench/RESULTS.md).
  // The body limit is a backstop: each route's own (smaller) limit is applied by the middleware.
  adapter: node({ mode: 'standalone', experimentalDisableStreaming: true, bodySizeLimit: MAX_BODY_LIMIT }),
  integrations: [contentGuard(), mdx(), staticHeaders(), buildStamp()],
  // Pages are rendered per request (they show each learner's own state); the few static ones opt in
  // with `export const prerender = true`.
  security: {
    // Cross-site posts are refused by our middleware against the public origin (PUBLIC_ORIGIN):
    // Astro's own check compares Origin with the URL the Node adapter builds from the socket, which
    // behind a TLS-terminating proxy is http:// and refused every post (decision 009).
    checkOrigin: false,
  },
  build: {
    // One cacheable stylesheet instead of CSS inlined into every page; also keeps CSP simple.
    inlineStylesheets: 'never',
  },
  server: { host: process.env.HOST || 'localhost', port: Number(process.env.PORT || 4321) },
  devToolbar: { enabled: false },
});
