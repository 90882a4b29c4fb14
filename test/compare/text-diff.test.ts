// Character-level marks for the 新旧対照表: a changed word is marked, not its sentence; width
// variants are no change; each side keeps its own characters.
import { describe, expect, it } from "vitest";
import { markedDiff } from "../../src/compare/text-diff.js";

const marked = (segments: { text: string; changed: boolean }[]) => segments.filter((s) => s.changed).map((s) => s.text);
const whole = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

describe("markedDiff", () => {
  it("marks the changed word on each side and keeps both texts whole", () => {
    const d = markedDiff("窓口のあり方を研究する。", "窓口のあり方を検討する。");
    expect(marked(d.old)).toEqual(["研究"]);
    expect(marked(d.new)).toEqual(["検討"]);
    expect(whole(d.old)).toBe("窓口のあり方を研究する。");
    expect(whole(d.new)).toBe("窓口のあり方を検討する。");
  });

  it("marks a changed number whole (令和10年度 → 令和11年度 had marked 「0」 and 「1」)", () => {
    const d = markedDiff("検討（令和10年度～令和12年度）、No.9", "検討（令和11年度～令和12年度）、No.19");
    expect(marked(d.old)).toEqual(["10", "9"]);
    expect(marked(d.new)).toEqual(["11", "19"]);
    expect(whole(d.new)).toBe("検討（令和11年度～令和12年度）、No.19");
  });

  it("marks an insertion on the new side only", () => {
    const d = markedDiff("情報政策課", "情報政策課、人事課");
    expect(marked(d.old)).toEqual([]);
    expect(marked(d.new)).toEqual(["、人事課"]);
  });

  it("takes full-width and half-width forms as equal, each side printed as written", () => {
    const d = markedDiff("最高情報責任者（CIO）補佐官", "最高情報責任者(ＣＩＯ)補佐官");
    expect(marked(d.old)).toEqual([]);
    expect(marked(d.new)).toEqual([]);
    expect(whole(d.new)).toBe("最高情報責任者(ＣＩＯ)補佐官");
  });

  it("takes the characters CP932 and Unicode write one glyph with as equal (～/〜, －/−, ―/—): an identical-looking 〜 had been marked", async () => {
    const d = markedDiff("令和9年度～令和10年度、JIS X 8341－3 ― 対応", "令和9年度〜令和10年度、JIS X 8341−3 — 対応");
    expect(marked(d.old)).toEqual([]);
    expect(marked(d.new)).toEqual([]);
    expect(whole(d.new)).toBe("令和9年度〜令和10年度、JIS X 8341−3 — 対応");
    const { comparable } = await import("../../src/compare/similarity.js");
    expect(comparable("業務量調査に基づくBPRの実施～全庁展開～")).toBe(comparable("業務量調査に基づくBPRの実施〜全庁展開〜"));
  });

  it("compares a description's bullets as lines first: a deleted bullet marked whole, the unchanged one after it never (one diff over the whole text had lined up across bullets)", () => {
    const o = "・市民課等の窓口にキャッシュレス決済を導入する。\n・市税等の納付にキャッシュレス決済を導入し、市民の利便性向上を目指す。\n・導入後は利用状況を踏まえ対象窓口を拡大する。";
    const n = "・市民課等の窓口にキャッシュレス決済を順次導入する。\n・導入後は利用状況を踏まえ対象窓口を拡大する。\n・効果を検証する。";
    const d = markedDiff(o, n);
    expect(marked(d.old)).toEqual(["・市税等の納付にキャッシュレス決済を導入し、市民の利便性向上を目指す。"]);
    expect(marked(d.new)).toEqual(["順次", "・効果を検証する。"]);
    expect([whole(d.old), whole(d.new)]).toEqual([o, n]);
  });

  it("does not mark white space put in or taken out (a space no reader sees)", () => {
    const d = markedDiff("市民の利便性を高める。", "市民の　利便性を高める。");
    expect(marked(d.new)).toEqual([]);
    expect(whole(d.new)).toBe("市民の　利便性を高める。");
  });

  it("marks a rewritten phrase as one change, not around a shared particle", () => {
    const d = markedDiff("職員の研修を行う", "市民向けの講座を開く");
    expect(marked(d.new)).toEqual(["市民向けの講座を開く"]);
    expect(marked(d.old)).toEqual(["職員の研修を行う"]);
  });
});
