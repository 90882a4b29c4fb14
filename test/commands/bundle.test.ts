// The CLI as `npm install` builds it: bundled with esbuild (dist/bundle/) and run with its V8 code
// cache, the department files (or a large plan's workbook) rendered in a worker thread. The
// in-process tests run src/ and never take that path.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCHED_FOR, PATCHES } from "../../src/render/pdf/speed.js";
import { readPdf } from "../helpers/pdf.js";

const tmp = mkdtempSync(path.join(os.tmpdir(), "planpress-bundle-"));
// The seed is below the size from which the workbook goes to a worker: these tests force it there.
// Their code caches are kept apart from dist/bundle/code-cache.
const cacheDir = path.join(tmp, "code-cache");
// Run asynchronously: a build blocking the test process for a minute on a loaded machine made
// vitest's own messages time out ("Timeout calling onTaskUpdate") and the run fail.
function run(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { ...opts, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stderr }));
  });
}
const planpressWith = (env: Record<string, string>, ...args: string[]) =>
  run(["bin/planpress.js", ...args], { env: { ...process.env, PLANPRESS_WORKBOOK_WORKER_MIN: "0", PLANPRESS_CODE_CACHE_DIR: cacheDir, ...env } });
const cacheState = (stderr: string) => /debug: code cache (\w+)/.exec(stderr)?.[1];
const planpress = (...args: string[]) => planpressWith({}, ...args);

beforeAll(() => {
  // Bundle the current source (tsc's dist/src may be stale in a checkout; the bundle is what runs).
  execFileSync(process.execPath, ["scripts/bundle.mjs"], { stdio: "inherit" });
}, 120_000);

describe("the bundled CLI", () => {
  it("builds every document, and the workbook from the worker equals the one rendered alone", async () => {
    const all = await planpress("build", "data/plan.tsv", "-o", path.join(tmp, "all"), "--debug");
    expect(all.status, all.stderr).toBe(0);
    expect(all.stderr).not.toMatch(/\n\s+at /);
    // no code cache yet: the build runs without one and writes it when it has finished
    expect(cacheState(all.stderr)).toBe("absent");
    expect(all.stderr).toMatch(/debug: code cache written /);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".v8cache"))).toHaveLength(1);
    // every speed patch installed in the bundle's own copy of pdfmake/pdfkit, and used (--debug counts)
    const debug = /debug: (.*); speed patches: (.*)/.exec(all.stderr);
    expect(debug?.[1]).toBe(Object.entries(PATCHED_FOR).map(([k, v]) => `${k} ${v}`).join(", "));
    const uses = new Map([...debug![2]!.matchAll(/(\w+)( \(off\))? (\d+)/g)].map((m) => [m[1], m[2] ? -1 : Number(m[3])]));
    expect([...uses.keys()]).toEqual([...PATCHES]);
    // subsetCache pays in a warm process (watch) only: a build's documents each have glyphs of their own
    for (const [name, n] of uses) if (name !== "subsetCache") expect(n, name).toBeGreaterThan(0);
    expect(readdirSync(path.join(tmp, "all")).sort()).toEqual([".planpress-manifest.json", "booklet.pdf", "departments", "departments.pdf", "diagnostics.xlsx", "gantt.pdf", "plan.xlsx"]);
    expect(readdirSync(path.join(tmp, "all", "departments"))).toHaveLength(33);
    const alone = await planpress("workbook", "data/plan.tsv", "-o", path.join(tmp, "alone"));
    expect(alone.status, alone.stderr).toBe(0);
    expect(Buffer.compare(readFileSync(path.join(tmp, "all", "plan.xlsx")), readFileSync(path.join(tmp, "alone", "plan.xlsx")))).toBe(0);
  }, 120_000);

  it("the department files made in the worker equal those made on the main thread", async () => {
    const all = path.join(tmp, "all");
    // the seed is small: its build renders the department files in a worker (the default settings)
    const worker = await run(["bin/planpress.js", "build", "data/plan.tsv", "-o", path.join(tmp, "files-worker")], { env: { ...process.env, PLANPRESS_CODE_CACHE_DIR: cacheDir } });
    expect(worker.status, worker.stderr).toBe(0);
    // the build above, its plan counted large (PLANPRESS_WORKBOOK_WORKER_MIN=0), rendered them on
    // the main thread and the workbook in the worker
    const names = readdirSync(path.join(all, "departments"));
    expect(names).toHaveLength(33);
    expect(readdirSync(path.join(tmp, "files-worker", "departments")).sort()).toEqual([...names].sort());
    for (const f of ["departments.pdf", ...names.map((n) => `departments/${n}`)]) {
      expect(Buffer.compare(readFileSync(path.join(tmp, "files-worker", f)), readFileSync(path.join(all, f))), f).toBe(0);
    }
  }, 120_000);

  it("a workbook too big for the worker's heap is written on the main thread instead", async () => {
    // 1 MB: the worker runs out of memory at once (the default allows 128 MB + 40 MB per 1,000 projects)
    const r = await planpressWith({ PLANPRESS_WORKBOOK_HEAP_MB: "1" }, "build", "data/plan.tsv", "-o", path.join(tmp, "small-heap"));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/PP901|\n\s+at /);
    const alone = path.join(tmp, "alone", "plan.xlsx");
    if (!existsSync(alone)) expect((await planpress("workbook", "data/plan.tsv", "-o", path.join(tmp, "alone"))).status).toBe(0);
    expect(Buffer.compare(readFileSync(path.join(tmp, "small-heap", "plan.xlsx")), readFileSync(alone))).toBe(0);
  }, 120_000);

  it("a small plan's build starts its worker thread at once; a plan with errors never uses it, and the run still ends (exit 1)", async () => {
    const plan = path.join(tmp, "broken-plan.tsv");
    writeFileSync(plan, "事業名\t担当課\n");
    const r = await planpress("build", plan, "-o", path.join(tmp, "broken-out"));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/error {2}PP\d{3} /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(tmp, "broken-out"))).toBe(false);
  }, 60_000);

  // The seed's build renders the department files in a worker: a broken template stops it
  // whichever thread meets it (the booklet's on the main thread, file.hbs in the worker).
  it.each([
    ["booklet/cover.hbs", "{{json title}}", "{{json titel}}"],
    ["department/file.hbs", "{{json department}}", "{{json departmnt}}"],
  ])("a broken %s stops the build: exit 1, its file and line, no trace, nothing written", async (template, from, to) => {
    const dir = path.join(tmp, `staff-${path.basename(template, ".hbs")}`);
    cpSync("templates", path.join(dir, "templates"), { recursive: true });
    cpSync("data", path.join(dir, "data"), { recursive: true });
    const file = path.join(dir, "templates", template);
    writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
    const r = await run([path.resolve("bin/planpress.js"), "build", "-o", "out"], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`templates/${template}:`);
    expect(r.stderr).toMatch(/\.hbs:\d+ {2}error {2}PP503 /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("the code cache is taken when it is valid; a damaged one is rejected and the run goes on alike (exit 0, same booklet)", async () => {
    const [name] = readdirSync(cacheDir).filter((f) => f.endsWith(".v8cache")); // written by the build above
    expect(name).toBeDefined();
    const valid = await planpress("check", "data/plan.tsv", "--debug");
    expect(valid.status, valid.stderr).toBe(0);
    expect(cacheState(valid.stderr)).toBe("used"); // V8's cachedDataRejected was false
    const cache = readFileSync(path.join(cacheDir, name!));
    const flipped = Buffer.from(cache);
    for (let i = flipped.length >> 1; i < (flipped.length >> 1) + 4096; i++) flipped[i]! ^= 0x5a; // the payload, not the header
    const damaged: Record<string, Buffer> = { flipped, truncated: cache.subarray(0, cache.length >> 1), garbage: Buffer.alloc(4096, 7) };
    const booklet = readFileSync(path.join(tmp, "all", "booklet.pdf"));
    for (const [kind, bytes] of Object.entries(damaged)) {
      const dir = path.join(tmp, `cache-${kind}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, name!), bytes);
      const args = kind === "flipped" ? ["booklet", "data/plan.tsv", "-o", path.join(tmp, `booklet-${kind}`)] : ["check", "data/plan.tsv"];
      const r = await planpressWith({ PLANPRESS_CODE_CACHE_DIR: dir }, ...args, "--debug");
      expect(r.status, `${kind}: ${r.stderr}`).toBe(0);
      expect(cacheState(r.stderr), kind).toBe("rejected");
      expect(r.stderr).not.toMatch(/\n\s+at |Fatal error/);
      if (kind === "flipped") expect(Buffer.compare(readFileSync(path.join(tmp, `booklet-${kind}`, "booklet.pdf")), booklet)).toBe(0);
      // only a build writes a cache: a rejected one is left as it is by other commands
      expect(Buffer.compare(readFileSync(path.join(dir, name!)), bytes), kind).toBe(0);
    }
    copyFileSync(path.join(cacheDir, name!), path.join(tmp, "cache-flipped", name!));
    expect(cacheState((await planpressWith({ PLANPRESS_CODE_CACHE_DIR: path.join(tmp, "cache-flipped") }, "check", "data/plan.tsv", "--debug")).stderr)).toBe("used");
  }, 120_000);
});

describe("the bundled watch: department files rendered in its warm worker thread", () => {
  it("a changed cell reaches the department files; a broken file template keeps them and names its line; a fix rebuilds; Ctrl-C exits 0", async () => {
    const dir = path.join(tmp, "watch");
    cpSync("templates", path.join(dir, "templates"), { recursive: true });
    cpSync("data/plan.tsv", path.join(dir, "plan.tsv"));
    const child = spawn(process.execPath, [path.resolve("bin/planpress.js"), "watch", "plan.tsv", "-o", "out", "--only", "departments", "--debug"],
      { cwd: dir, env: { ...process.env, PLANPRESS_CODE_CACHE_DIR: cacheDir } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const count = (re: RegExp) => (stderr.match(new RegExp(re.source, "g")) ?? []).length;
    const until = (re: RegExp, n = 1) => new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const tick = setInterval(() => {
        if (count(re) >= n) { clearInterval(tick); resolve(); }
        else if (Date.now() - started > 90_000) { clearInterval(tick); reject(new Error(`timed out waiting for ${re}:\n${stderr}`)); }
      }, 50);
    });
    const done = /\] departments: \d+ ms、/;
    const file = () => readFileSync(path.join(dir, "out", "departments", "情報政策課.pdf"));
    const shows = async (name: string) => (await readPdf(file())).text.replace(/\s/g, "").includes(name);
    try {
      await until(/変更を待っています/);
      // watch's flags are not a one-off build's: it makes their code cache after its first build
      expect(stderr).toMatch(/debug: code cache absent[^\n]*\n[\s\S]*debug: code cache written/);
      expect(await shows("来庁予約システムの導入と試行運用")).toBe(false);
      const plan = path.join(dir, "plan.tsv");
      writeFileSync(`${plan}.new`, readFileSync(plan, "utf8").replace("来庁予約システムの導入の検討", "来庁予約システムの導入と試行運用"));
      const built = count(done); // the first build's line
      renameSync(`${plan}.new`, plan);
      await until(done, built + 1);
      expect(await shows("来庁予約システムの導入と試行運用")).toBe(true);
      // file.hbs is used by the department files only: the worker's diagnostics reach the user
      const template = path.join(dir, "templates", "department", "file.hbs");
      const good = readFileSync(template, "utf8");
      const before = file();
      writeFileSync(template, good.replace("{{json department}}", "{{json departmnt}}"));
      await until(/作れませんでした/);
      expect(stderr).toMatch(/file\.hbs:\d+ {2}error {2}PP503 /);
      expect(file().equals(before)).toBe(true);
      writeFileSync(template, good);
      await until(done, built + 2);
    } finally {
      child.kill("SIGINT");
    }
    // the worker thread does not keep the process alive, and no temporary file is left
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(path.join(dir, "out"), { recursive: true }).map(String).filter((f) => /\.(tmp|old)$/.test(f))).toEqual([]);
  }, 180_000);
});
