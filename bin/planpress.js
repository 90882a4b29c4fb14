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

const mtime = (rel) => { try { return statSync(new URL(rel, import.meta.url)).mtimeMs; } catch { return -1; } };
const bundled = mtime("../dist/bundle/cli.js") >= Math.max(0, mtime("../dist/.tsbuildinfo"));
const { main } = await import(bundled ? "../dist/bundle/cli.js" : "../dist/src/cli.js");
main(process.argv).then((code) => { process.exitCode = code; });
