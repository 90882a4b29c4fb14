// A workbook as data: what excel.ts draws. Views decide what the sheets show; the workbook and
// form renderers turn them into these specs; excel.ts is the only place that knows exceljs.
import type { Paper } from "../../theme/paper.js";

export type CellValue = string | number | null | { formula: string; text: string };

export interface CellSpec {
  value: CellValue;
  bold?: boolean;
  italic?: boolean;
  /** Font size in pt (default: the sheet's). */
  size?: number;
  /** #RRGGBB */
  color?: string;
  /** #RRGGBB solid fill. */
  fill?: string;
  /**
   * A pattern over the fill (a theme pattern name: hatch, dots, …), the bars' second cue that
   * survives a gray print; "none" or absent for a plain fill.
   */
  pattern?: string;
  /**
   * The value as runs of text, the marked ones underlined and bold (the changed words of the
   * 新旧対照表: both survive a gray print). `value` stays the whole text.
   */
  runs?: readonly { text: string; mark: boolean }[];
  wrap?: boolean;
  align?: "left" | "center" | "right";
  /** Indent from the aligned edge, in Excel's indent steps (about one character each). */
  indent?: number;
  valign?: "top" | "middle";
  /** Thin border around the cell (style per edge is enough for tables and bars). */
  border?: "thin" | "solid" | "dashed" | "dotted" | "medium";
  /** Columns (and rows) this cell spans: it is merged with its neighbours. */
  colSpan?: number;
  rowSpan?: number;
  /** Unlocked on a protected sheet (an input cell). */
  unlocked?: boolean;
  /** A drop-down list (data validation): an inline list formula or a range, and the error shown. */
  list?: { formula: string; error: string; title: string };
  /** Vertical text (narrow header cells). */
  vertical?: boolean;
}

export interface RowSpec {
  cells: (CellSpec | null)[];
  /** Height in pt; estimated from the text and column widths when omitted. */
  height?: number;
  /** At least this many lines tall (room to type into input cells). */
  minLines?: number;
}

export interface PrintSpec {
  paper: Paper;
  orientation: "portrait" | "landscape";
  /** [left, top, right, bottom] in pt. */
  margins: readonly [number, number, number, number];
  /** Rows repeated on every printed page, e.g. [1, 1]. */
  titleRows?: readonly [number, number];
  /**
   * Columns repeated on every page when the sheet is too wide to print one page wide legibly
   * (pagesAcross in excel.ts), e.g. [1, 3]; without them it is always fitted one page wide.
   */
  titleColumns?: readonly [number, number];
  /** Left part of the page header (escaped by excel.ts). */
  headerLeft?: string;
}

/**
 * A conditional format whose condition is a formula, relative to the range's top-left cell
 * (e.g. `$F3="遅れ"` for F3:F99). Formula rules only: LibreOffice loses the text of
 * "contains text" rules when it opens or saves a file.
 */
export interface ConditionalRule {
  /** A1-style range, e.g. `F3:F99`. */
  range: string;
  formula: string;
  /** #RRGGBB fill and (optionally) text colour of matching cells. */
  fill: string;
  color?: string;
}

export interface SheetSpec {
  name: string;
  /** Column widths in Excel character units. */
  widths: readonly number[];
  rows: RowSpec[];
  /** Frozen rows above and columns left of the scrolling area. */
  freeze?: { rows: number; cols: number };
  /** Filter range: header row and the last data row (all columns). */
  autoFilter?: { headerRow: number; lastRow: number };
  print?: PrintSpec;
  /** Protect the sheet (no password: see excel.ts); unlocked cells stay editable. */
  protect?: boolean;
  state?: "visible" | "veryHidden";
  /** Applied in order; the first matching rule wins. */
  conditionalRules?: readonly ConditionalRule[];
  /** Font size of the sheet's cells in pt. */
  fontSize: number;
}

export interface WorkbookSpec {
  title: string;
  creator: string;
  subject?: string;
  keywords?: string;
  /** Every date in the file (properties, zip entries). */
  date: Date;
  font: string;
  /** #RRGGBB of cell borders. */
  ruleColour: string;
  sheets: SheetSpec[];
  /** Sheets cannot be added, removed, renamed, moved or unhidden (a form's structure). */
  lockStructure?: boolean;
}
