/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person, or null. Filled by src/middleware.ts on every request. */
    user: import('./lib/server/session.ts').SessionUser | null;
    /** The current session's id, or null. */
    sessionId: string | null;
  }
}
