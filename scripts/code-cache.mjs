// Makes the V8 code cache of the bundled CLI at install time (`prepare`, after scripts/bundle.mjs):
// one seed build through bin/planpress.js into a temporary folder, which writes the cache once the
// build has run (so it holds the functions a build compiles lazily, not only the eager ones; see
// bin/code-cache.js). It never fails the install: on any error it says so in one line and the CLI
// runs without a cache (and the next successful `planpress build` writes one).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "planpress-code-cache-"));
try {
  if (!existsSync(path.join(root, "dist/bundle/cli.js"))) throw new Error("no bundle (dist/bundle/cli.js)");
  const r = spawnSync(process.execPath, ["bin/planpress.js", "build", "data/plan.tsv", "-o", path.join(tmp, "out"), "--debug"],
    { cwd: root, encoding: "utf8", timeout: 300_000, killSignal: "SIGKILL" });
  const state = /debug: code cache (written|used|off)/.exec(r.stderr ?? "")?.[1];
  if (r.status !== 0 || !state) throw new Error(r.error?.message ?? `seed build exit ${r.status ?? r.signal}, ${r.stderr?.match(/debug: code cache [^\n]*/g)?.pop() ?? "no cache line"}`);
  console.log(`V8 code cache ${state === "written" ? "made" : state === "used" ? "already made" : "off (PLANPRESS_CODE_CACHE=off)"}`);
} catch (e) {
  console.log(`planpress: no V8 code cache made (${e.message}); the CLI runs without it.`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
