// planpress build / booklet / gantt / departments / workbook: documents of the plan into -o dir.
// Renderers are loaded only when a command needs them (pdfmake and exceljs take time to load).
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { ReportedError } from "../errors.js";
import type { Plan } from "../model/schema.js";
import type { WorkerJob, WorkerResult } from "../render/worker.js";
import type { OutputFile, RenderContext } from "../render/context.js";
import { type GlobalOptions, planToRender, run, writeAll } from "./common.js";

export type DocumentKind = "booklet" | "gantt" | "departments" | "workbook";
export const ALL_DOCUMENTS: DocumentKind[] = ["booklet", "gantt", "departments", "workbook"];

const RENDERERS: Record<DocumentKind, () => Promise<(plan: Plan, ctx: RenderContext) => Promise<OutputFile[]>>> = {
  booklet: async () => (await import("../render/booklet.js")).renderBooklet,
  gantt: async () => (await import("../render/gantt.js")).renderGantt,
  departments: async () => (await import("../render/departments.js")).renderDepartments,
  workbook: async () => (await import("../render/workbook.js")).renderWorkbook,
};

export async function renderDocuments(plan: Plan, ctx: RenderContext, kinds: readonly DocumentKind[]): Promise<OutputFile[]> {
  // With PDFs to render too, the workbook is written in a worker thread at the same time: no
  // change on the seed, 104 s → 55 s for 5,000 projects on 2 cores. Compiled code only (tests
  // run src/ in-process).
  const parallel = kinds.includes("workbook") && kinds.length > 1 && import.meta.url.endsWith(".js");
  const worker = parallel ? startWorkbookWorker(plan, ctx) : null;
  try {
    const files: OutputFile[] = [];
    for (const kind of kinds) {
      if (kind === "workbook" && worker) files.push(...await worker.files);
      else files.push(...await (await RENDERERS[kind]())(plan, ctx));
    }
    return files;
  } finally {
    // A PDF that failed first must not leave the worker running or its outcome unhandled.
    worker?.stop();
  }
}

/** The worker's file: beside tsc's output (dist/src/render/) or the bundle's (dist/bundle/). */
function workerFile(): URL {
  const candidates = ["../render/worker.js", "./worker.js", "../worker.js"].map((rel) => new URL(rel, import.meta.url));
  return candidates.find((u) => existsSync(u)) ?? candidates[0]!;
}

function startWorkbookWorker(plan: Plan, ctx: RenderContext): { files: Promise<OutputFile[]>; stop: () => void } {
  const { diagnostics, ...rest } = ctx;
  const job: WorkerJob = { kind: "workbook", plan, ctx: rest };
  const worker = new Worker(workerFile(), { workerData: job });
  const files = new Promise<OutputFile[]>((resolve, reject) => {
    worker.once("message", (result: WorkerResult) => {
      diagnostics.items.push(...result.diagnostics);
      if (result.ok) resolve(result.files.map((f) => ({ path: f.path, data: new Uint8Array(f.data) })));
      else if (result.reported) reject(new ReportedError());
      else reject(Object.assign(new Error(result.message), { stack: result.stack }));
    });
    worker.once("error", reject);
  });
  files.catch(() => undefined); // awaited where it is used; never an unhandled rejection
  return { files, stop: () => void worker.terminate() };
}
export function renderCommand(kinds: DocumentKind[]) {
  return (input: string | undefined, opts: GlobalOptions & { output?: string }): Promise<number> =>
    run(opts, async (s) => {
      const { plan, ctx } = await planToRender(s, input);
      const files = await renderDocuments(plan, ctx, kinds);
      await writeAll(s, opts.output ?? "out", files);
    });
}
