#!/usr/bin/env node
// The CLI as `npm install` builds it (`prepare`): the bundle in dist/bundle/ starts fastest. After
// a plain `tsc` (newer than the bundle) or without a bundle, tsc's output in dist/src/ runs.
import { statSync } from "node:fs";
import v8 from "node:v8";

// V8 lets the heap grow to up to four times what a full collection kept; laying out 2,000 pages
// that made 1.1 GB of heap from 0.56 GB live. At most 80 % more: 5,000 projects peak 1.27–1.40 GB
// instead of 2.1 GB in the same time, the seed unchanged (README "Benchmark"). Read at each
// collection, so it can be set here rather than on node's command line.
v8.setFlagsFromString("--heap-growing-percent=80");

// A one-off command on a small plan is over in a few seconds: V8's optimising compiler (TurboFan)
// then spends more CPU compiling in the background than its code saves, and on 2 cores wall time
// follows CPU (seed build: 5.9 → 3.5 s of CPU). Large plans and `watch` (a warm process that
// rebuilds again and again) keep it. The plan's size is told by its file, before anything is read.
const SMALL_PLAN_BYTES = 256 * 1024;
function smallOneOffRun(args) {
  if (!args[0] || args[0] === "watch") return false;
  const plans = args.filter((a) => /\.(tsv|csv|txt|xlsx)$/i.test(a));
  const size = (f) => { try { return statSync(f).size; } catch { return 0; } };
  return Math.max(0, ...(plans.length ? plans : ["data/plan.tsv"]).map(size)) <= SMALL_PLAN_BYTES;
}
if (smallOneOffRun(process.argv.slice(2))) v8.setFlagsFromString("--max-opt=1");

const mtime = (rel) => { try { return statSync(new URL(rel, import.meta.url)).mtimeMs; } catch { return -1; } };
const bundled = mtime("../dist/bundle/cli.js") >= Math.max(0, mtime("../dist/.tsbuildinfo"));
const { main } = await import(bundled ? "../dist/bundle/cli.js" : "../dist/src/cli.js");
main(process.argv).then((code) => { process.exitCode = code; });
