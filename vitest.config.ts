import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file builds its own indexes in temporary directories; two workers fit two cores.
    maxWorkers: 2,
  },
});
