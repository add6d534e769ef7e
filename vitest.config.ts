import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests fail on any unexpected console.error (see tests/helpers/console.ts).
    setupFiles: ['tests/helpers/console.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 15_000 } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/helpers/browser-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser and a few servers at a time suit a 2-core machine.
          maxWorkers: 2,
          // A page that signs in (argon2) on a busy 2-core machine takes longer than expect.poll's 1 s default.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
