// Which characters the theme's font can print (its cmap, through fontkit), and a fallback face
// for the rest when the theme names one (`fonts.fallback`). A character no face has prints as an
// empty box: the plan stage warns about it with its cell (src/validate/glyphs.ts, PP351).
import { readdirSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import type { Content } from "pdfmake/interfaces.js";
import { BLANK, type GlyphCoverage } from "../../glyph-coverage.js";
import { fontFileOrNull, fontSpecParts } from "../../theme/load.js";
import type { Lang } from "../../diagnostics/bag.js";
import { MAX_FONT_BYTES, readBoundedFileSync, refusalReason } from "../../read-file.js";
import { fontFamilies, type Theme } from "../../theme/schema.js";
import { nearest } from "../../nearest.js";

/** The theme's family whose faces print what the default face lacks. */
export const FALLBACK_FAMILY = "fallback";

interface Face { name: string; has(cp: number): boolean }
const faces = new Map<string, Face | null>();

/**
 * A font file's bytes, read once per process: the plan's glyph check and every document's fonts
 * (fonts.ts) take the same 4.5 MB.
 */
const fontFiles = new Map<string, Buffer>();
export function fontBytes(file: string, lang: Lang = "ja"): Buffer | { missing: boolean; reason: string } {
  let data = fontFiles.get(file);
  if (!data) {
    // only a regular file, with a limit: a theme naming /dev/zero had been read until memory ran out
    const read = readBoundedFileSync(file, MAX_FONT_BYTES);
    if ("refused" in read) return { missing: read.refused === "unreadable" && read.reason === "ENOENT", reason: refusalReason(read, MAX_FONT_BYTES, lang) };
    fontFiles.set(file, (data = Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.length)));
  }
  return data;
}

/** What is wrong with a theme font: the diagnostic a run reports at templates/theme.json. */
export interface FontProblem {
  code: "PP504" | "PP507" | "PP508" | "PP509" | "PP511"; params: Record<string, string>;
  /** The font library's own words (a damaged file's), kept as the diagnostic's `actual`. */
  extra?: { actual: string };
}

/** Collections' faces cut out as files of their own, by the collection's bytes and the face. */
const cutFaces = new WeakMap<Buffer, Map<number, Buffer>>();

/**
 * A theme font as it is embedded — its file's bytes, or a collection's face as a file of its own —
 * and the name it is kept under, or what is wrong with it. Every PDF and `check` ask the same, so
 * a clean check is never followed by a build that stops at the theme's font.
 */
export function themeFont(spec: string, projectRoot: string, lang: Lang): { key: string; bytes: Buffer } | FontProblem {
  const file = fontFileOrNull(spec, projectRoot);
  const data = file === null ? { missing: true, reason: "" } : fontBytes(file, lang);
  if (!Buffer.isBuffer(data)) return data.missing ? { code: "PP504", params: { font: spec, ...fontsBeside(file) } } : { code: "PP509", params: { font: spec, reason: data.reason } };
  // Only TrueType/OpenType faces can be embedded: anything else is the theme's mistake, not a crash.
  const magic = data.subarray(0, 4).toString("latin1");
  // (a web font, WOFF or WOFF2, is said as one: a city had downloaded its face for its web site)
  const web = magic === "wOFF" ? "WOFF" : magic === "wOF2" ? "WOFF2" : undefined;
  if (!["\u0000\u0001\u0000\u0000", "OTTO", "true", "ttcf"].includes(magic)) return { code: "PP507", params: { font: spec, ...(web ? { web } : {}) } };
  // A collection's face is chosen by name, never guessed (pdfkit had failed on the collection: PP508).
  const chosen = chosenFace(spec, data);
  if (chosen && "faces" in chosen) return { code: "PP511", params: { font: spec, asked: chosen.asked ?? "", faces: chosen.faces.join("、") } };
  // A city's own file may be cut short or damaged: pdfkit would fail deep in a layout (PP901).
  const damage = fontDamage(spec, data, chosen?.postscriptName);
  if (damage) return { code: "PP508", params: { font: spec, reason: damage }, extra: { actual: damage } };
  const index = chosen?.index;
  if (index === undefined) return { key: `font:${file}`, bytes: data };
  let faces = cutFaces.get(data);
  if (!faces) cutFaces.set(data, (faces = new Map()));
  let bytes = faces.get(index);
  if (!bytes) faces.set(index, (bytes = collectionFace(data, index)));
  return { key: `font:${file}#${index}`, bytes };
}

/** Font files' names (what PP507's hint asks for, and collections). */
const FONT_FILE = /\.(?:ttf|otf|ttc|otc)$/i;

/**
 * The font files in the folder of a missing one: the one its name nearly is (`市ゴシック.ttf` for
 * `市 ゴシック.ttf`, `MyGothic-Regular.TTF`), else all of them — a name mistyped in the theme had
 * been told only as missing. None for a package's font.
 */
function fontsBeside(file: string | null): { near?: string; present?: string } {
  if (file === null) return {};
  let names: string[];
  try { names = readdirSync(path.dirname(file)).filter((n) => FONT_FILE.test(n)).sort(); } catch { return {}; }
  const near = nearest(path.basename(file).normalize("NFKC"), names.map((n) => n.normalize("NFKC")));
  const shown = (n: string) => path.join(path.dirname(path.relative(process.cwd(), file)) || ".", n).replace(/\\/g, "/");
  if (near !== undefined) return { near: shown(names.find((n) => n.normalize("NFKC") === near)!) };
  return names.length > 0 ? { present: names.slice(0, 10).map(shown).join("、") } : {};
}

/** A name as staff may write it: full-width letters and spaces (ＭＳ Ｐゴシック) and case aside. */
const nameKey = (name: string): string => name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/**
 * The face theme font `spec` uses in its file's bytes: a single face's file, or the face of a
 * collection (.ttc) named after `#` by its PostScript, family or full name, in English or
 * Japanese (`#BIZ UDPゴシック`, `#BIZUDPGothic-Regular`); a collection of one face needs no name.
 * `faces` (each's PostScript name and Japanese or English full name) when no face or more than
 * one answers to the name; null when the bytes are no font fontkit reads (fontDamage says why).
 */
function chosenFace(spec: string, data: Buffer): { postscriptName: string | undefined; index?: number | undefined } | { faces: string[]; asked: string | null } | null {
  // a collection's directory pointing past its end throws when its faces are read (fontDamage says where)
  try {
    return faceIn(fontkit.create(data), fontSpecParts(spec).face);
  } catch {
    return null;
  }
}

function faceIn(font: ReturnType<typeof fontkit.create>, asked: string | null): NonNullable<ReturnType<typeof chosenFace>> {
  const names = (f: fontkit.Font): string[] => [f.postscriptName, f.familyName, f.fullName, f.getName("fontFamily", "ja"), f.getName("fullName", "ja")]
    .filter((n): n is string => typeof n === "string" && n !== "");
  const shown = (f: fontkit.Font): string => `${f.postscriptName ?? "?"}（${f.getName("fullName", "ja") ?? f.fullName ?? f.familyName ?? "?"}）`;
  const answers = (f: fontkit.Font): boolean => asked !== null && names(f).some((n) => nameKey(n) === nameKey(asked));
  // a single face's file: a name after # must still be its own (a typo is not ignored)
  if (!("fonts" in font)) return asked === null || answers(font) ? { postscriptName: undefined } : { asked, faces: [shown(font)] };
  // (fontkit makes the faces anew at each read of `fonts`)
  const all = font.fonts;
  const fits = asked === null ? (all.length === 1 ? [0] : []) : all.flatMap((f, i) => (answers(f) ? [i] : []));
  const index = fits[0];
  if (fits.length === 1 && all[index!]!.postscriptName) return { postscriptName: all[index!]!.postscriptName, index };
  return { asked, faces: all.map(shown) };
}

/**
 * Face `index` of a collection as a font file of its own (its tables copied, their directory
 * pointing into the new file): pdfmake and pdfkit then embed it as any single face's file.
 */
function collectionFace(data: Buffer, index: number): Buffer {
  const start = data.readUInt32BE(12 + 4 * index);
  const count = data.readUInt16BE(start + 4);
  const records = Array.from({ length: count }, (_, i) => {
    const rec = start + 12 + 16 * i;
    return { rec, offset: data.readUInt32BE(rec + 8), length: data.readUInt32BE(rec + 12) };
  });
  let at = 12 + 16 * count;
  const placed = records.map((r) => {
    const to = at;
    at += (r.length + 3) & ~3;
    return to;
  });
  const out = Buffer.alloc(at);
  data.copy(out, 0, start, start + 12);
  records.forEach((r, i) => {
    data.copy(out, 12 + 16 * i, r.rec, r.rec + 16);
    out.writeUInt32BE(placed[i]!, 12 + 16 * i + 8);
    data.copy(out, placed[i]!, r.offset, r.offset + r.length);
  });
  return out;
}

/**
 * Why fontkit cannot use the face of theme font `spec`, or null: what a document does with it —
 * a line laid out, its glyphs' widths and outlines, a subset encoded for embedding. A face from a
 * package (`npm:`) is trusted and not laid out. Once per file's bytes and face: the glyph check
 * and the documents' fonts (fonts.ts) both ask.
 */
const damages = new WeakMap<Buffer, Map<string, string | null>>();
export function fontDamage(spec: string, data: Buffer, postscriptName?: string): string | null {
  if (spec.startsWith("npm:")) return null;
  let byFace = damages.get(data);
  if (!byFace) damages.set(data, (byFace = new Map()));
  const key = postscriptName ?? "";
  if (!byFace.has(key)) byFace.set(key, layOutOnce(data, postscriptName));
  return byFace.get(key)!;
}

/**
 * A table of the face's directory that reaches past the file's end (a copy cut short keeps its
 * directory, and fontkit read past the end only when a glyph was drawn: PP901), or null.
 */
function tableOutside(data: Buffer): string | null {
  const u32 = (at: number) => (at + 4 <= data.length ? data.readUInt32BE(at) : -1);
  const u16 = (at: number) => (at + 2 <= data.length ? data.readUInt16BE(at) : -1);
  const faces = data.subarray(0, 4).toString("latin1") === "ttcf"
    ? Array.from({ length: Math.max(0, Math.min(u32(8), 10_000)) }, (_, i) => u32(12 + 4 * i))
    : [0];
  for (const start of faces) {
    const tables = u16(start + 4);
    if (start < 0 || tables < 0) return "file ends in its table directory";
    for (let i = 0; i < tables; i++) {
      const rec = start + 12 + 16 * i;
      const offset = u32(rec + 8), length = u32(rec + 12);
      if (offset < 0 || length < 0) return "file ends in its table directory";
      if (offset + length > data.length) {
        return `table ${data.subarray(rec, rec + 4).toString("latin1").trim()} ends at byte ${offset + length} of ${data.length}`;
      }
    }
  }
  return null;
}

function layOutOnce(data: Buffer, postscriptName: string | undefined): string | null {
  const outside = tableOutside(data);
  if (outside) return outside;
  try {
    const font = fontkit.create(data, postscriptName);
    if ("fonts" in font) return "a collection without the face chosen";
    const run = font.layout("計画の工程表 Aa1");
    const subset = font.createSubset();
    for (const glyph of run.glyphs) {
      if (!Number.isFinite(glyph.advanceWidth)) return "advance width";
      void glyph.path;
      subset.includeGlyph(glyph.id);
    }
    subset.encode();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message.slice(0, 120) : String(e).slice(0, 120);
  }
}

/**
 * A parsed face, once per face per process: the one every PDF embeds (themeFont); null when it
 * cannot be used (the documents and `check` report why).
 */
function face(spec: string, projectRoot: string): Face | null {
  const font = themeFont(spec, projectRoot, "ja");
  if ("code" in font) return null;
  if (!faces.has(font.key)) {
    try {
      // a single face's file (a collection's face is cut out as one)
      const f = fontkit.create(font.bytes) as fontkit.Font;
      const cache = new Map<number, boolean>();
      faces.set(font.key, {
        name: f.familyName ?? f.postscriptName ?? spec,
        has: (cp) => {
          let v = cache.get(cp);
          if (v === undefined) cache.set(cp, (v = f.hasGlyphForCodePoint(cp)));
          return v;
        },
      });
    } catch {
      faces.set(font.key, null);
    }
  }
  return faces.get(font.key) ?? null;
}

/** The coverage of the theme's default face (and its fallback), or null when the font cannot be read. */
export function glyphCoverage(theme: Theme, projectRoot: string): GlyphCoverage | null {
  const spec = theme.fonts.default?.normal;
  const main = spec ? face(spec, projectRoot) : null;
  if (!main) return null;
  const fbSpec = theme.fonts[FALLBACK_FAMILY]?.normal;
  const fb = fbSpec ? face(fbSpec, projectRoot) : null;
  return { font: main.name, has: main.has, ...(fb ? { fallback: { font: fb.name, has: fb.has } } : {}) };
}

/** Kana and the kanji of 年度: a face without them sets none of a Japanese plan's words. */
const JAPANESE_PROBE = [..."あア年度"].map((c) => c.codePointAt(0)!);

/**
 * The theme's faces (the fallback's aside) that lack Japanese where the fallback face does not
 * supply it: every word of the documents would be a box. Faces that cannot be read are left to
 * the font checks (PP504, PP508 …).
 */
export function facesWithoutJapanese(theme: Theme, projectRoot: string): { spec: string; name: string }[] {
  const fbSpec = theme.fonts[FALLBACK_FAMILY]?.normal;
  const fb = fbSpec ? face(fbSpec, projectRoot) : null;
  const specs = new Set(fontFamilies(theme).flatMap(([family, f]) => (family === FALLBACK_FAMILY ? [] : [f.normal, ...(f.bold ? [f.bold] : [])])));
  return [...specs].flatMap((spec) => {
    const one = face(spec, projectRoot);
    return one && JAPANESE_PROBE.some((cp) => !one.has(cp) && !fb?.has(cp)) ? [{ spec, name: one.name }] : [];
  });
}

type Run = string | { text: unknown; font?: string } & Record<string, unknown>;

/** A string as runs in which what only the fallback face has is set in it; the string itself if none. */
function splitRuns(text: string, cov: GlyphCoverage & { fallback: NonNullable<GlyphCoverage["fallback"]> }): string | Run[] {
  const runs: Run[] = [];
  let cur = "";
  let inFallback = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const fb = !BLANK.test(ch) && !cov.has(cp) && cov.fallback.has(cp);
    if (fb !== inFallback && cur) {
      runs.push(inFallback ? { text: cur, font: FALLBACK_FAMILY } : cur);
      cur = "";
    }
    inFallback = fb;
    cur += ch;
  }
  if (cur) runs.push(inFallback ? { text: cur, font: FALLBACK_FAMILY } : cur);
  return runs.length === 1 && typeof runs[0] === "string" ? text : runs;
}

/**
 * Every text of a pdfmake document with the characters only the fallback face has set in it
 * (nodes changed in place: chapter marks keep their identity). Nothing to do without a fallback.
 */
export function applyFallback(content: Content | Content[], cov: GlyphCoverage | null): void {
  if (!cov?.fallback) return;
  const c = cov as GlyphCoverage & { fallback: NonNullable<GlyphCoverage["fallback"]> };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const n: unknown = node[i];
        if (typeof n !== "string") visit(n);
        else {
          // a string in a stack, a table row or a text array: as a text node it works in each
          const runs = splitRuns(n, c);
          if (runs !== n) node[i] = { text: runs };
        }
      }
      return;
    }
    if (!node || typeof node !== "object") return;
    const rec = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(rec)) {
      if (key === "text" && typeof value === "string") rec.text = splitRuns(value, c);
      else if (key !== "canvas" && key !== "svg" && key !== "image" && typeof value === "object") visit(value);
    }
  };
  visit(content);
}
