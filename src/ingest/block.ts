// A header block of the plan table as header.ts reads it (its rows, which column holds what,
// which year each schedule column stands for), the table of blocks, and the small readings of
// header cells that header.ts and columns.ts share.
import type { ColumnKey } from "../config/schema.js";
import { INVISIBLE_CHARS, stripHtml } from "../normalise/text.js";
import type { GridRow } from "./grid.js";
import type { FillLegend, Legend } from "./legend.js";

export type Columns = Partial<Record<ColumnKey, number>>;

export interface Block {
  headerRows: GridRow[];
  columns: Columns;
  /** Schedule column → fiscal year, after alignment. */
  years: Map<number, number>;
  dataRows: GridRow[];
  /** Cells a data row must have at least (the last labelled column + 1); fewer is a cut row. */
  expectedCells: number;
  /** Columns whose header wording planpress does not know: never read, never taken for years. */
  unknown: Map<number, string>;
  /** Header cells read through a synonym (所管課 → 担当課), for the info diagnostic. */
  synonyms: { col: number; row: GridRow; wording: string; key: ColumnKey }[];
  /** Year labels written in two forms (令和7年度（2025年度）, R7⏎2025). */
  composite: { col: number; row: GridRow; text: string; year: number; conflict?: number }[];
  /** The first year label read with the era of a label on its left (9年度 after 令和8年度). */
  carried?: { col: number; row: GridRow; text: string; year: number };
  /** The first year label written as a calendar year (`令和8年`, `2026年`), read as that fiscal year. */
  calendar?: { col: number; row: GridRow; text: string; year: number };
  /** The first year label written as the fiscal year's first day (`2026/4/1`), read as that fiscal year. */
  firstDay?: { col: number; row: GridRow; text: string; year: number };
  /** Columns whose header names a key another column already took (`基本施策` | `施策の方向`): not read (PP245). */
  twice?: Map<number, { key: ColumnKey; first: number }>;
  /** Year labels without their era (`8年度`, or `8` under `年度`), by column: never guessed (PP222). */
  eraless?: Map<number, { row: GridRow; text: string }>;
  /** The name column's header says each name has its departments in brackets (`事業名（担当課）`) and no 担当課 column is there (PP256). */
  namesWithDepartments?: { row: GridRow; text: string; departmentLike: (text: string) => boolean };
  /** The name column's header says its cells hold each description under the name (`事業名・内容`) and no 事業内容 column is there (PP264). */
  namesWithDescriptions?: { row: GridRow; text: string };
  /** Further numbered columns of a key (`担当課2`, `担当課3` after `担当課1`): their cells follow the first's (PP253). */
  more?: { key: ColumnKey; col: number; row: GridRow; text: string }[];
  /** Year labels counting the plan's years (`1年目`), by column: read only with a stated period (PP249, PP250). */
  planYears?: Map<number, { row: GridRow; text: string }>;
  /** The first year label read with the era of a group above it (`令和` over `8 | 9 | 10`). */
  eraGroup?: { col: number; row: GridRow; text: string; label: string; year: number };
  /** A last column for the years after the period (令和12年度以降, R12～). */
  beyond?: { col: number; row: GridRow; text: string; year: number };
  /** The departments' header says its brackets hold related departments (担当課（関係課）). */
  relatedInBrackets?: true;
  /** Year columns under a group that is no schedule (事業費（千円）| R8 R9 …): never read (otherYearRuns). */
  notSchedule?: Set<number>;
  /** A second column named as the No (番号 | 通し番号): see `chooseNo`. */
  otherNo?: { col: number; row: GridRow; wording: string; synonym: boolean };
  /** A column of the 部 beside the 課 (担当部 | 担当課): not read while there is a 課 column. */
  division?: { col: number; row: GridRow; text: string };
  /** The 取組 column is a level over rows that are 取組 themselves (`推進項目` over `取組No | 取組事項`): it may be the plan's one level. */
  initiativeOverRows?: true;
  /** A 取組 column empty on every row, not read (`emptyInitiatives`, PP248). */
  emptyColumn?: number;
  /** A column saying each row is the plan (計画) or what was done (実績): see `actualRows`. */
  rowKind?: number;
  /** A column naming the phase each row's marks in the years draw (取組段階 | 検討 | ● | ●): see `phaseColumn`. */
  phaseColumn?: number;
  /** A plan without year columns: the column of its schedule in words (timing.ts). */
  timing?: {
    col: number; row: GridRow; text: string; end?: number;
    /** A table of a row per project and year: the column of each year's phase, and the rows that go on with the project above. */
    byRow?: { phase: number; further: ReadonlySet<GridRow>; was?: "description" | "remarks" };
  };
  /** Header cells naming a part of a fiscal year (上期, 4-6月), by column: see yearParts. */
  parts: Map<number, { label: string; row: GridRow }>;
  /**
   * Columns per fiscal year (1, or 2 for 上期・下期, 4 for quarters …): the years' columns are
   * consecutive, each year's parts in the same order.
   */
  perYear: number;
  /** Columns that each stand for several years (前期（R8～R9）| 後期（R10～R12）): `years` holds their first. */
  ranges?: Map<number, { from: number; to: number }>;
}

export interface Table {
  blocks: Block[];
  title?: { text: string; row: GridRow };
  period: { start: number; end: number } | null;
  /** No period, and why was said where the reading found it out (PP251, PP252): not "period unknown" (PP208). */
  periodSaid?: true;
  /** Hierarchy levels without a column, given by heading rows inside the table (sections.ts). */
  sections: ColumnKey[];
  /** A legend of the schedule's marks written in the file (legend.ts). */
  legend?: Legend;
  /** A legend of the colours the schedule's bars are filled in (xlsx; legend.ts). */
  fillLegend?: FillLegend;
}

/** A header cell's words to compare: compatibility forms folded, spaces and invisible controls (ZWSP) left out. */
export function squash(text: string): string {
  return withoutHtml(text).normalize("NFKC").replace(SPACE_OR_INVISIBLE, "");
}

/** A header's words without HTML residue (`事業<br>名`, `令和8<br>年度`, `&nbsp;`): a tag is a space. */
export const withoutHtml = (text: string): string => (/[<&]/.test(text) ? stripHtml(text).text : text);
const SPACE_OR_INVISIBLE = new RegExp(`[\\s${INVISIBLE_CHARS}]+`, "gu");

export const isBlank = (row: GridRow): boolean => row.cells.every((c) => !c.trim());

export const looksLikeNo = (text: string | undefined) => /^\s*(no\.?\s*)?[0-9０-９]+(?:[.．][0０]*)?\s*$/i.test(text ?? "");

/** The header row that heads column `col` (its first one with words there). */
export const headerRowOf = (block: Block, col: number): GridRow => block.headerRows.find((r) => (r.cells[col] ?? "").trim()) ?? block.headerRows[0]!;

/** A column's own header words: its last header row's (a group word may stand above them). */
export const headerWords = (block: Block, col: number): string => block.headerRows.map((r) => (r.cells[col] ?? "").trim()).filter(Boolean).pop() ?? "";

/** The header row holding a column's own words (headerWords'): its last one with words there. */
export const wordsRowOf = (block: Block, col: number): GridRow | undefined => block.headerRows.findLast((r) => (r.cells[col] ?? "").trim());

/** The words in column `col` of a block's data rows, each trimmed, empty cells left out. */
export const columnValues = (block: Block, col: number): string[] => block.dataRows.map((r) => (r.cells[col] ?? "").trim()).filter(Boolean);

const KEY_LABEL: Record<ColumnKey, string> = {
  no: "No", policy: "基本方針", measure: "施策", initiative: "取組", name: "事業",
  departments: "担当課", description: "事業内容", remarks: "備考", relatedDepartments: "関係課",
  policyNumber: "基本方針番号", measureNumber: "施策番号", initiativeNumber: "取組番号", allDepartments: "各課", relist: "再掲",
};
/** A column key as staff call it, for messages. */
export function columnLabel(key: ColumnKey): string {
  return KEY_LABEL[key];
}
