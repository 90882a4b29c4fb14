// Finds the plan table in a grid: every header block (exports repeat one per printed page),
// which column holds what (by wording, never by position), and which fiscal year each schedule
// column stands for — aligned by the data where a block's year labels are shifted or missing.
import { type ColumnKey, type Config, DEFAULT_HEADER_SYNONYMS } from "../config/schema.js";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { quoteList } from "../diagnostics/format.js";
import { parseFiscalYear, wareki, yearText } from "../fiscal.js";
import { type Block, columnLabel, columnValues, headerRowOf, headerWords, isBlank, looksLikeNo, squash, type Table, withoutHtml, wordsRowOf } from "./block.js";
import { ACTUAL_ROW, actualRows, NOTE_LINE, chooseNo, divisions, emptyInitiatives, indicatorRows, isStatusColumn, markRelatedInBrackets, levelsByPosition, nameFromInitiative, noFromBlankHeader, numbersBesideNames, phaseColumn, PLAN_ROW, policyHeadingsAbove, trailingMatter } from "./columns.js";
import { type Grid, type GridRow, placeOf, singleText } from "./grid.js";
import { sayHidden } from "./read-xlsx.js";
import { endsAsDepartment, splitDepartments } from "../normalise/departments.js";
import { foldLookalikes, removeInvisible, stripHtml } from "../normalise/text.js";
import { categorise } from "../normalise/category.js";
import { headingText, sectionLevels } from "./sections.js";
import { besideFillLegend, besideLegend, findFillLegend, findLegend, groupLegend, spreadLegend } from "./legend.js";
import { goesOn, isTimingWord, parseTiming, RANGE_DASH, startEndColumns, timingColumn, timingText } from "./timing.js";

/** No plan runs longer than this; a longer span comes from a mistyped year label. */
const MAX_PERIOD_YEARS = 20;

/** The model's own wording of each column: read without comment. */
const CANONICAL: [ColumnKey, RegExp][] = [
  ["no", /^no\.?$/i],
  ["policy", /^基本方針$/],
  ["measure", /^施策$/],
  ["initiative", /^取組$/],
  ["name", /^(事業|事業名)$/],
  ["departments", /^担当課$/],
  ["description", /^事業内容$/],
  ["remarks", /^備考$/],
  ["relatedDepartments", /^関係課$/],
  ["policyNumber", /^基本方針番号$/],
  ["measureNumber", /^施策番号$/],
  ["initiativeNumber", /^取組番号$/],
  ["allDepartments", /^各課$/],
  ["relist", /^再掲$/],
];

/**
 * A group over year labels that says they hold the schedule, in other words (`事業スケジュール`,
 * `実施工程`), or a part of the period (`前期` | `後期`, `第1期`: the year row under them had
 * been read as a project row, every year a phase outside the period).
 */
const SCHEDULE_GROUP = /(スケジュール|工程|年次計画|年度別計画|計画期間|実施年度|実施時期|事業期間)|^(?:前期|後期|中期|前半|後半|第[0-9一二三四五]期)(?:[（(].*[)）])?$/u;

/** Words of a header row above the labels that group columns (not a column's own label). */
const GROUP_WORDS = /^(スケジュール|工程|工程表|年度|年度別計画|年次計画|実施年度|計画期間|事業期間|実施時期|施策基本情報|施策プランニング|基本情報|事業計画|取組内容)([（(].*[)）])?$/;

export const REQUIRED_KEYS: ColumnKey[] = ["no", "policy", "measure", "initiative", "name"];
const OPTIONAL_KEYS: ColumnKey[] = ["departments", "description"];

/**
 * A plan of one level above its projects (`基本目標 | 事業名`, `施策 | No | 事業名`): every block has
 * the column of one level (基本方針 or 施策), the same one, and no heading rows give another. That
 * column is read as the 基本方針 (the documents' chapters, the department files' and progress
 * summary's groups), its number column with it; the projects have no 施策 (`measure` null-numbered
 * and untitled) and no 取組.
 * Returns the column as its first block names it, or null.
 */
function oneLevelColumn(blocks: Block[]): { col: number; words: string } | null {
  const LEVELS = [["policy", "policyNumber"], ["measure", "measureNumber"], ["initiative", "initiativeNumber"]] as const;
  const present = LEVELS.filter(([key]) => blocks.some((b) => b.columns[key] !== undefined));
  // a lone 取組 column is no plan's only level: the levels above it are missing (PP204) — unless
  // the rows are 取組 themselves (推進項目 over 取組No | 取組事項): it is then the level above them
  if (present[0]?.[0] === "initiative" && !blocks.every((b) => b.initiativeOverRows)) return null;
  const [level] = present;
  if (!blocks.length || present.length !== 1 || !blocks.every((b) => b.columns[level![0]] !== undefined)) return null;
  const [key, numberKey] = level!;
  const col = blocks[0]!.columns[key]!;
  // (in the words said for it: 「推進項目 項目名」 for a name under its level's group, not 「項目名」)
  const words = blocks[0]!.synonyms.find((s) => s.col === col)?.wording ?? headerWords(blocks[0]!, col);
  const first = { col, words: words.replace(/\s+/g, " ") };
  if (key === "policy") return first;
  for (const b of blocks) {
    b.columns.policy = b.columns[key]!;
    delete b.columns[key];
    const number = b.columns[numberKey];
    if (number !== undefined) { b.columns.policyNumber = number; delete b.columns[numberKey]; }
  }
  return first;
}


/** What a header cell names: a column (by the model's wording or a synonym) or a fiscal year. */
export type Label =
  | { kind: "key"; key: ColumnKey; synonym: boolean; numbered?: true; departmentsInBrackets?: true; descriptionsBelow?: true }
  | { kind: "division" }
  | { kind: "year"; year: number; beyond: boolean; composite: boolean; conflict?: number; calendar?: true; firstDay?: true };

type Wordings = Map<string, { key: ColumnKey; synonym: boolean }>;
const wordings = new WeakMap<Config, { columns: Config["columns"]; synonyms: Config["headerSynonyms"]; map: Wordings }>();

/** The config's wordings (explicit `columns` first, then its and the built-in synonyms), by squashed text. */
function wordingsOf(config: Config): Wordings {
  const cached = wordings.get(config);
  if (cached && cached.columns === config.columns && cached.synonyms === config.headerSynonyms) return cached.map;
  const map: Wordings = new Map();
  for (const [wording, key] of Object.entries(config.columns)) map.set(squash(wording), { key, synonym: false });
  const add = (table: Partial<Record<ColumnKey, string[]>>) => {
    for (const [key, list] of Object.entries(table) as [ColumnKey, string[]][]) {
      for (const w of list) if (!map.has(squash(w))) map.set(squash(w), { key, synonym: true });
    }
  };
  add(config.headerSynonyms ?? {});
  add(DEFAULT_HEADER_SYNONYMS);
  wordings.set(config, { columns: config.columns, synonyms: config.headerSynonyms, map });
  return map;
}

/** The config's `columns` wordings that no header cell of the table carries (PP268). */
export function unusedColumnWordings(blocks: Block[], config: Config): string[] {
  const headers = new Set(blocks.flatMap((b) => b.headerRows.flatMap((r) => r.cells.map((c) => squash(c).replace(/\.$/u, "")))));
  return Object.keys(config.columns).filter((w) => !headers.has(squash(w).replace(/\.$/u, "")));
}

function keyOf(t: string, config: Config): { key: ColumnKey; synonym: boolean } | null {
  // 事業No. as 事業No: an abbreviation's dot is no word
  const found = wordingsOf(config).get(t) ?? (/\.$/u.test(t) ? wordingsOf(config).get(t.slice(0, -1)) : undefined);
  if (found && !found.synonym) return found; // the city's own `columns`
  for (const [key, re] of CANONICAL) if (re.test(t)) return { key, synonym: false };
  return found ?? null;
}

/** A year's place in the plan (初年度, 2年目, 最終年度), beside the year it names. */
const YEAR_ROLE = /^(?:計画)?(?:初年度|最終年度|目標年度|中間年度|開始年度|第?\d{1,2}年目)$/u;

/**
 * A fiscal-year header as exports write it: `令和7年度`, `令和7年度（2025年度）`, `R7⏎2025`, `令和7年度（予定）`, and a
 * last column for the years after the period: `令和12年度以降`, `R12～`, `2030年度～`. Two forms in
 * one cell that name different years are kept as a conflict (the first form is read).
 */
export function parseYearHeader(text: string): { year: number; beyond: boolean; composite: boolean; conflict?: number; calendar?: true; firstDay?: true } | null {
  // a word after the year saying the column holds its plan (令和8年度（予定）, R8年度計画); not 実績, 目標
  let t = removeInvisible(foldLookalikes(withoutHtml(text).normalize("NFKC"))).text.trim().replace(/(令和|平成|\b[RH]\.?)\s+(?=\d|元)/giu, "$1").replace(/(\d|元)\s+(?=年)/gu, "$1").replace(/(?<=\S)[\s(\[【]*(?:予定|計画|工程|スケジュール|(?:計画)?(?:初年度|最終年度|目標年度|開始年度|中間年度|完成年度|完了年度|中間見直し|見直し年度))[)\]】]*$/u, "");
  // 2026/4/1: a year header typed as a date, the first day of the fiscal year (Excel shows it so
  // through yyyy/m/d); any other day is no year header (which year would 2026/6/1 head?)
  const date = /^(\d{4})[/.\-年](\d{1,2})[/.\-月](\d{1,2})日?$/u.exec(t);
  if (date) return Number(date[2]) === 4 && Number(date[3]) === 1 ? { year: Number(date[1]), beyond: false, composite: false, firstDay: true } : null;
  let beyond = false;
  const after = /^(.*?\S)\s*(以降|以後|~|〜|-|から)$/su.exec(t);
  if (after) { t = after[1]!; beyond = true; }
  // 初年度（R8）, 2年目（R9）: the words on the year's place in the plan beside the year itself
  const split = t.split(/[\s()（）[\]［］【】/／・]+/).filter((p) => p && !/^(年度|年)$/.test(p));
  const parts = split.length > 1 ? split.filter((p) => !YEAR_ROLE.test(p)) : split;
  if (!parts.length || parts.length > 3) return null;
  let years = parts.map((p) => parseFiscalYear(p));
  // 8年度(2026): a year without its era beside the Western year is that year when the 令和 or 平成
  // year it would be is the Western year (else it stays unread, as 8年度 alone is: PP222)
  const western = years.find((y, i) => y !== null && /^\d{4}/.test(parts[i]!));
  if (western !== undefined) {
    years = years.map((y, i) => (y !== null || !ERALESS_YEAR.test(parts[i]!) ? y
      : [2018, 1988].some((base) => base + Number(parts[i]!.match(/\d+/)![0]) === western) ? western! : null));
  }
  if (years.some((y) => y === null)) return null;
  const [year, ...rest] = years as number[];
  const conflict = rest.find((y) => y !== year);
  // 令和8年, 2026年: a year, not a fiscal year (年度) — read as the fiscal year, said (PP258)
  const calendar = /(?:\d|元)年(?!度|目)/u.test(t) && !t.includes("年度");
  return { year: year!, beyond, composite: parts.length > 1, ...(conflict !== undefined ? { conflict } : {}), ...(calendar ? { calendar: true as const } : {}) };
}

/**
 * A plan period stated above the table (`計画期間：令和8年度～令和12年度`, `令和8～12年度`,
 * `2026年度～2030年度`): its first and last fiscal years, and its era when both ends are written
 * in one, or null.
 */
function statedPeriod(above: GridRow[]): { era: string | null; first: number; last: number; text: string; row: GridRow } | null {
  for (const row of above) {
    for (const cell of row.cells) {
      const span = periodSpan(cell, false);
      if (span) return { ...span, text: cell.trim().slice(0, 40), row };
    }
  }
  return null;
}

const PERIOD_SPAN = String.raw`(?:(令和|平成|R|H)(\d{1,2}|元)|(?:FY)?(\d{4}))(?:年度?)?(?:${RANGE_DASH}+|から)(?:(令和|平成|R|H)(\d{1,2}|元)|(?:FY)?(\d{4})|(\d{1,2}))(?:年度?)?(?:まで)?`;
const PERIOD_IN = new RegExp(PERIOD_SPAN, "u");
/** The whole text is a period (`令和8年度～令和12年度`, `計画期間：2026年度～2030年度`). */
const PERIOD_ONLY = new RegExp(`^(?:計画期間[:：]?)?${PERIOD_SPAN}$`, "u");

/** A span of fiscal years written in `text` (or, `whole`, that is all of it): its first and last years, and its era when both ends are in one. */
function periodSpan(text: string, whole: boolean): { era: string | null; first: number; last: number } | null {
  // 令和8年度(2026年度)～令和12年度(2030年度), 令和8(2026)年度～: the Western year beside an era
  // year that it is is the same year, not part of the span (the period had not been read)
  const t = yearText(text).replace(/\s+/g, "").replace(/((?:令和|平成|R|H)(?:\d{1,2}|元))(年度?)?\((\d{4})(?:年度?)?\)(年度?)?/gu,
    (whole, era: string, before: string | undefined, western: string, after: string | undefined) =>
      (parseFiscalYear(`${era}年度`) === Number(western) ? `${era}${before ?? after ?? ""}` : whole));
  const m = (whole ? PERIOD_ONLY : PERIOD_IN).exec(t);
  if (!m || (m[7] && !m[1])) return null;
  const first = m[1] ? parseFiscalYear(`${m[1]}${m[2]}年度`)! : Number(m[3]);
  const last = m[4] ? parseFiscalYear(`${m[4]}${m[5]}年度`)! : m[6] ? Number(m[6]) : parseFiscalYear(`${m[1]}${m[7]}年度`)!;
  const eraOf = (e: string | undefined) => (e === "R" ? "令和" : e === "H" ? "平成" : e);
  const era = m[1] && !m[6] && eraOf(m[4] ?? m[1]) === eraOf(m[1]) ? eraOf(m[1])! : null;
  return last >= first ? { era, first, last } : null;
}
type Stated = NonNullable<ReturnType<typeof statedPeriod>>;

/** A period left open at its end (`令和8年度～`, `2026年度から`, `R8以降`): a plan's start, said beside its name. */
const OPEN_PERIOD = new RegExp(`^(?:計画期間[:：]?)?(?:(?:令和|平成|R|H)(?:\\d{1,2}|元)|(?:FY)?\\d{4})(?:年度?)?(?:${RANGE_DASH}+|から|より|以降)$`, "u");
/** `text` is a title's period: a span of years, or one left open at its end. */
const titlePeriod = (text: string): boolean => periodSpan(text, true) !== null || OPEN_PERIOD.test(yearText(text).replace(/\s+/g, ""));

/**
 * Year labels without their era (`8年度 | 9年度`, or `8 | 9` under `年度`) in a plan whose period
 * is stated above the table in one era, each label a year of that period: that era's years,
 * said once (PP247). Any label outside the stated period leaves them all unread (PP222).
 */
function erasFromTitle(grid: Grid, block: Block, stated: Stated, bag: DiagnosticBag): void {
  const era = stated.era;
  if (!block.eraless?.size || !era) return;
  const years = new Map([...block.eraless].map(([col, e]) => [col, parseFiscalYear(`${era}${eralessYear(e.text)}年度`)]));
  if (![...years.values()].every((y) => y !== null && y >= stated.first && y <= stated.last)) return;
  for (const [col, year] of years) {
    block.years.set(col, year!);
    block.unknown.delete(col);
  }
  const [col, first] = [...block.eraless][0]!;
  block.eraless = new Map();
  bag.add("PP247", placeOf(grid, first.row, col), { label: first.text, stated: stated.text, era });
}

/** A year label counting the plan's years: `1年目`, `第2年目`, `1年次`, `初年度`, and the last, `最終年度`. */
const PLAN_YEAR = /^(?:第?(\d{1,2})年[目次]|初年度|最終年度)$/u;
/** Which year of the plan a label counts (初年度 the first; `2年度` beside it the second; 最終年度 the `last`). */
const planCount = (text: string, last: number): number =>
  text === "最終年度" ? last : Number(PLAN_YEAR.exec(text)?.[1] ?? /^(\d{1,2})年度$/u.exec(text)?.[1] ?? 1);

/**
 * Year labels counting the plan's years (`1年目 | 2年目 | 3年目`) in a plan whose period is stated
 * above the table: the stated period's years from its first, said once (PP249). A count past the
 * period's end leaves them all unread (PP250, as without a stated period).
 */
function planYears(grid: Grid, block: Block, stated: Stated, bag: DiagnosticBag): void {
  if (!block.planYears?.size) return;
  // 初年度 | 2年度 | 3年度: beside 初年度, `N年度` counts the plan's years too (the era of the stated
  // period would make them 令和2年度, outside it: they had been PP222 and the plan refused)
  if ([...block.planYears.values()].some((e) => squash(e.text) === "初年度")) {
    for (const [col, e] of block.eraless ?? []) {
      if (!/^\d{1,2}年度$/u.test(squash(e.text))) continue;
      block.planYears.set(col, e);
      block.eraless!.delete(col);
    }
    block.planYears = new Map([...block.planYears].sort(([a], [b]) => a - b));
  }
  const years = new Map([...block.planYears].map(([col, e]) => [col, stated.first + planCount(squash(e.text), stated.last - stated.first + 1) - 1]));
  if (![...years.values()].every((y) => y >= stated.first && y <= stated.last)) return;
  // 1年目 | … | 4年目 | 最終年度: 最終年度 is the stated period's last year only where the count
  // reaches it (a year short, it had been a column of unknown wording and the period a year short)
  const inOrder = [...years.values()];
  if (block.planYears.size > 1 && [...block.planYears.values()].some((e) => squash(e.text) === "最終年度") && !inOrder.every((y, i) => i === 0 || y === inOrder[i - 1]! + 1)) return;
  for (const [col, year] of years) {
    block.years.set(col, year);
    block.unknown.delete(col);
  }
  const [col, first] = [...block.planYears][0]!;
  block.planYears = new Map();
  bag.add("PP249", placeOf(grid, first.row, col), { label: first.text, stated: stated.text, year: wareki(years.get(col)!) });
}

/** A year label without its era or century: `8年度`, `10年`. */
const ERALESS_YEAR = /^(?:\d{1,2}|元)年度?$/u;
/** The era after an era a plan's years may run across. */
const NEXT_ERA: Record<string, string> = { 平成: "令和", H: "R", h: "r" };

/**
 * The era a year label without one carries: that of the label on its left, or the next era when
 * only that makes it the next year (平成30年度 | 元年度 | 2年度: 令和元年度, 令和2年度 — they had been
 * read as 平成元年度 and 平成2年度, a period of 29 years and a wall of errors).
 */
function carriedEra(era: string, text: string, last: number | undefined): string {
  const next = NEXT_ERA[era];
  if (last === undefined || next === undefined || parseFiscalYear(`${era}${text}`) === last + 1) return era;
  return parseFiscalYear(`${next}${text}`) === last + 1 ? next : era;
}

/** The year of an era a label without its era names (`8`, `8年度`, `元年度` → 8, 8, 1), or NaN. */
const eralessYear = (label: string): number => {
  const n = /^(\d{1,2}|元)/u.exec(squash(label))?.[1];
  return n === undefined ? NaN : n === "元" ? 1 : Number(n);
};

/** A header cell naming only an era, over year labels without one (`令和` over `8 | 9 | 10`). */
const ERA_GROUP = /^(?:(令和|平成)(?:年度|\(年度\))?|年度\((令和|平成)\))$/u;
/** A year label under such a group: `8`, `8年度`, `元`, `元年度`. */
const GROUPED_YEAR = /^(\d{1,2}|元)(年度?)?$/u;

/** A group cell over the year columns that names no era (`年度`, `スケジュール` over `8 | 9 | 10`). */
const YEAR_GROUP = /^年度([（(].*[)）])?$/u;

/**
 * The group above each column that heads year columns — `令和` merged over them (or followed by
 * empty cells in a text export) with its era, `年度` without one — by column.
 */
function yearGroups(rows: GridRow[]): Map<number, { era: string | null; row: GridRow; col: number; text: string }> {
  const out = new Map<number, { era: string | null; row: GridRow; col: number; text: string }>();
  for (const row of rows) {
    row.cells.forEach((cell, col) => {
      const t = squash(cell);
      const m = ERA_GROUP.exec(t);
      if (!m && !YEAR_GROUP.test(t) && !SCHEDULE_GROUP.test(t)) return;
      const width = groupWidth(row, col);
      for (let c = col; c < col + width; c++) out.set(c, { era: m ? (m[1] ?? m[2])! : null, row, col, text: cell.trim() });
    });
  }
  return out;
}

/**
 * A row of year labels without their era (`8 | 9 | 10`, rising by one), each under a year group of
 * the rows above: part of the header — read with the group's era, or without one PP222.
 */
function groupedYearsRow(above: GridRow[], row: GridRow): boolean {
  const groups = yearGroups(above);
  const filled = row.cells.flatMap((c, col) => (c.trim() ? [col] : []));
  if (filled.length < 2 || !filled.every((col) => groups.has(col) && GROUPED_YEAR.test(squash(row.cells[col]!)))) return false;
  const years = filled.map((col) => eralessYear(row.cells[col]!));
  return years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
}

/**
 * Whether `row` is a further row of the header `above`: labels of its own, or year labels without
 * their era under a year group (8 | 9 | 10 under 年度), or both on one row (基本方針 | 施策 | 取組
 * under 施策体系 beside 8 | 9 | 10 under 年度: the numbers had made it a data row, the header lost).
 */
function headerContinues(above: GridRow[], row: GridRow, config: Config): boolean {
  if (groupedYearsRow(above, row)) return true;
  const groups = yearGroups(above);
  const years = row.cells.flatMap((c, col) => (groups.has(col) && GROUPED_YEAR.test(squash(c)) ? [col] : []));
  const rising = years.map((col) => eralessYear(row.cells[col]!)).every((y, i, all) => i === 0 || y === all[i - 1]! + 1);
  if (years.length < 2 || !rising) return isHeaderContinuation(row, config);
  return isHeaderContinuation({ ...row, cells: row.cells.map((c, col) => (years.includes(col) ? "" : c)) }, config);
}

/** No header wording is longer than this: longer cells (descriptions) are not looked at. */
const MAX_LABEL_CHARS = 60;

/** A header naming the projects and their descriptions in one column (事業名・内容, 事業名及び概要). */
const NAME_AND_DESCRIPTION = /^(?:事業名?|事業の名称|名称)(?:及び|および|並びに|・|･|、|＋|\+|と|\/|／)(?:その)?(?:事業)?(?:内容|概要)$/u;

/** Keys a plan may write over numbered columns (`担当課1 | 担当課2`): each further column adds to the first. */
const NUMBERED_KEYS: ReadonlySet<ColumnKey> = new Set(["departments", "relatedDepartments"]);

/** Keys whose wording may say whose it is: 事業担当課, 取組の概要. */
const OWNED_KEYS: ReadonlySet<ColumnKey> = new Set(["departments", "relatedDepartments", "description"]);

/** The column a header cell names, or null. */
function keyLabel(text: string, config: Config): { key: ColumnKey; synonym: boolean; numbered?: true; departmentsInBrackets?: true; descriptionsBelow?: true } | null {
  if (text.length > MAX_LABEL_CHARS) return null;
  const t = squash(text);
  if (!t) return null;
  const key = keyOf(t, config);
  if (key) return key;
  // 事業名・内容, 事業名及び概要: each cell the name, then its description on the lines below
  if (NAME_AND_DESCRIPTION.test(t)) return { key: "name", synonym: true, descriptionsBelow: true };
  // A known wording with a note in brackets (担当課（室）, 事業名【再掲含む】) or 等 after it
  // (担当課等, 所管課等) is that column.
  const bare = t.replace(/[（(【[［][^（()）【】[\]［］]*[)）】\]］]$/u, "").replace(/(.)等$/u, "$1");
  const k = bare && bare !== t ? keyOf(bare, config) : null;
  // 事業名（担当課）: each name with its departments in brackets after it
  const inBrackets = /[（(]([^（()）]+)[)）]$/u.exec(t)?.[1];
  if (k?.key === "name" && inBrackets && keyOf(inBrackets, config)?.key === "departments") return { key: "name", synonym: true, departmentsInBrackets: true };
  if (k) return { key: k.key, synonym: true };
  // 事業担当課, 取組の所管課, 事業の目的・概要: a departments or description wording said of the
  // project (or 取組) it is in a row of
  const owner = t.replace(/^(?:事業|取組み?|取り組み)の?(?=\S)/u, "");
  const d = owner !== t ? keyOf(owner, config) : null;
  if (d && OWNED_KEYS.has(d.key)) return { key: d.key, synonym: true };
  // 実施計画事業名, DX推進事業名: the projects' names, whatever kind of project the words before say
  // (not another version's or another project's: 旧事業名, 再掲元事業名, 関連事業名)
  if (/^(?!旧|前|新|元|再掲|関連|関係|参考)[^・/／]{1,10}事業名$/u.test(t)) return { key: "name", synonym: true };
  // 担当課1, 担当課②, 関係課(2): one of the numbered columns of a key that may take several
  const unnumbered = t.replace(/(?:\d{1,2}|\(\d{1,2}\))$/u, "");
  const n = unnumbered && unnumbered !== t ? keyOf(unnumbered, config) : null;
  return n && NUMBERED_KEYS.has(n.key) ? { key: n.key, synonym: true, numbered: true } : null;
}

/**
 * A column of the 部 above each department's 課 (`担当部` | `担当課`, or `部` | `課` under `担当`):
 * known, so it is no unknown column and counts as a label, but the departments are the 課.
 */
const DIVISION_WORDS = /^(部|部名|担当部|所管部|主管部|担当部名|所管部名|部局|部局名)$/u;

/** What a header cell's wording names: a column key, a fiscal year, or nothing. */
export function matchLabel(text: string, config: Config): Label | null {
  const key = keyLabel(text, config);
  if (key) return { kind: "key", ...key };
  if (text.length <= MAX_LABEL_CHARS && DIVISION_WORDS.test(squash(text))) return { kind: "division" };
  const year = text.length > MAX_LABEL_CHARS ? null : parseYearHeader(text);
  return year && { kind: "year", ...year };
}


/**
 * The first column of a second table on a header row, beside the first after an empty column:
 * it opens with the first table's first key and repeats three of its keys or more. Null if none.
 */
function tableBeside(row: GridRow, config: Config): number | null {
  const keys = row.cells.map((c) => keyLabel(c, config)?.key ?? null);
  const first = keys.findIndex((k) => k !== null);
  for (let at = first + 2; at < keys.length; at++) {
    if (keys[at] !== keys[first] || (row.cells[at - 1] ?? "").trim()) continue;
    const left = new Set(keys.slice(0, at));
    if (new Set(keys.slice(at).filter((k) => k !== null && left.has(k))).size >= 3) return at;
  }
  return null;
}

/** The column keys of a sheet's first header row (three keys or more), sorted; "" without one. */
export function headerKeys(grid: Grid, config: Config): string {
  for (const row of grid.rows) {
    const keys = keysIn(row, config);
    if (keys.size >= 3) return [...keys].sort().join(" ");
  }
  return "";
}

function keysIn(row: GridRow, config: Config): Set<ColumnKey> {
  const keys = new Set<ColumnKey>();
  for (const c of row.cells) {
    const m = keyLabel(c, config);
    if (m) keys.add(m.key);
  }
  return keys;
}


export function findTable(grid: Grid, config: Config, bag: DiagnosticBag): Table {
  const rows = grid.rows;
  // Key rows: at least three of the known column wordings on one row.
  const keyRowIdx: number[] = [];
  rows.forEach((row, i) => { if (keysIn(row, config).size >= 3) keyRowIdx.push(i); });
  // A second table beside the first (No … 令和9年度 | | No … 令和9年度): not read, an error at its
  // header (PP277) — its columns had been taken for the first's, its years for years after them (PP206)
  keyRowIdx.forEach((k, n) => {
    const beside = tableBeside(rows[k]!, config);
    if (beside === null) return;
    bag.add("PP277", placeOf(grid, rows[k]!, beside), { label: (rows[k]!.cells[beside] ?? "").trim() });
    for (const r of rows.slice(Math.max(0, k - 3, (keyRowIdx[n - 1] ?? -1) + 1), keyRowIdx[n + 1] ?? rows.length)) r.cells = r.cells.slice(0, beside);
  });
  // A legend of the colours bars are filled in (凡例 | ■ | 検討 | ■ | 実施): no header row, even right above one.
  const keyRows = new Set(keyRowIdx.map((i) => rows[i]));
  const isPhase = (label: string) => categorise(label, config.phaseCategories, config.compoundCategory.id) !== null;
  const fillLegend = grid.kind === "xlsx" ? findFillLegend(rows.filter((r) => !keyRows.has(r)), isPhase) ?? besideFillLegend(rows, isPhase) : null;
  // A legend of the marks in a cell of its own above the table (凡例：○検討　●実施 top right, on the
  // title's line): that line is no header row, and keeps its title.
  // So is one stacked a pair a row above the header, under a 凡例 ending the title's line (its column
  // the years' further down: only the first pair had been read, and the title lost)
  // (and one spread over the cells of the title's line and the row under it: its first column alone had been read)
  const cellLegend = spreadLegend(rows.slice(0, keyRowIdx[0] ?? 0), config.schedule.activeMarks, config.schedule.continuationMarks)
    ?? besideLegend(rows.slice(0, keyRowIdx[0] ?? 0), config.schedule.activeMarks, config.schedule.continuationMarks, 2)
    ?? findLegend(rows.slice(0, keyRowIdx[0] ?? 0), config.schedule.activeMarks, config.schedule.continuationMarks, true)
    ?? besideLegend(rows, config.schedule.activeMarks, config.schedule.continuationMarks);
  const blocks: Block[] = [];
  const blockSpans: [number, number][] = [];
  for (const k of keyRowIdx) {
    // a key row under another, read as the lower row of its header (事業 over No | 事業名 | 担当課)
    if (blockSpans.some(([t, e]) => t <= k && k <= e)) continue;
    let top = k;
    while (top - 1 >= 0 && k - (top - 1) <= 3 && !isBlank(rows[top - 1]!) && !fillLegend?.rows.has(rows[top - 1]!) && rows[top - 1] !== cellLegend?.row && !blockSpans.some(([, e]) => e >= top - 1)
      && !looksLikeData(rows[top - 1]!) && !looksLikeTitle(rows[top - 1]!, rows[k]!, config)) top--;
    let bottom = k;
    while (bottom + 1 < rows.length && bottom + 1 - k <= 2
      && headerContinues(rows.slice(top, bottom + 1), rows[bottom + 1]!, config)) bottom++;
    blockSpans.push([top, bottom]);
  }
  // A legend of the marks (凡例 ○：検討 ●：実施) anywhere outside the headers: read, and no title or row.
  const inHeader = new Set(blockSpans.flatMap(([top, bottom]) => rows.slice(top, bottom + 1)));
  const legend = cellLegend ?? findLegend(rows.filter((r) => !inHeader.has(r)), config.schedule.activeMarks, config.schedule.continuationMarks)
    ?? groupLegend([...inHeader], (w) => SCHEDULE_GROUP.test(w) || GROUP_WORDS.test(w), config.schedule.activeMarks, config.schedule.continuationMarks);
  // a legend that is a whole line is no row of the table, nor its title (one in a cell shares its line)
  const legendLine = legend?.col === undefined ? legend?.row : undefined;
  blockSpans.forEach(([top, bottom], b) => {
    const headerRows = rows.slice(top, bottom + 1);
    const next = blockSpans[b + 1]?.[0] ?? rows.length;
    const dataRows = rows.slice(bottom + 1, next).filter((r) => !isBlank(r) && r !== legendLine && !fillLegend?.rows.has(r));
    blocks.push({ headerRows, columns: {}, years: new Map(), dataRows, expectedCells: 0, unknown: new Map(), synonyms: [], composite: [], parts: new Map(), perYear: 1 });
  });
  tableColumnNames(grid, blocks, bag);
  const shownInstead = new Set<number>();
  for (const block of blocks) { labelColumns(block, config); preferShown(grid, block, shownInstead); }
  sayHidden(grid, shownInstead, bag);
  // The period stated above the table, or in the header's group cell over the years
  // (`計画期間（令和8年度～令和12年度）` over `8年度 | 9年度` or `1年目 | 2年目`).
  const statedAbove = statedPeriod(rows.slice(0, blockSpans[0]?.[0] ?? 0));
  for (const block of blocks) {
    const stated = statedAbove ?? statedPeriod(block.headerRows);
    if (stated) { erasFromTitle(grid, block, stated, bag); planYears(grid, block, stated, bag); }
  }
  for (const block of blocks) otherYearRuns(grid, block, bag);
  for (const block of blocks) yearParts(grid, block, bag);
  // No year column anywhere: a column that writes each schedule in words is read instead; beside
  // year columns it is set aside (PP228).
  for (const block of blocks) if (!block.years.size && !block.beyond) yearRanges(grid, block, bag);
  const noYears = blocks.length > 0 && blocks.every((b) => !b.years.size && !b.beyond);
  if (noYears) for (const b of blocks) findTiming(b);
  // why the period is unknown, when a reading found it out (PP251, PP252): no "period unknown" (PP208)
  let periodSaid = noYears && yearPerRow(grid, blocks, bag);
  if (noYears) periodSaid = periodParts(grid, blocks, statedAbove, bag) || periodSaid;
  const setAside = new Set(noYears ? [] : blocks.filter(setAsideTiming));
  // Year columns empty in every row beside a column of periods in words (実施時期: R8～R10): the
  // periods are the schedule, the year headers the period (PP266). The column had been set aside
  // (PP228) and every schedule read empty.
  // (also a 開始年度 | 終了年度 pair: the year cells of an Excel gantt painted by conditional
  // formatting hold nothing, and every schedule had been empty, exit 0)
  const blank = (b: Block, col: number) => columnValues(b, col).every((v) => !v.trim());
  const pairBeside = (b: Block) => {
    const pair = startEndColumns(b.headerRows, new Set([...Object.values(b.columns), ...b.years.keys()]));
    return pair !== null && columnValues(b, pair.start).some((v) => parseTiming(v) !== null);
  };
  const timed = blocks.length > 0 && (setAside.size === blocks.length || blocks.every(pairBeside));
  if (timed && blocks.every((b) => [...b.years.keys(), ...(b.beyond ? [b.beyond.col] : [])].every((c) => blank(b, c)))) {
    for (const b of blocks) findTiming(b);
    const at = blocks.find((b) => b.timing)?.timing;
    if (at) {
      setAside.clear();
      bag.add("PP266", placeOf(grid, at.row, at.col), { column: at.text.replace(/\s+/g, " ") });
    }
  }
  for (const block of blocks) chooseNo(grid, block, bag);
  for (const block of blocks) noFromBlankHeader(grid, block, bag);
  actualRows(grid, blocks, bag);
  phaseColumn(grid, blocks, bag);
  divisions(grid, blocks, bag);
  markRelatedInBrackets(blocks);
  numbersBesideNames(blocks);
  nameFromInitiative(grid, blocks, bag);
  levelsByPosition(grid, blocks, bag);
  emptyInitiatives(grid, blocks, bag);
  indicatorRows(grid, blocks, bag);
  const last = blocks.at(-1);
  if (last) trailingMatter(grid, rows.slice(blockSpans.at(-1)![1] + 1), last, bag);
  const headingAbove = policyHeadingsAbove(grid, blocks, blockSpans, new Set([...fillLegend?.rows ?? [], cellLegend?.row, legendLine]));
  // A plan of two levels (施策 › 事業) has no 取組 column in any block: read, and said once.
  const sections = sectionLevels(blocks);
  const oneLevel = sections.length ? null : oneLevelColumn(blocks);
  if (oneLevel) bag.add("PP272", placeOf(grid, headerRowOf(blocks[0]!, oneLevel.col), oneLevel.col), { label: oneLevel.words });
  // heading rows of one form and no level column (【基本方針1】… over its projects): one level, said (PP284)
  const oneHeadingLevel = sections.length === 1 && sections[0] === "policy" && blocks.every((b) => b.columns.measure === undefined);
  if (oneHeadingLevel) {
    const [row, block] = blocks.flatMap((b) => b.dataRows.filter((r) => headingText(r, b) !== null).map((r) => [r, b] as const))[0]!;
    bag.add("PP284", placeOf(grid, row, row.cells.findIndex((c) => c.trim())), { heading: headingText(row, block)!.slice(0, 30) });
  }
  const twoLevel = blocks.length > 0 && blocks.every((b) => b.columns.initiative === undefined) && !sections.includes("initiative");
  // (an empty 取組 column was said by PP248, which names it; a plan of one level by PP272)
  if (twoLevel && !oneLevel && !oneHeadingLevel && blocks.every((b) => b.emptyColumn === undefined)) {
    const b0 = blocks[0]!;
    bag.add("PP218", placeOf(grid, b0.headerRows.find((r) => keysIn(r, config).size >= 3) ?? b0.headerRows[0]!));
  }
  const synonymsSaid = new Set<string>();
  for (const block of blocks) {
    const keyRow = block.headerRows.find((r) => keysIn(r, config).size >= 3) ?? block.headerRows[0]!;
    for (const key of REQUIRED_KEYS) {
      if ((key === "initiative" && twoLevel) || (key === "measure" && (oneLevel || oneHeadingLevel)) || sections.includes(key)) continue;
      if (block.columns[key] === undefined) bag.add("PP204", placeOf(grid, keyRow), { column: columnLabel(key) });
    }
    // HTML residue in a header cell (事業<br>名) is read without it (squash), each cell told
    for (const row of block.headerRows) {
      row.cells.forEach((c, col) => {
        const tags = c.includes("<") ? stripHtml(c).tags : [];
        if (tags.length) bag.add("PP304", placeOf(grid, row, col), { tags: tags.join(" ") });
      });
    }
    for (const s of block.synonyms) {
      const id = `${s.wording}\u0000${s.key}`;
      if (synonymsSaid.has(id)) continue;
      synonymsSaid.add(id);
      bag.add("PP211", placeOf(grid, s.row, s.col), { label: s.wording.replace(/\s+/g, " "), column: columnLabel(s.key) });
    }
    // 事業名（担当課） with no 担当課 column: the departments are read from the names' brackets (PP256)
    const withNames = block.columns.departments === undefined ? block.namesWithDepartments : undefined;
    if (withNames) bag.add("PP256", placeOf(grid, withNames.row, block.columns.name!), { label: withNames.text.replace(/\s+/g, " ") });
    else if (block.namesWithDepartments) delete block.namesWithDepartments;
    // 事業名・内容 with no 事業内容 column: the lines under each name are its description (PP264)
    const withDescriptions = block.columns.description === undefined ? block.namesWithDescriptions : undefined;
    if (withDescriptions) bag.add("PP264", placeOf(grid, withDescriptions.row, block.columns.name!), { label: withDescriptions.text.replace(/\s+/g, " ") });
    else if (block.namesWithDescriptions) delete block.namesWithDescriptions;
    for (const key of OPTIONAL_KEYS) {
      if (block.columns[key] === undefined && !(key === "departments" && withNames) && !(key === "description" && withDescriptions) && key !== block.timing?.byRow?.was) bag.add("PP210", placeOf(grid, keyRow), { column: columnLabel(key) });
    }
    for (const m of block.more ?? []) {
      bag.add("PP253", placeOf(grid, m.row, m.col), { label: m.text.replace(/\s+/g, " "), first: headerWords(block, block.columns[m.key]!).replace(/\s+/g, " ") });
    }
    const unreadYears = yearsWithWords(block);
    for (const [col, words] of block.unknown) {
      if (col === block.rowKind || col === block.emptyColumn) continue; // said by PP243, PP248
      // 8年度 without its era: 令和8年度 or 平成8年度? Never guessed.
      const eraless = block.eraless?.get(col);
      const counted = block.planYears?.get(col);
      const twice = block.twice?.get(col);
      const before = yearBefore(words);
      // the year a header of unknown words opens with, when no year before the period
      const opening = before === null ? leadingYear(words) : null;
      // at the header row that holds the words (a lower one under a merged group cell)
      const at = placeOf(grid, wordsRowOf(block, col) ?? keyRow, col);
      if (eraless) bag.add("PP222", placeOf(grid, eraless.row, col), { label: eraless.text });
      else if (counted) bag.add("PP250", placeOf(grid, counted.row, col), { label: counted.text });
      else if (twice) {
        bag.add("PP245", placeOf(grid, headerRowOf(block, col), col),
          { label: headerWords(block, col).replace(/\s+/g, " "), column: columnLabel(twice.key), first: headerWords(block, twice.first).replace(/\s+/g, " ") });
      }
      else if (setAside.has(block) && isTimingWord(words)) bag.add("PP228", at, { label: words });
      // 令和7年度（見込）, （実績見込）right before the years read: the year before the plan, what it
      // did or is expected to (a budget table's 前年度実績 | 当年度見込 | 計画) — not read, as 令和7年度（現状） is
      else if (opening !== null && isActualColumn(words) && block.years.size && opening === Math.min(...block.years.values()) - 1) {
        bag.add("PP255", placeOf(grid, headerRowOf(block, col), col), { label: words, year: wareki(opening) });
      }
      // 令和12年度（目標） right after the years read: the period would end a year short, unsaid
      else if (opening !== null && adjoinsYears(block, opening)) bag.add("PP368", at, { label: words, year: wareki(opening) });
      // every year label with words planpress cannot tell (令和8年度（予算）| 令和9年度（予算）): no
      // year column at all, said at each instead of "no year columns" (PP208)
      else if (opening !== null && unreadYears.has(col)) { bag.add("PP276", at, { label: words, year: wareki(opening), count: unreadYears.size }); periodSaid = true; }
      else if (isActualColumn(words)) bag.add("PP342", at, { label: words, actual: 1 });
      else if (NOT_PRINTED.test(squash(words))) bag.add("PP342", at, { label: words });
      else if (isStatusColumn(block, col)) bag.add("PP257", at, { label: words, value: columnValues(block, col)[0]! });
      else if (before !== null) bag.add("PP255", placeOf(grid, headerRowOf(block, col), col), { label: words, year: wareki(before) });
      // 令和1O年度 (a letter O for a zero) beside the year columns: the period would silently lose a year
      else if (besideYears(block, col) && ERA_LABEL.test(squash(words))) bag.add("PP396", at, { label: words });
      else bag.add("PP209", at, { label: words });
    }
  }

  // The period comes from the year labels of every block (or the years a timing column writes).
  const labelled = blocks.flatMap((b) => [...b.years.values(), ...[...b.ranges?.values() ?? []].map((r) => r.to)]);
  let period: { start: number; end: number } | null = null;
  if (labelled.length) period = { start: Math.min(...labelled), end: Math.max(...labelled) };
  else {
    const timed = timingPeriod(grid, blocks, config.schedule.markedLabel, statedAbove, bag);
    period = timed === "said" ? null : timed;
    periodSaid ||= timed === "said";
  }
  // A period stated above the table (or in the title's bracket) that the table does not draw: the
  // documents print the table's, so the difference is said where the period is stated.
  if (period && statedAbove && (statedAbove.first !== period.start || statedAbove.last !== period.end)) {
    const cell = statedAbove.row.cells.findIndex((c) => c.trim().startsWith(statedAbove.text));
    bag.add("PP262", placeOf(grid, statedAbove.row, Math.max(0, cell)), { stated: statedAbove.text,
      first: wareki(statedAbove.first), last: wareki(statedAbove.last), start: wareki(period.start), end: wareki(period.end) });
  }
  // A mistyped label (令和99年度) would stretch the period over a century of empty columns.
  if (period && period.end - period.start + 1 > MAX_PERIOD_YEARS) {
    bag.add("PP150", placeOf(grid, blocks[0]!.headerRows[blocks[0]!.headerRows.length - 1]!),
      { first: wareki(period.start), last: wareki(period.end), years: period.end - period.start + 1, limit: MAX_PERIOD_YEARS });
    period = { start: period.start, end: period.start + MAX_PERIOD_YEARS - 1 };
  }
  if (period) {
    const starts = blocks.map((b) => firstYearColumn(b, period));
    // A timing column's block has no year columns to align or fill in, nor has a block of ranges.
    blocks.forEach((block, i) => { if (!block.timing && !block.ranges) alignYears(grid, block, period, starts.filter((_, j) => j !== i), bag); });
  }
  reportYearLabels(grid, blocks, bag);
  invisibleInHeaders(grid, blocks, bag);

  const table: Table = { blocks, period, sections, ...(periodSaid ? { periodSaid: true as const } : {}) };
  if (legend) {
    table.legend = legend;
    bag.add("PP231", placeOf(grid, legend.row, legend.col ?? legend.row.cells.findIndex((c) => c.trim())),
      { legend: legend.text.slice(0, 60), marks: Object.entries(legend.marks).map(([m, l]) => (bag.lang === "ja" ? `${m} を「${l}」` : `${m} as "${l}"`)).join(bag.lang === "ja" ? "、" : ", ") });
  }
  // A line headed 凡例 that neither legend reads (┅┅：検討 ━━：実施, marks planpress does not know):
  // its meanings are lost, so the cells it explains are read without them — said at the line.
  for (const r of rows) {
    if (inHeader.has(r) || r === legend?.row || fillLegend?.rows.has(r)) continue;
    const first = r.cells.findIndex((c) => c.trim());
    if (first >= 0 && /^[（(【［[]?凡例/u.test(r.cells[first]!.trim())) bag.add("PP372", placeOf(grid, r, first), { text: r.cells.filter((c) => c.trim()).join(" ").slice(0, 60) });
  }
  if (fillLegend) {
    table.fillLegend = fillLegend;
    bag.add("PP364", placeOf(grid, fillLegend.row, fillLegend.col ?? fillLegend.row.cells.findIndex((c) => c.trim())),
      { legend: fillLegend.text.slice(0, 60), labels: Object.values(fillLegend.fills).map((l) => `「${l}」`).join(bag.lang === "ja" ? "" : ", ") });
  }
  const firstTop = blockSpans[0]?.[0] ?? rows.length;
  // (a legend in a cell of its own beside the title leaves the title its line)
  const above = rows.slice(0, firstTop).filter((r) => r !== legendLine && !fillLegend?.rows.has(r) && !headingAbove.has(r))
    .map((r) => (r === legend?.row && legend.col !== undefined ? { ...r, cells: r.cells.map((c, i) => (i === legend.col ? "" : c)) } : r));
  const titleRow = above.find((r) => titleLine(r) !== null);
  if (titleRow) table.title = planTitle(grid, titleRow, bag);
  // a handout's number and date around the title (資料２, 令和8年3月): not the title, said once
  const asideRow = above.slice(0, titleRow ? above.indexOf(titleRow) + 1 : above.length).find((r) => handoutAsides(r).length);
  if (asideRow) bag.add("PP260", placeOf(grid, asideRow, asideRow.cells.findIndex((c) => ASIDE.test(squash(c)))), { text: handoutAsides(asideRow).join("、") });
  return table;
}

/**
 * A workbook's cover sheet (`表紙`) names the plan when no line above the table does: its line
 * ending as a plan's name does, else its first title line (PP279). The file's name had stood in.
 */
export const COVER_SHEET = /^(?:表紙|タイトル|扉)$/u;
/**
 * A title above the table that names only the document's kind (`実施計画　取組一覧` → 実施計画,
 * `アクションプラン`): no plan's name, so a cover sheet's name is taken instead when there is one (PP287).
 */
export const kindOnlyTitle = (text: string): boolean =>
  /^(?:(?:実施|実行|行動|推進|年次)?計画|(?:アクション|実施|推進)?プラン|(?:実施|推進)?プログラム)$/u.test(squash(text));
export function coverTitle(grid: Grid, bag: DiagnosticBag, instead?: string): { text: string; row: GridRow } | null {
  // (a line that ends as a plan's name does, over the city's name or the issuing section above it)
  const lines = grid.rows.filter((r) => titleLine(r) !== null);
  const row = lines.find((r) => TITLE_END.test(titleLine(r)!)) ?? lines[0];
  if (!row) return null;
  const title = planTitle(grid, row, bag);
  const at = placeOf(grid, row, row.cells.findIndex((c) => c.trim()));
  if (instead !== undefined) bag.add("PP287", at, { sheet: grid.sheet ?? "", title: title.text.slice(0, 60), kind: instead });
  else bag.add("PP279", at, { sheet: grid.sheet ?? "", title: title.text.slice(0, 60) });
  return title;
}

/** The section issuing a handout, far right of its title (情報政策課, 担当：情報政策課). */
const ISSUER = "(?:(?:担当|所管|作成|問い?合わ?せ先?)[:：]?)?[^\\s:：]{1,20}?(?:課|室|係)";
/** A handout's number as city halls write it: 資料２, 別紙1, 別表第1, 参考資料 (compared after squash()). */
const HANDOUT_MARK = "(?:資料|別紙|別添|別表|附表|付表|参考資料|参考)第?[0-9０-９一二三四五六七八九十\\-‐－]*";
/**
 * What a handout's title line carries beside the title (and on lines of its own above it): its
 * number (`資料２`, `【資料３】`, `別紙1`, `参考資料`) or its date (`令和8年3月`, `（令和８年４月）`,
 * `2026年3月31日現在`, `R8.3`). Compared as squash() writes a cell (NFKC, no spaces).
 */
const ASIDE = new RegExp(`^[※＊]?[【［\\[(]?(?:${HANDOUT_MARK}|${ISSUER}|${
  "(?:(?:令和|平成|[RH])(?:\\d{1,2}|元)|\\d{4})(?:年|[./])\\d{1,2}(?:月|[./])?(?:\\d{1,2}日?)?(?:現在|時点)?"})[】］\\])]?$`, "u");
/**
 * A handout's number at the start of the title line's own cell (【別紙】〇〇計画), or without
 * brackets before a space (別紙2　〇〇計画, which had kept 「別紙2」 in the plan's name).
 */
const ASIDE_BEFORE_TITLE = new RegExp(`^(?:[【［\\[(（]\\s*(${HANDOUT_MARK})\\s*[】］\\])）][\\s\u3000]*|${HANDOUT_MARK}[\\s\u3000]+)(?=\\S)`, "u");
/** A line's distinct texts, a handout's number or date (`asides`) apart from the rest. */
function lineParts(row: GridRow): { texts: string[]; asides: string[] } {
  const texts: string[] = [], asides: string[] = [];
  for (const c of new Set(row.cells.map((cell) => cell.trim()))) if (c) (ASIDE.test(squash(c)) ? asides : texts).push(c);
  return { texts, asides };
}
const handoutAsides = (row: GridRow): string[] => lineParts(row).asides;

/** A line above the table as a title: its one text besides a handout's number or date, or null. */
function titleLine(row: GridRow): string | null {
  const { texts } = lineParts(row);
  return texts.length === 1 && !notTitle(texts[0]!) ? texts[0]! : null;
}

/**
 * A line above a table that says something of it, never its name: a label and its value
 * (`計画期間：令和8年度～令和12年度`, `作成日：令和8年3月31日`, `最終更新 2026/03/31`, `単位：年度`), a
 * remark in brackets (`（単位：千円）`), the table's kind alone (`事業一覧`). Each had become the plan's
 * title, printed on every cover and running head; the title is then looked for on the lines
 * around it, else the file's name stands in (PP205).
 */
const LABELLED_LINE = /^(?:計画期間|事業期間|期間|作成日?|作成年月日|更新日?|最終更新日?|改訂日?|改定日?|基準日|時点|単位|凡例|備考|注記?|出典|担当|所管|問い?合わ?せ先?)(?:[\s\u3000]*[:：]|[\s\u3000]+|(?=[0-9０-９]|令和|平成|[RH][0-9０-９]))/u;
const notTitle = (text: string): boolean => LABELLED_LINE.test(text.trim()) || NOTE_LINE.test(text)
  || /^[（(【［[〔＜<][^（()）【】［\]〔〕]*[）)】］\]〕＞>]$/u.test(text.trim())
  || /^(?:事業工程表|実施工程表|工程表|事業一覧表?|取組一覧表?|取組み一覧|施策一覧|一覧表|(?:事業|取組)?スケジュール|ロードマップ)$/u.test(squash(text));

/**
 * The plan's title from the line above its table. A sheet titled after itself (`〇〇計画 工程表`,
 * `〇〇計画（事業一覧）`) names the plan before that word: the documents add their own kind
 * (`… 工程表`), which would otherwise stand twice. Said at the line (PP232).
 */
// The word after a space or in brackets, or right after the plan's own word (〇〇計画事業一覧, 〇〇計画実施
// 事業一覧); not inside a phrase (…計画に基づく実施事業一覧 had been cut to 「…に基づく実施」).
const TABLE_WORD = /^(.{4,}?)(?:[\s\u3000]*[（(【［[〔][\s\u3000]*|[\s\u3000]+|(?<=(?:計画|プラン|戦略|方針|指針|ビジョン|構想))(?:実施|推進|主要|重点)?)(事業工程表|実施工程表|工程表|事業一覧表?|事業一覧|取組一覧表?|取組み一覧|施策一覧|一覧表|事業スケジュール|ロードマップ)[\s\u3000]*[）)】］\]〕]?$/u;
const LAST_WORD_TABLE = /^(.{4,}?)[\s\u3000]+([^\s\u3000（()）]{0,8}(?:工程表|一覧表?|スケジュール|ロードマップ|進行管理表))$/u;
function planTitle(grid: Grid, row: GridRow, bag: DiagnosticBag): { text: string; row: GridRow } {
  const text = titleLine(row)!;
  const at = placeOf(grid, row, row.cells.findIndex((c) => c.trim() === text));
  // a title wrapped in its cell (Alt+Enter: 〇〇計画⏎実施計画（事業工程表）) is one line, its parts a space apart:
  // the break had stood in every running head, and kept the words after it from being read
  let name = text.replace(/[^\S\n]*\n\s*/gu, "\u3000");
  // 【別紙】〇〇計画: the handout's number, not the plan's name
  const aside = ASIDE_BEFORE_TITLE.exec(name);
  if (aside) {
    name = name.slice(aside[0].length);
    bag.add("PP260", at, { text: aside[0].trim() });
  }
  const early = tableWordCut(name);
  const said = early !== null;
  if (early) {
    name = early.name;
    bag.add("PP232", at, { line: text.slice(0, 60), title: name.slice(0, 60), word: early.word });
  }
  // 〇〇計画（令和8年度～令和12年度）: the period is printed on its own, not as part of the name
  const bracket = PERIOD_BRACKET.exec(name);
  let period: string | null = null;
  // ... or before the document's kind (〇〇計画（令和7年度～令和11年度）　実施計画): the name keeps the kind
  const inner = bracket ? null : PERIOD_BRACKET_INSIDE.exec(name);
  if (bracket && bracket.index >= 4 && titlePeriod(bracket[1]!)) {
    name = name.slice(0, bracket.index).replace(/[\s\u3000]+$/u, "");
    period = bracket[0];
  } else if (inner && inner.index >= 4 && titlePeriod(inner[1]!)) {
    period = inner[0].slice(0, inner[0].length - inner[2]!.length);
    name = `${name.slice(0, inner.index).replace(/[\s\u3000]+$/u, "")}${inner[2]!.replace(/^[\s\u3000]+/u, (sp) => sp.slice(0, 1))}`;
  } else {
    // 〇〇計画　令和8年度～令和12年度 (計画期間：…) after a space, without brackets: the same
    const cut = [...name.matchAll(/[\s\u3000]+/gu)].find((m) => m.index >= 4 && titlePeriod(name.slice(m.index + m[0].length)));
    if (cut) {
      period = name.slice(cut.index + cut[0].length);
      name = name.slice(0, cut.index);
    }
  }
  // a table's name after the period (〇〇計画 工程表（令和8年度～令和12年度） had kept 工程表)
  const late = tableWordCut(name);
  if (late && !said) bag.add("PP232", at, { line: text.slice(0, 60), title: late.name.slice(0, 60), word: late.word });
  // (said with the name as read in the end: 「〇〇計画 事業一覧」 had been named, the table's word still in it)
  if (period !== null) bag.add("PP254", at, { line: text.slice(0, 60), title: (late?.name ?? name).slice(0, 60), period });
  return { text: late?.name ?? name, row };
}

/**
 * The name before a table's name at its end (`〇〇計画 工程表`, `〇〇計画（事業一覧）`), or null. The last
 * word after a space when it names the table (`〇〇計画 実施事業一覧表`: TABLE_WORD alone had cut 「実施」
 * off it and left it in the name); an edition in brackets after it stays (`〇〇計画 工程表（令和8年度版）`
 * → `〇〇計画（令和8年度版）`).
 */
function tableWordCut(name: string): { name: string; word: string } | null {
  const edition = /[\s\u3000]*[（(][^（()）]{1,20}版[)）]$/u.exec(name);
  const bare = edition ? name.slice(0, edition.index) : name;
  const m = LAST_WORD_TABLE.exec(bare) ?? TABLE_WORD.exec(bare);
  return m ? { name: `${m[1]!.replace(/[\s\u3000・:：\-－―]+$/u, "")}${edition ? edition[0].trim() : ""}`, word: m[2]! } : null;
}

/** A bracket at the end of a title (its words checked by `periodSpan`). */
const PERIOD_BRACKET = /[（(【［[〔]((?:[^（()）【】［\]〔〕]|[（(][0-9０-９]{4}年?度?[)）]){4,60})[）)】］\]〕]$/u;
/** The same bracket before a short last word (the document's kind: 実施計画, アクションプラン). */
const PERIOD_BRACKET_INSIDE = /[（(【［[〔]([^（()）【】［\]〔〕]{4,40})[）)】］\]〕]([\s\u3000]*[^（()）【】［\]〔〕\s\u3000]{1,12})$/u;


/** A column of one fiscal year per row (`年度` | 令和8年度, 令和9年度 …): a table of a row per project and year. */
const YEAR_COLUMN = /^(?:実施|対象|計画|予定|実施予定)?(?:年度|年次)(?:[(（][^()（）]{1,6}[)）]|別)?$/u;

/** The columns a project writes once, the same on each of its year rows (a table of a row per project and year). */
const PROJECT_KEYS: ColumnKey[] = ["name", "policy", "measure", "initiative", "departments", "relatedDepartments", "policyNumber", "measureNumber", "initiativeNumber", "allDepartments", "relist"];

/**
 * A table of one row per project and year (`No | 事業名 | 年度 | 取組内容`, the No repeated on each
 * year's row, as a database exports it) is read when the reading is sure: consecutive rows of one
 * No (or none, under it) are one project, each year once, its other cells the same on each row,
 * and one column (取組内容, 事業内容, 備考 or one of unknown wording) the only one that changes
 * from year to year: each row's text there is that year's phase (PP273, info). A cell that differs
 * where it should not (PP274), a year written twice (PP275) or a row's phase without its year
 * (PP278) stops at the cell; no column or several that change, or a No whose rows are apart (the
 * table sorted by year), stop at the year column (PP252) — whose is each row and which is each
 * year's work are not guessed. True when the period is unknown and said.
 */
function yearPerRow(grid: Grid, blocks: Block[], bag: DiagnosticBag): boolean {
  for (const b of blocks) {
    const width = Math.max(...b.headerRows.map((r) => r.cells.length));
    for (let col = 0; col < width; col++) {
      if (!b.headerRows.some((r) => YEAR_COLUMN.test(squash(r.cells[col] ?? "")))) continue;
      const values = columnValues(b, col);
      if (values.length < 2 || !values.every((v) => parseFiscalYear(v) !== null)) continue;
      const no = b.columns.no;
      if (no === undefined) continue;
      // the projects' rows: a No starts one, a row with the same No or none goes on with it
      const groups: GridRow[][] = [];
      for (const r of b.dataRows) {
        const n = (r.cells[no] ?? "").trim();
        const last = groups.at(-1);
        if (last && (!n || n === (last[0]!.cells[no] ?? "").trim())) last.push(r); else groups.push([r]);
      }
      // most projects on several rows (not one No typed twice by mistake)
      const nos = columnValues(b, no);
      if (groups.length * 2 > b.dataRows.length && (!nos.length || new Set(nos).size * 2 > nos.length)) continue;
      (b.notSchedule ??= new Set()).add(col); // its years are no phases
      const header = headerRowOf(b, col);
      const label = (header.cells[col] ?? "").trim();
      const cell = (r: GridRow, c: number) => (r.cells[c] ?? "").trim();
      // a No whose rows do not follow each other (the table sorted by year): whose rows are whose is not guessed
      const firstOf = new Map<string, GridRow>();
      const apart = groups.find((g) => { const n = cell(g[0]!, no); if (firstOf.has(n)) return true; firstOf.set(n, g[0]!); return false; });
      if (apart) {
        const firstRow = firstOf.get(cell(apart[0]!, no))!;
        const why = bag.lang === "ja" ? `No.${cell(apart[0]!, no)} の行が続いていない（${firstRow.line} 行目と ${apart[0]!.line} 行目）ため、どの行がどの事業のものか決められません`
          : `No.${cell(apart[0]!, no)}'s rows do not follow each other (rows ${firstRow.line} and ${apart[0]!.line}): which rows are whose cannot be told`;
        bag.add("PP252", placeOf(grid, header, col), { label, year: values[0]!, why });
        return true;
      }
      const projectCols = new Set([no, ...PROJECT_KEYS.map((k) => b.columns[k])]);
      for (const g of groups) {
        const projectNo = cell(g[0]!, no);
        for (const key of PROJECT_KEYS) {
          const c = b.columns[key];
          if (c === undefined) continue;
          const first = g.find((r) => cell(r, c));
          const other = first && g.find((r) => cell(r, c) && cell(r, c) !== cell(first, c));
          if (!first || !other) continue;
          bag.add("PP274", placeOf(grid, other, c), { no: projectNo, column: headerWords(b, c).replace(/\s+/g, " "), first: cell(first, c).slice(0, 30), other: cell(other, c).slice(0, 30) });
        }
        const seen = new Map<number, GridRow>();
        for (const r of g) {
          const year = parseFiscalYear(cell(r, col));
          // a row with words and no year: which year's are they? (its phase had been dropped unsaid)
          if (year === null && r.cells.some((c, i) => c.trim() && !projectCols.has(i))) {
            bag.add("PP278", placeOf(grid, r, col), { no: projectNo, label });
          }
          if (year === null) continue;
          const before = seen.get(year);
          if (before) {
            bag.add("PP275", placeOf(grid, r, col), { no: projectNo, year: wareki(year), line: before.line });
          } else seen.set(year, r);
        }
      }
      // each year's work: the one column that changes between a project's rows
      // (a second wording of one, 事業内容 | 実施内容, too; an empty cell changes nothing: a merge, or no phase that year)
      const candidates = [b.columns.description, b.columns.remarks, ...b.unknown.keys(), ...b.twice?.keys() ?? []].filter((c): c is number => c !== undefined && c !== col && !projectCols.has(c));
      const changing = [...new Set(candidates)].filter((c) => groups.some((g) => new Set(g.map((r) => cell(r, c)).filter(Boolean)).size > 1));
      if (changing.length !== 1) {
        const ja = bag.lang === "ja";
        const names = quoteList(changing.map((c) => headerWords(b, c).replace(/\s+/g, " ")), bag.lang);
        const why = changing.length ? (ja ? `年度ごとに変わる列が${names}と複数あるため、どの列が各年度の工程か決められません` : `${names} all change from year to year: which holds each year's phase cannot be told`)
          : (ja ? "年度ごとに変わる列がないため、どの列が各年度の工程か決められません" : "no column changes from year to year: which holds each year's phase cannot be told");
        bag.add("PP252", placeOf(grid, header, col), { label, year: values[0]!, why });
        return true;
      }
      // (read even when a cell stopped it, PP274 or PP275: each project's rows are one project, no PP401 at each)
      const phase = changing[0]!;
      // the phases' column is no description, remark or unknown column (PP273 says so: no PP210, PP211)
      const was = (["description", "remarks"] as const).find((key) => b.columns[key] === phase);
      if (was) delete b.columns[was];
      for (const c of [phase, col]) b.unknown.delete(c);
      b.twice?.delete(phase);
      b.synonyms = b.synonyms.filter((syn) => syn.col !== phase);
      b.timing = { col, row: header, text: label, byRow: { phase, further: new Set(groups.flatMap((g) => g.slice(1))), ...(was ? { was } : {}) } };
      bag.add("PP273", placeOf(grid, header, col), { label, phase: headerWords(b, phase).replace(/\s+/g, " "), rows: b.dataRows.length, projects: groups.length });
      return false;
    }
  }
  return false;
}

/** The block's timing column, taken out of the columns it does not know. */
function findTiming(block: Block): void {
  const taken = new Set(Object.values(block.columns));
  const col = timingColumn(block.headerRows, taken);
  if (col !== null) {
    const row = headerRowOf(block, col);
    block.timing = { col, row, text: (row.cells[col] ?? "").trim() };
    block.unknown.delete(col);
    return;
  }
  // 開始年度 | 終了年度: each row's span from the pair
  const pair = startEndColumns(block.headerRows, taken);
  if (!pair) return;
  const row = headerRowOf(block, pair.start);
  block.timing = { col: pair.start, end: pair.end, row, text: `${headerWords(block, pair.start)}・${headerWords(block, pair.end)}` };
  block.unknown.delete(pair.start);
  block.unknown.delete(pair.end);
}

/**
 * Beside year columns a timing column is not read: set aside like a column of unknown wording,
 * never taken for shifted years — when its cells do write periods (a group word such as
 * スケジュール may also head the first of shifted year columns, whose cells hold phase names).
 */
function setAsideTiming(block: Block): boolean {
  const named = new Set([...Object.values(block.columns), ...block.years.keys(), ...(block.beyond ? [block.beyond.col] : [])]);
  const col = timingColumn(block.headerRows, named);
  if (col === null || block.unknown.has(col)) return false;
  const cells = columnValues(block, col);
  if (!cells.length || !cells.every((c) => parseTiming(c) !== null)) return false;
  block.unknown.set(col, headerWords(block, col));
  return true;
}

/**
 * The period of a plan read through timing columns: from the first year written to the last (a
 * phase without an end, 令和9年度から, runs to it). Said once, at the column's header (PP227).
 * "said": the column names no year at all, said at its first cell (PP251).
 */
function timingPeriod(grid: Grid, blocks: Block[], standIn: string, stated: Stated | null, bag: DiagnosticBag): { start: number; end: number } | "said" | null {
  const years: number[] = [];
  // the first year of work going on since before the plan (平成30年度から継続実施): no start of
  // its period, unless no other year is written (it had stretched a plan of 令和8～12年度 to 平成30年度)
  const since: number[] = [];
  for (const b of blocks) {
    if (!b.timing) continue;
    for (const r of b.dataRows) {
      const { text, ok } = timingText(r.cells[b.timing.col] ?? "", b.timing.end === undefined ? undefined : r.cells[b.timing.end] ?? "");
      for (const ph of (ok ? parseTiming(text) : null) ?? []) {
        if (ph.to === null && goesOn(ph.label)) since.push(ph.from);
        else years.push(ph.from, ...(ph.to !== null ? [ph.to] : []));
      }
    }
  }
  const first = years.length ? Math.min(...years) : Number.NEGATIVE_INFINITY;
  years.push(...since.filter((y) => y >= first));
  const at = blocks.find((b) => b.timing)?.timing;
  if (!at) return null;
  if (!years.length) {
    // a column of periods that names no year (前期, 後期): said at its first cell, instead of PP208
    const first = blocks.flatMap((b) => (b.timing ? b.dataRows.map((row) => ({ row, col: b.timing!.col })) : []))
      .find(({ row, col }) => (row.cells[col] ?? "").trim());
    if (!first) return null;
    bag.add("PP251", placeOf(grid, first.row, first.col), { column: at.text.replace(/\s+/g, " "), text: first.row.cells[first.col]!.trim().slice(0, 40) });
    return "said";
  }
  const written = { start: Math.min(...years), end: Math.max(...years) };
  // the plan's period as stated above the table, when the years written lie within it (no
  // phase need reach its last year); else the years written (PP262 says a difference)
  const within = stated !== null && stated.first <= written.start && written.end <= stated.last;
  const period = within ? { start: stated.first, end: stated.last } : written;
  const ja = bag.lang === "ja";
  const basis = within ? (ja ? `表の上の「${stated.text}」` : `as stated above the table ("${stated.text}")`) : (ja ? "書かれた年度の範囲" : "the years written");
  bag.add("PP227", placeOf(grid, at.row, at.col), { column: at.text.replace(/\s+/g, " "), basis, first: wareki(period.start), last: wareki(period.end), label: standIn });
  return period;
}

/**
 * Year labels written in two forms are read by their first form (once per file, info); two forms
 * naming different years are a warning at the cell. A column for the years after the period is
 * said once per file (its cells are judged with the schedule, see normalise).
 */
function reportYearLabels(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  const first = blocks.flatMap((b) => b.composite.filter((c) => c.conflict === undefined))[0];
  if (first) bag.add("PP214", placeOf(grid, first.row, first.col), { label: first.text.replace(/\s+/g, " "), year: wareki(first.year) });
  for (const b of blocks) {
    for (const c of b.composite) {
      if (c.conflict !== undefined) bag.add("PP215", placeOf(grid, c.row, c.col), { label: c.text.replace(/\s+/g, " "), year: wareki(c.year), other: wareki(c.conflict) });
    }
  }
  const group = blocks.find((b) => b.eraGroup)?.eraGroup;
  if (group) bag.add("PP244", placeOf(grid, group.row, group.col), { group: group.text, label: group.label, year: wareki(group.year) });
  const firstDay = blocks.find((b) => b.firstDay)?.firstDay;
  if (firstDay) bag.add("PP267", placeOf(grid, firstDay.row, firstDay.col), { label: firstDay.text, year: wareki(firstDay.year) });
  const calendar = blocks.find((b) => b.calendar)?.calendar;
  if (calendar) bag.add("PP258", placeOf(grid, calendar.row, calendar.col), { label: calendar.text.replace(/\s+/g, " "), year: wareki(calendar.year) });
  const carried = blocks.find((b) => b.carried)?.carried;
  if (carried) bag.add("PP223", placeOf(grid, carried.row, carried.col), { label: carried.text, year: wareki(carried.year) });
  const beyond = blocks.find((b) => b.beyond)?.beyond;
  if (beyond) bag.add("PP216", placeOf(grid, beyond.row, beyond.col), { label: beyond.text.replace(/\s+/g, " "), year: wareki(beyond.year) });
}

/** Invisible controls in a header cell (a ZWSP pasted from a web page): read without them, said at the cell (PP350). */
function invisibleInHeaders(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  for (const row of new Set(blocks.flatMap((b) => b.headerRows))) {
    row.cells.forEach((cell, col) => {
      const { text, count } = removeInvisible(cell);
      if (count) bag.add("PP350", placeOf(grid, row, col), { count, text: text.trim().slice(0, 40) });
    });
  }
}

/** The name Excel gives a table's column that has no header (列1, Column1). */
const TABLE_COLUMN_NAME = /^(?:列|Column)\s*\d{1,3}$/iu;

/**
 * Header cells named by Excel, not by the city: a range made into a table (テーブルとして書式設定)
 * names each column left without a header 列1, 列2 … Such a column has no header (the No column
 * often has none: PP236), said once at the first (PP259).
 */
function tableColumnNames(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  let first: { row: GridRow; col: number; text: string } | undefined;
  for (const row of new Set(blocks.flatMap((b) => b.headerRows))) {
    row.cells.forEach((cell, col) => {
      if (!TABLE_COLUMN_NAME.test(cell.normalize("NFKC").trim())) return;
      first ??= { row, col, text: cell.trim() };
      row.cells[col] = "";
    });
  }
  if (first) bag.add("PP259", placeOf(grid, first.row, first.col), { label: first.text });
}

/**
 * Words that are departments, read as a department cell is: each name ends as a department does,
 * or they mean every department (`情報政策課、市民課`, `各課`) — not `仮称`, `再掲`, `新規`.
 */
function departmentLike(text: string, config: Config): boolean {
  const { names, all } = splitDepartments(text, config);
  return (names.length > 0 || all) && names.every((n) => endsAsDepartment(n, config));
}

/** The year of a column for the years before the plan (`令和7年度以前`, `～R7`), or null. */
function yearBefore(label: string): number | null {
  // ～令和7年度, 令和7年度以前, 令和7年度（現状）: the years up to the plan, or where it starts from
  const m = /^(?:[~〜]\s*(.+)|(.+?)\s*以前|(.+?)\s*[(\[【]?(?:現状|現況|現在|基準年度|基準年|基準)[)\]】]?)$/u.exec(foldLookalikes(label.normalize("NFKC")).trim());
  return m ? parseFiscalYear((m[1] ?? m[2] ?? m[3])!) : null;
}

/**
 * A block without year columns whose headers of unknown words open with years, two or more,
 * rising (`令和8年度（予算）| 令和9年度（予算）`): year columns whose words after the year planpress
 * cannot tell. Not a year's results (見込, 実績: PP342), the years before the plan (PP255), a span
 * or a date.
 */
function yearsWithWords(block: Block): Set<number> {
  if (block.years.size || block.timing || block.ranges) return new Set();
  const found = [...block.unknown].flatMap(([col, words]) => {
    // (words with no other number: not a span, R8～R9, nor a date, 2026/6/1)
    const other = /\d/.test(words.normalize("NFKC").replace(/^\D*\d+/u, ""));
    const year = !other && yearBefore(words) === null && !isActualColumn(words) ? leadingYear(words) : null;
    return year === null ? [] : [{ col, year }];
  });
  const rising = found.every((f, i) => i === 0 || f.year > found[i - 1]!.year);
  return new Set(found.length >= 2 && rising ? found.map((f) => f.col) : []);
}

/** Whether `year` is the year just before or after a block's year columns. */
/** A header written as a year of an era (令和…年度, R…年, H…): compared after squash(). */
const ERA_LABEL = /^(?:令和|平成|[RH](?=[0-9０-９OoIl]))[^年]{1,3}年度?$/u;

/** Whether column `col` stands right before, between or right after a block's year columns. */
function besideYears(block: Block, col: number): boolean {
  const cols = [...block.years.keys()];
  return cols.length > 0 && col >= Math.min(...cols) - 1 && col <= Math.max(...cols) + 1;
}

function adjoinsYears(block: Block, year: number): boolean {
  const years = [...block.years.values()];
  return years.length > 0 && (year === Math.min(...years) - 1 || year === Math.max(...years) + 1);
}

/**
 * The year a header of unknown words opens with (`令和12年度（目標）`, `R12目標`), or null: a
 * column of a year's, whose words after the year say something planpress cannot tell.
 */
function leadingYear(label: string): number | null {
  const m = /^(.+?年度|(?:令和|平成|[RH])\s*(?:\d{1,2}|元)|\d{4})(?=[\s(\[（【]|[^\d年])/u.exec(label.normalize("NFKC").trim());
  return m ? parseYearHeader(m[1]!)?.year ?? null : null;
}

/**
 * Columns plans carry that the documents do not print — indicators and targets, costs and budgets,
 * related goals — known, so not "of unknown wording" (PP209, a warning): said as not read (PP342, info).
 */
const NOT_PRINTED = /^(?:KPI|成果指標|活動指標|評価指標|指標|指標名|目標値|数値目標|目標|現状値|基準値|実績値|事業費|概算事業費|総事業費|予算|予算額|財源|(?:関連(?:する)?)?SDGs(?:の?(?:目標|ゴール))?|関連計画|関連する計画|現状と課題|現状・課題|現状及び課題|現状|課題|目的|事業目的|期待される効果|期待する効果|効果|導入効果|効果額|財政効果|財政効果額|削減効果|削減額|背景|根拠法令|関連法令)(?:\(.*\))?$/iu;

/** A column of a year's results (`実績`, `R8（実績）`, `令和8年度 見込`): progress, which the forms bring back. */
function isActualColumn(words: string): boolean {
  const m = /^(.*?)[（(]?(?:実績|実績見込み?|見込み?)[)）]?$/u.exec(squash(words));
  return !!m && (m[1] === "" || parseYearHeader(m[1]!) !== null);
}

/** A row below a key row that still belongs to the header: labels only, no project number. */
function isHeaderContinuation(row: GridRow, config: Config): boolean {
  if (isBlank(row) || row.cells.some((c) => looksLikeNo(c) && !parseFiscalYear(c))) return false;
  const filled = row.cells.filter((c) => c.trim());
  const labels = filled.filter((c) => {
    if (matchLabel(c, config) !== null || partOf(c)) return true;
    // 1年目; 計画 | 実績 under each year label: which of a year's columns holds the plan (PP242)
    const t = squash(c);
    return PLAN_YEAR.test(t) || PLAN_ROW.test(t) || ACTUAL_ROW.test(t);
  }).length;
  return labels > 0 && labels * 2 >= filled.length && filled.every((c) => c.trim().length <= 20);
}


/**
 * A row right above a header that is the plan's title, not a group row of the header: one text,
 * starting in the table's first two columns, that names no column and no group (スケジュール over the years).
 */
function looksLikeTitle(row: GridRow, keyRow: GridRow, config: Config): boolean {
  const { texts, asides } = lineParts(row);
  // a line of a handout's number or date only (資料２, 令和8年3月) is none of the header
  if (texts.length !== 1) return texts.length === 0 && asides.length > 0;
  const text = texts[0]!;
  if (matchLabel(text, config) !== null || GROUP_WORDS.test(squash(text))) return false;
  // in the table's first two columns (a table may start right of column A), or anywhere when a
  // handout's number or date stands beside it or it ends as a plan's title does (centred over the table)
  const first = row.cells.findIndex((c) => c.trim() === text);
  return first <= keyRow.cells.findIndex((c) => c.trim()) + 1 || asides.length > 0 || (text.length >= 8 && TITLE_END.test(text));
}

/** How a plan's title ends (〇〇市DX推進計画, 〇〇プラン 工程表, 〇〇戦略 ロードマップ, 〇〇市行政改革大綱). */
const TITLE_END = /(?:計画|プラン|大綱|戦略|ビジョン|工程表|ロードマップ|事業一覧表?|一覧表)[\s\u3000]*(?:[（(【［[〔][^）)】］\]〕]*[）)】］\]〕])?$/u;

function looksLikeData(row: GridRow): boolean {
  return looksLikeNo(row.cells[0]) || row.cells.some((c) => c.length > 40);
}

/** How many columns a header cell spans: its merge (xlsx), or itself and the empty cells after it (a text export). */
function groupWidth(row: GridRow, col: number): number {
  let width = row.spans?.get(col) ?? 1;
  if (!row.spans) while (col + width < row.cells.length && !(row.cells[col + width] ?? "").trim()) width++;
  return width;
}

/**
 * A header cell over columns that have labels of their own in a row below: a group's name (`事業`
 * merged over `No | 事業名 | 担当課`), not a column's. Its width is its merge, or in a text export
 * the empty cells after it.
 */
function groupsLabels(block: Block, row: GridRow, col: number, config: Config): boolean {
  const below = block.headerRows.slice(block.headerRows.indexOf(row) + 1);
  if (!below.length) return false;
  const width = groupWidth(row, col);
  if (width < 2) return false;
  let labels = 0;
  for (let c = col; c < col + width; c++) {
    if (below.some((r) => ["key", "division"].includes(matchLabel(r.cells[c] ?? "", config)?.kind ?? ""))) labels++;
  }
  return labels >= 2;
}

/** The column of each level's numbers. */
const NUMBER_OF: Partial<Record<ColumnKey, ColumnKey>> = { policy: "policyNumber", measure: "measureNumber", initiative: "initiativeNumber" };

/**
 * A level's group cell over its number and its name (`大項目` merged over `番号 | 名称`, `施策` over
 * `No | 名称`): those two columns are the level's number and its name, each said as a wording read
 * as another (PP211). The lower labels had been read as the projects' No and name (PP240, PP245)
 * and the level found missing (PP204).
 */
/** A column's words naming a name (項目名, 区分名称), under a level's group beside its number. */
const ITEM_NAME = /^\S{1,6}(?:名|名称)$/u;
function levelParts(block: Block, config: Config): Map<number, { key: ColumnKey; row: GridRow; wording: string }> {
  const out = new Map<number, { key: ColumnKey; row: GridRow; wording: string }>();
  block.headerRows.forEach((row, r) => {
    const below = block.headerRows.slice(r + 1);
    row.cells.forEach((cell, col) => {
      const m = matchLabel(cell, config);
      const numberKey = m?.kind === "key" ? NUMBER_OF[m.key] : undefined;
      if (!numberKey || m?.kind !== "key" || groupWidth(row, col) !== 2) return;
      const parts = [col, col + 1].map((c) => below.flatMap((b) => {
        const text = (b.cells[c] ?? "").trim();
        const label = matchLabel(text, config);
        if (label?.kind === "key") return [{ key: label.key, row: b, text }];
        // a name of no key's words under the level's group (推進項目 over 番号 | 項目名): its name
        return !label && ITEM_NAME.test(squash(text)) ? [{ key: "name" as const, row: b, text }] : [];
      })[0]);
      const keys = parts.map((p) => p?.key);
      if (!keys.includes("no") || !keys.includes("name")) return;
      parts.forEach((p, i) => out.set(col + i, { key: p!.key === "no" ? numberKey : m.key, row: p!.row, wording: `${cell.trim()} ${p!.text}` }));
    });
  });
  return out;
}

/** Whether a header row under `row` writes something in column `col`. */
const writtenBelow = (block: Block, row: GridRow, col: number): boolean =>
  block.headerRows.slice(block.headerRows.indexOf(row) + 1).some((r) => (r.cells[col] ?? "").trim() !== "");

/** A column's note saying it is superseded (担当課（旧）) or current (担当課（新）). */
const OLD_NOTE = /[（(](?:旧|前|改正前|変更前|改編前)[^（()）]*[）)]$/u;
const NEW_NOTE = /[（(](?:新|現|現行|改正後|変更後|改編後)[^（()）]*[）)]$/u;
/** The fiscal year a column's note names (担当課（令和8年度～）), or null. */
const noteYear = (words: string): number | null => {
  const m = /[（(]([^（()）]+)[）)]$/u.exec(words);
  return m ? parseYearHeader(m[1]!.replace(/[~〜～から以降まで]+$/u, ""))?.year ?? null : null;
};

/**
 * Two columns of one key told apart by a note (担当課（旧）| 担当課（新）, 担当課（令和7年度）|
 * 担当課（令和8年度～）, after a reorganisation): the current one is read, the other said (PP245).
 * The first had been read whatever it said: forms went to a department that no longer exists.
 */
function preferCurrent(block: Block): void {
  for (const [col, twice] of [...block.twice ?? []]) {
    const first = twice.first;
    const [was, now] = [squash(headerWords(block, first)), squash(headerWords(block, col))];
    const [then, since] = [noteYear(was), noteYear(now)];
    const later = then !== null && since !== null && since > then;
    if (block.columns[twice.key] !== first || !(later || (OLD_NOTE.test(was) && !OLD_NOTE.test(now)) || (NEW_NOTE.test(now) && !NEW_NOTE.test(was)))) continue;
    readTwinInstead(block, col);
  }
}

/**
 * Of two columns of one key, one hidden in Excel (an old 担当課 kept out of sight beside the one
 * shown): the shown one is read, the hidden one said (PP245). The hidden one had been read, being
 * first, and the sheet's own column set aside: the documents named departments nobody saw.
 */
function preferShown(grid: Grid, block: Block, setAside: Set<number>): void {
  const hidden = grid.hiddenValues?.cols;
  if (!hidden) return;
  for (const [col, twice] of [...block.twice ?? []]) {
    if (block.columns[twice.key] !== twice.first || !hidden.has(twice.first) || hidden.has(col)) continue;
    setAside.add(twice.first);
    readTwinInstead(block, col);
  }
}

/** The column `col`, set aside as a second of its key, read instead of the first (then set aside). */
function readTwinInstead(block: Block, col: number): void {
  const twice = block.twice!.get(col)!;
  const first = twice.first;
  block.columns[twice.key] = col;
  block.twice!.delete(col);
  block.twice!.set(first, { key: twice.key, first: col });
  block.unknown.delete(col);
  block.unknown.set(first, squash(headerWords(block, first)));
  const said = block.synonyms.find((x) => x.col === first && x.key === twice.key);
  if (said) Object.assign(said, { col, wording: headerWords(block, col).trim() });
}

/**
 * A year header row under the one read that names another year in the same column (令和8年度 over
 * 2027): which row is right cannot be told, so it is said at the lower one's cell, as two forms
 * in one cell are (PP215); the first row was used without a word.
 */
function otherYearBelow(block: Block, row: GridRow, c: number, year: number, config: Config): { row: GridRow; text: string; year: number } | undefined {
  for (const below of block.headerRows.slice(block.headerRows.indexOf(row) + 1)) {
    const text = (below.cells[c] ?? "").trim();
    const m = text ? matchLabel(text, config) : null;
    if (m?.kind === "year" && !m.beyond && m.year !== year) return { row: below, text, year: m.year };
  }
  return undefined;
}

/** Each column's label may sit in any row of the block; the first wording that matches wins. */
function labelColumns(block: Block, config: Config): void {
  const width = Math.max(...block.headerRows.map((r) => r.cells.length));
  let lastLabelled = -1;
  // The era of the last year label of each row written with one: 令和8年度 | 9年度 | 10年度
  // writes the era once, and the labels after it carry it.
  const eras = new Map<GridRow, string>();
  // The year of the last year label of each row: a bare number right after it that is its next
  // year (R8 | 9 | 10, 2026 | 27 | 28) carries its era or century.
  const lastYears = new Map<GridRow, number>();
  // 令和 over 8 | 9 | 10: the era of the group above the labels
  const groups = yearGroups(block.headerRows);
  const parts = levelParts(block, config);
  for (let c = 0; c < width; c++) {
    const part = parts.get(c);
    if (part && block.columns[part.key] === undefined) {
      block.columns[part.key] = c;
      block.synonyms.push({ col: c, row: part.row, wording: part.wording, key: part.key });
      lastLabelled = Math.max(lastLabelled, c);
      continue;
    }
    let found = false;
    const partRows = new Map(block.headerRows.map((row) => [row, partOf(row.cells[c] ?? "")]));
    for (const [row, part] of partRows) {
      if (part && !block.parts.has(c)) block.parts.set(c, { label: part.part, row });
    }
    if (block.parts.has(c)) lastLabelled = Math.max(lastLabelled, c);
    for (const row of block.headerRows) {
      // 令和8年度上期: the year (its part is kept above); 上期 alone names no column
      const part = partRows.get(row);
      const text = part ? part.year ?? "" : row.cells[c] ?? "";
      const group = groups.get(c);
      const grouped = group?.era != null && block.headerRows.indexOf(group.row) < block.headerRows.indexOf(row) && GROUPED_YEAR.test(squash(text));
      const era = eras.get(row);
      const last = lastYears.get(row);
      // (2026年度 | 27年度: a Western year's next, with 年度, carries its century too)
      const short = /^(\d{1,2}|元)(年度)?$/u.exec(squash(text));
      const carries = era !== undefined && !grouped ? carriedEra(era, short ? `${short[1]}年度` : squash(text), last) : era;
      const bare = !grouped && last !== undefined && short !== null && (era !== undefined
        ? short[2] === undefined && parseFiscalYear(`${carries}${short[1]}年度`) === last + 1
        : Number(short[1]) === (last + 1) % 100);
      const carried = bare || (!grouped && era !== undefined && ERALESS_YEAR.test(squash(text)));
      const m = matchLabel(grouped ? group.era + squash(text) : bare ? `${last! + 1}年度` : carried ? carries + squash(text) : text, config);
      // (a group's words over its own column, nothing written under it, name that column: 大項目
      // merged over 大項目's column | 中項目 | 小項目 — the 基本方針 had been of unknown wording, PP209)
      if (m === null || (m.kind === "key" && groupsLabels(block, row, c, config) && writtenBelow(block, row, c))) continue;
      if (m.kind === "year") {
        const written = /^(令和|平成|[RH](?=\d))/iu.exec(squash(text))?.[1] ?? (carries !== era ? carries : undefined);
        if (written) eras.set(row, written);
        if (!m.beyond) lastYears.set(row, m.year);
        if (carried && !block.carried) block.carried = { col: c, row, text: text.trim(), year: m.year };
        if (m.calendar && !block.calendar) block.calendar = { col: c, row, text: text.trim(), year: m.year };
        if (m.firstDay && !block.firstDay) block.firstDay = { col: c, row, text: text.trim(), year: m.year };
        if (grouped && !block.eraGroup) block.eraGroup = { col: group!.col, row: group!.row, text: group!.text, label: text.trim(), year: m.year };
      }
      if (m.kind === "year") {
        if (m.beyond) { if (!block.beyond) block.beyond = { col: c, row, text: text.trim(), year: m.year }; }
        else if (!block.years.has(c)) {
          block.years.set(c, m.year);
          const other = m.conflict === undefined ? otherYearBelow(block, row, c, m.year, config) : undefined;
          if (other) block.composite.push({ col: c, row: other.row, text: `${text.trim()} / ${other.text}`, year: m.year, conflict: other.year });
          else if (m.composite) block.composite.push({ col: c, row, text: text.trim(), year: m.year, ...(m.conflict !== undefined ? { conflict: m.conflict } : {}) });
        }
      } else if (m.kind === "division") {
        if (block.division) continue;
        block.division = { col: c, row, text: text.trim() };
      } else if (block.columns[m.key] === undefined) {
        block.columns[m.key] = c;
        if (m.synonym) block.synonyms.push({ col: c, row, wording: text.trim(), key: m.key });
        if (m.departmentsInBrackets) block.namesWithDepartments = { row, text: text.trim(), departmentLike: (t) => departmentLike(t, config) };
        if (m.descriptionsBelow) block.namesWithDescriptions = { row, text: text.trim() };
      } else if (m.numbered) {
        // 担当課2 after 担当課1: its names follow those of the first (PP253)
        (block.more ??= []).push({ key: m.key, col: c, row, text: text.trim() });
      } else if (m.key === "no" && !block.otherNo) {
        // 番号 (1-1-1) beside 通し番号 (1, 2, 3): which is the No is told by their values
        block.otherNo = { col: c, row, wording: text.trim(), synonym: m.synonym };
      } else {
        // a second column of a key taken (基本施策 | 施策の方向: a level more than the model's)
        if (!block.twice?.has(c)) (block.twice ??= new Map()).set(c, { key: m.key, first: block.columns[m.key]! });
        continue;
      }
      lastLabelled = Math.max(lastLabelled, c);
      found = true;
      break;
    }
    if (found) continue;
    // A column headed by words planpress does not know: a column of another export's wording.
    const words = block.headerRows.map((r) => squash(r.cells[c] ?? "")).filter((t) => t && !GROUP_WORDS.test(t) && !partOf(t) && !ERA_GROUP.test(t));
    if (words.length) {
      const last = words[words.length - 1]!;
      block.unknown.set(c, last);
      lastLabelled = Math.max(lastLabelled, c);
      // 8年度, or 8 under 年度: a year without its era (PP222 at its cell)
      const row = block.headerRows.findLast((r) => squash(r.cells[c] ?? "") === last)!;
      if (ERALESS_YEAR.test(last) || (groups.has(c) && GROUPED_YEAR.test(last))) (block.eraless ??= new Map()).set(c, { row, text: (row.cells[c] ?? "").trim() });
      else if (PLAN_YEAR.test(last)) (block.planYears ??= new Map()).set(c, { row, text: (row.cells[c] ?? "").trim() });
    }
  }
  preferCurrent(block);
  block.expectedCells = lastLabelled + 1;
}

/**
 * A part of a fiscal year as a header names it: 上期, 下半期, 前半, 第1四半期, Q1, 4-6月, 4月～9月,
 * 10月. 前期 alone is a half year; 前期（R8～R9） names years and is no part.
 */
const YEAR_PART = /^(上期|下期|上半期|下半期|前期|後期|前半|後半|前半期|後半期|第?[1-4一二三四]四半期|[1-4]Q|Q[1-4]|\d{1,2}月?[~〜\-‐―ー]\d{1,2}月|\d{1,2}月)$/iu;

/** How every part ends: most header cells are no part, told without trying each split. */
const PART_END = /(期|前半|後半|Q[1-4]|[1-4]Q|月)$/iu;

/**
 * A header cell naming a part of a fiscal year (`上期`), alone or after its year (`令和8年度上期`,
 * `R8 4-6月`): the part, and the year's own text when it is written too.
 */
function partOf(text: string): { part: string; year?: string } | null {
  const t = squash(text);
  if (!t || t.length > MAX_LABEL_CHARS || !PART_END.test(t)) return null;
  if (YEAR_PART.test(t)) return { part: t };
  // the shortest year first: R8 + 10月, not R81 + 0月
  for (let i = 1; i < t.length; i++) {
    const year = parseYearHeader(t.slice(0, i));
    if (year && !year.beyond && YEAR_PART.test(t.slice(i))) return { part: t.slice(i), year: t.slice(0, i) };
  }
  return null;
}

/**
 * Columns that divide each fiscal year (上期・下期 under 令和8年度, quarters, months) are read
 * when every year has the same parts in the same order, each year's label over its first column
 * (or over each part), so that every column belongs to one year. The schedule is then read
 * column by column, and each phase spans the fiscal years of its columns (normalise/schedule.ts).
 * Anything less regular is left to the year checks, which stop the reading (PP206).
 */
function yearParts(grid: Grid, block: Block, bag: DiagnosticBag): void {
  if (!block.parts.size) { mergedYears(grid, block, bag); return; }
  // each year's first column (a label repeated over its parts counts once)
  const starts: [number, number][] = [];
  for (const [col, year] of [...block.years.entries()].sort((a, b) => a[0] - b[0])) {
    if (starts.at(-1)?.[1] !== year) starts.push([col, year]);
  }
  if (!starts.length) return;
  const [c0] = starts[0]!;
  let k = 1;
  if (starts.length > 1) k = starts[1]![0] - c0;
  else while (block.parts.has(c0 + k)) k++;
  const named = new Set([...Object.values(block.columns), ...block.unknown.keys()]);
  const first = Array.from({ length: k }, (_, j) => block.parts.get(c0 + j)?.label);
  const regular = k >= 2 && first.every(Boolean) && starts.every(([col, year], i) =>
    (i === 0 || (col - starts[i - 1]![0] === k && year === starts[i - 1]![1] + 1))
    && first.every((label, j) => block.parts.get(col + j)?.label === label && !named.has(col + j)
      && (!block.years.has(col + j) || block.years.get(col + j) === year)));
  if (!regular) return;
  block.perYear = k;
  for (const [col, year] of starts) for (let j = 0; j < k; j++) block.years.set(col + j, year);
  const at = block.parts.get(c0)!;
  bag.add("PP229", placeOf(grid, at.row, c0), { parts: first.join("・"), count: k });
}

/**
 * Year labels written twice, each run under a group of its own: `スケジュール` | R8 R9 R10 beside
 * `事業費（千円）` | R8 R9 R10. The run under a schedule's group (or none) is the schedule; a run
 * under other words (amounts, targets) is no schedule: its columns are not read, said once for
 * each (PP241). Two runs with no such words stay as they are (PP206 says where).
 */
function otherYearRuns(grid: Grid, block: Block, bag: DiagnosticBag): void {
  const labels = [...block.years.entries()].sort((a, b) => a[0] - b[0]);
  const runs: [number, number][][] = [];
  for (const [col, year] of labels) {
    const run = runs.at(-1);
    const [lastCol, lastYear] = run?.at(-1) ?? [NaN, NaN];
    if (run && col === lastCol + 1 && year === lastYear + 1) run.push([col, year]);
    else runs.push([[col, year]]);
  }
  if (!runs.length) return;
  const labelRow = block.headerRows.indexOf(yearLabelRow(block));
  const groupOf = (col: number) => block.headerRows.slice(0, Math.max(0, labelRow)).map((r) => squash(r.cells[col] ?? "")).find(Boolean) ?? "";
  const schedule = (group: string) => !group || GROUP_WORDS.test(group) || SCHEDULE_GROUP.test(group);
  const scheduleRuns = runs.filter((run) => schedule(groupOf(run[0]![0])));
  // one run, under the words of amounts or targets (事業費（千円）| R8 R9 R10: a budget table): no
  // schedule either, so the period is unknown (PP208); each amount had been refused as a phase (PP332)
  const amounts = runs.length === 1 && NOT_PRINTED.test(groupOf(runs[0]![0]![0]));
  if (runs.length < 2 ? !amounts : scheduleRuns.length !== 1) return;
  for (const run of runs) {
    if (run === scheduleRuns[0]) continue;
    block.notSchedule ??= new Set();
    for (const [col] of run) { block.years.delete(col); block.notSchedule.add(col); }
    const [col0, first] = run[0]!;
    const at = headerRowOf(block, col0);
    bag.add("PP241", placeOf(grid, at, col0), { group: (at.cells[col0] ?? "").trim().replace(/\s+/g, " "), first: wareki(first), last: wareki(run.at(-1)![1]) });
  }
}

/**
 * Year labels each merged over the same number of columns (`令和8年度` over two, with no 上期・下期
 * under them): each year is divided into that many columns, read as PP229 reads named parts.
 * Labels merged unevenly, or not one year apart, are left as they are (PP206 then says where).
 */
function mergedYears(grid: Grid, block: Block, bag: DiagnosticBag): void {
  const labels = [...block.years.entries()].sort((a, b) => a[0] - b[0]);
  if (!labels.length) return;
  const row = block.headerRows.find((r) => labels.every(([col]) => r.cells[col]?.trim()) && r.spans?.has(labels[0]![0]));
  if (!row) return;
  const k = row.spans!.get(labels[0]![0])!;
  const named = new Set([...Object.values(block.columns), ...block.unknown.keys()]);
  // (a merge is clipped to the cells that exist: the last year's may end at the sheet's edge)
  const width = Math.max(...grid.rows.map((r) => r.cells.length));
  const spans = (col: number, i: number) => row.spans!.get(col) === k
    || (i === labels.length - 1 && col + (row.spans!.get(col) ?? 1) >= width);
  const even = k >= 2 && labels.every(([col, year], i) => spans(col, i)
    && (i === 0 || (col - labels[i - 1]![0] === k && year === labels[i - 1]![1] + 1))
    && Array.from({ length: k }, (_, j) => col + j).every((c) => !named.has(c)));
  if (!even) return;
  block.perYear = k;
  for (const [col, year] of labels) for (let j = 0; j < k; j++) block.years.set(col + j, year);
  bag.add("PP237", placeOf(grid, row, labels[0]![0]), { label: (row.cells[labels[0]![0]] ?? "").trim(), count: k });
}

/**
 * Columns that each stand for a span of years, in a header with no year column: `前期（R8～R9）`,
 * `後期（R10～R12）`, `令和8～9年度`. Read when there are two or more, side by side, each span
 * starting the year after the one on its left; a phase in such a column spans all its years.
 */
function yearRanges(grid: Grid, block: Block, bag: DiagnosticBag): void {
  const ranges: [number, { from: number; to: number }][] = [];
  for (const [col, words] of [...block.unknown].sort((a, b) => a[0] - b[0])) {
    const timing = parseTiming(words);
    const span = timing?.length === 1 && timing[0]!.to !== null && timing[0]!.to > timing[0]!.from ? { from: timing[0]!.from, to: timing[0]!.to } : null;
    const last = ranges.at(-1);
    if (!span) { if (last) break; continue; }
    if (last && (col !== last[0] + 1 || span.from !== last[1].to + 1)) return;
    ranges.push([col, span]);
  }
  if (ranges.length < 2) return;
  block.ranges = new Map(ranges);
  for (const [col, { from }] of ranges) { block.unknown.delete(col); block.years.set(col, from); }
  const labels = ranges.map(([col]) => headerWords(block, col).replace(/\s+/g, " "));
  bag.add("PP230", placeOf(grid, headerRowOf(block, ranges[0]![0]), ranges[0]![0]), { columns: quoteList(labels, bag.lang) });
}

/** A part of the plan period named without its years (前期, 後期, 第1期). */
const PERIOD_PART = /^(?:前期|中期|後期|前半|後半|前半期|後半期|第[0-9一二三四五]期)$/u;

/**
 * Columns headed by parts of the plan period without their years (`前期` | `後期`), in a plan with no
 * year column: which years each holds is not guessed (five years halve as 3 + 2 or 2 + 3), each
 * said at its header (PP427) instead of "no year columns" (PP208), which had named none of them;
 * their cells are no phases outside the period (PP308). True when said.
 */
function periodParts(grid: Grid, blocks: Block[], statedAbove: Stated | null, bag: DiagnosticBag): boolean {
  const parts = blocks.map((b) => {
    const width = Math.max(...b.headerRows.map((r) => r.cells.length));
    return Array.from({ length: width }, (_, col) => col).filter((col) => PERIOD_PART.test(squash(headerWords(b, col))) && !Object.values(b.columns).includes(col));
  });
  // a column of periods in words (実施時期) reads the schedule; `スケジュール` over 前期 | 後期 is
  // no such column but their group (it had been read as one: 「検討」 naming no year, PP251)
  if (!parts.some((cols) => cols.length) || blocks.some((b, i) => b.timing && !parts[i]!.includes(b.timing.col))) return false;
  blocks.forEach((b, i) => {
    const stated = statedAbove ?? statedPeriod(b.headerRows);
    if (parts[i]!.length) delete b.timing;
    for (const col of parts[i]!) {
      const label = squash(headerWords(b, col));
      b.unknown.delete(col);
      (b.notSchedule ??= new Set()).add(col);
      bag.add("PP427", placeOf(grid, wordsRowOf(b, col)!, col), { label, ...(stated ? { stated: `${wareki(stated.first)}～${wareki(stated.last)}` } : {}) });
    }
  });
  return true;
}

/** The header row of a block's year labels (its last row when none is found). */
function yearLabelRow(block: Block): GridRow {
  return block.headerRows.find((r) => r.cells.some((c) => parseYearHeader(c) !== null)) ?? block.headerRows[block.headerRows.length - 1]!;
}

/** The column of the period's first year by a block's own labels, or null (no labels). */
function firstYearColumn(block: Block, period: { start: number }): number | null {
  const first = [...block.years.entries()].sort((a, b) => a[0] - b[0])[0];
  return first ? first[0] - (first[1] - period.start) * block.perYear : null;
}

/**
 * Schedule columns start right after the last named column. Where a block's year labels start
 * further right while the data fills the columns in between, the labels are shifted: the data
 * decides (PP202) when another block's labels start the years at that column. Otherwise the
 * columns in between may as well be a column of their own whose header was lost (a blank last
 * year is common, so the data's extent tells nothing), and the reading stops there (PP221).
 * Years of the period with no label in the block are filled in (PP203).
 */
function alignYears(grid: Grid, block: Block, period: { start: number; end: number }, otherStarts: (number | null)[], bag: DiagnosticBag): void {
  // Schedule columns start after every named column, known or not: an unknown column is never
  // taken for a year (its data would be misread as phases).
  // Columns right of the first year label (備考 after the schedule) do not move the schedule.
  const labels = [...block.years.entries()].sort((a, b) => a[0] - b[0]);
  // (year columns set aside under a group that is no schedule, 予算額（千円）| R8 R9 R10, are named
  // too: beside the schedule they had been taken for data left of its labels, PP221)
  const keyCols = [...Object.values(block.columns).filter((c): c is number => c !== undefined), ...block.unknown.keys(), ...(block.notSchedule ?? []),
    ...(block.phaseColumn !== undefined ? [block.phaseColumn] : [])]
    .filter((c) => !block.years.has(c) && (!labels.length || c < labels[0]![0]));
  const regionStart = keyCols.length ? Math.max(...keyCols) + 1 : 0;
  const labelRow = yearLabelRow(block);
  // Labels out of sequence (R8, R10, R9… or R8, R10, R11) stop the run: no column can be trusted.
  const k = block.perYear;
  // R8 | (blank) | R9 | (blank) …: a year over two columns, or a column of its own after each
  // year? Nothing says which (a workbook's merge would: PP237); said as such, not as disorder.
  const gap = labels.length > 1 ? labels[1]![0] - labels[0]![0] : 0;
  const everyOther = k === 1 && gap > 1 && !block.parts.size && labels.every(([col, year], i) => i === 0
    || (col - labels[i - 1]![0] === gap && year === labels[i - 1]![1] + 1));
  // …unless the columns between are headed, each a column of its own (R8（計画）| R8（実績）| R9（計画）…):
  // then the years are every `gap` columns, the others not read (each said: PP209).
  const between = everyOther ? labels.slice(0, -1).flatMap(([col]) => Array.from({ length: gap - 1 }, (_, j) => col + 1 + j)) : [];
  const stride = everyOther && between.every((c) => block.unknown.has(c)) ? gap : 1;
  if (stride > 1) bag.add("PP242", placeOf(grid, labelRow, labels[0]![0]), { every: gap, other: headerWords(block, between[0]!) });
  else if (everyOther) bag.add("PP238", placeOf(grid, labelRow, labels[0]![0] + 1), { count: gap, labels: quoteList(labels.slice(0, 3).map(([, y]) => wareki(y)), bag.lang) });
  // 令和12年度 | 令和11年度 | … : years right to left, told as such once (each had been out of sequence)
  else if (k === 1 && labels.length > 1 && labels.every(([, year], i) => i === 0 || year === labels[i - 1]![1] - 1)) {
    bag.add("PP206", placeOf(grid, labelRow, labels[0]![0]), { label: wareki(labels[0]![1]), expected: wareki(labels.at(-1)![1]), descending: "yes" });
  }
  else labels.forEach(([col, year], i) => {
    const [c0, y0] = labels[0]!;
    const expected = y0 + Math.floor((col - c0) / k);
    if (i > 0 && year !== expected) {
      // the next year, but apart from the one before (a year added after 備考): said as such, not
      // as a year out of sequence 「期待: 令和15年度」
      const [before, last] = labels[i - 1]!;
      const between = year === last + 1 && col - before > k ? Array.from({ length: col - before - 1 }, (_, j) => headerWords(block, before + 1 + j)).filter(Boolean) : [];
      bag.add("PP206", placeOf(grid, labelRow, col), { label: wareki(year), expected: wareki(expected),
        ...(between.length ? { apart: wareki(last), between: quoteList(between.slice(0, 3), bag.lang) } : {}) });
    }
  });
  let firstCol = labels.length ? labels[0]![0] - (labels[0]![1] - period.start) * k * stride : regionStart;
  const dataInGap = (from: number, to: number) =>
    block.dataRows.some((r) => r.cells.slice(from, to).some((c) => c.trim()));
  const borneOut = otherStarts.includes(regionStart);
  if (labels.length && firstCol > regionStart && dataInGap(regionStart, firstCol) && !borneOut) {
    bag.add("PP221", placeOf(grid, labelRow, regionStart), { label: wareki(labels[0]![1]), shift: firstCol - regionStart });
  } else if (labels.length && firstCol > regionStart && dataInGap(regionStart, firstCol)) {
    const shift = firstCol - regionStart;
    bag.add("PP202", placeOf(grid, labelRow, labels[0]![0]), { shift, first: wareki(labels[0]![1]) },
      { actual: `${wareki(labels[0]![1])}@${labels[0]![0] + 1}`, expected: `${wareki(labels[0]![1])}@${labels[0]![0] + 1 - shift}` });
    firstCol = regionStart;
    if (block.beyond) block.beyond.col -= shift;
  }
  const years = new Map<number, number>();
  const missing: number[] = [];
  for (let y = period.start; y <= period.end; y++) {
    for (let j = 0; j < k; j++) years.set(firstCol + (y - period.start) * k * stride + j, y);
    if (!labels.some(([, ly]) => ly === y)) missing.push(y);
  }
  if (missing.length) {
    bag.add("PP203", placeOf(grid, labelRow), { years: missing.map(wareki).join("、") });
  }
  block.years = years;
  if (block.beyond && years.has(block.beyond.col)) delete block.beyond;
}
