// The schedule bar: a project's phases drawn across the plan's fiscal-year columns. One primitive
// for the 工程表, the department sheets and the booklet's project card, so every document draws a
// phase alike. A bar is a table cell spanning its years (vector fill, so the label wraps inside
// the bar and can never overflow it); colour alone never carries the category: each category
// also has a pattern and its label is written on the bar.
import type { Content, ContentTable, Pattern, TableCell } from "pdfmake/interfaces.js";
import { fiscalYearLabel, yearsOf } from "../../fiscal.js";
import type { Phase } from "../../model/schema.js";
import { AS_OF_TINT, lightness } from "../../theme/contrast.js";
import type { CategoryStyle, Theme } from "../../theme/schema.js";
import type { RenderContext } from "../../context.js";
import { clampPhase, legendEntries, type Period } from "../phases.js";
import { artifact, role } from "./tags.js";
import { capacityOf, phraseRuns, type Run } from "./text.js";
import { NO_LINE_END, NO_LINE_START, textWidthEm } from "../xlsx/metrics.js";

export type { Period };

export interface StripOptions {
  /** Width of one fiscal-year column in pt (the host's year columns must have this width). */
  yearWidth: number;
  /** Text size of bar labels; default theme.sizes.gantt. */
  fontSize?: number;
  /** Adds a row of fiscal-year headings above the bars (the booklet card; tables have their own). */
  header?: boolean;
  /**
   * The years of the version the bars belong to, where `period` spans two versions (the
   * 新旧対照表): the years outside it are shaded and say `outsideText`. Left blank, they had read
   * as years of no phase (令和8–12 → 令和8–15: the old bars ended as if the project stopped).
   */
  own?: Period;
  outsideText?: string;
  /** The strip is a host table's cell spanning its year columns (the 工程表's rows), whose rule closes its right side. */
  inCell?: boolean;
}

/** Pattern names used by cells; a document that draws bars passes `schedulePatterns()` to pdfmake. */
const PATTERN_PREFIX = "pp-";

/**
 * Tiling patterns for the grayscale-safe second cue (uncoloured: the colour is given per use).
 * Every category and status has its own, so a black-and-white copy tells them apart.
 */
export function schedulePatterns(): Record<string, Pattern> {
  return {
    [`${PATTERN_PREFIX}hatch`]: { boundingBox: [0, 0, 5, 5], xStep: 5, yStep: 5, pattern: "0.6 w 0 0 m 5 5 l S -1 4 m 1 6 l S 4 -1 m 6 1 l S" },
    [`${PATTERN_PREFIX}backhatch`]: { boundingBox: [0, 0, 5, 5], xStep: 5, yStep: 5, pattern: "0.6 w 0 5 m 5 0 l S -1 1 m 1 -1 l S 4 6 m 6 4 l S" },
    [`${PATTERN_PREFIX}cross`]: { boundingBox: [0, 0, 5, 5], xStep: 5, yStep: 5, pattern: "0.5 w 0 0 m 5 5 l S 0 5 m 5 0 l S" },
    [`${PATTERN_PREFIX}dots`]: { boundingBox: [0, 0, 4, 4], xStep: 4, yStep: 4, pattern: "1 1 1.1 1.1 re f" },
    [`${PATTERN_PREFIX}stripes`]: { boundingBox: [0, 0, 4, 4], xStep: 4, yStep: 4, pattern: "0.7 w 0 1 m 4 1 l S" },
    [`${PATTERN_PREFIX}vlines`]: { boundingBox: [0, 0, 4, 4], xStep: 4, yStep: 4, pattern: "0.7 w 1 0 m 1 4 l S" },
    [`${PATTERN_PREFIX}grid`]: { boundingBox: [0, 0, 6, 6], xStep: 6, yStep: 6, pattern: "0 0 6 0.55 re f 0 0 0.55 6 re f" },
  };
}

/** A category the theme does not style: a plain grey. */
export const PLAIN_GREY: CategoryStyle = { fill: "#C8C8CB", text: "#000000", pattern: "none", border: "solid" };

/** The style of a phase category, falling back to the default category's, then a plain grey. */
export function categoryStyle(category: string, ctx: RenderContext): CategoryStyle {
  const { categories } = ctx.theme;
  return categories[category] ?? categories[ctx.config.defaultCategory.id] ?? categories.other ?? PLAIN_GREY;
}

/** Fill properties of a cell in a category's style: the CUD fill plus its pattern laid over it. */
export function barFill(style: CategoryStyle, patternOpacity = 0.35): Record<string, unknown> {
  const fill: Record<string, unknown> = { fillColor: style.fill };
  if (style.pattern !== "none") {
    fill.overlayPattern = [`${PATTERN_PREFIX}${style.pattern}`, "#000000"];
    fill.overlayOpacity = patternOpacity;
  }
  return fill;
}

/** Phases packed into lanes: a phase goes to the first lane whose phases its years do not touch. */
export function laneOf(schedule: readonly Phase[], period: Period): Phase[][] {
  const lanes: Phase[][] = [];
  for (const raw of schedule) {
    const phase = clampPhase(raw, period);
    if (!phase) continue;
    const lane = lanes.find((l) => l.every((p) => p.to < phase.from || p.from > phase.to));
    if (lane) lane.push(phase);
    else lanes.push([phase]);
  }
  for (const lane of lanes) lane.sort((a, b) => a.from - b.from);
  return lanes;
}

function noteText(note: string): string {
  return /^[※＊*]/.test(note) ? note : `※${note}`;
}

/**
 * One row of cells over the period's years: `cellFor` gives the cell a phase starts with (it
 * spans the phase's years); years no phase covers get `empty(year)`.
 */
function yearRow(lane: readonly Phase[], years: readonly number[], cellFor: (p: Phase) => TableCell, empty: (y: number) => TableCell): TableCell[] {
  const row: TableCell[] = [];
  for (let i = 0; i < years.length;) {
    const year = years[i]!;
    const phase = lane.find((p) => p.from === year);
    if (!phase) { row.push(empty(year)); i++; continue; }
    // a cell may span further than its phase (a long note, notesRow): never past the period
    const cell = cellFor(phase) as TableCell & { colSpan?: number };
    const span = Math.min(cell.colSpan ?? phase.to - phase.from + 1, years.length - i);
    row.push({ ...(cell as object), colSpan: span } as TableCell);
    for (let k = 1; k < span; k++) row.push({});
    i += span;
  }
  return row;
}

/** Lines a note may take under its own phase before it runs on under the years after it. */
const NOTE_LINES = 3;

/**
 * The ※ notes under a lane's bars, each under its phase. A note too long for its phase's years
 * (a one-year phase's ※ had wrapped 1–5 characters a line, 10 lines, 「スケ／ジュール」) runs on under
 * the years after it, up to the next phase with a note of its own.
 */
function notesRow(lane: readonly Phase[], years: readonly number[], yearWidth: number, size: number, ctx: RenderContext, empty: (y: number) => TableCell): TableCell[] {
  const last = years.at(-1)!;
  const nextNote = (after: number) => lane.filter((p) => p.note && p.from > after).map((p) => p.from).sort((a, b) => a - b)[0] ?? last + 1;
  return yearRow(lane, years, (p) => {
    if (!p.note) return { text: "", fontSize: size } as TableCell;
    const text = noteText(p.note);
    const lines = (n: number) => Math.ceil(textWidthEm(text) * size / Math.max(1, n * yearWidth - 2 * CELL_PAD));
    let span = Math.min(p.to, last) - p.from + 1;
    const until = nextNote(p.from);
    while (lines(span) > NOTE_LINES && p.from + span < until) span++;
    // one too long for a line breaks between phrases, as the bar's label does: a note of three lines
    // under a 10-year plan's one-year bar had broken 「スケ／ジュール」, 「応じ／て」
    const capacity = capacityOf(span * yearWidth - 2 * CELL_PAD, size);
    return { text: text.length <= capacity ? text : phraseRuns(text, capacity), fontSize: size, color: ctx.theme.colours.text, alignment: "left", colSpan: span } as TableCell;
  }, empty);
}

/**
 * A project's schedule as pdfmake content: a table with one column per fiscal year of `period`,
 * each phase a bar across its years with its label on it and its ※ note under it; the as-of year
 * tinted where no bar covers it.
 */
export function scheduleStrip(schedule: readonly Phase[], period: Period, opts: StripOptions, ctx: RenderContext): ContentTable {
  const { theme } = ctx;
  const years = yearsOf(period);
  const fontSize = opts.fontSize ?? theme.sizes.gantt;
  // Year headings and notes are table text: never under 9 pt where the bars are (booklet), nor
  // under the theme's small size on the A3 roadmap.
  const noteSize = Math.max(fontSize - 0.5, theme.sizes.small, Math.min(fontSize, 9));
  // The as-of column's tint: a pale shade of the heading's colour, unpatterned and unlabelled, so
  // it never reads as a bar (every bar has its pattern and its label).
  const outside = (year: number) => opts.own !== undefined && (year < opts.own.start || year > opts.own.end);
  // (the words once, in the first row of bars; the shade in every row)
  const outsideCell = (words: boolean): TableCell => ({ text: words ? opts.outsideText ?? "" : "", fontSize: noteSize, color: theme.colours.muted, alignment: "center", fillColor: theme.colours.zebra });
  // A year of no phase is set at the bars' size: at the body's, its empty line had made its row
  // taller than a row of bars alone, its bars taller and their labels off their middle.
  const emptyIn = (row: number) => (year: number): TableCell => (outside(year) ? outsideCell(row === 0)
    : year === ctx.asOf ? { text: "", fontSize, fillColor: theme.colours.asOf, fillOpacity: AS_OF_TINT } : { text: "", fontSize });
  const empty = emptyIn(0);
  const body: TableCell[][] = [];
  if (opts.header) {
    // (the narrowest column: each after the first gives GAP to its bar's gap)
    const labels = yearLabels(period, ctx, noteSize, opts.yearWidth - GAP);
    body.push(years.map((y, i) => ({
      text: labels[i]!, alignment: "center", bold: y === ctx.asOf, fontSize: noteSize,
      fillColor: y === ctx.asOf ? theme.colours.asOf : theme.colours.headerFill,
    } as TableCell)));
  }
  const lanes = laneOf(schedule, period);
  // Where two bars meet and one is near white (複数の段階's white grid, a pale yellow), the white
  // rule between them does not show: drawn in the rule's colour there (two such bars had read as
  // one, the second phase's first year lost). By body row, the vertical lines so drawn.
  const seams = new Map<number, Set<number>>();
  for (const [n, lane] of lanes.entries()) {
    const meet = lane.flatMap((p, k) => {
      const q = lane[k - 1];
      return q && q.to + 1 === p.from && [q, p].some((x) => lightness(categoryStyle(x.category, ctx).fill) >= PALE) ? [p.from - period.start] : [];
    });
    if (meet.length) seams.set(body.length, new Set(meet));
    body.push(yearRow(lane, years, (p) => {
      const style = categoryStyle(p.category, ctx);
      // Read as text, not as a shape: its years and its label (令和8年度～令和10年度 検討).
      // The label sits on the solid fill, so the pattern around it never hurts legibility.
      // A phase marked without a label (●) is a plain bar; a label breaks between phrases only
      // (モデル校に/よる試行), as far as the bar's width allows.
      const label = p.unlabelled ? { text: "", fontSize } : barLabel(p.label, barWidth(p, period, opts.yearWidth), fontSize);
      return role({
        text: label.text, background: style.fill, color: style.text, alignment: "center", bold: true,
        fontSize: label.fontSize, ...barFill(style),
      }, "Span", { _actual: `${fiscalYearLabel(p.from, theme)}～${fiscalYearLabel(p.to, theme)} ${p.label}` }) as TableCell;
    }, emptyIn(n)));
    if (lane.some((p) => p.note)) body.push(notesRow(lane, years, opts.yearWidth, noteSize, ctx, emptyIn(n + 1)));
  }
  if (lanes.length === 0) body.push(years.map(empty));
  const headerRows = opts.header ? 1 : 0;
  // Standing alone (a card, the 新旧対照表) a white rule closes the strip's right side, taken from
  // its last year: pdfmake fills a cell spanning to the last year half a rule past the table's
  // edge, where no rule covered it, so those bars stuck out past the last year's heading and
  // showed a tick of their colour under their end above a ※ note or another lane.
  const closed = !opts.inCell;
  // With its own year headings (a card) the strip is a table; in a host table's cell its bars are that cell's text.
  return role({
    // A column takes its width, its padding and the rule on its left: each adds up to yearWidth,
    // so the years line up with the host's year columns.
    table: { widths: years.map((_, i) => opts.yearWidth - 2 * CELL_PAD - (i === 0 ? 0 : GAP) - (closed && i === years.length - 1 ? GAP : 0)), body, headerRows, dontBreakRows: true },
    layout: {
      // White rules keep bars of the same lane and of adjacent lanes visibly apart.
      hLineWidth: (i: number) => (i === 0 || i === body.length ? 0 : GAP),
      vLineWidth: (i: number) => (i === 0 || (i === years.length && !closed) ? 0 : GAP),
      hLineColor: () => "#FFFFFF",
      vLineColor: (i: number, _node: unknown, row: number) => (seams.get(row)?.has(i) ? theme.colours.rule : "#FFFFFF"),
      paddingLeft: () => CELL_PAD,
      paddingRight: () => CELL_PAD,
      paddingTop: () => 1.5,
      paddingBottom: () => 1,
    },
  }, opts.header ? "Table" : undefined);
}

/** CIE L* from which a fill is too pale for a white rule beside it to show. */
const PALE = 95;

/** The width a bar's label has: its years in the period, less the bar's padding. */
export const barWidth = (p: Phase, period: Period, yearWidth: number): number =>
  yearWidth * (Math.min(p.to, period.end) - Math.max(p.from, period.start) + 1) - 2 * CELL_PAD;

/**
 * An item of a label that names its time before its phase: 6月：設計, 上期：検討, 4～6月：調査 (a 、
 * after it kept); a short prefix, and not an address (https://…).
 */
const TIMED_ITEM = /^[^：:/]{1,8}[：:](?!\/)[^：:]*[^：:、，,][、，,]?$/u;
/** The least share of its size a bar's label is set at to keep such items whole (8 pt: 6 pt). */
const LEAST_LABEL_SHARE = 0.75;

/**
 * A bar's label and its size: as it is when the bar holds it on one line, else broken between
 * phrases only. A label listing phases by their times (4月：調査　6月：設計 …, 上期：検討、下期：実施)
 * breaks between its items, each kept whole: broken by phrases, 「6月：」 had ended a line and its
 * phase begun the next. An item wider than the bar sets the label smaller, to LEAST_LABEL_SHARE
 * of its size at the least; one wider still breaks between phrases as before.
 */
function barLabel(label: string, width: number, fontSize: number): { text: string | Run[]; fontSize: number } {
  if (label.length <= capacityOf(width, fontSize)) return { text: label, fontSize };
  // words apart by spaces, and after a 、 between items
  const parts = (label.match(/\s+|[^\s]+/gu) ?? []).flatMap((w) => (/\s/u.test(w) ? [w] : w.split(/(?<=[、，,])/u)));
  const items = parts.filter((w) => TIMED_ITEM.test(w));
  if (!items.length) return latinLabel(label, width, fontSize) ?? { text: phraseRuns(label, capacityOf(width, fontSize)), fontSize };
  const size = Math.max(fontSize * LEAST_LABEL_SHARE, Math.min(fontSize, width / Math.max(...items.map(textWidthEm))));
  const whole = (w: string) => TIMED_ITEM.test(w) && textWidthEm(w) * size <= width;
  return { text: parts.flatMap((w): Run[] => (/\s/u.test(w) ? [w] : whole(w) ? [{ text: w, noWrap: true }] : phraseRuns(w, capacityOf(width, size)))), fontSize: size };
}

/**
 * The Latin words of a label with what holds to them by 禁則 (PoC, （Proof, Concept）): a line
 * breaks between them, never inside one.
 */
function latinWords(label: string): { at: number; text: string }[] {
  return [...label.matchAll(/[\x21-\x7e]+/gu)].map((m) => {
    const open = m.index > 0 && NO_LINE_END.test(label[m.index - 1]!) ? 1 : 0;
    const end = m.index + m[0].length;
    const close = NO_LINE_START.exec(label.slice(end))?.[0].length ?? 0;
    return { at: m.index - open, text: label.slice(m.index - open, end + close) };
  });
}

/**
 * A label with a Latin word wider than its bar (a 12-year plan's one-year bar): set smaller, to
 * LEAST_LABEL_SHARE of its size at the least, so each word fits whole and breaks only between
 * words. Broken by phrases, its words had been cut (「PoC（Pr／oof of／Concep／t）」), and kept whole
 * at full size they had run over the next bar. Undefined when every word fits, or one does not
 * even at the least size (that label breaks between phrases as before).
 */
function latinLabel(label: string, width: number, fontSize: number): { text: Run[]; fontSize: number } | undefined {
  const words = latinWords(label);
  const widest = Math.max(0, ...words.map((w) => textWidthEm(w.text)));
  if (widest * fontSize <= width) return undefined;
  const least = fontSize * LEAST_LABEL_SHARE;
  if (widest * least <= width) {
    const size = Math.max(least, width / widest);
    return { text: setWords(label, words, size, width), fontSize: size };
  }
  // A word wider than the bar even so (Microsoft365 on a 10-year plan's one-year bar, A4) breaks
  // between its parts, as large as they fit: it had been cut where the bar ended, 「Microso／ft365」.
  const parts = words.flatMap(wordParts);
  if (parts.length === words.length) return undefined;
  const size = Math.max(least, Math.min(fontSize, width / Math.max(...parts.map((w) => textWidthEm(w.text)))));
  return { text: setWords(label, parts, size, width), fontSize: size };
}

/**
 * A label's text with its Latin words (or their parts) each kept whole, the text between them
 * broken between phrases. A word wider than the bar, as far as textWidthEm (erring wide) tells,
 * is left breakable: kept whole, it could run over the next bar.
 */
function setWords(label: string, words: readonly { at: number; text: string }[], size: number, width: number): Run[] {
  const text: Run[] = [];
  let at = 0;
  // the width (em) of the touching words on the line so far
  let line = 0;
  for (const [i, w] of words.entries()) {
    if (w.at > at) { text.push(...phraseRuns(label.slice(at, w.at), capacityOf(width, size))); line = 0; }
    // pdfmake breaks nowhere between touching words (PoC（Proof, Microsoft|365): where they do not
    // fit a line, a line break between them keeps them inside the bar
    const em = textWidthEm(w.text);
    if (i > 0 && w.at === at && (line + em) * size > width) { text.push("\n"); line = 0; }
    text.push(em * size <= width ? { text: w.text, noWrap: true } : w.text);
    line += em;
    at = w.at + w.text.length;
  }
  if (at < label.length) text.push(...phraseRuns(label.slice(at), capacityOf(width, size)));
  return text;
}

/** Where a Latin word breaks when it must: after - / ., between a small letter and a capital (Power|Apps), between letters and digits (Microsoft|365). */
const WORD_PART = /(?<=[-/.])(?=[^-/.])|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/u;

/** A word of latinWords in its parts (WORD_PART), each with its place in the label. */
function wordParts(word: { at: number; text: string }): { at: number; text: string }[] {
  let at = word.at;
  return word.text.split(WORD_PART).map((text) => {
    const part = { at, text };
    at += text.length;
    return part;
  });
}

/** Horizontal padding inside a bar; the strip's columns add it back so they match the host's. */
const CELL_PAD = 2;
const GAP = 1.5;

/**
 * The legend: a swatch per category drawn (fill and pattern, exactly like a bar) and the as-of
 * year's colour, as its heading cell has it.
 */
export function legend(ctx: RenderContext, opts: { fontSize?: number; asOfLabel?: string; categories?: ReadonlySet<string>; maxWidth?: number } = {}): Content {
  const { theme } = ctx;
  const fontSize = opts.fontSize ?? theme.sizes.small;
  const entries: { swatch: TableCell; label: string }[] = legendEntries(ctx, opts.categories)
    .map((e) => ({ swatch: artifact({ text: " ", fontSize, ...barFill(categoryStyle(e.id, ctx)) }) as TableCell, label: e.label }));
  if (opts.asOfLabel) entries.push({ swatch: artifact({ text: " ", fontSize, fillColor: theme.colours.asOf }) as TableCell, label: opts.asOfLabel });
  // Entries that do not fit one line go on to the next (a narrow page, many categories): squeezed
  // into one row, pdfmake broke each label into pieces (検/討).
  const rows: (typeof entries)[] = [[]];
  let used = 0;
  for (const e of entries) {
    const width = SWATCH + LABEL_GAP + textWidthBound(e.label, fontSize) + ENTRY_GAP;
    if (opts.maxWidth && used + width > opts.maxWidth && rows[rows.length - 1]!.length) { rows.push([]); used = 0; }
    rows[rows.length - 1]!.push(e);
    used += width;
  }
  const tables = rows.map((row): Content => ({
    table: {
      widths: row.flatMap(() => [SWATCH, "auto"]),
      body: [row.flatMap((e, i) => [e.swatch, { text: e.label, fontSize, margin: [LABEL_GAP, 0, i < row.length - 1 ? ENTRY_GAP : 0, 0] }])],
    },
    layout: {
      hLineWidth: () => 0, vLineWidth: () => 0,
      paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 1, paddingBottom: () => 1,
    },
  }));
  return tables.length === 1 ? tables[0]! : { stack: tables.map((t, i) => (i ? { stack: [t], margin: [0, 2, 0, 0] } : t)) } as Content;
}

const SWATCH = 24, LABEL_GAP = 2, ENTRY_GAP = 8;
/** At most the width `text` takes: a full em for anything beyond ASCII, ASCII at most 0.6 em. */
const textWidthBound = (text: string, size: number): number =>
  [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x80 ? 0.6 : 1) * size, 0);

/**
 * A host table's year columns (gantt, department sheet): widths and a layout for tables whose
 * first `fixed` columns hold text and whose last columns are the period's years, holding one
 * `scheduleStrip` cell spanning them. Year columns have no padding and white gaps, so the strip's
 * bars line up with the year headings.
 */
export function yearColumnWidths(period: Period, yearWidth: number): number[] {
  return yearsOf(period).map((_, i) => (i === 0 ? yearWidth : yearWidth - GAP));
}

export function scheduleTableLayout(fixed: number, period: Period, ctx: RenderContext, pad = 3): Record<string, unknown> {
  const last = fixed + yearsOf(period).length;
  const rule = ctx.theme.colours.rule;
  const isYearGap = (i: number): boolean => i > fixed && i < last;
  return {
    hLineWidth: () => 0.5,
    vLineWidth: (i: number) => (isYearGap(i) ? GAP : 0.5),
    hLineColor: () => rule,
    vLineColor: (i: number) => (isYearGap(i) ? "#FFFFFF" : rule),
    paddingLeft: (i: number) => (i >= fixed ? 0 : pad),
    paddingRight: (i: number) => (i >= fixed ? 0 : pad),
    paddingTop: () => 2,
    paddingBottom: () => 2,
  };
}

/** Heading cells of the year columns, the as-of year marked by its fill and bold type. */
export function yearHeadingCells(period: Period, ctx: RenderContext, fontSize: number, yearWidth?: number): TableCell[] {
  const { theme } = ctx;
  const labels = yearLabels(period, ctx, fontSize, yearWidth);
  return yearsOf(period).map((y, i) => ({
    text: labels[i]!, alignment: "center", bold: true, fontSize,
    fillColor: y === ctx.asOf ? theme.colours.asOf : theme.colours.headerFill,
  } as TableCell));
}

/**
 * The year headings' words, all alike: broken before 年度 when the widest (bold) does not fit a
 * column of `yearWidth` (a 10-year plan's booklet strips broke them as 「令和9年／度」).
 */
function yearLabels(period: Period, ctx: RenderContext, fontSize: number, yearWidth?: number): string[] {
  const labels = yearsOf(period).map((y) => fiscalYearLabel(y, ctx.theme));
  const narrow = yearWidth !== undefined && Math.max(...labels.map(textWidthEm)) * fontSize > yearWidth - 2 * CELL_PAD;
  return narrow ? labels.map(beforeNendo) : labels;
}

/**
 * A year heading on two lines, broken before its 年度 (`令和10⏎年度`), for columns too narrow for
 * the widest: a 7-year plan's department sheets broke it as 「令和10年／度」.
 */
function beforeNendo(label: string): string {
  const m = /^(.*?[0-9０-９元]+)(年度?.*)$/u.exec(label);
  return m ? `${m[1]}\n${m[2]}` : label;
}
