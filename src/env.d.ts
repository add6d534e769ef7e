/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person, or null. Filled by src/middleware.ts on every request. */
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    /** The current session's id, or null. */
    sessionId: string | null;
    /**
     * Set by a lesson page that rendered as a shell (src/lib/lesson-shell.ts): which lesson, and its
     * canonical path. The middleware then fills the learner's values in and keeps the shell.
     */
    shell: { moduleId: string; lessonId: string; path: string } | null;
  }
}
