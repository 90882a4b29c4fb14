// Tables for every PDF: a header row repeated on each page the table continues on, rows never
// split, the theme's rules and header fill, text with keep-together runs.
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { RenderContext } from "../context.js";
import { capacityOf, keepRuns, phraseRuns } from "./text.js";

export interface TableSpec {
  widths: (number | "*" | "auto")[];
  header: string[];
  rows: (string | TableCell)[][];
  fontSize?: number;
  /** Align a column (e.g. counts to the right). */
  align?: ("left" | "center" | "right")[];
}

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

export function dataTable(spec: TableSpec, ctx: RenderContext): Content {
  const { theme } = ctx;
  const size = spec.fontSize ?? theme.sizes.table;
  const header = spec.header.map((h, i) => ({ text: phraseRuns(h, capacityFor(spec.widths[i], size)), bold: true, fontSize: size, fillColor: theme.colours.headerFill, alignment: "center" }) as TableCell);
  const body = spec.rows.map((r) => r.map((v, i) => cell(v, size, spec.align?.[i])));
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: spec.widths, body: [header, ...body] },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => theme.colours.rule,
      vLineColor: () => theme.colours.rule,
      paddingLeft: () => CELL_PAD,
      paddingRight: () => CELL_PAD,
      paddingTop: () => 2.5,
      paddingBottom: () => 2,
    },
    lineHeight: 1.25,
  } as Content;
}
