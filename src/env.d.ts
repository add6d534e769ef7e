/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /**
     * The signed-in person, or null. Filled by src/middleware.ts on every request; null while a
     * lesson renders as a shell (see `shell`).
     */
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    /** The current session's id, or null. */
    sessionId: string | null;
    /**
     * Set by the middleware while a lesson page renders as a shell shared by everyone of a role
     * (src/lib/lesson-shell.ts): the role it renders for (and no person), and the lesson as the
     * route's loader found it for that role.
     */
    shell: {
      viewer: import('./data/routes.ts').Viewer;
      found: import('./data/routes.ts').FoundLesson;
    } | null;
  }
}
