// Runs deploy.run.ts only: how `npm start` uses the provider stand-in while it lives among the test helpers
// (it runs the Pulumi program under Pulumi's mocks, which needs vitest's module registry).
import * as path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: path.resolve(__dirname, "..", ".."),
  test: { include: ["scripts/stand-in/deploy.run.ts"], testTimeout: 300_000, pool: "forks", reporters: ["dot"] },
});
