// A form generated, filled in code as a department would, saved and read back: the metadata and
// checksum survive input; an edited locked cell changes the checksum.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { FORM_SHEET, HEADER_ROW, formColumn } from "../../src/forms/layout.js";
import type { FormMeta } from "../../src/forms/meta.js";
import { canonicalValue, lockedCellsChecksum } from "../../src/forms/checksum.js";
import { formCellsOf, readFormMeta } from "../helpers/form-readback.js";
import { seedDocuments } from "../helpers/seed-documents.js";

let original: Uint8Array;
const reload = async (data: Uint8Array | ArrayBuffer) => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(Buffer.from(data as ArrayBuffer)); return wb; };

beforeAll(async () => {
  const [f] = await seedDocuments("forms-2026");
  original = f!.data;
});

describe("form round trip", () => {
  it("reads back the input, the metadata and an unchanged checksum", async () => {
    const wb = await reload(original);
    const ws = wb.getWorksheet(FORM_SHEET)!;
    const filled: number[] = [];
    ws.eachRow((row, r) => {
      if (r <= HEADER_ROW || typeof row.getCell(1).value !== "number") return;
      row.getCell(formColumn("status")).value = "予定どおり";
      row.getCell(formColumn("result")).value = `=実績${r}`; // formula-looking input is fine
      filled.push(r);
    });
    const saved = await wb.xlsx.writeBuffer();
    const back = await reload(saved);
    const meta = readFormMeta(back) as FormMeta;
    expect(meta.fiscalYear).toBe(2026);
    const sheet = back.getWorksheet(FORM_SHEET)!;
    expect(sheet.getCell(filled[0]!, formColumn("status")).value).toBe("予定どおり");
    expect(lockedCellsChecksum(formCellsOf(sheet))).toBe(meta.checksum);
  });

  it("changes the checksum when a locked cell is edited", async () => {
    const wb = await reload(original);
    const ws = wb.getWorksheet(FORM_SHEET)!;
    const meta = readFormMeta(wb) as FormMeta;
    ws.getCell(HEADER_ROW + 3, formColumn("name")).value = "書き換えた事業名";
    expect(lockedCellsChecksum(formCellsOf(ws))).not.toBe(meta.checksum);
  });

  it("reads numbers, numeric text and formulas alike whoever saved them", () => {
    expect(canonicalValue(15)).toBe(canonicalValue("15"));
    expect(canonicalValue(15)).toBe(canonicalValue(15.0));
    expect(canonicalValue({ formula: "SUM(A1:A2)", result: 3 })).toBe(canonicalValue({ formula: "=SUM(A1:A2)" }));
    expect(canonicalValue({ richText: [{ text: "事業" }, { text: "名" }] })).toBe("事業名");
    expect(canonicalValue("a\r\nb")).toBe("a\nb");
    expect(canonicalValue("")).toBeNull();
  });
});
