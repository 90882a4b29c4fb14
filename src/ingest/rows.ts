// Data rows of every block → raw project rows: each known column's cell text and place, and the
// non-empty schedule cells with their fiscal years. Nothing is interpreted yet.
import type { ColumnKey } from "../config/schema.js";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { quoteList } from "../diagnostics/format.js";
import type { Place } from "../diagnostics/schema.js";
import { parseProjectNo } from "../normalise/text.js";
import { type Grid, type GridRow, placeOf, singleText } from "./grid.js";
import { type Block, columnLabel, looksLikeNo, type Table, withoutHtml } from "./block.js";
import type { FillLegend } from "./legend.js";
import { isFootnote } from "./columns.js";
import { HeadingLevels, headingText, isStrayLine, isTotalsRow, TOTAL_WORD } from "./sections.js";
import { parseTiming, type TimedPhase, timingText } from "./timing.js";
import { wareki } from "../fiscal.js";
import { WRAPPED } from "../normalise/description.js";

export interface RawCell { text: string; place: Place }

export interface RawScheduleCell extends RawCell {
  year: number;
  /**
   * How far the cell reaches, in the schedule's columns (years, or parts of a year: `part`): an
   * xlsx merge (a text export lost its merges), or a column of several years (前期（R8～R9）).
   */
  span?: number;
  /** In a table whose years are divided into columns (上期・下期): which of the year's `of` columns. */
  part?: { index: number; of: number };
  /** xlsx: the cell's fill colour, where a bar is drawn by filling cells (see shadeOf). */
  shade?: string;
  /** The phase its row's phase column names (取組段階 | 検討 | ●): the name of a mark or fill nothing else names. */
  phase?: string;
}

/** A cell of a remark row under a project: its fiscal year, or null outside the year columns. */
export interface RawNote extends RawCell { year: number | null }

export interface RawRow {
  place: Place;
  fields: Partial<Record<ColumnKey, RawCell>>;
  schedule: RawScheduleCell[];
  /** Remark rows right under this project (no No, no name, text only in year or remarks columns). */
  notes: RawNote[];
  /** Whether year spans are exact (xlsx merges) or run until the next label (text). */
  exactSpans: boolean;
  /** A timing cell that names no year was said (PP328): no second word that the schedule is empty. */
  scheduleUnread?: true;
  /** The cell of a column for the years after the period (令和12年度以降), when not empty. */
  beyond?: { cell: RawScheduleCell; header: string };
  /** The departments' header says brackets in its cells hold related departments (担当課（関係課）). */
  relatedInBrackets?: true;
  /** The row's rest went to the next line (PP306): a cell empty here is no empty cell of the plan. */
  cut?: true;
}

/** The hierarchy, top down: written once per group, a level is carried down to the group's rows. */
const HIERARCHY: ColumnKey[] = ["policy", "policyNumber", "measure", "measureNumber", "initiative", "initiativeNumber"];

/** Cells covered by a vertical merge (below its top row): the top-left cell's text and place. */
interface MergedFrom { text: string; top: GridRow; left: number; width: number }

function verticalMerges(grid: Grid): Map<string, MergedFrom> {
  const out = new Map<string, MergedFrom>();
  if (!grid.merges?.length) return out;
  const byLine = new Map(grid.rows.map((r) => [r.line, r]));
  for (const m of grid.merges) {
    const top = byLine.get(m.top);
    if (m.bottom <= m.top || !top) continue;
    const text = top.cells[m.left] ?? "";
    for (let line = m.top + 1; line <= m.bottom; line++) out.set(`${line}:${m.left}`, { text, top, left: m.left, width: m.right - m.left + 1 });
  }
  return out;
}

/** Fill-downs of one kind (merges or carried values) per column: one info diagnostic each. */
type Fills = Map<string, { count: number; place: Place }>;
function countFill(fills: Fills, column: string, place: Place): void {
  const f = fills.get(column);
  if (f) f.count++; else fills.set(column, { count: 1, place });
}

/**
 * `sections`: the hierarchy levels heading rows give (sections.ts); each project row takes the
 * last heading of each such level above it.
 */
export function rawRows(grid: Grid, table: Pick<Table, "blocks" | "sections" | "fillLegend">, maxCellChars: number, bag: DiagnosticBag, timing: Timing | null = null): RawRow[] {
  const { blocks, sections } = table;
  const out: RawRow[] = [];
  const merged = verticalMerges(grid);
  const mergeFills: Fills = new Map();
  const carried: Fills = new Map();
  const dittoed: Fills = new Map();
  const headings = new HeadingLevels(sections);
  // The heading of each level the rows are under (a header repeated on a new page keeps them).
  const under: Partial<Record<ColumnKey, RawCell>> = {};
  let headingRows: { count: number; place: Place } | null = null;
  type Said = { count: number; place: Place; projectNo: number | undefined };
  let continued: Said | null = null;
  // rows of a project's further phases under a phase column (取組段階 | 実施 | | ●, PP282)
  let phaseRows: Said | null = null;
  let furtherRows: Said | null = null;
  let shortRows: Said | null = null;
  // Text in a column without a header among or left of the named ones (★ or 重点 in column A)
  let headless = null as (Said & { value: string }) | null;
  // Rows under a name in a 事業名・内容 column, read as its description (PP380).
  let describedRows = null as (Said & { column: string }) | null;
  // Names wrapped onto the row below, joined to the name above (PP392).
  let wrappedNames = null as (Said & { name: string }) | null;
  const wrapName = (row: GridRow, owner: RawRow, col: number): void => {
    const name = owner.fields.name;
    if (!name) return;
    const rest = clip(grid, row, col, maxCellChars, bag).trim();
    // (Latin words keep their space: Power⏎Platform)
    name.text = `${name.text.trim()}${/[A-Za-z0-9]$/.test(name.text.trim()) && /^[A-Za-z0-9]/.test(rest) ? " " : ""}${rest}`;
    if (wrappedNames) wrappedNames.count++;
    else wrappedNames = { count: 1, place: placeOf(grid, row, col), projectNo: noOf(owner), name: name.text };
  };
  // Rows whose departments were read from the 部 column, their 課 empty (PP271).
  let divisionRows = null as (Said & { column: string }) | null;
  const describe = (row: GridRow, owner: RawRow, col: number, column: string): void => {
    continueCells(grid, row, owner, [["description", col]], maxCellChars, bag);
    if (describedRows) describedRows.count++;
    else describedRows = { count: 1, place: placeOf(grid, row, col), projectNo: noOf(owner), column };
  };
  // PP224's examples in the messages' language
  const ja = bag.lang === "ja";
  // The last project row of the block before: a row cut at a page break goes on under the header
  // the export repeats there.
  let lastProject: RawRow | null = null;
  for (const block of blocks) {
    const yearCols = [...block.years.entries()].sort((a, b) => a[0] - b[0]);
    const shade = shadeOf(grid, block, yearCols, table.fillLegend, bag);
    const lastYearCol = yearCols.length ? yearCols[yearCols.length - 1]![0] : -1;
    const firstYearCol = yearCols.length ? yearCols[0]![0] : Infinity;
    // The last named column left of the schedule (備考 may stand right of it).
    const lastNamedBefore = Math.max(-1, ...Object.values(block.columns).filter((c) => c !== undefined && c < firstYearCol));
    let above: Partial<Record<ColumnKey, RawCell>> = {};
    // The project row the next remark row belongs to: the one right above it.
    let owner: RawRow | null = null;
    let ownerRow: GridRow | null = null;
    // until the block's first row that is no continuation
    let top = true;
    const split = grid.kind === "text" ? splitRows(block) : { firsts: new Set<GridRow>(), firstOf: new Map<GridRow, GridRow>() };
    // the cells the header's lines write, empty ones at their end too — or most of its rows, when
    // those write more (a script that ends each data line with a tab): what one row more says
    const headerWidth = Math.max(...block.headerRows.map((r) => r.cells.length), usualWidth(block.dataRows));
    const addSplit = (row: GridRow, projectNo: number | undefined): void => {
      bag.add("PP306", placeOf(grid, row, row.cells.length), { cells: row.cells.length, expected: block.expectedCells },
        { ...(projectNo === undefined ? {} : { projectNo }), actual: String(row.cells.length), expected: String(block.expectedCells) });
    };
    for (const row of block.dataRows) {
      const cutOff = top ? lastProject : null;
      top = false;
      const heading = sections.length ? headingText(row, block) : null;
      if (heading !== null) {
        const place = placeOf(grid, row, row.cells.findIndex((c) => c.trim()));
        const level = headings.levelOf(heading);
        if (level) {
          under[level] = { text: heading.slice(0, maxCellChars), place };
          // a new 基本方針 starts its 施策 afresh
          for (const lower of sections.slice(sections.indexOf(level) + 1)) delete under[lower];
          if (headingRows) headingRows.count++; else headingRows = { count: 1, place };
        } else {
          const known = quoteList(sections.map((key) => (headings.first.get(key) ?? "").slice(0, 20)), bag.lang);
          bag.add("PP225", place, { text: heading.slice(0, 40), known });
        }
        owner = null;
        continue;
      }
      // A further year's row of the project above, in a table of a row per project and year: its
      // phase (header.ts made sure the rest of the row is the project's)
      if (owner && block.timing?.byRow?.further.has(row)) {
        if (timing) timedCells(grid, row, block.timing, owner, timing, maxCellChars, bag);
        continue;
      }
      // A further row of the project above: the project's No cell is merged over it (xlsx). Its
      // text continues the project's cells, its year cells are more of its phases.
      const noMerge = block.columns.no !== undefined ? merged.get(`${row.line}:${block.columns.no}`) : undefined;
      const nameCol = block.columns.name;
      const described = describedBelow(block, row);
      // (a name there with no year cell of its own is the rest of the project's name, wrapped onto
      // the row below: the merged No says whose; it had been refused, PP379)
      const nameGoesOn = owner && noMerge && noMerge.top === ownerRow && nameCol !== undefined && !described && row.cells[nameCol]?.trim()
        && yearCols.every(([col]) => !row.cells[col]?.trim() && shade(row, col) === undefined);
      if (owner && noMerge && noMerge.top === ownerRow && (nameCol === undefined || !row.cells[nameCol]?.trim() || described || nameGoesOn)) {
        const own = (col: number) => !merged.has(`${row.line}:${col}`);
        if (described) describe(row, owner, described.col, described.column);
        if (nameGoesOn && own(nameCol)) wrapName(row, owner, nameCol);
        continueCells(grid, row, owner, textColumns(block, row, [...CONTINUED, "remarks"]).filter(([, col]) => own(col)), maxCellChars, bag);
        owner.schedule.push(...yearCells(grid, row, block, yearCols, shade, maxCellChars, bag).filter((c) => (c.cell.text || c.cell.shade) && own(c.col)).map((c) => c.cell));
        if (furtherRows) furtherRows.count++; else furtherRows = { count: 1, place: placeOf(grid, row, block.columns.no!), projectNo: noOf(owner) };
        continue;
      }
      // A further phase of the project above on a row of its own (取組段階 | 実施 | | ●, no No, or its
      // No and name written again)
      if (owner && ownerRow && phaseRow(block, row, ownerRow)) {
        owner.schedule.push(...yearCells(grid, row, block, yearCols, shade, maxCellChars, bag).filter((c) => c.cell.text || c.cell.shade).map((c) => c.cell));
        if (phaseRows) phaseRows.count++; else phaseRows = { count: 1, place: placeOf(grid, row, block.phaseColumn!), projectNo: noOf(owner) };
        continue;
      }
      const notes = remarkRow(grid, block, row, lastYearCol, maxCellChars, bag);
      if (notes) {
        if (owner) owner.notes.push(...notes);
        else for (const n of notes) bag.add("PP326", n.place, { text: n.text.slice(0, 40), reason: bag.lang === "ja" ? "上に事業の行がありません" : "no project row above it" });
        continue;
      }
      const target = owner ?? cutOff;
      const more = target ? continuationRow(block, row) : null;
      if (target && more) {
        continueCells(grid, row, target, more, maxCellChars, bag);
        if (continued) continued.count++; else continued = { count: 1, place: placeOf(grid, row, more[0]![1]), projectNo: noOf(target) };
        top = owner === null;
        continue;
      }
      // A name with no No, no level and no schedule under a project: the name above wrapped onto a
      // row of its own by the export, or a project whose No was left out? Never guessed: one error
      // saying both (it had been three, 「No」「基本方針」「施策」 empty, that named neither).
      const wrapped = owner && nameOnlyRow(block, row);
      if (owner && wrapped && described) {
        describe(row, owner, described.col, described.column);
        continueCells(grid, row, owner, textColumns(block, row, CONTINUED), maxCellChars, bag);
        continue;
      }
      // ... unless the name above cannot end there (`窓口のデジタル化の`, an open bracket): its rest
      if (owner && wrapped && runsOn(owner.fields.name?.text ?? "")) {
        wrapName(row, owner, wrapped);
        continueCells(grid, row, owner, textColumns(block, row, CONTINUED), maxCellChars, bag);
        continue;
      }
      if (owner && wrapped) {
        bag.add("PP379", placeOf(grid, row, wrapped), { name: row.cells[wrapped]!.trim().slice(0, 30), no: noOf(owner) ?? "?", above: (owner.fields.name?.text ?? "").trim().slice(0, 30) });
        continue;
      }
      // The rest of a project's row cut in two (PP306, at both halves): its cells are not a
      // project's, whose No or schedule read from them would only add errors of their own.
      if (owner && ownerRow !== null && split.firstOf.get(row) === ownerRow) {
        addSplit(row, noOf(owner));
        owner = null;
        continue;
      }
      // One empty cell more than the header line wrote: a separator inside a cell the export did
      // not quote (情報政策課,市民課) moved every cell after it one column right.
      if (grid.kind === "text" && row.cells.length > headerWidth && row.cells.slice(headerWidth).every((c) => !c.trim())) {
        bag.add("PP369", placeOf(grid, row, headerWidth), { cells: row.cells.length, expected: headerWidth });
        owner = null;
        continue;
      }
      const raw = rawRow(grid, block, row, maxCellChars, bag);
      owner = raw;
      ownerRow = row;
      if (raw) lastProject = raw;
      if (!raw) continue;
      for (const level of sections) {
        if (block.columns[level] !== undefined) continue;
        const cell = under[level];
        if (cell) raw.fields[level] = cell;
        else bag.add("PP226", raw.fields.no?.place ?? raw.place, { level: columnLabel(level) }, { projectNo: noOf(raw) });
      }
      // A row of its own (its No written in it) takes what merges above it cover, and the
      // hierarchy its group wrote once, on the group's first row.
      const ownRow = !!raw.fields.no?.text.trim() && !merged.has(`${row.line}:${block.columns.no}`);
      if (ownRow) {
        for (const [key, cell] of Object.entries(raw.fields) as [ColumnKey, RawCell][]) {
          const from = merged.get(`${row.line}:${block.columns[key]}`);
          if (cell.text.trim() || !from?.text.trim()) continue;
          // Clipped, as the top row's own cell was (and reported there: PP310).
          raw.fields[key] = { text: from.text.slice(0, maxCellChars), place: placeOf(grid, from.top, from.left) };
          // said at the merge, as a place in a merged range is its top-left cell
          countFill(mergeFills, columnLabel(key), raw.fields[key]!.place);
        }
        asAbove(raw, above, dittoed);
        carryDown(raw, above, carried);
        above = raw.fields;
      }
      // 事業名（担当課）: the bracket at the name's end holds its departments
      if (block.namesWithDepartments && raw.fields.name) namesWithDepartments(raw, block.namesWithDepartments.departmentLike);
      // 事業名・内容: the lines under the name are its description
      if (block.namesWithDescriptions && raw.fields.name) namesWithDescriptions(raw);
      // 担当課2, 担当課3: their names after those of 担当課1 (a merge above covering them too), as
      // further lines of its cell
      for (const { key, col } of block.more ?? []) {
        const own = clip(grid, row, col, maxCellChars, bag).trim();
        const from = ownRow && !own ? merged.get(`${row.line}:${col}`) : undefined;
        const more = own || (from?.text.slice(0, maxCellChars).trim() ?? "");
        const field = raw.fields[key];
        if (more && field) field.text = field.text.trim() ? `${field.text}\n${more}` : more;
      }
      // 所管部 | 担当課 with the 課 left empty (a project of the whole 部, or 全部局): the 部 is its
      // department, said once (PP271) — the project had had none, in no department's file
      const division = block.division;
      if (division && block.columns.departments !== undefined && !raw.fields.departments?.text.trim()) {
        const text = clip(grid, row, division.col, maxCellChars, bag).trim();
        if (text) {
          raw.fields.departments = { text, place: placeOf(grid, row, division.col) };
          if (divisionRows) divisionRows.count++;
          else divisionRows = { count: 1, place: raw.fields.departments.place, projectNo: noOf(raw), column: division.text.replace(/\s+/g, " ") };
        }
      }
      if (grid.kind === "text" && row.cells.length < block.expectedCells) {
        if (split.firsts.has(row) || split.firstOf.has(row)) {
          addSplit(row, noOf(raw));
          if (split.firsts.has(row)) raw.cut = true;
        } else if (shortRows) shortRows.count++;
        else shortRows = { count: 1, place: placeOf(grid, row, row.cells.length), projectNo: noOf(raw) };
      }
      for (const { col, cell } of yearCells(grid, row, block, yearCols, shade, maxCellChars, bag)) {
        const from = ownRow && !cell.text ? merged.get(`${row.line}:${col}`) : undefined;
        if (from?.text.trim()) {
          cell.text = from.text.slice(0, maxCellChars).trim();
          cell.place = placeOf(grid, from.top, from.left);
          countFill(mergeFills, bag.lang === "ja" ? "スケジュール" : "schedule", cell.place);
          const span = spanOf(block, from.left, from.width > 1 ? from.width : undefined);
          if (span !== undefined) cell.span = span; else delete cell.span;
        }
        if (cell.text || cell.shade) raw.schedule.push(cell);
      }
      if (block.timing && timing) timedCells(grid, row, block.timing, raw, timing, maxCellChars, bag);
      const beyond = block.beyond;
      const beyondText = beyond ? clip(grid, row, beyond.col, maxCellChars, bag).trim() : "";
      if (beyond && beyondText) raw.beyond = { cell: { text: beyondText, place: placeOf(grid, row, beyond.col), year: beyond.year }, header: beyond.text.replace(/\s+/g, " ") };
      // Text right of the period's last column (or between the named columns and the first
      // year) is a schedule cell outside the period.
      row.cells.forEach((c, col) => {
        if (!c.trim() || block.years.has(col) || block.unknown.has(col) || block.notSchedule?.has(col) || col === block.beyond?.col || col === block.timing?.col || col === block.timing?.end || col === block.timing?.byRow?.phase || col === block.phaseColumn || Object.values(block.columns).includes(col)) return;
        if (col > lastYearCol || (col < firstYearCol && col > lastNamedBefore)) {
          bag.add("PP308", placeOf(grid, row, col), { value: c.trim().slice(0, 40) }, { projectNo: noOf(raw) });
        } else if (col < firstYearCol && !block.headerRows.some((r) => (r.cells[col] ?? "").trim())) {
          // a column left without a header among the named ones: what it holds cannot be told, and
          // it had been dropped without a word (PP289, once with the count)
          if (headless) headless.count++;
          else headless = { count: 1, place: placeOf(grid, row, col), projectNo: noOf(raw), value: c.trim().slice(0, 20) };
        }
      });
      out.push(raw);
    }
  }
  if (headingRows) {
    const examples = sections.flatMap((key) => { const t = headings.first.get(key); return t ? [{ level: columnLabel(key), text: t.slice(0, 20) }] : []; });
    bag.add("PP224", headingRows.place, { levels: quoteList(sections.map(columnLabel), bag.lang), rows: headingRows.count,
      examples: examples.map((e) => (ja ? `「${e.text}」を${e.level}` : `"${e.text}" as ${e.level}`)).join(ja ? "、" : ", ") });
  }
  if (furtherRows) bag.add("PP330", furtherRows.place, { rows: furtherRows.count, no: furtherRows.projectNo ?? "?" });
  if (phaseRows) bag.add("PP282", phaseRows.place, { rows: phaseRows.count, no: phaseRows.projectNo ?? "?" }, { projectNo: phaseRows.projectNo });
  if (continued) bag.add("PP329", continued.place, { rows: continued.count, no: continued.projectNo ?? "?" });
  if (wrappedNames) bag.add("PP392", wrappedNames.place, { rows: wrappedNames.count, no: wrappedNames.projectNo ?? "?", name: wrappedNames.name.slice(0, 40) }, { projectNo: wrappedNames.projectNo });
  if (describedRows) bag.add("PP380", describedRows.place, { rows: describedRows.count, no: describedRows.projectNo ?? "?", column: describedRows.column });
  if (shortRows) bag.add("PP346", shortRows.place, { rows: shortRows.count });
  if (headless) bag.add("PP289", headless.place, { value: headless.value, count: headless.count }, { projectNo: headless.projectNo });
  if (divisionRows) bag.add("PP271", divisionRows.place, { rows: divisionRows.count, column: divisionRows.column }, { projectNo: divisionRows.projectNo });
  for (const [column, f] of mergeFills) bag.add("PP213", f.place, { column, count: f.count });
  for (const [column, f] of carried) bag.add("PP212", f.place, { column, count: f.count });
  for (const [column, f] of dittoed) bag.add("PP344", f.place, { column, count: f.count });
  shapesOverYears(grid, blocks, bag);
  spansFromNoMerge(grid, blocks, out, bag);
  return out;
}

/**
 * A workbook whose year cells merge nowhere (a text export saved as .xlsx, or typed like one)
 * gives no span: its labels run until the next, as a text table's do, so the same cells give the
 * same schedule in either format (`試行 | | 拡大` was 試行 one year as .xlsx, two as .tsv). Said once
 * at the first label (PP261). Not for schedules read from a column of periods (exact by their words).
 */
function spansFromNoMerge(grid: Grid, blocks: readonly Block[], rows: RawRow[], bag: DiagnosticBag): void {
  if (grid.kind !== "xlsx" || blocks.some((b) => b.timing || b.ranges)) return;
  if (rows.some((r) => r.schedule.some((c) => (c.span ?? 1) > 1))) return;
  const first = rows.find((r) => r.schedule.some((c) => c.text))?.schedule.find((c) => c.text);
  if (!first) return;
  for (const r of rows) r.exactSpans = false;
  bag.add("PP261", first.place);
}

/**
 * Rows of a text export cut in two by a line break in a cell the export did not quote: the row
 * ends short and the next is its rest — their cells add up to the header's at most (the broken
 * cell counted in both), and the rest holds no No where the No should be. Any other row that
 * ends short lacks only empty cells at its end, as Excel's CSV leaves them out (PP346).
 */
function splitRows(block: Block): { firsts: Set<GridRow>; firstOf: Map<GridRow, GridRow> } {
  const firsts = new Set<GridRow>();
  // each rest row, and the row it is the rest of
  const firstOf = new Map<GridRow, GridRow>();
  const rows = block.dataRows;
  const no = block.columns.no;
  for (let i = 0; i + 1 < rows.length; i++) {
    const row = rows[i]!, next = rows[i + 1]!;
    if (row.cells.length >= block.expectedCells || row.cells.length + next.cells.length - 1 > block.expectedCells) continue;
    // (a footnote under the last row is no rest of it)
    if ((no !== undefined && looksLikeNo(next.cells[no])) || isFootnote(next, block)) continue;
    firsts.add(row);
    firstOf.set(next, row);
  }
  return { firsts, firstOf };
}

/**
 * Shapes drawn over the year cells of the plan's rows (a 工程表 whose bars are Excel arrows or
 * lines): the schedule they draw is not in the cells, and planpress does not read drawings.
 * Never read as if the cells were the whole schedule: an error at the first, with the count (PP123).
 */
function shapesOverYears(grid: Grid, blocks: Block[], bag: DiagnosticBag): void {
  if (!grid.shapes?.length) return;
  // each block's year columns and row lines, once (a drawing may hold thousands of shapes)
  const areas = blocks.map((b) => ({ years: [...b.years.keys(), ...(b.beyond ? [b.beyond.col] : [])], lines: b.dataRows.map((r) => r.line) }));
  const over = grid.shapes.filter((s) => areas.some(({ years, lines }) =>
    years.some((c) => c >= s.left && c <= s.right) && lines.some((l) => l >= s.top && l <= s.bottom)));
  if (!over.length) return;
  const first = over[0]!;
  bag.add("PP123", placeOf(grid, { line: first.top, cells: [] }, first.left), { count: over.length });
}

/** What reading a timing column needs: the period, and the label of a phase written without one. */
export interface Timing { period: { start: number; end: number } | null; standIn: string }

/**
 * A timing cell's phases as schedule cells with exact spans (`R8～R10 検討` → 検討 over three
 * years); a phase without an end runs to the period's end. A cell that names no year is a warning.
 */
function timedCells(grid: Grid, row: GridRow, at: NonNullable<Block["timing"]>, raw: RawRow, timing: Timing, max: number, bag: DiagnosticBag): void {
  const { text, ok } = timingText(clip(grid, row, at.col, max, bag), at.end === undefined ? undefined : clip(grid, row, at.end, max, bag));
  if (!text) return;
  // a row per project and year: the phase is written in a column of its own (none written, none that year)
  const named = at.byRow ? clip(grid, row, at.byRow.phase, max, bag).trim() : null;
  if (named === "") return;
  const place = placeOf(grid, row, named === null ? at.col : at.byRow!.phase);
  // (without a period no cell of the column named a year: each one is said)
  const phases = ok && timing.period ? parseTiming(text) ?? wholePeriod(text, timing.period, place, raw, bag) : null;
  if (!phases || !timing.period) {
    bag.add("PP328", place, { column: at.text.replace(/\s+/g, " "), text: text.slice(0, 40) }, { projectNo: noOf(raw) });
    raw.scheduleUnread = true;
    return;
  }
  raw.exactSpans = true;
  for (const [i, ph] of phases.entries()) {
    // 令和8年度から検討、令和10年度から実施: an open phase runs until the next one starts (it had run
    // to the period's end, under 実施), said with the years it was given
    const next = phases.slice(i + 1).find((p) => p.from > ph.from);
    const until = ph.to === null && next ? next.from - 1 : ph.to;
    const to = Math.min(until ?? timing.period.end, timing.period.end);
    if (ph.to === null && next) {
      const label = (p: TimedPhase) => `${wareki(p.from)}から${p.label ?? timing.standIn}`;
      bag.add("PP375", place, { text: label(ph), next: label(next), span: `${wareki(ph.from)}～${wareki(to)}` }, { projectNo: noOf(raw) });
    }
    // work going on since before the period (平成30年度から継続実施): drawn from the period's first year, said
    const from = ph.from < timing.period.start && to >= timing.period.start ? timing.period.start : ph.from;
    if (from !== ph.from) bag.add("PP382", place, { text: `${wareki(ph.from)}から${ph.label ?? timing.standIn}`, start: wareki(from) }, { projectNo: noOf(raw) });
    raw.schedule.push({ text: named ?? ph.label ?? timing.standIn, place, year: from, span: to - from + 1 });
  }
}

/** Words saying every year of the plan (毎年度, 計画期間中), and what may follow them (実施, に実施). */
const EVERY_YEAR = /^(?:毎年度|各年度|毎年|計画期間(?:中|内|を通じて)|全期間)(?:に|を通じて)?\s*(.*)$/u;

/**
 * A timing cell saying every year of the plan (`毎年度`, `計画期間中に実施`): one phase over the
 * whole period, said (PP378); it had been no phase (PP328). 継続 and 通年 are not read so: from
 * when, and through the year or the years?
 */
function wholePeriod(text: string, period: { start: number; end: number }, place: Place, raw: RawRow, bag: DiagnosticBag): TimedPhase[] | null {
  const m = EVERY_YEAR.exec(text.normalize("NFKC").trim());
  const label = m?.[1]?.replace(/^[\s:：、・（()）]+|[\s:：、・（()）。]+$/gu, "") ?? "";
  if (!m || /\d|年/u.test(label)) return null;
  bag.add("PP378", place, { text: text.slice(0, 40), span: `${wareki(period.start)}～${wareki(period.end)}` }, { projectNo: noOf(raw) });
  return [{ from: period.start, to: period.end, label: label || null }];
}

/** A name cell ending in its departments in brackets (`電子申請（情報政策課）`): the name, and the departments' cell. */
function namesWithDepartments(raw: RawRow, departmentLike: (text: string) => boolean): void {
  const name = raw.fields.name!;
  const m = /[（(]([^（()）]+)[)）]\s*$/u.exec(name.text);
  const departments = m && departmentLike(m[1]!.trim()) ? m : null; // not （仮称）, （再掲）
  raw.fields.departments = { text: departments ? departments[1]! : "", place: name.place };
  if (departments) raw.fields.name = { ...name, text: name.text.slice(0, departments.index).trim() };
}

/** A line opening a point of a description: ・, ○, ■, -, ※ …, or a number (1. ⑴ ①). */
const POINT_LINE = /^\s*(?:[・･•○◯〇●◆◇■□▪▫\-－‐※＊*]|[0-9０-９]{1,2}[.．)）]|[（(][0-9０-９]{1,2}[)）]|[①-⑳⑴-⒇])/u;

/**
 * A name cell holding its description below it (`電子申請の拡充⏎・オンライン手続を拡大する。`):
 * the lines before the first point are the name (a name wrapped by hand keeps its lines), the
 * rest the description; with no point, the first line is the name.
 */
function namesWithDescriptions(raw: RawRow): void {
  const cell = raw.fields.name!;
  const lines = cell.text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const firstPoint = lines.findIndex((l, i) => i > 0 && POINT_LINE.test(l));
  const cut = firstPoint > 0 ? firstPoint : 1;
  raw.fields.name = { ...cell, text: lines.slice(0, cut).join("\n") };
  raw.fields.description = { text: lines.slice(cut).join("\n"), place: cell.place };
}

/** A cell saying "as above": 同上, 〃, 上に同じ. */
const DITTO = /^(?:同上|仝上|〃+|″|上に同じ)$/u;

/**
 * A cell saying "as above" (同上, 〃) takes the value of the same column in the project row above,
 * said once per column (PP344); with nothing above it stays as written. Not the No.
 */
function asAbove(raw: RawRow, above: Partial<Record<ColumnKey, RawCell>>, dittoed: Fills): void {
  for (const [key, cell] of Object.entries(raw.fields) as [ColumnKey, RawCell][]) {
    if (key === "no" || !DITTO.test(cell.text.replace(/[\s\u3000]+/gu, ""))) continue;
    const prev = above[key];
    if (!prev?.text.trim() || DITTO.test(prev.text.replace(/[\s\u3000]+/gu, ""))) continue;
    raw.fields[key] = { ...prev, place: cell.place };
    countFill(dittoed, columnLabel(key), cell.place);
  }
}

/**
 * Empty hierarchy cells take the value of the project row above, top level first, as long as
 * every level above them was carried or repeats the row above: a row that starts a new 基本方針
 * but leaves its 施策 empty is not given the previous 基本方針's 施策 (it stays empty: PP301).
 */
function carryDown(raw: RawRow, above: Partial<Record<ColumnKey, RawCell>>, carried: Fills): void {
  let sameGroup = true;
  for (const key of HIERARCHY) {
    const cell = raw.fields[key];
    if (!cell) continue;
    const prev = above[key];
    if (!cell.text.trim()) {
      if (!sameGroup || !prev?.text.trim()) return;
      raw.fields[key] = prev;
      countFill(carried, columnLabel(key), cell.place);
    } else if (cell.text.trim() !== prev?.text.trim()) sameGroup = false;
  }
}

const noOf = (raw: RawRow): number | undefined => parseProjectNo(raw.fields.no?.text ?? "");

function clip(grid: Grid, row: GridRow, col: number, max: number, bag: DiagnosticBag): string {
  const text = row.cells[col] ?? "";
  if (text.length <= max) return text;
  // Markup is no text (a CMS writes <li style="…"> round each item): a cell whose words fit is
  // kept whole, up to a bound. 3,000 characters of items had been cut at 5,000 with their markup.
  const bound = MARKUP_ALLOWANCE * max;
  const words = /[<&]/u.test(text) ? withoutHtml(text).length : text.length;
  if (words <= max && text.length <= bound) return text;
  bag.add("PP310", placeOf(grid, row, col), { chars: words > max ? words : text.length, limit: max });
  // cut after `max` characters of words (not inside a tag: a cut <li st… would print), and the cut shown on paper
  let cut = text.slice(0, wordsEnd(text, max - 1, bound));
  const open = cut.lastIndexOf("<");
  if (open > cut.lastIndexOf(">")) cut = cut.slice(0, open);
  return `${cut}…`;
}
/** The number of cells most rows write (the smallest of equally many). */
function usualWidth(rows: readonly GridRow[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
  let best = 0, most = 0;
  for (const [width, n] of [...counts].sort((a, b) => a[0] - b[0])) if (n > most) { best = width; most = n; }
  return best;
}

/** How many times `limits.maxCellChars` a cell may run to with its markup. */
const MARKUP_ALLOWANCE = 4;

/** Where `max` characters outside tags end in `text` (at most `bound`). */
function wordsEnd(text: string, max: number, bound: number): number {
  let words = 0;
  let inTag = false;
  const end = Math.min(text.length, bound);
  for (let i = 0; i < end; i++) {
    const ch = text[i];
    if (ch === "<") inTag = true;
    else if (inTag) { if (ch === ">") inTag = false; }
    else if (++words > max) return i;
  }
  return end;
}

/** A cell marking a template's example row: 記入例, （記入例）, 【入力例】, 記載例. */
const EXAMPLE_ROW = /^[（(【［[〔<＜]?(?:記入例|入力例|記載例|作成例)[）)】］\]〕>＞]?$/u;
const squashed = (text: string): string => text.replace(/[\s\u3000]+/gu, "");

function rawRow(grid: Grid, block: Block, row: GridRow, max: number, bag: DiagnosticBag): RawRow | null {
  const fields: Partial<Record<ColumnKey, RawCell>> = {};
  for (const [key, col] of Object.entries(block.columns) as [ColumnKey, number][]) {
    fields[key] = { text: clip(grid, row, col, max, bag), place: placeOf(grid, row, col) };
  }
  const filled = row.cells.flatMap((c, col) => (c.trim() ? [col] : []));
  const one = singleText(row);
  const noText = fields.no?.text.trim() ?? "";
  // 小計 | 2事業: a totals row, no project (it had been four "required cell empty" errors)
  // (合計 may stand in the No column itself, the table's leftmost. Read before the lone line
  // below: 計 56事業 in one cell is one text, and had been said as a stray line, PP327)
  if ((!noText || TOTAL_WORD.test(squashed(noText))) && isTotalsRow(row)) {
    const col = filled.find((c) => TOTAL_WORD.test(squashed(row.cells[c]!)))!;
    bag.add("PP362", placeOf(grid, row, col), { text: row.cells[col]!.trim().slice(0, 20) });
    return null;
  }
  // A lone line inside the table that is no remark row (a page footer, a note, a heading over
  // columns that hold its level already) is not a project row: said, not dropped. One text (one
  // cell, or a range merged across the row): with no No and no name, or a note or page number
  // (※…, - 2 -), or in the No column where it is no number (基本方針1 …).
  // (a number merged from the No over the name, centred across the row, is a page footer's number:
  // no project's No shares a cell with its name — it had been a project with every cell empty)
  const noCol = block.columns.no, nameCol = block.columns.name;
  const overName = noCol !== undefined && nameCol !== undefined && nameCol > noCol && noCol + (row.spans?.get(noCol) ?? 1) > nameCol;
  const lone = (one !== null || !filled.length) && ((!noText && !fields.name?.text.trim()) || isStrayLine(one ?? "") || (noText !== "" && parseProjectNo(noText) === undefined) || overName);
  if (lone) {
    const col = filled[0] ?? 0;
    bag.add("PP327", placeOf(grid, row, col), { text: (row.cells[col] ?? "").trim().slice(0, 40) });
    return null;
  }
  // A template's example row (記入例 in a cell of its own): no project of the plan, said and skipped
  // (it had been refused as a No that is no number, PP305, or a required cell empty, PP301)
  const example = filled.find((c) => EXAMPLE_ROW.test(squashed(row.cells[c]!)));
  if (example !== undefined) {
    bag.add("PP383", placeOf(grid, row, example), { text: row.cells[example]!.trim() });
    return null;
  }
  return { place: placeOf(grid, row), fields, schedule: [], notes: [], exactSpans: grid.kind === "xlsx" || !!block.ranges,
    ...(block.relatedInBrackets ? { relatedInBrackets: true as const } : {}) };
}

/**
 * The schedule cells of a row, one per year column, empty ones too (a merge above may fill them):
 * each with its column, its year (and part of the year) and the span of a merge starting there.
 */
function yearCells(grid: Grid, row: GridRow, block: Block, yearCols: [number, number][], shade: Shade, max: number, bag: DiagnosticBag): { col: number; cell: RawScheduleCell }[] {
  const first = yearCols[0]?.[0] ?? 0;
  const phase = block.phaseColumn !== undefined ? clip(grid, row, block.phaseColumn, max, bag).trim() : "";
  return yearCols.map(([col, year]) => {
    const cell: RawScheduleCell = { text: clip(grid, row, col, max, bag).trim(), place: placeOf(grid, row, col), year };
    if (phase) cell.phase = phase;
    const fill = shade(row, col);
    if (fill !== undefined) cell.shade = fill;
    const span = spanOf(block, col, row.spans?.get(col));
    if (span !== undefined) cell.span = span;
    if (block.perYear > 1) cell.part = { index: (col - first) % block.perYear, of: block.perYear };
    return { col, cell };
  });
}

/** The fill of a year cell that draws part of a bar, or undefined. */
type Shade = (row: GridRow, col: number) => string | undefined;

/**
 * Bars drawn by filling year cells (xlsx): a cell's fill counts unless the whole row is filled so
 * (its name cell too: a striped or grouped row), or a merge from its left covers it, or it is a
 * year highlighted down the table (the as-of year): a colour found in one year's column only,
 * where every project row is filled (with it, or with a bar's colour over it) — never a colour
 * the file's legend names (a first year's 検討, every project busy that year, had been taken for
 * the highlight and dropped without a word), and said (PP270).
 */
function shadeOf(grid: Grid, block: Block, yearCols: [number, number][], legend: FillLegend | undefined, bag: DiagnosticBag): Shade {
  const { no, name } = block.columns;
  const projectRows = block.dataRows.filter((r) => (no !== undefined && r.cells[no]?.trim()) || (name !== undefined && r.cells[name]?.trim()));
  const columnsOf = new Map<string, Map<number, number>>();
  for (const r of projectRows) for (const [col] of yearCols) {
    const f = r.fills?.get(col);
    if (f === undefined) continue;
    const cols = columnsOf.get(f) ?? new Map<number, number>();
    cols.set(col, (cols.get(col) ?? 0) + 1);
    columnsOf.set(f, cols);
  }
  const highlighted = new Set<string>();
  for (const [fill, cols] of columnsOf) {
    const [col] = [...cols.keys()];
    const everyRow = projectRows.every((r) => r.fills?.has(col!));
    if (cols.size !== 1 || projectRows.length < 3 || !everyRow || legend?.fills[fill] !== undefined) continue;
    highlighted.add(`${col}:${fill}`);
    const at = projectRows.find((r) => r.fills?.get(col!) === fill)!;
    bag.add("PP270", placeOf(grid, at, col!), { year: wareki(block.years.get(col!)!), rows: cols.get(col!)! });
  }
  return (row, col) => {
    const fill = row.fills?.get(col);
    if (fill === undefined || row.covered?.has(col) || highlighted.has(`${col}:${fill}`)) return undefined;
    const own = name ?? no;
    return own !== undefined && row.fills?.get(own) === fill ? undefined : fill;
  };
}

/**
 * The span of a schedule cell merged over `width` columns from `col`, in the schedule's columns;
 * a column of several years (前期（R8～R9）) spans them, as far as its merge reaches.
 */
function spanOf(block: Block, col: number, width: number | undefined): number | undefined {
  const range = block.ranges?.get(col);
  if (!range) return width;
  return (block.ranges!.get(col + (width ?? 1) - 1) ?? range).to - range.from + 1;
}

/** Text of `cells` in `row` continues the project's cells, as a line break inside them would. */
function continueCells(grid: Grid, row: GridRow, owner: RawRow, cells: [ColumnKey, number][], max: number, bag: DiagnosticBag): void {
  for (const [key, col] of cells) {
    const text = clip(grid, row, col, max, bag).trim();
    const prev = owner.fields[key];
    // a wrapped sentence joins, a new ・ item splits; after a sentence's end the row's text is a
    // paragraph of its own (a blank line: 「…する。」 and 「目標値（件）」 had been glued in a ・ item)
    const gap = /[。！？!?]$/u.test(prev?.text.trim() ?? "") ? "\n\n" : "\n";
    owner.fields[key] = prev?.text.trim() ? { text: `${prev.text}${gap}${text}`, place: prev.place } : { text, place: placeOf(grid, row, col) };
  }
}

/**
 * A name that cannot end where it does: after a particle or a comma (`窓口のデジタル化の`), or inside
 * a bracket. Not と or も, which end words names end in (しごと, こども).
 */
function runsOn(name: string): boolean {
  const t = name.trim();
  return (WRAPPED.test(t) && !/[とも]$/u.test(t)) || (t.match(/[（(「【]/gu)?.length ?? 0) > (t.match(/[）)」】]/gu)?.length ?? 0);
}

/** The columns a project's text may run on into the rows below it (a row cut in two by the export). */
const CONTINUED: ColumnKey[] = ["description", "departments", "relatedDepartments"];

/**
 * A continuation row: no No, no name, no hierarchy, and text only in the columns of CONTINUED
 * (not a note or a page number). Its filled columns; null for any other row.
 */
function continuationRow(block: Block, row: GridRow): [ColumnKey, number][] | null {
  const filled = row.cells.filter((c) => c.trim()).length;
  const more = textColumns(block, row, CONTINUED);
  if (!more.length || more.length !== filled) return null;
  return more.some(([, col]) => isStrayLine(row.cells[col]!)) ? null : more;
}

/** The columns of `keys` that hold text in `row`, in column order. */
function textColumns(block: Block, row: GridRow, keys: readonly ColumnKey[]): [ColumnKey, number][] {
  return keys.flatMap((key): [ColumnKey, number][] => {
    const col = block.columns[key];
    return col !== undefined && row.cells[col]?.trim() ? [[key, col]] : [];
  }).sort((a, b) => a[1] - b[1]);
}

/**
 * The text of a row in a column whose header says it holds each name with its description below
 * it (`事業名・内容`, PP264), when the row has no No: the lines under a name are its description,
 * whichever row of the export they were written on. Its column and the header's words, or null.
 */
function describedBelow(block: Block, row: GridRow): { col: number; column: string } | null {
  const { name, no } = block.columns;
  if (!block.namesWithDescriptions || name === undefined || !row.cells[name]?.trim()) return null;
  if (no !== undefined && row.cells[no]?.trim()) return null;
  return { col: name, column: block.namesWithDescriptions.text.replace(/\s+/g, " ") };
}

/**
 * A row with a name and no No, no level of the plan and no year cell, its other text only in the
 * columns of CONTINUED (the rest of a wrapped name's row, or a project without its No): the name's
 * column, or null.
 */
function nameOnlyRow(block: Block, row: GridRow): number | null {
  const { name } = block.columns;
  const text = name === undefined ? "" : row.cells[name]?.trim() ?? "";
  // (a totals row, 小計, and a stray line, ※…, are said as such)
  if (!text || TOTAL_WORD.test(squashed(text)) || isStrayLine(text)) return null;
  const others = row.cells.flatMap((c, col) => (c.trim() && col !== name ? [col] : []));
  const continued = new Set(textColumns(block, row, CONTINUED).map(([, col]) => col));
  return others.every((col) => continued.has(col)) ? name! : null;
}

/**
 * A row of a phase column's phase and year cells only (取組段階 | 実施 | | ●), its other cells
 * empty or as in the project's row above (its No and name written again): a further phase of it.
 */
function phaseRow(block: Block, row: GridRow, above: GridRow): boolean {
  const col = block.phaseColumn;
  if (col === undefined || !row.cells[col]?.trim()) return false;
  return row.cells.every((c, i) => !c.trim() || i === col || block.years.has(i) || c.trim() === above.cells[i]?.trim());
}

/**
 * A remark row: no No and no name, and text only in year columns, the remarks column or right of
 * the period. Its cells, each with its year; null for any other row.
 */
function remarkRow(grid: Grid, block: Block, row: GridRow, lastYearCol: number, max: number, bag: DiagnosticBag): RawNote[] | null {
  const { no, name, remarks } = block.columns;
  if ((no !== undefined && row.cells[no]?.trim()) || (name !== undefined && row.cells[name]?.trim())) return null;
  const filled = row.cells.flatMap((c, col) => (c.trim() ? [col] : []));
  const named = new Set(Object.values(block.columns));
  const noteCol = (col: number) => block.years.has(col) || col === remarks || (col > lastYearCol && !named.has(col) && !block.unknown.has(col));
  if (!filled.length || !filled.every(noteCol)) return null;
  return filled.map((col) => ({ text: clip(grid, row, col, max, bag).trim(), place: placeOf(grid, row, col), year: block.years.get(col) ?? null }));
}
