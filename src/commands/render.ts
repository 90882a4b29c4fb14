// planpress build / booklet / gantt / departments / workbook: documents of the plan into -o dir.
// Renderers are loaded only when a command needs them (pdfmake and exceljs take time to load).
import { type ResourceLimits, Worker } from "node:worker_threads";
import { ReportedError } from "../errors.js";
import { holdFolder } from "../output/write.js";
import type { Plan } from "../model/schema.js";
import { renderJob, type WorkerJob, type WorkerKind, type WorkerResult, type WorkerShare } from "../render/worker.js";
import type { OutputFile, RenderContext } from "../context.js";
import { type GlobalOptions, planToRender, run, writeAll } from "./common.js";

export type DocumentKind = "booklet" | "gantt" | "departments" | "workbook";
export const ALL_DOCUMENTS: DocumentKind[] = ["booklet", "gantt", "departments", "workbook"];

const RENDERERS: Record<DocumentKind, () => Promise<(plan: Plan, ctx: RenderContext) => Promise<OutputFile[]>>> = {
  booklet: async () => (await import("../render/booklet.js")).renderBooklet,
  gantt: async () => (await import("../render/gantt.js")).renderGantt,
  departments: async () => (await import("../render/departments.js")).renderDepartments,
  workbook: async () => (await import("../render/workbook.js")).renderWorkbook,
};

/**
 * The documents `kinds` of `plan`. `worker`: false renders everything on this thread; a `Thread`
 * (watch's, kept warm) takes the worker's part; by default a thread is started for this run when
 * one pays (workerJob) and stopped after it.
 */
export async function renderDocuments(plan: Plan, ctx: RenderContext, kinds: readonly DocumentKind[], opts: { worker?: boolean | Thread } = {}): Promise<OutputFile[]> {
  // Started by bin/planpress.js only (tests run src/ in-process).
  const kept = typeof opts.worker === "object" ? opts.worker : null;
  const wanted = opts.worker !== false && workerStart() ? workerJob(plan, kinds) : null;
  // A kept thread takes department files only: a workbook's worker has its heap sized to one plan.
  const job = kept && wanted !== "department-files" ? null : wanted;
  const thread = job ? kept ?? startThread(job === "workbook" ? { maxOldGenerationSizeMb: workbookHeapMb(plan.projects.length) } : null) : null;
  const run = job ? thread?.run(job, plan, ctx) ?? null : null;
  const result = run?.result ?? Promise.resolve(null);
  try {
    // The main thread's documents first, then the worker's files, which it made meanwhile.
    const here: OutputFile[][] = [];
    for (const kind of kinds) {
      if (job && kind === WORKER_DOCUMENT[job]) here.push(job === "department-files" ? [await (await import("../render/departments.js")).renderCombined(plan, ctx)] : []);
      else here.push(await (await RENDERERS[kind]())(plan, ctx));
    }
    // The department files' layout, once the worker has drawn it: this thread cuts the files the
    // worker has not claimed yet, its own documents done (each file's bytes are its pages').
    const share = await run?.shared;
    const departments = share ? await import("../render/departments.js") : null;
    const mine = share ? await departments!.cutDepartmentFiles(plan, ctx, share.shared) : null;
    const worker = job ? await filesOf(result, ctx) : null;
    const there = !job ? [] : worker ? (departments ? departments.inDepartmentOrder(plan, ctx, [...worker, ...(mine ?? [])]) : worker) : await renderJob(job, plan, ctx);
    // each file keeps its producer: stale files are those of the documents this run makes
    return kinds.flatMap((kind, i) => [...here[i]!, ...(job && kind === WORKER_DOCUMENT[job] ? there : [])].map((f) => ({ ...f, producer: kind })));
  } finally {
    // A document that failed first must not leave this run's worker running or its outcome unhandled.
    if (thread !== kept) thread?.stop();
  }
}

/** The document a worker's files belong to. */
const WORKER_DOCUMENT: Record<WorkerKind, DocumentKind> = { "workbook": "workbook", "department-files": "departments" };

/**
 * How bin/planpress.js starts a worker thread running the same CLI (its entry and what it loads),
 * and the thread it started at once for a small plan's build (taken by the first startThread).
 */
interface WorkerStart { entry: URL; start: { bundle: string | null; flags: string[] }; prestarted?: Worker | undefined }
const workerStart = (): WorkerStart | undefined => (globalThis as Record<symbol, WorkerStart | undefined>)[Symbol.for("planpress.worker")];

/**
 * What a worker thread renders on the second core while the main thread renders the rest. Up to
 * 1,000 projects the department files: most of a build's work (seed 5.3 → 4.1 s, 1,000 projects
 * 55.7 → 44.4 s at 1.30 GB instead of 0.82 GB). A larger plan's workbook, with PDFs to render
 * too (5,000 projects: 104 → 55 s); its department files stay on the main thread, as two
 * documents of that size laid out at once would pass 1.5 GB. A small plan's workbook is not
 * worth a worker: its own start and exceljs load cost more than the workbook (README "Benchmark").
 */
function workerJob(plan: Plan, kinds: readonly DocumentKind[]): WorkerKind | null {
  if (plan.projects.length >= workerMinProjects()) return kinds.includes("workbook") && kinds.length > 1 ? "workbook" : null;
  return kinds.includes("departments") ? "department-files" : null;
}

/** A number from the environment when it is set and `ok`, else null. */
export function envNumber(env: string | undefined, ok: (n: number) => boolean): number | null {
  const given = Number(env);
  return env && Number.isFinite(given) && ok(given) ? given : null;
}

/**
 * From how many projects the workbook, not the department files, is written in a worker;
 * PLANPRESS_WORKBOOK_WORKER_MIN overrides it.
 */
export function workerMinProjects(env = process.env.PLANPRESS_WORKBOOK_WORKER_MIN): number {
  return envNumber(env, (n) => n >= 0) ?? 1001;
}

/**
 * The workbook worker's heap in MB. exceljs needs about 35 MB per 1,000 projects (5,000 projects
 * ran out of memory at 120 MB and finished at 180 MB); left alone, V8 let that worker's heap grow
 * to ~0.9 GB beside the PDFs' (5,000 projects: 1.70–1.77 GB in all, with the cap 1.24 GB). A plan
 * whose workbook needs more is written again on the main thread (`null` below).
 * PLANPRESS_WORKBOOK_HEAP_MB overrides it.
 */
export function workbookHeapMb(projects: number, env = process.env.PLANPRESS_WORKBOOK_HEAP_MB): number {
  return envNumber(env, (n) => n > 0) ?? Math.ceil(128 + projects * 0.04);
}

/**
 * A job sent to a worker thread: its result (null when the thread ran out of its heap), and the
 * department files' layout it shares once drawn (null when it shares none: another job, or it
 * failed first).
 */
export interface ThreadRun { result: Promise<WorkerResult | null>; shared: Promise<WorkerShare | null> }
/** A worker thread (bin/worker.js): `run` sends it a job. */
export interface Thread { run: (kind: WorkerKind, plan: Plan, ctx: RenderContext) => ThreadRun; stop: () => void }

/**
 * Starts a worker thread, or null when the CLI was not started by bin/planpress.js (nothing to
 * start the thread with). `limits`: its heap capped (`maxOldGenerationSizeMb`: the workbook's,
 * sized to the plan) or its young generation set (`maxYoungGenerationSizeMb`: watch's thread).
 */
export function startThread(limits: ResourceLimits | null = null): Thread | null {
  const how = workerStart();
  if (!how) return null;
  const early = how.prestarted;
  how.prestarted = undefined;
  // The early thread has V8's default heap: a thread with limits of its own is a new one.
  if (early && limits) void early.terminate();
  const options = limits ? { resourceLimits: limits } : {};
  const worker = early && !limits ? early : new Worker(how.entry, { workerData: { start: how.start }, ...options });
  worker.ref(); // the early thread was unreferenced until now
  type Waiting = { resolve: (r: WorkerResult | null) => void; reject: (e: Error) => void; share: (s: WorkerShare | null) => void };
  const waiting = new Map<number, Waiting>();
  // Once the thread has died, every job (waiting or to come) settles alike: rendered here after
  // running out of heap (null), else the thread's error.
  let died: Error & { code?: string } | null = null;
  const settle = (w: Waiting): void => {
    w.share(null);
    if (died!.code === "ERR_WORKER_OUT_OF_MEMORY") w.resolve(null);
    else w.reject(died!);
  };
  worker.on("message", (message: WorkerResult | WorkerShare) => {
    const w = waiting.get(message.id);
    if ("shared" in message) return w?.share(message);
    w?.share(null);
    w?.resolve(message);
    waiting.delete(message.id);
  });
  worker.once("error", (e: Error & { code?: string }) => {
    died = e;
    for (const w of waiting.values()) settle(w);
    waiting.clear();
  });
  let ids = 0;
  return {
    run: (kind, plan, ctx) => {
      const { diagnostics, ...rest } = ctx;
      const id = ++ids;
      let share: (s: WorkerShare | null) => void = () => undefined;
      const shared = new Promise<WorkerShare | null>((resolve) => { share = resolve; });
      const result = new Promise<WorkerResult | null>((resolve, reject) => {
        if (died) return settle({ resolve, reject, share });
        waiting.set(id, { resolve, reject, share });
        worker.postMessage({ id, kind, plan, ctx: rest } satisfies WorkerJob);
      });
      result.catch(() => undefined); // awaited where it is used; never an unhandled rejection
      return { result, shared };
    },
    stop: () => void worker.terminate(),
  };
}

/**
 * The files a worker made, or null (render them here). Its diagnostics join the run's when its
 * files are taken, after the main thread's documents: their order never depends on timing.
 */
async function filesOf(pending: Promise<WorkerResult | null>, ctx: RenderContext): Promise<OutputFile[] | null> {
  const result = await pending;
  if (!result) return null;
  ctx.diagnostics.items.push(...result.diagnostics);
  if (result.ok) return result.files.map((f) => ({ path: f.path, data: new Uint8Array(f.data) }));
  if (result.reported) throw new ReportedError();
  throw Object.assign(new Error(result.message), { stack: result.stack });
}

export function renderCommand(kinds: DocumentKind[]) {
  return (input: string | undefined, opts: GlobalOptions & { output?: string }): Promise<number> =>
    run(opts, async (s) => {
      const outDir = opts.output ?? "out";
      // the folder is held from the start: another build into it at once stops here (PP714)
      const release = await holdFolder(outDir, s.bag);
      try {
        const { plan, ctx } = await planToRender(s, input, { pdf: kinds.some((k) => k !== "workbook") });
        const files = await renderDocuments(plan, ctx, kinds);
        await writeAll(s, outDir, files);
      } finally {
        await release();
      }
    });
}
