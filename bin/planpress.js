#!/usr/bin/env node
// The compiled CLI (npm install runs `prepare`, which compiles src/ into dist/).
import { main } from "../dist/src/cli.js";
main(process.argv).then((code) => { process.exitCode = code; });
