import { defineConfig } from "vitest/config";

// These tests start real collector processes: give them time, and run one file at a time
// because the machine has two cores.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
