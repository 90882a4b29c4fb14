// XLSX → Grid with exceljs. A merged range gives the exact span of a schedule label; cells a
// merge covers are marked so an empty covered cell is not read as a year without activity.
import ExcelJS from "exceljs";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { columnNumber } from "../cell-address.js";
import { ReportedError } from "../errors.js";
import type { Grid, GridRow } from "./grid.js";
import { zipRefusal } from "./zip-guard.js";

function checkZip(bytes: Uint8Array, file: string, bag: DiagnosticBag): void {
  let refusal: { unpacked: number } | null;
  try {
    refusal = zipRefusal(bytes);
  } catch (e) {
    bag.add("PP106", { file }, { reason: bag.lang === "ja" ? "zip として読めません" : `not a zip archive (${(e as Error).message})` });
    throw new ReportedError();
  }
  if (refusal) {
    const mb = Math.round(refusal.unpacked / 1e6);
    bag.add("PP106", { file }, { reason: bag.lang === "ja" ? `展開後のサイズが大きすぎます（${mb} MB）` : `unpacks to ${mb} MB` });
    throw new ReportedError();
  }
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v && typeof v.text === "string") return v.text; // hyperlink
    if ("result" in v) return v.result === undefined || v.result === null ? "" : String(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result);
    if ("error" in v) return "";
  }
  return String(cell.text ?? "");
}

function sheetGrid(ws: ExcelJS.Worksheet): { rows: GridRow[]; merges: NonNullable<Grid["merges"]> } {
  const rows: GridRow[] = [];
  const width = ws.actualColumnCount > 0 ? ws.columnCount : 0;
  // Merges as exceljs keeps them: "A1:C1" strings on the model.
  const merges: string[] = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  const spanAt = new Map<string, number>();
  const coveredAt = new Set<string>();
  const ranges: NonNullable<Grid["merges"]> = [];
  for (const m of merges) {
    const r = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m);
    if (!r) continue;
    const c1 = columnNumber(r[1] ?? "A") - 1, r1 = Number(r[2]), c2 = columnNumber(r[3] ?? "A") - 1, r2 = Number(r[4]);
    spanAt.set(`${r1}:${c1}`, c2 - c1 + 1);
    ranges.push({ top: r1, left: c1, bottom: r2, right: c2 });
    for (let rr = r1; rr <= r2; rr++) for (let cc = c1; cc <= c2; cc++) if (rr !== r1 || cc !== c1) coveredAt.add(`${rr}:${cc}`);
  }
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    const spans = new Map<number, number>();
    const covered = new Set<number>();
    for (let c = 0; c < width; c++) {
      const key = `${r}:${c}`;
      if (coveredAt.has(key)) { covered.add(c); cells.push(""); continue; }
      const span = spanAt.get(key);
      if (span !== undefined && span > 1) spans.set(c, span);
      cells.push(cellText(row.getCell(c + 1)));
    }
    while (cells.length && cells[cells.length - 1] === "" && !covered.has(cells.length - 1)) cells.pop();
    rows.push({ line: r, cells, spans, covered });
  }
  return { rows, merges: ranges };
}


/** Every sheet's grid; the caller picks the one holding the plan table (or the named one). */
export async function readXlsxGrids(bytes: Uint8Array, file: string, bag: DiagnosticBag, sheetName?: string): Promise<Grid[]> {
  checkZip(bytes, file, bag);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    bag.add("PP106", { file }, { reason: (e as Error).message.slice(0, 120) });
    throw new ReportedError();
  }
  const sheets = wb.worksheets.filter((ws) => (ws.state ?? "visible") === "visible" || ws.name === sheetName);
  if (sheetName !== undefined && !sheets.some((ws) => ws.name === sheetName)) {
    bag.add("PP108", { file }, { sheet: sheetName, sheets: wb.worksheets.map((w) => w.name).join(", ") });
    throw new ReportedError();
  }
  const title = wb.title || undefined;
  return sheets
    .filter((ws) => sheetName === undefined || ws.name === sheetName)
    .map((ws) => {
      const { rows, merges } = sheetGrid(ws);
      const grid: Grid = { file, kind: "xlsx", sheet: ws.name, rows, merges };
      if (title) grid.containerTitle = title;
      return grid;
    });
}
