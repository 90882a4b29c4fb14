// excel.ts draws a WorkbookSpec with exceljs: merged ranges (checked by its own check, not
// exceljs's quadratic one) and shared style objects must read back as the spec says.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../src/render/xlsx/excel.js";
import type { CellSpec, WorkbookSpec } from "../../src/render/xlsx/spec.js";

const book = (rows: (CellSpec | null)[][]): WorkbookSpec => ({
  title: "t", creator: "planpress", date: new Date(Date.UTC(2026, 3, 1)), font: "BIZ UDPGothic", ruleColour: "#333333",
  sheets: [{ name: "s", widths: [10, 10, 10, 10], fontSize: 10, rows: rows.map((cells) => ({ cells })) }],
});

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes));
  return wb.worksheets[0]!;
}

describe("writeWorkbook", () => {
  it("merges every spanned range, as many as there are", async () => {
    const rows: (CellSpec | null)[][] = Array.from({ length: 300 }, (_, r) =>
      r % 3 === 0 ? [{ value: `r${r}`, colSpan: 2, rowSpan: 2 }, null, { value: r, colSpan: 2 }, null] : [null, null, { value: "x" }, { value: "y" }]);
    const ws = await readBack(await writeWorkbook(book(rows)));
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toHaveLength(200);
    expect(merges).toContain("A1:B2");
    expect(merges).toContain("C298:D298");
    expect(ws.getCell("B2").isMerged).toBe(true);
    expect(ws.getCell("C2").isMerged).toBe(false);
  });

  it("refuses ranges that overlap, with the sheet and cell", async () => {
    const rows: (CellSpec | null)[][] = [[{ value: "a", rowSpan: 2 }, null], [{ value: "b", colSpan: 2 }, null]];
    await expect(writeWorkbook(book(rows))).rejects.toThrow(/already merged cells \(s R2C1\)/);
  });

  it("wraps a cell set not to wrap whose text would run past the table's last column, and only that one", async () => {
    const long = "● 担当課として記載された事業　　◎ 全庁共通（各課）の事業（すべての課が対象）";
    const rows: (CellSpec | null)[][] = [
      [{ value: long, colSpan: 4, wrap: false }, null, null, null],
      // (into the empty cells beside it, but inside the table: left as set)
      [{ value: "令和8年度時点の進捗", wrap: false }, null, null, null],
      [{ value: "短い", colSpan: 4, wrap: false }, null, null, null],
    ];
    const ws = await readBack(await writeWorkbook(book(rows)));
    expect(ws.getCell("A1").alignment.wrapText).toBe(true);
    // the row is as tall as its wrapped lines
    expect(ws.getRow(1).height).toBeGreaterThan(ws.getRow(3).height * 1.5);
    expect(ws.getCell("A2").alignment.wrapText).not.toBe(true);
    expect(ws.getCell("A3").alignment.wrapText).not.toBe(true);
  });

  it("gives cells that look alike one style and cells that differ their own", async () => {
    const rows: (CellSpec | null)[][] = [
      [{ value: "a", bold: true, fill: "#FFEE00" }, { value: "b", bold: true, fill: "#FFEE00" }, { value: 1, bold: true, fill: "#FFEE00" }, { value: "c", fill: "#FFEE00" }],
      [{ value: "d", border: "dashed", unlocked: true }, { value: "e", border: "thin", align: "right", size: 8 }, null, null],
    ];
    const ws = await readBack(await writeWorkbook(book(rows)));
    expect(ws.getCell("A1").font.bold).toBe(true);
    expect(ws.getCell("C1").font.bold).toBe(true);
    expect(ws.getCell("C1").value).toBe(1);
    expect(ws.getCell("D1").font.bold).toBeUndefined();
    expect((ws.getCell("D1").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFEE00");
    expect(ws.getCell("A2").border.top?.style).toBe("dashed");
    expect(ws.getCell("A2").protection?.locked).toBe(false);
    expect(ws.getCell("B2").border.top?.style).toBe("thin");
    expect(ws.getCell("B2").alignment.horizontal).toBe("right");
    expect(ws.getCell("B2").font.size).toBe(8);
    expect(ws.getCell("B2").protection?.locked).not.toBe(false);
  });
});
