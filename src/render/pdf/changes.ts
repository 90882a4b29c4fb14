// A block of the 新旧対照表: a heading row (a project), the column words (aspect, 新, 旧: the new
// text on the left, the old on the right, the Japanese government convention), then a row per
// changed aspect. A schedule row draws the new and the old bar one above the other on the same
// fiscal-year axis with the shared schedule strip. The block stays on one page when it fits.
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { Phase } from "../../model/schema.js";
import { type DocNode, plain, type Text } from "../../templates/primitives.js";
import type { RenderContext } from "../../context.js";
import { card, fitsPage, stripHeight, textHeight } from "./card.js";
import type { DrawSource } from "./source.js";
import { pageGeometry } from "./page.js";
import { laneOf, type Period, scheduleStrip } from "./schedule.js";
import { dataTable } from "./table.js";
import { artifact } from "./tags.js";
import { keepRuns, type Run } from "./text.js";

type ChangesNode = Extract<DocNode, { type: "changes" }>;

/** The aspect column (pt); the 新 and 旧 columns share the rest equally. */
const LABEL_WIDTH = 62;
/** dataTable's cell padding, left plus right. */
const PAD = 8;
/** Width of the 新 / 旧 tag in front of a schedule strip. */
const TAG_WIDTH = 18;

/** Whether a row of this height breaks between pages: pdfmake drops an unbreakable row taller than a page. */
const rowBreaks = (rowHeight: number, src: DrawSource, ctx: RenderContext): boolean => !fitsPage(rowHeight + 60, src.kind, ctx);

function periodOf(src: DrawSource, phases: readonly Phase[]): Period {
  if (src.period) return src.period;
  const years = phases.flatMap((p) => [p.from, p.to]);
  return years.length ? { start: Math.min(...years), end: Math.max(...years) } : { start: 0, end: 0 };
}

function scheduleCell(s: Extract<ChangesNode["rows"][number], { schedule: unknown }>["schedule"], width: number, src: DrawSource, ctx: RenderContext): { cell: TableCell; height: number } {
  const { theme } = ctx;
  const size = theme.sizes.table;
  const period = periodOf(src, [...s.new, ...s.old]);
  const years = period.end - period.start + 1;
  const yearWidth = Math.floor(((width - TAG_WIDTH - 2) / years) * 10) / 10;
  const lh = theme.lineHeight;
  // A side as tall as its lanes, each as tall as its longest label's lines (a line a lane had been
  // counted: a label of 144 phases by month left the row taller than a page, and it was dropped).
  const lanes = (phases: readonly Phase[]) => Math.max(1, laneOf(phases, period).length) + (phases.some((p) => p.note) ? 1 : 0);
  const sideHeight = (phases: readonly Phase[]) => Math.max((size * lh + 5) * lanes(phases), stripHeight(phases, period, yearWidth, size, lh) + 3);
  const height = size * lh + 5 + sideHeight(s.new) + sideHeight(s.old) + 6;
  const line = (tag: string, content: Content): Content => ({
    columns: [{ text: tag, width: TAG_WIDTH, bold: true, fontSize: size, margin: [0, 1, 0, 0] }, content],
    columnGap: 2, margin: [0, 0, 0, 3],
  } as Content);
  // The year headings alone: the strip of no phase, without its empty bar row.
  // (drawing only when tagged: each bar reads as its years and label)
  const headingLine = (): Content => {
    const headings = artifact(scheduleStrip([], period, { yearWidth, header: true, fontSize: size }, ctx));
    headings.table.body.length = 1;
    return line("", headings as Content);
  };
  // A row that may break between pages: each side under year headings of its own, the one heading
  // line above both had stood on the first page alone, the bars on the next under no year.
  const own = rowBreaks(height + 5, src, ctx);
  const tall = (phases: readonly Phase[]) => !fitsPage(sideHeight(phases), src.kind, ctx);
  const strip = (phases: readonly Phase[], ownYears?: Period) => {
    // a strip taller than a page breaks between pages (kept whole, pdfmake drops it), its year
    // headings a header row pdfmake repeats on each page
    const table = scheduleStrip(phases, period, { yearWidth, header: tall(phases), fontSize: size, ...(ownYears ? { own: ownYears } : {}), outsideText: s.outside }, ctx);
    if (tall(phases)) table.table.dontBreakRows = false;
    return { ...table, width: "*" };
  };
  const side = (tag: string, phases: readonly Phase[], ownYears?: Period): Content => {
    if (!phases.length) return line(tag, { text: s.none, width: "*", fontSize: size, color: theme.colours.muted, margin: [2, 1, 0, 0] } as Content);
    // (a side that fits a page kept on one page with its headings)
    return !own || tall(phases) ? line(tag, strip(phases, ownYears) as Content) : { stack: [headingLine(), line(tag, strip(phases, ownYears) as Content)], unbreakable: true } as Content;
  };
  const sides = [side(s.newLabel, s.new, s.newPeriod), side(s.oldLabel, s.old, s.oldPeriod)];
  return own
    ? { cell: { stack: sides, colSpan: 2 } as TableCell, height: height + size * lh + 5 }
    : { cell: { stack: [headingLine(), ...sides], colSpan: 2 } as TableCell, height };
}

export function drawChanges(node: ChangesNode, src: DrawSource, ctx: RenderContext, runs: (text: Text) => Run[]): Content {
  const { theme } = ctx;
  const size = theme.sizes.table;
  const lh = theme.lineHeight;
  const body = pageGeometry(src.kind, ctx).bodyWidth;
  const column = (body - LABEL_WIDTH - 3 * PAD - 2) / 2;
  const titleCell = {
    text: runs(node.title), colSpan: 3, bold: true, fontSize: theme.sizes.body, fillColor: theme.colours.zebra,
    ...(node.outline ? { id: node.outline.id, outline: true, outlineText: node.outline.text ?? plain(node.title),
      ...(node.outline.parent ? { outlineParentId: node.outline.parent } : {}) } : {}),
  } as TableCell;
  let height = (theme.sizes.body + size) * lh + 16;
  const rows: TableCell[][] = [];
  let tallest = 0;
  for (const r of node.rows) {
    const label = { text: keepRuns(r.label), bold: true, fontSize: size, color: theme.colours.muted } as TableCell;
    if ("schedule" in r) {
      // A cell spanning two columns has their widths and the padding between them less its own;
      // the strip's own rules take a few points more.
      const { cell, height: h } = scheduleCell(r.schedule, 2 * column - 8, src, ctx);
      rows.push([label, cell, {}]);
      tallest = Math.max(tallest, h + 5);
      height += h + 5;
    } else {
      rows.push([label, { text: runs(r.new), fontSize: size } as TableCell, { text: runs(r.old), fontSize: size } as TableCell]);
      const rowHeight = Math.max(textHeight(plain(r.new), size, column, lh), textHeight(plain(r.old), size, column, lh)) + 5;
      tallest = Math.max(tallest, rowHeight);
      height += rowHeight;
    }
  }
  // The 新 and 旧 columns by width, not "*": pdfmake widens star columns to the widest minimum of
  // any of them, and the schedule strip's minimum, spread over both, had widened the block with a
  // long old text and an empty new one (追加, 削除) past the margin, its columns split off-centre.
  const table = dataTable({ widths: [LABEL_WIDTH, column, column], header: [...node.header], rows }, ctx) as { table: { headerRows: number; body: TableCell[][]; dontBreakRows: boolean } };
  if (rowBreaks(tallest, src, ctx)) table.table.dontBreakRows = false;
  // The heading row goes above the column words; both repeat if the block continues on a page.
  table.table.body.unshift([titleCell, {}, {}]);
  table.table.headerRows = 2;
  return card([table as Content], height, src.kind, ctx);
}
