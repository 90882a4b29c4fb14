// One plan table written the ways city halls export it: TSV, UTF-8 CSV with a BOM and CRLF,
// Shift_JIS CSV (Excel's default save) and an xlsx workbook, so a test can assert that every
// format gives the same model.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

export type Table = string[][];
export type Format = "tsv" | "csv-bom-crlf" | "csv-sjis" | "xlsx";
export const FORMATS: Format[] = ["tsv", "csv-bom-crlf", "csv-sjis", "xlsx"];

/** A field as Excel writes it: quoted when it holds the separator, a quote or a line break. */
const field = (sep: string) => (s: string) => (s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function csvText(table: Table, sep = ",", eol = "\r\n"): string {
  return table.map((r) => r.map(field(sep)).join(sep)).join(eol) + eol;
}

export async function encode(table: Table, format: Format): Promise<{ name: string; data: string | Uint8Array }> {
  switch (format) {
    case "tsv": return { name: "plan.tsv", data: csvText(table, "\t", "\n") };
    case "csv-bom-crlf": return { name: "plan.csv", data: `\uFEFF${csvText(table)}` };
    case "csv-sjis": return { name: "plan.csv", data: new Uint8Array(iconv.encode(csvText(table), "Shift_JIS")) };
    case "xlsx": {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("計画");
      for (const r of table) ws.addRow(r.map((c) => (c === "" ? null : c)));
      return { name: "plan.xlsx", data: new Uint8Array(await wb.xlsx.writeBuffer()) };
    }
  }
}
