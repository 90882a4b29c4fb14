// `npm run bench`: what a build costs for the seed and for synthetic plans of 1,000 and 5,000
// projects, in-process (each stage) and as whole processes started the way a user starts them,
// beside the Typst anchor (../shared/anchors/typst). Each size is measured in its own child
// process so one size's heap does not slow the next and a runaway size can be stopped.
//   node dist/bench/bench.js [--sizes seed,1000,5000] [--pairs 3]
//   node dist/bench/bench.js --inproc FILE [--runs N]     (one size, JSON on stdout)
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatePlan } from "./generate.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "bin/planpress.js");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// ---------------------------------------------------------------------------------------------
// In-process: one size, every stage, JSON on stdout.

/**
 * Tagging's cost is measured below this many projects: it renders booklet, gantt and department
 * files four times more, which at 1,000 projects took the in-process run past its time-out.
 */
const TAGGING_MAX_PROJECTS = 500;

interface InProcess {
  projects: number;
  departments: number;
  loadMs: number;
  bookletColdMs: number;
  bookletWarmMs: number | null;
  ganttMs: number;
  departmentsColdMs: number;
  departmentsWarmMs: number | null;
  departmentFiles: number;
  workbookMs: number;
  formsMs: number;
  forms: number;
  /** BudouX: the parses of a cold booklet + gantt + departments render, and their time. */
  phraseParses: number;
  phraseMs: number;
  /**
   * Booklet, gantt and department files, warm, tagged and untagged (config document.tagged); null
   * for a plan of TAGGING_MAX_PROJECTS or more (four more renders of everything would not fit its time).
   */
  tagging: { tagged: { ms: number; bytes: number }; untagged: { ms: number; bytes: number } } | null;
  maxRssMB: number;
}

/** Counts BudouX's parses and their time (the phrase breaking's whole cost: a cached text costs a lookup). */
async function countPhraseParses(): Promise<{ parses: number; ms: number }> {
  const { Parser } = await import("budoux");
  const stats = { parses: 0, ms: 0 };
  const parse = Parser.prototype.parse;
  Parser.prototype.parse = function (this: InstanceType<typeof Parser>, text: string) {
    const t = performance.now();
    try { return parse.call(this, text); } finally { stats.parses++; stats.ms += performance.now() - t; }
  };
  return stats;
}

async function inProcess(file: string, runs: number): Promise<InProcess> {
  const { defaultConfig } = await import("../src/config/schema.js");
  const { DiagnosticBag } = await import("../src/diagnostics/bag.js");
  const { loadPlan } = await import("../src/pipeline.js");
  const { loadTheme } = await import("../src/theme/load.js");
  const { renderBooklet } = await import("../src/render/booklet.js");
  const { benchDepartments } = await import("./departments.js");
  const { benchWorkbook } = await import("./workbook.js");
  const config = defaultConfig();
  const bag = new DiagnosticBag("ja");
  const phraseStats = await countPhraseParses();
  // read + normalise + validate: best of a few runs (the first pays module JIT).
  let loadMs = Infinity;
  let plan = await loadPlan(file, { config, bag: new DiagnosticBag("ja") });
  for (let i = 0; i < Math.max(3, runs); i++) {
    const t = performance.now();
    plan = await loadPlan(file, { config, bag: new DiagnosticBag("ja") });
    loadMs = Math.min(loadMs, performance.now() - t);
  }
  const ctx = {
    config, theme: loadTheme(path.join(root, "templates/theme.json"), bag), projectRoot: root,
    templatesDir: path.join(root, "templates"), documentDate: new Date(Date.UTC(plan.plan.period.start, 3, 1)),
    datePrinted: false, asOf: plan.plan.period.start, lang: "ja" as const, diagnostics: bag,
  };
  const timed = async (f: () => Promise<unknown>) => { const t = performance.now(); await f(); return performance.now() - t; };
  const bookletColdMs = await timed(() => renderBooklet(plan, ctx));
  let bookletWarmMs: number | null = null;
  for (let i = 1; i < runs; i++) bookletWarmMs = Math.min(bookletWarmMs ?? Infinity, await timed(() => renderBooklet(plan, ctx)));
  const d = await benchDepartments(plan, ctx, runs);
  // Every phrase these documents break was parsed once by now (the cache keeps it).
  const phrases = { parses: phraseStats.parses, ms: phraseStats.ms };
  const w = await benchWorkbook(plan, ctx, ctx.asOf);
  const { renderGantt } = await import("../src/render/gantt.js");
  const { renderDepartments } = await import("../src/render/departments.js");
  const pdfs = async (tagged: boolean) => {
    const c = { ...ctx, config: { ...config, document: { ...config.document, tagged } } };
    let best = Infinity, bytes = 0;
    for (let i = 0; i < Math.max(2, runs); i++) {
      const t = performance.now();
      const files = [...await renderBooklet(plan, c), ...await renderGantt(plan, c), ...await renderDepartments(plan, c)];
      best = Math.min(best, performance.now() - t);
      bytes = files.reduce((sum, f) => sum + f.data.length, 0);
    }
    return { ms: best, bytes };
  };
  const tagging = plan.projects.length < TAGGING_MAX_PROJECTS ? { untagged: await pdfs(false), tagged: await pdfs(true) } : null;
  return {
    projects: plan.projects.length, departments: plan.departments.length, loadMs,
    bookletColdMs, bookletWarmMs, ganttMs: d.ganttMs,
    departmentsColdMs: d.coldMs, departmentsWarmMs: Number.isFinite(d.warmMs) ? d.warmMs : null, departmentFiles: d.files,
    workbookMs: w.workbookMs, formsMs: w.formsMs, forms: w.forms,
    phraseParses: phrases.parses, phraseMs: phrases.ms, tagging,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

// ---------------------------------------------------------------------------------------------
// Whole processes.

interface Run { ms: number; cpuMs: number | null; rssMB: number | null; code: number | null; timedOut: boolean }

const haveTime = existsSync("/usr/bin/time");

/** One process, wall time, CPU time and peak memory (GNU time when present). */
function proc(cmd: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Run & { stdout: string; stderr: string } {
  const [file, argv] = haveTime ? ["/usr/bin/time", ["-f", "@@%M %U %S", cmd, ...args]] : [cmd, args];
  const t = performance.now();
  const r = spawnSync(file, argv, { cwd: root, env, timeout: timeoutMs, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, killSignal: "SIGKILL" });
  const ms = performance.now() - t;
  const m = /@@(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? "");
  return {
    ms, cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : null, rssMB: m ? Number(m[1]) / 1024 : null,
    code: r.status, timedOut: r.error !== undefined || r.signal !== null, stdout: r.stdout ?? "", stderr: r.stderr ?? "",
  };
}

function build(input: string, out: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Run {
  rmSync(out, { recursive: true, force: true });
  return proc(process.execPath, [cli, "build", input, "-o", out], timeoutMs, env);
}

/** Whether bin/planpress.js takes its V8 code cache for the seed; one build writes it when there is none. */
function codeCacheState(seed: string, out: string): string {
  const state = () => /debug: code cache (\w+)/.exec(proc(process.execPath, [cli, "check", seed, "--debug"], 30_000).stderr)?.[1] ?? "not found (no bundle?)";
  const first = state();
  if (first !== "absent" && first !== "rejected") return first;
  build(seed, out, 120_000);
  return `${state()} (${first} before a first build)`;
}

async function pdfPages(file: string): Promise<number> {
  const { PDFDocument } = await import("pdf-lib");
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  return doc.getPageCount();
}

interface OutputStat { file: string; pages: number | null; bytes: number; count: number }

/** Pages and bytes per output; the per-department files summed into one line. */
async function outputs(out: string): Promise<OutputStat[]> {
  const rows: OutputStat[] = [];
  for (const name of ["booklet.pdf", "gantt.pdf", "departments.pdf", "plan.xlsx"]) {
    const f = path.join(out, name);
    if (!existsSync(f)) continue;
    rows.push({ file: name, pages: name.endsWith(".pdf") ? await pdfPages(f) : null, bytes: statSync(f).size, count: 1 });
  }
  const dir = path.join(out, "departments");
  if (existsSync(dir)) {
    const files = readdirSync(dir).filter((f) => f.endsWith(".pdf"));
    let pages = 0, bytes = 0;
    for (const f of files) { pages += await pdfPages(path.join(dir, f)); bytes += statSync(path.join(dir, f)).size; }
    rows.push({ file: "departments/*.pdf", pages, bytes, count: files.length });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Watch mode: one warm process, a one-cell edit at a time.

interface WatchRun { firstMs: number; rebuildMs: number[]; rssAfter: number[]; ok: boolean }

/** The name cell of the plan's first project, with a mark added or taken away: a one-cell edit. */
function toggleOneCell(text: string): string {
  return text.replace(/^(1\t(?:[^\t]*\t){3})([^\t]*)/m, (_, head: string, name: string) => head + (name.endsWith("（改）") ? name.slice(0, -3) : `${name}（改）`));
}

/** Peak and current memory of a running process (Linux /proc), in MB. */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * `planpress watch` on a copy of `file`; `edits` one-cell edits, each timed from the save to the
 * rebuild's line on stderr (`between` runs after each rebuild: the Typst anchor, alternating).
 * The process's memory is read after every 10th rebuild.
 */
async function watchRun(file: string, work: string, only: string | null, edits: number, between?: () => void): Promise<WatchRun> {
  const plan = path.join(work, `watch-${path.basename(file)}`);
  copyFileSync(file, plan);
  const args = [cli, "watch", plan, "-o", path.join(work, "watch-out"), ...(only ? ["--only", only] : [])];
  const child = spawn(process.execPath, args, { cwd: root });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
  const lines = () => (stderr.match(/^\[\d\d:\d\d:\d\d\] .*$/gm) ?? []);
  const waitFor = (test: () => boolean, ms: number) => new Promise<boolean>((resolve) => {
    const t0 = Date.now();
    const tick = setInterval(() => { if (test() || Date.now() - t0 > ms) { clearInterval(tick); resolve(test()); } }, 5);
  });
  const t0 = performance.now();
  const result: WatchRun = { firstMs: NaN, rebuildMs: [], rssAfter: [], ok: false };
  if (!(await waitFor(() => /変更を待っています/.test(stderr), 300_000))) { child.kill("SIGKILL"); return result; }
  result.firstMs = performance.now() - t0;
  for (let i = 0; i < edits; i++) {
    const before = lines().length;
    const t = performance.now();
    writeFileSync(plan, toggleOneCell(readFileSync(plan, "utf8")));
    if (!(await waitFor(() => lines().length > before, 300_000))) break;
    // Wall time from the save (includes the debounce, DEBOUNCE_MS, and the watcher's notice).
    result.rebuildMs.push(performance.now() - t);
    if ((i + 1) % 10 === 0) result.rssAfter.push(rssOf(child.pid!));
    between?.();
  }
  result.ok = result.rebuildMs.length === edits;
  child.kill("SIGINT");
  await new Promise((resolve) => child.on("close", resolve));
  return result;
}

// ---------------------------------------------------------------------------------------------
// The table.

const fmtMs = (ms: number | null | undefined) => ms === null || ms === undefined ? "—" : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
const fmtMB = (mb: number | null) => mb === null ? "—" : `${Math.round(mb)} MB`;
const fmtBytes = (b: number) => b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.round(b / 1024)} kB`;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

interface Size { label: string; file: string; runs: number; inprocTimeoutMs: number; buildTimeoutMs: number }

async function main(): Promise<void> {
  const sizes = (arg("--sizes") ?? "seed,1000,5000").split(",");
  const pairs = Number(arg("--pairs") ?? 3);
  const work = mkdtempSync(path.join(tmpdir(), "planpress-bench-"));
  const plans: Size[] = sizes.map((s) => {
    if (s === "seed") return { label: "seed (56)", file: path.join(root, "data/plan.tsv"), runs: 3, inprocTimeoutMs: 120_000, buildTimeoutMs: 60_000 };
    const n = Number(s);
    const file = path.join(work, `synthetic-${n}.tsv`);
    // Departments grow with the plan but stay within what a city has (the seed: 34 for 56).
    writeFileSync(file, generatePlan({ projects: n, departments: Math.min(60, 20 + Math.round(n / 50)), seed: n, from: path.join(root, "data/plan.tsv") }));
    return { label: `synthetic ${n}`, file, runs: n >= 5000 ? 1 : n >= 1000 ? 1 : 2, inprocTimeoutMs: n >= 5000 ? 60_000 : 240_000, buildTimeoutMs: n >= 5000 ? 75_000 : 120_000 };
  });
  const lines: string[] = [`planpress bench — node ${process.version}, ${(await import("node:os")).cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`, ""];
  const print = (s: string) => { lines.push(s); process.stdout.write(`${s}\n`); };

  // 1. Stages in-process.
  const stageRows: string[][] = [];
  const costRows: string[][] = [];
  for (const s of plans) {
    const r = proc(process.execPath, [fileURLToPath(import.meta.url), "--inproc", s.file, "--runs", String(s.runs)], s.inprocTimeoutMs);
    if (r.timedOut || r.code !== 0) { stageRows.push([s.label, `did not finish in ${fmtMs(s.inprocTimeoutMs)}`, "", "", "", "", "", "", fmtMB(r.rssMB)]); continue; }
    const m = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as InProcess;
    const warm = (cold: number, w: number | null) => w === null ? `${fmtMs(cold)} (cold)` : `${fmtMs(w)} (cold ${fmtMs(cold)})`;
    stageRows.push([s.label, `${m.projects} / ${m.departments}`, fmtMs(m.loadMs), warm(m.bookletColdMs, m.bookletWarmMs), fmtMs(m.ganttMs),
      `${warm(m.departmentsColdMs, m.departmentsWarmMs)}, ${m.departmentFiles} files`, fmtMs(m.workbookMs), `${fmtMs(m.formsMs)} (${m.forms})`, fmtMB(m.maxRssMB)]);
    if (!m.tagging) {
      costRows.push([s.label, String(m.phraseParses), fmtMs(m.phraseMs), `not measured from ${TAGGING_MAX_PROJECTS} projects`, "", "", ""]);
      continue;
    }
    const { tagged, untagged } = m.tagging;
    costRows.push([s.label, String(m.phraseParses), fmtMs(m.phraseMs), fmtMs(tagged.ms), fmtMs(untagged.ms),
      `${((tagged.ms / untagged.ms - 1) * 100).toFixed(0)} %`, `${Math.round(tagged.bytes / 1024)} / ${Math.round(untagged.bytes / 1024)} KB (${((tagged.bytes / untagged.bytes - 1) * 100).toFixed(0)} %)`]);
  }
  print("## In-process (one warm process per size; warm = best repeat after the first)\n");
  print(table(["plan", "projects / depts", "read+normalise", "booklet", "gantt", "departments", "workbook", "forms", "peak RSS"], stageRows));
  if (costRows.length) {
    print("\n## What phrase breaking (BudouX) and PDF tagging cost, in-process\n");
    print("BudouX: its parses during the first booklet + gantt + departments render (each text once; repeats are cache lookups).");
    print("Tagging: booklet + gantt + department files, best warm render with config document.tagged true / false, and their bytes.\n");
    print(table(["plan", "BudouX parses", "BudouX time", "PDFs tagged", "PDFs untagged", "time cost", "bytes tagged / untagged"], costRows));
  }

  // 2. Whole `planpress build` processes, with the Typst anchor alternating for the seed.
  print("\n## Whole process: `node bin/planpress.js build <plan> -o <dir>`\n");
  const buildRows: string[][] = [];
  const outRows: string[][] = [];
  let anchor: string | null = null;
  const seed = plans.find((p) => p.label.startsWith("seed"));
  if (seed) {
    const setup = spawnSync("bash", [path.join(root, "../shared/anchors/typst/setup.sh"), seed.file], { encoding: "utf8", timeout: 300_000 });
    anchor = setup.status === 0 ? setup.stdout.trim().split("\n").pop() ?? null : null;
    if (!anchor) print(`Typst anchor could not be set up (${(setup.stderr || setup.error?.message || "no output").trim().slice(0, 200)}); no ratio.`);
  }
  // The installed path: the bundle with its code cache; the same build without the cache alternates.
  const noCache = { ...process.env, PLANPRESS_CODE_CACHE: "off" };
  if (seed) print(`V8 code cache (bin/code-cache.js): ${codeCacheState(seed.file, path.join(work, "out-cache"))}\n`);
  let ratio: { pp: Run[]; noCache: Run[]; typst: Run[] } | null = null;
  for (const s of plans) {
    const out = path.join(work, `out-${s.label.replace(/\W+/g, "-")}`);
    const runs: Run[] = [];
    const typst: Run[] = [];
    const uncached: Run[] = [];
    const n = s === seed ? pairs : 1;
    for (let i = 0; i < n; i++) {
      runs.push(build(s.file, out, s.buildTimeoutMs));
      if (s === seed && anchor) {
        const t = proc(process.execPath, [path.join(anchor, "typst-all.mjs"), path.join(work, "typst-out")], 60_000);
        if (t.code === 0) typst.push(t);
        uncached.push(build(s.file, `${out}-no-cache`, s.buildTimeoutMs, noCache));
      }
    }
    // only runs that finished count (one stopped at its time-out would say nothing)
    const finished = (rs: Run[]) => rs.filter((r) => r.code === 0);
    if (s === seed && typst.length && finished(runs).length && finished(uncached).length) {
      ratio = { pp: finished(runs), noCache: finished(uncached), typst };
    }
    const ok = finished(runs);
    const ms = ok.length ? median(ok.map((r) => r.ms)) : null;
    const projects = s === seed ? 56 : Number(s.label.replace(/\D/g, ""));
    const rss = Math.max(...runs.map((r) => r.rssMB ?? 0));
    const status = ok.length ? `${fmtMs(ms)}${n > 1 ? ` (median of ${n})` : ""}` : runs.some((r) => r.timedOut) ? `over ${fmtMs(s.buildTimeoutMs)} (stopped)` : `exit ${runs[0]?.code}`;
    buildRows.push([s.label, status, fmtMB(rss || null), ms === null ? "—" : `${(ms / projects).toFixed(1)} ms`]);
    if (ok.length) for (const o of await outputs(out)) outRows.push([s.label, o.count > 1 ? `${o.file} (${o.count})` : o.file, o.pages === null ? "—" : String(o.pages), fmtBytes(o.bytes)]);
  }
  print(table(["plan", "build time", "peak RSS", "time per project"], buildRows));
  print("\n## Outputs\n");
  print(table(["plan", "file", "pages", "bytes"], outRows));
  if (ratio) {
    const wall = (rs: Run[]) => median(rs.map((r) => r.ms));
    const cpu = (rs: Run[]) => rs.every((r) => r.cpuMs !== null) ? median(rs.map((r) => r.cpuMs!)) : null;
    const row = (label: string, rs: Run[]) => [label, fmtMs(wall(rs)), fmtMs(cpu(rs)), rs.map((r) => fmtMs(r.ms)).join(", ")];
    print(`\n## Beside Typst (seed, alternating: build, Typst, build without the code cache; ${ratio.typst.length} rounds)\n`);
    print(table(["", "wall (median)", "CPU (median)", "wall, each run"], [
      row("planpress build (booklet, gantt, departments.pdf + per department, plan.xlsx)", ratio.pp),
      row("the same with PLANPRESS_CODE_CACHE=off", ratio.noCache),
      row("Typst anchor (booklet + 34 department files, one cold process)", ratio.typst),
    ]));
    const ty = wall(ratio.typst), tyCpu = cpu(ratio.typst);
    const cpuRatio = (rs: Run[]) => { const c = cpu(rs); return c !== null && tyCpu ? `, CPU ${(c / tyCpu).toFixed(2)}` : ""; };
    print(`\nratio planpress / Typst = ${(wall(ratio.pp) / ty).toFixed(2)}${cpuRatio(ratio.pp)} (target ≤ 1.00); without the code cache ${(wall(ratio.noCache) / ty).toFixed(2)}${cpuRatio(ratio.noCache)}`);
  }
  // 3. One document per process (the seed), as a user starts `planpress booklet` etc.
  if (seed) {
    const rows = (["booklet", "gantt", "departments", "workbook"] as const).map((kind) => {
      const ms = [0, 1, 2].map(() => proc(process.execPath, [cli, kind, seed.file, "-o", path.join(work, `one-${kind}`)], 60_000).ms);
      return [`planpress ${kind}`, fmtMs(median(ms)), ms.map(fmtMs).join(", ")];
    });
    print(`\n## One document per whole process (${seed.label}, median of 3)\n`);
    print(table(["command", "median", "runs"], rows));
  }
  // 4. Watch mode: rebuilds after a one-cell edit, in one warm process, beside cold Typst runs.
  if (seed) {
    const typstRuns: number[] = [];
    const typst = anchor ? () => { const t = proc(process.execPath, [path.join(anchor!, "typst-all.mjs"), path.join(work, "typst-out")], 60_000); if (t.code === 0) typstRuns.push(t.ms); } : undefined;
    const all = await watchRun(seed.file, work, null, pairs * 2, typst);
    const booklet = await watchRun(seed.file, work, "booklet", 5);
    const rows = [
      [`${seed.label}, everything`, fmtMs(median(all.rebuildMs)), all.rebuildMs.map(fmtMs).join(", ")],
      [`${seed.label}, --only booklet`, fmtMs(median(booklet.rebuildMs)), booklet.rebuildMs.map(fmtMs).join(", ")],
    ];
    const big = plans.find((p) => p.label === "synthetic 1000");
    if (big) {
      const r = await watchRun(big.file, work, null, 3);
      rows.push([`${big.label}, everything`, r.ok ? fmtMs(median(r.rebuildMs)) : "did not finish", r.rebuildMs.map(fmtMs).join(", ")]);
    }
    print("\n## `planpress watch`: rebuild after a one-cell edit (from the save to the rebuild's line)\n");
    print(table(["plan", "median", "runs"], rows));
    if (typstRuns.length) print(`\nwatch rebuild / cold Typst run = ${(median(all.rebuildMs) / median(typstRuns)).toFixed(2)} (Typst ${typstRuns.map(fmtMs).join(", ")}; target ≤ 1.00)`);
    const long = await watchRun(seed.file, work, null, 50);
    print(`\nwatch memory (${seed.label}, 50 rebuilds): RSS after 10, 20, … 50 rebuilds: ${long.rssAfter.map((m) => fmtMB(m)).join(", ")}`);
  }
  // 5. Start-up: a command that loads no renderer.
  const check = [0, 1, 2].map(() => proc(process.execPath, [cli, "check", plans[0]?.file ?? "data/plan.tsv"], 30_000).ms);
  print(`\n\`planpress check\` (${plans[0]?.label}), whole process: ${fmtMs(median(check))} (median of 3)`);
  writeFileSync(path.join(work, "bench.md"), lines.join("\n") + "\n");
  print(`\n(table also in ${path.join(work, "bench.md")})`);
  rmSync(path.join(work, "typst-out"), { recursive: true, force: true });
}

if (process.argv.includes("--inproc")) {
  const file = arg("--inproc") ?? "data/plan.tsv";
  const r = await inProcess(file, Number(arg("--runs") ?? 2));
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else {
  await main();
}
