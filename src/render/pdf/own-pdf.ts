// Reading back a PDF that pdfkit wrote in this process (the department files' layout, the page
// number stamps) into pdf-lib, to be cut into files. pdf-lib's parser walks the file a byte at a
// time through several method calls per byte; a one-off build runs without V8's optimising
// compiler (bin/planpress.js), where that took 0.37 s for the seed's 72 pages, on the longest path
// of the build. This reader takes the shape pdfkit writes (plain numbered objects, streams with a
// direct /Length, one cross-reference table, a trailer) with native string searches, and builds
// the very objects pdf-lib's parser builds (the same classes from the same calls), so the files
// cut from it have the same bytes (test/render/pdf/own-pdf.test.ts compares both readers object
// for object). Anything else in the file (a comment, an object stream, a stream whose /Length does
// not end at "endstream", encryption) stops it, and pdf-lib's own parser reads the file instead.
import {
  PDFArray, PDFBool, PDFCatalog, PDFContext, PDFDict, PDFDocument, PDFHeader, PDFHexString, PDFName, PDFNull,
  PDFNumber, type PDFObject, PDFPageLeaf, PDFPageTree, PDFRawStream, PDFRef, PDFString, ParseSpeeds,
} from "pdf-lib";

/** The file is not in the shape this reader takes: pdf-lib's parser reads it. */
class NotOwnShape extends Error {}

// pdf-lib's character classes (core/syntax): white space, and what ends a name.
const NAME = /\/([^\0\t\n\f\r ()<>[\]{}/%]*)/y;
// pdf-lib's parseRawNumber: sign and digits up to a first ".", then digits.
const NUMBER = /[+\-0-9]*(?:\.[0-9]*)?/y;
// The rest of an indirect reference after its first number ("12 0 R").
const REF_TAIL = /[\0\t\n\f\r ]*([0-9][+\-0-9]*(?:\.[0-9]*)?)[\0\t\n\f\r ]*R/y;
const OBJECT_HEADER = /[\0\t\n\f\r ]*([0-9]+)[\0\t\n\f\r ]+([0-9]+)[\0\t\n\f\r ]*obj/y;
// pdf-lib tries the end of line after "stream" in this order.
const STREAM_EOLS = [" \r\n", "\r\n", "\r", "\n", ""];
const KEYWORDS: readonly (readonly [string, PDFObject])[] = [["true", PDFBool.True], ["false", PDFBool.False], ["null", PDFNull]];
// Names every dictionary or stream is asked for (PDFName.of decodes its argument at every call).
const TYPE = PDFName.of("Type"), LENGTH = PDFName.of("Length");
const CATALOG = PDFName.of("Catalog"), PAGES = PDFName.of("Pages"), PAGE = PDFName.of("Page");
const OBJECT_STREAM = PDFName.of("ObjStm"), XREF_STREAM = PDFName.of("XRef");

class Reader {
  private at = 0;
  /** Names as written → PDFName.of (which decodes #xx escapes each time it is called). */
  private readonly names = new Map<string, PDFName>();
  constructor(private readonly src: string, private readonly bytes: Uint8Array, private readonly context: PDFContext) {}

  /** The whole file into the context, as PDFParser.parseDocument does for this shape. */
  document(): void {
    this.header();
    this.skipComments(); // the binary marker line after the header
    for (;;) {
      OBJECT_HEADER.lastIndex = this.at;
      const head = OBJECT_HEADER.exec(this.src);
      if (!head) break;
      this.at = OBJECT_HEADER.lastIndex;
      const object = this.object();
      this.space();
      this.expect("endobj");
      if (object instanceof PDFRawStream) {
        const type = object.dict.get(TYPE);
        if (type === OBJECT_STREAM || type === XREF_STREAM) throw new NotOwnShape("object stream");
      }
      this.context.assign(PDFRef.of(Number(head[1]), Number(head[2])), object);
    }
    // pdf-lib reads the cross-reference table and drops it: the objects were read in file order.
    this.space();
    this.expect("xref");
    const trailer = this.src.indexOf("trailer", this.at);
    if (trailer < 0 || !/^[\0\t\n\f\r 0-9nf]*$/.test(this.src.slice(this.at, trailer))) throw new NotOwnShape("xref");
    this.trailer(trailer);
    this.space();
    this.expect("startxref");
    if (!/^[\0\t\n\f\r ]*[0-9]+[\0\t\n\f\r ]*%%EOF[\0\t\n\f\r ]*$/.test(this.src.slice(this.at))) throw new NotOwnShape("end");
    this.checkCatalog();
    if (this.context.lookup(PDFRef.of(0))) throw new NotOwnShape("object 0");
  }

  /**
   * The cross-reference table and trailer only; each object is parsed when first looked up
   * (`LazyObjects`). For a PDF pdfkit wrote in this process (the department files' layout): a
   * thread cutting half the files looks up about half the objects.
   */
  lazyDocument(): void {
    this.header();
    if (/\/(?:ObjStm|XRef)\b/.test(this.src)) throw new NotOwnShape("object stream");
    const end = /startxref[\0\t\n\f\r ]*([0-9]+)[\0\t\n\f\r ]*%%EOF[\0\t\n\f\r ]*$/.exec(this.src);
    if (!end) throw new NotOwnShape("end");
    this.at = Number(end[1]);
    this.expect("xref");
    const trailer = this.src.indexOf("trailer", this.at);
    if (trailer < 0 || trailer > end.index) throw new NotOwnShape("xref");
    const offsets = new Map<number, number>();
    // one subsection from object 0, as pdfkit writes it
    const table = /^[\0\t\n\f\r ]*0[ ]+([0-9]+)[\0\t\n\f\r ]+/.exec(this.src.slice(this.at, trailer));
    if (!table) throw new NotOwnShape("xref");
    const entries = this.src.slice(this.at + table[0].length, trailer).match(/[0-9]{10} [0-9]{5} [nf]/g) ?? [];
    if (entries.length !== Number(table[1]) || !entries[0]?.endsWith("f")) throw new NotOwnShape("xref");
    let largest = 0;
    entries.forEach((e, n) => { if (e.endsWith("n")) { offsets.set(n, Number(e.slice(0, 10))); largest = n; } });
    this.trailer(trailer);
    // New objects (the page-number forms embedded into this context) are numbered after these.
    // (Not Math.max(...keys): a 5,000-project layout's 400,000 arguments overflowed the stack.)
    this.context.largestObjectNumber = largest;
    (this.context as unknown as { indirectObjects: Map<PDFRef, PDFObject> }).indirectObjects = new LazyObjects(offsets, (ref, at) => this.objectAt(ref, at));
    this.checkCatalog();
  }

  /** The header's version into the context; reading goes on after it. */
  private header(): void {
    const header = /^%PDF-([0-9]+)\.([0-9]+)/.exec(this.src);
    if (!header) throw new NotOwnShape("header");
    this.context.header = PDFHeader.forVersion(Number(header[1]), Number(header[2]));
    this.at = header[0].length;
  }

  /** The trailer dictionary at `at` (where "trailer" is written) into the context, as pdf-lib keeps it. */
  private trailer(at: number): void {
    this.at = at + "trailer".length;
    this.space();
    const dict = this.dict();
    const get = (key: string): PDFObject | undefined => dict.get(PDFName.of(key));
    if (get("Encrypt") || get("Prev")) throw new NotOwnShape("trailer");
    const [Root, Info, ID] = [get("Root"), get("Info"), get("ID")];
    this.context.trailerInfo = { ...(Root && { Root }), ...(Info && { Info }), ...(ID && { ID }) };
  }

  private checkCatalog(): void {
    const root = this.context.lookup(this.context.trailerInfo.Root);
    if (!(root instanceof PDFDict) || root.lookup(TYPE) !== CATALOG) throw new NotOwnShape("catalog");
  }

  /** The object `ref` written at `offset` (lazyDocument's objects): what document() reads there. */
  private objectAt(ref: PDFRef, offset: number): PDFObject {
    this.at = offset;
    OBJECT_HEADER.lastIndex = this.at;
    const head = OBJECT_HEADER.exec(this.src);
    if (!head || Number(head[1]) !== ref.objectNumber || Number(head[2]) !== ref.generationNumber) throw new Error(`own-pdf: no object ${ref.toString()} at ${offset}`);
    this.at = OBJECT_HEADER.lastIndex;
    const object = this.object();
    this.space();
    this.expect("endobj");
    return object;
  }

  private space(): void {
    const { src } = this;
    let i = this.at;
    for (let c = src.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0; c = src.charCodeAt(++i));
    this.at = i;
  }

  private skipComments(): void {
    this.space();
    while (this.src.charCodeAt(this.at) === 0x25 /* % */) {
      const eol = this.src.slice(this.at).search(/[\r\n]/);
      if (eol < 0) throw new NotOwnShape("comment");
      this.at += eol;
      this.space();
    }
  }

  private expect(keyword: string): void {
    if (!this.src.startsWith(keyword, this.at)) throw new NotOwnShape(keyword);
    this.at += keyword.length;
  }

  private object(): PDFObject {
    this.space();
    const c = this.src.charCodeAt(this.at);
    if (c === 0x2f /* / */) return this.name();
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) return this.numberOrRef();
    if (c === 0x3c /* < */) return this.src.charCodeAt(this.at + 1) === 0x3c ? this.dictOrStream() : this.hexString();
    if (c === 0x5b /* [ */) return this.array();
    if (c === 0x28 /* ( */) return this.string();
    for (const [word, value] of KEYWORDS) {
      if (this.src.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    throw new NotOwnShape(`object at ${this.at}`);
  }

  private rawNumber(): number {
    NUMBER.lastIndex = this.at;
    const text = NUMBER.exec(this.src)![0];
    const value = Number(text);
    // pdf-lib throws on these (and warns on unsafe integers): its parser decides
    if (!text || !Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) throw new NotOwnShape("number");
    this.at = NUMBER.lastIndex;
    return value;
  }

  private numberOrRef(): PDFNumber | PDFRef {
    const first = this.rawNumber();
    REF_TAIL.lastIndex = this.at;
    const ref = REF_TAIL.exec(this.src);
    if (ref) {
      const generation = Number(ref[1]);
      if (!Number.isFinite(generation)) throw new NotOwnShape("reference");
      this.at = REF_TAIL.lastIndex;
      return PDFRef.of(first, generation);
    }
    return PDFNumber.of(first);
  }

  private name(): PDFName {
    NAME.lastIndex = this.at;
    const raw = NAME.exec(this.src)![1]!;
    this.at = NAME.lastIndex;
    let name = this.names.get(raw);
    if (!name) this.names.set(raw, (name = PDFName.of(raw)));
    return name;
  }

  private hexString(): PDFHexString {
    const end = this.src.indexOf(">", this.at);
    if (end < 0) throw new NotOwnShape("hex string");
    const value = this.src.slice(this.at + 1, end);
    this.at = end + 1;
    return PDFHexString.of(value);
  }

  /** A literal string, kept as written (escapes and all), as pdf-lib keeps it. */
  private string(): PDFString {
    const { src } = this;
    let depth = 0;
    let escaped = false;
    for (let i = this.at; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (!escaped) {
        if (c === 0x28) depth++;
        else if (c === 0x29) depth--;
      }
      escaped = c === 0x5c /* \ */ ? !escaped : false;
      if (depth === 0) {
        const value = src.slice(this.at + 1, i);
        this.at = i + 1;
        return PDFString.of(value);
      }
    }
    throw new NotOwnShape("string");
  }

  private array(): PDFArray {
    this.at++;
    const array = PDFArray.withContext(this.context);
    for (;;) {
      this.space();
      if (this.src.charCodeAt(this.at) === 0x5d /* ] */) break;
      if (this.at >= this.src.length) throw new NotOwnShape("array");
      array.push(this.object());
    }
    this.at++;
    return array;
  }

  private dict(): PDFDict {
    this.expect("<<");
    const map = new Map<PDFName, PDFObject>();
    for (;;) {
      this.space();
      if (this.src.startsWith(">>", this.at)) break;
      if (this.src.charCodeAt(this.at) !== 0x2f) throw new NotOwnShape("dictionary key");
      const key = this.name();
      map.set(key, this.object());
    }
    this.at += 2;
    const type = map.get(TYPE);
    if (type === CATALOG) return PDFCatalog.fromMapWithContext(map, this.context);
    if (type === PAGES) return PDFPageTree.fromMapWithContext(map, this.context);
    if (type === PAGE) return PDFPageLeaf.fromMapWithContext(map, this.context);
    return PDFDict.fromMapWithContext(map, this.context);
  }

  private dictOrStream(): PDFDict | PDFRawStream {
    const dict = this.dict();
    this.space();
    if (!this.src.startsWith("stream", this.at)) return dict;
    this.at += "stream".length;
    const eol = STREAM_EOLS.find((e) => this.src.startsWith(e, this.at))!;
    const start = this.at + eol.length;
    const length = dict.get(LENGTH);
    if (!(length instanceof PDFNumber)) throw new NotOwnShape("stream length");
    const end = start + length.asNumber();
    this.at = end;
    this.space();
    this.expect("endstream");
    return PDFRawStream.of(dict, this.bytes.subarray(start, end));
  }
}

/**
 * A context's objects parsed on first use, from their offsets in the cross-reference table. Only
 * `get` (pdf-lib's lookup) parses; listing them all (`entries`: enumerateIndirectObjects) parses
 * the rest first, in object-number order.
 */
class LazyObjects extends Map<PDFRef, PDFObject> {
  constructor(private readonly offsets: Map<number, number>, private readonly parse: (ref: PDFRef, offset: number) => PDFObject) {
    super();
  }

  override get(ref: PDFRef): PDFObject | undefined {
    const known = super.get(ref);
    if (known !== undefined || ref.generationNumber !== 0) return known;
    const offset = this.offsets.get(ref.objectNumber);
    if (offset === undefined) return undefined;
    this.offsets.delete(ref.objectNumber);
    const object = this.parse(ref, offset);
    super.set(ref, object);
    return object;
  }

  override entries(): MapIterator<[PDFRef, PDFObject]> {
    for (const n of [...this.offsets.keys()].sort((a, b) => a - b)) this.get(PDFRef.of(n));
    return super.entries();
  }
}

type DocumentConstructor = new (context: PDFContext, ignoreEncryption: boolean, updateMetadata: boolean) => PDFDocument;

/**
 * `bytes` read by this reader, or null when the file is not in the shape it takes. `lazy`: each
 * object parsed when first looked up — only for a PDF pdfkit wrote in this process, as an object
 * not in that shape is then an error instead of a reason to read the file with pdf-lib.
 */
export function readOwnPdf(bytes: Uint8Array, opts: { lazy?: boolean } = {}): PDFDocument | null {
  const context = PDFContext.create();
  try {
    const reader = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"), bytes, context);
    if (opts.lazy) reader.lazyDocument(); else reader.document();
  } catch (e) {
    if (e instanceof NotOwnShape) return null;
    throw e;
  }
  // what PDFDocument.load does with the parsed context (its constructor is private)
  return new (PDFDocument as unknown as DocumentConstructor)(context, false, false);
}

/** `bytes` (a PDF pdfkit wrote) as a pdf-lib document, as PDFDocument.load reads it without updating its metadata. */
export async function loadOwnPdf(bytes: Uint8Array, opts: { lazy?: boolean } = {}): Promise<PDFDocument> {
  return readOwnPdf(bytes, opts) ?? PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}
