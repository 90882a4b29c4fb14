// planpress build / booklet / gantt / departments / workbook: documents of the plan into -o dir.
// Renderers are loaded only when a command needs them (pdfmake and exceljs take time to load).
import type { Plan } from "../model/schema.js";
import type { OutputFile, RenderContext } from "../render/context.js";
import { type GlobalOptions, readPlan, renderContext, requireClean, run, writeAll } from "./common.js";

export type DocumentKind = "booklet" | "gantt" | "departments" | "workbook";
export const ALL_DOCUMENTS: DocumentKind[] = ["booklet", "gantt", "departments", "workbook"];

const RENDERERS: Record<DocumentKind, () => Promise<(plan: Plan, ctx: RenderContext) => Promise<OutputFile[]>>> = {
  booklet: async () => (await import("../render/booklet.js")).renderBooklet,
  gantt: async () => (await import("../render/gantt.js")).renderGantt,
  departments: async () => (await import("../render/departments.js")).renderDepartments,
  workbook: async () => (await import("../render/workbook.js")).renderWorkbook,
};

export async function renderDocuments(plan: Plan, ctx: RenderContext, kinds: readonly DocumentKind[]): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  for (const kind of kinds) files.push(...await (await RENDERERS[kind]())(plan, ctx));
  return files;
}

export function renderCommand(kinds: DocumentKind[]) {
  return (input: string | undefined, opts: GlobalOptions & { output?: string }): Promise<number> =>
    run(opts, async (s) => {
      const plan = await readPlan(s, input);
      requireClean(s);
      const ctx = renderContext(s, plan);
      const files = await renderDocuments(plan, ctx, kinds);
      await writeAll(s, opts.output ?? "out", files);
    });
}
