import {defineConfig} from "vitest/config";

// Browser tests: Debian's Chromium driven by playwright-core against the built site in dist/.
// They share one browser and one server, so files run one after another.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
});
