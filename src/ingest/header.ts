// Finds the plan table in a grid: every header block (exports repeat one per printed page),
// which column holds what (by wording, never by position), and which fiscal year each schedule
// column stands for — aligned by the data where a block's year labels are shifted or missing.
import type { ColumnKey, Config } from "../config/schema.js";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { parseFiscalYear, wareki } from "../fiscal.js";
import { type Grid, type GridRow, placeOf } from "./grid.js";

/** No plan runs longer than this; a longer span comes from a mistyped year label. */
const MAX_PERIOD_YEARS = 20;

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
}

export interface Table {
  blocks: Block[];
  title?: { text: string; row: GridRow };
  period: { start: number; end: number } | null;
}

const KEY_PATTERNS: [ColumnKey, RegExp][] = [
  ["no", /^(no\.?|番号|事業番号|通し番号)$/i],
  ["policy", /^(基本方針|基本方針・基本施策|基本方針\/基本施策|基本目標|方針)$/],
  ["measure", /^(施策|施策名|基本施策)$/],
  ["initiative", /^(取組|取組み|取り組み|取組名|取組内容)$/],
  ["name", /^(事業|事業名|事業名称|主な事業|項目)$/],
  ["departments", /^(担当課|所管課|担当部署|担当部局|担当所管|所管|担当)$/],
  ["description", /^(事業内容|事業概要|内容|概要)$/],
];

/** Words of a header row above the labels that group columns (not a column's own label). */
const GROUP_WORDS = /^(スケジュール|工程|年度|計画期間|施策基本情報|施策プランニング|基本情報|事業計画|取組内容)$/;

export const REQUIRED_KEYS: ColumnKey[] = ["no", "policy", "measure", "initiative", "name"];
const OPTIONAL_KEYS: ColumnKey[] = ["departments", "description"];
const KEY_LABEL: Record<ColumnKey, string> = {
  no: "No", policy: "基本方針", measure: "施策", initiative: "取組", name: "事業",
  departments: "担当課", description: "事業内容",
};
export function columnLabel(key: ColumnKey): string {
  return KEY_LABEL[key];
}

function squash(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

/** What a header cell's wording names: a column key, a fiscal year, or nothing. */
export function matchLabel(text: string, config: Config): ColumnKey | number | null {
  const t = squash(text);
  if (!t) return null;
  for (const [wording, key] of Object.entries(config.columns)) if (squash(wording) === t) return key;
  for (const [key, re] of KEY_PATTERNS) if (re.test(t)) return key;
  return parseFiscalYear(t);
}

export const isBlank = (row: GridRow): boolean => row.cells.every((c) => !c.trim());

function keysIn(row: GridRow, config: Config): Set<ColumnKey> {
  const keys = new Set<ColumnKey>();
  for (const c of row.cells) {
    const m = matchLabel(c, config);
    if (typeof m === "string") keys.add(m);
  }
  return keys;
}

const looksLikeNo = (text: string | undefined) => /^\s*(no\.?\s*)?[0-9０-９]+\s*$/i.test(text ?? "");

export function findTable(grid: Grid, config: Config, bag: DiagnosticBag): Table {
  const rows = grid.rows;
  // Key rows: at least three of the known column wordings on one row.
  const keyRowIdx: number[] = [];
  rows.forEach((row, i) => { if (keysIn(row, config).size >= 3) keyRowIdx.push(i); });
  const blocks: Block[] = [];
  const blockSpans: [number, number][] = [];
  for (const k of keyRowIdx) {
    let top = k;
    while (top - 1 >= 0 && k - (top - 1) <= 3 && !isBlank(rows[top - 1]!) && !blockSpans.some(([, e]) => e >= top - 1)
      && !looksLikeData(rows[top - 1]!)) top--;
    let bottom = k;
    while (bottom + 1 < rows.length && bottom + 1 - k <= 2 && isHeaderContinuation(rows[bottom + 1]!, config)) bottom++;
    blockSpans.push([top, bottom]);
  }
  blockSpans.forEach(([top, bottom], b) => {
    const headerRows = rows.slice(top, bottom + 1);
    const next = blockSpans[b + 1]?.[0] ?? rows.length;
    const dataRows = rows.slice(bottom + 1, next).filter((r) => !isBlank(r));
    blocks.push({ headerRows, columns: {}, years: new Map(), dataRows, expectedCells: 0, unknown: new Map() });
  });
  for (const block of blocks) {
    labelColumns(block, config);
    const keyRow = block.headerRows.find((r) => keysIn(r, config).size >= 3) ?? block.headerRows[0]!;
    for (const key of REQUIRED_KEYS) {
      if (block.columns[key] === undefined) bag.add("PP204", placeOf(grid, keyRow), { column: columnLabel(key) });
    }
    for (const key of OPTIONAL_KEYS) {
      if (block.columns[key] === undefined) bag.add("PP210", placeOf(grid, keyRow), { column: columnLabel(key) });
    }
    for (const [col, words] of block.unknown) bag.add("PP209", placeOf(grid, keyRow, col), { label: words });
  }

  // The period comes from the year labels of every block.
  const labelled = blocks.flatMap((b) => [...b.years.values()]);
  let period = labelled.length ? { start: Math.min(...labelled), end: Math.max(...labelled) } : null;
  // A mistyped label (令和99年度) would stretch the period over a century of empty columns.
  if (period && period.end - period.start + 1 > MAX_PERIOD_YEARS) {
    bag.add("PP150", placeOf(grid, blocks[0]!.headerRows[blocks[0]!.headerRows.length - 1]!),
      { first: wareki(period.start), last: wareki(period.end), years: period.end - period.start + 1, limit: MAX_PERIOD_YEARS });
    period = { start: period.start, end: period.start + MAX_PERIOD_YEARS - 1 };
  }
  if (period) for (const block of blocks) alignYears(grid, block, period, bag);

  const table: Table = { blocks, period };
  const firstTop = blockSpans[0]?.[0] ?? rows.length;
  const titleRow = rows.slice(0, firstTop).find((r) => r.cells.filter((c) => c.trim()).length === 1);
  if (titleRow) table.title = { text: (titleRow.cells.find((c) => c.trim()) ?? "").trim(), row: titleRow };
  return table;
}

/** A row below a key row that still belongs to the header: labels only, no project number. */
function isHeaderContinuation(row: GridRow, config: Config): boolean {
  if (isBlank(row) || row.cells.some((c) => looksLikeNo(c) && !parseFiscalYear(c))) return false;
  const filled = row.cells.filter((c) => c.trim());
  const labels = filled.filter((c) => matchLabel(c, config) !== null).length;
  return labels > 0 && labels * 2 >= filled.length && filled.every((c) => c.trim().length <= 20);
}

function looksLikeData(row: GridRow): boolean {
  return looksLikeNo(row.cells[0]) || row.cells.some((c) => c.length > 40);
}

/** Each column's label may sit in any row of the block; the first wording that matches wins. */
function labelColumns(block: Block, config: Config): void {
  const width = Math.max(...block.headerRows.map((r) => r.cells.length));
  let lastLabelled = -1;
  for (let c = 0; c < width; c++) {
    let found = false;
    for (const row of block.headerRows) {
      const m = matchLabel(row.cells[c] ?? "", config);
      if (m === null) continue;
      if (typeof m === "number") { if (!block.years.has(c)) block.years.set(c, m); }
      else if (block.columns[m] === undefined) block.columns[m] = c;
      else continue;
      lastLabelled = Math.max(lastLabelled, c);
      found = true;
      break;
    }
    if (found) continue;
    // A column headed by words planpress does not know: a column of another export's wording.
    const words = block.headerRows.map((r) => squash(r.cells[c] ?? "")).filter((t) => t && !GROUP_WORDS.test(t));
    if (words.length) { block.unknown.set(c, words[words.length - 1]!); lastLabelled = Math.max(lastLabelled, c); }
  }
  block.expectedCells = lastLabelled + 1;
}

/**
 * Schedule columns start right after the last named column. Where a block's year labels start
 * further right while the data fills the columns in between, the labels are shifted: the data
 * decides (PP202). Years of the period with no label in the block are filled in (PP203).
 */
function alignYears(grid: Grid, block: Block, period: { start: number; end: number }, bag: DiagnosticBag): void {
  // Schedule columns start after every named column, known or not: an unknown column is never
  // taken for a year (its data would be misread as phases).
  const keyCols = [...Object.values(block.columns).filter((c): c is number => c !== undefined), ...block.unknown.keys()]
    .filter((c) => !block.years.has(c));
  const regionStart = keyCols.length ? Math.max(...keyCols) + 1 : 0;
  const labels = [...block.years.entries()].sort((a, b) => a[0] - b[0]);
  const labelRow = block.headerRows.find((r) => r.cells.some((c) => parseFiscalYear(c) !== null)) ?? block.headerRows[block.headerRows.length - 1]!;
  // Labels out of sequence (R8, R10, R9…) are reported; the first label anchors the columns.
  labels.forEach(([col, year], i) => {
    const [c0, y0] = labels[0]!;
    const expected = y0 + (col - c0);
    if (i > 0 && year !== expected) {
      bag.add("PP206", placeOf(grid, labelRow, col), { label: wareki(year), expected: wareki(expected) });
    }
  });
  let firstCol = labels.length ? labels[0]![0] - (labels[0]![1] - period.start) : regionStart;
  const dataInGap = (from: number, to: number) =>
    block.dataRows.some((r) => r.cells.slice(from, to).some((c) => c.trim()));
  if (labels.length && firstCol > regionStart && dataInGap(regionStart, firstCol)) {
    const shift = firstCol - regionStart;
    bag.add("PP202", placeOf(grid, labelRow, labels[0]![0]), { shift, first: wareki(labels[0]![1]) },
      { actual: `${wareki(labels[0]![1])}@${labels[0]![0] + 1}`, expected: `${wareki(labels[0]![1])}@${labels[0]![0] + 1 - shift}` });
    firstCol = regionStart;
  }
  const years = new Map<number, number>();
  const missing: number[] = [];
  for (let y = period.start; y <= period.end; y++) {
    const col = firstCol + (y - period.start);
    years.set(col, y);
    if (!labels.some(([, ly]) => ly === y)) missing.push(y);
  }
  if (missing.length) {
    bag.add("PP203", placeOf(grid, labelRow), { years: missing.map(wareki).join("、") });
  }
  block.years = years;
}
