import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { eraSlips, parseFiscalYear, wareki, warekiDate, warekiShort } from "../../src/fiscal.js";
import { splitDepartments } from "../../src/normalise/departments.js";
import { splitDescription } from "../../src/normalise/description.js";
import { numberedLike, parseNumbered } from "../../src/normalise/hierarchy.js";
import { parseRelist } from "../../src/normalise/relist.js";
import { cleanText, parseProjectNo } from "../../src/normalise/text.js";
import { phraseLines } from "../../src/render/xlsx/metrics.js";
import { categorise } from "../../src/normalise/category.js";
import { splitNote } from "../../src/normalise/schedule.js";
import { relistRef } from "../../src/views/relist.js";

const config = defaultConfig();

describe("normalise", () => {
  it("departments: separators, ・ only after a department ending, 各課 as a flag", () => {
    expect(splitDepartments("各課、情報政策課", config)).toMatchObject({ names: ["情報政策課"], all: true, duplicates: [], dropped: [] });
    expect(splitDepartments("../../総務課", config)).toMatchObject({ names: ["総務課"], dropped: ["..", ".."] });
    expect(splitDepartments("子ども・若者課／総務課・人事課, 市政センター・中央図書館", config).names)
      .toEqual(["子ども・若者課", "総務課", "人事課", "市政センター", "中央図書館"]);
    expect(splitDepartments("", config)).toMatchObject({ names: [], all: false, duplicates: [], dropped: [] });
  });

  it("description: ・ bullets, sentences inside <ul> residue, words kept", () => {
    expect(splitDescription("・検討・導入を進める。 ・AI・RPAを使う。").items).toEqual(["検討・導入を進める。", "AI・RPAを使う。"]);
    const html = splitDescription('<ul style="list-style-type: none"> 一つ目。 二つ目。 ');
    expect(html.items).toEqual(["一つ目。", "二つ目。"]);
    expect(html.tags[0]).toMatch(/^<ul/);
    expect(splitDescription("<ul><li>甲</li><li>乙</li></ul>").items).toEqual(["甲", "乙"]);
    expect(splitDescription("一文だけ。").items).toEqual(["一文だけ。"]);
  });

  it("description: a labelled line under a marked item (⏎指標：…, ⏎【目標】…) stays in it after a space; it had been glued (「説明指標：申請件数」)", () => {
    expect(splitDescription("・申請を電子化する\n指標：申請件数\n・窓口を見直す\n【目標】待ち時間の短縮").items)
      .toEqual(["申請を電子化する 指標：申請件数", "窓口を見直す 【目標】待ち時間の短縮"]);
    // a wrap after a particle goes on as before; a colon far into a line is no label
    expect(splitDescription("・次の\n目標：件数\n・対象を拡大し\n添付書類を省略する。時期：未定").items).toEqual(["次の目標：件数", "対象を拡大し添付書類を省略する。時期：未定"]);
  });

  it("description: a blank line ends a marked item, the paragraph after it an item of its own (as in unmarked text)", () => {
    expect(splitDescription("・申請を電子化する。\n\n目標値（件）\n・窓口を見直す").items).toEqual(["申請を電子化する。", "目標値（件）", "窓口を見直す"]);
  });

  it("numbers of measures and initiatives", () => {
    expect(parseNumbered("(1) D(デジタル)を使いこなせる人材の拡大")).toMatchObject({ number: 1, title: "D(デジタル)を使いこなせる人材の拡大" });
    expect(parseNumbered("（１２）窓口")).toMatchObject({ number: 12, title: "窓口" });
    expect(parseNumbered("③デジタル")).toMatchObject({ number: 3, title: "デジタル", mark: "③" });
    expect(parseNumbered("㉑二十一")).toMatchObject({ number: 21 });
    // (1) and 1. as one character (what an IME offers), kanji numerals in brackets
    expect(parseNumbered("⑴窓口")).toMatchObject({ number: 1, title: "窓口", mark: "⑴" });
    expect(parseNumbered("⒓ 窓口")).toMatchObject({ number: 12, title: "窓口", mark: "⒓" });
    expect(parseNumbered("（十二）窓口")).toMatchObject({ number: 12, title: "窓口", mark: "（十二）" });
    expect(parseNumbered("（一体）窓口")).toMatchObject({ number: null });
    expect([numberedLike("⑴", 3), numberedLike("⒈", 3)]).toEqual(["⑶", "⒊"]);
    // a colon between the mark and the title is neither (was printed as "(1) ：窓口")
    for (const text of ["(1)：窓口", "①: 窓口", "1-2：窓口", "1：窓口"]) expect(parseNumbered(text), text).toMatchObject({ number: text === "1-2：窓口" ? 2 : 1, title: "窓口" });
    expect(parseNumbered("10：00開始")).toMatchObject({ number: null });
    expect(parseNumbered("番号なし")).toMatchObject({ number: null, title: "番号なし" });
    expect(parseNumbered("2 業務改革")).toMatchObject({ number: 2, title: "業務改革" });
    expect(parseNumbered("１２　窓口")).toMatchObject({ number: 12, title: "窓口" });
    // the level's own word before the number, or brackets round it: part of the mark
    expect(["施策1 窓口の改善", "施策(1) 窓口の改善", "【施策1】窓口の改善", "施策の方向１：窓口の改善", "[1] 窓口の改善"].map((t) => parseNumbered(t)))
      .toEqual([
        { number: 1, title: "窓口の改善", mark: "施策1", parents: [] }, { number: 1, title: "窓口の改善", mark: "施策(1)", parents: [] },
        { number: 1, title: "窓口の改善", mark: "【施策1】", parents: [] }, { number: 1, title: "窓口の改善", mark: "施策の方向１：", parents: [] },
        { number: 1, title: "窓口の改善", mark: "[1]", parents: [] },
      ]);
    expect(parseNumbered("取組② 相談")).toMatchObject({ number: 2, title: "相談" });
    // the top level's words and other brackets so too (the mark had stayed in the policy's name)
    for (const [t, n] of [["【基本目標１】安全・安心なまち", 1], ["[基本目標2] 安全・安心なまち", 2], ["＜基本目標３＞ 安全・安心なまち", 3], ["〈政策4〉安全・安心なまち", 4], ["基本方針5　安全・安心なまち", 5]] as const) {
      expect(parseNumbered(t), t).toMatchObject({ number: n, title: "安全・安心なまち" });
    }
    // a heading's bullet before its number is part of the mark (was no number, the bullet in the title)
    expect(["◆施策(1)　窓口", "■1 窓口", "● (2) 窓口"].map((t) => parseNumbered(t)))
      .toEqual([{ number: 1, title: "窓口", mark: "◆施策(1)", parents: [] }, { number: 1, title: "窓口", mark: "■1", parents: [] },
        { number: 2, title: "窓口", mark: "●(2)", parents: [] }]);
    expect(["■重点事業", "○○の推進", "◆ 窓口"].map((t) => parseNumbered(t))).toMatchObject([
      { number: null, title: "重点事業" }, { number: null, title: "○○の推進" }, { number: null, title: "窓口" }]);
    expect(parseNumbered("施策１－２　窓口")).toMatchObject({ number: 2, parents: [1], title: "窓口" });
    // a word with no number after it, or a year after it, is the title
    expect(["取組の強化", "施策2025年度の見直し", "施策1", "【重点】窓口"].map((t) => parseNumbered(t).number)).toEqual([null, null, null, null]);
    expect([numberedLike("取組①", 4), numberedLike("【施策1】", 2), numberedLike("施策(1)", 3)]).toEqual(["取組④", "【施策2】", "施策(3)"]);
    // a count, not a number: the title keeps it
    expect(["10 年後のまち", "3 か所の窓口", "5G の活用", "24時間対応"].map((t) => parseNumbered(t).number)).toEqual([null, null, null, null]);
  });

  it("project numbers: No.12, full-width, a list's 12., a program's 12.0 — never 1-2, (1), 一 or 12.5", () => {
    expect(["12", "No.12", "No. 12", "１２", "12.", "１２．", "12.0"].map(parseProjectNo)).toEqual([12, 12, 12, 12, 12, 12, 12]);
    expect(["1-2", "(1)", "一", "12.5", "1234567890"].map(parseProjectNo)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("project numbers after the row's kind (事業1, 事業No.3, 取組 2, 事業１２) are those numbers; the word alone or a branch number is none", () => {
    expect(["事業1", "事業No.3", "取組 2", "事業１２", "事業番号5"].map(parseProjectNo)).toEqual([1, 3, 2, 12, 5]);
    expect(["事業", "事業1-2", "事業費1"].map(parseProjectNo)).toEqual([undefined, undefined, undefined]);
  });

  it("再掲 markers: suffix and bracket, prefix or suffix, with the reference parsed", () => {
    expect(parseRelist("テレワークの運用（再掲）")).toMatchObject({ mark: "（再掲）", name: "テレワークの運用" });
    const b = parseRelist("【人材育成・体制強化(1)①の再掲】 柔軟な仕組みの検討");
    expect(b).toMatchObject({ name: "柔軟な仕組みの検討", ref: { policy: "人材育成・体制強化", measure: 1, initiative: 1 } });
    expect(parseRelist("研究 【市民サービス(2)①の再掲】")?.name).toBe("研究");
    expect(parseRelist("再掲のない事業")).toBeNull();
    // 再 alone in brackets is 再掲's abbreviation; a word starting with 再 is no mark
    expect(parseRelist("電子申請の拡充（再）")).toMatchObject({ mark: "（再）", name: "電子申請の拡充" });
    expect(parseRelist("【再】相談窓口")).toMatchObject({ mark: "【再】", name: "相談窓口" });
    expect(parseRelist("窓口（再：No.4）")).toMatchObject({ name: "窓口", no: 4 });
    expect(parseRelist("基幹システム（再構築）")).toBeNull();
    expect(parseRelist("公共施設（再編）")).toBeNull();
    // printed as the house style words a 再掲, never as a place named 再
    expect(relistRef({ relistOf: null, relistMark: "（再）" })).toEqual({ no: null, place: null });
    expect(relistRef({ relistOf: null, relistMark: "（再：No.12）" })).toEqual({ no: null, place: "No.12" });
  });

  it("phase labels: note after ※, the stage a label names, a compound for several stages", () => {
    expect(splitNote("適用※検証結果次第", config)).toEqual({ label: "適用", note: "検証結果次第" });
    expect(splitNote("調査研究 ※効果が見込まれるものは早期に試行", config)).toEqual({ label: "調査研究", note: "効果が見込まれるものは早期に試行" });
    const c = (l: string) => categorise(l, config.phaseCategories, config.compoundCategory.id);
    // one stage, however many of its words: 調達・構築, 現状把握・仕様検討, 実施・改善
    expect([c("検討"), c("研究"), c("調達・構築"), c("現状把握・仕様検討"), c("実施・改善"), c("保守")])
      .toEqual(["study", "research", "build", "study", "operate", null]);
    // one compound word is one stage, its earliest: a pilot run, a study of an expansion
    expect([c("試行実施"), c("拡大検討"), c("効果検証")]).toEqual(["pilot", "study", "pilot"]);
    // continuing, running (継続, 稼働, 運営) is operating
    expect([c("継続"), c("本格稼働"), c("運営")]).toEqual(["operate", "operate", "operate"]);
    // a phrase is what its last word names (導入校 is where, 拡大 is what)
    expect([c("モデル校による試行"), c("導入範囲の拡大"), c("全校での運用"), c("あり方の見直し")]).toEqual(["pilot", "operate", "operate", "study"]);
    // several stages listed: never painted as one of them
    for (const l of ["調達・運用", "調査・構築", "検討・準備", "検証・拡大検討", "調査研究・試行・実施", "仕組み整備、発信・共有の実施", "検討及び実施"]) expect(c(l), l).toBe("mixed");
    // stages a space keeps apart are listed too (上期：検討　下期：実施 was painted as 検討)
    for (const l of ["上期：検討　下期：実施", "検討 実施"]) expect(c(l), l).toBe("mixed");
    // and arrows between them (検討→実施 had been painted as 検討 over all its years)
    for (const l of ["検討→実施", "検討⇒実施", "検討＞実施", "検討=>実施", "検討 >> 実施"]) expect(c(l), l).toBe("mixed");
    expect(c("効果 検証")).toBe("pilot");
    // a part naming no stage adds none
    expect(c("発信・共有の実施")).toBe("operate");
  });

  it("fiscal years in every accepted spelling", () => {
    for (const y of ["2026", "2026年度", "R8", "R8年度", "令和8", "令和8年度", "令和８年度", "２０２６"]) expect(parseFiscalYear(y)).toBe(2026);
    expect(parseFiscalYear("令和元年度")).toBe(2019);
    expect(parseFiscalYear("来年度")).toBeNull();
    // kanji numerals after the era, spaces, R. with a point
    for (const [y, n] of [["令和八年度", 2026], ["令和十年度", 2028], ["令和十二年度", 2030], ["令和二十年度", 2038], ["平成三十一年度", 2019], ["令和 8 年度", 2026], ["R.8", 2026], ["H.30年度", 2018]] as const) expect(parseFiscalYear(y), y).toBe(n);
    for (const y of ["令和八九年度", "令和〇年度", "八年度"]) expect(parseFiscalYear(y), y).toBeNull();
    expect(wareki(2030)).toBe("令和12年度");
  });

  it("fiscal years of a plan written under 平成: read, and written back in 平成", () => {
    for (const y of ["平成30年度", "平成３０年度", "H30", "H30年度", "2018年度"]) expect(parseFiscalYear(y), y).toBe(2018);
    // fiscal 2019 began in 平成31; both names read as the same year, written 令和元年度
    expect(parseFiscalYear("平成31年度")).toBe(2019);
    expect(parseFiscalYear("平成元年度")).toBe(1989);
    expect([wareki(2018), wareki(2019), wareki(1989), wareki(1988)]).toEqual(["平成30年度", "令和元年度", "平成元年度", "1988年度"]);
    expect([warekiShort(2018), warekiShort(2026)]).toEqual(["H30", "R8"]);
    expect(warekiDate(new Date(Date.UTC(2019, 3, 30)))).toBe("平成31年4月30日");
    expect(warekiDate(new Date(Date.UTC(2019, 4, 1)))).toBe("令和元年5月1日");
  });

  it("years and days outside their era: what each counts to, or no year (0); fiscal 2019 and the days of the change are none", () => {
    const slips = (t: string) => eraSlips(t).map((s) => [s.text, s.reads]);
    expect(slips("平成32年度から運用")).toEqual([["平成32年度", "令和2年度"]]);
    expect(slips("H33")).toEqual([["H33", "令和3年度"]]);
    expect(slips("平成三十二年")).toEqual([["平成32年", "令和2年"]]);
    expect(slips("平成31年5月1日、令和1年4月1日")).toEqual([["平成31年5月1日", "令和元年5月1日"], ["令和1年4月1日", "平成31年4月1日"]]);
    expect(slips("H31.5.1 / R01/04/01")).toEqual([["H31.5.1", "令和元年5月1日"], ["R01/04/01", "平成31年4月1日"]]);
    expect(slips("平成31年5月")).toEqual([["平成31年5月", "令和元年5月"]]);
    expect(slips("平成元年1月7日")).toEqual([["平成元年1月7日", "1989年1月7日"]]);
    expect(slips("令和0年度")).toEqual([["令和0年度", null]]);
    // fiscal 2019 in either era, the days on either side of the change, April of 令和元年度, marks
    for (const t of ["平成31年度", "令和元年度", "平成31年", "令和元年", "平成31年4月30日", "令和元年5月1日", "平成31年4月", "平成元年1月8日", "令和元年度4月", "R0版", "H2O", "令和8年度～令和12年度"]) expect(slips(t), t).toEqual([]);
  });
});

describe("cleanText: line breaks written into a cell", () => {
  it("drops a break next to Japanese text (a wrap: セル内改行), keeps a word space between Latin words", () => {
    expect(cleanText("申請・届出・申込の\nオンライン化の拡大")).toBe("申請・届出・申込のオンライン化の拡大");
    expect(cleanText("  市民\r\n  サービス ")).toBe("市民サービス");
    expect(cleanText("eL-QR\nの活用")).toBe("eL-QRの活用");
    expect(cleanText("UI/UX\nDesign")).toBe("UI/UX Design");
    // a space typed between Japanese words is the plan's own and stays
    expect(cleanText("武蔵野市　総合政策部")).toBe("武蔵野市 総合政策部");
  });

  it("reads a name back from planpress's printed 工程表, wrapped between phrases, as the plan wrote it", () => {
    const name = "ライフイベント関係課によるECRS視点の検討と情報連携による最適な手続き、窓口のあり方の研究";
    const wrapped = phraseLines(name, 100, 9);
    expect(wrapped.split("\n").length).toBeGreaterThan(2);
    expect(cleanText(wrapped)).toBe(name);
  });
});
