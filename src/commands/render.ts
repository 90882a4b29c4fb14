// planpress build / booklet / gantt / departments / workbook: documents of the plan into -o dir.
// Renderers are loaded only when a command needs them (pdfmake and exceljs take time to load).
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { ReportedError } from "../errors.js";
import type { Plan } from "../model/schema.js";
import type { WorkerJob, WorkerResult } from "../render/worker.js";
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

export async function renderDocuments(plan: Plan, ctx: RenderContext, kinds: readonly DocumentKind[], opts: { worker?: boolean } = {}): Promise<OutputFile[]> {
  // With PDFs to render too, a large plan's workbook is written in a worker thread at the same
  // time (104 s → 55 s for 5,000 projects on 2 cores). A small plan's is not: the worker's own
  // Node start and exceljs load cost more CPU than the workbook (README "Benchmark"). Compiled
  // code only (tests run src/ in-process).
  const parallel = opts.worker !== false && kinds.includes("workbook") && kinds.length > 1
    && plan.projects.length >= workerMinProjects() && import.meta.url.endsWith(".js");
  const worker = parallel ? startWorkbookWorker(plan, ctx) : null;
  try {
    const files: OutputFile[] = [];
    for (const kind of kinds) {
      const fromWorker = kind === "workbook" && worker ? await worker.files : null;
      // each file keeps its producer: stale files are those of the documents this run makes
      files.push(...(fromWorker ?? await (await RENDERERS[kind]())(plan, ctx)).map((f) => ({ ...f, producer: kind })));
    }
    return files;
  } finally {
    // A PDF that failed first must not leave the worker running or its outcome unhandled.
    worker?.stop();
  }
}

/** A number from the environment when it is set and `ok`, else null. */
function envNumber(env: string | undefined, ok: (n: number) => boolean): number | null {
  const given = Number(env);
  return env && Number.isFinite(given) && ok(given) ? given : null;
}

/** From how many projects the workbook is written in a worker; PLANPRESS_WORKBOOK_WORKER_MIN overrides it. */
export function workerMinProjects(env = process.env.PLANPRESS_WORKBOOK_WORKER_MIN): number {
  return envNumber(env, (n) => n >= 0) ?? 500;
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

/** The worker's file: beside tsc's output (dist/src/render/) or the bundle's (dist/bundle/). */
function workerFile(): URL {
  const candidates = ["../render/worker.js", "./worker.js", "../worker.js"].map((rel) => new URL(rel, import.meta.url));
  return candidates.find((u) => existsSync(u)) ?? candidates[0]!;
}

/** `files` is null when the worker ran out of its heap: the workbook is then rendered here. */
function startWorkbookWorker(plan: Plan, ctx: RenderContext): { files: Promise<OutputFile[] | null>; stop: () => void } {
  const { diagnostics, ...rest } = ctx;
  const job: WorkerJob = { kind: "workbook", plan, ctx: rest };
  const resourceLimits = { maxOldGenerationSizeMb: workbookHeapMb(plan.projects.length) };
  const worker = new Worker(workerFile(), { workerData: job, resourceLimits });
  const files = new Promise<OutputFile[] | null>((resolve, reject) => {
    worker.once("message", (result: WorkerResult) => {
      diagnostics.items.push(...result.diagnostics);
      if (result.ok) resolve(result.files.map((f) => ({ path: f.path, data: new Uint8Array(f.data) })));
      else if (result.reported) reject(new ReportedError());
      else reject(Object.assign(new Error(result.message), { stack: result.stack }));
    });
    worker.once("error", (e: Error & { code?: string }) => {
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") resolve(null);
      else reject(e);
    });
  });
  files.catch(() => undefined); // awaited where it is used; never an unhandled rejection
  return { files, stop: () => void worker.terminate() };
}
export function renderCommand(kinds: DocumentKind[]) {
  return (input: string | undefined, opts: GlobalOptions & { output?: string }): Promise<number> =>
    run(opts, async (s) => {
      const { plan, ctx } = await planToRender(s, input, { pdf: kinds.some((k) => k !== "workbook") });
      const files = await renderDocuments(plan, ctx, kinds);
      await writeAll(s, opts.output ?? "out", files);
    });
}
