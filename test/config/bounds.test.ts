// Config and theme values a person types: bounded in their schemas, read as Notepad saves them,
// a mistyped font package told as the theme's mistake.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { ReportedError } from "../../src/errors.js";
import { renderGantt } from "../../src/render/gantt.js";
import { loadTheme } from "../../src/theme/load.js";
import { Config, defaultConfig } from "../../src/config/schema.js";
import { loadConfig } from "../../src/config/load.js";
import { cli } from "../helpers/cli.js";
import { attempt, makeRenderContext } from "../helpers/context.js";
import { HEADER, planOf, row, tempFile, tsv } from "../helpers/plan-fixtures.js";

const shipped = () => JSON.parse(readFileSync("templates/theme.json", "utf8"));

describe("config text is bounded", () => {
  it("a 20,000-character title is PP501 naming the key, at once, exit 1", async () => {
    const cfg = tempFile("planpress.config.json", JSON.stringify({ title: "長".repeat(20_000) }));
    const t = performance.now();
    const r = await cli("booklet", "data/plan.tsv", "--config", cfg, "-o", tempFile("x", "").replace(/x$/, "out"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PP501.*title: 大きすぎます（最大 100）/);
    expect(performance.now() - t).toBeLessThan(10_000);
  });

  it.each([
    [{ document: { meeting: "会".repeat(101) } }, "document.meeting"],
    [{ document: { keywords: Array(51).fill("DX") } }, "document.keywords"],
    [{ progressStatuses: ["完了", "長".repeat(41)] }, "progressStatuses.1"],
    // a category id or a status given twice (the second's bars had been drawn as the first's)
    [{ progressStatuses: ["完了", "遅れ", "完了"] }, "progressStatuses: 同じ区分が 2 回書かれています"],
    [{ phaseCategories: [{ id: "operate", label: "運用", terms: ["運用"] }, { id: "operate", label: "実施", terms: ["実施"] }] }, "phaseCategories: id が重なっています"],
  ])("%j is PP501 (%s)", async (config, key) => {
    const r = await cli("check", "data/plan.tsv", "--config", tempFile("c.json", JSON.stringify(config)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PP501");
    expect(r.stderr).toContain(key);
  });

  it("a value of the wrong kind is said in the words of whoever edits the file", async () => {
    const r = await cli("check", "data/plan.tsv", "--config", tempFile("c.json", JSON.stringify({ document: { meeting: 123, tagged: "yes" } })));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('document.meeting: 文字（"…" で囲む）で書いてください');
    expect(r.stderr).toContain("document.tagged: true か false で書いてください");
  });

  it("a number or true/false written in quotes (\"5\", \"false\") is said so: 引用符を付けずに 5 (it had said only 数字で書いてください)", () => {
    const bag = new DiagnosticBag("ja");
    expect(() => loadConfig(tempFile("c.json", JSON.stringify({ document: { tagged: "false" }, limits: { maxProjects: "5" } })), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain('document.tagged: true か false で書いてください（"false" ではなく、引用符を付けずに false）');
    expect(bag.items[0]!.message).toContain('limits.maxProjects: 数字で書いてください（"5" ではなく、引用符を付けずに 5）');
    // text that is no number is told as before
    const theme = shipped();
    theme.lineHeight = "広め";
    const themeBag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), themeBag)).toThrow(ReportedError);
    expect(themeBag.items[0]!.message).toMatch(/lineHeight: 数字で書いてください$/);
  });

  it("an as-of year the config gives that cannot be read (PP505) or lies outside the period (PP506) is told at its line (they had named the file alone)", async () => {
    const plan = tempFile("plan.tsv", tsv([HEADER, row(1, "事業A")]));
    for (const [asOf, code] of [[5, "PP505"], ["令和20年度", "PP506"]] as const) {
      const cfg = tempFile("planpress.config.json", JSON.stringify({ document: { meeting: "総務委員会" }, asOf }, null, 2));
      const r = await cli("check", plan, "--config", cfg, "--json");
      expect((JSON.parse(r.stdout) as { code: string; line?: number }[]).filter((d) => d.code === code).map((d) => d.line)).toEqual([5]);
    }
  });

  it("a limit of 0 is refused saying it must be more than 0 (it had said its minimum was 0)", async () => {
    const r = await cli("check", "data/plan.tsv", "--config", tempFile("c.json", JSON.stringify({ limits: { maxProjects: 0 } })));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("limits.maxProjects: 小さすぎます（0 より大きい値）");
  });

  it("a title at the bound still lays out: the booklet is written", async () => {
    const cfg = tempFile("planpress.config.json", JSON.stringify({ title: "武蔵野市".repeat(25) }));
    const plan = tempFile("plan.tsv", tsv([HEADER, row(1, "事業A"), row(2, "事業B")]));
    const out = tempFile("x", "").replace(/x$/, "out");
    const r = await cli("booklet", plan, "--config", cfg, "-o", out);
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);
});

describe("a config saved by Notepad (UTF-8 with a byte order mark)", () => {
  it("is read like any other", async () => {
    const cfg = tempFile("planpress.config.json", `\uFEFF${JSON.stringify({ document: { date: "2026-11-24", meeting: "総務委員会" } }, null, 2)}\n`);
    const r = await cli("check", "data/plan.tsv", "--config", cfg);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("PP501");
  });
});

describe("JSON nested past any real file", () => {
  it("a config and a theme nested 10,000 deep are told at the bracket past 100 levels (PP501, PP502), not an internal error", () => {
    const deep = (d: number) => `{\n "a":\n${"[".repeat(d)}${"]".repeat(d)}\n}\n`;
    const bag = new DiagnosticBag("ja");
    const t = performance.now();
    expect(() => loadConfig(tempFile("planpress.config.json", deep(10_000)), bag)).toThrow(ReportedError);
    expect(() => loadTheme(tempFile("theme.json", deep(10_000)), bag)).toThrow(ReportedError);
    expect(performance.now() - t).toBeLessThan(2_000);
    expect(bag.items.map((d) => [d.code, d.line, d.column])).toEqual([["PP501", 3, 100], ["PP502", 3, 100]]);
    expect(bag.items[0]!.message).toContain("入れ子が深すぎます");
    // 100 levels are read on (the wrong key is the schema's to tell)
    const ok = new DiagnosticBag("ja");
    expect(() => loadConfig(tempFile("planpress.config.json", deep(99)), ok)).toThrow(ReportedError);
    expect(ok.items[0]!.message).not.toContain("入れ子");
  });
});

describe("theme numbers are bounded", () => {
  it.each([[2000, "sizes.body"], [1e300, "sizes.body"], [0, "sizes.body"]])("sizes.body %d is PP502", (size, key) => {
    const theme = shipped();
    theme.sizes.body = size;
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]).toMatchObject({ code: "PP502" });
    expect(bag.items[0]!.message).toContain(key);
  });

  it("a cover size of 1e300 and a margin of 1e300 are PP502", () => {
    const theme = shipped();
    theme.sizes.cover = 1e300;
    theme.pages.gantt.margins = [1e300, 10, 10, 10];
    const bag = new DiagnosticBag("en");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain("sizes.cover");
    expect(bag.items[0]!.message).toContain("pages.gantt.margins.0");
  });
});

describe("a theme naming a font package that is not installed", () => {
  it("is PP504 naming templates/theme.json and the font, never a module stack", async () => {
    const ctx = makeRenderContext();
    ctx.theme = { ...ctx.theme, fonts: { default: { normal: "npm:@expo-google-fonts/biz-udpgothc/400Regular/BIZUDPGothic_400Regular.ttf" } } };
    const plan = await planOf("plan.tsv", tsv([HEADER, row(1, "事業A")]));
    const { files, diagnostics } = await attempt(ctx, (c) => renderGantt(plan, c));
    expect(files).toBeNull();
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: "PP504", file: "templates/theme.json" }));
    expect(diagnostics.find((d) => d.code === "PP504")!.message).toContain("biz-udpgothc");
  });
});

describe("the config's JSON Schema", () => {
  it("committed in data/ is what `npm run schema` writes from the zod schema (defaults included)", async () => {
    const { readFileSync } = await import("node:fs");
    const { configSchemaText, SCHEMA_FILE } = await import("../../scripts/config-schema.js");
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(configSchemaText());
  });
});

describe("the document date of a plan whose period lies past 2099 (a typo in its years)", () => {
  it("stays within the 1980–2099 the files' dates hold (it is not printed)", async () => {
    const { resolveDocumentDate } = await import("../../src/context.js");
    const { defaultConfig } = await import("../../src/config/schema.js");
    const date = (r: ReturnType<typeof resolveDocumentDate>) => ("date" in r ? r.date : null);
    expect(date(resolveDocumentDate(defaultConfig(), 2100, {}))?.getUTCFullYear()).toBe(2099);
    expect(date(resolveDocumentDate(defaultConfig(), 2026, {}))?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });
});

describe("a phase category the config adds", () => {
  it("without a style in the theme is told once, by check and by a build (PP552), naming the style it borrows", async () => {
    const defaults = JSON.parse(readFileSync("data/planpress.config.schema.json", "utf8")).properties.phaseCategories.default;
    const cfg = tempFile("c.json", JSON.stringify({ phaseCategories: [{ id: "maintain", label: "保守", terms: ["保守"] }, ...defaults] }));
    const plan = tempFile("plan.tsv", tsv([HEADER, row(1, "基幹系の保守", { years: ["構築", "保守", ""] }), row(2, "端末の保守", { years: ["保守", "", ""] })]));
    for (const args of [["check", plan], ["gantt", plan, "-o", tempFile("x", "").replace(/x$/, "out")]]) {
      const r = await cli(...args, "--config", cfg);
      expect(r.code).toBe(0);
      expect(r.stderr.match(/PP552/g)).toHaveLength(1);
      expect(r.stderr).toContain("工程の区分「保守」（maintain）の色と模様がテーマの categories にないため、「その他」の色と模様で描きます。");
    }
    // a category the theme styles is not told
    expect((await cli("check", plan)).stderr).not.toContain("PP552");
  });

  it("whose style's key the theme misspelt (bulid, 予定通り) is told at that key's line, naming it, by check (the style had been passed over without a word; PP553 by progress only)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-category-"));
    cpSync("templates", path.join(dir, "templates"), { recursive: true });
    const file = path.join(dir, "templates", "theme.json");
    const text = readFileSync(file, "utf8").replace('"build":', '"bulid":').replace('"予定どおり":', '"予定通り":');
    writeFileSync(file, text);
    const plan = tempFile("plan.tsv", tsv([HEADER, row(1, "基幹系の構築", { years: ["構築", "", ""] })]));
    const was = process.cwd();
    process.chdir(dir);
    try {
      const ds = JSON.parse((await cli("check", plan, "--json")).stdout) as { code: string; line?: number; hint?: string }[];
      expect(ds.filter((d) => d.code === "PP552").map((d) => [d.line, d.hint])).toEqual([
        [text.slice(0, text.indexOf('"bulid"')).split("\n").length, 'テーマの categories の "bulid" は "build" ではありませんか（どの区分にも使われていません）。']]);
      expect(ds.filter((d) => d.code === "PP553").map((d) => [d.line, d.hint])).toEqual([
        [text.slice(0, text.indexOf('"予定通り"')).split("\n").length, 'テーマの statuses の "予定通り" は "予定どおり" ではありませんか（どの区分にも使われていません）。']]);
    } finally {
      process.chdir(was);
    }
  });
});

describe("a list in the config adds to the built-in one", () => {
  const categories = (plan: Awaited<ReturnType<typeof planOf>>) => plan.projects.map((p) => p.schedule.map((ph) => ph.category));
  const plan = tsv([HEADER, row(1, "基幹系", { years: ["検討", "保守", "準備"], depts: "情報政策課＆総務課、財政課" })]);

  it("a phase category, a separator: the built-in ones are still read (a city adding one had lost them all)", async () => {
    const config = Config.parse({ phaseCategories: [{ id: "maintain", label: "保守", terms: ["保守"] }], departmentSeparators: ["＆"] });
    const read = await planOf("plan.tsv", plan, config);
    expect(categories(read)).toEqual([["study", "maintain", "build"]]);
    expect(read.projects[0]!.departments).toEqual(["情報政策課", "総務課", "財政課"]);
    expect(config.progressStatuses).toEqual(defaultConfig().progressStatuses);
  });

  it("a word the city gives its own category is that category's, not the built-in one's", async () => {
    const config = Config.parse({ phaseCategories: [{ id: "prepare", label: "準備", terms: ["準備"] }] });
    expect(categories(await planOf("plan.tsv", plan, config))).toEqual([["study", "other", "prepare"]]);
  });

  it("{\"only\": [...]} is the whole list; a list of another shape is PP501 saying both forms", async () => {
    const config = Config.parse({ phaseCategories: { only: [{ id: "maintain", label: "保守", terms: ["保守"] }] }, departmentSeparators: { only: ["＆"] } });
    const read = await planOf("plan.tsv", plan, config);
    expect(categories(read)).toEqual([["other", "maintain", "other"]]);
    expect(read.projects[0]!.departments).toEqual(["情報政策課", "総務課、財政課"]);
    const r = await cli("check", "data/plan.tsv", "--config", tempFile("c.json", JSON.stringify({ progressStatuses: "一部完了" })));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('progressStatuses: 一覧（[ … ]、組み込みの一覧に加えます）か {"only": [ … ]}（この一覧だけ）で書いてください');
  });

  it("a list naming some built-in entries but not all (an edited copy) is read added to them, said once (PP515)", async () => {
    const cfg = tempFile("c.json", JSON.stringify({ progressStatuses: ["完了", "一部完了", "遅れ", "未着手"], departmentSeparators: ["＆"] }));
    const r = await cli("check", "data/plan.tsv", "--config", cfg);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/PP515/g)).toHaveLength(1);
    // at the line of the list (the file is one line)
    expect(r.stderr).toContain(`${cfg}:1  info  PP515  設定の progressStatuses は組み込みの一覧に加えて読みました（書かれていない組み込みの 予定どおり、前倒し、中止・休止 も使います）。`);
  });
});

describe("a misspelt key in the config or the theme", () => {
  it("is told with the key nearest to it (it had said only 「不明なキー titel」)", async () => {
    const r = await cli("check", "data/plan.tsv", "--config", tempFile("c.json", JSON.stringify({ titel: "x", document: { meting: "総務委員会" }, schedule: { activMarks: ["◆"] } })));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('document: 不明なキー meting（"meeting" ではありませんか）');
    expect(r.stderr).toContain('（全体）: 不明なキー titel（"title" ではありませんか）');
    expect(r.stderr).toContain('schedule: 不明なキー activMarks（"activeMarks" ではありませんか）');
    const theme = shipped();
    theme.colours.headrFill = theme.colours.headerFill;
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain('colours: 不明なキー headrFill（"headerFill" ではありませんか）');
  });
});

describe("a wrong value or a misspelt key in the config or the theme", () => {
  /** The line of `text` where `part` stands. */
  const lineOf = (text: string, part: string) => text.slice(0, text.indexOf(part)).split("\n").length;

  it("is told at its line: the misspelt key's, the wrong value's, the object missing a key (they had been told with the file alone)", () => {
    const config = JSON.stringify({ document: { date: "2026-11-24", meting: "総務委員会" }, asOf: "令和8年度" }, null, 2);
    const bag = new DiagnosticBag("ja");
    expect(() => loadConfig(tempFile("c.json", config), bag)).toThrow(ReportedError);
    expect(bag.items.map((d) => [d.code, d.line])).toEqual([["PP501", lineOf(config, '"meting"')]]);
    const shippedText = readFileSync("templates/theme.json", "utf8");
    for (const [from, to, at] of [
      ['"text": "#000000", "muted"', '"text": "red", "muted"', '"text": "red"'],
      ['"lineHeight": 1.35', '"lineHeight": "1.35"', '"lineHeight"'],
      // a page set-up deleted: the line of "pages", where it belongs
      ['"gantt":      { "size": "A3", "orientation": "landscape", "margins": [36, 48, 36, 40] },', "", '"pages"'],
    ]) {
      const text = shippedText.replace(from!, to!);
      expect(text).not.toBe(shippedText);
      const themeBag = new DiagnosticBag("ja");
      expect(() => loadTheme(tempFile("theme.json", text), themeBag)).toThrow(ReportedError);
      expect(themeBag.items.map((d) => [d.code, d.line])).toEqual([["PP502", lineOf(text, at!)]]);
    }
    // a key missing from the top of the file is the whole file's: no line
    const whole = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify({ ...shipped(), fonts: undefined }, null, 2)), whole)).toThrow(ReportedError);
    expect(whole.items[0]).not.toHaveProperty("line");
  });

  it("a key written twice (a copied line edited) is told at the second's line, naming the first's, in the config, the theme and a template's output (JSON keeps the later one: the earlier had been dropped without a word); a line break typed in a text, and a file saved empty, are said so", () => {
    const config = '{\n  "document": {\n    "meeting": "総務委員会",\n    "issuer": "情報政策課",\n    "meeting": "文教委員会"\n  }\n}';
    const bag = new DiagnosticBag("ja");
    expect(() => loadConfig(tempFile("c.json", config), bag)).toThrow(ReportedError);
    expect(bag.items.map((d) => [d.code, d.line, d.message])).toEqual([["PP501", 5, expect.stringContaining('キー "meeting" が二度書かれています（3 行目にも）。後の値だけが使われ、前の値は黙って捨てられます')]]);
    const text = readFileSync("templates/theme.json", "utf8").replace('"lineHeight": 1.35,', '"lineHeight": 1.35,\n  "lineHeight": 2,');
    const themeBag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", text), themeBag)).toThrow(ReportedError);
    expect(themeBag.items.map((d) => [d.code, d.line])).toEqual([["PP502", lineOf(text, '"lineHeight": 2')]]);
    // a file saved empty: said so (it had been 「引用符やカンマの過不足」 at line 1)
    const empty = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", "\uFEFF\r\n"), empty)).toThrow(ReportedError);
    expect(empty.items.map((d) => [d.code, d.line, d.message])).toEqual([["PP502", undefined, expect.stringContaining("ファイルが空です（何も書かれていません）")]]);
    // Enter typed inside a text: said so at its line
    const broken = new DiagnosticBag("ja");
    expect(() => loadConfig(tempFile("c.json", '{\n  "document": {\n    "meeting": "総務\n委員会"\n  }\n}'), broken)).toThrow(ReportedError);
    expect(broken.items.map((d) => [d.code, d.line, d.message])).toEqual([["PP501", 3, expect.stringContaining("文字の途中で改行はできません")]]);
    // the same key in two objects is no mistake ("text" and "fill" in every style of the shipped theme)
    const clean = new DiagnosticBag("ja");
    expect(loadTheme(tempFile("theme.json", readFileSync("templates/theme.json", "utf8")), clean).colours.text).toBe("#000000");
    expect(clean.items).toEqual([]);
  });
});

describe("SOURCE_DATE_EPOCH", () => {
  it("a date past 2099 or not a number is PP510 at once, exit 1 (it had been an internal error at the build's end, or passed over)", async () => {
    const plan = "data/plan.tsv";
    const noDate = tempFile("c.json", "{}");
    for (const value of ["4200000000", "abc"]) {
      const was = process.env.SOURCE_DATE_EPOCH;
      process.env.SOURCE_DATE_EPOCH = value;
      try {
        const r = await cli("workbook", plan, "--config", noDate, "-o", tempFile("x", "").replace(/x$/, "out"));
        expect(r.code, value).toBe(1);
        expect(r.stderr).toContain(`SOURCE_DATE_EPOCH  error  PP510  環境変数 SOURCE_DATE_EPOCH の値「${value}」は文書の日付に使えません`);
        expect(r.stderr).not.toContain("PP901");
      } finally {
        if (was === undefined) delete process.env.SOURCE_DATE_EPOCH; else process.env.SOURCE_DATE_EPOCH = was;
      }
    }
    const { resolveDocumentDate } = await import("../../src/context.js");
    const { defaultConfig } = await import("../../src/config/schema.js");
    expect(resolveDocumentDate(defaultConfig(), 2026, { SOURCE_DATE_EPOCH: "1764547200" })).toMatchObject({ printed: true });
  });
});
