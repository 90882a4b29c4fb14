// pdfmake made fast enough for Japanese. pdfmake measures every line-break unit on its own (for
// Japanese nearly every character) and resolves ~22 inherited style properties for each by walking
// its style stack; pdfkit parses the font and lays text out again for every document. These
// patches keep the results the same (the outputs are byte-identical with and without them) and
// remove the repeated work. They are the only place planpress reaches into pdfmake's and pdfkit's
// internals (pdfmake 0.3.x, pdfkit 0.17+, fontkit 2): `installSpeedPatches()` checks the shapes it
// relies on and leaves a library alone when they differ, so an upgrade makes rendering slower,
// never wrong.
import { createRequire } from "node:module";

const requireHere = createRequire(import.meta.url);
// pdfmake's own copies of pdfkit and fontkit, whichever node_modules they live in.
const pdfmakeMain = requireHere.resolve("pdfmake");
const requirePdfmake = createRequire(pdfmakeMain);
const requirePdfkit = createRequire(requirePdfmake.resolve("pdfkit"));

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
    const memo = (this._memo ??= new Map());
    if (memo.has(property)) return memo.get(property);
    const value = getProperty.call(this, property);
    memo.set(property, value);
    return value;
  };
  const original = cls.getStyleProperty;
  cls.getStyleProperty = function (item, stack, property, defaultValue) {
    if (typeof item === "string" || item instanceof String) return original.call(cls, item, stack, property, defaultValue);
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
    // The font's name in pdfmake's virtual file system (fonts.ts): one per font file.
    const file = this.fonts[family]?.[this.getFontType(bold, italics)];
    if (embedded.layoutCache && typeof file === "string") {
      let cache = shared.get(file);
      if (!cache) shared.set(file, (cache = Object.create(null) as Record<string, unknown>));
      embedded.layoutCache = cache;
    }
    return embedded;
  };
}

let installed = false;

/** Installs the patches once per process (idempotent). */
export function installSpeedPatches(): void {
  if (installed) return;
  installed = true;
  const styles = requirePdfmake("./StyleContextStack.js") as { default?: StyleStackClass };
  const cls = styles.default;
  if (cls && typeof cls.getStyleProperty === "function" && typeof cls.prototype.getProperty === "function"
    && typeof cls.prototype.push === "function" && typeof cls.prototype.pop === "function") patchStyleStack(cls);
  const doc = (requirePdfmake("./PDFDocument.js") as { default?: { prototype: PdfmakeDocument } }).default;
  if (doc && typeof doc.prototype.provideFont === "function" && typeof doc.prototype.getFontType === "function") patchLayoutCache(doc.prototype);
}
