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
    return withHeaders.apply(this, rest);
  };
  proto.layoutDocument = function (this: LayoutBuilder, content, pdfDocument, ...rest) {
    const driver = (content as { [DRIVER]?: Driver } | null)?.[DRIVER];
    if (!driver) return layoutDocument.call(this, content, pdfDocument, ...rest);
    let laid: unknown[] = [];
    // A part is drawn when the next one is; the last by pdfmake itself, which ends the document.
    let waiting: unknown[] | null = null;
    driver({
      layout: (part) => (laid = layoutDocument.call(this, part, pdfDocument, ...rest)).length,
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

/** What createPdf gives pdfmake as the content: the driver, called when pdfmake lays out. */
export function driven(driver: Driver): Content[] {
  install();
  return { [DRIVER]: driver } as unknown as Content[];
}
