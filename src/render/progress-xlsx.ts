// progress-<Y>.xlsx: the report's table, one row per project and reporting department, filterable,
// drawn through the shared exceljs wrapper. Status cells are coloured by conditional formatting
// rules written as formulas (LibreOffice drops "contains text" rules on save).
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { fiscalYearLabel } from "./pdf/schedule.js";
import type { ProgressView } from "../views/progress.js";
import type { RenderContext } from "./context.js";
import { columnLetters, writeWorkbook } from "./xlsx/excel.js";
import type { CellSpec, RowSpec } from "./xlsx/spec.js";
import { normaliseXlsx } from "./xlsx/zip.js";

const UNREPORTED = "未報告";
const STATUS_COLUMN = 6;

export async function progressWorkbook(view: ProgressView, ctx: RenderContext): Promise<Uint8Array> {
  const { theme } = ctx;
  const year = fiscalYearLabel(view.year, theme);
  const head = (value: string): CellSpec => ({ value, bold: true, fill: theme.colours.headerFill, border: "thin", align: "center" });
  const cell = (value: string | number): CellSpec => ({ value, border: "thin", wrap: true });
  const header = ["No", "基本方針", "事業名", `計画（${year}）`, "担当課", "進捗区分", "実績", "課題", "今後の方向性", "推移", "見本"];
  const rows: RowSpec[] = [
    { cells: [{ value: `${view.sample ? "【見本・架空のデータ】" : ""}${view.title} ${year} 進捗状況`, bold: true, size: theme.sizes.h3, wrap: false }] },
    { cells: header.map(head) },
  ];
  const sample = view.sample ? "見本" : "";
  for (const policy of view.policies) {
    for (const p of policy.projects) {
      const trend = p.trend.map((t) => `${fiscalYearLabel(t.year, theme)} ${t.statuses.join("・")}`).join(" → ");
      const base = [p.no, policy.policy, `${p.name}${p.relistMark ?? ""}`, p.planned.join("・")];
      const lines = p.reports.length === 0
        ? [[...base, p.departments.join("、"), UNREPORTED, "", "", "", trend, sample]]
        : p.reports.map((r) => [...base, r.department, r.status, r.result, r.issues, r.direction, trend, sample]);
      for (const line of lines) rows.push({ cells: line.map(cell) });
    }
  }
  const xlsx = await writeWorkbook({
    title: `${view.title} ${year} 進捗状況`, creator: ctx.config.document.author ?? ctx.config.document.issuer ?? "planpress",
    date: ctx.documentDate, font: theme.excelFont, ruleColour: theme.colours.rule,
    sheets: [{
      name: "進捗状況", widths: [6, 22, 30, 14, 16, 11, 44, 30, 30, 22, 6], rows, fontSize: theme.sizes.table,
      freeze: { rows: 2, cols: 3 }, autoFilter: { headerRow: 2, lastRow: rows.length },
      print: { paper: "A4", orientation: "landscape", margins: [36, 48, 36, 40], titleRows: [2, 2], headerLeft: view.title },
    }],
  });
  const statuses = [...view.statuses, UNREPORTED].map((s) => ({ status: s, fill: (theme.statuses[s]?.fill ?? "#C8C8CB") }));
  return addStatusRules(xlsx, ctx.documentDate, `${columnLetters(STATUS_COLUMN)}3:${columnLetters(STATUS_COLUMN)}${Math.max(3, rows.length)}`, statuses);
}

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Light fill of a status for a cell background (the chart's colour, tinted so text stays legible). */
function tint(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * 0.6).toString(16).padStart(2, "0").toUpperCase();
  return `FF${mix((n >> 16) & 255)}${mix((n >> 8) & 255)}${mix(n & 255)}`;
}

/**
 * Adds one formula rule per status (`=$F3="遅れ"`) to the first sheet and their fills to the
 * styles' dxfs (the shared wrapper has no conditional formatting yet); re-normalised so the zip
 * stays byte-identical.
 */
function addStatusRules(xlsx: Uint8Array, date: Date, range: string, statuses: { status: string; fill: string }[]): Uint8Array {
  const files = unzipSync(xlsx);
  const stylesPath = "xl/styles.xml";
  const sheetPath = "xl/worksheets/sheet1.xml";
  const styles = files[stylesPath];
  const sheet = files[sheetPath];
  if (!styles || !sheet) return xlsx;
  let stylesXml = strFromU8(styles);
  const dxfs = statuses.map((s) => `<dxf><fill><patternFill patternType="solid"><fgColor rgb="${tint(s.fill)}"/><bgColor rgb="${tint(s.fill)}"/></patternFill></fill></dxf>`);
  let first = 0;
  const existing = /<dxfs count="(\d+)"\s*\/>|<dxfs count="(\d+)">([\s\S]*?)<\/dxfs>/.exec(stylesXml);
  if (existing) {
    first = Number(existing[1] ?? existing[2] ?? 0);
    stylesXml = stylesXml.replace(existing[0], `<dxfs count="${first + dxfs.length}">${existing[3] ?? ""}${dxfs.join("")}</dxfs>`);
  } else {
    stylesXml = stylesXml.replace(/<tableStyles\b|<\/styleSheet>/, (m) => `<dxfs count="${dxfs.length}">${dxfs.join("")}</dxfs>${m}`);
  }
  const top = range.split(":")[0] ?? "F3";
  const [col, row] = [top.replace(/\d+/, ""), top.replace(/\D+/, "")];
  const rules = statuses.map((s, i) =>
    `<cfRule type="expression" dxfId="${first + i}" priority="${i + 1}"><formula>$${col}${row}="${xmlText(s.status.replace(/"/g, "\"\""))}"</formula></cfRule>`).join("");
  const cf = `<conditionalFormatting sqref="${range}">${rules}</conditionalFormatting>`;
  let sheetXml = strFromU8(sheet);
  // conditionalFormatting follows mergeCells/phoneticPr and precedes dataValidations/pageMargins.
  sheetXml = sheetXml.replace(/<dataValidations\b|<hyperlinks\b|<printOptions\b|<pageMargins\b/, (m) => `${cf}${m}`);
  files[stylesPath] = strToU8(stylesXml);
  files[sheetPath] = strToU8(sheetXml);
  return normaliseXlsx(zipSync(files), date, []);
}
