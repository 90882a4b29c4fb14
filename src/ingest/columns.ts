// Columns decided by what lies under a header, not by its wording alone: which of two No columns
// is the No, a No column left without a header, a 部 column beside the 課, a 取組 column that names
// each row, brackets of related departments, 基本方針 headings above a header (or in a sheet's
// name), and what follows the plan after a blank row. Each said with its place (header.ts calls them).
import type { ColumnKey } from "../config/schema.js";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { type Block, columnLabel, columnValues, headerRowOf, headerWords, isBlank, looksLikeNo, squash } from "./block.js";
import { type Grid, type GridRow, placeOf, singleText } from "./grid.js";
import { headingShape, headingText, isTotalsRow } from "./sections.js";
import { wordy } from "./legend.js";
import { NOTHING } from "../normalise/text.js";

/**
 * A line right above a header that heads a 基本方針 (`基本方針1　市民サービス`, `基本目標２ …`,
 * `Ⅰ …`, `第1章 …` — a workbook of one sheet per 基本方針 titles each sheet so), in a plan with no
 * 基本方針 column: the heading of the rows below (read as heading rows are, PP224), not the plan's
 * title. Where the table has heading rows of its own, only a line numbered as one of them is
 * (`基本方針1 …` over the header, `基本方針2 …` further down). Returns the lines so taken.
 */
export function policyHeadingsAbove(grid: Grid, blocks: Block[], spans: [number, number][], legends: ReadonlySet<GridRow | undefined> = new Set()): Set<GridRow> {
  const rows = grid.rows;
  const taken = new Set<GridRow>();
  if (blocks.some((b) => b.columns.policy !== undefined)) return taken;
  // With heading rows in the table (基本方針2 … further down), only a line numbered as they are.
  const inTable = blocks.flatMap((b) => b.dataRows.flatMap((r) => headingText(r, b) ?? []));
  const shapes = new Set(inTable.map(headingShape));
  blocks.forEach((block, i) => {
    let at = spans[i]![0] - 1;
    // over blank lines, a legend and notes (※…) between the heading line and the header (the
    // sheet's name had stood in for the 基本方針, 「基本目標1」)
    while (at >= 0 && (isBlank(rows[at]!) || legends.has(rows[at]) || NOTE_LINE.test(singleText(rows[at]!) ?? ""))) at--;
    const row = rows[at];
    const text = row && at > (spans[i - 1]?.[1] ?? -1) ? singleText(row) : null;
    if (!row || !text || !POLICY_HEADING.test(text.normalize("NFKC").trim())) return;
    if (inTable.length && !shapes.has(headingShape(text))) return;
    block.dataRows.unshift(row);
    taken.add(row);
  });
  // A sheet named after its 基本方針 (`基本目標1`, `基本方針2 行政運営`), with no such line and no
  // heading rows: its name heads its rows, as a line above the header would.
  const sheet = grid.sheet?.trim();
  if (!taken.size && !inTable.length && sheet && (POLICY_HEADING.test(sheet.normalize("NFKC")) || grid.numberedSheet) && blocks[0]) {
    const named: GridRow = { line: blocks[0].headerRows[0]!.line, cells: [sheet] };
    blocks[0].dataRows.unshift(named);
    taken.add(named);
  }
  return taken;
}
/**
 * A line naming a 基本方針 by its number (a title after it may follow), tested in NFKC: Ⅰ is then I
 * (the Roman numerals had never matched), 【基本目標１】 in brackets too.
 */
const POLICY_HEADING = /^(?:[【[]\s*)?(?:(?:基本方針|基本目標|目標|方針|政策|分野|施策の柱|柱)\s*(?:\d+|[IVX]{1,4}(?![A-Za-z]))|[IVX]{1,4}(?![A-Za-z])|第\s*[\d一二三四五六七八九十]+\s*章)(?:\s*[】\]]|[\s.:：、]|$)/u;

/** A departments header whose note names related departments: `担当課（関係課）`, `所管課(協力課等)`. */
const RELATED_NOTE = /[（(](?:関係|関連|協力|連携|支援|共同|参加)(?:課|部署|部課|所管|課室)?等?[)）]$/u;

/**
 * A 部 column: the departments when there is no 課 column (read as a synonym, PP211), else not
 * read — the department files are the 課' — and said once (PP239).
 */
export function divisions(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  let said = false;
  for (const b of blocks) {
    const d = b.division;
    if (!d) continue;
    if (b.columns.departments === undefined) {
      b.columns.departments = d.col;
      b.synonyms.push({ col: d.col, row: d.row, wording: d.text, key: "departments" });
    } else if (!said) {
      said = true;
      const dept = b.columns.departments;
      bag.add("PP239", placeOf(grid, d.row, d.col), { division: d.text, departments: headerWords(b, dept).replace(/\s+/g, " ") });
    }
  }
}

/**
 * Two columns named as the No (`番号` with 1-1-1, `通し番号` with 1, 2, 3): the No is the one whose
 * every value is a number, each once (a 番号 that starts again at 1 in each 基本方針 beside a
 * 通し番号); the other is said and not read (PP240). Both alike: the first, as with any column
 * named twice.
 */
export function chooseNo(grid: Grid, block: Block, bag: DiagnosticBag): void {
  const other = block.otherNo;
  if (!other || block.columns.no === undefined) return;
  const score = (col: number) => {
    const values = columnValues(block, col);
    if (!values.length || !values.every(looksLikeNo)) return 0;
    return new Set(values.map(squash)).size === values.length ? 2 : 1;
  };
  const first = block.columns.no;
  const [kept, left] = score(other.col) > score(first) ? [other.col, first] : [first, other.col];
  if (kept !== first) {
    block.columns.no = kept;
    block.synonyms = block.synonyms.filter((s) => !(s.key === "no" && s.col === first));
    if (other.synonym) block.synonyms.push({ col: other.col, row: other.row, wording: other.wording, key: "no" });
  }
  bag.add("PP240", placeOf(grid, headerRowOf(block, left), left), { label: headerWords(block, left), no: headerWords(block, kept) });
}

/**
 * A No column whose header was left blank, as Excel tables often have it: left of every labelled
 * column, its header cells empty, a number on every row that names a project, rising down the
 * table. Anything else in it, or a row named without a number, and No stays missing (PP204).
 */
export function noFromBlankHeader(grid: Grid, block: Block, bag: DiagnosticBag): void {
  const nameCol = block.columns.name ?? block.columns.initiative;
  if (block.columns.no !== undefined || nameCol === undefined) return;
  const first = Math.min(...Object.values(block.columns), ...block.years.keys());
  const named = block.dataRows.filter((r) => (r.cells[nameCol] ?? "").trim());
  for (let c = 0; c < first; c++) {
    if (block.headerRows.some((r) => (r.cells[c] ?? "").trim())) continue;
    // the rows that name a project: a note under the table (※…) is none of them
    const values = named.map((r) => (r.cells[c] ?? "").trim());
    if (values.length < 2 || !values.every((v) => v && looksLikeNo(v))) continue;
    const numbers = values.map((v) => Number(v.normalize("NFKC").replace(/[^0-9]/g, "")));
    if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1]!)) continue;
    block.columns.no = c;
    bag.add("PP236", placeOf(grid, block.headerRows[block.headerRows.length - 1]!, c), { first: values[0]!, last: values[values.length - 1]! });
    return;
  }
}

/**
 * What follows the plan at the end of the file, after a blank row, with no project in it (a
 * reference table 参考：用語の説明 | 用語 | 説明, notes): not the plan's rows, said once (PP337)
 * instead of an error at each. Rows with a No or a project's name keep the table going.
 */
export function trailingMatter(grid: Grid, after: GridRow[], block: Block, bag: DiagnosticBag): void {
  const { no, name } = block.columns;
  const project = (r: GridRow) => (no !== undefined && looksLikeNo(r.cells[no])) || (name !== undefined && !!r.cells[name]?.trim());
  let lastProject = -1;
  after.forEach((r, i) => { if (project(r)) lastProject = i; });
  if (lastProject < 0) return;
  let gap = after.findIndex((r, i) => i > lastProject && isBlank(r));
  // footnotes right under the last project (※1 …, no blank row between), in the table's first
  // column, or under its totals row (計 | 3事業, said as such, PP362), where one text alone is a
  // note wherever it stands (※2 …, 出典：…: they had each been a warning, PP327)
  const under = after.slice(lastProject + 1, gap < 0 ? after.length : gap);
  const totals = under.some(isTotalsRow);
  const noteBelow = (r: GridRow) => isFootnote(r, block) || (totals && noteText(r));
  if (under.some((r) => !isTotalsRow(r)) && under.every((r) => isTotalsRow(r) || noteBelow(r))) gap = lastProject + 1;
  if (gap < 0) return;
  const matter = new Set(after.slice(gap).filter((r) => !isBlank(r) && !isTotalsRow(r)));
  const kept = block.dataRows.filter((r) => !matter.has(r));
  if (kept.length === block.dataRows.length) return;
  const first = block.dataRows.find((r) => matter.has(r))!;
  block.dataRows = kept;
  // notes under the table (※スケジュールは予定です, （注）…) are how plans end: said as such, not as a warning
  const notes = [...matter].every(noteText);
  bag.add(notes ? "PP341" : "PP337", placeOf(grid, first, first.cells.findIndex((c) => c.trim())),
    { rows: matter.size, text: (first.cells.find((c) => c.trim()) ?? "").trim().slice(0, 40) });
}

/** A line of one text that is a note: `※…`, `＊…`, `注1 …`, `（注）…`, `注：…`. */
export const NOTE_LINE = /^\s*(?:[※＊*]|[（(]?注\s*[0-9０-９]*[）):：]|注[0-9０-９]+\s)/u;
/** A line under a table naming its source: `出典：…`, `資料：…`. */
const SOURCE_LINE = /^\s*(?:出典|出所|資料|データ出典)\s*[:：]/u;
const noteText = (r: GridRow): boolean => { const t = singleText(r) ?? ""; return NOTE_LINE.test(t) || SOURCE_LINE.test(t); };

/**
 * A footnote of the table: a note alone on its line, in the table's first column (not a remark
 * row's ※ under a year or the description, which is the note of a project).
 */
export function isFootnote(row: GridRow, block: Block): boolean {
  const text = singleText(row);
  const first = Math.min(...Object.values(block.columns).filter((c): c is number => c !== undefined));
  return text !== null && NOTE_LINE.test(text) && row.cells.findIndex((c) => c.trim()) <= first;
}

/** A level's number alone in a cell: 1, （２）, ③, Ⅳ, 1-2, 第1. */
const NUMBER_ONLY = /^(?:第?[0-9０-９]{1,3}(?:[-‐－][0-9０-９]{1,3})*[.．)）]?|[(（][0-9０-９]{1,3}[)）]|[①-⑳]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[ア-ン])$/u;

/**
 * `基本方針 | 基本方針名` (`施策 | 施策名`, `取組 | 取組名`): where the first column of a level's wording
 * holds its numbers only and the second its names, the first is the level's number column and
 * the second its name (each said as a wording read as another, PP211). The names had been set
 * aside (PP245) and the level printed as 「1」.
 */
export function numbersBesideNames(blocks: Block[]): void {
  const levels = [["policy", "policyNumber"], ["measure", "measureNumber"], ["initiative", "initiativeNumber"]] as const;
  for (const b of blocks) {
    for (const [key, numberKey] of levels) {
      const first = b.columns[key];
      const second = laterTwin(b, key);
      if (first === undefined || second === undefined || b.columns[numberKey] !== undefined) continue;
      const numbers = columnValues(b, first).map(squash).filter(Boolean);
      const names = columnValues(b, second).map(squash).filter(Boolean);
      if (!numbers.length || !numbers.every((v) => NUMBER_ONLY.test(v)) || !names.length || names.every((v) => NUMBER_ONLY.test(v))) continue;
      readAs(b, first, numberKey);
      readAs(b, second, key);
    }
  }
}

const LEVELS = ["policy", "measure", "initiative"] as const;
const isLevel = (key: ColumnKey): boolean => (LEVELS as readonly ColumnKey[]).includes(key);

/**
 * A plan whose headers name one level twice (`基本目標 | 基本施策 | 施策`, `分野 | 基本目標 | 施策`,
 * `基本目標 | 施策 | 施策の方向`): its level columns, all left of the names, are read left to right as
 * 基本方針, 施策, 取組 (PP269). A column had been set aside as a level too many (PP245) and the
 * projects of two 施策 filed under one. Of more than three, the first three are read and the rest
 * set aside (PP245): the levels read keep every project under its own (a middle level left out
 * had merged the 取組 numbered ① of two 施策). After numbersBesideNames and nameFromInitiative,
 * which read such twins as a number column or the names.
 */
export function levelsByPosition(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  let said = false;
  for (const b of blocks) {
    const name = b.columns.name;
    const twins = [...(b.twice ?? [])].filter(([, t]) => isLevel(t.key));
    if (name === undefined || !twins.length) continue;
    const cols = [...LEVELS.flatMap((k) => (b.columns[k] === undefined ? [] : [b.columns[k]!])), ...twins.map(([c]) => c)].sort((x, y) => x - y);
    if (cols.some((c) => c > name)) continue;
    const read = cols.slice(0, LEVELS.length);
    const before = read.map((c) => headerWords(b, c).replace(/\s+/g, " ").trim());
    for (const k of LEVELS) delete b.columns[k];
    b.synonyms = b.synonyms.filter((x) => !isLevel(x.key));
    read.forEach((c, i) => readAs(b, c, LEVELS[i]!));
    for (const c of cols.slice(LEVELS.length)) {
      (b.twice ??= new Map()).set(c, { key: "initiative", first: read.at(-1)! });
      b.unknown.set(c, headerWords(b, c));
    }
    if (said) continue;
    said = true;
    bag.add("PP269", placeOf(grid, headerRowOf(b, read[0]!), read[0]!), { labels: before.map((l) => `「${l}」`).join(""), levels: read.map((_, i) => columnLabel(LEVELS[i]!)).join("・") });
  }
}

/** A later column headed in the words of `key`'s level, set aside beside the one read (PP245 otherwise). */
const laterTwin = (b: Block, key: ColumnKey): number | undefined =>
  [...(b.twice ?? [])].find(([col, t]) => t.key === key && col > (b.columns[key] ?? Infinity))?.[0];

/** Column `col` read as `key`: no longer set aside; said (PP211) where its words are another key's. */
function readAs(b: Block, col: number, key: ColumnKey): void {
  const twin = b.twice?.get(col);
  b.columns[key] = col;
  b.twice?.delete(col);
  b.unknown.delete(col);
  b.synonyms = b.synonyms.filter((x) => x.col !== col);
  if (twin?.key !== key) b.synonyms.push({ col, row: headerRowOf(b, col), wording: headerWords(b, col).trim(), key });
}

/**
 * `取組 | 主な取組` and no 事業 column: the later column of 取組 wording, a name on every numbered row
 * and none twice, names the projects, and the first stays the 取組 level (said as a wording read
 * as another, PP211). The first had been taken for the names (①電子申請の推進, its mark kept) and
 * the column of names set aside (PP245). With no No column, a 取組番号 column right of the first
 * (`推進項目` over `番号 | 項目名`, or `推進項目`, then `取組No | 取組事項`), a number on each named row
 * and none twice, is the No: the first 取組 column is the level above the rows, which had been
 * read as the projects' No and names (the 取組 rows set aside, PP245, and the plan refused, PP204).
 */
function nameFromSecondInitiative(blocks: Block[]): boolean {
  const second = (b: Block) => laterTwin(b, "initiative");
  // (a 取組番号 right of the first 取組 column numbers the later one: 推進項目 | 取組No | 取組事項)
  const noOf = (b: Block) => b.columns.no ?? [b.columns.initiativeNumber, laterTwin(b, "initiativeNumber")].find((c) => c !== undefined && c > b.columns.initiative!);
  if (!blocks.every((b) => second(b) !== undefined && noOf(b) !== undefined)) return false;
  const seen = new Set<string>();
  const numbers = new Set<string>();
  for (const b of blocks) {
    for (const row of b.dataRows) {
      const no = row.cells[noOf(b)!] ?? "";
      const name = squash(row.cells[second(b)!] ?? "");
      // (a 取組番号 read as the No must number every named row, each once: else no guess)
      if (b.columns.no === undefined && name && (!looksLikeNo(no) || numbers.has(squash(no)))) return false;
      numbers.add(squash(no));
      if (!looksLikeNo(no)) continue;
      if (!name || seen.has(name)) return false;
      seen.add(name);
    }
  }
  if (seen.size < 2) return false;
  for (const b of blocks) {
    if (b.columns.no === undefined) {
      const no = noOf(b)!;
      if (b.columns.initiativeNumber === no) delete b.columns.initiativeNumber;
      readAs(b, no, "no");
      b.initiativeOverRows = true;
    }
    readAs(b, second(b)!, "name");
  }
  return true;
}

/**
 * A plan whose numbered rows are its 取組 (`No | 施策 | 取組名 | 担当課 | R8 …`, no 事業 column):
 * the 取組 column names each row, so it is the projects' name column. Only when it holds one
 * name per numbered row and no name twice — a 取組 that groups projects is written once per
 * group or repeated, and then the projects' names are missing (PP204). Numbered by a `取組番号`
 * column and no No column: that column is the No when its values are numbers, each once (PP246).
 */
export function nameFromInitiative(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  const lacking = blocks.filter((b) => b.columns.name === undefined && b.columns.initiative !== undefined);
  if (!lacking.length || blocks.some((b) => b.columns.name !== undefined)) return;
  if (lacking.length !== blocks.length) return;
  if (nameFromSecondInitiative(blocks)) return;
  // A column of unknown wording that names projects (`事業の名前`, `名称等`) may be the names: no guess (PP204)
  if (blocks.some((b) => [...b.unknown.values()].some((label) => /事業|名称/u.test(label)))) return;
  // 取組番号 | 取組名 with no No column: the rows' numbers are the 取組番号 (a serial, checked below)
  const numbered = blocks.every((b) => b.columns.no === undefined && b.columns.initiativeNumber !== undefined);
  const noOf = (b: Block) => (numbered ? b.columns.initiativeNumber : b.columns.no);
  if (numbered) {
    // (the rows that name a 取組: a heading row above them, 推進項目1　…, in the number's column is none)
    const values = blocks.flatMap((b) => b.dataRows.filter((r) => r.cells[b.columns.initiative!]?.trim()).map((r) => (r.cells[b.columns.initiativeNumber!] ?? "").trim()));
    if (!values.every(looksLikeNo) || new Set(values.map(squash)).size !== values.length) return;
  }
  const seen = new Set<string>();
  for (const b of blocks) {
    const no = noOf(b);
    if (no === undefined) return;
    for (const row of b.dataRows) {
      if (!looksLikeNo(row.cells[no])) continue;
      const name = squash(row.cells[b.columns.initiative!] ?? "");
      if (!name || seen.has(name)) return;
      seen.add(name);
    }
  }
  if (seen.size < 2) return;
  const first = blocks[0]!;
  const col = first.columns.initiative!;
  bag.add("PP235", placeOf(grid, headerRowOf(first, col), col), { label: headerWords(first, col).replace(/\s+/g, " ") });
  for (const b of blocks) {
    b.columns.name = b.columns.initiative!;
    delete b.columns.initiative;
    // (the 取組番号 read as the No is said by PP246: not also as read as 取組番号, PP211)
    b.synonyms = b.synonyms.filter((s) => s.key !== "initiative" && !(numbered && s.key === "initiativeNumber"));
    if (numbered) {
      b.columns.no = b.columns.initiativeNumber!;
      delete b.columns.initiativeNumber;
    }
  }
  if (numbered) {
    const col = first.columns.no!;
    bag.add("PP246", placeOf(grid, headerRowOf(first, col), col), { label: headerWords(first, col).replace(/\s+/g, " ") });
  }
}

/** Blocks whose departments header says its brackets hold related departments (担当課（関係課）). */
export function markRelatedInBrackets(blocks: Block[]): void {
  for (const block of blocks) {
    const dept = block.columns.departments;
    if (dept !== undefined && RELATED_NOTE.test(squash(headerWords(block, dept)))) block.relatedInBrackets = true;
  }
}

/** A project's status in the plan (新規, 継続, 拡充 …): what a `区分` column holds in many plans. */
const ONE_STATUS = "(?:新規|継続|拡充|充実|強化|改善|見直し|完了|終了|廃止|統合|休止|新|継|拡)(?:事業)?";
/** A status, or two joined (新規・拡充, 継続／見直し: 【新規・拡充】 had stayed in the name). */
const STATUS_WORD = `${ONE_STATUS}(?:\\s*[・･/／]\\s*${ONE_STATUS})*`;
/** The brackets a status is written in, as a tag (【新規】, ［拡充］, （継続）, ＜新規＞, 《新規》), both widths. */
const OPEN = "[【〔［\\[（(＜<〈《]";
const CLOSE = "[】〕］\\]）)＞>〉》]";
const PROJECT_STATUS = new RegExp(`^(?:${STATUS_WORD}|${OPEN}${STATUS_WORD}${CLOSE})$`, "u");
/**
 * A status written in brackets at a project name's start or end (`【新規】電子申請`, `窓口改善（拡充）`):
 * the plan's 区分, no part of the name. Only in brackets: a bare 新規 may begin a name (新規事業者の支援).
 */
// (also after other tags or marks there, 【重点】【新規】電子申請, ★【新規】相談: 【新規】 had stayed in the name)
const OTHER_TAGS = `(?:\\s*(?:[★☆◆◇■□◎●○◉]|${OPEN}[^【】〔〕［］\\[\\]（）()＜＞<>〈〉《》]{1,10}${CLOSE}))*`;
export const STATUS_TAG = new RegExp(`(?<=^${OTHER_TAGS})\\s*${OPEN}\\s*(${STATUS_WORD})\\s*${CLOSE}\\s*|\\s*${OPEN}\\s*(${STATUS_WORD})\\s*${CLOSE}\\s*(?=${OTHER_TAGS}\\s*$)`, "u");

/** A column of no known header whose every value is a project's status: not printed, said so (PP257). */
export const isStatusColumn = (block: Block, col: number): boolean => {
  // a dash or なし is a project of no status (― among 新規 and 継続 had left the column unknown)
  const values = columnValues(block, col).map(squash).filter((v) => !NOTHING.test(v));
  return values.length > 0 && values.every((v) => PROJECT_STATUS.test(v));
};

/** A row kind column's words: the plan's schedule, and what was done (a progress table's rows). */
export const PLAN_ROW = /^(計画|予定|当初計画|計画[（(]予定[）)]|工程|スケジュール)$/;
/** The words naming an indicator or a target (a row's kind, a name cell). */
const INDICATOR_WORDS = "(?:指標|成果指標|活動指標|評価指標|目標|目標値|数値目標|KPI)";
/** A row of a project's indicator or target under its schedule (指標（オンライン化率）| 30% | 50%): not printed, as 実績 rows. */
const INDICATOR_ROW = new RegExp(`^${INDICATOR_WORDS}(?:[（(].*[)）])?$`, "iu");
export const ACTUAL_ROW = /^(実績|結果|実施結果|進捗|進捗状況|実施状況|見込|見込み|実績見込み?|実績[（(]見込み?[）)])$/;

/**
 * A table of 計画/実績 row pairs (`区分` | 計画 on the project's row, 実績 on the row under it):
 * a column of no known header whose every word says plan or actual, the plan word on every
 * numbered row, the actual word only on rows without a No of their own (or the No of the plan
 * row above). The actual rows are no part of the plan: taken out of the table and said once
 * (PP243); the column stays unread (`unknown`), without PP209. Otherwise they were errors (a row
 * with no No), or, under a merged No, more phases of the project.
 */
export function actualRows(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  let said: { place: ReturnType<typeof placeOf>; label: string; plan: string; actual: string } | null = null;
  let count = 0;
  for (const block of blocks) {
    const no = block.columns.no;
    if (no === undefined) continue;
    for (const col of [...block.unknown.keys()]) {
      const kind = (r: GridRow) => squash(r.cells[col] ?? "");
      const notPlan = (v: string) => ACTUAL_ROW.test(v) || INDICATOR_ROW.test(v);
      const values = block.dataRows.map(kind).filter(Boolean);
      if (!values.some(notPlan) || !values.every((v) => PLAN_ROW.test(v) || notPlan(v))) continue;
      let planNo: string | null = null;
      const sure = block.dataRows.every((r) => {
        const own = squash(r.cells[no] ?? "");
        if (PLAN_ROW.test(kind(r))) { planNo = own; return true; }
        if (notPlan(kind(r))) return planNo !== null && (!own || own === planNo);
        return !looksLikeNo(r.cells[no]);
      });
      if (!sure) continue;
      const actual = block.dataRows.filter((r) => notPlan(kind(r)));
      block.dataRows = block.dataRows.filter((r) => !actual.includes(r));
      block.rowKind = col;
      count += actual.length;
      said ??= { place: placeOf(grid, headerRowOf(block, col), col), label: headerWords(block, col).replace(/\s+/g, " "),
        plan: values.find((v) => PLAN_ROW.test(v))!, actual: values.find(notPlan)! };
      break;
    }
  }
  if (said) bag.add("PP243", said.place, { label: said.label, plan: said.plan, actual: said.actual, rows: count });
}

/** A name cell saying its row is an indicator's (`目標値`, `【指標】申請件数`, `指標：申請件数 100件→500件`, `KPI（…）`). */
const INDICATOR_NAME = new RegExp(`^(?:[【［[〔<＜]\\s*${INDICATOR_WORDS}\\s*[】］\\]〕>＞]|${INDICATOR_WORDS}(?:[（(][^（()）]*[)）])?(?=$|[\\s\\u3000：:]))`, "iu");

/**
 * A project's indicator row under it (its name cell `目標値`, `【指標】申請件数` or `指標：申請件数
 * 100件→500件`, or its description cell beside figures in the years; no No of its own, nothing
 * else outside the year columns): the targets the documents do not print, as a 指標 column is not
 * (PP342). Taken out of the table and said once with the count (PP288). Each had been a project with every required cell empty (PP301 four
 * times), or a name cut from the one above (PP379). Only right under a project or another such row.
 */
export function indicatorRows(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  let first: { row: GridRow; col: number; no: string } | null = null;
  let count = 0;
  for (const block of blocks) {
    const { no, name, description } = block.columns;
    if (no === undefined || name === undefined) continue;
    const years = new Set([...block.years.keys(), ...(block.beyond ? [block.beyond.col] : [])]);
    let above: string | null = null;
    const indicators = new Set<GridRow>();
    for (const row of block.dataRows) {
      const own = (row.cells[no] ?? "").trim();
      // the row's one text outside the years: in the name column, or in the description's beside
      // figures in the years (a line there alone goes on with the description above, PP329)
      const texts = row.cells.flatMap((c, i) => (c.trim() && !years.has(i) ? [i] : []));
      const col = texts.length === 1 ? texts[0]! : -1;
      const where = col === name || (col === description && row.cells.some((c, i) => c.trim() && years.has(i)));
      const indicator = !own && above !== null && where && INDICATOR_NAME.test((row.cells[col] ?? "").trim());
      if (indicator) {
        indicators.add(row);
        first ??= { row, col, no: above! };
      } else above = looksLikeNo(own) ? own : null;
    }
    if (!indicators.size) continue;
    block.dataRows = block.dataRows.filter((r) => !indicators.has(r));
    count += indicators.size;
  }
  if (first) bag.add("PP288", placeOf(grid, first.row, first.col), { text: (first.row.cells[first.col] ?? "").trim().slice(0, 30), no: first.no.normalize("NFKC").replace(/^\s*no\.?\s*/i, ""), rows: count });
}

/** A column naming each row's phase: `取組段階`, `段階`, `フェーズ`, `実施段階`, `ステップ` (compared after squash()). */
const PHASE_HEADER = /^(?:取組|事業|実施|進捗)?(?:段階|フェーズ|ステージ|ステップ)名?$/u;

/**
 * A column of phases beside year columns marked ● (`取組段階 | 検討 | ● | ●`): each row's phase names
 * the marks (and fills) in its year cells that nothing else names (rows.ts gives it to each
 * cell), said once (PP281). It had been a column of unknown wording (PP209) and every bar an
 * unnamed 実施. Only where its header says so and every value is a phase's name (a word, not a
 * sentence nor a mark).
 */
export function phaseColumn(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  let said = false;
  for (const block of blocks) {
    if (!block.years.size) continue;
    const col = [...block.unknown.keys()].find((c) => {
      const values = columnValues(block, c).map((v) => v.trim()).filter(Boolean);
      return PHASE_HEADER.test(squash(headerWords(block, c))) && values.length > 0
        && values.every((v) => !wordy(v) && /^\p{L}/u.test(v));
    });
    if (col === undefined) continue;
    block.phaseColumn = col;
    block.unknown.delete(col);
    if (said) continue;
    said = true;
    bag.add("PP281", placeOf(grid, headerRowOf(block, col), col), { label: headerWords(block, col).replace(/\s+/g, " "), value: columnValues(block, col).find((v) => v.trim())!.trim() });
  }
}

/**
 * A 取組 column with nothing in it on any row (a template's column the plan does not use): the
 * plan has no 取組 level (read as a plan of two levels, PP218), said at the header (PP248) —
 * instead of an empty required cell on every row. Only when every block's column is empty.
 */
export function emptyInitiatives(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  const withColumn = blocks.filter((b) => b.columns.initiative !== undefined);
  if (!withColumn.length || withColumn.some((b) => columnValues(b, b.columns.initiative!).length > 0)) return;
  const first = withColumn[0]!;
  const col = first.columns.initiative!;
  bag.add("PP248", placeOf(grid, headerRowOf(first, col), col), { label: headerWords(first, col).replace(/\s+/g, " ") });
  for (const b of withColumn) {
    b.unknown.set(b.columns.initiative!, headerWords(b, b.columns.initiative!));
    b.emptyColumn = b.columns.initiative!;
    delete b.columns.initiative;
  }
}
