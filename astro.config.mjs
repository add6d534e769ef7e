// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';
import { contentGuard } from './src/integrations/content-guard.ts';

export default defineConfig({
  output: 'server',
  // Pages render to a string before sending: they do their database work up front, so streaming
  // gained no first byte and interleaved fifty half-written responses under load (bench/RESULTS.md).
  adapter: node({ mode: 'standalone', experimentalDisableStreaming: true }),
  integrations: [contentGuard(), mdx()],
  // Pages are rendered per request (they show each learner's own state); the few static ones opt in
  // with `export const prerender = true`.
  security: {
    // Refuse cross-site form posts (CSRF); middleware adds a Sec-Fetch-Site check on top.
    checkOrigin: true,
  },
  build: {
    // One cacheable stylesheet instead of CSS inlined into every page; also keeps CSP simple.
    inlineStylesheets: 'never',
  },
  server: { host: process.env.HOST ?? 'localhost', port: Number(process.env.PORT ?? 4321) },
  devToolbar: { enabled: false },
});
