// Reading a tagged PDF's structure back: the whole tree from the file's objects (pdf-lib: roles,
// attributes, ActualText, Alt, the pages of marked content), the text of each marked-content
// sequence and of the Artifacts from pdfjs-dist (getTextContent with includeMarkedContent).
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, PDFRawStream, decodePDFRawStream } from "pdf-lib";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

export interface TagEl {
  role: string;
  attrs: Record<string, string | number>;
  actual?: string;
  alt?: string;
  kids: TagEl[];
  /** The text of the element's own marked content and of its descendants, in tree order. */
  text: string;
  /** Marked content (page index, MCID) and annotations (OBJR) directly under the element. */
  marks: { page: number; mcid: number }[];
  annotations: number;
}

export interface TagReadBack {
  root: TagEl | null;
  lang: string | null;
  marked: boolean;
  displayDocTitle: boolean;
  xmp: string;
  /** Text drawn inside Artifacts, per page. */
  artifacts: string[][];
  /** Per page: MCIDs drawn, and the parent tree's entry for the page (null where an MCID has no element). */
  pages: { mcids: number[]; parents: (string | null)[] | null }[];
}

const N = (s: string): PDFName => PDFName.of(s);
const str = (v: unknown): string | undefined =>
  v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;

/** Text per marked-content id (`p<page object>R_mc<MCID>`) and artifact text per page. */
async function markedTexts(data: Uint8Array): Promise<{ byId: Map<string, string>; artifacts: string[][]; mcids: number[][] }> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const byId = new Map<string, string>();
  const artifacts: string[][] = [];
  const mcids: number[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const stack: (string | null)[] = [];
    const art: string[] = [];
    const ids: number[] = [];
    for (const item of content.items as { type?: string; id?: string; tag?: string; str?: string }[]) {
      if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
        const id = item.tag === "Artifact" ? "artifact" : item.id ?? null;
        if (item.id) ids.push(Number(/_mc(\d+)$/.exec(item.id)?.[1]));
        stack.push(id);
      } else if (item.type === "endMarkedContent") stack.pop();
      else if (typeof item.str === "string") {
        const id = stack.at(-1) ?? null;
        if (id === "artifact") art.push(item.str);
        else if (id) byId.set(id, (byId.get(id) ?? "") + item.str);
      }
    }
    artifacts.push(art);
    mcids.push(ids);
  }
  await doc.destroy();
  return { byId, artifacts, mcids };
}

export async function readTags(data: Uint8Array): Promise<TagReadBack> {
  const doc = await PDFDocument.load(data, { updateMetadata: false });
  const ctx = doc.context;
  const { byId, artifacts, mcids } = await markedTexts(data);
  const pages = doc.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref, i]));
  const catalog = doc.catalog;
  const lang = str(catalog.get(N("Lang"))) ?? null;
  const marked = ctx.lookupMaybe(catalog.get(N("MarkInfo")), PDFDict)?.get(N("Marked")) === PDFBool.True;
  const displayDocTitle = ctx.lookupMaybe(catalog.get(N("ViewerPreferences")), PDFDict)?.get(N("DisplayDocTitle")) === PDFBool.True;
  const meta = ctx.lookupMaybe(catalog.get(N("Metadata")), PDFRawStream);
  const xmp = meta ? new TextDecoder().decode(meta.dict.get(N("Filter")) ? decodePDFRawStream(meta).decode() : meta.getContents()) : "";
  const names = new Map<PDFRef, string>();
  const read = (ref: PDFRef): TagEl => {
    const dict = ctx.lookup(ref, PDFDict);
    const role = (dict.get(N("S")) as PDFName).decodeText();
    names.set(ref, role);
    const attrs: Record<string, string | number> = {};
    const a = ctx.lookupMaybe(dict.get(N("A")), PDFDict);
    for (const [k, v] of a?.entries() ?? []) attrs[k.decodeText()] = v instanceof PDFNumber ? v.asNumber() : v instanceof PDFName ? v.decodeText() : String(v);
    const el: TagEl = { role, attrs, kids: [], text: "", marks: [], annotations: 0 };
    const actual = str(dict.get(N("ActualText")));
    const alt = str(dict.get(N("Alt")));
    if (actual !== undefined) el.actual = actual;
    if (alt !== undefined) el.alt = alt;
    const k = dict.get(N("K"));
    const kids = k === undefined ? [] : k instanceof PDFArray ? k.asArray() : [k];
    const elementPage = dict.get(N("Pg"));
    for (const kid of kids) {
      if (kid instanceof PDFRef) {
        const child = read(kid);
        el.kids.push(child);
        el.text += child.text;
        continue;
      }
      let pg: unknown = elementPage;
      let mcid: number | undefined;
      if (kid instanceof PDFNumber) mcid = kid.asNumber();
      else if (kid instanceof PDFDict) {
        if (kid.get(N("Obj"))) { el.annotations++; continue; }
        pg = kid.get(N("Pg")) ?? elementPage;
        mcid = (kid.get(N("MCID")) as PDFNumber).asNumber();
      }
      if (mcid === undefined || !(pg instanceof PDFRef)) continue;
      el.marks.push({ page: pageIndex.get(pg) ?? -1, mcid });
      el.text += byId.get(`p${pg.objectNumber}R_mc${mcid}`) ?? "";
    }
    return el;
  };
  const structRoot = ctx.lookupMaybe(catalog.get(N("StructTreeRoot")), PDFDict);
  const top = structRoot?.get(N("K"));
  const first = top instanceof PDFArray ? top.get(0) : top;
  const root = first instanceof PDFRef ? read(first) : null;
  // the parent tree (a flat Nums array: what planpress writes)
  const nums = ctx.lookupMaybe(structRoot?.get(N("ParentTree")), PDFDict)?.lookupMaybe(N("Nums"), PDFArray)?.asArray() ?? [];
  const parentsOf = new Map<number, (string | null)[]>();
  for (let i = 0; i + 1 < nums.length; i += 2) {
    const v = ctx.lookup(nums[i + 1]!);
    if (v instanceof PDFArray) parentsOf.set((nums[i] as PDFNumber).asNumber(), v.asArray().map((r) => (r instanceof PDFRef ? names.get(r) ?? "?" : null)));
  }
  return {
    root, lang, marked, displayDocTitle, xmp, artifacts,
    pages: pages.map((p, i) => {
      const key = p.node.get(N("StructParents"));
      return { mcids: mcids[i]!, parents: key instanceof PDFNumber ? parentsOf.get(key.asNumber()) ?? null : null };
    }),
  };
}

/** Every element of the tree in reading order (depth first). */
export function elements(root: TagEl | null): TagEl[] {
  const out: TagEl[] = [];
  const walk = (el: TagEl): void => { out.push(el); el.kids.forEach(walk); };
  if (root) walk(root);
  return out;
}
