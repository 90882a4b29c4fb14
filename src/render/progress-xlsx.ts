// progress-<Y>.xlsx: the report's table, one row per project and reporting department, filterable,
// drawn through the shared exceljs wrapper. Status cells are coloured by formula conditional
// rules (the sheet spec's conditionalRules).
import { fiscalYearLabel } from "../fiscal.js";
import { markedName } from "../views/gantt.js";
import { UNREPORTED, type ProgressView } from "../views/progress.js";
import type { ProgressWording } from "./progress-wording.js";
import { documentAuthor, type RenderContext } from "../context.js";
import { columnLetters } from "../cell-address.js";
import { writeWorkbook } from "./xlsx/excel.js";
import type { CellSpec, ConditionalRule, RowSpec } from "./xlsx/spec.js";
import { columnsWidthPt, LINE_EM, MAX_ROW_PT, nameLines, rowHeightPt, widestNameEm, widthForEm, widthToFit, wrappedLines } from "./xlsx/metrics.js";
import { houseStyle, type Wording } from "../templates/wording.js";

const STATUS_COLUMN = 6;

export async function progressWorkbook(view: ProgressView, { words, fill }: Wording<ProgressWording>, ctx: RenderContext): Promise<Uint8Array> {
  const { theme } = ctx;
  const year = fiscalYearLabel(view.year, theme);
  const head = (value: string): CellSpec => ({ value, bold: true, fill: theme.colours.headerFill, border: "thin", align: "center" });
  // The No column (the first) aligned as the theme aligns No in every document.
  const cell = (value: string | number, i: number): CellSpec => ({ value, border: "thin", wrap: true, ...(i === 0 ? { align: theme.numberAlign } : {}) });
  const w = words.workbook;
  const data = { plan: view.title, year, sample: view.sample ? w.sampleTitle : "" };
  const title = fill(w.title, data);
  const rows: RowSpec[] = [
    { cells: [{ value: title, bold: true, size: theme.sizes.h3, wrap: false }] },
    { cells: w.columns.map((c) => head(fill(c, data))) },
  ];
  const sample = view.sample ? words.sampleMark : "";
  // the department column holds the longest name whole; a list of them breaks between names
  const names = view.policies.flatMap((g) => g.projects.flatMap((p) => [...p.departments, ...p.reports.map((r) => r.department)]));
  // 実績, 課題 and 今後の方向性 wider when a report's text would need a row taller than Excel has
  const reports = view.policies.flatMap((g) => g.projects.flatMap((p) => p.reports));
  const fit = (text: (r: (typeof reports)[number]) => string, min: number) => widthToFit(reports.map(text), min, theme.sizes.table);
  const widths = [6, 22, 30, 14, Math.max(16, widthForEm(widestNameEm(names), theme.sizes.table)), 11,
    fit((r) => r.result, 44), fit((r) => r.issues, 30), fit((r) => r.direction, 30), 22, 6];
  tooTall(view, widths, ctx);
  for (const policy of view.policies) {
    for (const p of policy.projects) {
      // the project's (no report this year): each year's statuses apart by ／, which no status holds (中止・休止 does ・)
      const trend = p.trend.map((t) => `${fiscalYearLabel(t.year, theme)} ${t.statuses.join("／")}`).join(" → ");
      const own = (r: (typeof p.reports)[number]) => r.trend.map((t) => `${fiscalYearLabel(t.year, theme)} ${t.status}`).join(" → ");
      const base = [p.no, policy.policy, markedName(p.name, p.relist, houseStyle(ctx).afterName), p.planned.join("・")];
      const lines = p.reports.length === 0
        ? [[...base, nameLines(p.departments, columnsWidthPt([widths[4]!]), theme.sizes.table), UNREPORTED, "", "", "", trend, sample]]
        : [
          ...p.reports.map((r) => [...base, r.department, r.status, r.result, r.issues, r.direction, own(r), sample]),
          // a co-department whose form never came back, 未報告 as in the PDF (it had no row: a
          // filter on 未報告 missed it)
          ...p.missing.map((d) => [...base, d, UNREPORTED, "", "", "", "", sample]),
        ];
      for (const line of lines) rows.push({ cells: line.map(cell) });
    }
  }
  const col = columnLetters(STATUS_COLUMN);
  const statusRules: ConditionalRule[] = [...view.statuses, UNREPORTED].map((status) => ({
    range: `${col}3:${col}${Math.max(3, rows.length)}`,
    formula: `$${col}3="${status.replace(/"/g, '""')}"`,
    fill: tint(theme.statuses[status]?.fill ?? "#C8C8CB"),
  }));
  return writeWorkbook({
    title, creator: documentAuthor(ctx.config, view.title),
    date: ctx.documentDate, font: theme.excelFont, ruleColour: theme.colours.rule,
    sheets: [{
      name: w.sheet, widths, rows, fontSize: theme.sizes.table,
      freeze: { rows: 2, cols: 3 }, autoFilter: { headerRow: 2, lastRow: rows.length },
      // on the paper of the report (A4 unless the theme says otherwise), landscape
      print: { paper: theme.pages.progress?.size ?? "A4", orientation: "landscape", margins: [36, 48, 36, 40], titleRows: [2, 2], headerLeft: view.title },
      conditionalRules: statusRules,
    }],
  });
}

/** The entries' columns in the sheet (0-based) and their names. */
const ENTRY_COLUMNS = [["result", 6, "実績"], ["issues", 7, "課題"], ["direction", 8, "今後の方向性"]] as const;

/**
 * An entry that needs a row taller than Excel's tallest even in its widened column (its own line
 * breaks are more than a row holds): Excel shows and prints the row at 409 pt, the rest of the text
 * cut off, which had gone unsaid. Said at the entry's cell (PP537); the PDF prints it whole.
 */
function tooTall(view: ProgressView, widths: readonly number[], ctx: RenderContext): void {
  const size = ctx.theme.sizes.table;
  for (const p of view.policies.flatMap((g) => g.projects)) {
    for (const r of p.reports) {
      for (const [field, column, label] of ENTRY_COLUMNS) {
        const lines = wrappedLines(r[field], columnsWidthPt([widths[column]!]), size);
        if (!r[field] || rowHeightPt(lines, size) <= MAX_ROW_PT) continue;
        ctx.diagnostics.add("PP537", r.places?.[field] ?? { file: `progress-${view.year}.xlsx` },
          { no: p.no, column: label, lines, shown: Math.floor((MAX_ROW_PT - 4) / (size * LINE_EM)), file: `progress-${view.year}.xlsx` }, { projectNo: p.no });
      }
    }
  }
}

/** Light fill of a status for a cell background (the chart's colour, tinted so text stays legible). */
function tint(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * 0.6).toString(16).padStart(2, "0").toUpperCase();
  return `#${mix((n >> 16) & 255)}${mix((n >> 8) & 255)}${mix(n & 255)}`;
}
