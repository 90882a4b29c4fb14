// The forms' words come from templates/forms/wording.json; wording that would make a returned form
// unreadable is refused (PP532), and a year outside the plan period is PP530.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FORM_SHEET, HEADER_ROW, formColumn } from "../../src/forms/layout.js";
import type { Plan } from "../../src/model/schema.js";
import { renderForms } from "../../src/render/forms.js";
import { attempt, makeRenderContext, seedPlan, templatesWith } from "../helpers/context.js";

/** The seed with one department: one form, quick to write. */
function smallPlan(): Plan {
  const plan = seedPlan();
  plan.departments = plan.departments.slice(0, 1);
  return plan;
}

type FormsWording = Record<string, unknown> & { columns: Record<string, string>; instructions: string[] };

/** A copy of templates/ whose forms wording is edited by `edit` (on the parsed JSON). */
function wordingWith(edit: (w: FormsWording) => void): string {
  return templatesWith("forms/wording.json", (text) => {
    const w = JSON.parse(text) as FormsWording;
    edit(w);
    return JSON.stringify(w, null, 2);
  });
}

const formsFor = (year: number, templatesDir?: string) =>
  attempt(makeRenderContext(templatesDir ? { templatesDir } : {}), (ctx) => renderForms(smallPlan(), ctx, year));

describe("forms wording", () => {
  it("writes the instructions and headers of the wording file", async () => {
    const dir = wordingWith((w) => {
      w.instructions = ["{{department}}の皆さまへ: {{year}}の取組を記入してください。"];
      w.columns.result = "実績（具体的に）";
    });
    const { files } = await formsFor(2027, dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(files![0]!.data));
    const ws = wb.getWorksheet(FORM_SHEET)!;
    expect(ws.getCell(2, 1).value).toBe(`${smallPlan().departments[0]}の皆さまへ: 令和9年度の取組を記入してください。`);
    expect(ws.getCell(3, 1).value).toBeNull();
    expect(ws.getCell(HEADER_ROW, formColumn("result")).value).toBe("実績（具体的に）");
    expect(ws.getCell(HEADER_ROW, formColumn("no")).value).toBe("No");
  });

  it("refuses headers readers could not find, too many instruction lines and a numbered example", async () => {
    const cases: [string, Parameters<typeof wordingWith>[0]][] = [
      ["columns.status", (w) => { w.columns.status = "状況"; }],
      ["columns.no", (w) => { w.columns.no = "番号"; }],
      ["instructions", (w) => { w.instructions = Array(7).fill("・記入してください。"); }],
      ["example.no", (w) => { (w.example as Record<string, string>).no = "１"; }],
    ];
    for (const [key, edit] of cases) {
      const { files, diagnostics } = await formsFor(2026, wordingWith(edit));
      expect(files, key).toBeNull();
      expect(diagnostics.map((d) => d.code), key).toEqual(["PP532"]);
      expect(diagnostics[0]!.message, key).toContain(key);
    }
  });

  it("reports a year outside the plan period (PP530) and writes nothing", async () => {
    const { files, diagnostics } = await formsFor(2031);
    expect(files).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "PP530", severity: "error", actual: "2031" });
    expect(diagnostics[0]!.message).toContain("令和13年度");
    expect(diagnostics[0]!.message).toContain("令和8年度～令和12年度");
    expect((await formsFor(2025)).diagnostics[0]?.code).toBe("PP530");
  });
});
