import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // Integration tests start the real Pulumi engine, local servers and Chromium; give them room on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // In CI a JSON report as well, from which .ci/run prints its one-line summary.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
