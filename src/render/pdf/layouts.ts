// Laying a document out before drawing it, as often as a check needs, and in parts. pdfmake lays
// a whole content out and draws it in one call: a check that reads the layout (a heading left
// alone at a page's foot) drew the whole document again for each further layout, and a document
// of many independent parts (one department file after another) was held laid out whole until it
// was drawn (1.2 GB at 1,000 projects). Given a driver instead of content, pdfmake's layout step
// hands the driver `layout` (any content, on pages of its own, nothing drawn) and `draw` (the
// last layout, after the pages drawn so far). It is still one PDF: its fonts, their subsets and
// its objects are made as the pages are drawn, in the same order, so the bytes are those of the
// parts laid out as one content. With speed.ts, the one place planpress reaches into pdfmake.
import layoutBuilderModule from "pdfmake/js/LayoutBuilder.js";
import pageWriterModule from "pdfmake/js/PageElementWriter.js";
import rendererModule from "pdfmake/js/Renderer.js";
import type { Content } from "pdfmake/interfaces.js";
import { exported } from "./speed.js";

export interface Layouts {
  /** Lays `content` out on pages of its own (numbered from 1) and returns their count. Nothing is drawn. */
  layout(content: Content[]): number;
  /** Draws the last layout onto the document's next pages. */
  draw(): void;
}
export type Driver = (layouts: Layouts) => void;

const DRIVER = Symbol("planpress layout driver");

interface LayoutBuilder { layoutDocument(content: unknown, pdfDocument: unknown, ...rest: unknown[]): unknown[] }
interface Renderer { renderPages(pages: unknown[]): void }
interface BreakingBuilder {
  writer: { context(): { getCurrentPage(): { items: unknown[] } | undefined } };
  processNode(node: { pageBreak?: string | undefined } | undefined, ...rest: unknown[]): unknown;
}
interface WithHeaders { writer: { context(): { pages: { items: unknown[] }[] } }; addHeadersAndFooters(...rest: unknown[]): void }

let installed = false;
/** The renderers drawing a part before the last: the document goes on after them (tags.ts writes its tree at the end). */
const partRenderers = new WeakSet<object>();
export const drawsPart = (renderer: object): boolean => partRenderers.has(renderer);

function install(): void {
  if (installed) return;
  installed = true;
  const proto = exported<{ prototype: LayoutBuilder }>(layoutBuilderModule)!.prototype;
  const Renderer = exported<new (pdfDocument: unknown) => Renderer>(rendererModule)!;
  const layoutDocument = proto.layoutDocument;
  // A layout ending on a page with nothing on it (a department file's last table filling its
  // page to the foot) ends before it: that page had been printed blank but for its running head
  // and number. Dropped before the heads and numbers are added, so the count is the pages drawn.
  const withHeaders = (proto as unknown as WithHeaders).addHeadersAndFooters;
  (proto as unknown as WithHeaders).addHeadersAndFooters = function (this: WithHeaders, ...rest: unknown[]) {
    const pages = this.writer.context().pages;
    while (pages.length > 1 && pages[pages.length - 1]!.items.length === 0) pages.pop();
    recordLanding(pages);
    return withHeaders.apply(this, rest);
  };
  markRepeatedLines();
  fillRowsToTheFoot(proto as unknown as FillingBuilder);
  // A break before a block on a page with nothing on it yet is no break: pdfmake had started
  // another page, leaving one blank but for its running head and number (a table filling its
  // page to the foot leaves pdfmake on a new page; a break found before the next block then
  // added one more — departments.pdf of a 300-project plan).
  const processNode = (proto as unknown as BreakingBuilder).processNode;
  (proto as unknown as BreakingBuilder).processNode = function (this: BreakingBuilder, node, ...rest) {
    if (node?.pageBreak !== "before" || (this.writer.context().getCurrentPage()?.items.length ?? 1) > 0) return processNode.call(this, node, ...rest);
    node.pageBreak = undefined;
    try {
      return processNode.call(this, node, ...rest);
    } finally {
      node.pageBreak = "before";
    }
  };
  proto.layoutDocument = function (this: LayoutBuilder, content, pdfDocument, ...rest) {
    const driver = (content as { [DRIVER]?: Driver } | null)?.[DRIVER];
    if (!driver) return layoutDocument.call(this, content, pdfDocument, ...rest);
    let laid: unknown[] = [];
    // A part is drawn when the next one is; the last by pdfmake itself, which ends the document.
    let waiting: unknown[] | null = null;
    driver({
      layout: (part) => {
        // the layout before is let go first: held while the next is made, it kept its content alive too
        laid = [];
        return (laid = layoutDocument.call(this, part, pdfDocument, ...rest)).length;
      },
      draw: () => {
        if (waiting) {
          const renderer = new Renderer(pdfDocument);
          partRenderers.add(renderer);
          renderer.renderPages(waiting);
        }
        waiting = laid;
        laid = [];
      },
    });
    return waiting ?? [];
  };
}

/** A table cell's table whose last row reaches the foot of the cells on its left (subRowsCell). */
export const FILLS_ROW = "_fillsRow";

interface FillingContext { y: number; page: number; snapshots: { bottomMost?: { y: number; page: number } }[] }
interface FillingBuilder {
  writer: { context(): FillingContext };
  processTable(node: { [FILLS_ROW]?: true; table: { body: unknown[]; heights?: unknown } }): unknown;
}

/**
 * A cell of lines of their own (a progress row's departments, each with its report) that is
 * shorter than the project's name beside it: its last line is stretched to where the cells on
 * its left end, so the rules between its columns run the row's full height (they had stopped
 * where the last line ended). pdfmake lays a row's cells out left to right: when the table's last
 * row starts, the row's column group knows the lowest of them. A row height pdfmake takes as a
 * least height, so a taller line is as it was.
 */
function fillRowsToTheFoot(proto: FillingBuilder): void {
  const processTable = proto.processTable;
  proto.processTable = function (this: FillingBuilder, node) {
    if (node[FILLS_ROW]) {
      const last = node.table.body.length - 1;
      node.table.heights = (i: number): number | undefined => {
        if (i !== last) return undefined;
        const ctx = this.writer.context();
        const foot = ctx.snapshots.at(-1)?.bottomMost;
        return foot && foot.page === ctx.page && foot.y > ctx.y ? foot.y - ctx.y : undefined;
      };
    }
    return processTable.call(this, node);
  };
}

/** Where the first line of a node with an id was drawn: its page in the layout (from 1) and its top (pt). */
const landings = new WeakMap<object, { page: number; y: number }>();

/** The lowest point drawn on each page of the last layout (pt from the page's top; before its running heads). */
let feet: number[] = [];
export const pageFeet = (): readonly number[] => feet;

/** A laid-out page's item: a line of text, or a vector (a table's rule, a cell's fill). */
interface Drawn {
  type: string;
  item: RepeatedLine & { y?: number; h?: number; y1?: number; y2?: number; type?: string; getHeight?(): number };
}

/**
 * The page and height each line with an id landed at, read off the laid-out pages before their
 * running heads are made: pdfmake's own record (`positions`) of a block it moved on to the next
 * page keeps the height where it first tried it, and a chapter starting low on a page could not
 * be told from one moved to its top (the running head named a section whose rows start halfway
 * down, over the rows of the one before). And, in the same walk, each page's foot (pageFeet).
 */
function recordLanding(pages: { items: unknown[] }[]): void {
  // a node laid out again (a document is laid out more than once) takes this layout's place
  const seen = new Set<object>();
  feet = pages.map((page, i) => {
    let foot = 0;
    for (const { type, item } of page.items as Drawn[]) {
      if (type === "vector") {
        if (item.type === "rect") foot = Math.max(foot, (item.y ?? 0) + (item.h ?? 0));
        else if (item.type === "line") foot = Math.max(foot, item.y1 ?? 0, item.y2 ?? 0);
        continue;
      }
      if (type !== "line") continue;
      foot = Math.max(foot, (item.y ?? 0) + (item.getHeight?.() ?? 0));
      const node = item._repeat ? undefined : item._node;
      if (node && !seen.has(node)) {
        seen.add(node);
        landings.set(node, { page: i + 1, y: item.y ?? 0 });
      }
    }
    return foot;
  });
}

/** Where `node`'s first line landed in the last layout that drew it, if it has an id and was laid out. */
export const landedAt = (node: object): { page: number; y: number } | undefined => landings.get(node);

interface Inline { text: string; width: number; x?: number; fontSize: number; font?: { widthOfString(text: string, size: number, features?: unknown): number }; fontFeatures?: unknown; characterSpacing?: number }
interface RepeatedLine {
  _repeat?: true; _outline?: unknown; id?: unknown; _node?: { positions: { pageNumber: number }[]; _continued?: string };
  inlines?: Inline[];
}
interface PageWriter {
  _repeating?: boolean | undefined;
  moveToNextPage(...rest: unknown[]): unknown;
  addFragment(block: { items: { type: string; item: RepeatedLine }[] }, ...rest: unknown[]): unknown;
  context(): { getCurrentPage(): { items: { type: string; item: RepeatedLine }[] } | undefined };
}

/**
 * A table's heading rows set again on a later page (a long card's title, a schedule's year row)
 * are drawing only: their lines are marked `_repeat` (tags.ts draws them as artifacts) and lose
 * what belongs to the first setting alone. pdfmake copies a line whole: its bookmark had been
 * added once per page, its link target set again (a link to the card landed on its last page),
 * and its node's page moved to the later page (the contents and running head then named it).
 */
function markRepeatedLines(): void {
  const writer = exported<{ prototype: PageWriter }>(pageWriterModule)!.prototype;
  const moveToNextPage = writer.moveToNextPage;
  writer.moveToNextPage = function (this: PageWriter, ...rest: unknown[]) {
    const was = this._repeating;
    this._repeating = true;
    try {
      return moveToNextPage.apply(this, rest);
    } finally {
      this._repeating = was;
    }
  };
  const addFragment = writer.addFragment;
  writer.addFragment = function (this: PageWriter, block, ...rest) {
    if (!this._repeating) return addFragment.call(this, block, ...rest);
    const pages = block.items.map((it) => it.item._node?.positions[0]?.pageNumber);
    const items = this.context().getCurrentPage()?.items;
    const from = items?.length ?? 0;
    const result = addFragment.call(this, block, ...rest);
    block.items.forEach((it, i) => {
      const first = it.item._node?.positions[0];
      if (first && pages[i] !== undefined) first.pageNumber = pages[i]!;
    });
    const now = this.context().getCurrentPage()?.items;
    if (now === items) {
      // a card's title set again ends in its words for that (（続き）), after its last line
      // (only a node's first line knows its node: its last is the lowest line of its column after it)
      const lines = (now?.slice(from) ?? []).filter((it) => it.type === "line").map((it) => it.item as RepeatedLine & { x?: number; y?: number });
      for (const first of lines.filter((l) => l._node?._continued)) {
        const column = lines.filter((l) => Math.abs((l.x ?? 0) - (first.x ?? 0)) < 0.5 && (l.y ?? 0) >= (first.y ?? 0));
        const lastLine = column.reduce((a, b) => ((b.y ?? 0) > (a.y ?? 0) ? b : a), first);
        appendWords(lastLine, first._node!._continued!);
      }
      for (const it of now?.slice(from) ?? []) {
        if (it.type !== "line") continue;
        const line = it.item;
        line._repeat = true;
        delete line._outline;
        delete line.id;
        delete line._node;
      }
    }
    return result;
  };
}

/** `text` after a laid-out line's last run, in its font and size (no link, no anchor). */
function appendWords(line: RepeatedLine, text: string): void {
  const last = line.inlines?.at(-1);
  if (!last?.font) return;
  const width = last.font.widthOfString(text, last.fontSize, last.fontFeatures) + (last.characterSpacing ?? 0) * text.length;
  const { text: _t, width: _w, ...style } = last as Inline & Record<string, unknown>;
  // (_texts/_xs: the runs speed.ts merged into the last one)
  for (const k of ["linkToDestination", "link", "linkToPage", "id", "_pageRef", "_textRef", "_texts", "_xs"]) delete (style as Record<string, unknown>)[k];
  // a new array: pdfmake's copy of a line shares its runs with the first setting
  line.inlines = [...line.inlines!, { ...style, text, width, x: (last.x ?? 0) + last.width } as Inline];
}

/** What createPdf gives pdfmake as the content: the driver, called when pdfmake lays out. */
export function driven(driver: Driver): Content[] {
  install();
  return { [DRIVER]: driver } as unknown as Content[];
}
