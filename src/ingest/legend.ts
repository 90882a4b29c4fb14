// A legend written in the plan file itself (凡例 ○：検討・準備 ●：実施, ※○は検討、●は実施): what
// the marks in the year cells mean, so that a row marked ○ ● ● reads as 検討 then 実施 instead of
// being refused as two marks without a meaning (PP319). The config's schedule.markLabels wins
// where both give a mark a meaning.
import { type GridRow } from "./grid.js";

export interface Legend { row: GridRow; text: string; marks: Record<string, string>; /** The legend's cell, where it shares its row (a title's, top right of an A3 sheet). */ col?: number }

/** Words no phase's name is: longer than one, or a sentence (○：検討の予定を示します). */
export const wordy = (text: string): boolean => text.length > 12 || /を|ます|です/u.test(text);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Line styles a 工程表 draws its bars with in cells (┅┅ dotted, ━━ solid): a continuation of the
 * phase on the left unless a legend in the file gives a style a phase (┅┅：検討　━━：実施).
 */
export const LINE_STYLES = "━─┅┄┈┉╌╍";

/**
 * The legend of `rows`: the first row whose text is nothing but 凡例 pairs (a mark, a separator
 * `：` `=` `…` `は` or a space, a phase's name), each mark one of `activeMarks`, none given two
 * meanings.
 */
export function findLegend(rows: readonly GridRow[], activeMarks: readonly string[], continuationMarks: readonly string[] = [], cells = false): Legend | null {
  // signs only: a letter used as a mark (レ) would cut words (プレ調査). A continuation mark in the
  // legend (→：継続) is read as the line's part; its meaning is planpress's own — unless it is a
  // line style (┅┅：検討　━━：実施), which the legend names a phase.
  const signs = [...activeMarks, ...continuationMarks].filter((m) => !/\p{L}/u.test(m) && !LINE_STYLES.includes(m)).sort((a, b) => b.length - a.length);
  if (!signs.length) return null;
  const mark = `(?:${[...LINE_STYLES].map((c) => `${escape(c)}+`).join("|")}|${signs.map(escape).join("|")})`;
  const label = `[^\\s、,，。/／：:=＝…]+?`;
  const pairOf = (separator: string) => new RegExp(`(${mark})\\s*${separator}\\s*(${label})(?=\\s|[、,，。/／]|${mark}|$)`, "gu");
  const pair = pairOf("(?:[:：=＝]|…+|‥+|は|\\s)");
  // after the word 凡例 a mark may touch its phase (凡例：○検討　●実施)
  const tight = pairOf("(?:[:：=＝]|…+|‥+|は|\\s)?");
  const prefix = /^(?:[※＊*]\s*)?(?:[（(【［[]?凡例[）)】］\]]?\s*[:：]?\s*)?/u;
  const lines = rows.flatMap((row): { row: GridRow; text: string; col?: number }[] => {
    const texts = row.cells.flatMap((c, col) => (c.trim() ? [{ col, text: c.trim() }] : []));
    // the whole row, then (`cells`: above the table) each of its cells alone (凡例：○検討　●実施 beside the title)
    return [{ row, text: texts.map((c) => c.text).join(" ") }, ...(cells && texts.length > 1 ? texts.map((c) => ({ row, text: c.text, col: c.col })) : [])];
  });
  // the marks a line's body gives, each its phase, or null where anything else is in it
  const read = (body: string, pairs: RegExp): Record<string, string> | null => {
    const marks: Record<string, string> = {};
    for (const [, written, meaning] of body.matchAll(pairs)) {
      // a line style as its one character (┅┅ → ┅)
      const sign = LINE_STYLES.includes(written![0]!) ? written![0]! : written!;
      // a phase's name: words, not a sentence (○：検討の予定を示します) nor marks (● ● ●)
      if (wordy(meaning!) || !/^[（(「]?\p{L}/u.test(meaning!)) return null;
      if (marks[sign] !== undefined && marks[sign] !== meaning) return null;
      marks[sign] = meaning!;
    }
    // every character of the line is a pair or a separator between pairs
    const rest = body.replace(pairs, "").replace(/[\s、,，。/／]/gu, "");
    for (const m of Object.keys(marks)) if (!activeMarks.includes(m) && !LINE_STYLES.includes(m)) delete marks[m];
    return Object.keys(marks).length && !rest ? marks : null;
  };
  for (const { row, text, col } of lines) {
    if (!text || text.length > 200) continue;
    const body = text.replace(prefix, "");
    const pairs = /凡例/u.test(text.slice(0, text.length - body.length)) ? tight : pair;
    const marks = read(body, pairs);
    if (!marks) continue;
    if (col !== undefined) return { row, text, marks, col };
    // the lines right under a whole line's legend going on with its pairs (凡例　○：検討　●：実施 ⏎
    // ◎：運用): read with it and emptied (◎ had been refused, PP318, its line left as matter, PP337)
    let words = text;
    for (const [k, next] of rows.slice(rows.indexOf(row) + 1).entries()) {
      const more = next.line === row.line + k + 1 ? read(next.cells.filter((c) => c.trim()).join(" "), pairs) : null;
      if (!more || Object.entries(more).some(([m, l]) => marks[m] !== undefined && marks[m] !== l)) break;
      Object.assign(marks, more);
      words += ` ${next.cells.filter((c) => c.trim()).join(" ")}`;
      next.cells = next.cells.map(() => "");
    }
    return { row, text: words, marks };
  }
  return null;
}

/**
 * A legend of the marks spread over the cells of the title's line and the rows under it, above
 * the table (`〇〇計画 | … | 凡例 | ○：検討 | ●：実施` ⏎ `| … | | ◎：運用`, or a 凡例 ending the title's
 * line over `○：検討 | ●：実施 | ◎：運用`; `凡例：○検討　●実施` over `◎運用`): cells of pairs (or the word
 * 凡例) on consecutive rows, right of any other text on their rows. Read whole, its cells
 * emptied: the line keeps its title. Only one column's pairs had been read (the others' marks
 * then refused, PP318), and the title lost to the file's name (PP205).
 */
export function spreadLegend(rows: readonly GridRow[], activeMarks: readonly string[], continuationMarks: readonly string[] = []): Legend | null {
  const cells = rows.flatMap((row, i) => row.cells.flatMap((c, col) => (c.trim() ? [{ row, i, col, text: c.trim() }] : [])));
  const worded = cells.some((c) => /^[（(【［[]?凡例/u.test(c.text));
  // (after the word 凡例 a mark may touch its phase, in any of the cells: ○検討)
  const pairsOf = (text: string) => findLegend([{ line: 0, cells: [worded && !/凡例/u.test(text) ? `凡例 ${text}` : text] }], activeMarks, continuationMarks)?.marks;
  const parts = cells.flatMap((c) => { const marks = LEGEND_WORD.test(c.text) ? {} : pairsOf(c.text); return marks ? [{ ...c, marks }] : []; });
  const lines = [...new Set(parts.map((p) => p.i))];
  if (lines.length < 2 || lines.some((i, k) => k > 0 && i !== lines[k - 1]! + 1)) return null;
  // on each of its rows, right of any other text (the title's, on the left)
  const first = (i: number) => Math.min(...parts.filter((p) => p.i === i).map((p) => p.col));
  if (cells.some((c) => lines.includes(c.i) && !parts.some((p) => p.row === c.row && p.col === c.col) && c.col > first(c.i))) return null;
  const marks: Record<string, string> = {};
  for (const [m, l] of parts.flatMap((p) => Object.entries(p.marks))) {
    if (marks[m] !== undefined && marks[m] !== l) return null;
    marks[m] = l;
  }
  if (Object.keys(marks).length < 2) return null;
  for (const p of parts) p.row.cells[p.col] = "";
  return { row: parts[0]!.row, text: parts.map((p) => p.text).join(" "), marks, col: parts[0]!.col };
}

/**
 * A legend in brackets after the schedule's group word in the header (`スケジュール（○：検討　●：実施）`
 * merged over the years): the bracket read as a legend line. It had not been read, and every row
 * of ○ and ● was refused (PP319).
 */
export function groupLegend(headerRows: readonly GridRow[], isGroup: (words: string) => boolean, activeMarks: readonly string[], continuationMarks: readonly string[] = []): Legend | null {
  for (const row of headerRows) {
    for (const [col, cell] of row.cells.entries()) {
      const m = /^([^（(]+)[（(](.+)[)）]$/u.exec(cell.trim());
      if (!m || !isGroup(m[1]!.replace(/[\s\u3000]+/gu, ""))) continue;
      const one = findLegend([{ line: row.line, cells: [m[2]!] }], activeMarks, continuationMarks);
      if (one) return { row, text: cell.trim(), marks: one.marks, col };
    }
  }
  return null;
}

/** A legend of the colours a sheet's bars are filled in: each fill key (grid.ts) and its phase's name. */
/**
 * A colour legend: its first row (where it is said), every row it takes, its words, and each
 * colour's phase; a legend beside the table takes no rows, only its cells (`col` its first).
 */
export interface FillLegend { row: GridRow; rows: ReadonlySet<GridRow>; text: string; fills: Record<string, string>; col?: number }

const LEGEND_WORD = /^[（(【［[]?凡例[）)】］\]]?[:：]?$/u;

/**
 * The colour legend of `rows` (xlsx): the first row whose texts are phases' names, each beside
 * an empty cell filled in its colour (`凡例 | ■ | 検討 | ■ | 実施`, the swatch on every name's
 * left or on every name's right) or filled in it itself (`検討 | 実施` in their colours), besides
 * the word 凡例. Without that word every name must be a phase's (`isPhase`): header groups filled
 * in two colours (施策基本情報 | 施策プランニング) are no legend. Some colour of it fills another row.
 */
export function findFillLegend(rows: readonly GridRow[], isPhase: (label: string) => boolean): FillLegend | null {
  const used = (row: GridRow, fill: string): boolean => rows.some((r) => r !== row && [...r.fills?.values() ?? []].includes(fill));
  for (const [i, row] of rows.entries()) {
    const fills = row.fills;
    if (!fills?.size) continue;
    const all = textsOf(row);
    // 凡例 right of other text (the title's line, top right of an A3 sheet): the legend is what
    // follows it, and the line keeps the rest (the title had been lost, the row taken for a header)
    const wordAt = all.findIndex((t) => LEGEND_WORD.test(t.text));
    const texts = wordAt > 0 ? all.slice(wordAt) : all;
    const named = texts.filter((t) => !LEGEND_WORD.test(t.text));
    const worded = named.length < texts.length;
    if (!named.length || named.length > 12 || (!worded && (named.length < 2 || !named.every((t) => isPhase(t.text))))) continue;
    // a phase's name: words, not a sentence, a number or a mark
    if (!named.every(fillName)) continue;
    const side = SIDES.find((d) => named.every((t) => swatchOf(row, t.col, d) !== undefined));
    if (side === undefined) continue;
    const legend: Record<string, string> = {};
    for (const t of named) legend[swatchOf(row, t.col, side)!] = t.text.replace(/[:：]$/u, "");
    // each colour one name, each name one colour
    if (Object.keys(legend).length !== named.length || new Set(Object.values(legend)).size !== named.length) continue;
    if (!Object.keys(legend).some((fill) => used(row, fill))) continue;
    // the rows right under it going on with its pairs (凡例 | ■ | 検討 | ■ | 実施 ⏎ | ■ | 運用): one legend
    // (運用 had been refused, PP365)
    const more: GridRow[] = [];
    for (const r of rows.slice(i + 1)) {
      const rt = textsOf(r);
      if (r.line !== (more.at(-1) ?? row).line + 1 || !rt.length || !rt.every(fillName)) break;
      const fillsOf = rt.map((t) => swatchOf(r, t.col, side));
      const names = rt.map((t) => t.text.replace(/[:：]$/u, ""));
      if (fillsOf.some((f, k) => f === undefined || legend[f] !== undefined || Object.values(legend).includes(names[k]!))) break;
      fillsOf.forEach((f, k) => { legend[f!] = names[k]!; });
      more.push(r);
    }
    const text = [...texts, ...more.flatMap(textsOf)].map((t) => t.text).join(" ");
    if (wordAt <= 0) {
      // 凡例 ending the title's line right above it: the legend's word, the line the title's alone
      const above = rows[i - 1];
      const word = above?.line === row.line - 1 ? textsOf(above).at(-1) : undefined;
      if (!worded && word && LEGEND_WORD.test(word.text)) above!.cells[word.col] = "";
      return { row, rows: new Set([row, ...more]), text, fills: legend };
    }
    // its cells are emptied, as a legend beside the table's are: the line is the title's alone
    const from = texts[0]!.col;
    for (let c = from; c < row.cells.length; c++) row.cells[c] = "";
    for (const c of [...fills.keys()]) if (c >= from) fills.delete(c);
    return { row, rows: new Set(more), text, fills: legend, col: from };
  }
  return stackedFillLegend(rows);
}

/** A row's texts with their columns. */
const textsOf = (row: GridRow) => row.cells.flatMap((c, col) => (c.trim() ? [{ col, text: c.trim() }] : []));
/** A colour legend's phase name: words, not a sentence, a number, a mark or the word 凡例. */
const fillName = (t: { text: string }) => !wordy(t.text) && /\p{L}/u.test(t.text) && !LEGEND_WORD.test(t.text);
/** Where a name's swatch is: the empty cell on its left, on its right, or its own cell filled. */
const SIDES = [-1, 1, 0] as const;
const swatchOf = (row: GridRow, col: number, side: (typeof SIDES)[number]): string | undefined =>
  (side !== 0 && row.cells[col + side]?.trim() ? undefined : row.fills?.get(col + side));

/**
 * A colour legend stacked a phase a row under the word 凡例 (`凡例` ⏎ `■ | 検討` ⏎ `■ | 実施` …): each
 * row one phase's name beside one empty cell filled in its colour; 凡例 may end the title's line
 * (top right). Its rows had been read as a project's (PP379, PP356) or its colours left unnamed.
 */
function stackedFillLegend(rows: readonly GridRow[]): FillLegend | null {
  for (const [i, head] of rows.entries()) {
    const words = head.cells.flatMap((c, col) => (c.trim() ? [{ col, text: c.trim() }] : []));
    // 凡例 alone on its row, or last on the title's line (top right, its phases stacked under it)
    const word = words[words.length - 1];
    if (!word || !LEGEND_WORD.test(word.text)) continue;
    const legend: Record<string, string> = {};
    const taken: GridRow[] = [head];
    for (const row of rows.slice(i + 1, i + 13)) {
      const texts = row.cells.flatMap((c, col) => (c.trim() ? [{ col, text: c.trim() }] : []));
      const t = texts[0];
      const swatch = (col: number) => (row.cells[col]?.trim() ? undefined : row.fills?.get(col));
      const fill = t && texts.length === 1 && !wordy(t.text) && /\p{L}/u.test(t.text) ? swatch(t.col - 1) ?? swatch(t.col + 1) : undefined;
      if (fill === undefined || legend[fill] !== undefined || Object.values(legend).includes(t!.text)) break;
      legend[fill] = t!.text.replace(/[:：]$/u, "");
      taken.push(row);
    }
    // some colour of it fills a cell outside it
    const elsewhere = (fill: string) => rows.some((r) => !taken.includes(r) && [...r.fills?.values() ?? []].includes(fill));
    if (taken.length < 3 || !Object.keys(legend).some(elsewhere)) continue;
    const text = [word.text, ...taken.slice(1).map((r) => r.cells.filter((c) => c.trim()).join(" "))].join(" ");
    if (words.length === 1) return { row: head, rows: new Set(taken), text, fills: legend };
    // the title's line keeps its title: only its 凡例 is emptied
    head.cells[word.col] = "";
    return { row: head, rows: new Set(taken.slice(1)), text, fills: legend, col: word.col };
  }
  return null;
}

/** A legend beside the table takes at most this many rows (and its 凡例). */
const BESIDE_MAX = 12;

/** A row's columns: its cells end at its last text, a swatch right of it is in its fills only. */
const columnsOf = (r: GridRow) => new Set([...r.cells.keys(), ...r.fills?.keys() ?? []]);

/** How many rows write or fill each column (a legend beside the table holds its columns alone). */
function occupiedColumns(rows: readonly GridRow[]): number[] {
  const occupied: number[] = [];
  for (const r of rows) for (const c of columnsOf(r)) if (r.cells[c]?.trim() || r.fills?.has(c)) occupied[c] = (occupied[c] ?? 0) + 1;
  return occupied;
}

/**
 * A legend of the marks stacked beside the table (`凡例` over `○：検討`, `●：実施` in a column right
 * of the years, in the rows of the header and the projects; or one cell `凡例：○検討　●実施`): a
 * column holding nothing else, each of its cells 凡例 pairs. Its cells are emptied: 凡例 had been an
 * unknown column (PP209) and the marks refused as having no meaning (PP319).
 */
export function besideLegend(rows: readonly GridRow[], activeMarks: readonly string[], continuationMarks: readonly string[] = [], minPairs = 1): Legend | null {
  const occupied = occupiedColumns(rows);
  // the texts of the columns few enough rows write, gathered in one pass (a column at a time had
  // walked every row for each of a wide sheet's columns)
  const byColumn = new Map<number, { row: GridRow; i: number; text: string }[]>();
  rows.forEach((row, i) => row.cells.forEach((cell, col) => {
    const text = cell.trim();
    if (!text || (occupied[col] ?? 0) > BESIDE_MAX + 1) return;
    byColumn.set(col, [...byColumn.get(col) ?? [], { row, i, text }]);
  }));
  // (a legend's pair holds a mark or a line style: other cells are never read as one)
  const signs = [...activeMarks, ...LINE_STYLES];
  for (const [col, cells] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    // one stack, its cells at most a blank row apart, and nothing else in the column (no fill)
    if (cells.length !== occupied[col] || cells.some((c, k) => k > 0 && c.i - cells[k - 1]!.i > 2)) continue;
    const head = LEGEND_WORD.test(cells[0]!.text) ? 1 : 0;
    if (!cells.slice(head).every(({ text }) => signs.some((m) => text.includes(m)))) continue;
    const marks: Record<string, string> = {};
    const read = cells.slice(head).every(({ row, text }) => {
      // (under the word 凡例 a mark may touch its phase, as after it on one line: ○検討 had been no legend, PP319)
      const one = findLegend([{ line: row.line, cells: [head ? `凡例 ${text}` : text] }], activeMarks, continuationMarks);
      for (const [m, l] of Object.entries(one?.marks ?? {})) { if (marks[m] !== undefined && marks[m] !== l) return false; marks[m] = l; }
      return one !== null;
    });
    if (!read || cells.length - head < minPairs) continue;
    for (const c of cells) c.row.cells[col] = "";
    return { row: cells[0]!.row, text: cells.map((c) => c.text).join(" "), marks, col };
  }
  return null;
}

/**
 * A colour legend stacked beside the table (`凡例` over `■ | 検討`, `■ | 実施` … to the right of the
 * year columns, in the rows of the header and the projects): a name beside an empty cell filled
 * in its colour, a row each, in two columns that hold nothing else in the sheet (a table's own
 * columns are never a legend). Without the word 凡例 above it every name must be a phase's
 * (`isPhase`). Its cells are emptied: they had been read as phases past the period (PP308), the
 * bars left unnamed, 凡例 an unknown column (PP209).
 */
export function besideFillLegend(rows: readonly GridRow[], isPhase: (label: string) => boolean): FillLegend | null {
  const text = (row: GridRow | undefined, col: number) => row?.cells[col]?.trim() ?? "";
  const swatchAt = (row: GridRow, col: number) => (text(row, col) ? undefined : row.fills?.get(col));
  const named = (t: string) => t !== "" && !wordy(t) && /\p{L}/u.test(t) && !LEGEND_WORD.test(t);
  const occupied = occupiedColumns(rows);
  const few = (c: number) => (occupied[c] ?? 0) <= BESIDE_MAX + 1;
  for (const [i, row] of rows.entries()) {
    for (const [name, swatch] of [...columnsOf(row)].flatMap((c) => [[c + 1, c], [c, c + 1]] as const)) {
      if (!few(name) || !few(swatch) || !named(text(row, name)) || swatchAt(row, swatch) === undefined) continue;
      const legend: Record<string, string> = {};
      const taken: GridRow[] = [];
      for (const r of rows.slice(i, i + BESIDE_MAX)) {
        const fill = swatchAt(r, swatch), label = text(r, name).replace(/[:：]$/u, "");
        if (fill === undefined || !named(label) || legend[fill] !== undefined || Object.values(legend).includes(label)) break;
        legend[fill] = label;
        taken.push(r);
      }
      if (taken.length < 2) continue;
      const above = rows[i - 1];
      const headCol = [name, swatch].find((c) => LEGEND_WORD.test(text(above, c)));
      if (headCol === undefined && !Object.values(legend).every(isPhase)) continue;
      const cols = [name, swatch];
      const own = new Set<GridRow>([...taken, ...(headCol !== undefined ? [above!] : [])]);
      // the two columns hold nothing else: not the table's, and no colour of it only here
      if (cols.some((c) => occupied[c] !== [...own].filter((r) => text(r, c) || r.fills?.has(c)).length)) continue;
      if (!Object.keys(legend).some((fill) => rows.some((r) => [...r.fills ?? []].some(([c, f]) => f === fill && !(own.has(r) && cols.includes(c)))))) continue;
      const first = headCol !== undefined ? above! : row;
      const words = [...(headCol !== undefined ? [text(above, headCol)] : []), ...taken.map((r) => text(r, name))].join(" ");
      for (const r of own) for (const c of cols) { if (r.cells[c] !== undefined) r.cells[c] = ""; r.fills?.delete(c); }
      return { row: first, rows: new Set(), text: words, fills: legend, col: Math.min(...cols) };
    }
  }
  return null;
}
