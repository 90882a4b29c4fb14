// Tagged PDF (PDF/UA-1): the bridge from pdfmake content to a structure tree. The drawing code
// marks the roles it knows on pdfmake nodes (`role()`: a heading, a table, a list, a figure); this
// module reads the structure from those marks in content order (the reading order), lets pdfmake
// lay the document out as before, and, while pdfkit draws, wraps every text line in marked
// content of its element and everything else (rules, fills, patterns, running heads, page
// numbers, the watermark) in an Artifact. The tree is written once all pages are drawn.
// It wraps Renderer.renderLine from outside, so the speed patches' renderLine (speed.ts) draws
// tagged lines exactly as untagged ones; an untagged document takes none of these paths.
import type { Content } from "pdfmake/interfaces.js";
import docMeasureModule from "pdfmake/js/DocMeasure.js";
import layoutBuilderModule from "pdfmake/js/LayoutBuilder.js";
import pdfDocumentModule from "pdfmake/js/PDFDocument.js";
import rendererModule from "pdfmake/js/Renderer.js";
import { drawsPart } from "./layouts.js";
import { escapeXml } from "./tagged-split.js";

/** Standard structure types planpress uses (no role map needed). */
export type Role =
  | "Document" | "Sect" | "Div" | "P" | "H1" | "H2" | "H3" | "H4" | "H5" | "H6"
  | "L" | "LI" | "Lbl" | "LBody" | "Table" | "TR" | "TH" | "TD" | "TOC" | "TOCI" | "Link" | "Figure" | "Caption" | "Span";

/** What a node means, set by the drawing code on pdfmake nodes (pdfmake ignores the keys). */
export interface RoleMark {
  /** The element the node is; "H+" = a heading one level below the last heading before it. */
  _role?: Role | "H+";
  /** Replacement text for the element (a schedule bar: its years and its label). */
  _actual?: string;
  /** Alternative text (a Figure: what the chart shows). */
  _alt?: string;
  /** Drawn only (a swatch, a spacer): never in the tree. */
  _artifact?: true;
}

/** Marks `node` with its role (and replacement or alternative text); returns it. */
export function role<T>(node: T, r: RoleMark["_role"], extra: Omit<RoleMark, "_role"> = {}): T {
  if (r) Object.assign(node as object, { _role: r }, extra);
  return node;
}

/** Marks `node` as drawing only. */
export function artifact<T extends object>(node: T): T {
  return Object.assign(node, { _artifact: true as const });
}

/* eslint-disable @typescript-eslint/no-explicit-any -- pdfkit's and pdfmake's objects are untyped */
type Ref = any;
/** A marked-content sequence on a page, or a link annotation (with its parent-tree key). */
type Mark = { page: Ref; mcid: number } | { page: Ref; annot: Ref };

export class TagNode {
  readonly kids: (TagNode | Mark)[] = [];
  attrs: Record<string, unknown> | undefined;
  actual: string | undefined;
  alt: string | undefined;
  /**
   * A place in the parent's content for one text node's lines (`inline`): its marks (and links)
   * are written into the parent where it stands, so text and child elements keep their order.
   */
  constructor(readonly role: Role, readonly inline = false) {}
  add(role: Role): TagNode {
    const child = new TagNode(role);
    this.kids.push(child);
    return child;
  }
  /** The place of a text node's lines among this element's kids. */
  place(): TagNode {
    const slot = new TagNode(this.role, true);
    this.kids.push(slot);
    return slot;
  }
}

/** Elements whose own content is text: a text node inside one belongs to it (no P of its own). */
const HOLDS_TEXT = new Set<Role>(["P", "H1", "H2", "H3", "H4", "H5", "H6", "Lbl", "LBody", "TD", "TH", "Link", "Figure", "Caption", "Span"]);

type Node = Record<string, any>;

const isEmptyText = (text: unknown): boolean =>
  text === "" || (Array.isArray(text) && text.every((t) => isEmptyText(typeof t === "string" ? t : t?.text)));

/** A table cell pdfmake fills in for a neighbour's colSpan/rowSpan. */
const isPlaceholder = (cell: unknown): boolean => !cell || (typeof cell === "object" && Object.keys(cell).length === 0);

/**
 * The structure of `content` (drawDocument's blocks, a department file's layout): a Document
 * element with its tree, and each pdfmake text node stamped with the element its lines go to.
 */
export function structureOf(content: Content[]): TagNode {
  const root = new TagNode("Document");
  let level = 0;
  const visit = (node: unknown, parent: TagNode, holder: { list: unknown[]; index: number } | null): void => {
    if (node === null || node === undefined) return;
    if (typeof node === "string") {
      // a bare string in a stack: made a node so its lines can carry their element
      if (!holder || node === "") return;
      const made = { text: node };
      holder.list[holder.index] = made;
      visit(made, parent, null);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((n, index) => visit(n, parent, { list: node, index }));
      return;
    }
    const n = node as Node;
    if (n._artifact) return;
    let r = n._role as Role | "H+" | undefined;
    // a title under the headings (a card's) takes the level below the last heading, never deeper
    if (r === "H+") r = `H${Math.min(6, level + 1)}` as Role;
    else if (r && /^H[1-6]$/.test(r)) level = Number(r.slice(1));
    const own = (): TagNode => {
      const el = parent.add(r!);
      if (n._actual) el.actual = n._actual;
      if (n._alt) el.alt = n._alt;
      return el;
    };
    if (n.text !== undefined) {
      if (r) n._tagEl = own();
      else if (isEmptyText(n.text)) return;
      else if (HOLDS_TEXT.has(parent.role)) n._tagEl = parent.place();
      else n._tagEl = parent.add("P");
      return;
    }
    const el = r ? own() : parent;
    if (n.toc) {
      visit(n.toc.title, parent, null);
      n._tagEl = parent.add("TOC");
      return;
    }
    if (n.table) {
      const body = n.table.body as unknown[][];
      if (el.role !== "Table") {
        // a layout table (a card's frame, a chart's bar): its cells in reading order
        for (const row of body) visit(row, el, null);
        return;
      }
      const headerRows = Number(n.table.headerRows ?? 0);
      body.forEach((row, i) => {
        // a spacer row (room kept for repeated headings) is no row of the table
        if (row.every((c) => isPlaceholder(c) || (c as Node)._artifact)) return;
        const tr = el.add("TR");
        row.forEach((cell, k) => {
          if (isPlaceholder(cell)) return;
          const c = cell as Node;
          const td = tr.add(i < headerRows ? "TH" : "TD");
          const attrs: Record<string, unknown> = { O: "Table" };
          if (i < headerRows) attrs.Scope = "Column";
          if (Number(c.colSpan) > 1) attrs.ColSpan = Number(c.colSpan);
          if (Number(c.rowSpan) > 1) attrs.RowSpan = Number(c.rowSpan);
          td.attrs = attrs;
          if (c._actual) td.actual = c._actual;
          if (c._artifact) return;
          visit(c, td, { list: row, index: k });
        });
      });
      return;
    }
    for (const key of ["stack", "columns", "ul", "ol"]) if (Array.isArray(n[key])) visit(n[key], el, null);
  };
  visit(content, root, null);
  return root;
}

/** The tagging state of one pdfkit document while it is drawn. */
interface Drawing {
  root: TagNode;
  /** The Link element a link annotation made now belongs to, and its text. */
  link?: { el: TagNode; text: string } | undefined;
}

const KEY = "_planpressTags";

interface Inline { text: string; linkToDestination?: unknown; link?: unknown; _texts?: string[] }
interface Line { inlines: Inline[]; _tagEl?: TagNode; _repeat?: true; _outline?: unknown; id?: unknown; getHeight(): number; getAscenderHeight(): number }

/** Draws `draw` inside marked content of `el` and records it there. */
function marked(doc: Ref, el: TagNode, draw: () => void): void {
  const ref = doc.markStructureContent(el.role).refs[0];
  // before what the drawing adds (a link's annotation follows its text)
  el.kids.push({ page: ref.pageRef, mcid: ref.mcid });
  try {
    draw();
  } finally {
    doc.endMarkedContent();
  }
}

function asArtifact(doc: Ref, draw: () => void): void {
  doc.markContent("Artifact");
  try {
    draw();
  } finally {
    doc.endMarkedContent();
  }
}

const inlineText = (i: Inline): string => i._texts?.join("") ?? i.text;
const target = (i: Inline): unknown => i.linkToDestination ?? i.link ?? null;

/**
 * A line's runs by link: each link within a text becomes a Link element of its own (its
 * annotation inside it); the rest is the text's element. The line is drawn in parts that keep
 * the whole line's height and baseline; its bookmark and anchor go with the first part.
 */
function drawLine(doc: Ref, state: Drawing, line: Line, draw: (l: Line) => void): void {
  const el = line._tagEl!;
  const groups: Inline[][] = [];
  for (const inline of line.inlines) {
    const last = groups.at(-1);
    if (last && target(last[0]!) === target(inline)) last.push(inline);
    else groups.push([inline]);
  }
  if (groups.length <= 1 && !(groups[0] && target(groups[0][0]!))) {
    marked(doc, el, () => draw(line));
    return;
  }
  const height = line.getHeight();
  const ascender = line.getAscenderHeight();
  groups.forEach((inlines, i) => {
    const part: Line = Object.assign(Object.create(Object.getPrototypeOf(line)), line, {
      inlines, getHeight: () => height, getAscenderHeight: () => ascender,
    });
    if (i > 0) { delete part._outline; delete part.id; }
    if (!target(inlines[0]!)) {
      marked(doc, el, () => draw(part));
      return;
    }
    const link = el.role === "Link" ? el : el.add("Link");
    state.link = { el: link, text: inlines.map(inlineText).join("") };
    try {
      marked(doc, link, () => draw(part));
    } finally {
      state.link = undefined;
    }
  });
}

/** pdfkit's annotate, on a tagged document: a link annotation joins its Link element. */
function linkAnnotations(doc: Ref, state: Drawing): void {
  const annotate = doc.annotate;
  doc.annotate = function (this: Ref, x: number, y: number, w: number, h: number, options: Record<string, unknown>) {
    const link = state.link;
    if (!link || options.Subtype !== "Link") return annotate.call(this, x, y, w, h, options);
    // the parent-tree key must be in the annotation before pdfkit writes it
    const key = this.createStructParentTreeNextKey();
    options.StructParent = key;
    options.Contents = new String(link.text);
    const result = annotate.call(this, x, y, w, h, options);
    const annot = this.page.annotations.at(-1);
    link.el.kids.push({ page: this.page.dictionary, annot });
    this.getStructParentTree().add(key, annot); // replaced by the Link element when written
    // PDF/UA: annotations in the order of the structure
    this.page.dictionary.data.Tabs = "S";
    return result;
  };
}

/** Writes the structure tree into the catalog's StructTreeRoot (pdfkit ends it with the document). */
function writeTree(doc: Ref, root: TagNode): void {
  const parentTree = doc.getStructParentTree();
  /** The K entries of `el`'s kids (an inline place's kids stand in the element itself). */
  const entries = (el: TagNode, ref: Ref, kids: unknown[]): void => {
    for (const kid of el.kids) {
      if (kid instanceof TagNode) {
        if (kid.inline) entries(kid, ref, kids);
        else kids.push(write(kid, ref));
      } else if ("mcid" in kid) {
        // an MCID on the element's page (/Pg: its first) is a bare number; others say their page
        const data = ref.data as Record<string, unknown>;
        data.Pg ??= kid.page;
        kids.push(data.Pg === kid.page ? kid.mcid : { Type: "MCR", Pg: kid.page, MCID: kid.mcid });
        parentTree.get(kid.page.data.StructParents)[kid.mcid] = ref;
      } else {
        kids.push({ Type: "OBJR", Pg: kid.page, Obj: kid.annot });
        parentTree.add(kid.annot.data.StructParent, ref);
      }
    }
  };
  const write = (el: TagNode, parent: Ref): Ref => {
    const data: Record<string, unknown> = { S: el.role, P: parent };
    if (el.attrs) data.A = el.attrs;
    if (el.actual) data.ActualText = new String(el.actual);
    if (el.alt) data.Alt = new String(el.alt);
    const ref = doc.ref(data);
    const kids: unknown[] = [];
    entries(el, ref, kids);
    if (kids.length) data.K = kids;
    ref.end();
    return ref;
  };
  const treeRoot = doc.getStructTreeRoot();
  treeRoot.data.K = [write(root, treeRoot)];
}

/**
 * pdfkit writes the title, author, subject and keywords into the XMP metadata as they are: a plan
 * title with & or < made the metadata invalid XML. They are escaped there only (the Info
 * dictionary keeps the text as it is).
 */
function escapeInfoInXmp(pdfkitDocument: Ref): void {
  const addInfo = pdfkitDocument._addInfo as (this: Ref) => void;
  pdfkitDocument._addInfo = function (this: Ref) {
    const info = this.info as Record<string, unknown>;
    this.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === "string" ? escapeXml(v) : v]));
    try { addInfo.call(this); } finally { this.info = info; }
  };
}

const exported = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;
let installed = false;

/**
 * Installs the tagging hooks into pdfmake once; they act only on documents whose content carries
 * a structure (createPdf with tagging on). Call after the speed patches (fonts.ts installs them).
 */
export function installTagging(): void {
  if (installed) return;
  installed = true;
  escapeInfoInXmp(exported<{ prototype: Ref }>(pdfDocumentModule).prototype);
  const builder = exported<{ prototype: Ref }>(layoutBuilderModule).prototype;
  const layoutDocument = builder.layoutDocument;
  builder.layoutDocument = function (this: Ref, content: Ref, pdfDocument: Ref, ...rest: unknown[]) {
    const root = content?.[KEY] as TagNode | undefined;
    if (root && !pdfDocument[KEY]) {
      const state: Drawing = { root };
      pdfDocument[KEY] = state;
      linkAnnotations(pdfDocument, state);
    }
    return layoutDocument.call(this, content, pdfDocument, ...rest);
  };
  const buildNextLine = builder.buildNextLine;
  builder.buildNextLine = function (this: Ref, node: Ref) {
    const line = buildNextLine.call(this, node);
    if (line && node._tagEl) line._tagEl = node._tagEl;
    return line;
  };
  // The contents' entries are made by pdfmake: each a TOCI holding a Link (title and page number).
  const measure = exported<{ prototype: Ref }>(docMeasureModule).prototype;
  const measureToc = measure.measureToc;
  measure.measureToc = function (this: Ref, node: Ref) {
    const result = measureToc.call(this, node);
    const toc = node._tagEl as TagNode | undefined;
    if (toc) {
      toc.kids.length = 0;
      for (const row of (node.toc._table?.table?.body ?? []) as Node[][]) {
        const link = toc.add("TOCI").add("Link");
        for (const cell of row) cell._tagEl = link;
      }
    }
    return result;
  };
  const renderer = exported<{ prototype: Ref }>(rendererModule).prototype;
  const renderLine = renderer.renderLine;
  renderer.renderLine = function (this: Ref, line: Line, x: number, y: number) {
    const doc = this.pdfDocument;
    const state = doc[KEY] as Drawing | undefined;
    const draw = (l: Line): void => renderLine.call(this, l, x, y);
    if (!state) draw(line);
    else if (line._tagEl && !line._repeat) drawLine(doc, state, line, draw);
    else asArtifact(doc, () => draw(line));
  };
  for (const name of ["renderVector", "renderImage", "renderSVG", "renderWatermark"]) {
    const original = renderer[name];
    renderer[name] = function (this: Ref, ...args: unknown[]) {
      if (!this.pdfDocument[KEY]) return original.apply(this, args);
      let result: unknown;
      asArtifact(this.pdfDocument, () => { result = original.apply(this, args); });
      return result;
    };
  }
  const renderPages = renderer.renderPages;
  renderer.renderPages = function (this: Ref, pages: unknown[]) {
    const doc = this.pdfDocument;
    const state = doc[KEY] as Drawing | undefined;
    renderPages.call(this, pages);
    // once, after the last part (layouts.ts draws a document in parts, then pdfmake ends it)
    if (state && !drawsPart(this)) writeTree(doc, state.root);
  };
}

/** Hands the structure to the layout (layoutDocument receives the content array itself). */
export function attachStructure(content: Content[], root: TagNode): void {
  Object.defineProperty(content, KEY, { value: root, enumerable: false, configurable: true });
}
