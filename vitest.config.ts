import { defineConfig } from "vitest/config";

// The JSON report at a fixed path is what .ci/run counts, so a run that executed no test
// cannot pass unnoticed.
//
// isolate: false lets the test files of a worker share what they load — pdfmake, pdfkit's parsed
// fonts, pdfjs-dist, exceljs, the sources — instead of loading it again for every file (16 render
// test files: 93 s of CPU isolated, 35 s shared). So a file must put back what it changes (spies,
// fake timers, process.env, patched prototypes, speed patches), as they all do. Two workers for the
// CI's two cores: vitest's default there is one.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/seed-model.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    minWorkers: 1,
    poolOptions: { forks: { isolate: false } },
  },
});
