// Pages of a tagged PDF copied into a file of their own (the department files, copied out of one
// layout) stay a tagged document: the elements of the structure tree whose content lies on those
// pages come along under a Document element of their own, with a parent tree rebuilt for the
// copied pages (their /StructParents keys and MCIDs are kept), and the catalog gets the marks a
// tagged PDF/UA file has (MarkInfo, Lang set by the caller, DisplayDocTitle, XMP identification).
import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFRef } from "pdf-lib";

/** PDFName.of decodes its argument's #xx escapes at every call; the few names used here, once. */
const NAMES = new Map<string, PDFName>();
const N = (name: string): PDFName => {
  let found = NAMES.get(name);
  if (!found) NAMES.set(name, (found = PDFName.of(name)));
  return found;
};

/** A source document's pages and the top of its structure tree, each top element with the page it starts on. */
export interface TaggedSource {
  doc: PDFDocument;
  /** The Document element's children in order, with their first page (0-based; carried over from the one before when they hold no content). */
  top: { ref: PDFRef; page: number }[];
}

/** A struct element's kids as an array (K may be one object). */
function kidsOf(dict: PDFDict): unknown[] {
  const k = dict.get(N("K"));
  if (k === undefined) return [];
  return k instanceof PDFArray ? k.asArray() : [k];
}

/** The structure of `doc` (null when it is not tagged). */
export function readTagged(doc: PDFDocument): TaggedSource | null {
  const ctx = doc.context;
  const root = doc.catalog.lookupMaybe(N("StructTreeRoot"), PDFDict);
  const documentRef = root ? kidsOf(root)[0] : undefined;
  const documentEl = documentRef instanceof PDFRef ? ctx.lookupMaybe(documentRef, PDFDict) : undefined;
  if (!documentEl) return null;
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref, i]));
  const firstPage = (el: PDFDict): number | undefined => {
    const own = el.get(N("Pg"));
    for (const kid of kidsOf(el)) {
      // a bare MCID lies on the element's page
      if (kid instanceof PDFNumber && own instanceof PDFRef && pageIndex.has(own)) return pageIndex.get(own);
      if (kid instanceof PDFRef) {
        const child = ctx.lookupMaybe(kid, PDFDict);
        const found = child && firstPage(child);
        if (found !== undefined) return found;
      } else if (kid instanceof PDFDict) {
        const pg = kid.get(N("Pg"));
        if (pg instanceof PDFRef && pageIndex.has(pg)) return pageIndex.get(pg);
      }
    }
    return undefined;
  };
  let page = 0;
  const top = kidsOf(documentEl).filter((k): k is PDFRef => k instanceof PDFRef).map((ref) => {
    page = firstPage(ctx.lookup(ref, PDFDict)) ?? page;
    return { ref, page };
  });
  return { doc, top };
}

/**
 * Copies pages `indices` of `source` into `target` (as pdf-lib's copyPages), and when the source
 * is tagged, the structure of those pages: the top elements starting on them.
 */
export function copyTaggedPages(sourceDoc: PDFDocument, tagged: TaggedSource | null, target: PDFDocument, indices: readonly number[]): void {
  const copier = PDFObjectCopier.for(sourceDoc.context, target.context);
  const pages = sourceDoc.getPages();
  const pageMap = new Map<PDFRef, PDFRef>();
  for (const i of indices) {
    const node = copier.copy(pages[i]!.node);
    const ref = target.context.register(node);
    target.addPage(PDFPage.of(node, ref, target));
    pageMap.set(pages[i]!.ref, ref);
  }
  if (!tagged) return;
  const wanted = new Set(indices);
  const src = sourceDoc.context;
  const dest = target.context;
  const parents = new Map<number, PDFRef | PDFRef[]>();
  const copyElement = (ref: PDFRef, parent: PDFRef): PDFRef => {
    const from = src.lookup(ref, PDFDict);
    const to = dest.obj({});
    const newRef = dest.register(to);
    for (const key of ["S", "A", "ActualText", "Alt", "Lang", "T", "E"]) {
      const value = from.get(N(key));
      if (value !== undefined) to.set(N(key), copier.copy(value));
    }
    to.set(N("P"), parent);
    const kids: unknown[] = [];
    const elementPage = from.get(N("Pg"));
    const own = elementPage instanceof PDFRef ? pageMap.get(elementPage) : undefined;
    if (own) to.set(N("Pg"), own);
    for (const kid of kidsOf(from)) {
      if (kid instanceof PDFRef) { kids.push(copyElement(kid, newRef)); continue; }
      // an MCID alone is on the element's page
      const pg = kid instanceof PDFNumber ? elementPage : kid instanceof PDFDict ? kid.get(N("Pg")) : undefined;
      const page = pg instanceof PDFRef ? pageMap.get(pg) : undefined;
      if (!page) continue;
      const mcid = kid instanceof PDFNumber ? kid : (kid as PDFDict).get(N("MCID"));
      if (mcid instanceof PDFNumber) {
        kids.push(page === own ? mcid.asNumber() : dest.obj({ Type: "MCR", Pg: page, MCID: mcid.asNumber() }));
        const key = dest.lookup(page, PDFDict).get(N("StructParents"));
        if (key instanceof PDFNumber) {
          const list = (parents.get(key.asNumber()) ?? []) as PDFRef[];
          list[mcid.asNumber()] = newRef;
          parents.set(key.asNumber(), list);
        }
        continue;
      }
      const obj = kid instanceof PDFDict ? kid.get(N("Obj")) : undefined;
      if (obj instanceof PDFRef) {
        const annot = copier.copy(obj) as PDFRef;
        kids.push(dest.obj({ Type: "OBJR", Pg: page, Obj: annot }));
        const key = dest.lookupMaybe(annot, PDFDict)?.get(N("StructParent"));
        if (key instanceof PDFNumber) parents.set(key.asNumber(), newRef);
      }
    }
    if (kids.length) to.set(N("K"), dest.obj(kids as never));
    return newRef;
  };
  const rootDict = dest.obj({ Type: "StructTreeRoot" });
  const rootRef = dest.register(rootDict);
  const documentDict = dest.obj({ S: "Document", P: rootRef });
  const documentRef = dest.register(documentDict);
  const kids = tagged.top.filter((t) => wanted.has(t.page)).map((t) => copyElement(t.ref, documentRef));
  documentDict.set(N("K"), dest.obj(kids));
  const nums: unknown[] = [];
  const keys = [...parents.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const value = parents.get(key)!;
    nums.push(key, Array.isArray(value) ? dest.obj(Array.from(value, (r) => r ?? null) as never) : value);
  }
  rootDict.set(N("K"), dest.obj([documentRef]));
  rootDict.set(N("ParentTree"), dest.obj({ Nums: nums as never }));
  rootDict.set(N("ParentTreeNextKey"), PDFNumber.of((keys.at(-1) ?? -1) + 1));
  target.catalog.set(N("StructTreeRoot"), rootRef);
  target.catalog.set(N("MarkInfo"), dest.obj({ Marked: true }));
}

export const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** XMP metadata with the title and the PDF/UA-1 identification (what pdfkit writes for a tagged document). */
export function setUaMetadata(doc: PDFDocument, meta: { title: string; author: string; date: Date; producer: string }): void {
  const date = `${meta.date.toISOString().split(".")[0]}Z`;
  const xml = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:CreatorTool>planpress</xmp:CreatorTool></rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.title)}</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>${escapeXml(meta.author)}</rdf:li></rdf:Seq></dc:creator></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${escapeXml(meta.producer)}</pdf:Producer></rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  const stream = doc.context.stream(new TextEncoder().encode(xml), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(N("Metadata"), doc.context.register(stream));
}
