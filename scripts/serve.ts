// The production server. This process is a small supervisor (scripts/supervisor.ts) that owns the listening
// socket and runs the built app in one worker process (scripts/serve-app.ts); publishing from the studio
// starts a worker on a new build beside the old one and retires the old one only once the new one listens,
// so the site is never down (docs/decisions/022-authoring-studio.md, "Publishing"). Run by `npm start` after
// setup; tests and benchmarks start it directly. Expects a built site and a migrated database; HOST and
// PORT as for Astro.
import cluster from 'node:cluster';

if (cluster.isPrimary) {
  const { supervise } = await import('./supervisor.ts');
  supervise(new URL('./serve.ts', import.meta.url));
} else {
  await import('./serve-app.ts');
}
