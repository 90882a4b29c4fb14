// Progress forms read back with exceljs: one per department, the layout of src/forms/layout.ts,
// protection with unlocked input cells, the status drop-down, the 各課 section, metadata.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/model/schema.js";
import type { OutputFile } from "../../src/context.js";
import { renderForms } from "../../src/render/forms.js";
import { FORM_SHEET, HEADER_ROW, META_SHEET, formColumn } from "../../src/forms/layout.js";
import { lockedCellsChecksum } from "../../src/forms/checksum.js";
import { formCellsOf, readFormMeta } from "../helpers/form-readback.js";
import { DEFAULT_STATUSES } from "../../src/config/schema.js";
import { makeRenderContext, seedPlan } from "../helpers/context.js";
import { columnsWidthPt, textWidthEm } from "../../src/render/xlsx/metrics.js";
import { seedDocuments } from "../helpers/seed-documents.js";

let plan: Plan;
let files: OutputFile[];
const load = async (f: OutputFile) => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(Buffer.from(f.data)); return wb; };
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  plan = seedPlan();
  files = await seedDocuments("forms-2026");
  wb = await load(files.find((f) => f.path === "情報政策課.xlsx")!);
});

/** The project Nos in the No column below the header, in order. */
function nos(ws: ExcelJS.Worksheet): number[] {
  const out: number[] = [];
  ws.eachRow((row, r) => { const v = row.getCell(1).value; if (r > HEADER_ROW && typeof v === "number") out.push(v); });
  return out;
}

describe("progress forms", () => {
  it("on paper: the structure locked (no renamed sheet), locked cells visibly grey, input rows tall enough for a few lines of 実績", async () => {
    const { unzipSync, strFromU8 } = await import("fflate");
    const book = strFromU8(unzipSync(files[0]!.data)["xl/workbook.xml"]!);
    expect(book).toMatch(/<workbookPr[^>]*\/><workbookProtection lockStructure="1"\/>/);
    const ws = wb.getWorksheet(FORM_SHEET)!;
    const first = HEADER_ROW + 3; // header, example, section row, then the first project
    expect(typeof ws.getCell(first, formColumn("no")).value).toBe("number");
    const fill = (ws.getCell(first, formColumn("name")).fill as { fgColor?: { argb?: string } }).fgColor?.argb ?? "FFFFFFFF";
    const luminance = (argb: string) => {
      const [r, g, b] = [2, 4, 6].map((i) => parseInt(argb.slice(i, i + 2), 16) / 255) as [number, number, number];
      return 0.2126 * r ** 2.2 + 0.7152 * g ** 2.2 + 0.0722 * b ** 2.2;
    };
    // relative luminance at most 0.7 (the zebra tint #F2F2F2 is 0.89, white 1) …
    const lum = luminance(fill);
    expect(lum).toBeLessThan(0.7);
    // … and at least 0.15 from the cell rules' colour, so the rules between locked cells show (the
    // slate group-row fill was the rules' own colour)
    const rule = (ws.getCell(first, formColumn("name")).border?.left?.color as { argb?: string } | undefined)?.argb ?? "FF000000";
    expect(Math.abs(lum - luminance(rule))).toBeGreaterThan(0.15);
    expect((ws.getCell(first, formColumn("result")).fill as { pattern?: string } | undefined)?.pattern ?? "none").toBe("none");
    const size = ws.getCell(first, formColumn("result")).font?.size ?? 10;
    expect(ws.getRow(first).height).toBeGreaterThanOrEqual(5 * size * 1.2);
  });

  it("lists the other departments with line breaks between names only, each line within the column", async () => {
    const col = formColumn("coDepartments");
    const known = new Set([...plan.departments, makeRenderContext().config.allDepartmentsMarker]);
    let lists = 0;
    for (const f of files) {
      const ws = (await load(f)).getWorksheet(FORM_SHEET)!;
      // a line fits when its estimated width is within the column (the face's widths: workbook.test)
      const perLine = columnsWidthPt([ws.getColumn(col).width!]) / ws.getCell(HEADER_ROW + 3, col).font.size!;
      ws.eachRow((row, r) => {
        const v = row.getCell(col).value;
        if (r <= HEADER_ROW + 1 || typeof row.getCell(1).value !== "number" || typeof v !== "string") return;
        for (const line of v.split("\n")) {
          for (const name of line.split("、").filter(Boolean)) expect(known.has(name), `${f.path} No.${row.getCell(1).value}: 「${name}」`).toBe(true);
          expect(textWidthEm(line), `${f.path}: 「${line}」`).toBeLessThanOrEqual(perLine);
        }
        if (v.includes("\n")) lists++;
      });
    }
    expect(lists).toBeGreaterThan(3);
  });

  it("writes one form per department", () => {
    expect(files).toHaveLength(plan.departments.length);
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
  });

  it("has the header row other tools look for, and no number on the example row", () => {
    const ws = wb.getWorksheet(FORM_SHEET)!;
    const header = ws.getRow(HEADER_ROW).values as unknown[];
    expect(header).toContain("No");
    expect(header.some((v) => String(v).includes("進捗区分"))).toBe(true);
    expect(header.some((v) => String(v).includes("実績"))).toBe(true);
    expect(ws.getCell(HEADER_ROW + 1, 1).value).toBe("記入例");
  });

  it("lists the department's projects first, then the 各課 projects, a shared project on each form", async () => {
    const ws = wb.getWorksheet(FORM_SHEET)!;
    const own = plan.projects.filter((p) => p.departments.includes("情報政策課")).map((p) => p.no);
    const common = plan.projects.filter((p) => p.allDepartments && !own.includes(p.no)).map((p) => p.no);
    expect(nos(ws)).toEqual([...own, ...common]);
    // No.2 names 市民活動推進課 and others: it appears on 市民活動推進課's form too.
    const other = await load(files.find((f) => f.path === "市民活動推進課.xlsx")!);
    expect(nos(other.getWorksheet(FORM_SHEET)!)).toContain(2);
  });

  it("shows the planned phase for the year from the schedule", () => {
    const ws = wb.getWorksheet(FORM_SHEET)!;
    const rowOf = (no: number) => { let r = 0; ws.eachRow((row, i) => { if (row.getCell(1).value === no) r = i; }); return r; };
    expect(ws.getCell(rowOf(1), formColumn("planned")).value).toBe("推進");
    const p3 = plan.projects.find((p) => p.no === 3)!;
    expect(ws.getCell(rowOf(3), formColumn("planned")).value).toBe(p3.schedule.find((ph) => ph.from <= 2026 && 2026 <= ph.to)!.label);
    expect(String(ws.getCell(HEADER_ROW, formColumn("planned")).value)).toContain("令和8年度");
  });

  it("protects the sheet, unlocks only the input cells, offers the status list", () => {
    const ws = wb.getWorksheet(FORM_SHEET)!;
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const r = HEADER_ROW + 3; // first project row (after the example and the section row)
    expect(typeof ws.getCell(r, 1).value).toBe("number");
    expect(ws.getCell(r, formColumn("no")).protection?.locked).not.toBe(false);
    for (const k of ["status", "result", "issues", "direction"] as const) expect(ws.getCell(r, formColumn(k)).protection?.locked).toBe(false);
    const dv = ws.getCell(r, formColumn("status")).dataValidation;
    expect(dv.type).toBe("list");
    expect(dv.formulae?.[0]).toBe(`"${DEFAULT_STATUSES.join(",")}"`);
  });

  it("keeps the metadata in a very hidden sheet", () => {
    const meta = wb.getWorksheet(META_SHEET)!;
    expect(meta.state).toBe("veryHidden");
    const m = readFormMeta(wb);
    expect(m).toMatchObject({ plan: plan.plan.title, fiscalYear: 2026, department: "情報政策課", sample: false });
  });

  it("marks sample forms", async () => {
    const [sample] = await renderForms(plan, makeRenderContext(), 2026, { sample: true });
    const s = await load(sample!);
    expect(readFormMeta(s)).toMatchObject({ sample: true });
    expect(String(s.getWorksheet(FORM_SHEET)!.getCell(1, 1).value)).toContain("記入例");
  });

  it("lists long or comma-bearing statuses in cells and validates against that range", async () => {
    const ctx = makeRenderContext();
    ctx.config.progressStatuses = ["完了", "遅れ, 要対応", "未着手"];
    const [f] = await renderForms(plan, ctx, 2026);
    const w = await load(f!);
    const ws = w.getWorksheet(FORM_SHEET)!;
    expect(ws.getCell(HEADER_ROW + 3, formColumn("status")).dataValidation.formulae?.[0]).toBe(`'${META_SHEET}'!$D$1:$D$3`);
    expect(w.getWorksheet(META_SHEET)!.getCell("D2").value).toBe("遅れ, 要対応");
  });

  it("checksums the locked cells as written", () => {
    const m = readFormMeta(wb);
    expect("checksum" in m && m.checksum).toBe(lockedCellsChecksum(formCellsOf(wb.getWorksheet(FORM_SHEET)!)));
  });
});
