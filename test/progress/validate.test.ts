// One case per progress diagnostic (PP601–PP617), the CSV path (UTF-8 and Shift_JIS) and the rule
// that no input row is lost: every row is either a return or named by a diagnostic.
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { defaultConfig } from "../../src/config/schema.js";
import { decodeText } from "../../src/ingest/read-text.js";
import { parseCsvReturns } from "../../src/progress/read-csv.js";
import { parseFormReturns, type SentForm } from "../../src/progress/read-form.js";
import { formLockedCells } from "../../src/render/forms.js";
import { validateReturns } from "../../src/progress/validate.js";
import type { Plan } from "../../src/model/schema.js";
import type { ReturnFile } from "../../src/progress/schema.js";
import { makeRenderContext, seedPlan } from "../helpers/context.js";
import { fillForm } from "../helpers/progress-returns.js";
import { seedDocuments } from "../helpers/seed-documents.js";

const HEAD = "No,年度,進捗区分,実績,課題,今後の方向性,担当課";
let plan: Plan;
let forms: Map<string, Uint8Array>;

beforeAll(async () => {
  plan = seedPlan();
  forms = new Map((await seedDocuments("forms-2026")).map((f) => [f.path, f.data]));
});

function check(files: ReturnFile[], year = 2026) {
  const bag = new DiagnosticBag("ja");
  const result = validateReturns(plan, files, { year, config: defaultConfig(), diagnostics: bag });
  // PP625 (a department of the plan whose returns are not among these few) is test/progress/render.test.ts's
  return { bag, result, codes: bag.items.map((d) => d.code).filter((c) => c !== "PP625") };
}
function csv(text: string, file = "r.csv") {
  const bag = new DiagnosticBag("ja");
  const f = parseCsvReturns(text, file, bag);
  return { f, bag, ...check([f]) , readCodes: bag.items.map((d) => d.code) };
}
const form = (name: string) => {
  const data = forms.get(name);
  if (!data) throw new Error(`no form ${name}`);
  return data;
};

describe("CSV returns", () => {
  it("finds its header below title lines; needs 年度 (it had been 「年度が違います（（空欄）」 on every row); a form saved as CSV is told its 年度 and 担当課 are missing", () => {
    const titled = csv(`財政課 進捗報告\n\n${HEAD}\n10,R8,予定どおり,実施した,,,財政課\n`);
    expect(titled.readCodes.filter((c) => c !== "PP110")).toEqual([]);
    expect(titled.result.current.map((r) => [r.no, r.department, r.place.line])).toEqual([[10, "財政課", 4]]);
    const read = (text: string) => { const bag = new DiagnosticBag("ja"); parseCsvReturns(text, "r.csv", bag); return bag.items.filter((d) => d.code === "PP611"); };
    expect(read("No,進捗区分,実績,課題,今後の方向性,担当課\n10,予定どおり,x,,,財政課\n").map((d) => d.message)).toEqual(["CSV に必須の列「年度」がありません。"]);
    // the form's columns: 計画上の段階（令和8年度） and 共同担当課 are not 年度 and 担当課
    const form = read("令和8年度 進捗報告（財政課）\n\nNo,事業名,計画上の段階（令和8年度）,共同担当課,進捗区分,実績,課題,今後の方向性\n10,事業,検討,,予定どおり,x,,\n");
    expect(form.map((d) => [d.line, d.message])).toEqual([[3, "CSV に必須の列「年度」がありません。"], [3, "CSV に必須の列「担当課」がありません。"]]);
    expect(form[0]!.hint).toContain(".xlsx のまま返送してください");
  });

  it("reads a valid UTF-8 CSV with physical line numbers", () => {
    const r = csv(`${HEAD}\n1,R8,予定どおり,"一行目\n二行目",,,情報政策課\n10,令和8年度,完了,実績10,,,財政課\n`);
    expect(r.codes).toEqual([]);
    expect(r.result.current.map((x) => [x.no, x.place.line])).toEqual([[1, 2], [10, 4]]);
  });
  it("decodes Shift_JIS with PP103", () => {
    const bytes = iconv.encode(`${HEAD}\n10,2026,完了,帳票を電子化した,,,財政課\n`, "Shift_JIS");
    const bag = new DiagnosticBag("ja");
    const text = decodeText(bytes, "sjis.csv", bag);
    expect(bag.items.map((d) => d.code)).toEqual(["PP103"]);
    const r = csv(text, "sjis.csv");
    expect(r.result.current[0]?.result).toBe("帳票を電子化した");
  });
  it("PP611: a required column missing", () => {
    const r = csv("No,年度,実績,担当課\n1,R8,x,情報政策課\n");
    expect(r.readCodes).toContain("PP611");
  });
  it("PP603 PP604 PP605 PP606 PP607 PP612 with their places", () => {
    const r = csv([HEAD,
      "99,R8,完了,x,,,財政課", // PP603
      "10,R8,完了,x,,,市民課", // PP604: 財政課's project, not 各課
      "10,R7,完了,x,,,財政課", // PP605
      "1,R8,だいたい,x,,,情報政策課", // PP606
      "4,R8,,x,,,情報政策課", // PP607 進捗区分
      "十二,R8,完了,x,,,情報政策課", // PP612
    ].join("\n"));
    const at = (code: string) => r.bag.items.find((d) => d.code === code);
    expect(at("PP603")?.line).toBe(2);
    expect(at("PP604")?.line).toBe(3);
    expect(at("PP605")).toMatchObject({ line: 4, column: 2 });
    expect(at("PP606")).toMatchObject({ line: 5, column: 3 });
    expect(at("PP607")).toMatchObject({ line: 6, column: 3 });
    expect(at("PP612")).toMatchObject({ line: 7, column: 1 });
    expect(r.result.current).toEqual([]);
    // a row with no No at all (inserted by hand) is said so, not as a No 「」
    const inserted = csv([HEAD, ",R8,完了,x,,,情報政策課"].join("\n"));
    expect(inserted.bag.items.find((d) => d.code === "PP612")).toMatchObject({ message: "入力のある行ですが、事業の No がありません（行を挿入して記入したようです）。", hint: "報告は、その事業の No の行に記入してください。" });
  });
  it("PP605 a 年度 that cannot be read (8, a date) is said so, not as another year (「年度が違います（8。…）」 had sent staff looking for another year's form)", () => {
    const r = csv([HEAD, "10,8,完了,x,,,財政課", "25,2026/4/1,完了,y,,,財政課", "10,R7,完了,z,,,財政課"].join("\n"));
    expect(r.bag.items.filter((d) => d.code === "PP605").map((d) => [d.line, d.message, d.hint])).toEqual([
      [2, "年度「8」を読み取れません（この報告は 令和8年度 のものです）。", "「令和8年度」のように書いてください（R や西暦の年度でも読めます）。"],
      [3, "年度「2026/4/1」を読み取れません（この報告は 令和8年度 のものです）。", "「令和8年度」のように書いてください（R や西暦の年度でも読めます）。"],
      [4, "年度が違います（令和7年度。この報告は 令和8年度 のものです）。", "その年度の様式で報告してください。前年度までの報告は --history のフォルダに置けます。"]]);
  });
  it("PP652 Word's list bullets pasted into an entry (its Symbol font's U+F0B7, Wingdings' U+F0A7) are read as the marks they are, said once (the PDF had printed a box for each)", () => {
    const r = csv([HEAD, `10,R8,予定どおり,"\uF0B7説明会を開催した\n\uF0B7研修を実施した",\uF0A7調達に時間を要した,,財政課`].join("\n"));
    expect(r.bag.items.filter((d) => d.code === "PP652").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      ["info", 2, 4, "Word から貼り付けた箇条書きの記号（Word の記号フォントの文字 U+F0B7）を「•」として読みました（このファイルで 2 か所）。"]]);
    expect(r.result.current.map((x) => [x.result, x.issues])).toEqual([["•説明会を開催した\n•研修を実施した", "■調達に時間を要した"]]);
  });
  it("PP653 tabs in an entry are read as staff meant them: between words one space, at a line's start or end nothing, said once (the PDF had printed wide gaps)", () => {
    const r = csv([HEAD, `10,R8,予定どおり,"説明会\t2回\t\t開催\n\t・研修も実施\t",課題\tなし,,財政課`, "25,R8,予定どおり,タブなし,,,財政課"].join("\n"));
    expect(r.bag.items.filter((d) => d.code === "PP653").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      ["info", 2, 4, "実績の欄のタブを、語の間は空白 1 つとして、行の始めと終わりは無いものとして読みました（このファイルで 2 か所）。報告書ではタブの幅の空きや字下げは付きません。"]]);
    expect(r.result.current.map((x) => [x.result, x.issues])).toEqual([["説明会 2回 開催\n・研修も実施", "課題 なし"], ["タブなし", ""]]);
  });
  it("PP604 a 担当課 the plan does not name (「各課」, 「総務部財政課」) on a 各課 project: refused at its line (it had been printed as a department that reported)", () => {
    const each = plan.projects.find((p) => p.allDepartments)!;
    const r = csv([HEAD, `${each.no},R8,完了,a,,,各課`, `${each.no},R8,完了,b,,,総務部財政課`, `${each.no},R8,完了,c,,,財政課`].join("\n"));
    expect(r.bag.items.filter((d) => d.code === "PP604").map((d) => [d.severity, d.line, d.message])).toEqual([
      ["error", 2, `担当課「各課」は計画にない課です（No.${each.no}「${each.name}」の報告）。`],
      ["error", 3, `担当課「総務部財政課」は計画にない課です（No.${each.no}「${each.name}」の報告）。`]]);
    expect(r.result.current.map((x) => x.department)).toEqual(["財政課"]);
  });
  it("PP619: a status written 予定通り or with spaces is the listed 予定どおり, said at the cell", () => {
    const r = csv([HEAD, "1,R8,予定通り,a,,,情報政策課", "10,R8,完 了,b,,,財政課"].join("\n"));
    expect(r.codes).toEqual(["PP619", "PP619"]);
    expect(r.bag.items[0]).toMatchObject({ line: 2, column: 3, severity: "info" });
    expect(r.result.current.map((x) => [x.no, x.status])).toEqual([[1, "予定どおり"], [10, "完了"]]);
  });
  it("PP619 also for a closing 。, one half of 中止・休止, and 中止／休止 (each had been PP606); 該当なし or － on a 各課 row with no status is no report (it had been PP607)", () => {
    const r = csv([HEAD, "1,R8,完了。,a,,,情報政策課", "10,R8,予定どおり。,b,,,財政課", "11,R8,休止,c,,,財政課", "25,R8,中止／休止,d,,,財政課"].join("\n"));
    expect(r.codes).toEqual(["PP619", "PP619", "PP619", "PP619"]);
    expect(r.result.current.map((x) => [x.no, x.status])).toEqual([[1, "完了"], [10, "予定どおり"], [11, "中止・休止"], [25, "中止・休止"]]);
    // still refused: a word no status is
    expect(csv([HEAD, "10,R8,済,b,,,財政課"].join("\n")).codes).toEqual(["PP606"]);
    const each = plan.projects.find((p) => p.allDepartments && !p.departments.includes("財政課"))!;
    const none = csv([HEAD, `${each.no},R8,,該当なし,,,財政課`].join("\n"));
    expect(none.bag.items.filter((d) => d.severity === "error")).toEqual([]);
    expect(none.result.current).toEqual([]);
    expect(csv([HEAD, `${each.no},R8,－,,,,財政課`].join("\n")).result.current).toEqual([]);
  });
  it("PP350 an entry with an invisible control (a ZWSP pasted with a status) is read without it; PP351 a character the PDF font lacks is said at its cell (both had printed as boxes, the status refused as not in the list)", async () => {
    const { glyphCoverage } = await import("../../src/render/pdf/coverage.js");
    const { projectRoot } = await import("../helpers/context.js");
    const files = [parseCsvReturns([HEAD, "10,R8,予定どおり\u200b,研修を実施した,,,財政課", "11,R8,完了,研修を実施した😀,,,財政課", "25,R8,完了,実施した,,,財政課\u200b"].join("\n"), "r.csv", new DiagnosticBag())];
    const bag = new DiagnosticBag("ja");
    const result = validateReturns(plan, files, { year: 2026, config: defaultConfig(), diagnostics: bag, glyphs: glyphCoverage(makeRenderContext().theme, projectRoot) });
    expect(bag.items.filter((d) => d.code !== "PP625").map((d) => [d.code, d.severity, d.line, d.column])).toEqual([["PP350", "warning", 2, 3], ["PP350", "warning", 4, 7], ["PP351", "warning", 3, 4]]);
    expect(bag.items.find((d) => d.code === "PP351")!.message).toContain("にない文字「😀」");
    expect(result.current.map((r) => [r.no, r.status, r.department])).toEqual([[10, "予定どおり", "財政課"], [11, "完了", "財政課"], [25, "完了", "財政課"]]);
  });
  it("PP643 an entry opening with its own column's name (実績：, 【課題】) is read without it, said once at the first (the report, which prints the name, had read 「実績：実績：」)", () => {
    const r = csv([HEAD, "10,R8,予定どおり,実績：研修を実施した,【課題】人員が足りない,今後の方向性: 継続する,財政課", "11,R8,完了,実績として研修を実施した,課題は特になし,,財政課"].join("\n"));
    // said once a file, at the first (a department writing 実績： writes it on every row)
    expect(r.codes).toEqual(["PP643"]);
    const said = r.bag.items.filter((d) => d.code === "PP643");
    expect(said.map((d) => [d.severity, d.line, d.column])).toEqual([["info", 2, 4]]);
    expect(said[0]!.message).toBe("記入の初めに書かれた欄の名前（「実績：」など）を除いて読みました（3 か所、ここが最初）。報告書では欄の名前を付けて印刷します。");
    expect(r.result.current.map((x) => [x.result, x.issues, x.direction])).toEqual([["研修を実施した", "人員が足りない", "継続する"], ["実績として研修を実施した", "課題は特になし", ""]]);
  });
  it("PP655 an entry holding another department's report under its label (【管財課】, 管財課：: two departments wrote in one form) is said once a file at the first, as the report prints it as the form's department's", () => {
    const r = csv([HEAD, '10,R8,予定どおり,"【財政課】説明会を開いた。\n【管財課】端末を更新した。",,,財政課', "11,R8,完了,研修を実施した,,管財課：調整を続ける,財政課",
      "25,R8,完了,【財政課】実施した（管財課と協議した）,管財課との調整,,財政課"].join("\n"));
    expect(r.codes).toEqual(["PP655"]);
    const said = r.bag.items.filter((d) => d.code === "PP655");
    expect(said.map((d) => [d.severity, d.line, d.column])).toEqual([["warning", 2, 4]]);
    expect(said[0]!.message).toBe("実績に、ほかの課の報告（「【管財課】」）が書かれています（2 か所、ここが最初）。報告書では、これも財政課の報告として載り、管財課の報告にはなりません。");
    // read as written: the report still prints it, under the form's department
    expect(r.result.current.map((x) => [x.no, x.department])).toEqual([[10, "財政課"], [11, "財政課"], [25, "財政課"]]);
  });
  it("PP644 同上 (〃) in an entry is the entry of the row above, said; PP645 with none above (the first row, below the 記入例): an error (「実績：同上」 had been printed under a project with no text above it)", async () => {
    const r = csv([HEAD, "10,R8,予定どおり,説明会を3回開催した,,,財政課", "11,R8,同上,〃,,,財政課"].join("\n"));
    expect(r.codes).toEqual(["PP644", "PP644"]);
    const said = r.bag.items.filter((d) => d.code === "PP644");
    expect(said.map((d) => [d.severity, d.line, d.column])).toEqual([["info", 3, 3], ["info", 3, 4]]);
    expect(said[1]!.message).toBe("実績の「〃」を、上の行（No.10）の実績「説明会を3回開催した」として読みました。");
    expect(r.result.current.map((x) => [x.no, x.status, x.result])).toEqual([[10, "予定どおり", "説明会を3回開催した"], [11, "予定どおり", "説明会を3回開催した"]]);
    // nothing above: the first row of a CSV, the first project of a form (the 記入例 is above it)
    expect(csv([HEAD, "10,R8,予定どおり,同上,,,財政課"].join("\n")).codes).toEqual(["PP645"]);
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    const filled = await fillForm(form("財政課.xlsx"), (no) => (no === own[0] ? { status: "予定どおり", result: "同上" } : null));
    const f = parseFormReturns(filled, "財政課.xlsx", new DiagnosticBag())!;
    const formed = check([f]);
    expect(formed.bag.items.filter((d) => d.code === "PP645").map((d) => [d.severity, d.sheet, d.message])).toEqual([["error", "進捗報告",
      "実績の「同上」が指す上の行の記入がありません。報告書では事業ごとに並べるため、何を指すか決められません。"]]);
  });
  it("a 各課 row with no status marked as nothing to say with a closing 。 (該当なし。, 特になし。) or as 実施なし is no report (it had been PP607, stopping the report)", () => {
    const each = plan.projects.filter((p) => p.allDepartments && !p.departments.includes("財政課")).slice(0, 3);
    expect(each).toHaveLength(3);
    const r = csv([HEAD, `${each[0]!.no},R8,,該当なし。,,,財政課`, `${each[1]!.no},R8,,特になし。,なし。,,財政課`, `${each[2]!.no},R8,,実施なし,,,財政課`].join("\n"));
    expect(r.bag.items.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.result.current).toEqual([]);
    // words with more in them are a report, and need their status
    expect(csv([HEAD, `${each[0]!.no},R8,,なし（来年度に検討）,,,財政課`].join("\n")).codes).toEqual(["PP607"]);
  });
  it("PP620: an entry longer than limits.maxCellChars is refused at its cell, never cut short", () => {
    const long = "あ".repeat(5001);
    const r = csv([HEAD, `10,R8,完了,${long},,,財政課`, `1,R8,完了,短い,,${"い".repeat(6000)},情報政策課`, `11,R8,完了,${"う".repeat(5000)},,,財政課`].join("\n"));
    expect(r.codes).toEqual(["PP620", "PP620"]);
    expect(r.bag.items[0]).toMatchObject({ line: 2, column: 4, severity: "error" });
    expect(r.bag.items[1]).toMatchObject({ line: 3, column: 6 });
    expect(r.bag.items[0]?.message).toContain("5001 文字");
    expect(r.result.current.map((x) => x.no)).toEqual([11]);
  });
  it("PP128: a stray quote in a returned CSV that a later one closes is said at the cell, its swallowed rows not lost silently", () => {
    const text = [HEAD, '10,R8,完了,"帳票を電子化した,,,財政課', "11,R8,完了,申請を受け付けた,,,財政課", '1,R8,完了,研修を行った",,,情報政策課'].join("\n");
    const r = csv(text);
    expect(r.readCodes).toEqual(["PP128"]);
    const bag = new DiagnosticBag("ja");
    parseCsvReturns(text, "r.csv", bag);
    expect(bag.items[0]).toMatchObject({ code: "PP128", line: 2, column: 4, severity: "error" });
  });
  it("PP609 twice by one department; PP610 conflicting statuses (warning, both kept)", () => {
    const r = csv([HEAD, "10,R8,完了,a,,,財政課", "10,R8,完了,b,,,財政課", "2,R8,完了,c,,,健康課", "2,R8,遅れ,d,,,情報政策課"].join("\n"));
    expect(r.bag.items.find((d) => d.code === "PP609")).toMatchObject({ line: 3, severity: "error" });
    expect(r.bag.items.find((d) => d.code === "PP610")?.severity).toBe("warning");
    expect(r.result.current.filter((x) => x.no === 2)).toHaveLength(2);
    // told at the report that differs from the others (it had been the first of the agreeing ones)
    const three = csv([HEAD, "2,R8,完了,c,,,健康課", "2,R8,完了,c,,,市民活動推進課", "2,R8,遅れ,d,,,情報政策課"].join("\n"));
    expect(three.bag.items.filter((d) => d.code === "PP610").map((d) => d.line)).toEqual([4]);
    // the departments by status, the fewest first, three names each: the one that differs is never cut off
    // (departments of the plan: No.2 is 各課)
    const d = plan.departments.slice(0, 12);
    const many = csv([HEAD, ...d.map((name, i) => `2,R8,${i === 7 ? "遅れ" : "完了"},c,,,${name}`)].join("\n"));
    expect(many.bag.items.find((x) => x.code === "PP610")?.message).toBe(`No.2 の進捗区分が課によって異なります（遅れ: ${d[7]} / 完了: ${d[0]}、${d[1]}、${d[2]} ほか 8 課）。報告書にはそれぞれの課の区分を載せます。`);
  });
  it("no input row is dropped: each is a return or named by a diagnostic", () => {
    const lines = [HEAD, "10,R8,完了,a,,,財政課", "99,R8,完了,b,,,財政課", ",R8,完了,c,,,財政課", "1,R8,遅れ,d,,,情報政策課", "1,R8,遅れ,e,,,情報政策課", "3,R8,,f,,,産業振興課"];
    const r = csv(lines.join("\n"));
    for (let line = 2; line <= lines.length; line++) {
      const kept = r.result.current.some((x) => x.place.line === line);
      const named = r.bag.items.some((d) => d.line === line);
      expect(kept || named, `line ${line}`).toBe(true);
    }
  });
  it("PP615/PP616: a 見本 column marks the returns as sample", () => {
    const sample = parseCsvReturns(`${HEAD},見本\n10,R8,完了,a,,,財政課,見本\n`, "s.csv", new DiagnosticBag());
    const real = parseCsvReturns(`${HEAD}\n1,R8,完了,a,,,情報政策課\n`, "t.csv", new DiagnosticBag());
    const r = check([sample, real]);
    expect(r.result.sample).toBe(true);
    expect(r.codes).toEqual(expect.arrayContaining(["PP615", "PP616"]));
    // a blank form beside them reports nothing: nothing mixed (PP616 had said real reports were)
    const blank = parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", new DiagnosticBag())!;
    expect(check([sample, blank]).codes).not.toContain("PP616");
  });
});

describe("returned forms", () => {
  it("a filled form is read back; blank 各課 rows are no report", async () => {
    const own = new Set(plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no));
    const data = await fillForm(form("財政課.xlsx"), (no) => (own.has(no) ? { status: "完了", result: `実績${no}` } : null));
    const bag = new DiagnosticBag();
    const f = parseFormReturns(data, "財政課.xlsx", bag);
    expect(bag.items).toEqual([]);
    const r = check(f ? [f] : []);
    expect(r.codes).toEqual([]);
    expect(r.result.current.map((x) => [x.no, x.department, x.result])).toEqual([...own].map((no) => [no, "財政課", `実績${no}`]));
    expect(own.size).toBeGreaterThan(0);
  });
  it("PP606 with the form's cell; an own project left blank is 未報告, one warning a file (PP632), where a row begun but not finished is PP607", async () => {
    const data = await fillForm(form("財政課.xlsx"), (no) => (no === 10 ? { status: "でたらめ", result: "x" } : null));
    const f = parseFormReturns(data, "財政課.xlsx", new DiagnosticBag());
    const r = check(f ? [f] : []);
    const d = r.bag.items.find((x) => x.code === "PP606");
    expect(d).toMatchObject({ file: "財政課.xlsx", sheet: "進捗報告" });
    expect(d?.cell).toMatch(/^E\d+$/);
    // a form returned blank had stopped the report of every department (PP607 errors)
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    const blank = await fillForm(form("財政課.xlsx"), () => null);
    const g = parseFormReturns(blank, "財政課.xlsx", new DiagnosticBag());
    const none = check(g ? [g] : []);
    expect(none.bag.items.filter((x) => x.severity === "error")).toEqual([]);
    expect(none.result.current).toEqual([]);
    expect(none.bag.items.filter((x) => x.code === "PP632").map((x) => [x.severity, x.file, x.message])).toEqual([
      ["warning", "財政課.xlsx", `財政課 の報告は ${own.map((n) => `No.${n}`).join("、")} に記入がないため、これらの事業は未報告として扱いました。`]]);
    const begun = await fillForm(form("財政課.xlsx"), (no) => (no === own[0] ? { status: "予定どおり", result: "" } : null));
    const h = parseFormReturns(begun, "財政課.xlsx", new DiagnosticBag());
    expect(check(h ? [h] : []).codes).toContain("PP607");
  });
  it("PP608 a locked cell edited", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form("財政課.xlsx") as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("進捗報告");
    ws!.getCell("B9").value = "書き換えた事業名";
    const bag = new DiagnosticBag();
    parseFormReturns(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), "財政課.xlsx", bag);
    expect(bag.items.map((d) => d.code)).toContain("PP608");
  });
  it("PP608 names the locked cell changed, with what it said when sent, given the form as sent", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form("財政課.xlsx") as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("進捗報告")!;
    const was = String(ws.getCell("B11").value);
    ws.getCell("B11").value = "書き換えた事業名";
    ws.getCell("C12").value = "書き換えた計画";
    const edited = new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
    const ctx = makeRenderContext();
    const sent: SentForm = (meta) => formLockedCells(plan, ctx, meta.department, meta.fiscalYear, meta.sample);
    const bag = new DiagnosticBag();
    parseFormReturns(edited, "財政課.xlsx", bag, sent);
    expect(bag.items.map((d) => [d.code, d.sheet, d.cell])).toEqual([["PP608", "進捗報告", "B11"]]);
    expect(bag.items[0]!.message).toContain(`配布時「${was}」→「書き換えた事業名」。ほか 1 か所`);
    // the form as sent unknown (the plan changed since): the file is named, no cell guessed
    const other = new DiagnosticBag();
    parseFormReturns(edited, "財政課.xlsx", other, () => [{ row: 1, col: 1, value: "別の様式" }]);
    expect(other.items.map((d) => [d.code, d.cell])).toEqual([["PP608", undefined]]);
  });
  it("PP621 a form as sent but from another version of the plan, where a No now names another project: not read", () => {
    const ctx = makeRenderContext();
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).slice(0, 2);
    expect(own).toHaveLength(2);
    // the plan now: the two projects' names traded (a revision reordering them)
    const now: Plan = { ...plan, projects: plan.projects.map((p) => (p.no === own[0]!.no ? { ...p, name: own[1]!.name } : p.no === own[1]!.no ? { ...p, name: own[0]!.name } : p)) };
    const bag = new DiagnosticBag();
    const read = parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", bag, (meta) => formLockedCells(now, ctx, meta.department, meta.fiscalYear, meta.sample));
    expect(read).toBeNull();
    expect(bag.items.map((d) => d.code)).toEqual(["PP621"]);
    expect(bag.items[0]).toMatchObject({ file: "財政課.xlsx", sheet: "進捗報告", severity: "error" });
    expect(bag.items[0]!.cell).toMatch(/^B\d+$/);
    expect(bag.items[0]!.message).toContain(`No.${own[0]!.no} の事業名が、様式では「${own[0]!.name}」`);
    // the plan it was made from: read as ever
    const same = new DiagnosticBag();
    expect(parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", same, (meta) => formLockedCells(plan, ctx, meta.department, meta.fiscalYear, meta.sample))).not.toBeNull();
    expect(same.items).toEqual([]);
    // an earlier year's form (--history): its rows matched by name, each to the project of its name
    // now (every such form had been refused)
    const history = new DiagnosticBag();
    const byName = parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", history, (meta) => formLockedCells(now, ctx, meta.department, meta.fiscalYear, meta.sample), { byName: true })!;
    expect(history.items.map((d) => [d.code, d.severity])).toEqual([["PP635", "info"]]);
    const before = parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", new DiagnosticBag())!.rows.map((r) => r.cells.no?.text);
    const after = byName.rows.map((r) => r.cells.no?.text);
    expect(after).toEqual(before.map((n) => (n === String(own[0]!.no) ? String(own[1]!.no) : n === String(own[1]!.no) ? String(own[0]!.no) : n)));
  });
  it("PP654 a form from before a revision that only made project names longer or shorter (…の活用 → …の活用拡大) is read by its Nos, the renamed projects named (it had been refused, PP621)", () => {
    const ctx = makeRenderContext();
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).slice(0, 2);
    const shorter = own[1]!.name.slice(0, -2);
    const now: Plan = { ...plan, projects: plan.projects.map((p) => (p.no === own[0]!.no ? { ...p, name: `${p.name}拡大` } : p.no === own[1]!.no ? { ...p, name: shorter } : p)) };
    const bag = new DiagnosticBag();
    const read = parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", bag, (meta) => formLockedCells(now, ctx, meta.department, meta.fiscalYear, meta.sample));
    expect(bag.items.map((d) => [d.code, d.severity, d.sheet])).toEqual([["PP654", "warning", "進捗報告"]]);
    expect(bag.items[0]!.cell).toMatch(/^B\d+$/);
    expect(bag.items[0]!.message).toContain(`No.${own[0]!.no} 様式「${own[0]!.name}」→ いまの計画「${own[0]!.name}拡大」（ほか 1 件）`);
    const before = parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", new DiagnosticBag())!.rows.map((r) => r.cells.no?.text);
    expect(read!.rows.map((r) => r.cells.no?.text)).toEqual(before);
    // a name made another (not longer or shorter): a project replaced at its No, refused as before
    const other: Plan = { ...plan, projects: plan.projects.map((p) => (p.no === own[0]!.no ? { ...p, name: `新たな${p.name}の見直し` } : p)) };
    const refused = new DiagnosticBag();
    expect(parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", refused, (meta) => formLockedCells(other, ctx, meta.department, meta.fiscalYear, meta.sample))).toBeNull();
    expect(refused.items.map((d) => d.code)).toEqual(["PP621"]);
  });
  it("PP608 a report typed over the grey 記入例 row, compared with the form as sent (it had been dropped without a word)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const ctx = makeRenderContext();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form("財政課.xlsx") as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("進捗報告")!;
    let at = "", was = "";
    ws.eachRow((row, r) => {
      if (!String(row.getCell(1).value).includes("例")) return;
      const cell = row.getCell(6); // 実績
      [at, was] = [`F${r}`, String(cell.value)];
      cell.value = "記入例の行に書いてしまった実績";
    });
    expect(at).not.toBe("");
    const edited = new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
    const sentNow: SentForm = (meta) => formLockedCells(plan, ctx, meta.department, meta.fiscalYear, meta.sample);
    const bag = new DiagnosticBag();
    expect(parseFormReturns(edited, "財政課.xlsx", bag, sentNow)).toBeNull();
    expect(bag.items.map((d) => [d.code, d.cell])).toEqual([["PP608", at]]);
    expect(bag.items[0]!.message).toContain(`配布時「${was}」→「記入例の行に書いてしまった実績」`);
    // the form as sent, untouched: read
    const same = new DiagnosticBag();
    expect(parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", same, sentNow)).not.toBeNull();
    expect(same.items).toEqual([]);
  });
  it("PP608 for a row or a column inserted or deleted says so, with the row or column (it named the first shifted cell and 「ほか 108 か所」)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const ctx = makeRenderContext();
    const sentNow: SentForm = (meta) => formLockedCells(plan, ctx, meta.department, meta.fiscalYear, meta.sample);
    const edited = async (edit: (ws: import("exceljs").Worksheet, row: number) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(form("財政課.xlsx") as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("進捗報告")!;
      let row = 0;
      ws.eachRow((r, n) => { if (!row && typeof r.getCell(1).value === "number") row = n; });
      edit(ws, row);
      return { data: new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), row };
    };
    const inserted = await edited((ws, row) => { ws.insertRow(row, ["挿入した行"]); });
    const bag = new DiagnosticBag();
    parseFormReturns(inserted.data, "財政課.xlsx", bag, sentNow);
    expect(bag.items.map((d) => d.code)).toEqual(["PP608"]);
    expect(bag.items[0]!.message).toContain(`${inserted.row} 行目に行が 1 行挿入されたようです`);
    const deleted = await edited((ws, row) => ws.spliceRows(row, 1));
    const other = new DiagnosticBag();
    parseFormReturns(deleted.data, "財政課.xlsx", other, sentNow);
    expect(other.items[0]!.message).toContain(`${deleted.row} 行目から行が 1 行削除されたようです`);
    // a column inserted (a 備考 between 実績 and 課題, the sheet unprotected), as Excel does it: the
    // merged title and notes keep their cell (exceljs moves their values to the merge's last cell)
    const column = await edited((ws) => {
      const first = new Map<number, ExcelJS.CellValue>();
      ws.eachRow((r, n) => { if (r.getCell(1).value !== null) first.set(n, r.getCell(1).value); });
      ws.spliceColumns(7, 0, []);
      for (const [n, v] of first) if (ws.getCell(n, 1).value === null) { ws.getCell(n, 1).value = v; ws.getCell(n, 9).value = null; }
      ws.getCell(8, 7).value = "備考";
    });
    const wide = new DiagnosticBag();
    parseFormReturns(column.data, "財政課.xlsx", wide, sentNow);
    expect(wide.items.map((d) => [d.code, d.cell])).toEqual([["PP608", "G8"]]);
    expect(wide.items[0]!.message).toContain("G 列に列が 1 列挿入されたようです");
    // two rows traded (sorted by a column)
    const sorted = await edited((ws, row) => {
      const [a, b] = [ws.getRow(row), ws.getRow(row + 1)];
      const va = (a.values as unknown[]).slice(), vb = (b.values as unknown[]).slice();
      a.values = vb as never; b.values = va as never;
    });
    // rows sorted only, each with its own No: read by No, said (PP634; it had been refused, PP608)
    const third = new DiagnosticBag();
    const read = parseFormReturns(sorted.data, "財政課.xlsx", third, sentNow);
    expect(third.items.map((d) => [d.code, d.severity, d.cell])).toEqual([["PP634", "warning", `A${sorted.row}`]]);
    expect(read?.rows.length).toBe(parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", new DiagnosticBag(), sentNow)?.rows.length);
    expect(third.items[0]!.message).toContain("並べ替えられています");
    // a blank row inserted between projects: read by No too, said as the shift it is (it had been told as rows sorted)
    const blank = await edited((ws, row) => { ws.insertRow(row + 1, []); });
    const fourth = new DiagnosticBag();
    const readBlank = parseFormReturns(blank.data, "財政課.xlsx", fourth, sentNow);
    expect(fourth.items.map((d) => [d.code, d.cell])).toEqual([["PP634", `A${blank.row + 1}`]]);
    expect(fourth.items[0]!.message).toContain(`${blank.row + 1} 行目から下の行が 1 行下にずれています（空の行が挿入されています）`);
    expect(readBlank?.rows.length).toBe(read?.rows.length);
  });

  it("PP633 one form saved twice (財政課(1).xlsx): read once, said once; a copy with one entry changed is PP609 at each row (it had been PP609 either way)", async () => {
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    const filled = await fillForm(form("財政課.xlsx"), (no) => (own.includes(no) ? { status: "予定どおり", result: `実績${no}` } : null));
    const read = (name: string, data = filled) => parseFormReturns(data, name, new DiagnosticBag())!;
    const twice = check([read("返送/財政課.xlsx"), read("返送/財政課(1).xlsx")]);
    expect(twice.bag.items.filter((d) => d.severity === "error")).toEqual([]);
    expect(twice.result.current.map((r) => r.no)).toEqual(own);
    expect(twice.bag.items.filter((d) => d.code === "PP633").map((d) => [d.file, d.message])).toEqual([
      ["返送/財政課(1).xlsx", "このファイルの報告は 返送/財政課.xlsx と同じ内容のため、一度だけ読みました（同じファイルを二度保存したようです）。"]]);
    const corrected = await fillForm(form("財政課.xlsx"), (no) => (own.includes(no) ? { status: "予定どおり", result: no === own[0] ? "訂正した実績" : `実績${no}` } : null));
    const other = check([read("返送/財政課.xlsx"), read("返送/財政課(1).xlsx", corrected)]);
    expect(other.codes.filter((c) => c === "PP609")).toHaveLength(own.length);
    expect(other.codes).not.toContain("PP633");
  });

  it("PP649 a department's form returned again as a named later version (財政課_v2.xlsx, 財政課（修正）.xlsx): the later read, the earlier not, said (each row both report had been PP609, the run stopped)", async () => {
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    const first = await fillForm(form("財政課.xlsx"), (no) => (no === own[0] ? { status: "予定どおり", result: "初版の実績" } : null));
    const later = await fillForm(form("財政課.xlsx"), (no) => (own.includes(no) ? { status: "予定どおり", result: no === own[0] ? "訂正した実績" : `実績${no}` } : null));
    const read = (name: string, data: Uint8Array) => parseFormReturns(data, name, new DiagnosticBag())!;
    for (const name of ["財政課_v2.xlsx", "財政課（修正）.xlsx", "財政課 修正版.xlsx"]) {
      const r = check([read("返送/財政課.xlsx", first), read(`返送/${name}`, later)]);
      const told = r.bag.items.filter((d) => d.code !== "PP625");
      expect(told.map((d) => [d.code, d.severity, d.file]), name).toEqual([["PP649", "warning", "返送/財政課.xlsx"]]);
      expect(told[0]!.message).toBe(`${name} を 財政課.xlsx の修正版（同じ課・同じ年度の様式）として読み、財政課.xlsx は読みませんでした。`);
      expect(r.result.current.map((x) => [x.no, x.result, x.place.file])).toEqual(own.map((no) => [no, no === own[0] ? "訂正した実績" : `実績${no}`, `返送/${name}`]));
    }
    // a name without a version mark (a second download, 財政課(1)) says nothing of which is later: PP609
    expect(check([read("返送/財政課.xlsx", first), read("返送/財政課(1).xlsx", later)]).codes).toEqual(["PP609"]);
  });

  it("a blank copy of the form returned beside the filled one is PP638 (info), and a draft's blank rows that the final form reports are no PP632 (it had said every such project 未報告 while the report printed them)", async () => {
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    expect(own.length).toBeGreaterThan(1);
    const fill = (nos: number[]) => fillForm(form("財政課.xlsx"), (no) => (nos.includes(no) ? { status: "予定どおり", result: `実績${no}` } : null));
    const read = async (name: string, nos: number[]) => parseFormReturns(await fill(nos), name, new DiagnosticBag())!;
    const blank = check([await read("返送/財政課.xlsx", own), await read("返送/財政課（未記入）.xlsx", [])]);
    const said = blank.bag.items.filter((d) => d.code !== "PP625");
    expect(said.map((d) => [d.code, d.severity, d.file])).toEqual([["PP638", "info", "返送/財政課（未記入）.xlsx"]]);
    expect(said[0]!.message).toBe("財政課 の様式ですが、記入がありません。財政課 の報告は 返送/財政課.xlsx から読みました。");
    expect(blank.result.current.map((r) => r.no)).toEqual(own);
    // a draft with the first row only, as the final form has it: read once (PP633), nothing 未報告
    const draft = check([await read("返送/財政課.xlsx", own), await read("返送/財政課（下書き）.xlsx", own.slice(0, 1))]);
    expect(draft.codes).toEqual(["PP633"]);
    // a project reported in no file is still PP632, alone
    const half = check([await read("返送/財政課.xlsx", own.slice(1)), await read("返送/財政課（未記入）.xlsx", [])]);
    expect(half.bag.items.filter((d) => d.code !== "PP625").map((d) => [d.code, d.file, d.message])).toEqual([
      ["PP632", "返送/財政課.xlsx", `財政課 の報告は No.${own[0]} に記入がないため、これらの事業は未報告として扱いました。`],
      ["PP632", "返送/財政課（未記入）.xlsx", `財政課 の報告は No.${own[0]} に記入がないため、これらの事業は未報告として扱いました。`]]);
  });

  it("PP627 a form saved under another department's name: read as the form's department, the mismatch said", () => {
    const bag = new DiagnosticBag();
    const file = parseFormReturns(form("財政課.xlsx"), "返送/管財課.xlsx", bag)!;
    const r = check([file]);
    expect(r.bag.items.filter((d) => d.code === "PP627").map((d) => [d.file, d.message])).toEqual([
      ["返送/管財課.xlsx", "ファイル名は 管財課 ですが、財政課 に配布した様式です。財政課 の報告として読みました。"]]);
    // named after its own department: nothing said
    expect(check([parseFormReturns(form("財政課.xlsx"), "返送/財政課.xlsx", new DiagnosticBag())!]).bag.items.map((d) => d.code)).not.toContain("PP627");
  });

  it("PP631 a form made for a department the plan no longer names (renamed in a 組織改正): refused, its entries never on other projects", () => {
    const file = parseFormReturns(form("財政課.xlsx"), "返送/財政課.xlsx", new DiagnosticBag())!;
    const rename = (d: string) => (d === "財政課" ? "財務課" : d);
    const revised = { ...plan, departments: plan.departments.map(rename), projects: plan.projects.map((p) => ({ ...p, departments: p.departments.map(rename) })) };
    const bag = new DiagnosticBag("ja");
    const result = validateReturns(revised, [file], { year: 2026, config: defaultConfig(), diagnostics: bag });
    // (its 各課 rows had been read as 財政課's, and its own as errors naming projects not on the row)
    expect(result.current).toEqual([]);
    expect(bag.items.filter((d) => d.severity === "error").map((d) => [d.code, d.file, d.message])).toEqual([
      ["PP631", "返送/財政課.xlsx", "様式の担当課「財政課」が今の計画にありません。計画の別の版（組織改正の前など）から作った様式のため、読みませんでした。"]]);
    // the plan as the form was made: read
    expect(check([file]).codes.filter((c) => c === "PP631")).toEqual([]);
  });

  it("PP642 a project given to the form's department after the forms went out: the form has no row for it, said with its No (it had been 未報告 unsaid)", () => {
    const file = parseFormReturns(form("財政課.xlsx"), "返送/財政課.xlsx", new DiagnosticBag())!;
    const given = plan.projects.find((p) => !p.allDepartments && !p.departments.includes("財政課"))!;
    const revised = { ...plan, projects: plan.projects.map((p) => (p.no === given.no ? { ...p, departments: [...p.departments, "財政課"] } : p)) };
    const bag = new DiagnosticBag("ja");
    validateReturns(revised, [file], { year: 2026, config: defaultConfig(), diagnostics: bag });
    expect(bag.items.filter((d) => d.code === "PP642").map((d) => [d.severity, d.file, d.message])).toEqual([["warning", "返送/財政課.xlsx",
      `この様式には 財政課 の担当事業 No.${given.no} の行がありません（様式を配布した後に計画が変わったようです）。これらの事業は未報告として扱いました。`]]);
    // the plan the form was made from: a row for each of its projects
    expect(check([file]).codes).not.toContain("PP642");
  });

  it("PP626 a formula typed into an entry: refused at its cell (its source had been printed to the council)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const own = plan.projects.find((p) => p.departments.includes("財政課"))!;
    const filled = await fillForm(form("財政課.xlsx"), (no) => (no === own.no ? { status: "予定どおり", result: "x" } : null));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    let at = "";
    wb.getWorksheet("進捗報告")!.eachRow((row, r) => row.eachCell((c, col) => {
      if (c.value === "x") { c.value = { formula: '"式で"&"書いた"', result: "式で書いた" } as never; at = `${String.fromCharCode(64 + col)}${r}`; }
    }));
    const bag = new DiagnosticBag();
    expect(parseFormReturns(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), "財政課.xlsx", bag)).toBeNull();
    expect(bag.items.map((d) => [d.code, d.cell])).toEqual([["PP626", at]]);
    expect(bag.items[0]!.message).toContain('実績の欄に数式（="式で"&"書いた"）があります');
  });

  /**
   * 財政課's form filled (予定どおり, 実績N for each of its projects), then the 実績 cells of its first
   * projects edited as Excel saves them, one edit each: the file, the edited cells' addresses.
   */
  async function withEntries(edits: ((cell: import("exceljs").Cell) => void)[]): Promise<{ bytes: Uint8Array; at: string[]; filled: Uint8Array }> {
    const ExcelJS = (await import("exceljs")).default;
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    const filled = await fillForm(form("財政課.xlsx"), (no) => (own.includes(no) ? { status: "予定どおり", result: `実績${no}` } : null));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    const at: string[] = [];
    wb.getWorksheet("進捗報告")!.eachRow((row) => row.eachCell((c) => {
      const k = edits.findIndex((_, i) => c.value === `実績${own[i]}`);
      if (k >= 0) { edits[k]!(c); at[k] = c.address; }
    }));
    return { bytes: new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), at, filled };
  }

  it("PP636 text struck through in an entry (見え消し) and PP637 an Excel error value kept as a value: refused at their cells (both had been printed: the struck words, 「#N/A」)", async () => {
    const { bytes, at, filled } = await withEntries([
      (c) => { c.value = { richText: [{ text: "説明会を2回開催した", font: { strike: true } }, { text: "説明会を3回開催した" }] }; },
      (c) => { c.value = { error: "#N/A" } as never; },
    ]);
    const bag = new DiagnosticBag("ja");
    expect(parseFormReturns(bytes, "財政課.xlsx", bag)).toBeNull();
    expect(bag.items.map((d) => [d.code, d.severity, d.sheet, d.cell])).toEqual([["PP636", "error", "進捗報告", at[0]], ["PP637", "error", "進捗報告", at[1]]]);
    expect(bag.items[0]!.message).toBe("実績の欄に取り消し線の付いた文字（見え消し）があります（「説明会を2回開催した説明会を3回開催した」）。取り消した文字を報告に入れるかどうか決められないため、このファイルは読みません。");
    expect(bag.items[1]!.message).toContain("Excel のエラー値「#N/A」");
    // the same entries without strike or error: read
    expect(parseFormReturns(filled, "財政課.xlsx", new DiagnosticBag())).not.toBeNull();
  });

  it("PP648 superscript or subscript characters in an entry (10³ typed as 103 with a raised 3): refused at the cell (printed plain, the number had read 103)", async () => {
    const { bytes, at } = await withEntries([(c) => { c.value = { richText: [{ text: "処理能力を10" }, { text: "3", font: { vertAlign: "superscript" } }, { text: "件に高めた" }] }; }]);
    const bag = new DiagnosticBag("ja");
    expect(parseFormReturns(bytes, "財政課.xlsx", bag)).toBeNull();
    expect(bag.items.map((d) => [d.code, d.severity, d.sheet, d.cell, d.message])).toEqual([["PP648", "error", "進捗報告", at[0],
      "実績の欄に上付き・下付きの文字「3」があります（「処理能力を103件に高めた」）。報告書では普通の文字として印刷され（10³ は「103」）、意味が変わるため、このファイルは読みません。"]]);
  });

  it("PP109 half a character in an entry (_xD83D_ alone: an emoji cut by a broken copy) is U+FFFD, said at its cell, the form read (it had reached the report as is)", async () => {
    // (exceljs writes _x…_ as is, as a broken copy leaves it)
    const { bytes, at } = await withEntries([(c) => { c.value = "説明会を開催した_xD83D_"; }]);
    const bag = new DiagnosticBag("ja");
    const read = parseFormReturns(bytes, "財政課.xlsx", bag);
    expect(bag.items.map((d) => [d.code, d.severity, d.sheet, d.cell])).toEqual([["PP109", "warning", "進捗報告", at[0]]]);
    expect(JSON.stringify(read)).toContain("説明会を開催した\uFFFD");
    expect(JSON.stringify(read)).not.toMatch(/\\ud[89ab]/i);
  });

  it("PP650 text in white on no fill in an entry (白文字: words hidden rather than deleted), all or in part: refused at the cell (the report had printed words no one saw)", async () => {
    const { bytes, at } = await withEntries([
      (c) => { c.value = { richText: [{ text: "説明会を2回開催した" }, { text: "（来年度は中止）", font: { color: { argb: "FFFFFFFF" } } }] }; },
      (c) => { c.style = { ...c.style, font: { ...c.style.font, color: { theme: 0 } } }; },
    ]);
    const bag = new DiagnosticBag("ja");
    expect(parseFormReturns(bytes, "財政課.xlsx", bag)).toBeNull();
    expect(bag.items.map((d) => [d.code, d.severity, d.cell])).toEqual([["PP650", "error", at[0]], ["PP650", "error", at[1]]]);
    expect(bag.items[0]!.message).toBe("実績の欄に白い文字（背景と同じ色で、様式の画面や印刷では見えない文字）があります（「説明会を2回開催した（来年度は中止）」）。報告に入れる文字かどうか決められないため、このファイルは読みません。");
  });

  /** A form sheet's first two project rows: [row, No] each. */
  function firstProjectRows(ws: import("exceljs").Worksheet): [[number, number], [number, number]] {
    const rows: [number, number][] = [];
    ws.eachRow((row, r) => { const no = row.getCell(1).value; if (typeof no === "number") rows.push([r, no]); });
    return rows.slice(0, 2) as [[number, number], [number, number]];
  }

  it("PP639 an entry's cells merged across two projects' rows (one text for both): refused at the merge (the second had been told 「必須の「実績」が空です」 beside the text it shows)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form("財政課.xlsx") as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("進捗報告")!;
    const [[r1, no1], [r2, no2]] = firstProjectRows(ws);
    expect(r2).toBe(r1 + 1);
    ws.getCell(r1, 5).value = "予定どおり";
    ws.getCell(r2, 5).value = "予定どおり";
    ws.mergeCells(r1, 6, r2, 6);
    ws.getCell(r1, 6).value = "二つの事業をまとめて実施した";
    const bag = new DiagnosticBag("ja");
    expect(parseFormReturns(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), "財政課.xlsx", bag)).toBeNull();
    expect(bag.items.map((d) => [d.code, d.severity, d.sheet, d.cell, d.message])).toEqual([["PP639", "error", "進捗報告", `F${r1}`,
      `実績の欄のセル F${r1}:F${r2} が No.${no1}・No.${no2} の行にまたがって結合されています。どの事業の報告か決められないため、このファイルは読みません。`]]);
    // the form's own merges (its title, its section rows across every column) are none of that
    const sent = new DiagnosticBag();
    expect(parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", sent)).not.toBeNull();
    expect(sent.items).toEqual([]);
  });

  it("PP656 a 進捗区分 merged across two projects' rows, each row's 実績 written: the one status read for each, warned at the merge (the whole file had been refused, PP639); a 実績 left blank keeps PP639", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const merged = async (second: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(form("財政課.xlsx") as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("進捗報告")!;
      const [[r1, no1], [r2, no2]] = firstProjectRows(ws);
      ws.mergeCells(r1, 5, r2, 5);
      ws.getCell(r1, 5).value = "予定どおり";
      ws.getCell(r1, 6).value = "実績一";
      if (second) ws.getCell(r2, 6).value = second;
      const bag = new DiagnosticBag("ja");
      return { read: parseFormReturns(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), "財政課.xlsx", bag), bag, r1, r2, no1, no2 };
    };
    const { read, bag, r1, r2, no1, no2 } = await merged("実績二");
    expect(bag.items.map((d) => [d.code, d.severity, d.sheet, d.cell, d.message])).toEqual([["PP656", "warning", "進捗報告", `E${r1}`,
      `進捗区分のセル E${r1}:E${r2} が No.${no1}・No.${no2} の行にまたがって結合されています。実績はそれぞれの行に書かれているため、同じ進捗区分を各事業の報告として読みました。`]]);
    const row = (no: number) => read!.rows.find((r) => r.cells.no?.text === String(no))!;
    expect([row(no1).cells.status?.text, row(no1).cells.result?.text]).toEqual(["予定どおり", "実績一"]);
    expect([row(no2).cells.status?.text, row(no2).cells.result?.text]).toEqual(["予定どおり", "実績二"]);
    const blank = await merged("");
    expect(blank.read).toBeNull();
    expect(blank.bag.items.map((d) => [d.code, d.cell])).toEqual([["PP639", `E${blank.r1}`]]);
  });

  it("PP640 entries in a row or column hidden in Excel are read and said at the first (a row typed in by mistake and hidden, not cleared, had been printed unsaid)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    const filled = await fillForm(form("財政課.xlsx"), (no) => (own.includes(no) ? { status: "予定どおり", result: `実績${no}`, issues: no === own[1] ? "課題" : "" } : null));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("進捗報告")!;
    let second = 0;
    ws.eachRow((row, r) => { if (row.getCell(1).value === own[1]) second = r; });
    ws.getRow(second).hidden = true;
    ws.getColumn(7).hidden = true; // 課題
    const bag = new DiagnosticBag("ja");
    const read = parseFormReturns(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), "財政課.xlsx", bag)!;
    expect(bag.items.map((d) => [d.code, d.severity, d.cell, d.message])).toEqual([["PP640", "warning", `E${second}`,
      "Excel で非表示の行（1 行）・列（1 列）に記入があります（ここが最初）。様式の画面や印刷には出ない記入ですが、報告として読みました。"]]);
    expect(check([read]).result.current.map((r) => [r.no, r.result, r.issues])).toEqual(own.map((no) => [no, `実績${no}`, no === own[1] ? "課題" : ""]));
    // nothing hidden: nothing said
    const plain = new DiagnosticBag();
    parseFormReturns(filled, "財政課.xlsx", plain);
    expect(plain.items).toEqual([]);
  });

  it("PP647 an entry left blank with the report in its note (comment): refused at the cell; PP646 notes beside entries said once at the first (the notes' words had been dropped unsaid)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    const filled = await fillForm(form("財政課.xlsx"), (no) => (own.includes(no) ? { status: "予定どおり", result: `実績${no}` } : null));
    const noted = async (edit: (ws: import("exceljs").Worksheet, rows: number[]) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(filled as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("進捗報告")!;
      const rows: number[] = [];
      ws.eachRow((row, r) => { if (own.includes(row.getCell(1).value as number)) rows.push(r); });
      edit(ws, rows);
      const bag = new DiagnosticBag("ja");
      return { bag, rows, read: parseFormReturns(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), "財政課.xlsx", bag) };
    };
    // the 課題 written in a note, its cell blank (with the author's name Excel puts first)
    const blank = await noted((ws, [r1]) => { ws.getCell(r1!, 7).note = { texts: [{ font: { bold: true }, text: "財政課 山田:" }, { text: "\n調達に時間を要した" }] }; });
    expect(blank.read).toBeNull();
    expect(blank.bag.items.map((d) => [d.code, d.severity, d.cell, d.message])).toEqual([["PP647", "error", `G${blank.rows[0]}`,
      "「課題」の欄が空で、メモ（コメント）に「財政課 山田: 調達に時間を要した」と書かれています。メモは報告書に載らないため、この様式は読み込みませんでした。"]]);
    // notes beside entries: read, said once at the first
    // (a threaded comment, as Excel writes it for older versions: its words after Excel's own)
    const threaded = "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    部長確認済み";
    const beside = await noted((ws, [r1, r2]) => { ws.getCell(r1!, 6).note = threaded; ws.getCell(r2!, 6).note = "要確認"; });
    expect(beside.bag.items.map((d) => [d.code, d.severity, d.message])).toEqual([["PP646", "warning",
      "記入欄のメモ（コメント）「部長確認済み」は報告書に載りません（ほか 1 か所のメモも同じ）。セルの記入内容だけを読みました。"]]);
    expect(check([beside.read!]).result.current.map((r) => r.result)).toEqual(own.map((no) => `実績${no}`));
  });

  it("an entry with Unicode's line and paragraph separators (pasted from a web page or Word) is read with line breaks there, as a CSV's is (the PDF had printed a box for each)", async () => {
    const own = plan.projects.find((p) => p.departments.includes("財政課"))!;
    const filled = await fillForm(form("財政課.xlsx"), (no) => (no === own.no ? { status: "予定どおり", result: "説明会を開催した\u2028参加者は40名\u2029アンケートを実施した" } : null));
    const read = parseFormReturns(filled, "財政課.xlsx", new DiagnosticBag("ja"))!;
    expect(check([read]).result.current.map((r) => r.result)).toEqual(["説明会を開催した\n参加者は40名\nアンケートを実施した"]);
  });

  it("PP651 a hyperlink on an entry whose words do not hold its address (「詳細はこちら」): read, said once at the first with where it leads (the address had been dropped unsaid)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    const filled = await fillForm(form("財政課.xlsx"), (no) => (own.includes(no) ? { status: "予定どおり", result: `実績${no}` } : null));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    let at = "";
    wb.getWorksheet("進捗報告")!.eachRow((row) => row.eachCell((c) => {
      if (c.value === `実績${own[0]}`) { c.value = { text: "詳細はこちら", hyperlink: "https://www.city.example.lg.jp/dx/" }; at = c.address; }
      // a link whose words are its address loses nothing
      if (c.value === `実績${own[1]}`) c.value = { text: "https://www.city.example.lg.jp/", hyperlink: "https://www.city.example.lg.jp/" };
    }));
    const bag = new DiagnosticBag("ja");
    const read = parseFormReturns(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), "財政課.xlsx", bag)!;
    expect(bag.items.map((d) => [d.code, d.severity, d.cell, d.message])).toEqual([["PP651", "warning", at,
      "記入欄のリンクの行き先（https://www.city.example.lg.jp/dx/）は、報告書には載りません。報告書にはセルの文字だけが印刷されます。"]]);
    expect(check([read]).result.current.map((r) => r.result)).toEqual(["詳細はこちら", "https://www.city.example.lg.jp/"]);
  });

  it("PP624 a copy of the form sheet with other entries (Excel's 進捗報告 (2)): not read, the differing cell named; an identical copy is read", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const own = plan.projects.find((p) => p.departments.includes("財政課"))!;
    const filled = await fillForm(form("財政課.xlsx"), (no) => (no === own.no ? { status: "予定どおり", result: "実施した" } : null));
    const withCopy = async (edit: (copy: import("exceljs").Worksheet) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(filled as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("進捗報告")!;
      const copy = wb.addWorksheet("進捗報告 (2)");
      // as Excel copies a sheet: a merged range's value in its first cell only
      ws.eachRow((row, r) => row.eachCell((c, col) => { if (!c.isMerged || c.master === c) copy.getCell(r, col).value = c.value; }));
      edit(copy);
      return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
    };
    let statusAt = "";
    // the project's row (not the grey 記入例 row, the same in both)
    const differing = await withCopy((copy) => copy.eachRow((row, r) => row.eachCell((c, col) => {
      if (c.value === "予定どおり" && (row.values as unknown[]).includes(own.no)) { c.value = "遅れ"; statusAt = `${String.fromCharCode(64 + col)}${r}`; }
    })));
    const bag = new DiagnosticBag();
    // the copy's entries had been passed over without a word
    expect(parseFormReturns(differing, "財政課.xlsx", bag)).toBeNull();
    expect(bag.items.map((d) => [d.code, d.sheet, d.cell])).toEqual([["PP624", "進捗報告 (2)", statusAt]]);
    const same = new DiagnosticBag();
    expect(parseFormReturns(await withCopy(() => undefined), "財政課.xlsx", same)).not.toBeNull();
    expect(same.items.map((d) => d.code)).not.toContain("PP624");
  });
  it("PP630 a sheet the department added before the form with a small table of its own (課内メモ): not read, said, and the form read (it had been taken for the form and the form refused, PP624)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const own = plan.projects.find((p) => p.departments.includes("財政課"))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await fillForm(form("財政課.xlsx"), (no) => (no === own.no ? { status: "予定どおり", result: "実施した" } : null)) as unknown as ArrayBuffer);
    const memo = wb.addWorksheet("課内メモ");
    memo.addRow(["No", "進捗区分", "実績"]);
    memo.addRow([own.no, "遅れ", "下書き"]);
    // (first in the workbook, as a sheet inserted before the form)
    memo.orderNo = -1;
    const bag = new DiagnosticBag();
    const read = parseFormReturns(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), "財政課.xlsx", bag);
    expect(bag.items.map((d) => [d.code, d.severity, d.sheet])).toEqual([["PP630", "warning", "課内メモ"]]);
    const row = read!.rows.find((r) => r.cells.no?.text === String(own.no))!;
    expect([row.cells.status?.text, row.cells.result?.text]).toEqual(["予定どおり", "実施した"]);
  });
  /** 実績, 課題 and 今後の方向性 of 財政課's first row as read back, each typed as a number with a format. */
  const typedEntries = async (entries: [number, string][]): Promise<(string | undefined)[]> => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form("財政課.xlsx") as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("進捗報告")!;
    ws.getCell("E11").value = "予定どおり";
    // (a style of its own: exceljs shares one style object between cells)
    entries.forEach(([value, numFmt], i) => { const c = ws.getCell(`${"FGH"[i]}11`); c.value = value; c.style = { ...c.style, numFmt }; });
    const read = parseFormReturns(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), "財政課.xlsx", new DiagnosticBag());
    const row = read!.rows.find((r) => r.place.cell === "A11")!;
    return [row.cells.result?.text, row.cells.issues?.text, row.cells.direction?.text];
  };
  it("reads an entry Excel stores as a number with a format as it shows: a date, 令和, a percentage", async () => {
    // 95%, 6/1 and R9.3.31 typed
    expect(await typedEntries([[0.95, "0%"], [46174, "yyyy/m/d"], [46477, '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"']])).toEqual(["95%", "2026/6/1", "令和9年3月31日"]);
  });
  it("reads a date in a built-in format Japanese Excel names by id alone as it shows it: 4/1 typed (56) 4月1日, R8.4.1 (57), 令和8年4月1日 (58) (all had been printed 2026-04-01)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const { unzipSync, zipSync, strFromU8, strToU8 } = await import("fflate");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form("財政課.xlsx") as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("進捗報告")!;
    ws.getCell("E11").value = "予定どおり";
    // written with codes of their own, then named by the built-in ids as Excel writes them (no <numFmt>)
    const ids: Record<string, number> = { "\"id56\"0": 56, "\"id57\"0": 57, "\"id58\"0": 58 };
    Object.keys(ids).forEach((numFmt, i) => { const c = ws.getCell(`${"FGH"[i]}11`); c.value = 46113; c.style = { ...c.style, numFmt }; });
    const parts = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer));
    let styles = strFromU8(parts["xl/styles.xml"]!);
    for (const [, id, code] of styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)) {
      const builtin = ids[code!.replaceAll("&quot;", '"')];
      if (builtin) styles = styles.replaceAll(`numFmtId="${id}"`, `numFmtId="${builtin}"`);
    }
    parts["xl/styles.xml"] = strToU8(styles.replace(/<numFmt numFmtId="5[678]"[^>]*\/>/g, ""));
    const read = parseFormReturns(zipSync(parts), "財政課.xlsx", new DiagnosticBag());
    const row = read!.rows.find((r) => r.place.cell === "A11")!;
    expect([row.cells.result?.text, row.cells.issues?.text, row.cells.direction?.text]).toEqual(["4月1日", "R8.4.1", "令和8年4月1日"]);
  });
  it("reads a time, an elapsed time and a fraction as Excel shows them (10:00 had been printed 1899-12-30, 36:00 「:12」, 1/2 「0.5」)", async () => {
    expect(await typedEntries([[10 / 24, "h:mm"], [1.5, "[h]:mm"], [0.5, "# ?/?"]])).toEqual(["10:00", "36:00", "1/2"]);
    // the built-in ids a workbook may name them by, and a date with its time
    const { builtinFormat, formatNumber } = await import("../../src/ingest/number-format.js");
    expect([20, 21, 18, 22, 32, 46, 12, 13].map((id) => formatNumber(46174 + 14.5 / 24, builtinFormat(id)!)))
      .toEqual(["14:30", "14:30:00", "2:30 PM", "2026/6/1 14:30", "14時30分", "1108190:30:00", "46174 3/5", "46174 29/48"]);
    expect(formatNumber(0.333, "# ??/??")).toBe("1/3");
    expect(formatNumber(0.25, "?/4")).toBe("1/4");
  });
  it("reads a % that is written, escaped or quoted, as a sign after the number (LibreOffice saves 0\"%\" as 0\\%: 45 had printed 「4500%」)", async () => {
    const { formatNumber } = await import("../../src/ingest/number-format.js");
    expect(formatNumber(45, "0\\%")).toBe("45%");
    expect(formatNumber(80, '"達成率"0\\%')).toBe("達成率80%");
    expect(formatNumber(45, '0"%"')).toBe("45%");
    expect(formatNumber(0.45, "0%")).toBe("45%");
  });
  it("reads 漢数字 formats ([DBNum1] 令和八年六月一日, [DBNum2] 大字, [DBNum3] ５件) as Excel shows them (a return's date had printed as 46174)", async () => {
    const { formatNumber } = await import("../../src/ingest/number-format.js");
    expect(formatNumber(46174, '[DBNum1][$-ja-JP-x-gannen]ggge"年"m"月"d"日"')).toBe("令和八年六月一日");
    expect(formatNumber(46174, '[DBNum1]ggge"年"m"月"d"日"')).toBe("令和八年六月一日");
    expect(formatNumber(5, '[DBNum3]0"件"')).toBe("５件");
    expect([12, 2026, 110, 10].map((n) => formatNumber(n, "[DBNum1]0"))).toEqual(["十二", "二千二十六", "百十", "十"]);
    expect(formatNumber(12, "[DBNum2]0")).toBe("壱拾弐");
  });
  it("reads a number its format hides (;;;, a zero under 0;-0;) as the empty cell Excel shows (a hidden 1 had been a mark nobody could see)", async () => {
    const { formatNumber } = await import("../../src/ingest/number-format.js");
    expect(formatNumber(1, ";;;")).toBe("");
    expect(formatNumber(0, "0;-0;")).toBe("");
    expect(formatNumber(5, "0;-0;")).toBe("5");
    expect(formatNumber(-5, "0;-0;")).toBe("-5");
    expect(formatNumber(5, "")).toBe("5");
  });
  it("PP601 unreadable file, PP602 no form sheet, PP614 no metadata", async () => {
    const bag = new DiagnosticBag();
    expect(parseFormReturns(new Uint8Array([1, 2, 3]), "broken.xlsx", bag)).toBeNull();
    const ExcelJS = (await import("exceljs")).default;
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet("Sheet1").getCell("A1").value = "hello";
    parseFormReturns(new Uint8Array(await plain.xlsx.writeBuffer() as ArrayBuffer), "plain.xlsx", bag);
    const nometa = new ExcelJS.Workbook();
    const ws = nometa.addWorksheet("進捗報告");
    ws.getRow(3).values = ["No", "事業名", "進捗区分", "実績"];
    parseFormReturns(new Uint8Array(await nometa.xlsx.writeBuffer() as ArrayBuffer), "nometa.xlsx", bag);
    expect(bag.items.map((d) => [d.code, d.file])).toEqual([["PP601", "broken.xlsx"], ["PP602", "plain.xlsx"], ["PP614", "nometa.xlsx"]]);
  });
  it("PP617 a form made for another plan", async () => {
    const f = parseFormReturns(form("財政課.xlsx"), "財政課.xlsx", new DiagnosticBag());
    const other = { ...plan, plan: { ...plan.plan, title: "別の計画" } };
    const bag = new DiagnosticBag();
    validateReturns(other, f ? [f] : [], { year: 2026, config: defaultConfig(), diagnostics: bag });
    expect(bag.items.map((d) => d.code)).toContain("PP617");
  });
});

describe("files in the folder of returns that are not read", () => {
  it("a returned TSV is read as a CSV is (it had been passed over without a word, its department 未報告)", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { readReturnsDir } = await import("../../src/progress/read-dir.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-"));
    writeFileSync(path.join(dir, "財政課.tsv"), `${HEAD.replaceAll(",", "\t")}\n10\tR8\t完了\t帳票を電子化した\t\t\t財政課\n`);
    const bag = new DiagnosticBag("ja");
    const files = await readReturnsDir(dir, bag);
    expect(bag.items.filter((d) => d.severity !== "info")).toEqual([]);
    expect(check(files).result.current.map((r) => [r.no, r.result, r.place.line])).toEqual([[10, "帳票を電子化した", 2]]);
  });
  it("a return whose bytes are not what its name says is told as a plan's is: a form renamed .csv (PP112), a CSV renamed .xlsx (PP127), a web page (PP155), an .xls or a password-protected workbook (PP113)", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { readReturnsDir } = await import("../../src/progress/read-dir.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-"));
    writeFileSync(path.join(dir, "a財政課.csv"), form("財政課.xlsx"));
    writeFileSync(path.join(dir, "b管財課.xlsx"), `${HEAD}\n25,R8,完了,x,,,管財課\n`);
    writeFileSync(path.join(dir, "c総務課.xlsx"), "<html><body><table><tr><td>No</td></tr></table></body></html>");
    writeFileSync(path.join(dir, "d人事課.xlsx"), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const bag = new DiagnosticBag("ja");
    expect(await readReturnsDir(dir, bag)).toEqual([]);
    // (the form had been decoded as Shift_JIS text: nine messages of garbled characters and missing columns)
    expect(bag.items.map((d) => [d.code, d.severity, path.basename(d.file ?? "")])).toEqual([
      ["PP112", "error", "a財政課.csv"], ["PP127", "error", "b管財課.xlsx"], ["PP155", "error", "c総務課.xlsx"], ["PP113", "error", "d人事課.xlsx"],
    ]);
    expect(bag.items[1]!.message).toBe("このファイルはテキスト（TSV・CSV）ですが、拡張子が .xlsx です。");
  });
  it("a workbook of another format (.xls, .ods) is PP622, an archive (.zip) PP641 and a sub-folder PP623; Excel's lock file a word that its workbook may be open (PP629, info); notes say nothing", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { readReturnsDir } = await import("../../src/progress/read-dir.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-"));
    writeFileSync(path.join(dir, "財政課.xls"), "old excel");
    writeFileSync(path.join(dir, "総務課.ods"), "libreoffice");
    writeFileSync(path.join(dir, "README.txt"), "notes");
    writeFileSync(path.join(dir, "~$財政課.xlsx"), "lock");
    // a form sent in a zip with a password, as mail rules ask (it had been passed over unsaid)
    writeFileSync(path.join(dir, "管財課.zip"), "PK");
    mkdirSync(path.join(dir, "総務部"));
    const bag = new DiagnosticBag("ja");
    expect(await readReturnsDir(dir, bag)).toEqual([]);
    expect(bag.items.map((d) => [d.code, path.basename(d.file ?? "")])).toEqual([
      ["PP629", "~$財政課.xlsx"], ["PP641", "管財課.zip"], ["PP622", "総務課.ods"], ["PP623", "総務部"], ["PP622", "財政課.xls"], ["PP613", path.basename(dir)],
    ]);
  });

  it("a form saved as .xlsm (Excel's macro-enabled workbook, the same parts) is read as the form, not passed over (PP622) with its department 未報告", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { readReturnsDir } = await import("../../src/progress/read-dir.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-"));
    const own = plan.projects.filter((p) => p.departments.includes("財政課")).map((p) => p.no);
    writeFileSync(path.join(dir, "財政課.xlsm"), await fillForm(form("財政課.xlsx"), (no) => (own.includes(no) ? { status: "予定どおり", result: `実績${no}` } : null)));
    writeFileSync(path.join(dir, "~$財政課.xlsm"), "lock");
    const bag = new DiagnosticBag("ja");
    const files = await readReturnsDir(dir, bag);
    expect(bag.items.map((d) => [d.code, path.basename(d.file ?? "")])).toEqual([["PP629", "~$財政課.xlsm"]]);
    const { result, codes } = check(files);
    expect(codes.filter((c) => c !== "PP629")).toEqual([]);
    expect(result.current.filter((r) => r.department === "財政課").map((r) => [r.no, r.result])).toEqual(own.map((no) => [no, `実績${no}`]));
  });

  it("a link to a folder among the returns is a sub-folder (PP623, its forms not read), not passed over unsaid; a loop of links named as no form says nothing", async () => {
    const { mkdtempSync, mkdirSync, symlinkSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { readReturnsDir } = await import("../../src/progress/read-dir.js");
    const root = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-"));
    mkdirSync(path.join(root, "総務部"));
    const dir = path.join(root, "返送");
    mkdirSync(dir);
    symlinkSync(path.join(root, "総務部"), path.join(dir, "総務部"));
    symlinkSync(path.join(dir, "loop"), path.join(dir, "loop"));
    const bag = new DiagnosticBag("ja");
    expect(await readReturnsDir(dir, bag)).toEqual([]);
    expect(bag.items.map((d) => [d.code, path.basename(d.file ?? "")])).toEqual([["PP623", "総務部"], ["PP613", "返送"]]);
  });

  it("a folder of returns that cannot be opened (a loop of links) is PP711 naming the folder and why in words, not a returned file's PP601 「（ELOOP）」", async () => {
    const { mkdtempSync, symlinkSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { readReturnsDir } = await import("../../src/progress/read-dir.js");
    const loop = path.join(mkdtempSync(path.join(os.tmpdir(), "planpress-returns-")), "返送");
    symlinkSync(loop, loop);
    const bag = new DiagnosticBag("ja");
    expect(await readReturnsDir(loop, bag)).toEqual([]);
    expect(bag.items.map((d) => [d.code, d.file])).toEqual([["PP711", loop]]);
    expect(bag.items[0]!.message).toContain("ショートカット（シンボリックリンク）が循環しています");
  });
});
