// pdfmake made fast enough for Japanese. pdfmake measures every line-break unit on its own (for
// Japanese nearly every character) and resolves ~22 inherited style properties for each by walking
// its style stack; pdfkit parses the font and lays text out again for every document; and a laid
// out document keeps an object per character. These patches remove the repeated work and the
// waste. What a reader gets stays the same (the same glyphs in the same order, each within 0.5 pt
// of where pdfmake puts it, the same pages and drawn rectangles: test/render/pdf/speed-equivalence
// .test.ts), but the bytes do not: runs are drawn as one text object, so files are smaller (the
// seed booklet 325 kB patched, 469 kB unpatched) and coordinates are rounded differently.
// They are the only place planpress reaches into pdfmake's and pdfkit's internals, and three of
// them re-implement a method (TextInlines.measure, Renderer.renderLine, pdfkit's font()). So they
// are written for exact versions (PATCHED_FOR, pinned in package.json with pdfkit and fontkit
// through `overrides`): at start-up the installed versions are read from their package.json, and
// with any other version nothing is patched (slower, never wrong) and the run says so once (PP560).
// PLANPRESS_SPEED_PATCHES switches patches off for comparison: "none", or "-measure,-renderLine".
// Static imports, not require(): the same module instances pdfmake uses, also in the bundled CLI.
import elementWriterModule from "pdfmake/js/ElementWriter.js";
import pdfDocumentModule from "pdfmake/js/PDFDocument.js";
import rendererModule from "pdfmake/js/Renderer.js";
import styleStackModule from "pdfmake/js/StyleContextStack.js";
import textDecoratorModule from "pdfmake/js/TextDecorator.js";
import textInlinesModule from "pdfmake/js/TextInlines.js";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The versions the patches were written for and checked against (package.json pins them). */
export const PATCHED_FOR = { pdfmake: "0.3.11", pdfkit: "0.19.1", fontkit: "2.0.4" } as const;
type Library = keyof typeof PATCHED_FOR;

/** The patches, each switchable (PLANPRESS_SPEED_PATCHES, setSpeedPatches). */
export const PATCHES = ["styleStack", "measure", "inlineCache", "layoutCache", "fontParsing", "subsetCache", "renderLine", "foldLines", "dropPages", "streamWrites"] as const;
export type PatchName = (typeof PATCHES)[number];

/** Which patches act now, and how often each took its fast path (read by --debug and the tests). */
const ON: Record<PatchName, boolean> = Object.fromEntries(PATCHES.map((p) => [p, false])) as Record<PatchName, boolean>;
const HITS: Record<PatchName, number> = Object.fromEntries(PATCHES.map((p) => [p, 0])) as Record<PatchName, number>;

type Props = Record<string, unknown>;

interface StyleStack {
  styleOverrides: unknown[];
  push(item: unknown): void;
  pop(howMany?: number): void;
  getProperty(property: string): unknown;
  /** Resolved properties while the stack is unchanged (dropped on every push and pop). */
  _memo?: Map<string, unknown> | undefined;
}

interface StyleStackClass {
  prototype: StyleStack;
  getStyleProperty(item: Props | string, stack: StyleStack | null | undefined, property: string, defaultValue: unknown): unknown;
}

const isValue = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Style lookups: a property of a text run is looked up on the run, then down the stack of the
 * nodes around it. pdfmake pushes the run onto the stack for each lookup (22 per run) and walks
 * the whole stack; here a run without named styles is not pushed (its own properties were checked
 * first anyway) and the stack's answers are kept until the stack changes.
 */
function patchStyleStack(cls: StyleStackClass): void {
  const proto = cls.prototype;
  const push = proto.push;
  const pop = proto.pop;
  const getProperty = proto.getProperty;
  proto.push = function (this: StyleStack, item: unknown) {
    this._memo = undefined;
    push.call(this, item);
  };
  proto.pop = function (this: StyleStack, howMany?: number) {
    this._memo = undefined;
    pop.call(this, howMany);
  };
  proto.getProperty = function (this: StyleStack, property: string) {
    if (!ON.styleStack) return getProperty.call(this, property);
    const memo = (this._memo ??= new Map());
    if (memo.has(property)) {
      HITS.styleStack++;
      return memo.get(property);
    }
    const value = getProperty.call(this, property);
    memo.set(property, value);
    return value;
  };
  const original = cls.getStyleProperty;
  cls.getStyleProperty = function (item, stack, property, defaultValue) {
    if (!ON.styleStack || typeof item === "string" || item instanceof String) return original.call(cls, item, stack, property, defaultValue);
    const own = item[property];
    if (isValue(own)) return own;
    if (!stack) return defaultValue;
    // autopush would push the item's named styles and then the item, which has no value here.
    if (item.style || item.section !== undefined) return original.call(cls, item, stack, property, defaultValue);
    const value = stack.getProperty(property);
    return isValue(value) ? value : defaultValue;
  };
}

interface EmbeddedFont {
  layoutCache?: Record<string, unknown>;
}
interface PdfmakeDocument {
  fonts: Record<string, Record<string, unknown>>;
  getFontType(bold: boolean, italics: boolean): string;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
}

/**
 * Text layout: pdfkit lays every string out with fontkit once per document (its `layoutCache`).
 * The runs it caches hold glyph ids and advances only, the same whichever document asks and never
 * altered after they are stored, so one cache per font file serves every document of the process.
 */
function patchLayoutCache(proto: PdfmakeDocument): void {
  const provideFont = proto.provideFont;
  const shared = new Map<string, Record<string, unknown>>();
  proto.provideFont = function (this: PdfmakeDocument, family, bold, italics) {
    const embedded = provideFont.call(this, family, bold, italics);
    if (!ON.layoutCache) return embedded;
    // The font's name in pdfmake's virtual file system (fonts.ts): one per font file.
    const file = this.fonts[family]?.[this.getFontType(bold, italics)];
    if (embedded.layoutCache && typeof file === "string") {
      let cache = shared.get(file);
      if (!cache) shared.set(file, (cache = Object.create(null) as Record<string, unknown>));
      else if (embedded.layoutCache !== cache) HITS.layoutCache++;
      embedded.layoutCache = cache;
    }
    return embedded;
  };
}

interface FontkitFont { postscriptName?: string; getGlyph?(id: number): { advanceWidth?: number } | undefined; _tables?: { head?: { checkSumAdjustment?: number }; name?: { records?: unknown } } }
interface PdfkitFont { name?: string; font: FontkitFont; widths?: number[]; scale?: number }

/**
 * A character the font lacks is drawn as glyph 0 (.notdef). pdfkit lays it out 1000/1000 em wide
 * but writes its width into the PDF's /W array unscaled (`getGlyph(0).advanceWidth`: 2048 for a
 * 2048-unit font), so a viewer advanced 2.048 em after it and the glyphs that followed in the
 * same text object overlapped the next ones (an emoji, 𠮷 or 한 before kana). Scaled here like
 * every other glyph's width.
 */
function scaleNotdefWidth(embedded: PdfkitFont | null): void {
  const w = embedded?.widths;
  const scale = embedded?.scale;
  const notdef = embedded?.font.getGlyph?.(0)?.advanceWidth;
  // still the unscaled advance pdfkit's constructor stored (font units, not thousandths of an em)
  if (w && typeof scale === "number" && typeof notdef === "number" && w.length > 0 && w[0] === notdef && scale !== 1) w[0] = notdef * scale;
}

interface PdfkitDocument {
  _font: PdfkitFont | null;
  _fontFamilies: Record<string, PdfkitFont>;
  _fontCount: number;
  _fontSource: unknown;
  _fontFamily: unknown;
  font(src: unknown, family?: unknown, size?: unknown): PdfkitDocument;
}

/** pdfkit's isEqualFont: the same font file. */
const sameFont = (a: FontkitFont, b: FontkitFont): boolean => a === b
  || (a._tables?.head?.checkSumAdjustment === b._tables?.head?.checkSumAdjustment
    && JSON.stringify(a._tables?.name?.records) === JSON.stringify(b._tables?.name?.records));

/**
 * Font parsing: pdfkit parses the font file (fontkit) for every document, and fontkit reads its
 * tables again on first use in each. The parsed font of each file's bytes (fonts.ts keeps them
 * once per process) is kept and given to every later document; each document still has its own
 * embedded font, subset and id, registered as pdfkit's `font()` registers them.
 */
function patchFontParsing(proto: PdfkitDocument): void {
  const font = proto.font;
  const parsed = new WeakMap<Uint8Array, FontkitFont>();
  let Embedded: (new (doc: PdfkitDocument, font: FontkitFont, id: string) => PdfkitFont) | undefined;
  proto.font = function (this: PdfkitDocument, src, family, size) {
    if (!ON.fontParsing) return font.call(this, src, family, size);
    const bytes = src instanceof Uint8Array && family === undefined && size === undefined ? src : undefined;
    const known = bytes ? parsed.get(bytes) : undefined;
    if (!known || !Embedded) {
      const result = font.call(this, src, family, size);
      scaleNotdefWidth(this._font);
      if (bytes && this._font?.font) {
        parsed.set(bytes, this._font.font);
        Embedded = this._font.constructor as typeof Embedded;
      }
      return result;
    }
    HITS.fontParsing++;
    this._fontSource = src;
    this._fontFamily = family;
    // pdfkit numbers the font before it finds the same font already registered: so do we.
    const id = `F${++this._fontCount}`;
    const name = known.postscriptName;
    const existing = name ? this._fontFamilies[name] : undefined;
    if (existing && sameFont(existing.font, known)) {
      this._font = existing;
      return this;
    }
    const embedded = new Embedded(this, known, id);
    scaleNotdefWidth(embedded);
    this._font = embedded;
    if (embedded.name && !this._fontFamilies[embedded.name]) this._fontFamilies[embedded.name] = embedded;
    if (!embedded.name || this._fontFamilies[embedded.name] !== embedded) this._fontFamilies[id] = embedded;
    return this;
  };
}

interface PdfkitReference {
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  buffer: Uint8Array[] | Uint8Array;
  /** Lines written since the last bytes (streamWrites), one string until they are turned into bytes. */
  _lines?: string;
  write(chunk: unknown): void;
  finalize(): void;
}

/**
 * Stream writes: pdfkit turns every line written to a stream (each drawing operator of a page)
 * into a Buffer of its own and concatenates them when the stream ends — a few thousand small
 * Buffers a document. Lines written in a row are kept as one string and turned into bytes once,
 * before anything else is written to the stream and when it ends: the same bytes, in the same order.
 */
function patchStreamWrites(proto: PdfkitReference): void {
  const { write, finalize } = proto;
  const flush = (ref: PdfkitReference) => {
    if (!ref._lines) return;
    (ref.buffer as Uint8Array[]).push(Buffer.from(ref._lines, "latin1"));
    ref._lines = "";
  };
  proto.write = function (this: PdfkitReference, chunk) {
    if (!ON.streamWrites || chunk instanceof Uint8Array) { flush(this); return write.call(this, chunk); }
    HITS.streamWrites++;
    const line = `${String(chunk)}\n`;
    this._lines = (this._lines ?? "") + line;
    this.uncompressedLength += line.length;
    this.data.Length = (this.data.Length ?? 0) + line.length;
    if (this.compress) this.data.Filter = "FlateDecode";
  };
  proto.finalize = function (this: PdfkitReference) {
    flush(this);
    return finalize.call(this);
  };
}

/** pdfkit's PDFReference class, which it does not export: from a ref made for a stand-in document. */
function referencePrototype(docProto: object): PdfkitReference {
  const ref = (docProto as { ref(this: object, data: object): object }).ref.call({ _offsets: [], _waiting: 0, compress: false }, {});
  return Object.getPrototypeOf(ref) as PdfkitReference;
}

interface FontkitSubset { font: object; glyphs: number[]; mapping: Record<number, number>; encode(): Uint8Array }

/** Encoded subsets kept per font: a watch process's documents, each face of each (LRU). */
const SUBSETS_KEPT = 16;

/**
 * Font subsets: when a document ends, fontkit encodes its subset of the font (every glyph decoded
 * and copied, the tables rebuilt), 10–35 ms a face. `watch` makes the same documents again and
 * again, mostly with the same glyphs, and the same glyphs (in the same order) of the same parsed
 * font (fontParsing) encode to the same bytes: those are taken from the subsets made last. fontkit's
 * subset classes are reached through the embedded fonts pdfkit makes.
 */
/**
 * A subset's tag (the six letters before its name, ABCDEF+BIZUDPGothic-Regular): pdfkit makes it
 * from the font's resource name, so every document tagged its first face BZZZZZ and its second
 * CZZZZZ — a department file carried two different subsets of BIZUDPGothic both as BZZZZZ (its
 * own bold and the page numbers' regular), which ISO 32000 (9.6.4) forbids, and a tool joining
 * handouts may take fonts of one name for one font. Here the tag comes from the face and its
 * glyphs: the same for the same subset, so outputs stay the same from run to run. Not a speed
 * patch: installed with subsetCache, whatever PLANPRESS_SPEED_PATCHES says.
 */
function tagSubsets(fontProto: { embed?: () => unknown }): void {
  const embed = fontProto.embed!;
  fontProto.embed = function (this: { id: string; font?: { postscriptName?: string }; subset?: { glyphs?: number[] } }) {
    if (!this.subset?.glyphs || typeof this.id !== "string") return embed.call(this);
    const id = this.id;
    const hash = createHash("sha256").update(`${this.font?.postscriptName ?? ""}\u0000${this.subset.glyphs.join(",")}`).digest();
    // pdfkit adds 17 to the char codes of id[1..6]: '0' (48) to 'I' (73) give 'A' to 'Z'
    this.id = `${id[0] ?? "F"}${[...hash.subarray(0, 6)].map((b) => String.fromCharCode(48 + (b % 26))).join("")}`;
    try {
      return embed.call(this);
    } finally {
      this.id = id;
    }
  };
}

function patchSubsetCache(proto: PdfkitDocument): void {
  const font = proto.font;
  const patched = new WeakSet<object>();
  const kept = new WeakMap<object, Map<string, { bytes: Uint8Array; glyphs: number[] }>>();
  const install = (subsetProto: FontkitSubset): void => {
    const encode = subsetProto.encode;
    subsetProto.encode = function (this: FontkitSubset) {
      if (!ON.subsetCache) return encode.call(this);
      let byGlyphs = kept.get(this.font);
      if (!byGlyphs) kept.set(this.font, (byGlyphs = new Map()));
      const key = this.glyphs.join(",");
      const known = byGlyphs.get(key);
      if (known) {
        HITS.subsetCache++;
        byGlyphs.delete(key);
        byGlyphs.set(key, known);
        // as encoding leaves it: the glyphs of composite glyphs' components added
        this.glyphs = [...known.glyphs];
        this.mapping = {};
        known.glyphs.forEach((g, i) => { this.mapping[g] = i; });
        return known.bytes;
      }
      const bytes = encode.call(this);
      byGlyphs.set(key, { bytes, glyphs: [...this.glyphs] });
      if (byGlyphs.size > SUBSETS_KEPT) byGlyphs.delete(byGlyphs.keys().next().value!);
      return bytes;
    };
  };
  proto.font = function (this: PdfkitDocument, src, family, size) {
    const result = font.call(this, src, family, size);
    const subset = (this._font as { subset?: FontkitSubset } | null)?.subset;
    // TrueType and CFF faces have a subset class each
    const cls = subset ? Object.getPrototypeOf(subset) as FontkitSubset : null;
    if (cls && !patched.has(cls) && typeof cls.encode === "function") {
      patched.add(cls);
      install(cls);
    }
    const embeddedCls = subset ? Object.getPrototypeOf(this._font) as { embed?: () => unknown } : null;
    if (embeddedCls && !patched.has(embeddedCls) && typeof embeddedCls.embed === "function") {
      patched.add(embeddedCls);
      tagSubsets(embeddedCls);
    }
    return result;
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- pdfkit's drawing state is untyped */
interface Inline {
  text: string; x: number; width: number; height: number; fontSize: number; font: any; color?: unknown;
  opacity?: unknown; characterSpacing?: number; link?: unknown; linkToPage?: unknown; linkToDestination?: unknown;
  fontFeatures?: unknown; sup?: boolean; sub?: boolean; _pageNodeRef?: unknown;
  decoration?: unknown; background?: unknown; trailingCut?: number;
  /** After compactLine: the texts and positions of the units this run stands for. */
  _texts?: string[]; _xs?: number[];
}
interface Line {
  inlines: Inline[]; id?: string; _outline?: unknown; _pageNodeRef?: unknown;
  getHeight(): number; getAscenderHeight(): number;
}
interface ElementWriter { addLine(line: Line, dontUpdateContextPosition?: boolean, index?: number): unknown }
interface Renderer { pdfDocument: any; outlineMap: Record<string, any>; renderLine(line: Line, x: number, y: number): void; renderPages(pages: unknown[]): void }

/** pdfkit's number format in content streams. */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/** A run drawn as plain glyphs (or a link within the document): no URL, page link, font features, spacing or raised/lowered text. */
const plain = (inline: Inline): boolean =>
  !inline.link && !inline.linkToPage && (!inline.linkToDestination || typeof inline.linkToDestination === "string")
  && !inline.fontFeatures && !inline.characterSpacing
  && !inline.sup && !inline.sub && !inline._pageNodeRef && !inline.text.includes("\n")
  && (inline.color === undefined || inline.color === null || typeof inline.color === "string");

const sameLook = (a: Inline, b: Inline): boolean =>
  a.font === b.font && a.fontSize === b.fontSize && a.color === b.color && a.opacity === b.opacity
  && a.linkToDestination === b.linkToDestination;

/** Lines drawn by patchRenderLine rather than by pdfmake: plain runs only, no anchors or bookmarks. */
const drawnHere = (line: Line): boolean => !line._outline && !line._pageNodeRef && !line.id && line.inlines.every(plain);

/**
 * Memory: pdfmake keeps every break unit of every line (for Japanese, an object of ~30 properties
 * per character) until the whole document is drawn: 243k of them for the 400-page booklet of
 * 1,000 projects, 55k after folding (heap at the end of layout 172 → 148 MB). Once
 * a line has its place (and its justification), the units of one look that follow each other are
 * folded into the first: their texts and positions stay, as patchRenderLine draws them, so the
 * output is the same bytes. Only lines patchRenderLine draws are folded (no decoration or
 * background, which pdfmake draws per unit).
 */
function compactLine(line: Line): boolean {
  const inlines = line.inlines;
  if (inlines.length < 2 || !drawnHere(line) || inlines.some((u) => u.decoration || u.background)) return false;
  const out: Inline[] = [inlines[0]!];
  for (let k = 1; k < inlines.length; k++) {
    const unit = inlines[k]!;
    const run = out[out.length - 1]!;
    if (!sameLook(run, unit) || run.height !== unit.height) {
      out.push(unit);
      continue;
    }
    (run._texts ??= [run.text]).push(unit.text);
    (run._xs ??= [run.x]).push(unit.x);
    run.width = unit.x + unit.width - run.x;
    run.trailingCut = unit.trailingCut ?? 0;
  }
  line.inlines = out;
  return true;
}

/**
 * pdfmake hangs the laid-out pages on the pdfkit document (`_pdfMakePages`, read nowhere), and the
 * last pdfkit document stays reachable after its bytes are out: the whole layout of one document
 * was held while the next was laid out (~280 MB after a 2,000-page booklet). Dropped once drawn.
 */
function patchRenderPages(proto: Renderer): void {
  const renderPages = proto.renderPages;
  proto.renderPages = function (this: Renderer, pages) {
    renderPages.call(this, pages);
    if (!ON.dropPages) return;
    HITS.dropPages++;
    delete this.pdfDocument._pdfMakePages;
  };
}

/**
 * Bookmarks (not a speed patch: on whenever the versions match). pdfmake adds a line's outline
 * item with no position, and pdfkit gives it [page /XYZ pageWidth pageHeight 0]: a bookmark
 * opened its page at the top, scrolled to the page's right edge, not at its heading (a card
 * halfway down a page). Its destination is set to the line's top, the reader's left and zoom kept.
 */
function patchOutlineDest(proto: Renderer): void {
  const renderLine = proto.renderLine;
  proto.renderLine = function (this: Renderer, line: Line, x: number, y: number) {
    const outline = line._outline as { parentId?: string } | undefined;
    if (!outline) { renderLine.call(this, line, x, y); return; }
    const doc = this.pdfDocument;
    const parent = (outline.parentId && this.outlineMap[outline.parentId]) || doc.outline;
    const before = parent.children.length;
    renderLine.call(this, line, x, y);
    const item = parent.children[before];
    if (item?.outlineData?.Dest) item.outlineData.Dest = [doc.page.dictionary, "XYZ", null, num(doc.page.height - (y || 0)), null];
  };
}

function patchAddLine(proto: ElementWriter): void {
  const addLine = proto.addLine;
  proto.addLine = function (this: ElementWriter, line, dontUpdateContextPosition, index) {
    const placed = addLine.call(this, line, dontUpdateContextPosition, index);
    // false: no room here, pdfmake places (and aligns) the line again on the next page
    if (placed !== false && ON.foldLines && ON.renderLine && compactLine(line)) HITS.foldLines++;
    return placed;
  };
}

/**
 * Drawing lines: pdfmake draws every run on its own (colour, opacity, a fill, a saved graphics
 * state, a text object and a font selection per run; in Japanese a run is often one character).
 * Runs of the same font, size and colour in a line are drawn here in one text object, each at
 * exactly the position pdfmake gave it, with pdfkit's own glyph encoding. Lines with anything
 * else (URLs, anchors, bookmarks, page references, features) are drawn by pdfmake as before.
 */
function patchRenderLine(proto: Renderer, decorator: new (doc: unknown) => { drawBackground(l: Line, x: number, y: number): void; drawDecorations(l: Line, x: number, y: number): void }): void {
  const renderLine = proto.renderLine;
  proto.renderLine = function (this: Renderer, line: Line, x: number, y: number) {
    if (!ON.renderLine || !drawnHere(line)) {
      renderLine.call(this, line, x, y);
      return;
    }
    HITS.renderLine++;
    const doc = this.pdfDocument;
    x = x || 0;
    y = y || 0;
    const lineHeight = line.getHeight();
    const descent = lineHeight - line.getAscenderHeight();
    const textDecorator = new decorator(doc);
    textDecorator.drawBackground(line, x, y);
    const inlines = line.inlines;
    for (let i = 0; i < inlines.length;) {
      const first = inlines[i]!;
      let end = i + 1;
      while (end < inlines.length && sameLook(first, inlines[end]!)) end++;
      const font = first.font;
      const size = first.fontSize;
      doc.opacity(typeof first.opacity === "number" && !Number.isNaN(first.opacity) ? first.opacity : 1);
      doc.fillColor(doc.resolveColor(first.color, "black"));
      doc._font = font;
      doc.fontSize(size);
      if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
      const shiftToBaseline = lineHeight - (font.ascender / 1000) * size - descent;
      // pdfkit's default baseline: the glyphs hang from the line's top by the font's ascender.
      const baseline = doc.page.height - (y + shiftToBaseline) - (font.ascender / 1000) * size;
      const scale = size / 1000;
      // One link over the runs (pdfmake makes one per run, in contents lines one per character).
      if (first.linkToDestination) {
        const lastRun = inlines[end - 1]!;
        doc.goTo(x + first.x, y + shiftToBaseline, lastRun.x + lastRun.width - first.x, doc.currentLineHeight(), first.linkToDestination);
      }
      doc.save();
      doc.transform(1, 0, 0, -1, 0, doc.page.height);
      doc.addContent("BT");
      doc.addContent(`/${font.id} ${num(size)} Tf`);
      // pdfkit's _fragment per run (glyphs in segments, a kerning adjustment after a segment, a
      // new text matrix around a glyph placed off its advance), but one TJ for the runs that
      // follow on from each other: pdfmake places a run where the previous one's advance ends.
      const commands: string[] = [];
      const flushTJ = (): void => {
        if (commands.length > 0) {
          doc.addContent(`[${commands.join(" ")}] TJ`);
          commands.length = 0;
        }
      };
      let pen = Number.NaN;
      const pieces: [string, number][] = [];
      for (let k = i; k < end; k++) {
        const inline = inlines[k]!;
        if (inline._texts && inline._xs) inline._texts.forEach((t, p) => pieces.push([t, inline._xs![p]!]));
        else pieces.push([inline.text, inline.x]);
      }
      for (const [text, at] of pieces) {
        if (text.length === 0) continue;
        const [encoded, positions] = font.encode(text) as [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
        let gx = x + at;
        if (!(Math.abs(gx - pen) < 1e-3)) {
          flushTJ();
          doc.addContent(`1 0 0 1 ${num(gx)} ${num(baseline)} Tm`);
        }
        let last = 0;
        let hadOffset = false;
        const segment = (cur: number): void => {
          if (last < cur) {
            const pos = positions[cur - 1]!;
            commands.push(`<${encoded.slice(last, cur).join("")}> ${num(-(pos.xAdvance - pos.advanceWidth))}`);
          }
          last = cur;
        };
        const flush = (cur: number): void => {
          segment(cur);
          flushTJ();
        };
        let g = 0;
        for (; g < positions.length; g++) {
          const pos = positions[g]!;
          if (pos.xOffset || pos.yOffset) {
            flush(g);
            doc.addContent(`1 0 0 1 ${num(gx + pos.xOffset * scale)} ${num(baseline + pos.yOffset * scale)} Tm`);
            flush(g + 1);
            hadOffset = true;
          } else {
            if (hadOffset) {
              doc.addContent(`1 0 0 1 ${num(gx)} ${num(baseline)} Tm`);
              hadOffset = false;
            }
            if (pos.xAdvance - pos.advanceWidth !== 0) segment(g + 1);
          }
          gx += pos.xAdvance * scale;
        }
        segment(g);
        // After a glyph off its advance the text matrix is not at the pen: the next run sets it.
        pen = hadOffset ? Number.NaN : gx;
      }
      flushTJ();
      doc.addContent("ET");
      doc.restore();
      i = end;
    }
    textDecorator.drawDecorations(line, x, y);
  };
}

/**
 * The style properties pdfmake's TextInlines.measure resolves for every unit, with its defaults, in
 * its order (speed.test.ts reads them out of pdfmake's own measure and fails when they differ).
 */
export const MEASURED: readonly (readonly [string, unknown])[] = [
  ["font", "Roboto"], ["bold", false], ["italics", false], ["alignment", "left"], ["fontSize", 12],
  ["fontFeatures", null], ["characterSpacing", 0], ["color", "black"], ["decoration", null],
  ["decorationColor", null], ["decorationStyle", null], ["decorationThickness", null], ["background", null],
  ["link", null], ["linkToPage", null], ["linkToDestination", null], ["noWrap", null], ["opacity", 1],
  ["sup", false], ["sub", false], ["lineHeight", 1], ["preserveLeadingSpaces", false], ["preserveTrailingSpaces", false],
];
/** What a unit's resolution depends on besides the stack: its own values of these. */
const OWN_KEYS = [...MEASURED.map(([k]) => k), "style", "section"];
const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

interface TextInlines {
  pdfDocument: { provideFont(family: unknown, bold: unknown, italics: unknown): { lineHeight(size: number): number } };
  widthOfText(text: string, inline: Props): number;
  measure(array: Props[], stack: StyleStack): Props[];
  buildInlines(textArray: unknown, stack: StyleStack): { items: Props[]; minWidth: number; maxWidth: number };
}

/** A unit's font as measuring asked pdfmake for it: family, bold, italics (inlineCache gives a copy the same). */
type FontAsked = readonly [string, boolean, boolean];
const FONT_ASKED = new WeakMap<object, FontAsked>();

/**
 * Measuring: pdfmake resolves the 23 style properties of every break unit separately, though the
 * units cut from one text run carry the same values. Here a unit whose own values are those of
 * the unit before takes that unit's resolved properties; widths are still measured per unit.
 * Otherwise pdfmake's TextInlines.measure line for line.
 */
function patchMeasure(proto: TextInlines, styles: StyleStackClass): void {
  const get = (item: Props, stack: StyleStack, property: string, defaultValue: unknown): unknown =>
    styles.getStyleProperty(item, stack, property, defaultValue);
  const measure = proto.measure;
  proto.measure = function (this: TextInlines, array, stack) {
    if (!ON.measure) return measure.call(this, array, stack);
    HITS.measure++;
    if (array.length) {
      const leadingIndent = get(array[0]!, stack, "leadingIndent", 0);
      if (leadingIndent) {
        array[0]!.leadingCut = -(leadingIndent as number);
        array[0]!.leadingIndent = leadingIndent;
      }
    }
    let own: unknown[] | null = null;
    let resolved: Props = {};
    for (const item of array) {
      let same = own !== null;
      for (let k = 0; same && k < OWN_KEYS.length; k++) same = item[OWN_KEYS[k]!] === own![k];
      if (!same) {
        own = OWN_KEYS.map((key) => item[key]);
        const r: Props = {};
        for (const [key, def] of MEASURED) r[key] = get(item, stack, key, def);
        const asked = [r.font, r.bold, r.italics] as const;
        r.font = this.pdfDocument.provideFont(r.font, r.bold, r.italics);
        r.asked = asked;
        if (r.sup || r.sub) r.fontSize = (r.fontSize as number) * 0.58;
        r.height = (r.font as { lineHeight(size: number): number }).lineHeight(r.fontSize as number) * (r.lineHeight as number);
        resolved = r;
      }
      const r = resolved;
      FONT_ASKED.set(item, r.asked as FontAsked);
      item.font = r.font; item.alignment = r.alignment; item.fontSize = r.fontSize; item.fontFeatures = r.fontFeatures;
      item.characterSpacing = r.characterSpacing; item.color = r.color; item.decoration = r.decoration;
      item.decorationColor = r.decorationColor; item.decorationStyle = r.decorationStyle;
      item.decorationThickness = r.decorationThickness; item.background = r.background; item.link = r.link;
      item.linkToPage = r.linkToPage; item.linkToDestination = r.linkToDestination; item.noWrap = r.noWrap;
      item.opacity = r.opacity; item.sup = r.sup; item.sub = r.sub;
      const text = item.text as string;
      item.width = this.widthOfText(text, item);
      item.height = r.height;
      if (!item.leadingCut) item.leadingCut = 0;
      if (!r.preserveLeadingSpaces) {
        const spaces = text.match(LEADING);
        if (spaces) item.leadingCut = (item.leadingCut as number) + this.widthOfText(spaces[0]!, item);
      }
      item.trailingCut = 0;
      if (!r.preserveTrailingSpaces) {
        const spaces = text.match(TRAILING);
        if (spaces) item.trailingCut = this.widthOfText(spaces[0]!, item);
      }
    }
    return array;
  };
}

/** What breaking and measuring a text read from the style stack (TextBreaker, buildInlines, measure). */
const STACK_KEYS: readonly (readonly [string, unknown])[] = [...MEASURED, ["wordBreak", "normal"], ["leadingIndent", 0]];
/** A run's own keys a cached measurement may depend on: any other key (a page reference, a node id) is not cached. */
const RUN_KEYS = new Set(["text", ...STACK_KEYS.map(([k]) => k), "style"]);
/**
 * Measured units kept (~0.5 kB each; keeping every text added 200–260 MB at 1,000 projects). When
 * full, all are dropped and the cache fills again: the texts of a large plan recur in cycles
 * longer than any such cache (its 全庁共通 rows, file after file), where keeping the most recent
 * would never find one again, and a long `watch` session keeps the texts of its latest builds.
 */
const UNITS_KEPT = 100_000;
/** A text's cache key: its runs and the style they resolve in, or null when a run carries anything else. */
function inlinesKey(textArray: unknown, stack: StyleStack, styles: StyleStackClass): string | null {
  let key = "";
  const runs = Array.isArray(textArray) ? textArray : [textArray];
  for (const run of runs) {
    if (typeof run === "string") { key += `\u0001${run}`; continue; }
    if (!run || typeof run !== "object" || Array.isArray(run)) return null;
    key += "\u0002";
    for (const k in run) {
      const v = (run as Props)[k];
      if (!RUN_KEYS.has(k) || (v !== null && typeof v === "object")) return null;
      key += `${k}\u0003${typeof v}${String(v)}\u0004`;
    }
  }
  for (const [k, d] of STACK_KEYS) {
    const v = styles.getStyleProperty({}, stack, k, d);
    if (v !== null && typeof v === "object") return null;
    key += `\u0005${typeof v}${String(v)}`;
  }
  return key;
}

/**
 * Texts measured again: pdfmake breaks a text into units and measures each whenever it lays it
 * out, though a document repeats its texts (the column titles on every page, a 全庁共通 row in
 * each department's file), a heading kept with its table lays the same texts out again, and
 * `watch` makes the same documents again and again. A text's units and widths depend only on its
 * runs, the style they resolve in and the font files its families name: those of a text met
 * before are copied (the layout changes the copies, never the kept ones), each unit given this
 * document's font for its family, asked for in the order measuring would ask.
 */
function patchInlineCache(proto: TextInlines, styles: StyleStackClass): void {
  const buildInlines = proto.buildInlines;
  /** A text's units; the fonts their measuring asked for, each once in the order first asked; each unit's among them. */
  interface Kept { items: Props[]; asked: FontAsked[]; fontOf: number[]; minWidth: number; maxWidth: number }
  let kept = new Map<string, Kept>();
  let units = 0;
  forgetTexts = () => {
    kept = new Map();
    units = 0;
  };
  /** A document's font files by family (its pdfmake font dictionary), as a key. */
  const fontFiles = new WeakMap<object, string>();
  type Doc = TextInlines["pdfDocument"] & { fonts?: unknown };
  proto.buildInlines = function (this: TextInlines, textArray, stack) {
    if (!ON.inlineCache) return buildInlines.call(this, textArray, stack);
    const text = inlinesKey(textArray, stack, styles);
    if (text === null) return buildInlines.call(this, textArray, stack);
    const doc = this.pdfDocument as Doc;
    let files = fontFiles.get(doc);
    if (files === undefined) fontFiles.set(doc, (files = JSON.stringify(doc.fonts ?? null)));
    const key = `${files}\u0006${text}`;
    const known = kept.get(key);
    if (known) {
      HITS.inlineCache++;
      const provided = known.asked.map(([family, bold, italics]) => doc.provideFont(family, bold, italics));
      const items = known.items.map((item, i) => ({ ...item, font: provided[known.fontOf[i]!] }));
      return { items, minWidth: known.minWidth, maxWidth: known.maxWidth };
    }
    const built = buildInlines.call(this, textArray, stack);
    // a long text seldom recurs
    if (built.items.length > 400) return built;
    // what measuring asked for each unit's font (not known when measure is not patched)
    const fonts = built.items.map((item) => FONT_ASKED.get(item));
    if (fonts.some((f) => f === undefined)) return built;
    if (units + built.items.length > UNITS_KEPT) {
      kept = new Map();
      units = 0;
    }
    // kept without the document's font, which would keep the whole document alive
    const asked: FontAsked[] = [];
    const fontOf = (fonts as FontAsked[]).map((f) => {
      const at = asked.findIndex((a) => a[0] === f[0] && a[1] === f[1] && a[2] === f[2]);
      return at >= 0 ? at : asked.push(f) - 1;
    });
    kept.set(key, { items: built.items.map((item) => ({ ...item, font: undefined })), asked, fontOf, minWidth: built.minWidth, maxWidth: built.maxWidth });
    units += built.items.length;
    return built;
  };
}

/**
 * The class a pdfmake module exports: Node gives the CommonJS exports (`{ default: Class }`),
 * bundlers and test runners may give the class itself.
 */
export function exported<T>(module: unknown): T | undefined {
  const m = module as { default?: unknown } | undefined;
  return (m && typeof m === "object" && "default" in m ? m.default : m) as T | undefined;
}

/** The version of a package as `from` resolves it (its package.json, found above its entry point). */
function packageVersion(from: NodeJS.Require, name: string): { version: string | null; require: NodeJS.Require | null } {
  try {
    let dir = path.dirname(from.resolve(name));
    for (;;) {
      const file = path.join(dir, "package.json");
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
        if (pkg.name === name) return { version: pkg.version ?? null, require: createRequire(file) };
      } catch { /* no package.json here */ }
      const up = path.dirname(dir);
      if (up === dir) return { version: null, require: null };
      dir = up;
    }
  } catch {
    return { version: null, require: null };
  }
}

/** The installed pdfmake, the pdfkit pdfmake loads and the fontkit that pdfkit loads. */
export function installedVersions(): Record<Library, string | null> {
  const pdfmake = packageVersion(createRequire(import.meta.url), "pdfmake");
  const pdfkit = pdfmake.require ? packageVersion(pdfmake.require, "pdfkit") : { version: null, require: null };
  const fontkit = pdfkit.require ? packageVersion(pdfkit.require, "fontkit") : { version: null, require: null };
  return { pdfmake: pdfmake.version, pdfkit: pdfkit.version, fontkit: fontkit.version };
}

/** Patches named by PLANPRESS_SPEED_PATCHES: unset = all; "none"; "a,b" = those; "-a,-b" = all but those. */
export function patchesFromEnv(value = process.env.PLANPRESS_SPEED_PATCHES): PatchName[] {
  const text = value?.trim();
  if (!text) return [...PATCHES];
  if (text === "none") return [];
  const names = text.split(",").map((n) => n.trim()).filter(Boolean);
  const known = (n: string): n is PatchName => (PATCHES as readonly string[]).includes(n);
  if (names.every((n) => n.startsWith("-"))) return PATCHES.filter((p) => !names.includes(`-${p}`));
  return names.filter(known);
}

export interface SpeedStatus {
  versions: Record<Library, string | null>;
  /** Why nothing is patched (another version of a library), if so. */
  mismatch?: { library: Library; found: string; expected: string } | undefined;
  /** The patches acting now. */
  active: PatchName[];
  /** How often each took its fast path in this process. */
  hits: Record<PatchName, number>;
}

let status: Omit<SpeedStatus, "active" | "hits"> | undefined;

/** inlineCache's kept texts dropped (setSpeedPatches). */
let forgetTexts = (): void => undefined;

/**
 * Switches patches on and off (tests compare documents with and without them); only once
 * installed. The texts inlineCache kept are forgotten: what a test measures is made afresh.
 */
export function setSpeedPatches(names: readonly PatchName[]): void {
  for (const p of PATCHES) ON[p] = !status?.mismatch && installedOnce && names.includes(p);
  forgetTexts();
}

export function speedStatus(): SpeedStatus {
  return { versions: status?.versions ?? installedVersions(), mismatch: status?.mismatch, active: PATCHES.filter((p) => ON[p]), hits: { ...HITS } };
}

let installedOnce = false;

/**
 * Installs the patches once per process (idempotent) when pdfmake, pdfkit and fontkit are the
 * versions in PATCHED_FOR, and switches on those PLANPRESS_SPEED_PATCHES names (all by default).
 * With any other version nothing is touched: the status says which (fonts.ts reports PP560).
 */
export function installSpeedPatches(names: readonly PatchName[] = patchesFromEnv(), versions = installedVersions()): SpeedStatus {
  if (status) return speedStatus();
  const wrong = (Object.keys(PATCHED_FOR) as Library[]).find((lib) => versions[lib] !== PATCHED_FOR[lib]);
  status = { versions, mismatch: wrong ? { library: wrong, found: versions[wrong] ?? "?", expected: PATCHED_FOR[wrong] } : undefined };
  if (wrong) return speedStatus();
  const cls = exported<StyleStackClass>(styleStackModule)!;
  patchStyleStack(cls);
  patchMeasure(exported<{ prototype: TextInlines }>(textInlinesModule)!.prototype, cls);
  patchInlineCache(exported<{ prototype: TextInlines }>(textInlinesModule)!.prototype, cls);
  const renderer = exported<{ prototype: Renderer }>(rendererModule)!;
  patchRenderLine(renderer.prototype, exported<new (doc: unknown) => never>(textDecoratorModule)!);
  patchRenderPages(renderer.prototype);
  patchOutlineDest(renderer.prototype);
  // folded lines can only be drawn by the patched renderLine (foldLines acts only with renderLine)
  patchAddLine(exported<{ prototype: ElementWriter }>(elementWriterModule)!.prototype);
  const doc = exported<{ prototype: PdfmakeDocument }>(pdfDocumentModule)!;
  patchLayoutCache(doc.prototype);
  patchFontParsing(doc.prototype as unknown as PdfkitDocument);
  patchSubsetCache(doc.prototype as unknown as PdfkitDocument);
  patchStreamWrites(referencePrototype(doc.prototype));
  installedOnce = true;
  setSpeedPatches(names);
  return speedStatus();
}
