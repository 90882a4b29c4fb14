// The one place a PDF is made: fonts, page set-up, metadata, running header, page numbers.
// Deterministic: every date is the document date and the file ID is derived from the metadata,
// so the same input gives the same bytes.
import pdfmake from "pdfmake";
import type { Content, Pattern, TDocumentDefinitions, StyleDictionary } from "pdfmake/interfaces.js";
import type { RenderContext } from "../../context.js";
import { applyFallback, glyphCoverage } from "./coverage.js";
import { pdfFonts } from "./fonts.js";
import { type Driver, driven, landedAt } from "./layouts.js";
import { pageGeometry } from "./page.js";
import { textWidthEm } from "../xlsx/metrics.js";
import { attachStructure, installTagging, structureOf, TagNode } from "./tags.js";

export interface PdfMeta {
  title: string;
  author: string;
  subject?: string | undefined;
  keywords?: readonly string[] | undefined;
  lang?: string | undefined;
}

export interface PdfDocument {
  /** The page set-up in the theme: booklet, gantt, department, progress. */
  kind: string;
  /**
   * What to draw; or a driver that lays content out, as often as it needs, and draws it in parts
   * (layouts.ts): the running header follows the part being laid out.
   */
  content: Content[] | Driver;
  styles?: StyleDictionary;
  /** Left part of the running header on every page (usually the plan title). */
  headerTitle?: string;
  /** Pages at the start without header and page number (a cover). */
  plainPages?: number;
  /** The theme's page numbers (`pageNumber`) in the footer, or none. */
  pageNumbers?: "theme" | "none";
  /** A large diagonal mark over every page, cover included (見本), in the theme's watermark colour. */
  watermark?: string;
  /** A line at the foot of every page, cover included (what the watermark means). */
  notice?: string;
  /** Tiling patterns used by cells (schedule bars: `schedulePatterns()`). */
  patterns?: Record<string, Pattern>;
  /** Never tagged: drawings used inside other documents (the department files' page-number stamps). */
  untagged?: boolean;
}

/** A node that starts a chapter: from its page on, the running header's right part is `text`. */
export function chapterMark(text: string, content: Content[]): Content {
  return { stack: content, _chapter: text } as unknown as Content;
}

/** Collects chapter marks in document order (nodes are kept by reference: pdfmake fills in their positions). */
function collectChapters(node: unknown, out: { text: string; node: { positions?: { pageNumber: number }[] } }[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectChapters(n, out);
    return;
  }
  if (!node || typeof node !== "object") return;
  const rec = node as Record<string, unknown>;
  // the heading's line with an id (its bookmark) where there is one: pdfmake records the place of
  // a block it moved on to the next page only on such a line, the block keeping where it first tried
  if (typeof rec._chapter === "string") out.push({ text: rec._chapter, node: (firstWithId(rec) ?? rec) as { positions?: { pageNumber: number }[] } });
  for (const key of ["stack", "columns", "ul", "ol"]) if (key in rec) collectChapters(rec[key], out);
  const table = rec.table as { body?: unknown[] } | undefined;
  if (table?.body) collectChapters(table.body, out);
}

/** The first node under `node` (itself included) with an id, in document order. */
function firstWithId(node: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const n of node) { const found = firstWithId(n); if (found) return found; }
    return undefined;
  }
  if (!node || typeof node !== "object") return undefined;
  const rec = node as Record<string, unknown>;
  if (typeof rec.id === "string") return rec;
  for (const key of ["stack", "columns", "text"]) if (key in rec) { const found = firstWithId(rec[key]); if (found) return found; }
  return undefined;
}

/** The page number's text style in the footer (departments.ts draws it the same way after a split). */
export const pageNumberStyle = (ctx: RenderContext) => ({ fontSize: ctx.theme.sizes.small + 1, lineHeight: 1 });

/** How far below the body the footer starts (pt), in a bottom margin of `bottom`. */
export const footerGap = (bottom: number, notice: boolean): number => Math.max(8, bottom / 2 - (notice ? 12 : 6));

/** A page number as the theme writes it (`pageNumber`: "{{page}} / {{pages}}"), one style for every document. */
export function pageNumberText(ctx: RenderContext, page: number, count: number): string {
  return formatPageNumber(ctx.theme.pageNumber, page, count);
}

/** A page number in the form `format` gives ("{{page}} / {{pages}}", "- {{page}} -"). */
export function formatPageNumber(format: string, page: number, count: number): string {
  return format.replaceAll("{{page}}", String(page)).replaceAll("{{pages}}", String(count));
}

/** How far below the top margin a chapter's heading may start and still be the page's first line (its space above). */
const CHAPTER_AT_TOP = 24;

/** Whether PDFs are tagged (config `document.tagged`, `--untagged`): yes unless turned off. */
export const tagged = (ctx: RenderContext): boolean => ctx.config.document.tagged !== false;

export async function createPdf(doc: PdfDocument, meta: PdfMeta, ctx: RenderContext): Promise<Uint8Array> {
  const { theme } = ctx;
  const page = pageGeometry(doc.kind, ctx);
  const [left, top, right, bottom] = page.margins;
  let chapters: { text: string; node: { positions?: { pageNumber: number; top?: number }[] } }[] = [];
  const plain = doc.plainPages ?? 0;
  const numbers = doc.pageNumbers ?? "theme";
  const small = theme.sizes.small;

  /**
   * The running head's chapter: the one the page's first line belongs to, and those starting on
   * it after that. The last chapter begun by the page's foot alone had named a department whose
   * rows start at the page's foot over the rows of the one before it (a photocopied page misread).
   */
  const chapterOn = (pageNo: number): string => {
    let current = "";
    const starting: { text: string; y: number; landed: boolean }[] = [];
    for (const c of chapters) {
      // where its line landed (layouts.ts), else pdfmake's own record
      const landed = landedAt(c.node);
      const at = landed ? { pageNumber: landed.page, top: landed.y } : c.node.positions?.[0];
      if (at === undefined || at.pageNumber > pageNo) continue;
      if (at.pageNumber < pageNo) { current = c.text; continue; }
      starting.push({ text: c.text, y: at.top ?? Number.POSITIVE_INFINITY, landed: landed !== undefined });
    }
    // The first chapter starting on the page is its first line when its heading is at the top
    // (its space above aside). Without where it landed, pdfmake's record of a block moved on to
    // the next page keeps the height where it first tried it: low on the page, or below a chapter
    // that follows it.
    const first = starting[0];
    const atTop = first !== undefined && (first.y <= top + CHAPTER_AT_TOP
      || (!first.landed && (first.y > top + page.bodyHeight / 2 || (starting[1] !== undefined && first.y > starting[1].y))));
    const names = [...(current && !atTop ? [current] : []), ...starting.map((c) => c.text)];
    if (names.length <= 2) return names.join("／") || current;
    return `${names[0]}～${names.at(-1)}`;
  };

  const date = ctx.documentDate; // pdfkit writes it in UTC: no time zone dependence
  const keywords = meta.keywords?.join(", ");
  const info: NonNullable<TDocumentDefinitions["info"]> = {
    title: meta.title,
    author: meta.author,
    creator: "planpress",
    producer: "planpress (pdfmake)",
    creationDate: date,
    modDate: date,
  };
  if (meta.subject) info.subject = meta.subject;
  if (keywords) info.keywords = keywords;

  // Characters the default face lacks and the theme's fallback face has are set in that face.
  const coverage = glyphCoverage(theme, ctx.projectRoot);
  const tagging = tagged(ctx) && !doc.untagged;
  // The structure tree of the whole document (tags.ts): each part joins it as it is drawn.
  const structure = tagging ? new TagNode("Document") : undefined;
  let partStructure: TagNode | undefined;
  /** Content about to be laid out: its chapters for the header, its characters' faces, its structure. */
  const prepare = (part: Content[]): Content[] => {
    chapters = [];
    collectChapters(part, chapters);
    applyFallback(part, coverage);
    if (structure) {
      partStructure = structureOf(part);
      attachStructure(part, structure);
    }
    return part;
  };
  const given = doc.content;
  const driver: Driver = typeof given === "function" ? given : (l) => {
    l.layout(given);
    l.draw();
  };
  const content = driven((l) => driver({
    layout: (part) => l.layout(prepare(part)),
    draw: () => {
      // (one by one: a spread of a large plan's elements would pass the engine's argument limit)
      if (structure && partStructure) for (const kid of partStructure.kids) structure.kids.push(kid);
      l.draw();
    },
  }));
  const withFallback = <T extends Content | null>(node: T): T => {
    if (node) applyFallback(node, coverage);
    return node;
  };

  const definition: TDocumentDefinitions = {
    pageSize: { width: page.width, height: page.height },
    pageOrientation: page.orientation,
    pageMargins: [left, top, right, bottom],
    language: meta.lang ?? "ja",
    info,
    content,
    patterns: doc.patterns ?? {},
    styles: doc.styles ?? {},
    defaultStyle: { font: "default", fontSize: theme.sizes.body, lineHeight: theme.lineHeight, color: theme.colours.text },
    header: (current: number) => {
      if (current <= plain || !doc.headerTitle) return null;
      // One line: a title too long beside its chapter is cut with … too, the chapter keeping up to
      // 40 % of the line (a 60-character title had wrapped every head onto two lines, the chapter
      // squeezed to 「基本方針／1 …」)
      const chapter = chapterOn(current);
      const room = page.bodyWidth - HEAD_GAP;
      const wide = (t: string) => textWidthEm(t) * small;
      const title = headFitted(doc.headerTitle, room - Math.min(wide(chapter), room * 0.4), small);
      return withFallback({
        margin: [left, Math.max(12, top - 30), right, 0],
        stack: [
          {
            columns: [
              { text: title, width: "*", noWrap: false },
              { text: headFitted(chapter, room - wide(title), small), width: "auto", alignment: "right" },
            ],
            columnGap: HEAD_GAP,
            fontSize: small,
            color: theme.colours.muted,
            lineHeight: 1,
          },
          { canvas: [{ type: "line", x1: 0, y1: 3, x2: page.bodyWidth, y2: 3, lineWidth: 0.5, lineColor: theme.colours.rule }], margin: [0, 0, 0, 0] },
        ],
      } as Content);
    },
    footer: (current: number, count: number) => {
      const number = current > plain && numbers !== "none";
      if (!number && !doc.notice) return null;
      return {
        stack: [
          ...(number ? [{ text: pageNumberText(ctx, current, count), alignment: "center", ...pageNumberStyle(ctx) }] : []),
          ...(doc.notice ? [{ text: doc.notice, alignment: "center", fontSize: small, bold: true, lineHeight: 1, color: theme.colours.watermark, margin: [0, 3, 0, 0] }] : []),
        ],
        margin: [0, footerGap(bottom, Boolean(doc.notice)), 0, 0],
      } as Content;
    },
  };
  // The font is the document's default (the embedded subset BIZ UDPGothic), never a fallback.
  if (doc.watermark) definition.watermark = { text: doc.watermark, color: theme.colours.watermark, opacity: 0.18, bold: true, fontSize: 150, angle: -45 };
  pdfmake.setFonts(pdfFonts(ctx));
  if (structure) {
    // PDF/UA-1: a structure tree in reading order, the title shown by viewers, the XMP
    // identification (written by pdfkit from PDF 1.4 on; the file is 1.7).
    Object.assign(definition, { tagged: true, displayTitle: true, subset: "PDF/UA", version: "1.7" });
    installTagging();
    attachStructure(content, structure);
  }
  const created = pdfmake.createPdf(definition);
  const buffer = (await created.getBuffer()) as Buffer;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Space between the running head's title and its chapter (pt). */
const HEAD_GAP = 12;

/**
 * The chapter part of a running head within `width` pt at `size`: cut with … where it does not
 * fit beside the plan's title (a 56-character 基本方針 had wrapped both halves onto two cramped
 * lines and broken the title inside a word). At least its first words are kept.
 */
export function headFitted(text: string, width: number, size: number): string {
  if (textWidthEm(text) * size <= width) return text;
  const chars = [...text];
  let kept = chars.length;
  while (kept > 6 && textWidthEm(chars.slice(0, kept).join("") + "…") * size > width) kept--;
  return `${chars.slice(0, kept).join("")}…`;
}
