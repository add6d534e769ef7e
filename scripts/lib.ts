// Shared bits of the command-line scripts.
import { ConfigError } from '../src/lib/server/config.ts';

/** Runs `main`; a configuration error prints its message (naming the variable) and exits 1. */
export async function exitOnConfigError(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
