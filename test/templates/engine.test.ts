// The template engine on small template folders: strict mode and parse errors are PP503 with the
// file and line (in Japanese, handlebars' message only as a detail), values are escaped for
// JSON, and an error inside a partial names the partial.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ReportedError } from "../../src/errors.js";
import { renderTemplate, templateReason } from "../../src/templates/engine.js";
import { makeRenderContext, templatesWith } from "../helpers/context.js";
import { bookletNodes } from "../../src/render/template-nodes.js";
import { planOf, project } from "../helpers/plan-model.js";

function folder(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-engine-"));
  mkdirSync(path.join(dir, "doc"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, "doc", name), text);
  return makeRenderContext({ templatesDir: dir });
}

function failure(files: Record<string, string>, data: object = {}) {
  const ctx = folder(files);
  expect(() => renderTemplate("doc", "main", data, ctx)).toThrow(ReportedError);
  const d = ctx.diagnostics.items.find((x) => x.code === "PP503");
  expect(d).toBeDefined();
  return d!;
}

describe("renderTemplate", () => {
  it("escapes quotes, backslashes and newlines in values for JSON, not HTML", () => {
    const ctx = folder({ "main.hbs": '[{ "type": "paragraph", "text": {{json text}} },]' });
    const text = 'He said "はい" \\ C:\\dir\nnext line & <b>';
    const [node] = renderTemplate("doc", "main", { text }, ctx);
    expect(node).toMatchObject({ type: "paragraph", text });
    expect(ctx.diagnostics.items).toEqual([]);
  });

  it("writes a value without json (\"{{text}}\", {{{text}}}, a helper's text) as a JSON string's characters: a name with \" \\ or a line break had broken the description for that plan alone", () => {
    const ctx = folder({ "main.hbs": '[{ "type": "paragraph", "text": "{{text}}／{{{text}}}／{{concat text "!"}}" },\n{ "type": "table", "header": ["{{none}}件", "b"], "rows": [["{{n}}", "{{@root.flag}}"]] },]' });
    const text = 'He said "はい" \\ C:\\dir\nnext line & <b>';
    const [paragraph, table] = renderTemplate("doc", "main", { text, n: 5, flag: true, none: null }, ctx);
    expect(paragraph).toMatchObject({ type: "paragraph", text: `${text}／${text}／${text}!` });
    expect(table).toMatchObject({ header: ["件", "b"], rows: [["5", "true"]] });
    expect(ctx.diagnostics.items).toEqual([]);
    // the mustache is run as written: a misspelt value is still told at its line (strict mode)
    const misspelt = failure({ "main.hbs": '[\n{ "type": "paragraph", "text": "{{txet}}" }]' }, { text });
    expect([misspelt.line, misspelt.message]).toEqual([2, expect.stringContaining("「txet」という値はありません")]);
  });

  it("a list or { … } written without json (\"{{departments}}\") is PP503 at its line saying how to write it (it had printed \"a,b\" or [object Object]); numbers, text, true and null print as before", () => {
    const data = { departments: ["企画課", "財政課"], cover: { label: "資料1" }, items: [{ name: "a" }] };
    const cases: [string, string][] = [
      ['"{{departments}}"', '{{departments}} の値は一覧なので、そのままでは文字になりません（「a,b」や [object Object] と印刷されます）。一覧のまま渡すなら {{json departments}}、文字につなぐなら {{join departments "、"}} と書いてください'],
      ['"担当: {{{departments}}}"', "{{{departments}}} の値は一覧なので"],
      ['"{{cover}}"', "{{cover}} の値は項目のまとまり（label）なので、そのままでは文字になりません（[object Object] と印刷されます）。中の値を {{cover.label}} のように書くか、{{json cover}} と書いてください"],
      ['"{{#each items}}{{this}}{{/each}}"', "{{this}} の値は項目のまとまり（name）"],
      ['"{{names departments}}"', "{{names departments}} の値は一覧なので、そのままでは文字になりません（「a,b」や [object Object] と印刷されます）。一覧のまま渡すなら {{json (names departments)}} と書いてください"],
    ];
    for (const [mustache, said] of cases) {
      const d = failure({ "main.hbs": `[\n{ "type": "heading", "level": 1, "text": "a" },\n{ "type": "paragraph", "text": ${mustache} }\n]` }, data);
      expect([mustache, d.file.replace(/\\/g, "/").split("/").at(-1), d.line, d.message]).toEqual([mustache, "main.hbs", 3, expect.stringContaining(said)]);
    }
    const ctx = folder({ "main.hbs": '[{ "type": "paragraph", "text": "{{n}}/{{t}}/{{f}}/{{z}}/{{u}}/{{#each departments as |d|}}{{d}}{{@index}}{{/each}}/{{join departments}}" }]' });
    expect((renderTemplate("doc", "main", { ...data, n: 0, t: "x", f: true, z: null, u: false }, ctx)[0] as { text: string }).text).toBe("0/x/true//false/企画課0財政課1/企画課、財政課");
  });

  it("a name tested by {{#if}} or {{#unless}} that is not there (misspelt) is PP503 at its line, in a chain ({{else if}}) too; it had been taken as false and what it guarded left out", () => {
    const data = { cover: { label: "資料1", date: "" }, items: [{ relistOf: null, name: "a" }] };
    const cases: [string, number, string][] = [
      ['{{#if cover.lable}}{ "type": "paragraph", "text": "x" },{{/if}}', 3, "{{#if cover.lable}} の「cover.lable」という値はありません。綴りを確認してください"],
      ['{{#each items}}{{#unless relistof}}{ "type": "paragraph", "text": "x" },{{/unless}}{{/each}}', 3, "{{#unless relistof}} の「relistof」という値はありません"],
      ['{{#if cover.date}}{ "type": "paragraph", "text": "x" },\n{{else if cover.labl}}{ "type": "pageBreak" },{{/if}}', 4, "{{#if cover.labl}} の「cover.labl」"],
    ];
    for (const [body, line, said] of cases) {
      const d = failure({ "main.hbs": `[\n{ "type": "heading", "level": 1, "text": "a" },\n${body}\n]` }, data);
      expect([body, d.line, d.message]).toEqual([body, line, expect.stringContaining(said)]);
    }
    // fields that are there test as before: empty, null, false, 0 and [] are false
    const ctx = folder({ "main.hbs": '[{ "type": "paragraph", "text": "{{#if cover.label}}L{{/if}}{{#if cover.date}}D{{else if n}}N{{else}}-{{/if}}{{#each items}}{{#unless relistOf}}U{{/unless}}{{/each}}{{#if (eq n 0)}}E{{/if}}{{#if list.length}}S{{/if}}" }]' });
    expect((renderTemplate("doc", "main", { ...data, n: 0, list: [] }, ctx)[0] as { text: string }).text).toBe("L-UE");
  });

  it("reads and compiles a folder once per run (one context): a later run reads the edited file, a main is no partial of itself", () => {
    const ctx = folder({
      "main.hbs": "{{> part}}",
      "part.hbs": '{ "type": "paragraph", "text": "v1" }',
      "other.hbs": '[{{> main}}]',
    });
    const text = (c: typeof ctx, main = "main") => (renderTemplate("doc", main, {}, c)[0] as { text?: unknown }).text;
    expect(text(ctx)).toBe("v1");
    writeFileSync(path.join(ctx.templatesDir, "doc", "part.hbs"), '{ "type": "paragraph", "text": "v2" }');
    expect(text(ctx)).toBe("v1");
    expect(text({ ...ctx })).toBe("v2");
    // other.hbs may include main.hbs as a partial, main.hbs still cannot include itself
    expect(text(ctx, "other")).toBe("v1");
    const self = failure({ "main.hbs": "[\n{{> main}}\n]" });
    expect(self.message).toContain("部品テンプレート「main」");
  });

  it("a partial that is not there is told at the line that calls it, in the main template or in a partial", () => {
    // a comment naming the partial comes first: it is no call
    const inMain = failure({ "main.hbs": "{{!-- e.g. {{> prefase}} --}}\n[\n{{> cover}}\n{{> prefase}}\n]", "cover.hbs": '{ "type": "paragraph", "text": "c" },' });
    expect(inMain.message).toContain("部品テンプレート「prefase」");
    expect([inMain.file.replace(/\\/g, "/").split("/").at(-1), inMain.line]).toEqual(["main.hbs", 4]);
    const inPart = failure({ "main.hbs": "[\n{{> chapter}}\n]", "chapter.hbs": '{ "type": "paragraph", "text": "c" },\n\n{{> cards x=1}}' });
    expect([inPart.file.replace(/\\/g, "/").split("/").at(-1), inPart.line]).toEqual(["chapter.hbs", 3]);
  });

  it("a part that is not there names the file it nearly is: saved by Notepad as cover.hbs.txt, renamed Cover.hbs, or misspelt in the call", () => {
    const main = "[\n{{> cover}}\n]";
    const body = '{ "type": "paragraph", "text": "c" }';
    expect(failure({ "main.hbs": main, "cover.hbs.txt": body }).message).toContain("フォルダにある「cover.hbs.txt」の名前を「cover.hbs」にしてください");
    expect(failure({ "main.hbs": main, "Cover.hbs": body }).message).toContain("フォルダにある「Cover.hbs」の名前を「cover.hbs」にしてください");
    expect(failure({ "main.hbs": "[\n{{> prefase}}\n]", "preface.hbs": body }).message).toContain("「{{> preface}}」ではありませんか");
  });

  it("a part whose file name has a space or a sign (ひょうし　改.hbs, Explorer's chapter - コピー.hbs) is PP503 at the calling line saying to rename it (it had been told as a value or a part not there); a full-width name is called as it is", () => {
    const part = '{ "type": "pageBreak" },';
    const cases: [string, string, string][] = [
      ["ひょうし　改.hbs", "{{> ひょうし　改}}", "部品テンプレート ひょうし　改.hbs は、名前に空白か記号があるため {{> ひょうし　改}} では呼べません。ファイル名を ひょうし改.hbs のように変えて、{{> ひょうし改}} と書いてください"],
      ["chapter - コピー.hbs", "{{> chapter - コピー this}}", "{{> chapter-コピー}} と書いてください"],
    ];
    for (const [file, call, said] of cases) {
      const d = failure({ "main.hbs": `[\n{ "type": "pageBreak" },\n${call}\n]`, [file]: part });
      expect([file, d.file.replace(/\\/g, "/").split("/").at(-1), d.line, d.message]).toEqual([file, "main.hbs", 3, expect.stringContaining(said)]);
    }
    const ctx = folder({ "main.hbs": "[\n{{> 表紙２}}\n]", "表紙２.hbs": part });
    expect(renderTemplate("doc", "main", {}, ctx)).toEqual([{ type: "pageBreak" }]);
  });

  it("an empty main template is PP503 saying so (it had been 「出力が途中で終わっています」); an empty part called is a PP519 warning naming it (an emptied chapter.hbs had left the booklet without chapters, without a word); a part of comments alone is meant", () => {
    const main = failure({ "main.hbs": " \r\n" });
    expect([main.file.replace(/\\/g, "/").split("/").at(-1), main.line, main.message]).toEqual(["main.hbs", undefined, expect.stringContaining("main.hbs が空です（何も書かれていません）")]);
    const ctx = folder({ "main.hbs": "[\n{{> preface}}\n{{#each items}}{{> chapter}}{{/each}}\n{ \"type\": \"pageBreak\" }\n]", "chapter.hbs": "", "preface.hbs": "{{!-- はじめに --}}\n" });
    expect(renderTemplate("doc", "main", { items: [1, 2] }, ctx)).toEqual([{ type: "pageBreak" }]);
    expect(ctx.diagnostics.items.map((d) => [d.code, d.file.replace(/\\/g, "/").split("/").at(-1), d.message])).toEqual([["PP519", "chapter.hbs", expect.stringContaining("部品テンプレート chapter.hbs が空のため、呼ばれた所（{{> chapter}}）には何も印刷されません")]]);
  });

  it("partials that double at each level, or loops in loops, end with PP503 in seconds, not after all memory", () => {
    // 2^31 partial calls: this had run for minutes at 1.7 GB until killed
    const doubling = '{{#*inline "l0"}}"x",{{/inline}}' + Array.from({ length: 31 }, (_, i) => `{{#*inline "l${i + 1}"}}{{> l${i}}}{{> l${i}}}{{/inline}}`).join("")
      + '[{ "type": "paragraph", "text": [{{> l31}} "y"] }]';
    const t = performance.now();
    const d = failure({ "main.hbs": "{{> part}}", "part.hbs": doubling });
    expect(d.file).toMatch(/doc[/\\]part\.hbs$/);
    expect(d.message).toContain("1,000,000 回を超えました");
    // 200^3 steps of each
    const loops = failure({ "main.hbs": '[{{#each xs}}{{#each @root.xs}}{{#each @root.xs}}{ "type": "paragraph", "text": "x" },{{/each}}{{/each}}{{/each}}]' }, { xs: Array.from({ length: 200 }, (_, i) => i) });
    expect(loops.message).toContain("回を超えました");
    expect(performance.now() - t).toBeLessThan(60_000);
  });

  it("a partial calling itself, or two calling each other, is PP503 at the partial naming the call, in no time (it had overflowed the stack: 「Maximum call stack size exceeded」)", () => {
    const t = performance.now();
    const self = failure({ "main.hbs": "[{{> a}}]", "a.hbs": "{{> a}}" });
    expect(self.file).toMatch(/doc[/\\]a\.hbs$/);
    expect(self.message).toContain("部分テンプレートの呼び出しが 100 段を超えて入れ子になりました（{{> a}}）");
    const pair = failure({ "main.hbs": "[{{> a}}]", "a.hbs": "{{> b}}", "b.hbs": "{{#if true}}{{> a}}{{/if}}" });
    expect(pair.message).toContain("100 段を超えて");
    expect(performance.now() - t).toBeLessThan(2_000);
  });

  it("output nested 10,000 deep (a loop opening a list each step) is PP503 at its line saying so, not a stack overflow", () => {
    const d = failure({ "main.hbs": '[\n{{#each xs}}[{{/each}}"x"{{#each xs}}]{{/each}}\n]' }, { xs: Array.from({ length: 10_000 }, (_, i) => i) });
    expect([d.file.replace(/\\/g, "/").split("/").at(-1), d.line]).toEqual(["main.hbs", 2]);
    expect(d.message).toContain("入れ子が深すぎます");
  });

  it("a source compiled in an earlier run (watch) is bound to the later run's helpers and data; an edit is compiled afresh", () => {
    const ctx = folder({ "main.hbs": '[{ "type": "paragraph", "text": {{json (concat (year y) "／" label)}} }]' });
    const text = (c: typeof ctx, label: string) => (renderTemplate("doc", "main", { y: 2026, label }, c)[0] as { text?: unknown }).text;
    expect(text(ctx, "a")).toBe("令和8年度／a");
    // the same source in a new run, under another theme: that run's year helper writes the year
    const western = { ...ctx, theme: { ...ctx.theme, yearStyle: "western" as const } };
    expect(text(western, "b")).toBe("2026年度／b");
    expect(text({ ...ctx }, "c")).toBe("令和8年度／c");
    // the same source made broken in a later run is still reported with its line
    writeFileSync(path.join(ctx.templatesDir, "doc", "main.hbs"), '[\n{ "type": "paragraph", "text": {{json (year nope)}} }\n]');
    const later = { ...ctx };
    expect(() => renderTemplate("doc", "main", { y: 2026 }, later)).toThrow(ReportedError);
    expect(ctx.diagnostics.items.find((d) => d.code === "PP503")?.line).toBe(2);
  });

  it("a misspelt field (strict mode) is PP503 with the file and line, in Japanese", () => {
    const d = failure({ "main.hbs": '[\n{ "type": "paragraph",\n  "text": {{json titel}} }\n]' }, { title: "x" });
    expect(d.file).toMatch(/doc[/\\]main\.hbs$/);
    expect(d.line).toBe(3);
    // A helper's argument: the mustache is named; a plain {{field}}: strict mode names the field.
    expect(d.message).toContain("{{json titel}} の値がありません");
    const plain = failure({ "main.hbs": '[\n{ "type": "paragraph",\n  "text": "{{titel}}" }\n]' }, { title: "x" });
    expect(plain.line).toBe(3);
    expect(plain.message).toContain("「titel」という値はありません");
    expect(plain.message).toMatch(/詳細: "titel" not defined/);
  });

  it("a helper given the wrong kind of value is PP503 at its line naming the mustache, never NaN, undefined or [object Object] in the handout", () => {
    const data = { title: "計画", period: { start: 2026, end: 2030 }, names: ["企画課"] };
    const cases: [string, string][] = [
      ["{{json (years title)}}", '(years title) に渡した値 "計画" は期間'],
      ['"{{years title}}"', '{{years title}} に渡した値 "計画" は期間'],
      ["{{json (year title)}}", "は年度"],
      ["{{json (number title)}}", "(number title) に渡した値"],
      ["{{json (date title)}}", "は日付"],
      ['{{json (tally title "事業")}}', '(tally title "事業") に渡した値 "計画" は数'],
      ["{{json (relistedIn title)}}", "は数"],
      ["{{json (join period)}}", "は一覧"],
      ['{{json (concat "期間" period)}}', "は文字か数"],
      ["{{json (names period)}}", "は文字か数"],
    ];
    for (const [mustache, said] of cases) {
      const d = failure({ "main.hbs": `[\n{ "type": "heading", "level": 1, "text": "a" },\n{ "type": "paragraph", "text": ${mustache} }\n]` }, data);
      expect([mustache, d.file.replace(/\\/g, "/").split("/").at(-1), d.line]).toEqual([mustache, "main.hbs", 3]);
      expect(d.message).toContain(said);
    }
    // the right values are written as before
    const ctx = folder({ "main.hbs": '[{ "type": "paragraph", "text": {{json (concat (years period) "・" (year period.start) "・" (number 12345) "・" (join names))}} }]' });
    expect((renderTemplate("doc", "main", data, ctx)[0] as { text: string }).text).toBe("令和8年度～令和12年度・令和8年度・12,345・企画課");
  });

  it("a misspelt helper is PP503 at its line naming the helper nearest to it (called with a value, it had been told as a missing value)", () => {
    const data = { title: "計画", count: 3 };
    for (const [main, asked, meant] of [
      ['[\n{ "type": "paragraph", "text": {{json (concatt title "の概要")}} }]', "concatt", "concat"],
      ['[\n{ "type": "paragraph", "text": "{{taly count \"事業\"}}" }]', "taly", "tally"],
      ['[\n{ "type": "paragraph", "text": {{jsno title}} }]', "jsno", "json"],
    ]) {
      const d = failure({ "main.hbs": main! }, data);
      expect([d.line, d.message], main).toEqual([2, expect.stringContaining(`「${asked}」という関数（ヘルパー）はありません（「${meant}」ではありませんか）`)]);
    }
    // a value alone is still a value
    expect(failure({ "main.hbs": '[\n{ "type": "paragraph", "text": {{json titel}} }]' }, data).message).toContain("{{json titel}} の値がありません");
  });

  it("a syntax error is PP503 naming its line; a block never closed, at its opening line (it had been the file's last line)", () => {
    const d = failure({ "main.hbs": '[\n{{#if a}}\n{ "type": "pageBreak" }\n{{/each}}\n]' }, { a: true });
    expect(d.file).toMatch(/main\.hbs$/);
    expect(d.line).toBe(2);
    expect(d.message).toContain("書き方に誤りがあります");
    const open = failure({ "main.hbs": '{{!-- {{#each x}} --}}\n[\n{{#each items}}{{#if a}}{ "type": "pageBreak" },{{/if}}\n{{#*inline "x"}}{{/inline}}\n\n]' }, { a: true, items: [] });
    expect([open.file.replace(/\\/g, "/").split("/").at(-1), open.line]).toEqual(["main.hbs", 3]);
    expect(open.message).toContain("{{#each items}} が閉じられていません（{{/each}} を書いてください）");
    // a comment left open, or closed with }} alone: said so at its line (it had been 「テンプレートを処理できません」)
    for (const comment of ["{{!-- 副題", "{{!-- 副題 }}"]) {
      const left = failure({ "main.hbs": `[\n{ "type": "pageBreak" },\n${comment}\n{ "type": "pageBreak" }\n]` });
      expect([comment, left.line, left.message]).toEqual([comment, 3, expect.stringContaining("コメント {{!-- が閉じられていません。{{!-- で始めたコメントは --}} で閉じてください")]);
    }
  });

  it("an error inside a partial names the partial's file and line, not the including one", () => {
    const d = failure({
      "main.hbs": "[\n{{> part}}\n]",
      "part.hbs": '{ "type": "paragraph",\n  "text": {{json nmae}} },',
    }, { name: "x" });
    expect(d.file).toMatch(/doc[/\\]part\.hbs$/);
    expect(d.line).toBe(2);
  });

  it("an error in an inline partial or in a partial block's body names the file that wrote it, though another file runs it", () => {
    const place = (d: { file: string; line?: number }) => [d.file.replace(/\\/g, "/").split("/").at(-1), d.line];
    const para = (text: string) => `{ "type": "paragraph", "text": ${text} },`;
    // an inline partial of main.hbs called from part.hbs (it had been told at part.hbs, with main.hbs's line)
    const inline = failure({ "main.hbs": `{{#*inline "row"}}\n${para("{{json titel}}")}\n{{/inline}}\n[\n{{> part}}\n]`, "part.hbs": "\n\n\n{{> row}}" }, { title: "x" });
    expect(place(inline)).toEqual(["main.hbs", 2]);
    expect(inline.message).toContain("{{json titel}} の値がありません");
    // a partial block's body runs inside the layout (it had been told at layout.hbs)
    const layout = `${para('"head"')}\n{{> @partial-block}}`;
    expect(place(failure({ "main.hbs": `[\n{{#> layout}}\n${para("{{json titel}}")}\n{{/layout}}\n]`, "layout.hbs": layout }, { title: "x" }))).toEqual(["main.hbs", 3]);
    // and so does what the body writes (a misspelt key)
    expect(place(failure({ "main.hbs": `[\n{{#> layout}}\n\n{ "type": "paragraph", "txet": "x" },\n{{/layout}}\n]`, "layout.hbs": layout }))).toEqual(["main.hbs", 4]);
    // a chapter the plan lacks, given in an inline partial: its line, not a JavaScript error in part.hbs
    const value = failure({ "main.hbs": `{{#*inline "row"}}\n{{> part items.[5]}}\n{{/inline}}\n[\n{{> row}}\n]`, "part.hbs": para("{{json name}}") }, { items: [{ name: "a" }] });
    expect(place(value)).toEqual(["main.hbs", 2]);
    // the detail's column is the file's (line marks had added 4–6 to it)
    expect(failure({ "main.hbs": `{{!-- a\nb --}}\n[\n${para("{{json titel}}")}\n]` }, { title: "x" }).message).toContain("not defined - 4:31）");
    // the bodies still see their block's values and @index
    const ctx = folder({ "main.hbs": `[{{#each items as |it|}}{{#> layout}}${para("{{json (concat @index it.name ../title)}}")}{{/layout}}{{/each}}]`, "layout.hbs": "{{> @partial-block}}" });
    expect(renderTemplate("doc", "main", { title: "T", items: [{ name: "a" }, { name: "b" }] }, ctx).map((n) => (n as { text: string }).text)).toEqual(["0aT", "1bT"]);
  });

  it("a partial given a value that is not there (a chapter the plan lacks) is PP503 at the including line, not a JavaScript error inside the partial", () => {
    const files = {
      "main.hbs": "[\n{{> part items.[0]}}\n{{> part items.[2]}}\n]",
      "part.hbs": '{ "type": "paragraph", "text": {{json title}} },',
    };
    const d = failure(files, { items: [{ title: "一" }, { title: "二" }] });
    expect([d.file.replace(/\\/g, "/").replace(/^.*\/doc\//, ""), d.line]).toEqual(["main.hbs", 3]);
    expect(d.message).toContain("{{> part items.[2]}} で部品テンプレートに渡す値がありません");
    // a value that is there is given to the partial as before
    const ctx = folder(files);
    expect(renderTemplate("doc", "main", { items: [{ title: "一" }, { title: "二" }, { title: "三" }] }, ctx).map((n) => (n as { text: string }).text)).toEqual(["一", "三"]);
  });

  it("output that is not a document description is PP503 in the staff's words", () => {
    const d = failure({ "main.hbs": '[{ "type": "paragraf", "text": "x" }]' });
    expect(d.file).toMatch(/main\.hbs$/);
    expect(ctx503(d.message)).toBe(true);
    const j = failure({ "main.hbs": '[{ "type": "paragraph" "text": "x" }]' });
    expect(j.message).toContain("JSON として読めません");
  });

  it("a line break typed inside a text (Enter in a paragraph) is PP503 at its line saying to write \\n (it had been only 「引用符が閉じていません」); a quote never closed is not taken for one", () => {
    const broken = failure({ "main.hbs": '[\n{ "type": "paragraph", "text": "本資料は、\n第2行です。" },\n]' });
    expect([broken.line, broken.message]).toEqual([2, expect.stringContaining('引用符 " が閉じていません（「"本資料は、」）。文字の途中で改行はできません: 改行するところに \\n と書いて')]);
    const open = failure({ "main.hbs": '[\n{ "type": "paragraph", "text": "本資料は、 },\n{ "type": "pageBreak" }\n]' });
    expect([open.line, open.message]).toEqual([2, expect.not.stringContaining("改行")]);
    // written so, the line break prints
    const ctx = folder({ "main.hbs": '[{ "type": "paragraph", "text": "本資料は、\\n第2行です。" }]' });
    expect((renderTemplate("doc", "main", {}, ctx)[0] as { text: string }).text).toBe("本資料は、\n第2行です。");
  });

  it("a key written twice in an element (\"title\" copied under the subtitle) is PP503 at the second's line naming the first's (the first had been dropped without a word)", () => {
    const d = failure({ "main.hbs": '[{ "type": "cover",\n  "title": "計画",\n  "subtitle": "資料",\n  "title": "別の題" }]' });
    expect([d.line, d.message]).toEqual([4, expect.stringContaining('キー "title" が二度書かれています（2 行目にも）')]);
  });

  it("a value's name in one brace or full-width braces in a template's text (\"{title}}\", ｛｛cover.meeting｝｝) is PP503 at its line saying how to write it (it had been printed as written); Japanese in braces is text", () => {
    for (const [text, said] of [["（{title}}）", "「{title}}」は差し込みになりません（そのまま印刷されます）。半角の {{title}} と書いてください"], ["｛｛cover.meeting｝｝", "「｛｛cover.meeting｝｝」は差し込みになりません"]]) {
      const d = failure({ "main.hbs": `[\n{{#if title}}\n{ "type": "paragraph", "text": "資料${text}" }\n{{/if}}\n]` }, { title: "計画" });
      expect([text, d.line, d.message]).toEqual([text, 3, expect.stringContaining(said!)]);
    }
    const ctx = folder({ "main.hbs": '[{ "type": "paragraph", "text": "{注}{{title}}" }]' });
    expect(renderTemplate("doc", "main", { title: "計画" }, ctx)).toEqual([expect.objectContaining({ text: "{注}計画" })]);
  });

  it("a mustache opened with a full-width sign ({{＞ cover}}, {{＃each}}) is PP503 at its line naming the half-width sign (it had been a value ＞ not there, or a parse error at {{/each}}), in a wording text too", () => {
    for (const [body, sign] of [["{{＞ part}}", "「{{＞」の「＞」が全角です。半角の > で「{{>」と書いてください"], ["{{＃each items}}{{> part}}{{/each}}", "「{{＃」の「＃」が全角です"]]) {
      const d = failure({ "main.hbs": `[\n{ "type": "pageBreak" },\n${body}\n]`, "part.hbs": '{ "type": "pageBreak" },' }, { items: [] });
      expect([body, d.line, d.message]).toEqual([body, 3, expect.stringContaining(sign!)]);
    }
  });

  it("a full-width “ or ｛ where a value goes (an IME left on) is PP503 at its line naming the half-width sign to write", () => {
    for (const [written, said] of [["“全角”", '全角の「“」があります（「“全角” },」）。JSON の記号は半角で、" と書いてください'], ["｛ \"text\": \"x\" ｝", "全角の「｛」があります（「｛ \"text\": \"x\" ｝ },」）。JSON の記号は半角で、{ と書いてください"]]) {
      const d = failure({ "main.hbs": `[\n{ "type": "pageBreak" },\n{ "type": "paragraph", "text": ${written} },\n]` });
      expect([written, d.line, d.message]).toEqual([written, 3, expect.stringContaining(said!)]);
    }
  });

  it("a JSON mistake inside a partial names the partial's file and line, in Japanese", () => {
    const files = {
      "main.hbs": "[\n{{> head}}\n{{#each items}}\n{{> item}}\n{{/each}}\n]",
      "head.hbs": '{ "type": "heading", "level": 1, "text": "見出し" },',
      // Line 3 of the partial: the value's opening quote is missing (the audit's case).
      "item.hbs": '{ "type": "card",\n  "title": {{json name}},\n  "bulletsLabel": 事業内容",\n  "bullets": [] },',
    };
    const d = failure(files, { items: [{ name: "a" }, { name: "b" }] });
    expect(d.file).toMatch(/doc[/\\]item\.hbs$/);
    expect(d.line).toBe(3);
    expect(d.message).toContain("JSON として読めません");
    expect(d.message).toContain("「事業内容\",」");
    // A missing comma is told at the end of the element before it, in the file that wrote it.
    const comma = failure({ ...files, "head.hbs": '{ "type": "heading", "level": 1, "text": "見出し" }', "item.hbs": '{ "type": "card", "title": {{json name}} },' }, { items: [{ name: "a" }] });
    expect(comma.file).toMatch(/head\.hbs$/);
    expect(comma.line).toBe(1);
    expect(comma.message).toContain("カンマ（,）か ] が足りません");
  });

  it("an unknown primitive inside a partial names the partial's file and line and the types there are", () => {
    const ctx = folder({
      "main.hbs": "[\n{{#each items}}\n{{> item}}\n{{/each}}\n]",
      "item.hbs": '{{!-- a card --}}\n{ "type": "cardx",\n  "title": {{json name}} },',
    });
    expect(() => renderTemplate("doc", "main", { items: [{ name: "a" }, { name: "b" }, { name: "c" }] }, ctx)).toThrow(ReportedError);
    const found = ctx.diagnostics.items.filter((x) => x.code === "PP503");
    // The same mistake written three times by one line is one diagnostic.
    expect(found).toHaveLength(1);
    expect(found[0]!.file).toMatch(/doc[/\\]item\.hbs$/);
    expect(found[0]!.line).toBe(2);
    expect(found[0]!.message).toContain('"type" が "cardx" の要素は使えません（使えるのは cover, contents, heading,');
    // Another wrong value: the element's type and the key, on the key's own line.
    const d = failure({ "main.hbs": '[\n{ "type": "card",\n  "title": 3 }\n]' });
    expect(d.line).toBe(3);
    expect(d.message).toContain('"type" が "card" の要素の title:');
  });

  it("a table's widths in mm or % is PP503 at its line saying what a width is, with the mm in points (it had been 「widths.0: 値が正しくありません」)", () => {
    const ctx = folder({ "main.hbs": '[\n{ "type": "paragraph", "text": "x" },\n{ "type": "table", "header": ["a", "b", "c"], "rows": [["1", "2", "3"]],\n  "widths": ["30mm", "70%", "*"] }\n]' });
    expect(() => renderTemplate("doc", "main", {}, ctx)).toThrow(ReportedError);
    expect(ctx.diagnostics.items.map((d) => [d.code, d.line, d.message.replace(/^テンプレートに誤りがあります: /, "")])).toEqual([
      ["PP503", 4, '表の "widths" の "30mm" は使えません。列の幅は数（ポイント、1 mm は約 2.83）（30mm なら 85）、"*"（残りの幅を等分）、"auto"（中身に合わせる）のどれかで書きます'],
      ["PP503", 4, '表の "widths" の "70%" は使えません。列の幅は数（ポイント、1 mm は約 2.83）、"*"（残りの幅を等分）、"auto"（中身に合わせる）のどれかで書きます'],
    ]);
  });

  it("a column added to a table's header but to no row is a PP520 warning at the table's line (each row had been a group row, the column printed empty, without a word); an align not one a column is PP503", () => {
    const ctx = folder({ "main.hbs": '[\n{ "type": "table", "header": ["施策", "事業数", "備考"],\n  "rows": [{{#each items}}["a", "1"],{{/each}}] },\n{ "type": "table", "header": ["a", "b"], "rows": [["@projects"]] },\n{ "type": "table", "header": ["a", "b"], "rows": [["x"], ["y", "1"]] }\n]' });
    renderTemplate("doc", "main", { items: [1, 2] }, ctx);
    expect(ctx.diagnostics.items.map((d) => [d.code, d.line, d.message])).toEqual([["PP520", 2, "表の見出しは 3 列ですが、どの行（\"rows\"）もセルが 2 個までです。各行の最後のセルが残りの列にまたがって印刷され、見出しの最後の列には何も入りません。"]]);
    const align = failure({ "main.hbs": '[\n{ "type": "table", "header": ["a", "b", "c"], "align": ["left", "right"], "rows": [["x", "1", "2"]] }\n]' });
    expect([align.line, align.message]).toEqual([2, expect.stringContaining('表の "align" の数（2）が見出しの列の数（3）と違います')]);
  });

  it("page breaks written in a row are one PP516 (info) at the second's line, once a line: the drawing makes no empty page, so it had been dropped without a word", () => {
    const ctx = folder({ "main.hbs": '[\n{ "type": "paragraph", "text": "a" },\n{ "type": "pageBreak" },\n{ "type": "pageBreak" },\n{{#each xs}}{ "type": "pageBreak" },{{/each}}\n{ "type": "paragraph", "text": "b" },\n{ "type": "pageBreak" }\n]' });
    const nodes = renderTemplate("doc", "main", { xs: [1, 2] }, ctx);
    expect(nodes.map((n) => n.type)).toEqual(["paragraph", "pageBreak", "pageBreak", "pageBreak", "pageBreak", "paragraph", "pageBreak"]);
    expect(ctx.diagnostics.items.map((d) => [d.code, d.severity, d.line])).toEqual([["PP516", "info", 4], ["PP516", "info", 5]]);
  });

  it("a value out of a choice (a heading's level 4) is PP503 naming the values there are (it had been 「値が正しくありません」)", () => {
    const d = failure({ "main.hbs": '[\n{ "type": "paragraph", "text": "x" },\n{ "type": "heading", "level": 4, "text": "t" }\n]' });
    expect([d.line, d.message]).toEqual([3, expect.stringContaining('"type" が "heading" の要素の level: 次のいずれかです: 1, 2, 3')]);
  });

  it("a cover that is not first in the description is a PP517 warning at its line: it is printed with the running header and page number", () => {
    const ctx = folder({ "main.hbs": "[\n{{> part}}\n{{> cover}}\n]", "part.hbs": '{ "type": "paragraph", "text": "a" },', "cover.hbs": '\n{ "type": "cover", "title": "t" },' });
    expect(renderTemplate("doc", "main", {}, ctx).map((n) => n.type)).toEqual(["paragraph", "cover"]);
    expect(ctx.diagnostics.items.map((d) => [d.code, d.severity, d.file.replace(/\\/g, "/").split("/").at(-1), d.line])).toEqual([["PP517", "warning", "cover.hbs", 2]]);
    // a page break before it is dropped (no empty page): it is still first
    const first = folder({ "main.hbs": '[\n{ "type": "pageBreak" },\n{ "type": "cover", "title": "t" },\n{ "type": "paragraph", "text": "a" }\n]' });
    renderTemplate("doc", "main", {}, first);
    expect(first.diagnostics.items).toEqual([]);
  });

  it("a misspelt key is PP503 at its line with the nearest known key, in a partial, in a nested object and in a union's option (it had been dropped without a word)", () => {
    const ctx = folder({
      "main.hbs": '[\n{{> cover}}\n{ "type": "heading", "level": 1, "text": "t",\n  "outline": { "id": "a", "parnet": "b" } },\n{ "type": "paragraph", "text": [{ "text": "x", "bold": true, "lnik": "#a" }] },\n{ "type": "table", "header": ["a"], "rows": [], "colour": "red" }\n]',
      "cover.hbs": '{ "type": "cover",\n  "title": "題名",\n  "subtitel": "副題" },',
    });
    expect(() => renderTemplate("doc", "main", {}, ctx)).toThrow(ReportedError);
    const found = ctx.diagnostics.items.map((d) => [d.code, d.file.replace(/\\/g, "/").split("/").at(-1), d.line, d.message.replace(/^テンプレートに誤りがあります: /, "")]);
    expect(found).toEqual([
      ["PP503", "cover.hbs", 3, '"type" が "cover" の要素に "subtitel" というキーはありません。"subtitle" ではありませんか'],
      ["PP503", "main.hbs", 4, '"type" が "heading" の要素の outline に "parnet" というキーはありません。"parent" ではありませんか'],
      ["PP503", "main.hbs", 5, '"type" が "paragraph" の要素の text に "lnik" というキーはありません。"link" ではありませんか'],
      ["PP503", "main.hbs", 6, expect.stringContaining('"type" が "table" の要素に "colour" というキーはありません。（使えるキー: type, header, rows, widths,')],
    ]);
    // a missing key and its misspelling are told together, at the key's line
    const changes = failure({ "main.hbs": '[{ "type": "changes", "title": "t", "header": ["a", "新", "旧"],\n  "rows": [{ "label": "名称", "nwe": "x", "old": "y" }] }]' });
    expect(changes.line).toBe(2);
    expect(changes.message).toContain('"nwe" というキーはありません。"new" ではありませんか');
  });

  it("what follows a multi-line comment or partial call on its last line is told at that line, and a comment with whitespace control is a comment", () => {
    const place = (d: { file: string; line?: number }) => [d.file.replace(/\\/g, "/").split("/").at(-1), d.line];
    // it had been told at line 1, where the comment starts
    expect(place(failure({ "main.hbs": "[\n{{> part}}\n]", "part.hbs": '{{!-- a card\n\n\n--}}{ "type": "paragraph", "txet": "x" },' }))).toEqual(["part.hbs", 4]);
    expect(place(failure({ "main.hbs": '{{! a\nb }}{ "type": "paragraph" "text": "x" }' }))).toEqual(["main.hbs", 2]);
    expect(place(failure({ "main.hbs": '[\n{{> part a=1\n  b=2}}{ "type": "paragraph", "txet": "x" }\n]', "part.hbs": '{ "type": "pageBreak" },' }))).toEqual(["main.hbs", 3]);
    // {{~!-- … --~}}: a partial named inside is no call (it had been told at line 1); the lines after it keep their numbers
    const partial = failure({ "main.hbs": "{{~!-- e.g. {{> prefase}}\n --~}}\n[\n{{> prefase}}\n]" });
    expect(place(partial)).toEqual(["main.hbs", 4]);
    expect(place(failure({ "main.hbs": '{{~!-- a {{x}}\nb --~}}\n[\n{ "type": "paragraph" "text": "x" }\n]' }))).toEqual(["main.hbs", 4]);
  });

  it("a mistake in a block's body written on its tag's line ({{#each items}}{ … },) is told at its own line for every item, and after an empty block's end too (it had been the {{/each}} line from the second item on)", () => {
    const place = (files: Record<string, string>, data: object) => {
      const d = failure(files, data);
      return [d.line, d.message];
    };
    const items = { items: [{ name: "x" }, { name: "y" }] };
    // an id used twice is seen at the second item
    expect(place({ "main.hbs": '[\n{ "type": "paragraph", "text": "a" },\n{{#each items}}{ "type": "card", "anchor": "x", "title": {{json name}}, "fields": [] },\n{ "type": "paragraph", "text": "b" },\n{{/each}}\n]' }, items))
      .toEqual([3, expect.stringContaining('id "x" が二度使われています')]);
    // a wrong value written by the second item alone
    expect(place({ "main.hbs": '[\n{{#each items}}{ "type": "paragraph", "text": {{#if @first}}"a"{{else}}1{{/if}} },\n{ "type": "paragraph", "text": "b" },\n{{/each}}\n]' }, items))
      .toEqual([2, expect.stringContaining('"type" が "paragraph" の要素の text')]);
    // after an empty list's {{/each}}, on its line
    expect(place({ "main.hbs": '[\n{{#each items}}\n{ "type": "paragraph", "text": "b" },\n{{/each}}{ "type": "paragrap", "text": "c" }\n]' }, { items: [] }))
      .toEqual([4, expect.stringContaining('"paragrap"')]);
    // blocks inside a string print as before
    const ctx = folder({ "main.hbs": '[{ "type": "paragraph", "text": "{{#each items}}{{name}}{{#unless @last}}・{{/unless}}{{/each}}" },\n{ "type": "paragraph", "txet": "c" }]' });
    expect(() => renderTemplate("doc", "main", items, ctx)).toThrow(ReportedError);
    expect(new Set(ctx.diagnostics.items.map((d) => d.line))).toEqual(new Set([2]));
    expect((renderTemplate("doc", "main", items, folder({ "main.hbs": '[{ "type": "paragraph", "text": "{{#each items}}{{name}}{{#unless @last}}・{{/unless}}{{/each}}" }]' }))[0] as { text: string }).text).toBe("x・y");
  });

  it("a ../value with no level above (inside a partial) is PP503 in Japanese at its line when the file has it once (it had been a JavaScript error without a place)", () => {
    const files = { "main.hbs": "[\n{{#each items}}{{> part}}{{/each}}\n]", "part.hbs": '{{!-- ../title --}}\n\n{ "type": "paragraph", "text": {{json (concat name ../title)}} },' };
    const d = failure(files, { title: "T", items: [{ name: "a" }] });
    expect([d.file.replace(/\\/g, "/").split("/").at(-1), d.line]).toEqual(["part.hbs", 3]);
    expect(d.message).toContain("「../title」のように上の階層の値を読んでいますが、ここにその階層はありません");
    expect(d.message).toContain("@root.title");
    // written twice: which one is not known, so no line is given
    expect(failure({ ...files, "part.hbs": `${files["part.hbs"]}\n${files["part.hbs"]}` }, { title: "T", items: [{ name: "a" }] }).line).toBeUndefined();
  });

  it("a value missing on the way of a path (cover.nothing.text) is PP503 naming the path, at its line (it had been told as a ../text)", () => {
    const d = failure({ "main.hbs": '[\n{{!-- cover.nothing.text --}}\n{ "type": "paragraph", "text": {{json cover.nothing.text}} }\n]' }, { cover: { label: "資料1" } });
    expect([d.file.replace(/\\/g, "/").split("/").at(-1), d.line]).toEqual(["main.hbs", 3]);
    expect(d.message).toContain("「cover.nothing.text」の途中の値（cover.nothing）がありません");
    expect(d.message).not.toContain("上の階層");
  });

  it("marks never change what the template writes (multi-line mustaches, comments, standalone blocks)", () => {
    const ctx = folder({
      "main.hbs": '{{!-- a comment\nover lines {{ --}}\n[\n{{#each items}}\n  {{> item a=1\n     b=2}}\n{{/each}}\n{ "type": "paragraph", "text": "\\{{literal}}" }\n]',
      "item.hbs": '{ "type": "paragraph", "text": {{json (concat name "/" a "/" b)}} },',
    });
    const nodes = renderTemplate("doc", "main", { items: [{ name: "x" }, { name: "y" }] }, ctx);
    expect(nodes.map((n) => (n as { text: string }).text)).toEqual(["x/1/2", "y/1/2", "{{literal}}"]);
  });

  it("keeps handlebars' message untranslated for English runs", () => {
    expect(templateReason('"x" not defined in [object Object] - 2:3', "en")).toBe('"x" not defined - 2:3');
    expect(templateReason("Missing helper: \"upper\"", "ja")).toContain("「upper」という関数");
  });

  it("a template cannot reach code or files: no prototype members, no partials outside its folder, no unregistered helpers", () => {
    // the classic handlebars escape starts from constructor.constructor: it must come out empty
    for (const probe of ['(lookup this "constructor")', '(lookup title "constructor")', "title.constructor", "title.__proto__"]) {
      const ctx = folder({ "main.hbs": `[{ "type": "paragraph", "text": "{{#with ${probe}}}reached{{else}}blocked{{/with}}" }]` });
      let text: unknown = "failed";
      try {
        text = (renderTemplate("doc", "main", { title: "x" }, ctx)[0] as { text?: unknown }).text;
      } catch (e) {
        expect(e).toBeInstanceOf(ReportedError);
      }
      expect([probe, text]).not.toEqual([probe, "reached"]);
    }
    const outside = failure({ "main.hbs": "[\n{{> ../../../etc/passwd}}\n]" });
    expect(outside.message).not.toContain("root:");
    const helper = failure({ "main.hbs": '[{ "type": "paragraph", "text": {{json (readFile "/etc/passwd")}} }]' });
    expect(helper.line).toBe(1);
  });
});

/** A PP503 whose reason is not handlebars' raw English. */
function ctx503(message: string): boolean {
  return /[ぁ-んァ-ン一-龥]/.test(message.replace(/^テンプレートに誤りがあります: /, ""));
}

describe("ids (bookmarks, anchors, links) are checked where the template writes them", () => {
  const heading = (id: string, extra = "") => `{ "type": "heading", "level": 1, "text": "見出し", "outline": { "id": ${JSON.stringify(id)}${extra} } }`;
  it("an id used twice is PP503 at the second one's line (pdfmake would stop with an internal error)", () => {
    const d = failure({ "main.hbs": `[\n${heading("a")},\n${heading("a")}\n]` });
    expect(d.line).toBe(3);
    expect(d.message).toContain('"a"');
  });
  it("ids used twice because one line ran twice (a chapter called twice) are one PP503 a line saying so (it had been an id each, the call not said)", () => {
    const ctx = folder({
      "main.hbs": "[\n{{> chapter chapters.[0]}}\n{{#each chapters}}{{> chapter}}{{/each}}\n]",
      "chapter.hbs": '{ "type": "heading", "level": 1, "text": {{json title}}, "outline": { "id": {{json id}} } },\n{{#each cards}}{ "type": "card", "title": {{json this}}, "anchor": {{json this}} },{{/each}}',
    });
    expect(() => renderTemplate("doc", "main", { chapters: [{ id: "c1", title: "一", cards: ["p1", "p2", "p3"] }] }, ctx)).toThrow(ReportedError);
    expect(ctx.diagnostics.items.map((d) => [d.file.replace(/\\/g, "/").split("/").at(-1), d.line, d.message.includes("この行が二度書かれています")])).toEqual([
      ["main.hbs", 3, false], ["chapter.hbs", 1, true], ["chapter.hbs", 2, true]]);
  });

  it("an id written the same for every item of a loop ({{#each}}) is told as such, in a part the loop calls too (it had asked whether a chapter was called twice)", () => {
    const card = '{ "type": "card", "anchor": "x", "title": {{json name}}, "fields": [] },';
    for (const files of [{ "main.hbs": `[\n{{#each items}}\n${card}\n{{/each}}\n]` }, { "main.hbs": "[\n{{#each items}}{{> c}}{{/each}}\n]", "c.hbs": card }]) {
      const d = failure(files, { items: [{ name: "a" }, { name: "b" }] });
      expect(d.message).toContain("この行は繰り返し（{{#each}}）の中で項目ごとに書かれ、どの項目でも同じ id になります。id は {{json id}} のように項目ごとに違う値にしてください");
      expect(d.message).not.toContain("二度呼んでいないか");
    }
  });

  it("a chapter called twice is told at the calling line too, naming the other call (it had been told at chapter.hbs and card.hbs alone)", () => {
    const ctx = folder({
      "main.hbs": "[\n{{> cover}}\n{{> chapter chapters.[1]}}\n{{> chapter chapters.[0]}}\n\n{{> chapter chapters.[1]}}\n]",
      "cover.hbs": '{ "type": "cover", "title": "t" },',
      "chapter.hbs": '{ "type": "heading", "level": 1, "text": {{json title}}, "outline": { "id": {{json id}} } },\n{{#each cards}}{{> card}}{{/each}}',
      "card.hbs": '{ "type": "card", "title": {{json this}}, "anchor": {{json this}} },',
    });
    expect(() => renderTemplate("doc", "main", { chapters: [{ id: "c1", title: "一", cards: ["p1"] }, { id: "c2", title: "二", cards: ["p2", "p3"] }] }, ctx)).toThrow(ReportedError);
    const [call, ...parts] = ctx.diagnostics.items;
    expect([call!.code, call!.file.replace(/\\/g, "/").split("/").at(-1), call!.line]).toEqual(["PP503", "main.hbs", 6]);
    expect(call!.message).toContain("部品テンプレート chapter.hbs がこの行と 3 行目で二度呼ばれ");
    expect(parts.map((d) => [d.file.replace(/\\/g, "/").split("/").at(-1), d.line])).toEqual([["chapter.hbs", 1], ["card.hbs", 1]]);
  });

  it("a card's anchor may be its own bookmark's id, not another's", () => {
    const card = (id: string, anchor: string) => `{ "type": "card", "title": "t", "anchor": "${anchor}", "outline": { "id": "${id}" } }`;
    const ctx = folder({ "main.hbs": `[${card("p1", "p1")}, ${card("p2", "p2")}]` });
    expect(renderTemplate("doc", "main", {}, ctx)).toHaveLength(2);
    expect(failure({ "main.hbs": `[${card("p1", "p1")},\n${card("p2", "p1")}]` }).line).toBe(2);
  });
  it("a bookmark's parent that is no bookmark, and a link to no id, are PP503 with their lines", () => {
    expect(failure({ "main.hbs": `[\n${heading("a")},\n${heading("b", ', "parent": "x"')}\n]` }).line).toBe(3);
    const link = failure({ "main.hbs": `[\n${heading("a")},\n{ "type": "paragraph", "text": [{ "text": "→", "link": "#a" }, { "text": "→", "link": "#b" }] }\n]` });
    expect(link.line).toBe(3);
    expect(link.message).toContain("#b");
  });
  it("a link to an id the data gives whose card or heading the template leaves out is printed without it, one PP512 warning a place (a handout of some chapters)", () => {
    const main = `[\n${heading("a")},\n{{#each items}}{ "type": "paragraph", "text": [{ "text": "→", "link": {{json (concat "#" id)}} }] },{{/each}}\n{ "type": "paragraph", "text": "end" }\n]`;
    const ctx = folder({ "main.hbs": main });
    const nodes = renderTemplate("doc", "main", { items: [{ id: "a" }, { id: "p7" }, { id: "p9" }], left: [{ id: "p7" }, { id: "p9" }] }, ctx);
    expect(nodes.slice(1, 4).map((n) => (n.type === "paragraph" && Array.isArray(n.text) ? n.text[0] : null))).toEqual([{ text: "→", link: "#a" }, { text: "→" }, { text: "→" }]);
    expect(ctx.diagnostics.items.map((d) => [d.code, d.severity, d.line, d.message])).toEqual([["PP512", "warning", 3, expect.stringContaining("2 個（「#p7」など）")]]);
    // an id the data gives nowhere is still a template mistake
    const typo = `[\n${heading("a")},\n{ "type": "paragraph", "text": [{ "text": "→", "link": "#p8" }] }\n]`;
    expect(failure({ "main.hbs": typo }, { items: [{ id: "p7" }] }).message).toContain("#p8");
  });
});

describe("what a template asks of the page", () => {
  it("a space taller than the page's body is a PP518 warning at its line (it had left a page empty without a word); one that fits is not", () => {
    const ctx = makeRenderContext({ templatesDir: templatesWith("booklet/preface.hbs", () => '{ "type": "space", "height": 5000 },\n{ "type": "space", "height": 100 },\n') });
    bookletNodes(planOf([project(1)]), ctx);
    expect(ctx.diagnostics.items.map((d) => [d.code, d.severity, d.file.replace(/\\/g, "/").split("/").slice(-2).join("/"), d.line, d.message])).toEqual([
      ["PP518", "warning", "booklet/preface.hbs", 1, expect.stringMatching(/^空白（space）の高さ 5000 pt が、ページの本文の高さ \d+ pt を超えています/)],
    ]);
  });
});
