// A renderer run in a worker thread. The workbook needs no fonts (exceljs only), so on a
// 2-core machine it can be written beside the PDFs instead of after them. The context crosses
// as plain data; diagnostics come back as items, files as bytes.
import { parentPort, workerData } from "node:worker_threads";
import { DiagnosticBag } from "../diagnostics/bag.js";
import type { Diagnostic } from "../diagnostics/schema.js";
import { ReportedError } from "../errors.js";
import type { Plan } from "../model/schema.js";
import type { OutputFile, RenderContext } from "../context.js";

export type WorkerContext = Omit<RenderContext, "diagnostics">;
export interface WorkerJob { kind: "workbook"; plan: Plan; ctx: WorkerContext }
export type WorkerResult =
  | { ok: true; files: OutputFile[]; diagnostics: Diagnostic[] }
  | { ok: false; reported: boolean; message: string; stack?: string; diagnostics: Diagnostic[] };

async function runJob(job: WorkerJob): Promise<WorkerResult> {
  const diagnostics = new DiagnosticBag(job.ctx.lang);
  const ctx: RenderContext = { ...job.ctx, documentDate: new Date(job.ctx.documentDate), diagnostics };
  try {
    const { renderWorkbook } = await import("./workbook.js");
    return { ok: true, files: await renderWorkbook(job.plan, ctx), diagnostics: diagnostics.items };
  } catch (e) {
    const err = e as Error;
    const result: WorkerResult = { ok: false, reported: e instanceof ReportedError, message: err.message, diagnostics: diagnostics.items };
    if (err.stack) result.stack = err.stack;
    return result;
  }
}

if (parentPort && workerData) {
  const port = parentPort;
  void runJob(workerData as WorkerJob).then((result) => {
    const transfer = result.ok ? result.files.map((f) => f.data.buffer as ArrayBuffer) : [];
    port.postMessage(result, transfer);
  });
}
