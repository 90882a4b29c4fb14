// Names in spreadsheet cells: breaks written between phrases (Excel and LibreOffice break Japanese anywhere).
import { describe, expect, it } from "vitest";
import { columnsWidthPt, MAX_ROW_PT, phraseLines, rowHeightPt, widthToFit, wrappedLines } from "../../src/render/xlsx/metrics.js";

// at 10 pt a box 10 × 10 pt wide holds 9.7 em
const lines = (text: string, em: number) => phraseLines(text, em * 10, 10).split("\n");

describe("phraseLines", () => {
  it("leaves a name that fits on one line as it is", () => {
    expect(phraseLines("窓口の充実", 100, 10)).toBe("窓口の充実");
  });

  it("breaks between phrases, never inside 窓口 or オンライン化", () => {
    const out = lines("申請・届出・申込のオンライン化の拡大", 10);
    expect(out.join("")).toBe("申請・届出・申込のオンライン化の拡大");
    expect(out).toEqual(["申請・届出・申込の", "オンライン化の拡大"]);
  });

  it("breaks a phrase wider than the line after a closing bracket, 中黒 or 読点 first", () => {
    const out = lines("「行かない」「待たない」「書かない」窓口サービスの実現", 8);
    expect(out.join("")).toBe("「行かない」「待たない」「書かない」窓口サービスの実現");
    for (const l of out.slice(0, -1)) expect(l).toMatch(/[」・、]$|の$/);
  });

  it("cuts a phrase wider than the line where its script changes, a kanji word after every second kanji, as the PDFs do (「オンライン相／談の」, 「公共施設予約システ／ム」 had been cut anywhere)", () => {
    expect(lines("オンライン相談の更なる拡充", 6)).toEqual(["オンライン", "相談の", "更なる拡充"]);
    expect(lines("公共施設予約システム利用拡大及び共通化の検討", 10)).toEqual(["公共施設予約", "システム", "利用拡大及び", "共通化の検討"]);
    expect(lines("公共施設予約システム利用拡大及び共通化の検討", 5)).toEqual(["公共", "施設予約", "システム", "利用", "拡大及び", "共通化の", "検討"]);
  });

  it("gives a last line of one character company: the phrase before it goes along", () => {
    // BudouX ends it with 「等」 alone: 行政手続の / オンライン化の / 推進、 / 等
    expect(lines("行政手続のオンライン化の推進、等", 9)).toEqual(["行政手続の", "オンライン化の", "推進、等"]);
  });

  it("cuts a phrase wider than the line into pieces, each whole on a line, the first beside the text before it when it fits there", () => {
    const out = lines("行政手続のオンライン化の推進、等", 6.5);
    expect(out[0]).toBe("行政手続の");
    expect(out.join("")).toBe("行政手続のオンライン化の推進、等");
    // BudouX joins 「1 」 to the URL after it: started on a line of its own, that phrase had left
    // 「事業その」 alone above 「1 https://…」 (read as project 「事業その」 and a URL numbered 1)
    const url = "事業その1 https://www.city.example.lg.jp/kurashi/tetsuzuki/online/index.html を参照";
    const cut = lines(url, 22);
    expect(cut[0]).toMatch(/^事業その1 https:/);
    expect(cut.join("")).toBe(url);
  });

  it("keeps 禁則 where it cuts: no line starts with a closing mark, ー or a small kana, none ends with an opening bracket (「（」 had stood alone, 「）」 and 「ェ」 started lines)", () => {
    const text = "マイクロサービスアーキテクチャ（https://www.digital.go.jp/policies/local-2026）を活用した住民税・収納管理・インターフェースアプリケーションプラットフォームコンポーネント";
    for (const em of [6, 8, 10, 13]) {
      const out = lines(text, em);
      expect(out.join(""), String(em)).toBe(text);
      for (const l of out.slice(1)) expect(l, `${em}: ${out.join("／")}`).not.toMatch(/^[）」』】ーァィゥェォッャュョ、。・]/u);
      for (const l of out.slice(0, -1)) expect(l, `${em}: ${out.join("／")}`).not.toMatch(/[（「『【]$/u);
    }
  });
});

describe("widthToFit", () => {
  const height = (text: string, width: number) => rowHeightPt(wrappedLines(text, columnsWidthPt([width]), 9), 9);

  it("keeps the width short texts fit, and widens it until a long one fits Excel's tallest row", () => {
    expect(widthToFit(["短い説明"], 50, 9)).toBe(50);
    const long = "市民の利便性を高めるため、手続を順に見直す。".repeat(70);
    const width = widthToFit(["短い説明", long], 50, 9);
    expect(height(long, width)).toBeLessThanOrEqual(MAX_ROW_PT);
    expect(height(long, width - 4)).toBeGreaterThan(MAX_ROW_PT);
  });

  it("leaves the width of a text of more lines of its own than a row holds (no width fits it: it had widened without end)", () => {
    const lines = "年度の取組を詳しく記述しました。\n".repeat(100);
    expect(widthToFit([lines], 44, 9)).toBe(44);
    expect(widthToFit([`${"長い行の説明文です。".repeat(30)}\n`.repeat(60)], 44, 9)).toBe(44);
  });
});
