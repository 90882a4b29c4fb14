// compare.xlsx: the change list as a table, one row per change (kind, old No, new No, name,
// aspect, before, after: the changed words underlined and bold), plan-level changes first;
// filterable, header frozen, printed A4 landscape with the header repeated, through the shared
// exceljs wrapper like plan.xlsx.
import type { Segment } from "../compare/text-diff.js";
import type { CompareView } from "../views/compare.js";
import type { CompareWording } from "./compare-wording.js";
import { documentAuthor, type RenderContext } from "../context.js";
import { writeWorkbook } from "./xlsx/excel.js";
import { widthToFit } from "./xlsx/metrics.js";
import type { CellSpec, RowSpec } from "./xlsx/spec.js";
import type { Wording } from "../templates/wording.js";

export async function compareWorkbook(view: CompareView, { words, fill }: Wording<CompareWording>, ctx: RenderContext): Promise<Uint8Array> {
  const { theme } = ctx;
  const w = words.workbook;
  const title = fill(w.title, { plan: view.new.title });
  const head = (value: string): CellSpec => ({ value, bold: true, fill: theme.colours.headerFill, border: "thin", align: "center" });
  const cell = (value: string | number | null, align?: CellSpec["align"]): CellSpec => ({ value, border: "thin", wrap: true, valign: "top", ...(align ? { align } : {}) });
  const rows: RowSpec[] = [
    { cells: [{ value: title, bold: true, size: theme.sizes.h3, wrap: false }] },
    { cells: w.columns.map(head) },
  ];
  // The changed words marked as the PDF marks them, by a 傍線 (and bold type): the cells had
  // shown both versions with no sign of what changed.
  const text = (segments: readonly Segment[]) => segments.map((x) => x.text).join("");
  const marked = (segments: readonly Segment[]): CellSpec => ({
    ...cell(text(segments)),
    ...(segments.some((x) => x.changed) ? { runs: segments.map((x) => ({ text: x.text, mark: x.changed })) } : {}),
  });
  for (const line of view.lines) {
    rows.push({ cells: [
      cell(line.kind ? words.kinds[line.kind] : w.planKind), cell(line.oldNo, theme.numberAlign), cell(line.newNo, theme.numberAlign), cell(line.name),
      cell(words.aspects[line.aspect]), marked(line.before), marked(line.after),
    ] });
  }
  // 変更前 and 変更後 side by side at one width, wider when a text would need a row taller than
  // Excel has (a 1,500-character 事業内容 had been cut at 409.5 pt)
  const sides = widthToFit(view.lines.flatMap((l) => [text(l.before), text(l.after)]), 50, theme.sizes.table);
  return writeWorkbook({
    title, creator: documentAuthor(ctx.config, view.new.title),
    date: ctx.documentDate, font: theme.excelFont, ruleColour: theme.colours.rule,
    sheets: [{
      name: w.sheet, widths: [14, 7, 7, 30, 12, sides, sides], rows, fontSize: theme.sizes.table,
      freeze: { rows: 2, cols: 0 }, autoFilter: { headerRow: 2, lastRow: Math.max(2, rows.length) },
      print: { paper: theme.pages.compare?.size ?? "A4", orientation: "landscape", margins: [36, 48, 36, 40], titleRows: [2, 2], headerLeft: view.new.title },
    }],
  });
}
