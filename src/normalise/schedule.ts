// Schedule cells → phases with Western fiscal-year spans. In text input, where the export lost
// the merged cells, a label runs until the next label or the end of the period; in a workbook the
// merged range is the exact span. Text after ※ is the phase's note. Each label takes the category
// of the stage it names (category.ts), or the compound category when it names several.
// Plans drawn year by year are read too: a continuation mark (→ 〃 ━━) extends the phase on its
// left, the same label in adjacent years is one phase, and an active-year mark (● ○) with no
// label gives a phase carrying the configured stand-in label, flagged `unlabelled`. A table drawn
// that way marks every year, so a blank year there is a year without a phase.
import type { Config } from "../config/schema.js";
import type { RawScheduleCell } from "../ingest/rows.js";
import type { Phase } from "../model/schema.js";
import { wareki, yearsMentioned } from "../fiscal.js";
import { categorise } from "./category.js";
import { LINE_STYLES } from "../ingest/legend.js";
import { parseTiming } from "../ingest/timing.js";
import { cleanText, foldLookalikes, longestFirst } from "./text.js";

/** A cell's phase label and the note after its ※; phases on lines of their own are a list (phasesOnLines). */
export function splitNote(text: string, config: Config): { label: string; note?: string } {
  const i = text.search(/[※＊]/);
  // a cell that is a note and nothing else (※予算次第): no label
  if (i === 0) { const note = cleanText(text.slice(1)); return note ? { label: "", note } : { label: "" }; }
  if (i < 0) return { label: cleanText(phasesOnLines(text, config)) };
  const label = cleanText(phasesOnLines(text.slice(0, i), config));
  const note = cleanText(text.slice(i + 1));
  return note ? { label, note } : { label };
}

/** The marks `text` is made of, each any number of times ("━━", "――→"), or null if anything else is in it. */
export function madeOfMarks(text: string, marks: readonly string[]): string[] | null {
  let rest = text.replace(/[\s\u3000]+/g, "");
  if (!rest) return null;
  const used: string[] = [];
  const ordered = longestFirst(marks);
  while (rest) {
    const m = ordered.find((x) => rest.startsWith(x));
    if (!m) return null;
    if (!used.includes(m)) used.push(m);
    rest = rest.slice(m.length);
  }
  return used;
}

export type ScheduleCellKind =
  | { kind: "label"; label: string; note?: string; mark?: string; arrow?: true }
  | { kind: "continuation"; mark: string; note?: string; word?: string }
  | { kind: "mark"; mark: string; note?: string }
  | { kind: "sign"; mark: string; note?: string; figure?: true }
  | { kind: "none"; mark: string; note?: string }
  | { kind: "note"; note: string };

/**
 * What one schedule cell says: a phase label, a continuation of the phase on its left, an
 * active-year mark, that the year has no phase (none), or signs that say nothing the config knows.
 */
export function classifyCell(text: string, config: Config): ScheduleCellKind {
  const { label, note } = splitNote(text, config);
  // a note alone in a year cell (※予算次第) is the note of the phase that year: no phase of its own
  if (!label && note) return { kind: "note", note };
  const withNote = <T extends object>(k: T): T & { note?: string } => (note ? { ...k, note } : k);
  const compact = label.replace(/[\s\u3000]+/g, "");
  // a year said to have no phase (-, ×, なし)
  if (config.schedule.blankMarks.includes(compact)) return withNote({ kind: "none" as const, mark: label });
  // Excel's booleans (a check box's linked cell, a formula): TRUE marks an active year, FALSE a year
  // without a phase; they had been phases named 「TRUE」 and 「FALSE」
  if (compact === "TRUE" || compact === "FALSE") return withNote({ kind: compact === "TRUE" ? "mark" as const : "none" as const, mark: compact });
  // a line style a legend gives a phase (┅┅：検討): that phase's mark, not a continuation
  const style = /^(.)\1*$/u.exec(compact)?.[1];
  if (style && LINE_STYLES.includes(style) && config.schedule.markLabels[style] !== undefined) return withNote({ kind: "mark" as const, mark: style });
  const cont = madeOfMarks(label, config.schedule.continuationMarks);
  if (cont) return withNote({ kind: "continuation" as const, mark: compact });
  // 継続 / （継続）: the phase on its left goes on (a phase of that name where none is on its left)
  const word = compact.replace(/^[（(【［\[「](.+)[）)】］\]」]$/u, "$1");
  if (config.schedule.continuationWords.includes(word)) return withNote({ kind: "continuation" as const, mark: compact, word });
  const active = madeOfMarks(label, config.schedule.activeMarks);
  // One kind of mark per cell (●● is one mark; ●○ is no mark the plan could mean; ○〇 is one).
  const kinds = active && [...new Set(active.map(oneMark))];
  if (kinds?.length === 1) return withNote({ kind: "mark" as const, mark: kinds[0]! });
  // Signs or figures and no word (――▶, ⇛, 1,200): no phase's name, and no mark the config knows.
  if (label && !/\p{L}/u.test(label)) return withNote({ kind: "sign" as const, mark: compact });
  // An amount or a count (1,200千円, 100件, 50%): a cost or a target in the year columns, no phase.
  if (FIGURE.test(compact.normalize("NFKC"))) return withNote({ kind: "sign" as const, mark: compact, figure: true as const });
  // An active-year mark before a phase's name (●実施, ○ 調査, ○（検討）): the name is the phase.
  // Only before a letter: not ○○調査 (○○ stands for a name left out).
  const marked = longestFirst(config.schedule.activeMarks).find((m) => !/\p{L}/u.test(m) && label.startsWith(m));
  const named = marked ? label.slice(marked.length).trim().replace(/^[（(【［[]\s*(\p{L}.*?)\s*[）)】］\]]$/u, "$1") : "";
  if (marked && /^\p{L}/u.test(named)) return withNote({ kind: "label" as const, label: named, mark: marked });
  // An arrow before or after a phase's name (検討→, →実施): it points at the next cell, and is no
  // part of the name. Only marks that are no letter: ー ends センター.
  const arrows = config.schedule.continuationMarks.filter((m) => !/\p{L}/u.test(m));
  const core = trimMarks(label, arrows);
  if (core !== label && /\p{L}/u.test(core)) return withNote({ kind: "label" as const, label: core, arrow: true });
  return withNote({ kind: "label" as const, label: label || cleanText(text) });
}

/**
 * Phases written on lines of their own in a label (`検討⏎実施`): each line a phase's name (it
 * names a stage), so the lines are joined as a list (`検討・実施`), not as a wrapped word is
 * (`システム⏎構築` → `システム構築`), which would make `検討実施`.
 */
function phasesOnLines(label: string, config: Config): string {
  const lines = label.split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2) return label;
  const named = lines.every((l) => /^[\p{L}\p{N}].*[\p{L}\p{N}）)]$|^\p{L}$/u.test(l)
    && categorise(l, config.phaseCategories, config.compoundCategory.id) !== null);
  return named ? lines.join("・") : label;
}

/**
 * A mark as one of its look-alikes: the circles an IME gives for まる (〇 U+3007, ◯ U+25EF, ⭕) are
 * the legend's ○ (U+25CB), and ⚫ is ●. A legend written with one and cells with another had
 * read as two marks, the legend's meaning lost.
 */
export function oneMark(mark: string): string {
  return mark.replace(/[〇◯⭕]/gu, "○").replace(/⚫/gu, "●");
}

/** A label naming an end (`完了`, `旧システム廃止`: schedule.endLabels) or an event within its year (`令和9年度中に導入`). */
function endsInItsYear(label: string, config: Config): boolean {
  const t = label.replace(/[\s\u3000]+/gu, "");
  return config.schedule.endLabels.some((e) => t.endsWith(e)) || /年度中/u.test(t);
}

/** A phase a year cell's words state: its name ("" when none), first year and last (null: it runs on). */
interface StatedPhase { name: string; from: number; to: number | null }

/**
 * A phase's name whose words state its years, written in the year column it starts in
 * (`令和9年度から実施`, `実施（令和10年度まで）`, `令和9年度までに導入` under 令和8年度): the name
 * without the years, and its last year (null: it runs on, as から says); a cell stating several
 * (`令和9年度から検討、令和10年度から実施`) gives the earlier ones in `before`, each ending before the
 * next starts. Null when the words name no year, or a start other than the column's (a clash:
 * statedYearClashes says so).
 */
function statedSpan(label: string, year: number): (StatedPhase & { before: StatedPhase[] }) | null {
  const mentions = yearsMentioned(label);
  if (!mentions.length) return null;
  const timed = parseTiming(label);
  // (a period and no name, R9～ or 令和9年度～令和10年度: a phase without a name, as a mark is)
  if (timed?.length && timed[0]!.from === year && timed.every((p, i) => i === 0 || p.from > timed[i - 1]!.from)) {
    const phases = timed.map((p, i): StatedPhase => ({ name: p.label ?? "", from: p.from, to: p.to ?? (timed[i + 1] ? timed[i + 1]!.from - 1 : null) }));
    if (phases.some((p, i) => i < phases.length - 1 && p.to! >= phases[i + 1]!.from)) return null;
    return { ...phases.at(-1)!, before: phases.slice(0, -1) };
  }
  // an end alone (実施（令和10年度まで）, 令和10年度までに導入, ～令和10年度): from the column's year to it
  const end = mentions[0]!;
  if (mentions.length !== 1 || end.role !== "to" || end.year < year) return null;
  const name = foldLookalikes(label.normalize("NFKC")).replace(end.text, "").replace(/(?:まで|迄)に?/u, "").replace(/[（(]\s*[)）]/u, "")
    .replace(/^[\s、,・:：～〜~]+|[\s、,・:：～〜~]+$/gu, "");
  return (name === "" || /^\p{L}/u.test(name)) && !/\d\s*年/u.test(name) ? { name, from: year, to: end.year, before: [] } : null;
}

/** statedSpan of a label cell, read as written first (an arrow is part of a period: R9～), then as its label. */
function statedIn(cell: RawScheduleCell, label: string, config: Config): ReturnType<typeof statedSpan> {
  return statedSpan(splitNote(cell.text, config).label, cell.year) ?? statedSpan(label, cell.year);
}

/** A number with a unit of money or of a count: what a year column of costs or targets holds. */
const FIGURE = /^[0-9][0-9,.]*(?:千円|万円|百万円|億円|円|件|人|%|時間|回|台|か所|箇所|校|施設|団体|手続)$/u;

/** `text` without the marks (and spaces) at its start and end. */
function trimMarks(text: string, marks: readonly string[]): string {
  const ordered = longestFirst(marks);
  let t = text.trim();
  for (let cut = true; cut;) {
    cut = false;
    const head = ordered.find((m) => t.startsWith(m));
    if (head) { t = t.slice(head.length).trim(); cut = true; }
    const tail = ordered.find((m) => t.endsWith(m));
    if (tail) { t = t.slice(0, -tail.length).trim(); cut = true; }
  }
  return t;
}

/** How a table draws its schedule, by its rows (tableDrawing). */
export interface TableDrawing {
  /** The first cell showing a row drawn year by year: a mark, a continuation, a label repeated in the next year. */
  yearByYear: RawScheduleCell | null;
  /** How many rows show it. */
  rows: number;
  /**
   * How many other rows leave a blank year after a label, before the next or the period's end
   * (検討 | | 実施, 検討 | 実施 | |): each phase written once, run on over blanks.
   */
  apart: number;
  /** The first label followed by such a blank. */
  firstApart: RawScheduleCell | null;
}

/**
 * Whether a text table draws its schedule year by year (marking every active year, so a blank
 * year has no phase) or writes each phase once (a label runs on over the blanks to the next): the
 * rows showing each. One row's repeated label had turned every other row of a table written the
 * second way into one-year phases; the caller weighs the two.
 */
export function tableDrawing(rows: readonly (readonly RawScheduleCell[])[], period: { start: number; end: number }, config: Config): TableDrawing {
  const drawing: TableDrawing = { yearByYear: null, rows: 0, apart: 0, firstApart: null };
  for (const cells of rows) {
    const of = cells.find((c) => c.part)?.part?.of ?? 1;
    const lastColumn = period.end * of + of - 1;
    // (a note alone in a cell is no cell of the schedule's drawing)
    const read = [...cells].sort((a, b) => columnOf(a) - columnOf(b)).map((cell) => ({ cell, kind: classifyCell(cell.text, config) }))
      .filter((x) => x.kind.kind !== "note");
    const sorted = read.map((x) => x.cell);
    const kinds = read.map((x) => x.kind);
    dashesAsBlank(kinds);
    let shown: RawScheduleCell | null = null;
    let apart: RawScheduleCell | null = null;
    for (let i = 0; i < sorted.length && !shown; i++) {
      const cell = sorted[i]!;
      const k = kinds[i]!;
      // (a year said to have no phase is no sign of it: such a table marks what is not done)
      if (k.kind === "none") continue;
      // (継続 says the phase goes on, as a table writing each phase once says it too; a figure,
      // 30% or 100件 on an indicator's row, says nothing of how phases are drawn)
      if ((k.kind === "continuation" && k.word) || k.kind === "sign") continue;
      if (k.kind !== "label") { shown = cell; break; }
      // (a name stating its years, 令和9年度から実施, says how far it runs whatever the table's way)
      if (statedIn(cell, k.label, config)) continue;
      // a blank year after it: before the next cell, or before the period's end (a cell spanning
      // years reaches over them: 令和8年度～令和12年度 in a 実施時期 column had been told apart, PP366)
      const next = sorted[i + 1];
      if ((next ? columnOf(next) : lastColumn + 1) > columnOf(cell) + (cell.span ?? 1)) apart ??= cell;
      const prev = sorted[i - 1];
      const p = kinds[i - 1];
      if (prev && p && columnOf(prev) === columnOf(cell) - 1 && p.kind === "label" && p.label === k.label) shown = cell;
    }
    if (shown) {
      drawing.yearByYear ??= shown;
      drawing.rows++;
    } else if (apart) {
      drawing.firstApart ??= apart;
      drawing.apart++;
    }
  }
  return drawing;
}

export type ScheduleProblem =
  | { code: "PP317"; cell: RawScheduleCell; mark: string }
  | { code: "PP332" | "PP343" | "PP365"; cell: RawScheduleCell; mark: string }
  | { code: "PP318"; cell: RawScheduleCell; mark: string; label: string }
  | { code: "PP319"; cell: RawScheduleCell; marks: string }
  | { code: "PP353"; cell: RawScheduleCell; mention: string; from: number; to: number };

export interface ScheduleReading {
  kind: "continuation" | "continued-word" | "repeat" | "mark" | "marked-label" | "arrow-label" | "shade" | "dash-blank" | "one-year" | "stated";
  cell: RawScheduleCell; text: string; label?: string;
  /** The phases a cell read for the years its words state gave (stated). */
  phases?: Phase[];
}

export interface ScheduleResult {
  phases: Phase[];
  /** Notes alone in a year cell with no phase that year to attach them to. */
  strayNotes?: { cell: RawScheduleCell; note: string }[];
  unknown: { label: string; cell: RawScheduleCell }[];
  /** How cells were read beyond one label per cell, for info diagnostics. */
  readings: ScheduleReading[];
  /** Cells that cannot be read without guessing: each an error with its cell. */
  problems: ScheduleProblem[];
}

export interface ScheduleOptions {
  /** xlsx: merged ranges give exact spans. */
  exactSpans: boolean;
  /** The table marks every active year (see tableDrawing): a blank year has no phase. */
  yearByYear: boolean;
  /** The phase each colour of filled year cells stands for, by the file's colour legend (fill key → name). */
  fillLabels: Readonly<Record<string, string>>;
}

export function addNote(phase: Phase, note: string | undefined): void {
  if (!note) return;
  if (!phase.note) phase.note = note;
  else if (!phase.note.split("／").includes(note)) phase.note = `${phase.note}／${note}`;
}

/**
 * A schedule cell's column, counted so that the next column is one more: its year, or in a
 * table whose years are divided into columns (上期・下期), its part of the year.
 */
function columnOf(cell: RawScheduleCell): number {
  return cell.part ? cell.year * cell.part.of + cell.part.index : cell.year;
}

/**
 * The phases of a row's schedule cells. Where the years are divided into columns, the cells are
 * read column by column as if each were a year, and each phase then spans the fiscal years of its
 * first and last columns (two phases may share a year: 導入 in 上期, 運用 from 下期).
 */
export function buildSchedule(cells: RawScheduleCell[], opts: ScheduleOptions, period: { start: number; end: number }, config: Config): ScheduleResult {
  const result = buildByColumn(cells, opts, period, config);
  // (a cell stating several phases was checked as it was read)
  const stated = new Set(result.readings.filter((r) => r.kind === "stated" && (r.phases?.length ?? 0) > 1).map((r) => r.cell));
  if (!result.problems.length) result.problems.push(...statedYearClashes(cells.filter((c) => !stated.has(c)), result.phases, config));
  return result;
}

/**
 * Cells whose words name a year their place does not give (`令和9年度から実施` in the 令和8年度
 * column, `検討（令和9年度まで）` running on to 令和12年度): which one is meant cannot be told.
 * A year the words name must start the phase (から, 以降, ～), end it (まで), or fall within it.
 * Only the label's words: a note after ※ may tell of other years (※令和7年度の調査を踏まえ).
 */
function statedYearClashes(cells: readonly RawScheduleCell[], phases: readonly Phase[], config: Config): ScheduleProblem[] {
  const out: ScheduleProblem[] = [];
  for (const cell of cells) {
    const phase = phases.find((p) => p.from <= cell.year && cell.year <= p.to);
    if (!phase) continue;
    const wrong = yearsMentioned(splitNote(cell.text, config).label).find((m) =>
      m.role === "from" ? m.year !== phase.from : m.role === "to" ? m.year !== phase.to : m.year < phase.from || m.year > phase.to);
    if (wrong) out.push({ code: "PP353", cell, mention: wrong.text, from: phase.from, to: phase.to });
  }
  return out;
}

function buildByColumn(cells: RawScheduleCell[], opts: ScheduleOptions, period: { start: number; end: number }, config: Config): ScheduleResult {
  const of = cells.find((c) => c.part)?.part?.of ?? 1;
  if (of === 1) return buildColumns(cells, opts, period, config);
  const byColumn = new Map(cells.map((c) => [{ ...c, year: columnOf(c) }, c]));
  const result = buildColumns([...byColumn.keys()], opts, { start: period.start * of, end: period.end * of + of - 1 }, config);
  const original = <T extends { cell: RawScheduleCell }>(x: T): T => ({ ...x, cell: byColumn.get(x.cell) ?? x.cell });
  const phases: Phase[] = [];
  for (const p of result.phases) {
    const from = Math.floor(p.from / of);
    const to = Math.floor(p.to / of);
    // 検討 | (blank) | 検討 within a year and the next: one phase at a year's grain
    const last = phases.at(-1);
    if (last && last.label === p.label && last.to >= from - 1 && !last.unlabelled === !p.unlabelled && last.note === p.note) { last.to = Math.max(last.to, to); continue; }
    phases.push({ ...p, from, to });
  }
  return { phases, unknown: result.unknown.map(original), readings: result.readings.map(original), problems: result.problems.map(original),
    ...(result.strayNotes ? { strayNotes: result.strayNotes.map(original) } : {}) };
}

/** Continuation marks that are also what a plan writes for "nothing this year" (－ ― ─ ー). */
const DASHES = ["－", "―", "─", "ー", "—", "‒", "–", "−"];

/**
 * A row that opens with a dash before any phase (－ | － | 検討 | 実施 | －) cannot mean "goes on"
 * there: it writes the dash for a year without a phase, and a mark means one thing in a row, so
 * every cell of that dash in the row is read so. Returns the first such cell's index (PP354 says it there), or -1.
 */
function dashesAsBlank(kinds: (ScheduleCellKind | { kind: "shade" })[]): number {
  const firstPhase = kinds.findIndex((k) => k.kind !== "continuation" && k.kind !== "none");
  const leading = kinds.slice(0, firstPhase < 0 ? kinds.length : firstPhase);
  const i = leading.findIndex((k) => k.kind === "continuation" && DASHES.includes(k.mark));
  if (i < 0) return -1;
  const dash = (kinds[i] as { mark: string }).mark;
  kinds.forEach((k, j) => { if (k.kind === "continuation" && k.mark === dash) kinds[j] = { kind: "none", mark: dash, ...(k.note ? { note: k.note } : {}) }; });
  return i;
}

/** A phase with the stand-in label (`schedule.markedLabel`), drawn as a plain bar. */
function unnamedPhase(from: number, to: number, config: Config): Phase {
  const label = config.schedule.markedLabel;
  const category = categorise(label, config.phaseCategories, config.compoundCategory.id) ?? config.defaultCategory.id;
  return { label, from, to: Math.max(from, to), category, unlabelled: true };
}

/** The config's (and the legend's) mark labels, read through oneMark: a mark's label, or undefined. */
const markLabelMaps = new WeakMap<Config["schedule"]["markLabels"], Map<string, string>>();
function markLabelsOf(config: Config): (mark: string) => string | undefined {
  const given = config.schedule.markLabels;
  let map = markLabelMaps.get(given);
  if (!map) {
    map = new Map();
    // a mark as written first, then its look-alikes
    for (const [mark, label] of Object.entries(given)) map.set(mark, label);
    for (const [mark, label] of Object.entries(given)) if (!map.has(oneMark(mark))) map.set(oneMark(mark), label);
    markLabelMaps.set(given, map);
  }
  const found = map;
  return (mark) => found.get(mark) ?? found.get(oneMark(mark));
}

function buildColumns(cells: RawScheduleCell[], opts: ScheduleOptions, period: { start: number; end: number }, config: Config): ScheduleResult {
  const result: ScheduleResult = { phases: [], unknown: [], readings: [], problems: [] };
  // a cell with no text is there for its fill: part of a bar drawn by filling cells (xlsx)
  type Kind = ScheduleCellKind | { kind: "shade"; fill: string; note?: undefined };
  const labelOf = markLabelsOf(config);
  const kindOf = (c: RawScheduleCell): Kind => (c.text || c.shade === undefined ? classifyCell(c.text, config) : { kind: "shade", fill: c.shade });
  // A mark or a fill nothing names, in a row whose phase column names it (取組段階 | 検討 | ● | ●),
  // is that phase — one kind of mark to a phase (○ and ● beside 検討→実施: which is which? PP319)
  const bare = (k: Kind) => (k.kind === "mark" && labelOf(k.mark) === undefined ? oneMark(k.mark) : k.kind === "shade" && opts.fillLabels[k.fill] === undefined ? `fill ${k.fill}` : null);
  const given = cells.map((cell) => ({ cell, kind: kindOf(cell) }));
  const marksOf = new Map<string, Set<string>>();
  for (const { cell, kind } of given) {
    const b = bare(kind);
    if (cell.phase && b) marksOf.set(cell.phase, (marksOf.get(cell.phase) ?? new Set()).add(b));
  }
  // (cells named so are marks drawn year by year, no label written again: no PP314)
  const fromColumn = new Set<RawScheduleCell>();
  const phaseOf = ({ cell, kind }: { cell: RawScheduleCell; kind: Kind }): Kind => {
    if (!cell.phase || !bare(kind) || marksOf.get(cell.phase)!.size > 1) return kind;
    fromColumn.add(cell);
    return { kind: "label", label: cleanText(cell.phase), ...(kind.note ? { note: kind.note } : {}) };
  };
  // Notes alone in a cell are put aside, then given to the phase of their year: a ※ cell had
  // been a phase named ※…, cutting short the phase it stood in.
  const read = given.sort((a, b) => a.cell.year - b.cell.year).map((x) => ({ cell: x.cell, kind: phaseOf(x) }));
  const notes = read.flatMap(({ cell, kind }) => (kind.kind === "note" ? [{ cell, note: kind.note }] : []));
  const drawn = read.filter((x) => x.kind.kind !== "note");
  const sorted = drawn.map((x) => x.cell);
  const kinds = drawn.map((x) => x.kind);
  // a phase of `label` in the category its words name; a label no category names is said (PP307)
  const phaseNamed = (label: string, from: number, to: number, cell: RawScheduleCell): Phase => {
    const category = categorise(label, config.phaseCategories, config.compoundCategory.id);
    if (category === null) result.unknown.push({ label, cell });
    return { label, from, to, category: category ?? config.defaultCategory.id };
  };
  // A row mixing labels (or marks with a label) with marks the config gives no label, or two such
  // marks, cannot be read without guessing what the marks mean: refused with the cell.
  const bareMarks = kinds.flatMap((k, i) => (k.kind === "mark" && labelOf(k.mark) === undefined ? [{ k, cell: sorted[i]! }] : []));
  const firstLabel = kinds.map((k) => (k.kind === "label" ? k.label : k.kind === "mark" ? labelOf(k.mark) : undefined)).find((l) => l !== undefined);
  if (bareMarks.length && firstLabel !== undefined) {
    result.problems.push({ code: "PP318", cell: bareMarks[0]!.cell, mark: bareMarks[0]!.k.mark, label: firstLabel });
    return result;
  }
  const sign = kinds.findIndex((k) => k.kind === "sign");
  if (sign >= 0) {
    const k = kinds[sign] as { mark: string; figure?: true };
    result.problems.push({ code: k.figure ? "PP343" : "PP332", cell: sorted[sign]!, mark: k.mark });
    return result;
  }
  const distinct = [...new Set(bareMarks.map((b) => b.k.mark))];
  if (distinct.length > 1) {
    result.problems.push({ code: "PP319", cell: bareMarks.find((b) => b.k.mark === distinct[1])!.cell, marks: distinct.join("、") });
    return result;
  }
  const dash = dashesAsBlank(kinds);
  if (dash >= 0) result.readings.push({ kind: "dash-blank", cell: sorted[dash]!, text: (kinds[dash] as { mark: string }).mark });
  let last: Phase | null = null;
  const onlyContinuations = kinds.every((k) => k.kind === "continuation" || k.kind === "none") && kinds.some((k) => k.kind === "continuation" && !k.word);
  // the fill of the last cell that started or went on with `last`
  let lastFill: string | undefined;
  sorted.forEach((cell, i) => {
    const next = sorted[i + 1];
    let to = opts.exactSpans
      ? Math.min(period.end, cell.year + (cell.span ?? 1) - 1)
      : opts.yearByYear ? cell.year : (next ? next.year - 1 : period.end);
    const adjacent = last !== null && last.to === cell.year - 1 ? last : null;
    const given = kinds[i]!;
    // 継続 with no phase on its left: what went on before the period, a phase of that name
    const k = given.kind === "continuation" && given.word && !adjacent ? { kind: "label" as const, label: given.word, ...(given.note ? { note: given.note } : {}) } : given;
    const fillBefore = lastFill;
    lastFill = cell.shade;
    // no phase this year: the cell only ends the label on its left (text tables run a label to the next cell)
    if (k.kind === "none") return;
    if (k.kind === "shade") {
      const named = opts.fillLabels[k.fill];
      // a colour the legend does not name, beside ones it does: which phase cannot be told
      if (named === undefined && Object.keys(opts.fillLabels).length) { result.problems.push({ code: "PP365", cell, mark: k.fill }); return; }
      result.readings.push({ kind: "shade", cell, text: k.fill });
      // a filled cell goes on with the bar on its left in the same colour; else it starts a phase
      if (adjacent && fillBefore === k.fill) { adjacent.to = Math.max(adjacent.to, to); return; }
      last = named === undefined ? unnamedPhase(cell.year, to, config) : phaseNamed(named, cell.year, Math.max(cell.year, to), cell);
      result.phases.push(last);
      return;
    }
    if (k.kind === "note") return; // (put aside above)
    if (k.kind === "continuation") {
      // a row drawn with continuation marks alone (━━━━ … ━━━━▶, → in every year from its first):
      // a bar without a name from its first mark, as a row of ● is (each cell had been PP317)
      if (!adjacent && onlyContinuations && !last) {
        last = unnamedPhase(cell.year, to, config);
        result.phases.push(last);
        result.readings.push({ kind: "mark", cell, text: k.mark });
        return;
      }
      if (!adjacent) { result.problems.push({ code: "PP317", cell, mark: k.mark }); return; }
      adjacent.to = Math.max(adjacent.to, to);
      addNote(adjacent, k.note);
      result.readings.push(k.word ? { kind: "continued-word", cell, text: k.mark, label: adjacent.label } : { kind: "continuation", cell, text: k.mark });
      return;
    }
    // a name stating its years (令和9年度から実施): named without them, and run as they say — from
    // text input, unless a later cell starts before the end they give (then statedYearClashes says so)
    const stated = k.kind === "label" ? statedIn(cell, k.label, config) : null;
    // years and no name (R9～): a phase without a name, drawn as a plain bar as a mark's is
    const named = (name: string) => name || config.schedule.markedLabel;
    const unlabelled = (k.kind === "mark" && labelOf(k.mark) === undefined) || stated?.name === "";
    const label = stated ? named(stated.name) : k.kind === "label" ? k.label : (labelOf(k.mark) ?? config.schedule.markedLabel);
    const from = stated?.from ?? cell.year;
    if (stated && !opts.exactSpans) {
      const end = stated.to ?? (next ? next.year - 1 : period.end);
      if (!next || next.year > end) to = end;
    }
    // A cell stating several phases is checked here (statedYearClashes takes one phase a cell): a
    // merged range ending elsewhere than its words, or a later cell starting before their end.
    if (stated?.before.length && stated.to !== null && (opts.exactSpans ? stated.to !== to : next !== undefined && next.year <= stated.to)) {
      result.problems.push({ code: "PP353", cell, mention: wareki(stated.to), from: cell.year, to });
      return;
    }
    const reading = stated ? { kind: "stated" as const, cell, text: cell.text, label, phases: [] as Phase[] } : null;
    if (reading) result.readings.push(reading);
    // the phases a cell states before its last (令和9年度から検討、令和10年度から実施: 検討), the first
    // going on with the same phase on its left
    for (const [i, b] of (stated?.before ?? []).entries()) {
      if (i === 0 && adjacent && adjacent.label === named(b.name) && !adjacent.unlabelled === !!b.name) {
        adjacent.to = b.to!;
        reading!.phases.push(adjacent);
        continue;
      }
      const phase = b.name ? phaseNamed(b.name, b.from, b.to!, cell) : unnamedPhase(b.from, b.to!, config);
      result.phases.push(phase);
      reading!.phases.push(phase);
    }
    if (k.kind === "mark") result.readings.push({ kind: "mark", cell, text: k.mark });
    if (k.kind === "label" && k.mark && !stated) result.readings.push({ kind: "marked-label", cell, text: k.mark });
    if (k.kind === "label" && k.arrow && !stated) result.readings.push({ kind: "arrow-label", cell, text: k.label });
    // a name written inside a bar filled in one colour (its cells before it filled alike, no word
    // in them): the bar is that phase from its first cell — it had been cut in two, the first
    // part an unnamed 実施, and the phase's start moved a year
    if (adjacent?.unlabelled && k.kind === "label" && !stated && cell.shade !== undefined && fillBefore === cell.shade) {
      const whole = phaseNamed(label, adjacent.from, Math.max(adjacent.to, to), cell);
      addNote(whole, adjacent.note);
      addNote(whole, k.note);
      result.phases[result.phases.indexOf(adjacent)] = whole;
      last = whole;
      return;
    }
    const sameNote = !(adjacent?.note && k.note && !adjacent.note.split("／").includes(k.note));
    if (adjacent && !stated?.before.length && adjacent.label === label && (adjacent.unlabelled ?? false) === unlabelled && sameNote) {
      adjacent.to = Math.max(adjacent.to, to);
      addNote(adjacent, k.note);
      reading?.phases.push(adjacent);
      if (k.kind === "label" && !fromColumn.has(cell)) result.readings.push({ kind: "repeat", cell, text: label });
      return;
    }
    // An end (完了, 廃止) or an event within its year (令和9年度中に導入) does not run on to the next label.
    const oneYear = !stated && !opts.exactSpans && !opts.yearByYear && k.kind === "label" && to > cell.year && endsInItsYear(label, config);
    if (oneYear) result.readings.push({ kind: "one-year", cell, text: label });
    const phase = phaseNamed(label, from, oneYear ? cell.year : Math.max(from, to), cell);
    if (unlabelled) phase.unlabelled = true;
    addNote(phase, k.note);
    result.phases.push(phase);
    reading?.phases.push(phase);
    last = phase;
  });
  for (const n of notes) {
    const phase = result.phases.find((p) => p.from <= n.cell.year && n.cell.year <= p.to);
    if (phase) addNote(phase, n.note);
    else (result.strayNotes ??= []).push(n);
  }
  return result;
}
