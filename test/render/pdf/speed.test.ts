// The speed patches (src/render/pdf/speed.ts) must not change what is drawn: text in order, each
// run where pdfmake measured it, one link over a linked run, bookmarks, justified lines; and they
// must pay: a paragraph is a handful of text objects, not one per character, and once placed a
// line holds a few runs, not a unit per character, and no document keeps its layout after it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Content } from "pdfmake/interfaces.js";
import { createPdf } from "../../../src/render/pdf/document.js";
import { installSpeedPatches, MEASURED, PATCHED_FOR, PATCHES, type PatchName, setSpeedPatches, speedStatus } from "../../../src/render/pdf/speed.js";
import { keepRuns } from "../../../src/render/pdf/text.js";
import { resolveFontPath } from "../../../src/theme/load.js";
import { makeRenderContext, projectRoot } from "../../helpers/context.js";

const SENTENCE = "令和8年度から行政手続のオンライン化を進め、JIS X 8341-3 に沿ったウェブサイトと AI-OCR の活用で市民サービスの向上を図ります。";
const PARAGRAPH = SENTENCE.repeat(4);
const SHORT = "令和8年度DX推進計画";
const SIZE = 10.5;

const ctx = makeRenderContext();
const JUSTIFIED = "庁内の手続を見直し、電子申請と窓口の双方で分かりやすい案内を整えます。".repeat(3);
const UNDERLINED = "下線のある語";

/** pdfmake's laid-out pages as the renderer gets them, and the pdfkit document after drawing. */
interface Laid { items: { type: string; item: { inlines?: { text: string; _texts?: string[] }[] } }[] }
const seen: { pages: Laid[]; kept: unknown }[] = [];
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's internals, as the patches see them */
const requirePdfmake = createRequire(createRequire(import.meta.url).resolve("pdfmake"));
const Renderer = (requirePdfmake("./Renderer.js") as { default: { prototype: { renderPages(pages: Laid[]): void; renderLine: unknown; pdfDocument: Record<string, unknown> } } }).default;
const Style = (requirePdfmake("./StyleContextStack.js") as { default: any }).default;
const Inlines = (requirePdfmake("./TextInlines.js") as { default: any }).default;
const Doc = (requirePdfmake("./PDFDocument.js") as { default: any }).default;

function content(): Content[] {
  return [
    { text: "第1章 基本方針", fontSize: 18, bold: true, outline: true, id: "c1", outlineText: "第1章" } as Content,
    { text: SHORT, fontSize: SIZE, noWrap: true } as Content,
    { text: keepRuns(PARAGRAPH), fontSize: SIZE } as Content,
    { text: [{ text: "太字の語", bold: true }, "と", { text: "色の語", color: "#005AFF" }, "が混じる行。"], fontSize: SIZE } as Content,
    { text: [{ text: "第1章へ", linkToDestination: "c1", color: "#005AFF" }, "（リンク）"], fontSize: SIZE } as Content,
    { text: keepRuns(JUSTIFIED), fontSize: SIZE, alignment: "justify" } as Content,
    { text: [{ text: UNDERLINED, decoration: "underline" }, "は線の上に。"], fontSize: SIZE } as Content,
  ];
}

interface Item { str: string; x: number; y: number; width: number }
let pdf: pdfjs.PDFDocumentProxy;
let items: Item[];
let textObjects: number;
let links: { rect: number[]; dest: unknown }[];

beforeAll(async () => {
  installSpeedPatches();
  const renderPages = Renderer.prototype.renderPages;
  Renderer.prototype.renderPages = function (pages) {
    const entry = { pages, kept: undefined as unknown };
    seen.push(entry);
    renderPages.call(this, pages);
    entry.kept = this.pdfDocument._pdfMakePages;
  };
  // Put back even on failure: the test files of a worker share pdfmake (isolate: false).
  let data: Uint8Array;
  try {
    data = await createPdf({ kind: "booklet", content: content(), pageNumbers: "none" }, { title: "speed", author: "test" }, ctx);
  } finally {
    Renderer.prototype.renderPages = renderPages;
  }
  pdf = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const p = await pdf.getPage(1);
  const tc = await p.getTextContent();
  items = tc.items.flatMap((it) => ("str" in it && it.str ? [{ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, width: it.width }] : []));
  const ops = await p.getOperatorList();
  textObjects = ops.fnArray.filter((f) => f === pdfjs.OPS.beginText).length;
  links = (await p.getAnnotations()).filter((a: { subtype: string }) => a.subtype === "Link") as { rect: number[]; dest: unknown }[];
});

/** Text lines rebuilt from positions (top to bottom). */
function lines(): string[] {
  const rows = new Map<number, Item[]>();
  for (const it of items) rows.set(Math.round(it.y), [...(rows.get(Math.round(it.y)) ?? []), it]);
  return [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, r]) => r.sort((a, b) => a.x - b.x).map((i) => i.str).join(""));
}

describe("speed patches", () => {
  it("are all active for the pinned versions, and installing again wraps nothing twice", () => {
    const st = speedStatus();
    expect(st.mismatch).toBeUndefined();
    expect(st.versions).toEqual(PATCHED_FOR);
    expect(st.active).toEqual([...PATCHES]);
    const before = [Renderer.prototype.renderLine, Renderer.prototype.renderPages, Inlines.prototype.measure, Style.prototype.getProperty, Style.getStyleProperty, Doc.prototype.provideFont, Doc.prototype.font];
    installSpeedPatches();
    expect([Renderer.prototype.renderLine, Renderer.prototype.renderPages, Inlines.prototype.measure, Style.prototype.getProperty, Style.getStyleProperty, Doc.prototype.provideFont, Doc.prototype.font]).toEqual(before);
  });

  it("re-implement measure with pdfmake's own list of style properties (names, defaults, order)", () => {
    // Read out of pdfmake's TextInlines.measure: a property pdfmake adds or renames fails here.
    const source = readFileSync(requirePdfmake.resolve("./TextInlines.js"), "utf8");
    const start = source.indexOf("\n  measure(array, styleContextStack) {");
    const end = source.slice(start + 1).search(/\n {2}\w+\([^)]*\) \{/);
    const body = source.slice(start, end < 0 ? undefined : start + 1 + end);
    const listed = [...body.matchAll(/getStyleProperty\(item, styleContextStack, '(\w+)', ([^)]+)\)/g)].map((m) => [m[1], JSON.parse(m[2]!.replace(/'/g, '"'))]);
    expect(listed.length).toBeGreaterThan(20);
    expect(listed).toEqual(MEASURED.map(([k, v]) => [k, v]));
  });

  it("keep every character, in reading order", () => {
    const all = lines().join("");
    expect(all).toContain(SHORT);
    expect(all.replace(/\s/g, "")).toContain(PARAGRAPH.replace(/\s/g, ""));
    expect(all).toContain("太字の語と色の語が混じる行。");
    expect(all).toContain("第1章へ（リンク）");
  });

  it("draw a line's glyphs at the font's own advances (as pdfmake measured them)", async () => {
    // fontkit directly, independent of pdfkit and pdfmake: the width of the one-run line.
    const requirePdfkit = createRequire(createRequire(import.meta.url).resolve("pdfmake"));
    const fontkit = createRequire(requirePdfkit.resolve("pdfkit"))("fontkit") as { create(b: Buffer): { layout(t: string): { advanceWidth: number }; unitsPerEm: number } };
    const font = fontkit.create(readFileSync(resolveFontPath(ctx.theme.fonts.default!.normal, projectRoot)));
    const expected = (font.layout(SHORT).advanceWidth / font.unitsPerEm) * SIZE;
    const short = items.filter((i) => i.str.includes("DX推進計画") || i.str === SHORT);
    expect(short.length).toBeGreaterThan(0);
    const start = Math.min(...short.map((i) => i.x));
    const end = Math.max(...short.map((i) => i.x + i.width));
    expect(start).toBeCloseTo(ctx.theme.pages.booklet!.margins[0]!, 1);
    expect(end - start).toBeCloseTo(expected, 1);
  });

  it("draw a paragraph as a few text objects, not one per character", () => {
    // ~240 characters in 5 blocks: pdfmake alone draws one text object per break unit (~300).
    expect(textObjects).toBeLessThan(40);
  });

  it("make one link over a linked run, covering its text", () => {
    const toC1 = links.filter((l) => JSON.stringify(l.dest).includes("c1"));
    expect(toC1).toHaveLength(1);
    const [x1, , x2] = toC1[0]!.rect as [number, number, number, number];
    const run = items.filter((i) => "第1章へ".includes(i.str) || i.str.startsWith("第1章へ"));
    expect(run.length).toBeGreaterThan(0);
    expect(x1).toBeCloseTo(Math.min(...run.map((r) => r.x)), 0);
    expect(x2).toBeGreaterThan(x1 + 3 * SIZE * 0.8);
  });

  it("keep the bookmarks", async () => {
    const outline = (await pdf.getOutline()) ?? [];
    expect(outline.map((o) => o.title)).toEqual(["第1章"]);
  });

  it("justify lines before folding their units: each full line of a justified paragraph ends at the right margin", () => {
    const [left, , right] = ctx.theme.pages.booklet!.margins as [number, number, number, number];
    const width = 595.28 - right;
    const rows = new Map<number, Item[]>();
    for (const it of items) rows.set(Math.round(it.y), [...(rows.get(Math.round(it.y)) ?? []), it]);
    const justified = [...rows.values()].filter((r) => r.map((i) => i.str).join("").includes("庁内の手続") || r.some((i) => JUSTIFIED.includes(i.str) && i.str.length > 3));
    const full = justified.filter((r) => r.length > 0).slice(0, -1); // the paragraph's last line is not justified
    expect(full.length).toBeGreaterThan(1);
    for (const r of full) {
      expect(Math.min(...r.map((i) => i.x))).toBeCloseTo(left, 0);
      expect(Math.max(...r.map((i) => i.x + i.width))).toBeCloseTo(width, 0);
    }
  });

  it("still underline a decorated run", async () => {
    const ops = await (await pdf.getPage(1)).getOperatorList();
    // pdfmake draws an underline as a filled rectangle under the run
    const rects = ops.fnArray.filter((f) => f === pdfjs.OPS.rectangle || f === pdfjs.OPS.constructPath).length;
    expect(rects).toBeGreaterThan(0);
    expect(lines().join("")).toContain(`${UNDERLINED}は線の上に。`);
  });

  it("keep a placed line as a few runs, not a unit per character", () => {
    const lineItems = seen[0]!.pages.flatMap((pg) => pg.items.filter((i) => i.type === "line").map((i) => i.item));
    const units = lineItems.flatMap((l) => l.inlines ?? []);
    const characters = units.reduce((n, u) => n + (u._texts ?? [u.text]).join("").length, 0);
    expect(characters).toBeGreaterThan(PARAGRAPH.length);
    expect(units.length).toBeLessThan(characters / 5);
  });

  it("drop a document's laid-out pages once it is drawn", () => {
    expect(seen).toHaveLength(1);
    expect(seen[0]!.kept).toBeUndefined();
  });
});

/**
 * What each patch does, measured on two documents of the content above: with every patch on, each
 * effect is there; with one patch off, its effect is gone (so each test below fails without its patch).
 */
interface Probe {
  /** Style lookups (getStyleProperty), units measured, stack pushes for a lookup. */
  lookups: number; units: number; pushes: number;
  /** The second document's layout cache and parsed font are the first's. */
  sharedLayout: boolean; sharedFont: boolean;
  textObjects: number; runsPerCharacter: number; kept: unknown;
  /** Font subsets the second document took from the first's (the same glyphs). */
  subsetsTaken: number;
  /** Texts measured once and taken again within a document (the probe repeats one). */
  inlinesTaken: number;
  /** The most pieces a stream of the documents was concatenated from when it ended. */
  streamPieces: number;
}

async function probe(): Promise<Probe> {
  const counts = { lookups: 0, units: 0, pushes: 0 };
  const fonts: { cache: unknown; font: unknown }[][] = [];
  const getStyleProperty = Style.getStyleProperty;
  const autopush = Style.prototype.autopush;
  const measure = Inlines.prototype.measure;
  const provideFont = Doc.prototype.provideFont;
  const renderPages = Renderer.prototype.renderPages;
  let laid: Laid[] = [];
  let kept: unknown;
  Style.getStyleProperty = function (...args: unknown[]) { counts.lookups++; return getStyleProperty.apply(this, args); };
  Style.prototype.autopush = function (...args: unknown[]) { counts.pushes++; return autopush.apply(this, args); };
  Inlines.prototype.measure = function (array: unknown[], stack: unknown) { counts.units += array.length; return measure.call(this, array, stack); };
  Doc.prototype.provideFont = function (...args: unknown[]) {
    const embedded = provideFont.apply(this, args);
    fonts.at(-1)!.push({ cache: embedded.layoutCache, font: embedded.font });
    return embedded;
  };
  Renderer.prototype.renderPages = function (pages) {
    laid = pages;
    renderPages.call(this, pages);
    kept = this.pdfDocument._pdfMakePages;
  };
  // pdfkit's PDFReference, which it does not export: from a ref made for a stand-in document
  const Ref = Object.getPrototypeOf((Doc.prototype as unknown as { ref(this: object, d: object): object }).ref.call({ _offsets: [], _waiting: 0, compress: false }, {})) as
    { finalize(this: { buffer: unknown[]; _lines?: string }): void };
  const finalize = Ref.finalize;
  let streamPieces = 0;
  Ref.finalize = function () { streamPieces = Math.max(streamPieces, this.buffer.length + (this._lines ? 1 : 0)); return finalize.call(this); };
  const taken = speedStatus().hits.subsetCache;
  const inlines = speedStatus().hits.inlineCache;
  try {
    let data: Uint8Array | undefined;
    for (let n = 0; n < 2; n++) {
      fonts.push([]);
      data = await createPdf({ kind: "booklet", content: [...content(), { text: SHORT, fontSize: SIZE, noWrap: true } as Content], pageNumbers: "none" }, { title: "speed", author: "test" }, ctx);
    }
    const page = await (await pdfjs.getDocument({ data: new Uint8Array(data!), verbosity: 0 }).promise).getPage(1);
    const textObjects = (await page.getOperatorList()).fnArray.filter((f) => f === pdfjs.OPS.beginText).length;
    const units = laid.flatMap((pg) => pg.items.filter((i) => i.type === "line").flatMap((i) => i.item.inlines ?? []));
    const characters = units.reduce((k, u) => k + (u._texts ?? [u.text]).join("").length, 0);
    const [first, second] = [fonts[0]![0]!, fonts[1]![0]!];
    return { ...counts, sharedLayout: first.cache === second.cache, sharedFont: first.font === second.font, textObjects, runsPerCharacter: units.length / characters, kept,
      subsetsTaken: speedStatus().hits.subsetCache - taken, inlinesTaken: speedStatus().hits.inlineCache - inlines, streamPieces };
  } finally {
    Ref.finalize = finalize;
    Object.assign(Style, { getStyleProperty });
    Object.assign(Style.prototype, { autopush });
    Object.assign(Inlines.prototype, { measure });
    Object.assign(Doc.prototype, { provideFont });
    Renderer.prototype.renderPages = renderPages;
  }
}

const EFFECTS: Record<PatchName, [string, (p: Probe) => boolean]> = {
  styleStack: ["a lookup for a plain unit pushes nothing onto the style stack", (p) => p.pushes < p.lookups / 4],
  measure: ["a run of alike units is resolved once, not ~23 lookups per unit", (p) => p.lookups < p.units * 5],
  layoutCache: ["the second document lays text out from the first one's cache", (p) => p.sharedLayout],
  fontParsing: ["the second document uses the font parsed for the first", (p) => p.sharedFont],
  inlineCache: ["a text met again in a document is not broken and measured again", (p) => p.inlinesTaken > 0],
  subsetCache: ["the second document's font subset (the same glyphs) is the first one's, not encoded again", (p) => p.subsetsTaken > 0],
  renderLine: ["a paragraph is a few text objects, not one per character", (p) => p.textObjects < 40],
  foldLines: ["a placed line keeps a few runs, not a unit per character", (p) => p.runsPerCharacter < 0.2],
  dropPages: ["a drawn document lets its laid-out pages go", (p) => p.kept === undefined],
  streamWrites: ["a page's stream is turned into bytes from a few pieces, not a Buffer per line", (p) => p.streamPieces < 5],
};

const shown = (p: Probe) => JSON.stringify({ ...p, kept: p.kept === undefined ? "dropped" : "kept" });

/** What `make` gives with the patch `name` switched off (and every patch on again after). */
async function withoutPatch<T>(name: PatchName, make: () => Promise<T>): Promise<T> {
  setSpeedPatches(PATCHES.filter((p) => p !== name));
  try {
    return await make();
  } finally {
    setSpeedPatches(PATCHES);
  }
}

/** The document `make` gives, and how often the patch `name` took its fast path meanwhile. */
async function counted(name: PatchName, make: () => Promise<Uint8Array>): Promise<{ data: Uint8Array; hits: number }> {
  const before = speedStatus().hits[name];
  const data = await make();
  return { data, hits: speedStatus().hits[name] - before };
}
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

describe("the style stack", () => {
  it("answers every lookup as pdfmake does: named styles, what they extend (a cycle too), overrides, the default", () => {
    const dictionary = {
      base: { fontSize: 9, color: "#111111" },
      head: { extends: "base", bold: true },
      both: { extends: ["head", "note"], alignment: "right" },
      note: { italics: true, color: "#222222", extends: "loop" },
      loop: { extends: "note", lineHeight: 1.4 },
      empty: {},
    };
    const stacks: unknown[][] = [
      [], ["base"], ["head"], ["both"], ["loop"], ["missing"], [{ fontSize: 12 }, "head"], ["both", { color: null, bold: false }],
      [new String("head"), { alignment: undefined }], ["empty", "note", { lineHeight: 0 }], [{ italics: true }, "both", "empty"],
    ];
    const properties = ["fontSize", "color", "bold", "italics", "alignment", "lineHeight", "font", "extends", "missing"];
    const answers = () => stacks.flatMap((overrides) => {
      const stack = new Style(dictionary, { font: "BIZUDPGothic", fontSize: 10 });
      for (const o of overrides) stack.push(o);
      return properties.map((p) => [JSON.stringify(overrides), p, stack.getProperty(p), Style.getStyleProperty({}, stack, p, "default")]);
    });
    const patched = answers();
    setSpeedPatches(PATCHES.filter((p) => p !== "styleStack"));
    try {
      expect(patched).toEqual(answers());
    } finally {
      setSpeedPatches(PATCHES);
    }
    expect(patched).toContainEqual(['["both"]', "color", "#222222", "#222222"]);
    expect(patched).toContainEqual(['["both"]', "fontSize", 9, 9]);
    expect(patched).toContainEqual(['["loop"]', "italics", true, true]);
  });
});

describe("the measured-text cache", () => {
  it("gives the document made without it, byte for byte, where texts recur in other styles and runs", async () => {
    const recurring = (): Content[] => [
      ...content(),
      { text: SHORT, fontSize: SIZE, noWrap: true },
      { text: SHORT, fontSize: SIZE + 2 },
      { text: SHORT, fontSize: SIZE, bold: true },
      { text: [{ text: "太字の語", bold: true }, "と", { text: "色の語", color: "#005AFF" }, "が混じる行。"], fontSize: SIZE },
      { text: [{ text: "太字の語" }, "と", { text: "色の語", color: "#D55E00" }, "が混じる行。"], fontSize: SIZE },
      { table: { body: [[{ text: SHORT }, { text: SHORT, alignment: "right" }], [{ text: SHORT, color: "#005AFF" }, { text: keepRuns(JUSTIFIED), alignment: "justify" }]] } },
      { text: keepRuns(JUSTIFIED), fontSize: SIZE, alignment: "justify" },
      // a size from the nodes around the text, changed between two texts of one stack
      { stack: [SHORT, { stack: [SHORT], fontSize: SIZE + 4 }, SHORT, { stack: [{ text: SHORT, bold: true }], bold: true }, SHORT], fontSize: SIZE },
    ] as Content[];
    const make = () => createPdf({ kind: "booklet", content: recurring(), pageNumbers: "none" }, { title: "inlines", author: "test" }, ctx);
    const without = await withoutPatch("inlineCache", make);
    const first = await counted("inlineCache", make);
    expect(first.hits).toBeGreaterThanOrEqual(4);
    expect(same(first.data, without)).toBe(true);
    // made again (as watch does): its texts taken from the document before too, fonts and all
    const again = await counted("inlineCache", make);
    expect(again.hits).toBeGreaterThan(first.hits + 4);
    expect(same(again.data, without)).toBe(true);
  }, 60_000);
});

describe("stream writes", () => {
  it("give the document made without them, byte for byte", async () => {
    const make = () => createPdf({ kind: "booklet", content: content(), pageNumbers: "none" }, { title: "streams", author: "test" }, ctx);
    const without = await withoutPatch("streamWrites", make);
    const joined = await counted("streamWrites", make);
    expect(joined.hits).toBeGreaterThan(100);
    expect(same(joined.data, without)).toBe(true);
  }, 60_000);
});

describe("the font subset cache", () => {
  it("gives the bytes a subset encoded afresh gives, and is not taken for other glyphs", async () => {
    const make = (text = "") => createPdf({ kind: "booklet", content: [...content(), { text }] as Content[], pageNumbers: "none" }, { title: "subset", author: "test" }, ctx);
    const fresh = await withoutPatch("subsetCache", make);
    await make();
    const cached = await counted("subsetCache", make);
    // both faces (regular and bold) taken
    expect(cached.hits).toBe(2);
    expect(same(cached.data, fresh)).toBe(true);
    // a regular glyph more: that face encoded afresh (the new glyph in the file), the bold one taken
    const other = await counted("subsetCache", () => make("鬱"));
    expect(other.hits).toBe(1);
    expect(other.data.length).toBeGreaterThan(cached.data.length);
  }, 60_000);
});

describe("each speed patch", () => {
  let all: Probe;
  beforeAll(async () => {
    setSpeedPatches(PATCHES); // texts measured by the tests before forgotten
    all = await probe();
  }, 60_000);

  it.each(PATCHES)("%s: has its effect, and loses it when switched off", async (name) => {
    const [what, holds] = EFFECTS[name];
    expect(holds(all), `${what}: ${shown(all)}`).toBe(true);
    setSpeedPatches(PATCHES.filter((p) => p !== name));
    try {
      const without = await probe();
      expect(holds(without), `without ${name}, still: ${what}: ${shown(without)}`).toBe(false);
    } finally {
      setSpeedPatches(PATCHES);
    }
  }, 60_000);
});
