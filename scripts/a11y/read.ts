// Reads what a screen reader gets from a PDF: the catalog's accessibility entries, the whole
// structure tree, and the text of every marked-content sequence, joined so that every structure
// element knows its text and pages.
// Two readers, each for what it does well:
// - pdf-lib (raw objects) for the catalog and the tree. pdfjs-dist exposes no /Lang, no
//   DisplayDocTitle, no attributes (/Scope, /ColSpan, /RowSpan), no OBJR links to annotations, and
//   its getStructTree() is one partial tree per page, so a table or list that runs over a page
//   break falls apart and document order across pages is lost.
// - pdfjs-dist for text (getTextContent with marked content): it decodes fonts and ToUnicode maps,
//   which pdf-lib cannot, and tells which text lies in which MCID or Artifact.
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, decodePDFRawStream, type PDFContext, type PDFObject } from "pdf-lib";

/** A piece of text on a page; y is measured from the top of the page. */
export interface TextRun { text: string; x: number; y: number }

export interface PageText {
  width: number;
  height: number;
  /** The text of each marked-content sequence with an MCID, at the place of its first glyphs. */
  marked: Map<number, TextRun>;
  /** Text in no MCID and in no Artifact: a screen reader gets it with no structure. */
  untagged: TextRun[];
  /** The MCIDs that mark drawings (lines, fills, images), with or without text. */
  drawingMcids: Set<number>;
  /** Lines, fills and images painted in no MCID and in no Artifact. */
  untaggedDrawings: number;
}

/** Marked content on a page (page index from 0), or an annotation (object key "12 0 R"). */
export type ContentRef = { page: number; mcid: number } | { page: number; annotation: string };

export interface StructElement {
  /** The standard role after the RoleMap; `tag` is the type as written (/S). */
  role: string;
  tag: string;
  /** Object key ("12 0 R") when the element is an indirect object (the parent tree needs it). */
  ref?: string;
  /** Attributes from /A and the /ClassMap classes (/C): Scope, ColSpan, RowSpan, Placement … */
  attributes: Record<string, string | number | boolean>;
  alt?: string;
  actualText?: string;
  lang?: string;
  kids: (StructElement | ContentRef)[];
  /** Its content's text in reading order, kids included. */
  text: string;
  /** The pages (from 0) its content lies on, in reading order. */
  pages: number[];
}

export interface LinkAnnotation { page: number; key: string }

export interface TaggedPdf {
  pages: PageText[];
  marked: boolean;
  lang?: string;
  displayDocTitle: boolean;
  /** The XMP metadata packet as text, if there is one. */
  xmp?: string;
  /** The top elements of the tree in order; null when the file has no /StructTreeRoot. */
  tree: StructElement[] | null;
  links: LinkAnnotation[];
  /** Where the parent tree disagrees with the tree: a screen reader that starts from a glyph or a link finds no or the wrong element. */
  parentTreeFaults: { page: number; what: string }[];
}

export const isElement = (kid: StructElement | ContentRef): kid is StructElement => "role" in kid;

const name = (key: string) => PDFName.of(key);

function text(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : undefined;
}

function plain(obj: PDFObject | undefined): string | number | boolean | undefined {
  if (obj instanceof PDFName) return obj.decodeText();
  if (obj instanceof PDFNumber) return obj.asNumber();
  if (obj instanceof PDFBool) return obj.asBoolean();
  return text(obj);
}

/** The entries of a number tree (/Nums, /Kids), as key → value. */
function numberTree(context: PDFContext, node: PDFDict | undefined, out = new Map<number, PDFObject>(), seen = new Set<PDFDict>()): Map<number, PDFObject> {
  if (!node || seen.has(node)) return out;
  seen.add(node);
  const nums = node.lookupMaybe(name("Nums"), PDFArray);
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) {
    const key = plain(context.lookup(nums.get(i)));
    if (typeof key === "number") out.set(key, nums.get(i + 1));
  }
  const kids = node.lookupMaybe(name("Kids"), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) numberTree(context, kids.lookupMaybe(i, PDFDict), out, seen);
  return out;
}

/** Attribute dictionaries from /A (a dict, or an array of dicts and revision numbers) and the /C classes. */
function attributes(context: PDFContext, dict: PDFDict, classMap: PDFDict | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const take = (obj: PDFObject | undefined): void => {
    const resolved = obj instanceof PDFRef ? context.lookup(obj) : obj;
    if (resolved instanceof PDFArray) {
      for (let i = 0; i < resolved.size(); i++) take(resolved.get(i));
    } else if (resolved instanceof PDFDict) {
      for (const [key, value] of resolved.entries()) {
        const v = plain(context.lookup(value));
        if (key.decodeText() !== "O" && v !== undefined) out[key.decodeText()] = v;
      }
    }
  };
  const classes = context.lookup(dict.get(name("C")));
  for (const c of classes instanceof PDFArray ? classes.asArray() : [classes]) {
    if (c instanceof PDFName) take(classMap?.get(c));
  }
  take(dict.get(name("A")));
  return out;
}

interface TreeReader {
  context: PDFContext;
  pageOf: Map<string, number>;
  roleMap: PDFDict | undefined;
  classMap: PDFDict | undefined;
  seen: Set<PDFDict>;
}

function roleOf(reader: TreeReader, tag: string): string {
  let role = tag;
  for (let i = 0; i < 10; i++) {
    const next = reader.roleMap?.lookupMaybe(name(role), PDFName)?.decodeText();
    if (!next || next === role) break;
    role = next;
  }
  return role;
}

function readElement(reader: TreeReader, dict: PDFDict, ref: PDFRef | undefined, inheritedPage: number | undefined): StructElement {
  reader.seen.add(dict);
  const { context } = reader;
  const tag = dict.lookupMaybe(name("S"), PDFName)?.decodeText() ?? "";
  const pageRef = dict.get(name("Pg"));
  const page = pageRef instanceof PDFRef ? reader.pageOf.get(pageRef.toString()) : inheritedPage;
  const element: StructElement = { role: roleOf(reader, tag), tag, attributes: attributes(context, dict, reader.classMap), kids: [], text: "", pages: [] };
  if (ref) element.ref = ref.toString();
  const alt = text(dict.lookup(name("Alt")));
  const actualText = text(dict.lookup(name("ActualText")));
  const lang = text(dict.lookup(name("Lang")));
  if (alt !== undefined) element.alt = alt;
  if (actualText !== undefined) element.actualText = actualText;
  if (lang !== undefined) element.lang = lang;

  const k = dict.get(name("K"));
  const resolvedK = k instanceof PDFRef ? context.lookup(k) : k;
  const kids = resolvedK instanceof PDFArray ? resolvedK.asArray() : k === undefined ? [] : [k];
  for (const kid of kids) {
    const resolved = kid instanceof PDFRef ? context.lookup(kid) : kid;
    if (resolved instanceof PDFNumber) {
      if (page !== undefined) element.kids.push({ page, mcid: resolved.asNumber() });
    } else if (resolved instanceof PDFDict && !reader.seen.has(resolved)) {
      const type = resolved.lookupMaybe(name("Type"), PDFName)?.decodeText();
      const kidPageRef = resolved.get(name("Pg"));
      const kidPage = kidPageRef instanceof PDFRef ? reader.pageOf.get(kidPageRef.toString()) : page;
      const mcid = plain(resolved.lookup(name("MCID")));
      const obj = resolved.get(name("Obj"));
      if (type === "MCR" && typeof mcid === "number" && kidPage !== undefined) element.kids.push({ page: kidPage, mcid });
      else if (type === "OBJR" && obj instanceof PDFRef && kidPage !== undefined) element.kids.push({ page: kidPage, annotation: obj.toString() });
      else if (type !== "MCR" && type !== "OBJR") element.kids.push(readElement(reader, resolved, kid instanceof PDFRef ? kid : undefined, page));
    }
  }
  return element;
}

/** Fills in every element's text and pages from the marked text of the pages. */
function joinText(element: StructElement, pages: PageText[]): void {
  const parts: string[] = [];
  const onPages: number[] = [];
  for (const kid of element.kids) {
    if (isElement(kid)) {
      joinText(kid, pages);
      parts.push(kid.text);
      onPages.push(...kid.pages);
    } else {
      if ("mcid" in kid) parts.push(pages[kid.page]?.marked.get(kid.mcid)?.text ?? "");
      onPages.push(kid.page);
    }
  }
  element.text = parts.join("");
  element.pages = [...new Set(onPages)];
}

/** Where the content being read lies: in which MCID, or in an Artifact (marked content nests). */
function markedContent() {
  const open: { mcid: number | undefined; artifact: boolean }[] = [];
  return {
    begin(tag: string | null | undefined, mcid: number | undefined): void {
      const outer = open.at(-1);
      open.push({ mcid: mcid ?? outer?.mcid, artifact: tag === "Artifact" || Boolean(outer?.artifact) });
    },
    end: (): void => void open.pop(),
    get place() { return open.at(-1) ?? { mcid: undefined, artifact: false }; },
  };
}

const PAINTING = new Set([
  pdfjs.OPS.stroke, pdfjs.OPS.closeStroke, pdfjs.OPS.fill, pdfjs.OPS.eoFill, pdfjs.OPS.fillStroke, pdfjs.OPS.eoFillStroke,
  pdfjs.OPS.closeFillStroke, pdfjs.OPS.closeEOFillStroke, pdfjs.OPS.shadingFill, pdfjs.OPS.paintImageXObject,
  pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageMaskXObject, pdfjs.OPS.paintImageXObjectRepeat,
  pdfjs.OPS.paintImageMaskXObjectRepeat, pdfjs.OPS.paintSolidColorImageMask, pdfjs.OPS.paintInlineImageXObjectGroup,
]);

/** The text of each MCID, and text outside the tree (pdfjs numbers an MCID `p<page ref>_mc<n>`). */
async function readText(page: pdfjs.PDFPageProxy, top: number, result: PageText): Promise<void> {
  const marks = markedContent();
  const content = await page.getTextContent({ includeMarkedContent: true });
  for (const item of content.items) {
    if ("type" in item) {
      const mcid = /_mc(\d+)$/.exec(item.id ?? "")?.[1];
      if (item.type === "endMarkedContent") marks.end();
      else marks.begin((item as { tag?: string | null }).tag, mcid === undefined ? undefined : Number(mcid)); // tag: given by pdfjs, missing from its types
      continue;
    }
    const { mcid, artifact } = marks.place;
    const run = { text: item.str, x: item.transform[4] as number, y: top - (item.transform[5] as number) };
    if (mcid !== undefined && !artifact) {
      // pdfjs puts a space before a run that starts apart from the previous one: not text of this run.
      const seen = result.marked.get(mcid);
      if (seen) seen.text += item.str;
      else if (item.str.trim()) result.marked.set(mcid, { ...run, text: item.str.trimStart() });
    } else if (!artifact && item.str.trim()) {
      result.untagged.push(run);
    }
  }
}

/** Which MCIDs mark drawings, and how many drawings lie outside marked content and Artifacts. */
async function readDrawings(page: pdfjs.PDFPageProxy, result: PageText): Promise<void> {
  const marks = markedContent();
  const { fnArray, argsArray } = await page.getOperatorList();
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] as unknown[] | null;
    if (fn === pdfjs.OPS.beginMarkedContent) marks.begin((args?.[0] as { name?: string } | undefined)?.name, undefined);
    else if (fn === pdfjs.OPS.beginMarkedContentProps) marks.begin(args?.[0] as string, typeof args?.[1] === "number" ? args[1] : undefined);
    else if (fn === pdfjs.OPS.endMarkedContent) marks.end();
    else if (PAINTING.has(fn)) {
      const { mcid, artifact } = marks.place;
      if (mcid !== undefined && !artifact) result.drawingMcids.add(mcid);
      else if (!artifact) result.untaggedDrawings++;
    }
  });
}

async function readPages(data: Uint8Array): Promise<PageText[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: PageText[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const result: PageText = { width: x1 - x0, height: y1 - y0, marked: new Map(), untagged: [], drawingMcids: new Set(), untaggedDrawings: 0 };
      await readText(page, y1, result);
      await readDrawings(page, result);
      pages.push(result);
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Every MCID and link the tree reaches must lead back to its element through /ParentTree. */
function parentTreeFaults(context: PDFContext, root: PDFDict, pdf: PDFDocument, tree: StructElement[]): TaggedPdf["parentTreeFaults"] {
  const entries = numberTree(context, root.lookupMaybe(name("ParentTree"), PDFDict));
  const faults: TaggedPdf["parentTreeFaults"] = [];
  const pageKeys = pdf.getPages().map((p) => plain(p.node.lookup(name("StructParents"))));
  const annotationKeys = new Map<string, number | undefined>();
  for (const page of pdf.getPages()) {
    const annots = page.node.Annots();
    for (let i = 0; annots && i < annots.size(); i++) {
      const annot = context.lookup(annots.get(i));
      const key = annot instanceof PDFDict ? plain(annot.lookup(name("StructParent"))) : undefined;
      annotationKeys.set(annots.get(i).toString(), typeof key === "number" ? key : undefined);
    }
  }
  const refAt = (obj: PDFObject | undefined) => (obj instanceof PDFRef ? obj.toString() : undefined);
  const visit = (element: StructElement): void => {
    for (const kid of element.kids) {
      if (isElement(kid)) { visit(kid); continue; }
      if ("mcid" in kid) {
        const key = pageKeys[kid.page];
        const list = typeof key === "number" ? context.lookup(entries.get(key)) : undefined;
        const back = list instanceof PDFArray && kid.mcid < list.size() ? refAt(list.get(kid.mcid)) : undefined;
        if (back !== element.ref) faults.push({ page: kid.page, what: `MCID ${kid.mcid} (${element.role})` });
      } else {
        const key = annotationKeys.get(kid.annotation);
        if (key === undefined || refAt(entries.get(key)) !== element.ref) faults.push({ page: kid.page, what: `${kid.annotation} (${element.role})` });
      }
    }
  };
  tree.forEach(visit);
  return faults;
}

export async function readTaggedPdf(data: Uint8Array): Promise<TaggedPdf> {
  const pages = await readPages(data);
  const pdf = await PDFDocument.load(data, { updateMetadata: false, ignoreEncryption: true });
  const { catalog, context } = pdf;
  const metadata = catalog.lookup(name("Metadata"));
  const result: TaggedPdf = {
    pages,
    marked: catalog.lookupMaybe(name("MarkInfo"), PDFDict)?.lookup(name("Marked")) === PDFBool.True,
    displayDocTitle: catalog.lookupMaybe(name("ViewerPreferences"), PDFDict)?.lookup(name("DisplayDocTitle")) === PDFBool.True,
    tree: null,
    links: [],
    parentTreeFaults: [],
  };
  const lang = text(catalog.lookup(name("Lang")));
  if (lang !== undefined) result.lang = lang;
  if (metadata instanceof PDFRawStream) result.xmp = new TextDecoder().decode(decodePDFRawStream(metadata).decode());

  const pageOf = new Map(pdf.getPages().map((p, i) => [p.ref.toString(), i]));
  for (const [index, page] of pdf.getPages().entries()) {
    const annots = page.node.Annots();
    for (let i = 0; annots && i < annots.size(); i++) {
      const ref = annots.get(i);
      const annot = context.lookup(ref);
      if (annot instanceof PDFDict && annot.lookupMaybe(name("Subtype"), PDFName)?.decodeText() === "Link") {
        result.links.push({ page: index, key: ref.toString() });
      }
    }
  }

  const root = catalog.lookupMaybe(name("StructTreeRoot"), PDFDict);
  if (!root) return result;
  const reader: TreeReader = { context, pageOf, roleMap: root.lookupMaybe(name("RoleMap"), PDFDict), classMap: root.lookupMaybe(name("ClassMap"), PDFDict), seen: new Set() };
  // The root's /K is read as the kids of a pseudo element, so an MCID straight under the root is not lost.
  const top = readElement(reader, context.obj({ K: root.get(name("K")) ?? context.obj([]) }), undefined, undefined);
  top.kids.forEach((kid) => { if (isElement(kid)) joinText(kid, pages); });
  result.tree = top.kids.filter(isElement);
  result.parentTreeFaults = parentTreeFaults(context, root, pdf, result.tree);
  return result;
}

/** The elements under `roots`, themselves included, in reading order (depth first, as a screen reader reads). */
export function descendants(roots: StructElement[]): StructElement[] {
  const out: StructElement[] = [];
  const walk = (el: StructElement): void => { out.push(el); el.kids.forEach((k) => { if (isElement(k)) walk(k); }); };
  roots.forEach(walk);
  return out;
}

export const allElements = (pdf: TaggedPdf): StructElement[] => descendants(pdf.tree ?? []);

/** The text of every element whose role is one of `roles`, in reading order: what a test asserts against. */
export function textsOf(pdf: TaggedPdf, ...roles: string[]): string[] {
  return allElements(pdf).filter((el) => roles.includes(el.role)).map((el) => el.text);
}
