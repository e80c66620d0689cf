import {defineConfig} from "vitest/config";

// Unit and CLI tests. Browser tests live in e2e/ and run against the built site (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000
  }
});
