// The annual progress report: progress-<Y>.pdf (cover, summary with a bar chart of status counts
// by policy, then per policy each project) and progress-<Y>.xlsx (the same table, filterable,
// statuses conditionally formatted). Words and order come from templates/progress/; this module
// draws. Returns are read by src/progress/ (the only input stage here) and checked first: any
// error and nothing is produced.
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { PDFDocument } from "pdf-lib";
import { ReportedError } from "../errors.js";
import { fiscalYearLabel } from "./pdf/schedule.js";
import { warekiDate } from "../fiscal.js";
import type { Plan } from "../model/schema.js";
import { readReturnsDir } from "../progress/read-dir.js";
import { validateReturns } from "../progress/validate.js";
import { renderTemplate } from "../templates/engine.js";
import type { DocNode, Text } from "../templates/primitives.js";
import { progressView, type ProgressView } from "../views/progress.js";
import type { OutputFile, RenderContext } from "./context.js";
import { chapterMark, createPdf } from "./pdf/document.js";
import { pageGeometry } from "./pdf/page.js";
import { schedulePatterns } from "./pdf/schedule.js";
import { dataTable } from "./pdf/table.js";
import { keepRuns, type Run } from "./pdf/text.js";
import { progressWorkbook } from "./progress-xlsx.js";

export interface ProgressOptions { year: number; inputDir: string; historyDir?: string }

export const UNREPORTED = "未報告";
export const SAMPLE_MARK = "見本";

export async function renderProgress(plan: Plan, ctx: RenderContext, opts: ProgressOptions): Promise<OutputFile[]> {
  const bag = ctx.diagnostics;
  const before = bag.items.length;
  const files = await readReturnsDir(opts.inputDir, bag);
  if (opts.historyDir) files.push(...await readReturnsDir(opts.historyDir, bag));
  const returns = validateReturns(plan, files, { year: opts.year, config: ctx.config, diagnostics: bag });
  if (bag.items.slice(before).some((d) => d.severity === "error")) throw new ReportedError();

  const view = progressView(plan, returns, opts.year, ctx.config);
  if (ctx.config.title) view.title = ctx.config.title;
  const pdf = await progressPdf(view, ctx);
  const xlsx = await progressWorkbook(view, ctx);
  return [
    { path: `progress-${opts.year}.pdf`, data: pdf },
    { path: `progress-${opts.year}.xlsx`, data: xlsx },
  ];
}

/** What the templates get: the view plus the cover's words from the config. */
function templateData(view: ProgressView, ctx: RenderContext): object {
  const doc = ctx.config.document;
  return {
    ...view,
    label: doc.handoutLabel ?? "",
    date: ctx.datePrinted ? warekiDate(ctx.documentDate) : "",
    issuer: doc.issuer ?? "",
  };
}

export async function progressPdf(view: ProgressView, ctx: RenderContext): Promise<Uint8Array> {
  const data = templateData(view, ctx);
  const nodes = [...renderTemplate("progress", "summary", data, ctx), ...renderTemplate("progress", "projects", data, ctx)];
  const content = nodes.flatMap((n) => drawNode(n, view, ctx));
  const yearLabel = fiscalYearLabel(view.year, ctx.theme);
  const title = `${view.title} ${yearLabel} 進捗状況報告書`;
  const bytes = await createPdf({
    kind: "progress", content, headerTitle: title, plainPages: 1, pageNumbers: "dash", patterns: schedulePatterns(),
  }, { title: view.sample ? `【${SAMPLE_MARK}】${title}` : title, author: ctx.config.document.author ?? ctx.config.document.issuer ?? "planpress", lang: "ja" }, ctx);
  return view.sample ? watermark(bytes, ctx) : bytes;
}

function runs(text: Text, base: Record<string, unknown> = {}): Run[] {
  if (typeof text === "string") return keepRuns(text);
  return text.flatMap((t) => (typeof t === "string" ? keepRuns(t) : keepRuns(t.text).map((r) =>
    (typeof r === "string" ? { text: r, ...(t.bold ? { bold: true } : {}) } : { ...r, ...(t.bold ? { bold: true } : {}) }))))
    .map((r) => (typeof r === "string" ? r : { ...base, ...r }));
}

/** The primitives the progress templates use, drawn with the shared PDF layer. */
function drawNode(node: DocNode, view: ProgressView, ctx: RenderContext): Content[] {
  const { theme } = ctx;
  switch (node.type) {
    case "cover": return [coverPage(node, view, ctx)];
    case "heading": {
      const size = node.level === 1 ? theme.sizes.h1 : node.level === 2 ? theme.sizes.h2 : theme.sizes.h3;
      const heading: Record<string, unknown> = {
        text: keepRuns(node.text), fontSize: size, bold: true, margin: [0, node.level === 1 ? 0 : 10, 0, 6],
        headlineLevel: node.level,
      };
      if (node.outline) { heading.outline = true; heading.id = node.outline.id; if (node.outline.parent) heading.outlineParentId = node.outline.parent; }
      if (node.newPage) heading.pageBreak = "before";
      const h = heading as unknown as Content;
      return [node.chapter ? chapterMark(node.chapter, [h]) : h];
    }
    case "paragraph": {
      const size = theme.sizes[node.size];
      return [{ text: runs(node.text), fontSize: size, margin: [0, 0, 0, 8], ...(node.muted ? { color: theme.colours.muted } : {}) } as Content];
    }
    case "bullets": return node.items.map((t) => ({ text: keepRuns(`・${t}`) }) as Content);
    case "table": {
      const header = node.header;
      const widths = node.widths ?? header.map((_, i) => (i === 0 ? "*" : 40));
      return [{ stack: [dataTable({
        widths, header,
        rows: node.rows.map((r) => r.map((c) => ({ text: runs(c), fontSize: theme.sizes.table }) as TableCell)),
        ...(node.align ? { align: node.align } : {}),
      }, ctx)], margin: [0, 0, 0, 10] } as Content];
    }
    // In the progress report the legend is the status chart (its legend included).
    case "legend": return [statusChart(view, ctx, node.title)];
    case "pageBreak": return [{ text: "", pageBreak: "after" } as Content];
    case "space": return [{ text: "", margin: [0, node.height, 0, 0] } as Content];
    default: return [];
  }
}

function coverPage(node: Extract<DocNode, { type: "cover" }>, view: ProgressView, ctx: RenderContext): Content {
  const { theme } = ctx;
  const page = pageGeometry("progress", ctx);
  const lines: Content[] = [];
  if (node.label) lines.push({ text: node.label, alignment: "right", fontSize: theme.sizes.h3, margin: [0, 0, 0, 0] } as Content);
  lines.push({ text: keepRuns(node.title), fontSize: theme.sizes.cover, bold: true, alignment: "center", margin: [0, page.bodyHeight * 0.28, 0, 12] } as Content);
  if (node.subtitle) lines.push({ text: keepRuns(node.subtitle), fontSize: theme.sizes.h1, alignment: "center", margin: [0, 0, 0, 30] } as Content);
  if (view.sample) {
    lines.push({ text: "見本：架空のデータによる例示です。市の実際の進捗ではありません。", alignment: "center", bold: true, color: theme.colours.watermark, fontSize: theme.sizes.h3 } as Content);
  }
  if (node.date) lines.push({ text: node.date, alignment: "center", fontSize: theme.sizes.h3, margin: [0, 40, 0, 4] } as Content);
  if (node.issuer) lines.push({ text: node.issuer, alignment: "center", fontSize: theme.sizes.h3 } as Content);
  return { stack: lines, pageBreak: "after" } as Content;
}

/** The style of a status in the chart (theme `statuses`, else a grey). */
function statusStyle(status: string, ctx: RenderContext) {
  return ctx.theme.statuses[status] ?? { fill: "#C8C8CB", text: "#000000", pattern: "none" as const, border: "solid" as const };
}

function statusFill(status: string, ctx: RenderContext): Record<string, unknown> {
  const style = statusStyle(status, ctx);
  const fill: Record<string, unknown> = { fillColor: style.fill, color: style.text };
  if (style.pattern !== "none") { fill.overlayPattern = [`pp-${style.pattern}`, "#000000"]; fill.overlayOpacity = 0.3; }
  return fill;
}

/**
 * Status counts by policy as stacked horizontal bars (vector: filled table cells). Colour is
 * never the only cue: each segment carries its count and a pattern, segments keep the legend's
 * order, and 未報告 is an outlined white segment.
 */
function statusChart(view: ProgressView, ctx: RenderContext, title: string | undefined): Content {
  const { theme } = ctx;
  const page = pageGeometry("progress", ctx);
  const statuses = [...view.statuses, UNREPORTED];
  const countsOf = (p: ProgressView["policies"][number]) => [...p.counts.map((c) => c.count), p.unreported];
  const max = Math.max(1, ...view.policies.map((p) => countsOf(p).reduce((a, b) => a + b, 0)));
  const unit = (page.bodyWidth - 40) / max;
  const small = theme.sizes.small;
  const legendCells = statuses.map((s) => ({
    // Outlined swatches: the white 未報告 swatch stays visible.
    table: { widths: [18, "auto"], body: [[{ text: "", border: [true, true, true, true], ...statusFill(s, ctx) }, { text: s, fontSize: small + 1, border: [false, false, false, false] }]] },
    layout: { hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: () => theme.colours.rule, vLineColor: () => theme.colours.rule,
      paddingLeft: () => 2, paddingRight: () => 6, paddingTop: () => 1, paddingBottom: () => 1 },
    width: "auto",
  }));
  const bars: Content[] = view.policies.map((p) => {
    const counts = countsOf(p);
    const cells = counts.flatMap((n, i) => (n > 0 ? [{ n, status: statuses[i] ?? UNREPORTED }] : []));
    const total = counts.reduce((a, b) => a + b, 0);
    const bar = cells.length === 0 ? { text: "" } : {
      table: {
        widths: cells.map((c) => Math.max(10, c.n * unit - 1)),
        body: [cells.map((c) => ({ text: String(c.n), alignment: "center", bold: true, fontSize: small + 1, ...statusFill(c.status, ctx) }))],
      },
      layout: {
        hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: () => theme.colours.rule, vLineColor: () => "#FFFFFF",
        hLineStyle: () => null, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 2, paddingBottom: () => 1,
      },
    };
    return { stack: [
      { text: [{ text: p.policy, bold: true }, `（${total}事業）`], fontSize: small + 1, margin: [0, 4, 0, 1] },
      bar,
    ], unbreakable: true } as Content;
  });
  return { stack: [
    ...(title ? [{ text: title, bold: true, fontSize: theme.sizes.h3, margin: [0, 4, 0, 4] }] : []),
    { columns: legendCells, columnGap: 4, margin: [0, 0, 0, 4] },
    ...bars,
    { text: "各区分の数字は事業数。色のほか模様と並び順（凡例の順）でも区分を示しています。", fontSize: small, color: theme.colours.muted, margin: [0, 4, 0, 10] },
  ] } as Content;
}

/**
 * The 見本 (sample) mark over every page: a page holding only the mark, made by the shared PDF
 * layer (same font, embedded and subset), laid over each page of the report.
 */
async function watermark(report: Uint8Array, ctx: RenderContext): Promise<Uint8Array> {
  const page = pageGeometry("progress", ctx);
  const mark = await createPdf({
    kind: "progress", plainPages: 1, pageNumbers: "none",
    content: [
      { text: SAMPLE_MARK, fontSize: 150, bold: true, color: ctx.theme.colours.watermark, opacity: 0.22, alignment: "center", margin: [0, page.bodyHeight * 0.3, 0, 0] } as Content,
      { text: "架空のデータによる見本です", fontSize: 18, bold: true, color: ctx.theme.colours.watermark, opacity: 0.6, alignment: "center" } as Content,
    ],
  }, { title: SAMPLE_MARK, author: "planpress" }, ctx);
  const doc = await PDFDocument.load(report, { updateMetadata: false });
  const [embedded] = await doc.embedPdf(mark, [0]);
  if (!embedded) return report;
  for (const p of doc.getPages()) p.drawPage(embedded, { x: 0, y: 0 });
  return doc.save({ useObjectStreams: false });
}
