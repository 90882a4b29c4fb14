// How wide a template's table is as the PDFs draw it: its columns' widths, a No column widened to
// its longest No. The drawing lays tables out with these widths, and template-nodes.ts tells a
// table wider than its page from them (PP534) as it renders a template, so `check` says it too.
import type { DocNode } from "../templates/primitives.js";
import { textWidthEm } from "./char-width.js";

type TableNode = Extract<DocNode, { type: "table" }>;

/** What each column adds to its width (pt): its padding and its rule. */
export const COLUMN_SPACE = 8.5;

/**
 * A No column's width in pt: `base`, or what its longest No needs at `fontSize` when wider (a
 * three-digit No had broken in two in the 工程表, 「46／5」, a four-digit one in a template's table).
 */
export function noColumnWidth(base: number, nos: Iterable<string>, fontSize: number): number {
  let widest = 0;
  for (const no of nos) widest = Math.max(widest, textWidthEm(no));
  return Math.max(base, Math.ceil(widest * fontSize));
}

/** A template table's column widths as drawn at `fontSize`: a No column (`"number"`) as wide as its longest No needs (「100／0」 had broken). */
export function tableWidths(node: TableNode, fontSize: number): (number | "*" | "auto")[] {
  return (node.widths ?? node.header.map(() => "*" as const)).map((w, i) => (typeof w !== "number" || node.align?.[i] !== "number" ? w
    : noColumnWidth(w, node.rows.flatMap((r) => (typeof r[i] === "string" ? [r[i] as string] : [])), fontSize)));
}

/** The least width of a table (pt): its widths in pt, each column's padding and rule, two characters a "*" or "auto" column. */
export function leastTableWidth(widths: readonly (number | "*" | "auto")[], fontSize: number): number {
  const fixed = widths.reduce<number>((n, w) => n + (typeof w === "number" ? w : 0), 0);
  const stars = widths.filter((w) => typeof w !== "number").length;
  return fixed + widths.length * COLUMN_SPACE + stars * fontSize * 2;
}
