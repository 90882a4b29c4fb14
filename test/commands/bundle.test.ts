// The CLI as `npm install` builds it: bundled with esbuild (dist/bundle/), the workbook written in a
// worker thread during `build`. The in-process tests run src/ and never take that path.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCHED_FOR, PATCHES } from "../../src/render/pdf/speed.js";

const tmp = mkdtempSync(path.join(os.tmpdir(), "planpress-bundle-"));
// The seed is below the size from which the workbook goes to a worker: these tests force it there.
const planpressWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ["bin/planpress.js", ...args], { encoding: "utf8", env: { ...process.env, PLANPRESS_WORKBOOK_WORKER_MIN: "0", ...env } });
const planpress = (...args: string[]) => planpressWith({}, ...args);

beforeAll(() => {
  // Bundle the current source (tsc's dist/src may be stale in a checkout; the bundle is what runs).
  execFileSync(process.execPath, ["scripts/bundle.mjs"], { stdio: "inherit" });
}, 120_000);

describe("the bundled CLI", () => {
  it("builds every document, and the workbook from the worker equals the one rendered alone", () => {
    const all = planpress("build", "data/plan.tsv", "-o", path.join(tmp, "all"), "--debug");
    expect(all.status, all.stderr).toBe(0);
    expect(all.stderr).not.toMatch(/\n\s+at /);
    // every speed patch installed in the bundle's own copy of pdfmake/pdfkit, and used (--debug counts)
    const debug = /debug: (.*); speed patches: (.*)/.exec(all.stderr);
    expect(debug?.[1]).toBe(Object.entries(PATCHED_FOR).map(([k, v]) => `${k} ${v}`).join(", "));
    const uses = new Map([...debug![2]!.matchAll(/(\w+)( \(off\))? (\d+)/g)].map((m) => [m[1], m[2] ? -1 : Number(m[3])]));
    expect([...uses.keys()]).toEqual([...PATCHES]);
    for (const [name, n] of uses) expect(n, name).toBeGreaterThan(0);
    expect(readdirSync(path.join(tmp, "all")).sort()).toEqual([".planpress-manifest.json", "booklet.pdf", "departments", "departments.pdf", "diagnostics.xlsx", "gantt.pdf", "plan.xlsx"]);
    expect(readdirSync(path.join(tmp, "all", "departments"))).toHaveLength(33);
    const alone = planpress("workbook", "data/plan.tsv", "-o", path.join(tmp, "alone"));
    expect(alone.status, alone.stderr).toBe(0);
    expect(Buffer.compare(readFileSync(path.join(tmp, "all", "plan.xlsx")), readFileSync(path.join(tmp, "alone", "plan.xlsx")))).toBe(0);
  }, 120_000);

  it("a workbook too big for the worker's heap is written on the main thread instead", () => {
    // 1 MB: the worker runs out of memory at once (the default allows 128 MB + 40 MB per 1,000 projects)
    const r = planpressWith({ PLANPRESS_WORKBOOK_HEAP_MB: "1" }, "build", "data/plan.tsv", "-o", path.join(tmp, "small-heap"));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/PP901|\n\s+at /);
    const alone = path.join(tmp, "alone", "plan.xlsx");
    if (!existsSync(alone)) expect(planpress("workbook", "data/plan.tsv", "-o", path.join(tmp, "alone")).status).toBe(0);
    expect(Buffer.compare(readFileSync(path.join(tmp, "small-heap", "plan.xlsx")), readFileSync(alone))).toBe(0);
  }, 120_000);

  it("a broken booklet template stops the build while the workbook worker runs: exit 1, no trace, nothing written", () => {
    const dir = path.join(tmp, "staff");
    cpSync("templates", path.join(dir, "templates"), { recursive: true });
    cpSync("data", path.join(dir, "data"), { recursive: true });
    const cover = path.join(dir, "templates", "booklet", "cover.hbs");
    writeFileSync(cover, readFileSync(cover, "utf8").replace("{{json title}}", "{{json titel}}"));
    const r = spawnSync(process.execPath, [path.resolve("bin/planpress.js"), "build", "-o", "out"], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/templates\/booklet\/cover\.hbs:\d+ {2}error {2}PP503 /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });
});
