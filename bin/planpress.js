#!/usr/bin/env node
// The CLI as `npm install` builds it (`prepare`): the bundle in dist/bundle/ with its V8 code cache
// starts fastest (bin/code-cache.js). After a plain `tsc` (newer than the bundle) or without a
// bundle, tsc's output in dist/src/ runs.
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { Worker } from "node:worker_threads";
import { loadBundle } from "./code-cache.js";

// A one-off command on a small plan is over in a few seconds: V8's optimising compiler (TurboFan)
// then spends more CPU compiling in the background than its code saves, and on 2 cores wall time
// follows CPU (seed build: 5.9 → 3.5 s of CPU). Large plans and `watch` (a warm process that
// rebuilds again and again) keep it. The plan's size is told by its file, before anything is read.
// watch sizes its thread's young generation by the same limit (src/commands/watch.ts).
const SMALL_PLAN_BYTES = 256 * 1024;
function smallPlan(args) {
  const plans = args.filter((a) => /\.(tsv|csv|txt|xlsx)$/i.test(a));
  const size = (f) => { try { return statSync(f).size; } catch { return 0; } };
  return Math.max(0, ...(plans.length ? plans : ["data/plan.tsv"]).map(size)) <= SMALL_PLAN_BYTES;
}

const args = process.argv.slice(2);
const small = !!args[0] && smallPlan(args);
const watching = args[0] === "watch";

// V8 lets the heap grow to up to four times what a full collection kept; laying out 2,000 pages
// that made 1.1 GB of heap from 0.56 GB live. At most 80 % more: 5,000 projects peak 1.27–1.40 GB
// instead of 2.1 GB in the same time (README "Benchmark"). Read at each collection, so it can be
// set here rather than on node's command line. Not for a small plan: capped growth collects more
// often — a one-cell rebuild of the seed in `watch` took 1.37–1.51 s with it, 1.23–1.36 s without
// (~200 MB more), a cold seed build 3.20–3.26 s with it, 3.11–3.17 s without (peak 368 → 377 MB).
const flags = small ? [] : ["--heap-growing-percent=80"];
// A code cache's payload is checked against its checksum before V8 reads it (both flags must be
// set when the cache is made and when it is used): a cache damaged on disk is then rejected
// instead of crashing V8's deserialiser.
flags.push("--verify-snapshot-checksum");

if (small && !watching) flags.push("--max-opt=1");
// Both cores already run a JavaScript thread (the main one, the department files' worker): a
// scavenge shared out to helper threads only waits for them. One thread per scavenge: cold seed
// build 3.06–3.19 → 2.87–3.02 s (8 alternating pairs, session 11), outputs byte-identical.
if (small && !watching) flags.push("--no-parallel-scavenge");
// The code cache is keyed by these flags: V8 rejects a cache made under others.
for (const flag of flags) v8.setFlagsFromString(flag);

const mtime = (rel) => { try { return statSync(new URL(rel, import.meta.url)).mtimeMs; } catch { return -1; } };
const bundled = mtime("../dist/bundle/cli.js") >= Math.max(0, mtime("../dist/.tsbuildinfo"));
const log = args.includes("--debug") ? (line) => process.stderr.write(`debug: ${line}\n`) : undefined;
const bundle = bundled ? fileURLToPath(new URL("../dist/bundle/cli.js", import.meta.url)) : null;
// How a worker thread starts the same CLI (src/commands/render.ts): without this, as in the
// in-process tests, every document is rendered on the main thread.
const how = { entry: new URL("./worker.js", import.meta.url), start: { bundle, flags } };
// A small plan's build renders its department files in a worker thread. Started now, the thread
// loads the CLI and pdfmake on the second core while this thread loads and reads the plan
// (0.3–0.4 s later otherwise, on the longest path of the build). Unused (a plan with errors), it
// does not keep the process alive.
if (small && !watching && ["build", "departments"].includes(args[0])) {
  const early = new Worker(how.entry, { workerData: { start: how.start, warm: true } });
  early.unref();
  // A thread that failed before it was taken is dropped (a new one is started when one is needed).
  const drop = () => { if (how.prestarted === early) how.prestarted = undefined; };
  early.once("error", drop).once("exit", drop);
  how.prestarted = early;
}
globalThis[Symbol.for("planpress.worker")] = how;
const { main, after } = bundle
  ? loadBundle(bundle, flags, { command: args[0], log })
  : { ...await import("../dist/src/cli.js"), after: () => undefined };
// watch never ends on its own: it makes the code cache of its flags once its first build has run.
globalThis[Symbol.for("planpress.built")] = () => after(0);
main(process.argv).then((code) => { process.exitCode = code; after(code); });
