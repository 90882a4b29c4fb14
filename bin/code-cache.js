// Runs the bundled CLI (dist/bundle/cli.js, one CommonJS file) through `vm.Script` with a V8 code
// cache: the bytecode of every function a seed build ran, so a cold run skips parsing and compiling
// most of pdfmake, fontkit, pdf-lib and exceljs (README "Benchmark"). V8 takes a cache only from the
// same V8 and the same flags, and rejects any other silently (`cachedDataRejected`), so one cache is
// kept per Node binary, flag set and bundle, under a name hashed from them. A missing or rejected
// cache is never an error: the run goes on without it, and a build that succeeds writes a new one
// (temp file + rename: a reader sees a whole cache or none; concurrent runs are safe).
// PLANPRESS_CODE_CACHE=off runs without it, PLANPRESS_CODE_CACHE_DIR puts it elsewhere.
import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

/** The folder of the caches (one file per key). */
export function cacheDir(bundle) {
  return process.env.PLANPRESS_CODE_CACHE_DIR || path.join(path.dirname(bundle), "code-cache");
}

/**
 * The cache file for this bundle, Node binary and V8 flags. The bundle is told by its size and
 * time: V8 itself only checks a cache's source length. execArgv and NODE_OPTIONS may set V8 flags.
 */
export function cacheFile(bundle, flags) {
  const { size, mtimeMs } = statSync(bundle);
  const key = JSON.stringify([process.version, process.versions.v8, process.arch, process.execPath,
    flags, process.execArgv, process.env.NODE_OPTIONS ?? "", size, mtimeMs]);
  return path.join(cacheDir(bundle), `cli-${createHash("sha256").update(key).digest("hex").slice(0, 16)}.v8cache`);
}

function readCache(file) {
  try { return readFileSync(file); } catch { return undefined; }
}

/**
 * Compiles the bundle with the cache when there is one and returns its `main` (and all its
 * `exports`), and `after(code)`
 * to call once the command has finished: it writes a cache after a successful `build` when none
 * was taken (`build` runs every renderer, so its cache holds what any command needs), or after
 * `watch`'s first build (watch calls it then; once).
 * `log` gets one line on the cache's state (for --debug).
 */
export function loadBundle(bundle, flags, { command, log }) {
  const off = process.env.PLANPRESS_CODE_CACHE === "off";
  const file = off ? null : cacheFile(bundle, flags);
  const cachedData = file ? readCache(file) : undefined;
  // scripts/bundle.mjs makes it ASCII: read as latin1, it is a one-byte string at once
  const bytes = readFileSync(bundle);
  const source = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  // Node's own CommonJS wrapper, so the bundle sees the usual module variables.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: bundle, cachedData });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  const state = off ? "off" : !cachedData ? "absent" : used ? "used" : "rejected";
  log?.(`code cache ${state}${file ? ` (${file})` : ""}`);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  let written = false;
  const after = (code) => {
    if (!file || used || written || code !== 0 || (command !== "build" && command !== "watch")) return;
    written = true;
    try {
      writeCache(file, script.createCachedData(), statSync(bundle).mtimeMs);
      log?.(`code cache written (${file})`);
    } catch (e) {
      log?.(`code cache not written: ${e.message}`);
    }
  };
  return { main: module.exports.main, exports: module.exports, after };
}

/** Writes the cache whole (temp + rename); drops caches (and a killed run's temp files) older than the bundle. */
function writeCache(file, data, bundleTime) {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  for (const name of readdirSync(dir)) {
    const other = path.join(dir, name);
    if (/\.v8cache(\.\d+\.tmp)?$/.test(name) && other !== file && statSync(other, { throwIfNoEntry: false })?.mtimeMs < bundleTime) rmSync(other, { force: true });
  }
}
