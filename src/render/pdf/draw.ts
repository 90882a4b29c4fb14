// Draws a document description (src/templates/primitives.ts) with pdfmake: headings with
// bookmarks and contents entries, paragraphs, tables, cards with their schedule strip, the legend.
import path from "node:path";
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { Phase, Plan } from "../../model/schema.js";
import { type DocNode, plain, type SubRows, type Text } from "../../templates/primitives.js";
import { type RenderContext, shownPath } from "../../context.js";
import { card, fitsPage, stripHeight, textHeight } from "./card.js";
import type { DrawSource } from "./source.js";
import { drawChanges } from "./changes.js";
import { chapterMark } from "./document.js";
import { pageGeometry } from "./page.js";
import { drawnCategories } from "../phases.js";
import { barFill, legend, scheduleStrip, type Period, PLAIN_GREY } from "./schedule.js";
import { capacityFor, columnAlign, dataTable, subRowsCell } from "./table.js";
import { COLUMN_SPACE, tableWidths } from "../table-width.js";
import { bulletList, capacityOf, keepRuns, MAX_KEEP, noteRuns, phraseRuns, type Run, runLines, titleRuns } from "./text.js";
import { artifact, role } from "./tags.js";
import { phrases } from "../phrases.js";
import { textWidthEm } from "../xlsx/metrics.js";


/** A plan's period and schedules as a DrawSource for the page set-up `kind`; a legend lists the plan's categories. */
export function planSource(plan: Plan, kind: string): DrawSource {
  const byNo = new Map(plan.projects.map((p) => [p.no, p.schedule]));
  const all = drawnCategories(plan.projects.map((p) => p.schedule), plan.plan.period);
  return { kind, period: plan.plan.period, schedule: (no) => byNo.get(no), legendCategories: () => all };
}

/**
 * Inline text with links (`#p12` → the anchor p12), bold runs, keep-together runs and notes. A link
 * stays whole when short; other runs keep numbers with their units like plain text. `phrase`:
 * text in a table cell, broken between phrases only (a phrase of up to `capacity` characters).
 * `line`: the characters a line holds, where known; a kept run up to that length stays whole.
 */
function runs(text: Text, ctx: RenderContext, phrase?: { capacity: number | undefined }, line?: number): Run[] {
  const plainRuns = (s: string): Run[] => (phrase ? phraseRuns(s, phrase.capacity) : keepRuns(s));
  if (typeof text === "string") return plainRuns(text);
  return text.flatMap((t): Run[] => {
    if (typeof t === "string") return plainRuns(t);
    const bold = t.bold ? { bold: true } : {};
    // A changed part (新旧対照表): 傍線 plus a shading that stays visible in grayscale copies.
    if (t.mark) return keepRuns(t.text).map((r) => ({ ...(typeof r === "string" ? { text: r } : r), ...bold, decoration: "underline" as const, background: ctx.theme.colours.changed }));
    if (t.note) return noteRuns(t.text, ctx.theme, phrase?.capacity).map((r) => ({ ...(typeof r === "string" ? { text: r } : r), ...bold }));
    const link = t.link?.startsWith("#") ? t.link.slice(1) : undefined;
    // A kept run stays whole when short; a long one breaks rather than overflow its cell, between
    // its phrases (a card's 30-character department name had been cut 「…支援課保／育施策…」).
    const keepUpTo = phrase?.capacity ?? line ?? MAX_KEEP;
    if (t.keep && t.text.length <= keepUpTo) return [{ text: t.text, noWrap: true, ...bold }];
    if (t.keep) return phraseRuns(t.text, keepUpTo).map((r) => (typeof r === "string" ? { text: r, ...bold } : { ...r, ...bold }));
    if (!link) return plainRuns(t.text).map((r) => (typeof r === "string" ? { text: r, ...bold } : { ...r, ...bold }));
    return [{ text: t.text, noWrap: t.text.length <= MAX_KEEP, ...bold,
      linkToDestination: link, color: ctx.theme.colours.link, decoration: "underline" as const }];
  });
}

const CARD_PAD = 6;
const LABEL_WIDTH = 54;

/** Room a heading takes above a card it is kept with (size, margins, a second line). */
const HEADING_ALLOWANCE = 40;

/**
 * Space between a card and what follows, as the top margin of the next block: pdfmake starts a new
 * page for a bottom margin that does not fit, which left a blank page before a chapter when a card
 * filled a page, and counted in a kept block's height, it moved blocks that fitted.
 */
const CARD_GAP = 10;

function drawCard(node: Extract<DocNode, { type: "card" }>, src: DrawSource, ctx: RenderContext): { content: Content; height: number } {
  const { theme } = ctx;
  const lh = theme.lineHeight;
  const inner = pageGeometry(src.kind, ctx).bodyWidth - 2 * CARD_PAD - 1;
  const size = theme.sizes.table;
  const body: Content[] = [];
  let height = 2 * CARD_PAD + 12;

  // The card's title is a heading one level below the last one (a 取組, else a 施策).
  const title: Content = role({
    columns: [
      ...(node.badge ? [{ text: node.badge, width: "auto", bold: true, fontSize: theme.sizes.h3, color: theme.colours.text, margin: [0, 0, 6, 0] }] : []),
      { text: phraseRuns(node.title), width: "*", bold: true, fontSize: theme.sizes.h3 },
    ],
    ...(node.anchor ? { id: node.anchor } : {}),
  } as Content, "H+");
  // The bookmark sits on the title text itself (pdfmake attaches outlines to text lines).
  if (node.outline) {
    const cols = (title as { columns: Record<string, unknown>[] }).columns;
    const last = cols[cols.length - 1]!;
    Object.assign(last, { outline: true, id: node.outline.id, outlineText: node.outline.text ?? node.title,
      ...(node.outline.parent ? { outlineParentId: node.outline.parent } : {}) });
    if (node.anchor && node.anchor !== node.outline.id) Object.assign(cols[0]!, { id: node.anchor });
    delete (title as { id?: string }).id;
  }
  body.push(title);
  const titleHeight = textHeight(`${node.badge ?? ""}　${node.title}`, theme.sizes.h3, inner, lh);
  height += titleHeight;
  if (node.path) {
    body.push({ text: keepRuns(node.path), fontSize: theme.sizes.small, color: theme.colours.muted, margin: [0, 1, 0, 3] } as Content);
    height += textHeight(node.path, theme.sizes.small, inner, lh) + 4;
  }
  // The labels' column holds the widest label whole (bold ~5 % wider), up to 40 % of the card: at a
  // large table size 「担当課」 had broken as 「担当／課」, a reworded label wrapped under its value
  const labelWidth = Math.min(inner * 0.4, Math.max(LABEL_WIDTH, ...node.fields.map((f) => Math.ceil(textWidthEm(f.label) * size * 1.05) + 2)));
  for (const f of node.fields) {
    body.push(role({
      columns: [
        { text: f.label, width: labelWidth, fontSize: size, bold: true, color: theme.colours.muted },
        { text: runs(f.value, ctx, undefined, Math.floor((inner - labelWidth - 4) / size)), width: "*", fontSize: size },
      ],
      columnGap: 4, margin: [0, 0, 0, 2],
    }, "P") as Content);
    height += Math.max(textHeight(plain(f.value), size, inner - labelWidth - 4, lh), textHeight(f.label, size, labelWidth, lh)) + 2;
  }
  if (node.bullets.length) {
    if (node.bulletsLabel) {
      body.push({ text: node.bulletsLabel, fontSize: size, bold: true, color: theme.colours.muted, margin: [0, 2, 0, 1] } as Content);
      height += size * lh + 3;
    }
    body.push(bulletList(node.bullets, { fontSize: theme.sizes.body, gap: 2 }));
    for (const b of node.bullets) height += textHeight(b, theme.sizes.body, inner - theme.sizes.body - 1, lh) + 2;
  }
  const phases = node.schedule !== undefined ? src.schedule?.(node.schedule) : undefined;
  if (phases && src.period) {
    if (node.scheduleLabel) {
      body.push({ text: node.scheduleLabel, fontSize: size, bold: true, color: theme.colours.muted, margin: [0, 4, 0, 2] } as Content);
      height += size * lh + 6;
    }
    const years = src.period.end - src.period.start + 1;
    const yearWidth = Math.floor((inner / years) * 10) / 10;
    const strip = scheduleStrip(phases, src.period, { yearWidth, header: true, fontSize: size }, ctx);
    const stripTall = size * lh + 4 + stripHeight(phases, src.period, yearWidth, size, lh);
    // A strip taller than a page (a bar's label of 144 phases by month) breaks between pages: kept
    // whole, pdfmake had dropped it from the card without a trace.
    if (!fitsPage(stripTall, src.kind, ctx)) strip.table.dontBreakRows = false;
    body.push(strip);
    height += stripTall;
  }
  const [side, end] = [CARD_PAD - 4, CARD_PAD - 2];
  // A card longer than a page runs on: its title is the frame's heading row, which pdfmake sets
  // again at the top of each page the card goes on to (layouts.ts keeps its bookmark and link once).
  const fits = fitsPage(height, src.kind, ctx);
  // A title of half a page or more is no heading row to repeat: pdfmake drops a heading row it
  // cannot set on a page, and a name of a thousand characters had left its card without a title.
  const repeated = !fits && titleHeight < pageGeometry(src.kind, ctx).bodyHeight / 2;
  // the title set again on a later page says so after it (layouts.ts adds the words there only)
  if (repeated && node.continued) {
    const cols = (title as { columns: Record<string, unknown>[] }).columns;
    cols[cols.length - 1]!._continued = node.continued;
  }
  const rows: Content[][] = !repeated
    ? [[{ stack: body, margin: [side, end, side, end] }]]
    : [[{ stack: [title], margin: [side, end, side, 0] }], [{ stack: body.slice(1), margin: [side, 0, side, end] }]];
  const framed: Content = {
    table: { widths: ["*"], body: rows, ...(rows.length > 1 ? { headerRows: 1 } : {}) },
    layout: {
      hLineWidth: (i: number) => (i === 0 || i === rows.length ? 0.75 : 0), vLineWidth: () => 0.75,
      hLineColor: () => theme.colours.rule, vLineColor: () => theme.colours.rule,
    },
  } as Content;
  return { content: role(card([framed], height, src.kind, ctx, [0, 0, 0, 0]), "Sect"), height };
}

/** Covers whose title was set smaller to keep them on one page, told once (a document is laid out more than once). */
const toldCoverShrunk = new WeakSet<object>();
/** The cover title's line height, and the least size it is set in (a heading's). */
const COVER_LINE_HEIGHT = 1.25;

function drawCover(node: Extract<DocNode, { type: "cover" }>, src: DrawSource, ctx: RenderContext): Content {
  const { theme } = ctx;
  const page = pageGeometry(src.kind, ctx);
  // heights estimated as the cards' are (a line more when a text wraps): what the title may take
  const height = (text: string | undefined, size: number, gap = 0) => (text ? textHeight(text, size, page.bodyWidth, theme.lineHeight) + gap : 0);
  const top: Content[] = [];
  if (node.label) top.push({ text: node.label, alignment: "right", fontSize: theme.sizes.h3, bold: true });
  if (node.meeting) top.push({ text: node.meeting, alignment: "right", fontSize: theme.sizes.body });
  const others = height(node.label, theme.sizes.h3) + height(node.meeting, theme.sizes.body) + height(node.subtitle, theme.sizes.h2, 10)
    + height(node.notice, theme.sizes.h3, 16) + height(node.period, theme.sizes.h2, 16) + height(node.date, theme.sizes.h3) + height(node.issuer, theme.sizes.h3, 6);
  // A long title in a large cover size had run the cover onto a second page (under a running
  // head), cut inside its words: the spaces above and below it narrowed first (to about half),
  // then the title set smaller until it fits, and until its longest phrase fits a line when
  // that is possible (「総合情／報化」); said (PP514), as the theme's size was not kept.
  const room = page.bodyHeight * 0.95 - others;
  const titleHeight = (size: number) => textHeight(node.title, size, page.bodyWidth, COVER_LINE_HEIGHT);
  const least = Math.min(theme.sizes.cover, theme.sizes.h1);
  const longest = Math.max(...phrases(node.title).flatMap((p) => p.split(/[\s（）()]+/u)).map((p) => p.length));
  const cut = (size: number) => longest > capacityOf(page.bodyWidth, size) && longest <= capacityOf(page.bodyWidth, least);
  let size = theme.sizes.cover;
  while (size > least && (titleHeight(size) > room - page.bodyHeight * 0.3 || cut(size))) size = Math.max(least, size - 1);
  if (size < theme.sizes.cover && !toldCoverShrunk.has(node)) {
    toldCoverShrunk.add(node);
    ctx.diagnostics.add("PP514", { file: shownPath(ctx, path.join(ctx.templatesDir, "theme.json")) }, { size: String(theme.sizes.cover), shown: String(size) });
  }
  const spaces = Math.min(page.bodyHeight * 0.55, Math.max(0, room - titleHeight(size)));
  const centre: Content[] = [
    { text: titleRuns(node.title, capacityOf(page.bodyWidth, size)), alignment: "center", fontSize: size, bold: true, lineHeight: COVER_LINE_HEIGHT } as Content,
  ];
  if (node.subtitle) centre.push({ text: phraseRuns(node.subtitle), alignment: "center", fontSize: theme.sizes.h2, margin: [0, 10, 0, 0] } as Content);
  if (node.notice) centre.push({ text: phraseRuns(node.notice), alignment: "center", fontSize: theme.sizes.h3, bold: true, color: theme.colours.watermark, margin: [0, 16, 0, 0] } as Content);
  if (node.period) centre.push({ text: keepRuns(node.period), alignment: "center", fontSize: theme.sizes.h2, margin: [0, 16, 0, 0] } as Content);
  const bottom: Content[] = [];
  if (node.date) bottom.push({ text: keepRuns(node.date), alignment: "center", fontSize: theme.sizes.h3 } as Content);
  if (node.issuer) bottom.push({ text: node.issuer, alignment: "center", fontSize: theme.sizes.h3, margin: [0, 6, 0, 0] });
  return {
    stack: [
      { stack: top, margin: [0, 0, 0, spaces * (0.25 / 0.55)] },
      { stack: centre, margin: [0, 0, 0, spaces * (0.3 / 0.55)] },
      { stack: bottom },
    ],
  } as Content;
}

/** The style of a chart category (theme `statuses`, else a grey). */
function categoryFill(name: string, ctx: RenderContext): Record<string, unknown> {
  const style = ctx.theme.statuses[name] ?? PLAIN_GREY;
  return { ...barFill(style, 0.3), color: style.text };
}

/**
 * Stacked horizontal bars (vector: filled table cells). Colour is never the only cue: each
 * segment carries its value and a pattern, segments keep the legend's order, and a white
 * category is outlined.
 */
function drawChart(node: Extract<DocNode, { type: "chart" }>, src: DrawSource, ctx: RenderContext): Content {
  const { theme } = ctx;
  const small = theme.sizes.small;
  const max = Math.max(1, ...node.bars.map((b) => b.values.reduce((a, v) => a + v, 0)));
  const unit = (pageGeometry(src.kind, ctx).bodyWidth - 40) / max;
  const rule = () => theme.colours.rule;
  const legendCells = node.categories.map((c) => ({
    table: { widths: [18, "auto"], body: [[artifact({ text: "", border: [true, true, true, true], ...categoryFill(c, ctx) }), { text: c, fontSize: small + 1, border: [false, false, false, false] }]] },
    layout: { hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: rule, vLineColor: rule,
      paddingLeft: () => 2, paddingRight: () => 6, paddingTop: () => 1, paddingBottom: () => 1 },
    width: "auto",
  }));
  const bars = node.bars.map((b) => {
    const cells = b.values.flatMap((n, i) => (n > 0 ? [{ n, category: node.categories[i] ?? "" }] : []));
    const bar = cells.length === 0 ? { text: "" } : {
      table: {
        widths: cells.map((c) => Math.max(10, c.n * unit - 1)),
        body: [cells.map((c) => ({ text: String(c.n), alignment: "center", bold: true, fontSize: small + 1, ...categoryFill(c.category, ctx) }))],
      },
      layout: {
        hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: rule, vLineColor: () => "#FFFFFF",
        paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 2, paddingBottom: () => 1,
      },
    };
    return { stack: [{ text: runs(b.label, ctx), fontSize: small + 1, margin: [0, 4, 0, 1] }, bar], unbreakable: true };
  });
  // One Figure: its alternative text states every number the bars show, in their words.
  const alt = [node.title, ...node.bars.map((b) => `${plain(b.label)}：${b.values.flatMap((n, i) => (n > 0 ? [`${node.categories[i] ?? ""} ${n}`] : [])).join("、")}`)]
    .filter(Boolean).join("。");
  return role({ stack: [
    ...(node.title ? [{ text: phraseRuns(node.title), bold: true, fontSize: theme.sizes.h3, margin: [0, 4, 0, 4] }] : []),
    { columns: legendCells, columnGap: 4, margin: [0, 0, 0, 4] },
    ...bars,
    ...(node.note ? [{ text: keepRuns(node.note), fontSize: small, color: theme.colours.muted, margin: [0, 4, 0, 10] }] : []),
  ] }, "Figure", { _alt: alt }) as Content;
}

/** `text` from character `from` to `to` of its plain text, each run keeping its style. */
function sliceText(text: Text, from: number, to: number): Text {
  if (typeof text === "string") return text.slice(from, to);
  const out: Exclude<Text, string> = [];
  let at = 0;
  for (const run of text) {
    const s = typeof run === "string" ? run : run.text;
    const a = Math.max(from, at), b = Math.min(to, at + s.length);
    if (a < b) out.push(typeof run === "string" ? s.slice(a - at, b - at) : { ...run, text: s.slice(a - at, b - at) });
    at += s.length;
  }
  return out;
}

/**
 * Lines taller than `budget` (a report of a thousand characters and more) as several: the tallest
 * cell cut after a line or a sentence (anywhere, for a sentence taller than the budget), each
 * piece within it; the pieces after the first show the other cells' first line in grey with
 * （続き）. pdfmake had broken such a line across pages, the project's No, name and department
 * blank on every page after the first (a 5,000-character report: 14 pages of text alone).
 */
function splitTallLines(lines: readonly Text[][], height: (line: Text[]) => number, cellHeight: (t: Text, k: number) => number, budget: number): Text[][] {
  const out: Text[][] = [];
  for (const line of lines) {
    if (height(line) <= budget) { out.push(line); continue; }
    const k = line.reduce((best, c, i) => (cellHeight(c, i) > cellHeight(line[best]!, best) ? i : best), 0);
    const text = line[k]!;
    const whole = plain(text);
    const ends = [...whole.matchAll(/[。\n]/gu)].map((m) => m.index + 1);
    const fits = (from: number, to: number) => cellHeight(sliceText(text, from, to), k) <= budget;
    const cont = line.map((c, i): Text => {
      const first = plain(c).split("\n")[0]!.trim();
      return i === k || !first ? "" : [{ text: `${first}（続き）`, note: true }];
    });
    for (let from = 0; from < whole.length;) {
      // the last sentence end that fits, found by halving (a piece's height grows with its text: a
      // 5,000-character entry has hundreds of ends, each a measure of its phrases)
      let to = fits(from, whole.length) ? whole.length : 0;
      if (!to) {
        let lo = ends.findIndex((e) => e > from), hi = ends.findLastIndex((e) => e < whole.length);
        while (lo >= 0 && lo <= hi) { const mid = (lo + hi) >> 1; if (fits(from, ends[mid]!)) { to = ends[mid]!; lo = mid + 1; } else hi = mid - 1; }
      }
      if (!to) {
        // one sentence taller than the budget: as many characters as fit
        let lo = from + 1, hi = whole.length;
        while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (fits(from, mid)) lo = mid; else hi = mid - 1; }
        to = lo;
      }
      // the line breaks between two pieces end neither nor start the next (cut after a sentence
      // that a line break follows, a piece had started with a blank line)
      let end = to;
      while (end > from && /\s/u.test(whole[end - 1]!)) end--;
      out.push(line.map((c, i) => (i === k ? sliceText(text, from, end) : from === 0 ? c : cont[i]!)));
      from = to;
      while (from < whole.length && /\s/u.test(whole[from]!)) from++;
    }
  }
  return out;
}

/** The share of a page's body a part of a row of lines fills at most, and at best (see rowParts). */
const PART_MOST = 0.7;
const PART_BEST = 0.25;

/**
 * A row's lines (`height` pt each) in the parts it is drawn in, rows kept whole: each at most
 * PART_MOST of a `page` (pdfmake drops a row kept whole that is taller than a page), and where
 * the lines allow parts of about PART_BEST of a page, each of more lines than the row's first
 * cells (`leadLines`). A part that does not fit at a page's foot goes on to the next page whole,
 * leaving at most its height blank (parts of 0.7 page had left a third of most pages of a report
 * with many departments' lines blank); one that goes on the same page is drawn as one row with
 * the part above it, which needs more lines than the first cells (continuationsOnTheirPage).
 */
function rowParts<T>(lines: readonly T[], height: (line: T) => number, page: number, leadLines: number): T[][] {
  const heights = lines.map(height);
  const total = heights.reduce((a, b) => a + b, 0);
  const least = Math.ceil(total / (page * PART_MOST));
  const parts = Math.max(1, least, Math.min(Math.ceil(total / (page * PART_BEST)), Math.floor(lines.length / (leadLines + 1))));
  // as even as the lines allow: a line goes to the part its middle falls in (no short last part,
  // whose first cells would be repeated for a line or two)
  const out: T[][] = [];
  const sums: number[] = [];
  let before = 0;
  lines.forEach((line, i) => {
    const part = Math.min(parts - 1, Math.floor(((before + heights[i]! / 2) / total) * parts));
    if (out.length <= part) { out.push([]); sums.push(0); }
    out.at(-1)!.push(line);
    sums[sums.length - 1]! += heights[i]!;
    before += heights[i]!;
  });
  if (sums.every((h, k) => h <= page * PART_MOST || out[k]!.length === 1)) return out;
  // uneven lines that made a part too tall: cut greedily at the most a part holds
  const greedy: T[][] = [];
  let used = Number.POSITIVE_INFINITY;
  lines.forEach((line, i) => {
    if (used + heights[i]! > page * PART_MOST) { greedy.push([]); used = 0; }
    greedy.at(-1)!.push(line);
    used += heights[i]!;
  });
  return greedy;
}

/** A continued part of a row of lines: its key, its first line, and the first line of the part above. */
interface Continuation { key: string; probe: TableCell; above: TableCell }

/**
 * After pdfmake laid `content` (drawDocument's blocks) out: the continued parts of rows of lines
 * that went on the same page as the part above them (their keys, for DrawSource.sameRow). Drawn
 * again with their first cells blank, they are one row with it; the layout is the same (such a
 * part has more lines than its first cells, so those never set its height).
 */
export function continuationsOnTheirPage(content: readonly Content[]): Set<string> {
  const out = new Set<string>();
  for (const block of content) {
    let b = block as { _continued?: Continuation[]; stack?: unknown[] };
    // (a block given a page break before it is wrapped in a stack: breakBefore)
    while (!b._continued && b.stack?.length === 1) b = b.stack[0] as typeof b;
    for (const c of b._continued ?? []) {
      const page = firstPage(c.probe);
      if (page !== undefined && page === firstPage(c.above)) out.add(c.key);
    }
  }
  return out;
}

/** Marks on drawn blocks (pdfmake ignores them): a heading, a table, a card. */
interface Tagged { _heading?: boolean; _table?: boolean; _card?: boolean; stack?: unknown[]; positions?: { pageNumber: number }[]; pageBreak?: string }

const firstPage = (node: unknown): number | undefined => {
  let n = node as Tagged | undefined;
  while (n && !n.positions?.length && n.stack?.length) n = n.stack[0] as Tagged;
  return n?.positions?.[0]?.pageNumber;
};

/** The first node under `node` (itself included) with an id, in document order, table cells included. */
function firstWithId(node: unknown): unknown {
  if (!node || typeof node !== "object") return undefined;
  if (Array.isArray(node)) {
    for (const n of node) { const found = firstWithId(n); if (found) return found; }
    return undefined;
  }
  const rec = node as { id?: unknown; stack?: unknown; columns?: unknown; text?: unknown; table?: { body?: unknown } };
  if (typeof rec.id === "string") return rec;
  return firstWithId([rec.stack, rec.columns, rec.table?.body, rec.text].filter(Boolean));
}

/**
 * After pdfmake laid `content` (drawDocument's blocks) out: the headings left at a page's foot,
 * their table's first row or their card on a later page (pdfmake has no keep-with-next), by block
 * index. Over a card, the first of its run of headings (施策, 取組) is given: all go with the card.
 */
export function headingsLeftAlone(content: readonly Content[]): Set<string> {
  const out = new Set<string>();
  content.forEach((block, i) => {
    if (!(block as Tagged)._heading) return;
    const next = content[i + 1] as Tagged | undefined;
    let below: number | undefined;
    if (next?._table) below = firstPage((next.stack?.[0] as { table?: { body?: unknown[][] } } | undefined)?.table?.body?.[1]?.[0]);
    else if (!(content[i - 1] as Tagged | undefined)?._heading) {
      let j = i + 1;
      while ((content[j] as Tagged | undefined)?._heading) j++;
      // the card's title line (it has an id: pdfmake records the page of a moved card only there)
      if ((content[j] as Tagged | undefined)?._card) below = firstPage(firstWithId(content[j]));
    }
    const here = firstPage(block);
    if (below !== undefined && here !== undefined && below > here) out.add(String(i));
  });
  return out;
}

/** The blocks with a page break before those at `indices` (from headingsLeftAlone). */
export function breakBefore(content: Content[], indices: ReadonlySet<string>): Content[] {
  return content.map((block, i) => (indices.has(String(i)) ? ({ stack: [block], pageBreak: "before" } as Content) : block));
}

/**
 * The pages at the start printed without running header and page number: the cover's, when the
 * description starts with one (page breaks before anything are dropped). A booklet.hbs without `{{> cover}}` had printed its first page
 * (the contents, a chapter) without them, as if it were a cover.
 */
export const coverPages = (nodes: readonly DocNode[]): number => (nodes.find((n) => n.type !== "pageBreak")?.type === "cover" ? 1 : 0);

/**
 * The description's nodes as pdfmake content. A page break (after the cover or the contents, a
 * `pageBreak`, a heading's `newPage`) is held until something is drawn and then starts that
 * block's page: breaks in a row collapse into one and a break before anything or at the end is
 * dropped, so no page is ever empty (pdfmake starts a page for every break, even on a fresh one).
 */
export function drawDocument(nodes: readonly DocNode[], src: DrawSource, ctx: RenderContext): Content[] {
  const { theme } = ctx;
  const out: Content[] = [];
  let contentsLevels = 0;
  for (const n of nodes) if (n.type === "contents") contentsLevels = n.levels;
  let headingsFrom = -1;
  let afterCard = false;
  let breakHeld = false;
  let drawnAny = false;
  /** Adds a drawn block, starting a new page with it when a break is held. */
  const push = (block: Content): void => {
    if (breakHeld && drawnAny) (block as { pageBreak?: string }).pageBreak = "before";
    breakHeld = false;
    drawnAny = true;
    out.push(block);
  };
  for (const [index, node] of nodes.entries()) {
    const breaks = node.type === "pageBreak" || (node.type === "heading" && node.newPage);
    if (breaks) breakHeld = true;
    // No space after a card at the foot of a page: a margin that does not fit starts a page itself.
    const gap = afterCard && !breakHeld ? CARD_GAP : 0;
    afterCard = node.type === "card";
    if (gap && node.type !== "heading" && node.type !== "card") out.push({ text: "", margin: [0, gap, 0, 0] });
    switch (node.type) {
      case "cover":
        push(drawCover(node, src, ctx));
        breakHeld = true;
        break;
      case "contents":
        push({
          toc: {
            title: role({ text: node.title, fontSize: theme.sizes.h1, bold: true, margin: [0, 0, 0, 12] }, "H1"),
            numberStyle: { fontSize: theme.sizes.body },
          },
          // what follows on the page kept apart from the last entry
          ...(node.endsPage !== false ? {} : { margin: [0, 0, 0, 12] }),
        } as Content);
        breakHeld = node.endsPage !== false; // (a node built in code may leave it out)
        break;
      case "heading": {
        const size = node.level === 1 ? theme.sizes.h1 : node.level === 2 ? theme.sizes.h2 : theme.sizes.h3;
        const heading: Record<string, unknown> = role({
          text: phraseRuns(node.text), fontSize: size, bold: true,
          margin: node.level === 1 ? [0, gap, 0, 10] : [0, 8 + gap, 0, 6],
        }, `H${node.level}`);
        if (node.outline) Object.assign(heading, { id: node.outline.id, outline: true, outlineText: node.outline.text ?? node.text,
          ...(node.outline.parent ? { outlineParentId: node.outline.parent } : {}) });
        if (node.contents && node.level <= contentsLevels) {
          Object.assign(heading, { tocItem: true, tocMargin: [(node.level - 1) * 14, node.level === 1 ? 6 : 2, 0, 0],
            tocStyle: node.level === 1 ? { bold: true } : {}, outlineText: node.outline?.text ?? node.text });
        }
        const block: Content = node.level === 1
          ? { stack: [heading as unknown as Content, { canvas: [{ type: "line", x1: 0, y1: 0, x2: pageGeometry(src.kind, ctx).bodyWidth, y2: 0, lineWidth: 1.5, lineColor: theme.colours.rule }], margin: [0, 0, 0, 10] }] }
          : heading as unknown as Content;
        // The break goes on a stack around the heading, inside the chapter mark (as pdfmake places it).
        const own = breakHeld && drawnAny ? ({ stack: [block], pageBreak: "before" } as Content) : block;
        breakHeld = false;
        const drawnHeading = node.chapter ? chapterMark(node.chapter, [own]) : own;
        (drawnHeading as Tagged)._heading = true;
        push(drawnHeading);
        // A chapter opens a page anyway: only the headings under it are kept with the next card.
        if (node.chapter) headingsFrom = -1;
        else if (headingsFrom < 0) headingsFrom = out.length - 1;
        continue;
      }
      case "paragraph": {
        const size = theme.sizes[node.size];
        push({ text: runs(node.text, ctx, node.phrases ? { capacity: undefined } : undefined), fontSize: size, margin: [0, 0, 0, 6], ...(node.muted ? { color: theme.colours.muted } : {}) } as Content);
        break;
      }
      case "bullets":
        push({ stack: [bulletList(node.items, { fontSize: theme.sizes.body, gap: 2 })], margin: [0, 0, 0, 6] } as Content);
        break;
      case "table": {
        // (widths and the table too wide for its page, PP534, are the template's: template-nodes.ts tells it)
        const widths = tableWidths(node, theme.sizes.table);
        const columns = node.header.length;
        // Column widths in pt ("*" shares what the numbers leave), for estimated heights.
        const fixed = widths.reduce<number>((n, w) => n + (typeof w === "number" ? w : 0), 0);
        const stars = widths.filter((w) => typeof w !== "number").length;
        const widthPt = (i: number): number => {
          const w = widths[i];
          return typeof w === "number" ? w : (pageGeometry(src.kind, ctx).bodyWidth - fixed - columns * COLUMN_SPACE) / Math.max(1, stars);
        };
        // a "*" column's phrases kept no wider than its share: pdfmake widens a star column to
        // its widest unbreakable run, and the table had run into the margin (progress summary)
        const cellRuns = (c: Text, i: number): Run[] => runs(c, ctx, { capacity: capacityFor(widthPt(i), theme.sizes.table) });
        // a line's height from the runs its cells draw, filled as pdfmake fills them (runLines)
        const lineHeight = (line: readonly Text[], from: number): number =>
          Math.max(...line.map((c, k) => runLines(cellRuns(c, from + k), widthPt(from + k) - 8, theme.sizes.table) * theme.sizes.table * 1.25)) + 5;
        const textCell = (c: Text, i: number): TableCell =>
          ({ text: cellRuns(c, i), fontSize: theme.sizes.table, alignment: columnAlign(node.align?.[i], theme) }) as TableCell;
        // The estimated height of the tallest row: pdfmake drops a row kept whole (dontBreakRows)
        // that is taller than a page, silently; a table with one lets its rows break instead.
        let tallest = 0;
        const subCells: TableCell[] = [];
        const continued: Continuation[] = [];
        const table = dataTable({ widths, header: node.header, rows: node.rows.flatMap((r, row): TableCell[][] => {
          const sub = r.findIndex((c) => typeof c !== "string" && !Array.isArray(c));
          const subRows = sub >= 0 ? (r[sub] as SubRows).rows : undefined;
          const lead = (sub >= 0 ? r.slice(0, sub) : r) as Text[];
          tallest = Math.max(tallest, lineHeight(lead, 0));
          if (subRows) {
            // Lines of their own across the remaining columns; a line short of them leaves the rest
            // blank. Rows never split: the lines go in parts (rowParts), each a row, its first cells
            // repeated in grey or, on the same page as the part above, blank; a line taller than a
            // page holds is cut into lines first.
            const rest = widths.slice(sub);
            // Lines enough to be taller than the first cells: such a part drawn with them blank
            // keeps its height, and with it the layout (continuationsOnTheirPage).
            const leadLines = Math.max(0, ...lead.map((c, i) => Math.ceil(textHeight(plain(c), theme.sizes.table, widthPt(i) - 8, 1.25) / (theme.sizes.table * 1.25))));
            const page = pageGeometry(src.kind, ctx).bodyHeight;
            let before: { probe: TableCell; lead: TableCell[] } | null = null;
            const cellHeight = (t: Text, k: number) => lineHeight([t], sub + k);
            // a piece as tall as a page holds below the column heads: the pages of a long report full
            const fitting = splitTallLines(subRows, (line) => lineHeight(line, sub), cellHeight, page * 0.85);
            const parts = rowParts(fitting, (line) => lineHeight(line, sub), page, leadLines);
            return parts.map((lines, n) => {
              tallest = Math.max(tallest, lines.reduce((h, line) => h + lineHeight(line, sub), 0));
              const key = `${index}:${row}:${n}`;
              const joinable = n > 0 && lines.length > leadLines;
              const joined = joinable && src.sameRow?.has(key) === true;
              const leadCells = lead.map((c, i) => ({ ...(textCell(joined ? "" : c, i) as object), ...(n > 0 ? { color: theme.colours.muted } : {}) }) as TableCell);
              // joined to the part above: no rule between them under the first cells
              if (joined) {
                for (const c of leadCells) (c as { border?: boolean[] }).border = [true, false, true, true];
                for (const c of before!.lead) (c as { border?: boolean[] }).border = [true, (c as { border?: boolean[] }).border?.[1] ?? true, true, false];
              }
              // One line: its cells are the row's own, so the table's rules run the row's full height
              // (in a cell of lines of its own, the rule between them stopped where the line ended,
              // short of a taller project name beside it).
              const own = lines.length === 1 ? rest.map((_, k) => textCell(lines[0]![k] ?? "", sub + k)) : null;
              const lineCells = own ? null : lines.map((line) => rest.map((_, k) => textCell(line[k] ?? "", sub + k)));
              // the part's first line, whose page tells where the part went (rows are kept whole;
              // pdfmake corrects the page it records for a row it moved on only on a line with an id)
              const probe = own ? own[0]! : lineCells![0]![0]!;
              if (parts.length > 1) (probe as { id?: string }).id = `part-${key}`;
              if (joinable) continued.push({ key, probe, above: before!.probe });
              before = { probe, lead: leadCells };
              if (own) return [...leadCells, ...own];
              const linesCell = subRowsCell(lineCells!, rest, ctx);
              subCells.push(linesCell);
              return [
                ...leadCells,
                linesCell,
                ...Array.from({ length: columns - sub - 1 }, () => ({}) as TableCell),
              ];
            });
          }
          const cells = r.map((c, i) => textCell(c as Text, i));
          const last = cells.at(-1);
          if (r.length >= columns || !last) return [cells];
          // A group row: its last cell spans the rest of the row, set off like the Gantt's group rows.
          Object.assign(last, { colSpan: columns - r.length + 1, bold: true, fillColor: theme.colours.zebra });
          return [[...cells, ...Array.from({ length: columns - r.length }, () => ({}) as TableCell)]];
        }), ...(node.align ? { align: node.align.map((a) => columnAlign(a, theme)) } : {}) }, ctx);
        if (!fitsPage(tallest + HEADING_ALLOWANCE, src.kind, ctx)) {
          (table as { table: { dontBreakRows: boolean } }).table.dontBreakRows = false;
          for (const c of subCells) (c as { table: { dontBreakRows: boolean } }).table.dontBreakRows = false;
        }
        // pdfmake corrects the page it records for a row it moved on (rows are unbreakable) only
        // on a line with an id: the first row under a heading gets one (see headingsLeftAlone).
        const first = (table as { table: { body: Record<string, unknown>[][] } }).table.body[1]?.[0];
        if (first && out.at(-1) && (out.at(-1) as Tagged)._heading) first.id = `row-${out.length}`;
        push({ stack: [table], margin: [0, 0, 0, 10], _table: true, ...(continued.length ? { _continued: continued } : {}) } as Content);
        break;
      }
      case "card": {
        const { content: drawn, height } = drawCard(node, src, ctx);
        // Headings never end a page: they go with the card under them when all fits on a page.
        const headings = headingsFrom >= 0 ? out.length - headingsFrom : 0;
        if (headings > 0 && fitsPage(height + HEADING_ALLOWANCE * headings, src.kind, ctx)) {
          // The first heading's space above goes outside the kept block (pdfmake counts it in
          // the block's height, and a block moved to a new page needs none).
          const group = out.splice(headingsFrom, headings);
          const first = group[0] as { margin?: [number, number, number, number]; pageBreak?: string };
          const top = first.margin?.[1] ?? 0;
          if (first.margin) first.margin = [first.margin[0], 0, first.margin[2], first.margin[3]];
          // A break before the first heading starts the kept block's page (never inside it).
          const pageBreak = first.pageBreak ? { pageBreak: first.pageBreak } : {};
          delete first.pageBreak;
          out.push({ stack: [...group, drawn], unbreakable: true, margin: [0, top, 0, 0], ...pageBreak } as Content);
        } else {
          // Marked for headingsLeftAlone: the headings above go with it if it starts the next page.
          const block = (gap ? { stack: [drawn], margin: [0, gap, 0, 0] } : drawn) as Tagged;
          block._card = true;
          push(block as Content);
        }
        headingsFrom = -1;
        break;
      }
      case "legend":
        push(role({ stack: [
          ...(node.title ? [{ text: node.title, fontSize: theme.sizes.small, bold: true, margin: [0, 0, 0, 2] }] : []),
          legend(ctx, { fontSize: theme.sizes.table, maxWidth: pageGeometry(src.kind, ctx).bodyWidth, ...(node.asOfLabel ? { asOfLabel: node.asOfLabel } : {}),
            ...(src.legendCategories?.(index) ? { categories: src.legendCategories(index)! } : {}) }),
        ], margin: [0, 0, 0, 10] }, "Div") as Content);
        break;
      case "chart":
        push(drawChart(node, src, ctx));
        break;
      case "changes":
        push(drawChanges(node, src, ctx, (text) => runs(text, ctx)));
        break;
      case "pageBreak":
        // Held above; an empty block keeps one block per node for callers that map them back.
        out.push({ text: "" });
        break;
      case "space":
        // The break on a block of its own: callers may swap a space for other blocks (slots).
        if (breakHeld && drawnAny) push({ text: "" });
        push({ text: "", margin: [0, node.height, 0, 0] });
        break;
    }
    headingsFrom = -1;
  }
  return out;
}
