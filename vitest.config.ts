import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file builds its own indexes in temporary directories; two workers fit two cores.
    maxWorkers: 2,
    // A PostgreSQL server for the store tests: TEST_DATABASE_URL, or a throwaway cluster.
    globalSetup: ["tests/support/postgres-global-setup.ts"],
  },
});
