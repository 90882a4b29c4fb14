import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { DiagnosticBag } from "../../../src/diagnostics/bag.js";
import { ReportedError } from "../../../src/errors.js";
import { renderGantt } from "../../../src/render/gantt.js";
import { makeRenderContext, seedPlan } from "../../helpers/context.js";

/** The first `bytes` of the shipped face: its header is right, its tables are not all there. */
function truncatedFont(bytes = 200_000): string {
  const file = createRequire(import.meta.url).resolve("@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf");
  const out = path.join(mkdtempSync(path.join(tmpdir(), "pp-font-")), "Cut.ttf");
  const data = readFileSync(file);
  writeFileSync(out, data.subarray(0, bytes < 0 ? Math.floor(data.length / 3) : bytes));
  return out;
}

/** A collection's header naming two faces, the second at 4 GB. */
function badCollection(): string {
  const b = Buffer.alloc(64);
  b.write("ttcf", 0, "latin1");
  b.writeUInt32BE(0x00010000, 4);
  b.writeUInt32BE(2, 8);
  b.writeUInt32BE(20, 12);
  b.writeUInt32BE(0xffffff00, 16);
  const out = path.join(mkdtempSync(path.join(tmpdir(), "pp-font-")), "Bad.ttc");
  writeFileSync(out, b);
  return `${out}#X`;
}

describe("theme fonts", () => {
  it.each([
    ["a missing file", "fonts/none.ttf", "PP504"],
    ["a file that is not a font", "data/plan.tsv", "PP507"],
    ["a font cut short", truncatedFont(), "PP508"],
    // its table directory intact: fontkit had read past the end only when a glyph was drawn (PP901)
    ["a font cut to a third", truncatedFont(-1), "PP508"],
    // a collection whose second face lies past the file's end: fontkit threw when its faces were read (PP901)
    ["a collection pointing past its end", badCollection(), "PP508"],
    // read until memory ran out
    ["a device", "/dev/zero", "PP509"],
    ["a folder", "fonts", "PP509"],
  ])("%s is a diagnostic (%s), not a crash", async (_what, normal, code) => {
    const bag = new DiagnosticBag("ja");
    const ctx = makeRenderContext({ diagnostics: bag });
    ctx.theme = { ...ctx.theme, fonts: { default: { normal } } };
    await expect(renderGantt(seedPlan(), ctx)).rejects.toBeInstanceOf(ReportedError);
    expect(bag.items.map((d) => d.code)).toContain(code);
  });
});

/**
 * A TrueType collection (.ttc, as Windows' msgothic.ttc and BIZ-UDGothicR.ttc are) of the shipped
 * regular and bold faces: each face's table directory rewritten to point into the one file.
 */
function collection(): string {
  const resolve = createRequire(import.meta.url).resolve;
  const faces = ["400Regular/BIZUDPGothic_400Regular.ttf", "700Bold/BIZUDPGothic_700Bold.ttf"]
    .map((f) => readFileSync(resolve(`@expo-google-fonts/biz-udpgothic/${f}`)));
  let at = 12 + 4 * faces.length;
  const starts = faces.map((f) => { const s = at; at += 12 + 16 * f.readUInt16BE(4); return s; });
  const tables: { from: Buffer; offset: number; length: number; to: number; rec: number }[] = [];
  faces.forEach((f, k) => {
    for (let i = 0; i < f.readUInt16BE(4); i++) {
      const rec = 12 + 16 * i;
      tables.push({ from: f, offset: f.readUInt32BE(rec + 8), length: f.readUInt32BE(rec + 12), to: at, rec: starts[k]! + rec });
      at += (f.readUInt32BE(rec + 12) + 3) & ~3;
    }
  });
  const out = Buffer.alloc(at);
  out.write("ttcf", 0, "latin1");
  out.writeUInt32BE(0x00010000, 4);
  out.writeUInt32BE(faces.length, 8);
  faces.forEach((f, k) => {
    out.writeUInt32BE(starts[k]!, 12 + 4 * k);
    f.copy(out, starts[k]!, 0, 12 + 16 * f.readUInt16BE(4));
  });
  for (const t of tables) {
    out.writeUInt32BE(t.to, t.rec + 8);
    t.from.copy(out, t.to, t.offset, t.offset + t.length);
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pp-ttc-")), "BIZ-UDPGothic.ttc");
  writeFileSync(file, out);
  return file;
}

describe("a font collection (.ttc)", () => {
  const ttc = collection();

  it("prints in the face named after # (its PostScript or full name, full-width or not), the same as the face's own file", async () => {
    const ctx = makeRenderContext();
    const shipped = (await renderGantt(seedPlan(), ctx))[0]!.data;
    ctx.theme = { ...ctx.theme, fonts: { default: { normal: `${ttc}#BIZUDPGothic-Regular`, bold: `${ttc}#ＢＩＺ　ＵＤＰＧｏｔｈｉｃ　Ｂｏｌｄ` } } };
    const fromCollection = (await renderGantt(seedPlan(), ctx))[0]!.data;
    expect(ctx.diagnostics.items.filter((d) => d.severity === "error")).toEqual([]);
    // the same faces, so the same subsets and the same bytes
    expect(Buffer.from(fromCollection).equals(Buffer.from(shipped))).toBe(true);
  });

  it.each([
    ["no face named", "", "どの書体を使うかが書かれていません"],
    ["a face it does not hold", "#BIZ UDGothic", "「BIZ UDGothic」という書体はありません"],
  ])("%s is PP511 listing the faces it holds (it had been PP508, 「壊れている」)", async (_what, suffix, words) => {
    const bag = new DiagnosticBag("ja");
    const ctx = makeRenderContext({ diagnostics: bag });
    ctx.theme = { ...ctx.theme, fonts: { default: { normal: `${ttc}${suffix}` } } };
    await expect(renderGantt(seedPlan(), ctx)).rejects.toBeInstanceOf(ReportedError);
    const d = bag.items.find((x) => x.code === "PP511");
    expect(d?.message).toContain(words);
    expect(d?.message).toContain("BIZUDPGothic-Regular（BIZ UDPGothic）、BIZUDPGothic-Bold（BIZ UDPGothic Bold）");
  });
});

describe("planpress check and the theme's fonts", () => {
  it("says what a build would stop at (a missing file, a collection without its face), before the plan", async () => {
    const { checkThemeFonts } = await import("../../../src/commands/common.js");
    const ctx = makeRenderContext();
    const session = (bag: DiagnosticBag) => ({ bag, lang: "ja" }) as unknown as Parameters<typeof checkThemeFonts>[0];
    const bag = new DiagnosticBag("ja");
    const theme = { ...ctx.theme, fonts: { default: { normal: "fonts/none.ttf", bold: collection() } } };
    await expect(checkThemeFonts(session(bag), { theme, projectRoot: ctx.projectRoot, templatesDir: ctx.templatesDir })).rejects.toBeInstanceOf(ReportedError);
    expect(bag.items.map((d) => [d.code, d.file])).toEqual([["PP504", "templates/theme.json"], ["PP511", "templates/theme.json"]]);
    // the shipped theme: nothing to say
    const clean = new DiagnosticBag("ja");
    await checkThemeFonts(session(clean), { theme: ctx.theme, projectRoot: ctx.projectRoot, templatesDir: ctx.templatesDir });
    expect(clean.items).toEqual([]);
  });
});

describe("a damaged font's message", () => {
  it("is PP508 in Japanese words, fontkit's English detail kept for --lang en, --json's actual and --debug (「table GSUB ends at byte 48500 of 3000」 had been inside the Japanese message)", async () => {
    const { checkThemeFonts, printDiagnostics } = await import("../../../src/commands/common.js");
    const ctx = makeRenderContext();
    const theme = { ...ctx.theme, fonts: { default: { normal: truncatedFont(3000) } } };
    const said = async (lang: "ja" | "en") => {
      const bag = new DiagnosticBag(lang);
      const session = { bag, lang, opts: { debug: true } } as unknown as Parameters<typeof checkThemeFonts>[0];
      await expect(checkThemeFonts(session, { theme, projectRoot: ctx.projectRoot, templatesDir: ctx.templatesDir })).rejects.toBeInstanceOf(ReportedError);
      let stderr = "";
      const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
      try { printDiagnostics(session); } finally { err.mockRestore(); }
      return { d: bag.items[0]!, stderr };
    };
    const ja = await said("ja");
    const detail = ja.d.actual!;
    expect([ja.d.code, detail]).toEqual(["PP508", expect.stringMatching(/^table \w+ ends at byte \d+ of 3000$/)]);
    expect(ja.d.message).toMatch(/^フォント .*Cut\.ttf は使えません。ファイルが壊れているか、途中で切れていて、完全なフォントではありません。$/);
    expect(ja.stderr).toContain(`PP508: ${detail}`);
    expect((await said("en")).d.message).toContain(`(${detail})`);
  });
});

describe("font subset tags", () => {
  it("differ between the different subsets of a PDF and come from the subset, not from pdfkit's font number (a department file had two subsets tagged BZZZZZ)", async () => {
    const { seedDocuments } = await import("../../helpers/seed-documents.js");
    const files = [...await seedDocuments("booklet"), ...await seedDocuments("departments")].filter((f) => f.path.endsWith(".pdf"));
    const seen = new Map<string, string>();
    for (const f of files) {
      const names = [...new Set(Buffer.from(f.data).toString("latin1").match(/\/FontName \/[A-Z]{6}\+[\w-]+/g) ?? [])].map((n) => n.slice(11));
      expect(names.length, f.path).toBeGreaterThan(1);
      const tags = names.map((n) => n.slice(0, 6));
      expect(new Set(tags).size, `${f.path}: ${names.join(" ")}`).toBe(tags.length);
      expect(tags.filter((t) => /^[B-Z]ZZZZZ$/.test(t)), f.path).toEqual([]);
      // one tag, one font: a tag met in another file names the same face there
      for (const n of names) {
        expect(seen.get(n.slice(0, 6)) ?? n, n).toBe(n);
        seen.set(n.slice(0, 6), n);
      }
    }
  }, 120_000);
});
