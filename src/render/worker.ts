// A renderer run in a worker thread, on the second core beside the main thread's documents: the
// department files of a small plan (most of a build's work), or a large plan's workbook. The
// context crosses as plain data; diagnostics come back as items, files as bytes. The thread starts
// in bin/worker.js, which loads the CLI bundle through its code cache as the main thread does.
import { parentPort } from "node:worker_threads";
import { DiagnosticBag } from "../diagnostics/bag.js";
import type { Diagnostic } from "../diagnostics/schema.js";
import { ReportedError } from "../errors.js";
import type { Plan } from "../model/schema.js";
import type { OutputFile, RenderContext } from "../context.js";
import type { LaidFiles } from "./departments.js";

export type WorkerContext = Omit<RenderContext, "diagnostics">;
export type WorkerKind = "workbook" | "department-files";
/** A job and its result carry the same `id`: a `watch` process's thread serves one rebuild after another. */
export interface WorkerJob { id: number; kind: WorkerKind; plan: Plan; ctx: WorkerContext }
export type WorkerResult = { id: number; diagnostics: Diagnostic[] } & (
  | { ok: true; files: OutputFile[] }
  | { ok: false; reported: boolean; message: string; stack?: string });

/**
 * The department files' layout handed back to the main thread once drawn (`share`): once its own
 * documents are done, it cuts the files the worker has not claimed yet (LaidFiles.claimed).
 */
export interface WorkerShare { id: number; shared: LaidFiles }

/** The files of a job, rendered on the thread that calls it (a worker, or the main thread when the worker's heap was too small). */
export async function renderJob(kind: WorkerKind, plan: Plan, ctx: RenderContext, share?: (laid: LaidFiles) => void): Promise<OutputFile[]> {
  if (kind === "workbook") return (await import("./workbook.js")).renderWorkbook(plan, ctx);
  return (await import("./departments.js")).renderDepartmentFiles(plan, ctx, share);
}

async function runJob(job: WorkerJob, post: (share: WorkerShare) => void): Promise<WorkerResult> {
  const diagnostics = new DiagnosticBag(job.ctx.lang);
  const ctx: RenderContext = { ...job.ctx, documentDate: new Date(job.ctx.documentDate), diagnostics };
  const share = (laid: LaidFiles): void => post({ id: job.id, shared: laid });
  try {
    return { id: job.id, ok: true, files: await renderJob(job.kind, job.plan, ctx, job.kind === "department-files" ? share : undefined), diagnostics: diagnostics.items };
  } catch (e) {
    const err = e as Error;
    const result: WorkerResult = { id: job.id, ok: false, reported: e instanceof ReportedError, message: err.message, diagnostics: diagnostics.items };
    if (err.stack) result.stack = err.stack;
    return result;
  }
}

/** Loads the department files' renderer (pdfmake, pdf-lib, the speed patches) before a first job arrives. */
export async function warmUp(): Promise<void> {
  await import("./departments.js");
}

/** In a worker thread (bin/worker.js): runs each job it is sent, one after the other, and posts its result back. */
export function runWorker(): void {
  const port = parentPort;
  if (!port) return;
  let queue = Promise.resolve();
  port.on("message", (job: WorkerJob) => {
    queue = queue.then(() => runJob(job, (share) => port.postMessage(share))).then((result) => {
      const transfer = result.ok ? result.files.map((f) => f.data.buffer as ArrayBuffer) : [];
      port.postMessage(result, transfer);
    });
  });
}
