#!/usr/bin/env node
// The CLI as `npm install` builds it (`prepare`): the bundle in dist/bundle/ starts fastest. After
// a plain `tsc` (newer than the bundle) or without a bundle, tsc's output in dist/src/ runs.
import { statSync } from "node:fs";

const mtime = (rel) => { try { return statSync(new URL(rel, import.meta.url)).mtimeMs; } catch { return -1; } };
const bundled = mtime("../dist/bundle/cli.js") >= Math.max(0, mtime("../dist/.tsbuildinfo"));
const { main } = await import(bundled ? "../dist/bundle/cli.js" : "../dist/src/cli.js");
main(process.argv).then((code) => { process.exitCode = code; });
