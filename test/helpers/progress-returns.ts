// Filling in returned progress forms in code, the way a department would (tests and the sample
// returns of data/progress use it): exceljs loads a form, the input cells get entries, it is saved.
import ExcelJS from "exceljs";
import { FORM_SHEET, HEADER_ROW, formColumn } from "../../src/forms/layout.js";
import type { Plan } from "../../src/model/schema.js";
import type { RenderContext } from "../../src/context.js";
import { renderForms } from "../../src/render/forms.js";

export interface Fill { status: string; result: string; issues?: string; direction?: string }

/** A department filling in its form: `fill(no)` gives a row's entries, or null to leave it blank. */
export async function fillForm(data: Uint8Array, fill: (no: number) => Fill | null): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(FORM_SHEET);
  if (!ws) throw new Error("no form sheet");
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const no = ws.getCell(r, formColumn("no")).value;
    if (typeof no !== "number") continue;
    const f = fill(no);
    if (!f) continue;
    ws.getCell(r, formColumn("status")).value = f.status;
    ws.getCell(r, formColumn("result")).value = f.result;
    if (f.issues) ws.getCell(r, formColumn("issues")).value = f.issues;
    if (f.direction) ws.getCell(r, formColumn("direction")).value = f.direction;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}

const STATUS_CYCLE = [1, 1, 1, 0, 2, 3, 1, 4];

/** Sample entries: deterministic, obviously invented (見本 in every 実績). */
export function sampleFill(plan: Plan, department: string, statuses: readonly string[]) {
  const projects = new Map(plan.projects.map((p) => [p.no, p]));
  return (no: number): Fill | null => {
    const p = projects.get(no);
    if (!p || !p.departments.includes(department)) return null; // 各課 rows left blank: no report
    const status = statuses[STATUS_CYCLE[no % STATUS_CYCLE.length] ?? 0] ?? statuses[0] ?? "";
    return {
      status,
      result: `【見本】${department}による架空の実績です（No.${no}）。`,
      ...(status === statuses[3] ? { issues: "【見本】架空の課題：調達手続に想定より時間を要した。" } : {}),
      direction: "【見本】架空の方向性：次年度も計画どおり進める。",
    };
  };
}

export async function makeSampleReturns(plan: Plan, ctx: RenderContext, year: number): Promise<{ path: string; data: Uint8Array }[]> {
  const out: { path: string; data: Uint8Array }[] = [];
  for (const form of await renderForms(plan, ctx, year, { sample: true })) {
    const department = form.path.replace(/\.xlsx$/, "");
    out.push({ path: form.path, data: await fillForm(form.data, sampleFill(plan, department, ctx.config.progressStatuses)) });
  }
  return out;
}

