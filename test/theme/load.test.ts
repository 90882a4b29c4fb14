import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { ReportedError } from "../../src/errors.js";
import { loadTheme } from "../../src/theme/load.js";
import { cli } from "../helpers/cli.js";
import { tempFile } from "../helpers/plan-fixtures.js";
import { planpress } from "../robustness/run.js";

describe("theme", () => {
  it("the shipped theme is valid and has every document's page set-up", () => {
    const theme = loadTheme("templates/theme.json", new DiagnosticBag("ja"));
    expect(Object.keys(theme.pages)).toEqual(expect.arrayContaining(["booklet", "gantt", "department", "progress"]));
    expect(theme.pages.gantt).toMatchObject({ size: "A3", orientation: "landscape" });
  });

  it("a theme without a document's page set-up, or with a bad colour, is PP502 with the key", () => {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    delete theme.pages.booklet;
    theme.colours.text = "#black";
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]).toMatchObject({ code: "PP502", severity: "error" });
    expect(bag.items[0]!.message).toContain("pages.booklet");
    expect(bag.items[0]!.message).toContain("colours.text: 色は #RRGGBB の形で書いてください（例: #005AFF）");
    const en = new DiagnosticBag("en");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), en)).toThrow(ReportedError);
    expect(en.items[0]!.message).toContain("colours.text: wrong format (expected /^#[0-9A-Fa-f]{6}$/)");
  });

  it("a colour copied from CSS (#FFF, rgb(…)) is PP502 naming what it is in the theme's form (#FFFFFF, #005AFF)", () => {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    Object.assign(theme.colours, { text: "#FFF", link: "rgb(0, 90, 255)" });
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain("colours.text: 色は #RRGGBB の形で書いてください（#FFF は #FFFFFF）");
    expect(bag.items[0]!.message).toContain("colours.link: 色は #RRGGBB の形で書いてください（rgb(0, 90, 255) は #005AFF）");
  });

  it("a colour by name (red, 赤) is PP502 naming its #RRGGBB, 赤 the palette's red; a margin in mm is given in points, and margins not four numbers are asked for as such (they had been 「数字で書いてください」 four times, 「小さすぎます（最小 4）」)", () => {
    const said = (edit: (theme: { colours: Record<string, string>; pages: Record<string, { margins: unknown }> }) => void) => {
      const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
      edit(theme);
      const bag = new DiagnosticBag("ja");
      expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
      return bag.items[0]!.message;
    };
    const colours = said((t) => Object.assign(t.colours, { text: "black", link: "赤" }));
    expect(colours).toContain("colours.text: 色は #RRGGBB の形で書いてください（black は #000000）");
    expect(colours).toContain("colours.link: 色は #RRGGBB の形で書いてください（赤 は #FF4B00）");
    const margins = said((t) => {
      t.pages.booklet!.margins = [56, "20mm", 56, 56];
      t.pages.gantt!.margins = [20, 20];
    });
    expect(margins).toContain('pages.booklet.margins: 余白は数（ポイント、1 mm は約 2.83）で書きます（[56, "20mm", 56, 56] なら [56, 57, 56, 56]）');
    expect(margins).toContain("pages.gantt.margins: 余白は [左, 上, 右, 下] の 4 つの数（ポイント）で書きます");
  });

  it("four margins in mm are said once for the list, in points, at its line (the message had been said four times and cut by the length limit)", () => {
    const text = readFileSync("templates/theme.json", "utf8").replace(/"margins": \[56, 62, 56, 56\]/, '"margins": ["20mm", "22mm", "20ｍｍ", "20 mm"]');
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", text), bag)).toThrow(ReportedError);
    const line = text.slice(0, text.indexOf('"20mm"')).split("\n").length;
    expect(bag.items.map((d) => [d.code, d.line, d.message])).toEqual([["PP502", line,
      'テーマファイルに誤りがあります: pages.booklet.margins: 余白は数（ポイント、1 mm は約 2.83）で書きます（["20mm", "22mm", "20ｍｍ", "20 mm"] なら [57, 62, 57, 57]）']]);
  });

  it("a misspelt key (colors, sizes.heading1) is PP502 naming it: it had been ignored, the change not showing", () => {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    theme.colors = theme.colours;
    theme.sizes.heading1 = 20;
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain("不明なキー colors");
    expect(bag.items[0]!.message).toContain("sizes: 不明なキー heading1");
  });

  it("a misspelt font family (defualt, fallbak) is PP502 with the nearest name (it had passed check and stopped the build with an internal error, PP901)", () => {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    theme.fonts = { defualt: theme.fonts.default };
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain('fonts: 不明なキー defualt（"default" ではありませんか）');
    const fallback = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    fallback.fonts.fallbak = fallback.fonts.default;
    const told = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(fallback)), told)).toThrow(ReportedError);
    expect(told.items[0]!.message).toContain('fonts: 不明なキー fallbak（"fallback" ではありませんか）');
  });

  it("a page number with a placeholder misspelt ({{pagez}}) is PP502 naming the two there are (it had been printed as written on every page)", () => {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    theme.pageNumber = "{{page}} / {{pagez}}";
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain("pageNumber: {{pagez}} は使えません（使えるのは {{page}} と {{pages}}");
    theme.pageNumber = "- {{page}} / {{pages}} -";
    expect(loadTheme(tempFile("theme.json", JSON.stringify(theme)), new DiagnosticBag("ja")).pageNumber).toBe("- {{page}} / {{pages}} -");
  });

  it("a theme that is not JSON is PP502", () => {
    const bag = new DiagnosticBag("en");
    expect(() => loadTheme(tempFile("theme.json", "{ fonts: "), bag)).toThrow(ReportedError);
    expect(bag.items[0]?.code).toBe("PP502");
  });
});

describe("a city's own theme", () => {
  it("a mistake in it is told as templates/theme.json, the file as staff see it beside their plan, with its line", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-theme-"));
    cpSync("templates", path.join(dir, "templates"), { recursive: true });
    cpSync("data/plan.tsv", path.join(dir, "plan.tsv"));
    const file = path.join(dir, "templates", "theme.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"lineHeight": 1.35,', '"lineHeight": 1.35,,'));
    const r = await planpress(["check", "plan.tsv"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^templates\/theme\.json:\d+:\d+ {2}error {2}PP502 /m);
  }, 60_000);
});

describe("a font the theme names that fonts/ does not hold", () => {
  it("is PP504 at the theme's line, with the file its name nearly is, else the fonts there are (it had named the theme alone, the file only missing); a web font is PP507 saying so", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-font-"));
    cpSync("templates", path.join(dir, "templates"), { recursive: true });
    mkdirSync(path.join(dir, "fonts"));
    writeFileSync(path.join(dir, "fonts", "市 ゴシック.ttf"), "");
    const file = path.join(dir, "templates", "theme.json");
    const text = readFileSync(file, "utf8").replace(/"normal": "npm:[^"]*"/, '"normal": "fonts/市ゴシック.ttf"').replace(/"bold": "npm:[^"]*"/, '"bold": "fonts/Bold.ttf"');
    // a web font (WOFF2) beside them, as a city downloads its face for its web site
    writeFileSync(path.join(dir, "fonts", "web.woff2"), Buffer.concat([Buffer.from("wOF2"), Buffer.alloc(60)]));
    const withWeb = text.replace('"fonts": {', '"fonts": {\n    "fallback": { "normal": "fonts/web.woff2" },');
    expect(withWeb).not.toBe(text);
    writeFileSync(file, withWeb);
    const lineOf = (part: string) => withWeb.slice(0, withWeb.indexOf(part)).split("\n").length;
    const was = process.cwd();
    process.chdir(dir);
    try {
      const r = await cli("check", path.join(was, "data/plan.tsv"), "--json");
      expect(r.code).toBe(1);
      const ds = JSON.parse(r.stdout) as { code: string; file: string; line?: number; message: string; hint?: string }[];
      expect(ds.find((d) => d.code === "PP507")).toMatchObject({ line: lineOf("web.woff2"),
        message: "フォント fonts/web.woff2 はウェブ用の WOFF2 形式で、PDF に埋め込めません。", hint: "fonts/ に同じフォントの .ttf か .otf のファイルを置き、テーマで名前を指定してください。" });
      expect(ds.filter((d) => d.code === "PP504").map((d) => [d.code, d.file.replace(/\\/g, "/"), d.line, d.hint])).toEqual([
        ["PP504", "templates/theme.json", lineOf("市ゴシック"), "「fonts/市 ゴシック.ttf」ではありませんか（テーマのファイル名を合わせてください）。"],
        ["PP504", "templates/theme.json", lineOf("Bold.ttf"), "フォルダにあるフォント: fonts/市 ゴシック.ttf"],
      ]);
    } finally {
      process.chdir(was);
    }
  });
});

describe("characters the PDF font lacks in a template's own words", () => {
  it("are PP351 at the template's file and line, from check and from the booklet's build (they had printed as boxes without a word); a comment's are not", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-glyphs-"));
    cpSync("templates", path.join(dir, "templates"), { recursive: true });
    // the seed's first header block and 12 projects: the template's words are the same, the build a fifth
    writeFileSync(path.join(dir, "plan.tsv"), readFileSync("data/plan.tsv", "utf8").split("\n").slice(0, 20).join("\n") + "\n");
    const preface = path.join(dir, "templates", "booklet", "preface.hbs");
    const lines = readFileSync(preface, "utf8").replace(/\n+$/, "").split("\n");
    // a comment with whitespace control over lines ({{~!-- … --~}}) is a comment too (it had been checked as printed words)
    writeFileSync(preface, [...lines, '{{!-- 한국어の注記は印刷されない --}}', '{{~!-- 한국어の', '注記 --~}}', '{ "type": "paragraph", "text": "한국어のあいさつ" },', ""].join("\n"));
    // the booklet alone: its template is the one edited (a whole build would print the same line)
    for (const command of ["check", "booklet"]) {
      const r = await planpress([command, "plan.tsv", "-o", "out"].slice(0, command === "check" ? 2 : 4), { cwd: dir });
      const told = r.stderr.split("\n").filter((l) => l.includes("PP351"));
      expect(told, command).toEqual([expect.stringMatching(new RegExp(`^templates/booklet/preface\\.hbs:${lines.length + 4} {2}warning {2}PP351 .*「한 국 어」`))]);
    }
  }, 120_000);
});

describe("templates and wording files saved by Windows' editors", () => {
  it("are read as Shift_JIS (「ANSI」), UTF-16 (「Unicode」) or UTF-8 with a BOM (a Shift_JIS wording file had printed boxes, said only as a missing 「�」)", async () => {
    const iconv = (await import("iconv-lite")).default;
    const { readBoundedText, MAX_EDITED_TEXT_BYTES } = await import("../../src/read-file.js");
    const words = '{ "asOf": "{{year}}現在", "title": "総務委員会説明資料～令和８年度～" }';
    for (const [encoding, bom] of [["Shift_JIS", ""], ["UTF-16LE", "\uFEFF"], ["UTF-16BE", "\uFEFF"], ["UTF-8", "\uFEFF"], ["UTF-8", ""]] as const) {
      const read = readBoundedText(tempFile("wording.json", iconv.encode(bom + words, encoding)), MAX_EDITED_TEXT_BYTES, "ja");
      expect(read, `${encoding} ${bom ? "BOM" : ""}`).toEqual({ text: words });
    }
    // a UTF-8 mark a tool put before Shift_JIS bytes is no character of the text (it had been 「・ｻｿ」, a JSON mistake at 1:1)
    const marked = readBoundedText(tempFile("wording.json", new Uint8Array([0xef, 0xbb, 0xbf, ...iconv.encode(words, "Shift_JIS")])), MAX_EDITED_TEXT_BYTES, "ja");
    expect(marked, "UTF-8 BOM + Shift_JIS").toEqual({ text: words });
    // and as a build reads them: no PP351 for a Shift_JIS wording file and template
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-encoded-"));
    cpSync("templates", path.join(dir, "templates"), { recursive: true });
    // the seed's first header block and 12 projects: the wording is printed the same for any plan
    writeFileSync(path.join(dir, "plan.tsv"), readFileSync("data/plan.tsv", "utf8").split("\n").slice(0, 20).join("\n") + "\n");
    for (const f of ["wording.json", "booklet/cover.hbs"]) {
      const file = path.join(dir, "templates", f);
      writeFileSync(file, iconv.encode(readFileSync(file, "utf8"), "Shift_JIS"));
    }
    const r = await planpress(["check", "plan.tsv"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("PP351");
  }, 60_000);
});

describe("a config or theme saved in UTF-16 without a mark", () => {
  it("is read by its NUL bytes, either byte order (it had been refused as a workbook or a PDF); a binary file is still refused", async () => {
    const iconv = (await import("iconv-lite")).default;
    const { readBoundedText, MAX_EDITED_TEXT_BYTES } = await import("../../src/read-file.js");
    const json = '{\n  "title": "総務委員会説明資料",\n  "year": 2026\n}\n';
    for (const encoding of ["UTF-16LE", "UTF-16BE"]) {
      expect(readBoundedText(tempFile("config.json", iconv.encode(json, encoding)), MAX_EDITED_TEXT_BYTES, "ja"), encoding).toEqual({ text: json });
    }
    const binary = readBoundedText(tempFile("config.json", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 0, 0, 0, 0xff, 0x01, 0x02, 0x00])), MAX_EDITED_TEXT_BYTES, "ja");
    expect(binary).toEqual({ reason: expect.stringContaining("テキストファイルではありません") });
  });
});

describe("a theme font without Japanese", () => {
  it("stops check and build with one PP513 naming the face at its line in the theme (it had been a PP351 for every cell and line: a booklet of boxes); with a Japanese fallback face it prints", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-latin-"));
    cpSync("templates", path.join(dir, "templates"), { recursive: true });
    // the seed's first header block and 12 projects: a theme's font is the same for any plan
    writeFileSync(path.join(dir, "plan.tsv"), readFileSync("data/plan.tsv", "utf8").split("\n").slice(0, 20).join("\n") + "\n");
    const file = path.join(dir, "templates", "theme.json");
    const theme = JSON.parse(readFileSync(file, "utf8"));
    const japanese = theme.fonts.default.normal;
    theme.fonts.default.normal = "npm:pdfmake/fonts/Roboto/Roboto-Regular.ttf";
    writeFileSync(file, JSON.stringify(theme, null, 2));
    const line = readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes("Roboto-Regular.ttf")) + 1;
    // the booklet alone stands for a build: the theme is loaded before any document is rendered
    for (const command of ["check", "booklet"]) {
      const r = await planpress([command, "plan.tsv", "-o", "out"].slice(0, command === "check" ? 2 : 4), { cwd: dir });
      expect(r.code, command).toBe(1);
      expect(r.stderr.split("\n").filter((l) => /PP35[12]|PP513/.test(l)), command)
        .toEqual([expect.stringMatching(new RegExp(`^templates/theme\\.json:${line} {2}error {2}PP513 .*Roboto-Regular\\.ttf（Roboto）`))]);
    }
    expect(existsSync(path.join(dir, "out"))).toBe(false);
    writeFileSync(file, JSON.stringify({ ...theme, fonts: { ...theme.fonts, fallback: { normal: japanese } } }));
    const r = await planpress(["check", "plan.tsv"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("PP513");
    expect(r.stderr).toContain("PP352");
  }, 120_000);
});

describe("theme page set-up", () => {
  it("margins that leave no room for text are PP502", () => {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    theme.pages.booklet.margins = [300, 400, 300, 400];
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain("余白が大きすぎます");
  });
});

describe("theme paper sizes", () => {
  it("B4 and B5 are the JIS sizes Japanese offices print on, in the PDFs and in the workbook's page set-up", async () => {
    const { renderGantt } = await import("../../src/render/gantt.js");
    const { renderWorkbook } = await import("../../src/render/workbook.js");
    const { makeRenderContext, seedPlan } = await import("../helpers/context.js");
    const { readPdf } = await import("../helpers/pdf.js");
    const ExcelJS = (await import("exceljs")).default;
    const ctx = makeRenderContext();
    ctx.theme = { ...ctx.theme, pages: { ...ctx.theme.pages, gantt: { ...ctx.theme.pages.gantt!, size: "B4" }, department: { ...ctx.theme.pages.department!, size: "B5", orientation: "portrait" } } };
    const plan = seedPlan();
    const gantt = (await renderGantt(plan, ctx))[0]!;
    // 364 × 257 mm landscape (pdfmake's own "B4" is ISO B4, 353 × 250 mm: 1000.63 × 708.66 pt)
    const page = (await readPdf(gantt.data)).pages[0]!;
    expect([page.width, page.height].map((pt) => Math.round((pt / 72) * 25.4))).toEqual([364, 257]);
    const book = (await renderWorkbook(plan, ctx)).find((f) => f.path === "plan.xlsx")!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(book.data) as unknown as ArrayBuffer);
    // Excel's paper numbers: 12 JIS B4, 13 JIS B5 (the wide sheets follow the gantt's paper, 体系 a department sheet's)
    expect(wb.getWorksheet("工程表")!.pageSetup.paperSize).toBe(12);
    expect(wb.getWorksheet("事業一覧")!.pageSetup.paperSize).toBe(12);
    expect(wb.getWorksheet("体系")!.pageSetup.paperSize).toBe(13);
  });

  it("a paper planpress does not know is PP502 naming the sizes it knows", () => {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    theme.pages.gantt.size = "Letter";
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain("pages.gantt.size: 次のいずれかです: A4, A3, B4, B5");
  });
});
