// Tables for every PDF: a header row repeated on each page the table continues on, rows never
// split, the theme's rules and header fill, text with keep-together runs.
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { RenderContext } from "../../context.js";
import type { Theme } from "../../theme/schema.js";
import { FILLS_ROW } from "./layouts.js";
import { role } from "./tags.js";
import { capacityOf, keepRuns, phraseRuns } from "./text.js";

export interface TableSpec {
  widths: (number | "*" | "auto")[];
  header: string[];
  rows: (string | TableCell)[][];
  fontSize?: number;
  /** Align a column (e.g. counts to the right). */
  align?: ("left" | "center" | "right")[];
}

/** A template's column alignment: "number" (a No column) as the theme aligns No in every document. */
export const columnAlign = (align: "left" | "center" | "right" | "number" | undefined, theme: Theme): "left" | "center" | "right" =>
  align === "number" ? theme.numberAlign : align ?? "left";

/** A cell from text (keep-together runs applied) or an already built cell. */
function cell(value: string | TableCell, fontSize: number, alignment: string | undefined): TableCell {
  if (typeof value !== "string") return value;
  return { text: keepRuns(value), fontSize, ...(alignment ? { alignment } : {}) } as TableCell;
}

/** What a column of `width` holds (padding taken off); undefined for "*" and "auto". */
export function capacityFor(width: number | "*" | "auto" | undefined, fontSize: number): number | undefined {
  return typeof width === "number" ? capacityOf(width - 2 * CELL_PAD, fontSize) : undefined;
}

const CELL_PAD = 4;
const PAD_TOP = 2.5;
const PAD_BOTTOM = 2;
const RULE = 0.5;

/**
 * Lines inside one cell that spans the last `widths.length` columns of a row (one project, a line
 * per reporting department): a table without outer rules, set into the cell's padding, so its
 * columns and rules line up with the host table's.
 */
export function subRowsCell(rows: TableCell[][], widths: TableSpec["widths"], ctx: RenderContext): TableCell {
  return {
    colSpan: widths.length,
    [FILLS_ROW]: true,
    margin: [-CELL_PAD, -PAD_TOP, -CELL_PAD, -PAD_BOTTOM],
    table: { widths, body: rows, dontBreakRows: true },
    layout: {
      hLineWidth: (i: number) => (i === 0 || i === rows.length ? 0 : RULE),
      vLineWidth: (i: number) => (i === 0 || i === widths.length ? 0 : RULE),
      hLineColor: () => ctx.theme.colours.rule,
      vLineColor: () => ctx.theme.colours.rule,
      paddingLeft: () => CELL_PAD,
      paddingRight: () => CELL_PAD,
      paddingTop: () => PAD_TOP,
      paddingBottom: () => PAD_BOTTOM,
    },
  } as TableCell;
}

export function dataTable(spec: TableSpec, ctx: RenderContext): Content {
  const { theme } = ctx;
  const size = spec.fontSize ?? theme.sizes.table;
  const header = spec.header.map((h, i) => ({ text: phraseRuns(h, capacityFor(spec.widths[i], size)), bold: true, fontSize: size, fillColor: theme.colours.headerFill, alignment: "center" }) as TableCell);
  const body = spec.rows.map((r) => r.map((v, i) => cell(v, size, spec.align?.[i])));
  return role({
    // A copy: pdfmake turns the widths it is given into objects in place, and the template's array
    // is read again by the next layout (a document laid out twice to keep headings with their
    // tables), which then took every column for "*": its cells' capacities and heights were lost.
    table: { headerRows: 1, dontBreakRows: true, widths: [...spec.widths], body: [header, ...body] },
    layout: {
      hLineWidth: () => RULE,
      vLineWidth: () => RULE,
      hLineColor: () => theme.colours.rule,
      vLineColor: () => theme.colours.rule,
      paddingLeft: () => CELL_PAD,
      paddingRight: () => CELL_PAD,
      paddingTop: () => PAD_TOP,
      paddingBottom: () => PAD_BOTTOM,
    },
    lineHeight: 1.25,
  }, "Table") as Content;
}
