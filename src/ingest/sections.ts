// Heading rows inside the table: a plan with no 基本方針 (or 施策, 取組) column that writes each
// group as a row of its own above its projects (`基本方針1 市民サービス`, then `(1)オンライン手続`),
// often one cell merged across the sheet. Read only when the level has no column: elsewhere such
// a row is a stray line (PP327, rows.ts).
import type { ColumnKey } from "../config/schema.js";
import { type GridRow, singleText } from "./grid.js";
import { circledNumber, parseNumbered } from "../normalise/hierarchy.js";

/** What this reads of a header block (header.ts's Block, which calls it). */
interface Block { columns: Partial<Record<ColumnKey, number>>; years: Map<number, number>; dataRows: GridRow[] }

/** The levels heading rows can give, top down. */
const SECTION_LEVELS: ColumnKey[] = ["policy", "measure", "initiative"];

/**
 * A line of its own that is a note (※, 注:) or a page number (- 2 -, 2/10, 2ページ, P.2) left
 * inside the table by the export: a stray line (PP327), wherever it stands.
 */
const STRAY = /^(?:[※＊*]|注[:：\s）)]|[-‐－―]\s*[0-9０-９]+\s*[-‐－―]$|[0-9０-９]+\s*[/／]\s*[0-9０-９]+$|[0-9０-９]+\s*(?:ページ|頁)$|[pPｐＰ]\.?\s*[0-9０-９]+$)/;
export const isStrayLine = (text: string): boolean => STRAY.test(text.trim());

const COUNT_TEXT = "[0-9０-９][0-9０-９,，.．]*(?:事業|件|本|千円|万円|円|%|％)?";
/**
 * A cell naming a totals row (小計, 合計, 計, 総計, 小計（基本方針1）, 【小計】, 施策(2)計), also with its count in the
 * same cell, squashed (計 56事業, 合計：56事業: it had been a stray line, PP327, or in the name
 * column a name cut from the project above, PP379).
 */
// (also in brackets, 【小計】, ＜合計＞, and after the level it totals, 施策(2)計, 基本方針1計: each had
// been four "required cell empty" errors, PP301)
export const TOTAL_WORD = new RegExp(`^(?:[【［\\[＜<〈《]\\s*)?(?:(?:基本方針|基本目標|施策|取組|分野)[0-9０-９()（）]{0,6})?`
  + `(?:小計|中計|合計|総計|累計|集計|計|総数|事業数|件数)(?:\\s*[】］\\]＞>〉》])?(?:[（(][^（）()]*[)）])?(?:[:：]?${COUNT_TEXT})?$`, "u");
/** A count or an amount (2事業, 12件, 1,200千円, 4). */
const COUNT = new RegExp(`^${COUNT_TEXT}$`, "u");
/** A row of a total's word and counts only (計 | 3事業). */
export function isTotalsRow(r: GridRow): boolean {
  const words = r.cells.map((c) => c.replace(/[\s\u3000]+/gu, "")).filter(Boolean);
  return words.some((w) => TOTAL_WORD.test(w)) && words.every((w) => TOTAL_WORD.test(w) || COUNT.test(w));
}

/**
 * A stray line, a bare number (a No with nothing else), a remark in brackets (（単位：千円）,
 * 【参考】) or a total (小計　3事業): never a heading.
 */
const notAHeading = (text: string) => isStrayLine(text) || /^[(（]?[0-9０-９]+[)）]?$/.test(text)
  || /^[（(【［[〔<＜][^）)】］\]〕>＞]*[）)】］\]〕>＞]$/.test(text)
  // (小計　3事業 under a group's projects had been read as a heading of the level below, PP226)
  || TOTAL_WORD.test(text.replace(/[\s\u3000]+/gu, ""));

/**
 * The text of a heading row of `block`: one text in the row (one cell, or a range merged across
 * it), starting at or left of the project name and left of the years, that is no page number,
 * note or remark in brackets.
 */
export function headingText(row: GridRow, block: Block): string | null {
  const text = singleText(row) ?? numberInNoColumn(row, block);
  if (text === null) return null;
  const first = row.cells.findIndex((c) => c.trim());
  const firstYear = Math.min(Infinity, ...block.years.keys());
  const name = block.columns.name ?? Infinity;
  // (in the name column too: a row with nothing but a name is no project in such a plan)
  if (first >= firstYear || first > name || first === block.columns.remarks) return null;
  return notAHeading(text) ? null : text;
}

/**
 * A heading written as an outline in the No column, its title in the name column (`(1)` |
 * `オンライン化`, `Ⅰ` | `市民サービス`), nothing else in the row: the two as one text. A plain
 * number there (`1`) is a project's No, never a heading's.
 */
function numberInNoColumn(row: GridRow, block: Block): string | null {
  const { no, name } = block.columns;
  if (no === undefined || name === undefined) return null;
  const mark = (row.cells[no] ?? "").trim();
  const title = (row.cells[name] ?? "").trim();
  if (!mark || !title || row.cells.some((c, col) => c.trim() && col !== no && col !== name)) return null;
  if (/^[0-9０-９]+[.．]?$/.test(mark) || !headingMark(`${mark} ${title}`)) return null;
  return `${mark} ${title}`;
}

/** Whether a heading starts with a number of its own (`(1)`, `①`, `第1章`, `Ⅱ`, `基本方針1`). */
const headingMark = (text: string): boolean => headingShape(text) !== "—";

/**
 * The levels a plan's heading rows give: those that no block has a column for, when some block
 * has a heading row. Empty when there is none (the missing column is then PP204). 取組 only with
 * a level above it, and when the headings are numbered in one form more than the levels above
 * need (基本方針1, (1), ①): a plan without a 取組 column is otherwise a plan of two levels (PP218).
 * With no level column and headings of one form, the headings are its one level (基本方針).
 */
export function sectionLevels(blocks: readonly Block[]): ColumnKey[] {
  const missing = SECTION_LEVELS.filter((key) => blocks.every((b) => b.columns[key] === undefined));
  if (!missing.length) return [];
  const headings = blocks.flatMap((b) => b.dataRows.flatMap((r) => headingText(r, b) ?? []));
  if (!headings.length) return [];
  const above = missing.filter((key) => key !== "initiative");
  // Headings over 基本方針 and 施策 columns with no 取組 column are their titles, not 取組 (PP327).
  if (!above.length) return [];
  const shapes = new Set(headings.map(headingShape)).size;
  // headings of one form and no level column: the plan's one level, as a lone level column is
  // (【基本方針1】… over its projects: each project had been refused for want of a 施策 heading, PP226)
  if (shapes === 1 && above.length === 2) return ["policy"];
  return shapes > above.length ? missing : above;
}

/**
 * How a heading is numbered: its mark with the numbers as 9 (`基本方針9`, `(9)`, `第9章`, `9-(9)`),
 * circled numbers as ①, 第一 as 第九, a letter as ア or a, or `—` when it has none. Headings of
 * one level share a shape.
 */
export function headingShape(text: string): string {
  const t = text.trim();
  const mark = parseNumbered(t).mark;
  if (mark) {
    // (NFKC would read ① as 1, and Ⅱ as II: Ⅰ-1 and Ⅱ-1 are one shape)
    const shape = [...mark].map((ch) => (circledNumber(ch) !== null ? "\0" : /[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]/u.test(ch) ? "\u0001" : ch)).join("").normalize("NFKC").replace(/[0-9]+/g, "9")
      .replace(/第[一二三四五六七八九十]+/g, "第九").replace(/\0/g, "①").replace(/\u0001+/gu, "Ⅸ");
    return /[9①]/.test(shape) ? shape : shape.replace(/[ア-ン]/g, "ア").replace(/[a-z]/gi, "a");
  }
  // 基本方針1, 1 市民サービス, Ⅱ 行政運営: a number after a short word, before a space or the title
  const m = /^(\S{0,6}?)(?:([0-9０-９]+)|([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+))/.exec(t);
  if (!m) return "—";
  return `${m[1]!}${m[2] ? "9" : "Ⅸ"}`;
}

/**
 * The level of each heading, told by its shape in the order the shapes first appear (the first
 * shape is the top missing level, the next one the level below), as an outline numbers them.
 */
export class HeadingLevels {
  private readonly byShape = new Map<string, ColumnKey>();
  /** Each level's first heading, for the diagnostics. */
  readonly first = new Map<ColumnKey, string>();
  constructor(readonly levels: readonly ColumnKey[]) {}

  /** The level of a heading, or null when its shape is neither level's (a third shape). */
  levelOf(text: string): ColumnKey | null {
    const shape = headingShape(text);
    const level = this.levels.length === 1 ? this.levels[0]! : this.byShape.get(shape) ?? this.levels[this.byShape.size];
    if (!level) return null;
    this.byShape.set(shape, level);
    if (!this.first.has(level)) this.first.set(level, text);
    return level;
  }
}
