// A worker thread's start (src/render/worker.ts): the CLI as the main thread runs it, the bundle
// through the same V8 code cache (same bundle, same flags: bin/planpress.js passes them), else
// tsc's output.
import { workerData } from "node:worker_threads";
import { loadBundle } from "./code-cache.js";

const { bundle, flags } = workerData.start;
const { runWorker, warmUp } = bundle ? loadBundle(bundle, flags, {}).exports : await import("../dist/src/render/worker.js");
runWorker();
// Started before the plan was read (bin/planpress.js): the renderer loads while it is read.
if (workerData.warm) void warmUp();
