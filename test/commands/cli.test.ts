import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Diagnostic } from "../../src/diagnostics/schema.js";
import { Plan } from "../../src/model/schema.js";
import { cli } from "../helpers/cli.js";
import { HEADER, row, tempFile, tsv } from "../helpers/plan-fixtures.js";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "planpress-cli-"));


/** A copy of templates/ in `dir`, and an edit of one of its files that returns the line it changes. */
function templatesIn(dir: string): (file: string, from: string, to: string) => number {
  cpSync("templates", path.join(dir, "templates"), { recursive: true });
  return (file, from, to) => {
    const full = path.join(dir, "templates", file);
    const text = readFileSync(full, "utf8");
    expect(text).toContain(from);
    writeFileSync(full, text.replace(from, to));
    return text.slice(0, text.indexOf(from)).split("\n").length;
  };
}

/** `run` with `dir` as the current folder (where a command finds templates/, as staff run it). */
async function inFolder(dir: string, run: () => Promise<void>): Promise<void> {
  const was = process.cwd();
  process.chdir(dir);
  try { await run(); } finally { process.chdir(was); }
}
describe("planpress CLI", () => {
  it("check on the seed exits 0 and prints places as file:line:column on stderr only", async () => {
    const r = await cli("check", "data/plan.tsv");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^data\/plan\.tsv:43:9 {2}warning {2}PP202 /m);
    expect(r.stderr).toContain("警告");
  });

  it("check --json prints the diagnostics array on stdout, in English with --lang en", async () => {
    const r = await cli("check", "data/plan.tsv", "--json", "--lang", "en");
    const ds = JSON.parse(r.stdout) as { code: string; message: string }[];
    expect(ds.length).toBeGreaterThan(10);
    expect(ds.find((d) => d.code === "PP406")?.message).toMatch(/cannot be found/);
    expect(r.code).toBe(0);
  });

  it("check says the characters the PDF font lacks, as a build does (PP351)", async () => {
    const file = tempFile("glyphs.tsv", tsv([HEADER, row(1, "𠮷野家との連携🚀")]));
    const r = await cli("check", file, "--json");
    const ds = JSON.parse(r.stdout) as { code: string; line: number; actual?: string }[];
    // the name's cell and the description's (the fixture writes the name into both)
    expect(ds.filter((d) => d.code === "PP351").map((d) => [d.line, d.actual])).toEqual([[4, "𠮷🚀"], [4, "𠮷🚀"]]);
  });

  it("check renders the templates as a build does: a broken template is PP503 at its file and line, exit 1, in every document, and the workbook's wording file read (they had passed check and stopped the build)", async () => {
    const dir = tmp();
    const edit = templatesIn(dir);
    const card = edit("booklet/card.hbs", '"title": {{json name}}', '"title": {{json nmae}}');
    const gantt = edit("gantt/gantt.hbs", "(years period)", "(years title)");
    const sheet = edit("department/sheet.hbs", '"chapter": {{json department}}', '"chapter": {{json departmnt}}');
    const wording = edit("workbook/wording.json", '"header": "{{plan}}"', '"header" "{{plan}}"');
    const plan = path.resolve("data/plan.tsv");
    await inFolder(dir, async () => {
      const r = await cli("check", plan);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`templates/booklet/card.hbs:${card}  error  PP503  テンプレートに誤りがあります: {{json nmae}} の値がありません`);
      expect(r.stderr).toContain(`templates/gantt/gantt.hbs:${gantt}  error  PP503  テンプレートに誤りがあります: (years title) に渡した値`);
      expect(r.stderr).toContain(`templates/department/sheet.hbs:${sheet}  error  PP503  テンプレートに誤りがあります: {{json departmnt}} の値がありません`);
      expect(r.stderr).toMatch(new RegExp(`^templates/workbook/wording\\.json:${wording}  error  PP531 `, "m"));
      expect(readdirSync(dir)).toEqual(["templates"]);
    });
  });

  it("check renders the 新旧対照表's and the progress report's templates and reads their wording files: a mistake is told at its file and line, exit 1 (they had passed check, needing a second plan or returns)", async () => {
    const dir = tmp();
    const edit = templatesIn(dir);
    // in the branches a change of schedule and a department's report take
    const row = edit("compare/row.hbs", '{"label": {{json label}}, "schedule"', '{"label": {{json lable}}, "schedule"');
    const projects = edit("progress/projects.hbs", '"：", {{json result}}', '"：", {{json reslt}}');
    const plan = path.resolve("data/plan.tsv");
    await inFolder(dir, async () => {
      const r = await cli("check", plan);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`templates/compare/row.hbs:${row}  error  PP503  テンプレートに誤りがあります: {{json lable}} の値がありません`);
      expect(r.stderr).toContain(`templates/progress/projects.hbs:${projects}  error  PP503  テンプレートに誤りがあります: {{json reslt}} の値がありません`);
      // their wording files: a comma left out, a misspelt key
      const comma = edit("progress/wording.json", '"sampleMark": "見本",', '"sampleMark": "見本"');
      const misspelt = edit("compare/wording.json", '"placeSeparator"', '"placeSeperator"');
      const w = await cli("check", plan, "--json");
      expect(w.code).toBe(1);
      const ds = z.array(Diagnostic).parse(JSON.parse(w.stdout)).filter((d) => d.severity === "error");
      expect(ds.map((d) => [d.code, d.file.replace(/\\/g, "/"), d.line ?? null])).toEqual([
        ["PP532", "templates/compare/wording.json", misspelt], ["PP531", "templates/progress/wording.json", comma + 1]]);
      expect(readdirSync(dir)).toEqual(["templates"]);
    });
  });

  it("check reads the progress forms' wording file: a misspelt value is PP533 at its file and line, exit 1 (they had passed check and been told by `forms` only)", async () => {
    const dir = tmp();
    const edit = templatesIn(dir);
    const title = edit("forms/wording.json", '"title": "{{sample}}{{year}} 進捗報告票　{{department}}"', '"title": "{{sample}}{{year}} 進捗報告票　{{departmnt}}"');
    const plan = tempFile("plan.tsv", tsv([HEADER, row(1, "窓口の見直し")]));
    await inFolder(dir, async () => {
      const r = await cli("check", plan, "--json");
      expect(r.code).toBe(1);
      const ds = z.array(Diagnostic).parse(JSON.parse(r.stdout)).filter((d) => d.severity === "error");
      expect(ds.map((d) => [d.code, d.file.replace(/\\/g, "/"), d.line ?? null])).toEqual([["PP533", "templates/forms/wording.json", title]]);
      expect(ds[0]!.message).toContain("「departmnt」という値はありません（「department」ではありませんか）");
      expect(readdirSync(dir)).toEqual(["templates"]);
    });
  });

  it("check tells a template's tables as a build does: widths wider than the page (PP534, once a line), a misspelt table place or a department with no sheet (PP503) — they had been said by the build only", async () => {
    const dir = tmp();
    const edit = templatesIn(dir);
    const chapter = edit("booklet/chapter.hbs", '"widths": ["*", 40]', '"widths": ["*", 600]');
    const gantt = edit("gantt/gantt.hbs", '"rows": [["@projects"]], "continued"', '"rows": [["@projetcs"]], "continued"');
    const sheet = edit("department/sheet.hbs", '"rows": [["@own", {{json department}}]]', '"rows": [["@own", "存在しない課"]]');
    // one small plan (one department): check renders every document of it
    const plan = tempFile("plan.tsv", tsv([HEADER, row(1, "窓口の見直し"), row(2, "電子申請の拡大")]));
    await inFolder(dir, async () => {
      const r = await cli("check", plan, "--json");
      expect(r.code).toBe(1);
      const ds = z.array(Diagnostic).parse(JSON.parse(r.stdout)).filter((d) => d.code.startsWith("PP5"));
      expect(ds.map((d) => [d.code, d.severity, d.file.replace(/\\/g, "/"), d.line])).toEqual([
        ["PP534", "warning", "templates/booklet/chapter.hbs", chapter],
        ["PP503", "error", "templates/department/sheet.hbs", sheet],
        ["PP503", "error", "templates/gantt/gantt.hbs", gantt],
      ]);
      expect(ds.map((d) => d.message)).toEqual([
        expect.stringContaining("本文の幅 483 pt を超えています"),
        expect.stringContaining("@own の担当課「存在しない課」のシートがありません"),
        expect.stringContaining('表の場所 "@projetcs" はこの資料にありません（使えるのは @projects）'),
      ]);
    });
  });

  it("a file メモ帳 saved as name.txt (the config, a wording file, a template, the theme) is told with the file to rename; the config and the folder's templates had been passed over for the built-in ones", async () => {
    const dir = tmp();
    templatesIn(dir);
    const plan = tempFile("plan.tsv", tsv([HEADER, row(1, "窓口の見直し")]));
    mkdirSync(path.join(dir, "data"));
    writeFileSync(path.join(dir, "data", "planpress.config.json.txt"), '{"title": "市の計画"}');
    renameSync(path.join(dir, "templates", "wording.json"), path.join(dir, "templates", "wording.json.txt"));
    renameSync(path.join(dir, "templates", "gantt", "gantt.hbs"), path.join(dir, "templates", "gantt", "gantt.hbs.txt"));
    await inFolder(dir, async () => {
      const config = await cli("check", plan, "--json");
      expect(config.code).toBe(1);
      expect((JSON.parse(config.stdout) as { code: string; message: string }[]).map((d) => [d.code, d.message])).toEqual([
        ["PP501", "設定ファイルに誤りがあります: ファイルがありません（フォルダにある「planpress.config.json.txt」の名前を「planpress.config.json」にしてください）"]]);
      renameSync(path.join(dir, "data", "planpress.config.json.txt"), path.join(dir, "data", "planpress.config.json"));
      const r = await cli("check", plan, "--json");
      const ds = JSON.parse(r.stdout) as { code: string; message: string }[];
      expect(ds.find((d) => d.code === "PP531")?.message).toContain("フォルダにある「wording.json.txt」の名前を「wording.json」にしてください");
      expect(ds.find((d) => d.code === "PP503")?.message).toContain("フォルダにある「gantt.hbs.txt」の名前を「gantt.hbs」にしてください");
      // the theme so saved: it is said (every run had taken the package's templates, this folder's passed over)
      renameSync(path.join(dir, "templates", "theme.json"), path.join(dir, "templates", "theme.json.txt"));
      const theme = await cli("check", plan, "--json");
      expect((JSON.parse(theme.stdout) as { code: string; file: string; message: string }[]).map((d) => [d.code, d.file, d.message])).toEqual([
        ["PP502", "templates/theme.json", "テーマファイルに誤りがあります: ファイルがありません（フォルダにある「theme.json.txt」の名前を「theme.json」にしてください）"]]);
    });
  });

  it("a templates/ folder of other things (a city's Word templates) is not planpress's: the package's templates are used", async () => {
    const { projectRootFor, packageRoot } = await import("../../src/paths.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-other-templates-"));
    mkdirSync(path.join(dir, "templates"));
    writeFileSync(path.join(dir, "templates", "議事録.docx"), "");
    expect(projectRootFor(dir)).toBe(packageRoot);
    // one of planpress's own names there makes it the city's (its theme, however saved, is then looked for)
    writeFileSync(path.join(dir, "templates", "theme.json.txt"), "{}");
    expect(projectRootFor(dir)).toBe(dir);
  });

  it("--strict turns warnings into exit 1", async () => {
    expect((await cli("check", "data/plan.tsv", "--strict")).code).toBe(1);
  });

  it("model prints the model JSON that the schema accepts", async () => {
    const r = await cli("model", "data/plan.tsv");
    const model = Plan.parse(JSON.parse(r.stdout));
    expect(model.projects).toHaveLength(56);
    expect(r.code).toBe(0);
  });

  it("model on input with errors still prints the model and exits 1", async () => {
    const file = tempFile("bad.tsv", tsv([HEADER, row(1, "事業A"), row(1, "事業B")]));
    const r = await cli("model", file);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).projects).toHaveLength(2);
    expect(r.stderr).toContain("PP401");
  });

  it("a missing input and an empty input exit 1 without a stack trace", async () => {
    for (const input of ["/nonexistent/plan.tsv", tempFile("empty.tsv", "")]) {
      const r = await cli("check", input);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toMatch(/PP10[12]/);
    }
  });

  it("a broken config is PP501 and exit 1; an unreadable year is PP505", async () => {
    const cfg = tempFile("c.json", "{ not json");
    const r = await cli("check", "data/plan.tsv", "--config", cfg);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PP501");
    // with --json, as every other stop of check --json: the array on stdout (it had been text on stderr)
    const json = await cli("check", "data/plan.tsv", "--config", cfg, "--json");
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { code: string }[]).map((d) => d.code)).toEqual(["PP501"]);
    const y = await cli("forms", "--year", "来年度", "data/plan.tsv", "-o", tmp());
    expect(y.code).toBe(1);
    expect(y.stderr).toContain("PP505");
  });

  it("forms of a plan that names no department (every project 各課): PP628 at the plan, exit 1, nothing written (it had written no file with exit 0)", async () => {
    const file = tempFile("all.tsv", tsv([HEADER, row(1, "事業A", { depts: "各課" }), row(2, "事業B", { depts: "全課" })]));
    const out = tmp();
    const r = await cli("forms", "--year", "2026", file, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/all\.tsv\s+error\s+PP628/);
    expect(readdirSync(out)).toEqual([]);
    const named = tempFile("named.tsv", tsv([HEADER, row(1, "事業A", { depts: "情報政策課、各課" })]));
    expect((await cli("forms", "--year", "2026", named, "-o", tmp())).code).toBe(0);
  });

  it("an input error writes nothing and leaves earlier outputs untouched", async () => {
    const out = tmp();
    writeFileSync(path.join(out, "booklet.pdf"), "earlier");
    const file = tempFile("bad.tsv", tsv([HEADER, row(1, "事業A"), row(1, "事業B")]));
    const r = await cli("build", file, "-o", out);
    expect(r.code).toBe(1);
    expect(readFileSync(path.join(out, "booklet.pdf"), "utf8")).toBe("earlier");
  });

  it("an output that cannot be written exits 3", async () => {
    const blocker = tempFile("file-not-dir", "x");
    const r = await cli("model", "data/plan.tsv", "-o", path.join(blocker, "model.json"));
    expect(r.code).toBe(3);
    // a file where the folder should be, said as such (PP910; it was PP902 with ENOTDIR)
    expect(r.stderr).toContain("PP910");
    expect(existsSync(path.join(blocker, "model.json"))).toBe(false);
  });

  it.runIf(process.platform === "linux")("a folder that refuses new folders without an error code of its own exits 3, not a hang", async () => {
    // procfs answers mkdir with ENOENT for a parent that exists: Node's recursive mkdir looped on it
    const r = await cli("gantt", "data/plan.tsv", "-o", "/proc/planpress-out/sub");
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("PP902");
    // said in words, not as the bare errno 「（ENOENT）」
    expect(r.stderr).toContain("書き込み先のフォルダがないか、フォルダを作れない場所です");
    expect(r.stderr).not.toMatch(/（E[A-Z]+）/);
  }, 30_000);

  it.runIf(process.platform === "linux")("an output folder that takes no new file is told at the folder, not at the hidden lock file", async () => {
    // procfs refuses new files in /proc/1 (ENOENT): the lock, the first file written, had been named
    const r = await cli("workbook", tempFile("plan.tsv", tsv([HEADER, row(1, "事業A")])), "-o", "/proc/1");
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^\/proc\/1 {2}error {2}PP902 {2}出力 \/proc\/1 に書き込めません/m);
    expect(r.stderr).not.toContain(".planpress.lock");
  }, 30_000);

  it("--help works and an unknown option is the user's error", async () => {
    expect((await cli("--help")).code).toBe(0);
    const bad = await cli("check", "--no-such-option");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("不明なオプション --no-such-option です。");
    expect((await cli("check", "--no-such-option", "--lang", "en")).stderr).toContain("unknown option");
  });
});

describe("an empty output path", () => {
  it("-o \"\" (a variable left unset) is a usage error, nothing written into the current folder", async () => {
    const r = await cli("booklet", "data/plan.tsv", "-o", "");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("オプション -o, --output <dir> の値が空です");
    expect((await cli("model", "data/plan.tsv", "-o", " ", "--lang", "en")).stderr).toContain("It is empty");
  });
});

describe("config mistakes a person makes", () => {
  it.each([
    ['{"document":{"date":"2026-02-30"}}', "存在しない日付です（2026-02-30）"],
    ['{"document":{"date":"令和8年2月30日"}}', "存在しない日付です（2026-02-30）"],
    // a day outside its era: 平成 ended on 30 April 2019 (it had been printed on the cover as written)
    ['{"document":{"date":"平成31年5月1日"}}', "平成31年5月1日 という日付はありません（令和元年5月1日のことであれば、そう書いてください）"],
    // one message, not the three reasons of a pattern, a calendar and a range
    ['{"document":{"date":"11/24"}}', "document.date: 日付は 2026-11-24 か 令和8年11月24日 のように書いてください\n"],
    // a typo a build had stopped on at its end (the zip and PDF dates hold 1980–2099), with PP901
    ['{"document":{"date":"2126-11-24"}}', "1980 年から 2099 年まで"],
    ['{"titel":"x"}', "titel"],
    // a column named neither by its key nor by its Japanese name: one message naming the names
    ['{"columns":{"事業名":"取組名"}}', "columns.事業名: 列の名前は No・基本方針・施策・取組・事業名・担当課"],
    // a comma after the last item (JSONC editors allow it): told at the comma, saying so (it had been the bracket's line)
    ['{"document": {"date": "2026-11-24",}', "1 行目 35 文字目付近。最後の項目の後のカンマ（,）を消してください"],
    ['{"document": {"keywords": ["DX", "計画",\n]}}', "1 行目 38 文字目付近。最後の項目の後のカンマ（,）を消してください"],
    // V8 names the character without its place: found where it stands outside a string
    ['{"title": "x://y",\n // 会議用\n "asOf": 2026}', "2 行目 2 文字目付近。JSON にはコメント（// …）を書けません"],
    ["{\"title\": 'x'}", "1 行目 11 文字目付近"],
  ])("%s is PP501 naming the problem, exit 1, no trace", async (json, expected) => {
    const cfg = tempFile("planpress.config.json", json.replace(",}", ",\n}"));
    const r = await cli("check", "data/plan.tsv", "--config", cfg);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PP501");
    expect(r.stderr).toContain(expected);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("config columns as staff write them", () => {
  it("maps a header onto a column named in Japanese (「事業名」) as onto its key (name), in columns and in headerSynonyms", async () => {
    const header = HEADER.map((h) => (h === "事業名" ? "実行計画の事業" : h));
    const plan = tempFile("plan.tsv", tsv([header, row(1, "窓口のオンライン化"), row(2, "電子決裁の導入")]));
    const configs = [
      ...["事業名", "name"].map((target) => ({ columns: { "実行計画の事業": target } })),
      // and as a key of headerSynonyms ("不明なキー 事業名" before)
      ...["事業名", "name"].map((key) => ({ headerSynonyms: { [key]: ["実行計画の事業"] } })),
    ];
    for (const config of configs) {
      const cfg = tempFile("planpress.config.json", JSON.stringify(config));
      const out = path.join(tmp(), "model.json");
      const r = await cli("model", plan, "--config", cfg, "-o", out);
      expect(r.code, r.stderr).toBe(0);
      expect(Plan.parse(JSON.parse(readFileSync(out, "utf8"))).projects.map((p) => p.name)).toEqual(["窓口のオンライン化", "電子決裁の導入"]);
    }
  });
});

describe("the document date as staff write it", () => {
  it.each(["令和8年11月24日", "2026/11/24", "R8.11.24", "２０２６年１１月２４日", "令和八年十一月二十四日", " 2026-11-24 "])("%s is 2026-11-24 on the cover and in the metadata", async (date) => {
    const cfg = tempFile("planpress.config.json", JSON.stringify({ document: { date } }));
    const out = tmp();
    const r = await cli("booklet", "data/plan.tsv", "--config", cfg, "-o", out);
    expect(r.code, r.stderr).toBe(0);
    const pdf = readFileSync(path.join(out, "booklet.pdf"), "latin1");
    expect(pdf).toContain("(D:20261124000000Z)");
  });
});

describe("the as-of year", () => {
  it("outside the plan period is a warning (PP506), the roadmap is still written", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "planpress-asof-"));
    const r = await cli("gantt", "data/plan.tsv", "--as-of", "令和２２年度", "-o", out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--as-of {2}warning {2}PP506 /);
    expect(existsSync(path.join(out, "gantt.pdf"))).toBe(true);
  });

  it("is checked when the config is loaded: check fails like build on an unreadable year (PP505)", async () => {
    const cfg = tempFile("planpress.config.json", '{"asOf": "来年度"}');
    for (const args of [["check"], ["model", "-o", path.join(tmp(), "m.json")], ["build", "-o", tmp()]]) {
      const r = await cli(...args, "data/plan.tsv", "--config", cfg);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr).toMatch(/planpress\.config\.json:1 {2}error {2}PP505 .*来年度/);
    }
    const o = await cli("check", "data/plan.tsv", "--as-of", "来年度");
    expect(o.code).toBe(1);
    expect(o.stderr).toMatch(/--as-of {2}error {2}PP505 /);
  });

  it("a year outside its era is said at the option (PP390: H33 is 令和3年度); a year 0 stops (PP391)", async () => {
    const slip = await cli("check", "data/plan.tsv", "--as-of", "H33");
    expect(slip.stderr).toMatch(/--as-of {2}warning {2}PP390 .*令和3年度として読みました。/);
    const zero = await cli("check", "data/plan.tsv", "--as-of", "令和0年度");
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/--as-of {2}error {2}PP391 /);
    expect(zero.stderr).not.toContain("PP505");
  });

  it("outside the plan period is told by check too (PP506, the config file named)", async () => {
    const cfg = tempFile("planpress.config.json", '{"asOf": 2040}');
    const r = await cli("check", "data/plan.tsv", "--config", cfg);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/planpress\.config\.json:1 {2}warning {2}PP506 /);
  });
});

describe("a reader that stops early", () => {
  it("model piped into a reader that closes the pipe (| head) exits 0 with no stack trace", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["--import", "tsx", "test/robustness/cli-entry.ts", "model", "data/plan.tsv"]);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    // our end closed before the model is printed, as head closes it after its lines
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|at .*\(node:/);
    expect(code).toBe(0);
  }, 60_000);
});
