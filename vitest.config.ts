import { defineConfig } from "vitest/config";

// The JSON report at a fixed path is what .ci/run counts, so a run that executed no test
// cannot pass unnoticed.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/seed-model.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two test files at a time on CI's 2 cores (vitest's default leaves one core idle): most files
    // wait on their own child processes or on I/O part of the time.
    // One module graph per fork, not per test file: importing pdfmake, exceljs, pdfjs and src/
    // again for each of ~70 files had been a fifth of the run. The code under test keeps
    // no state a file could leak to the next that a warm `planpress watch` would not also keep.
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
  },
});
