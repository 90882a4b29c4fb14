// Times plan.xlsx and the progress forms (one per department) for the lead's bench.
import type { Plan } from "../src/model/schema.js";
import type { RenderContext } from "../src/context.js";
import { renderForms } from "../src/render/forms.js";
import { renderWorkbook } from "../src/render/workbook.js";

export interface WorkbookBench {
  workbookMs: number;
  workbookBytes: number;
  formsMs: number;
  forms: number;
  formsBytes: number;
}

export async function benchWorkbook(plan: Plan, ctx: RenderContext, year = ctx.asOf): Promise<WorkbookBench> {
  let t = performance.now();
  const [book] = await renderWorkbook(plan, ctx);
  const workbookMs = performance.now() - t;
  t = performance.now();
  const forms = await renderForms(plan, ctx, year);
  const formsMs = performance.now() - t;
  return {
    workbookMs: Math.round(workbookMs), workbookBytes: book?.data.length ?? 0,
    formsMs: Math.round(formsMs), forms: forms.length, formsBytes: forms.reduce((s, f) => s + f.data.length, 0),
  };
}
