import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/schema.js";
import { cityOf, documentAuthor } from "../src/context.js";

describe("the city a title names, for the PDFs' Author and Keywords", () => {
  it.each([
    ["武蔵野市DX推進計画", "武蔵野市"],
    ["第2次武蔵野市DX推進計画", "武蔵野市"],
    ["令和8年度 武蔵野市DX推進計画", "武蔵野市"],
    ["大阪府堺市DX戦略", "大阪府堺市"],
    ["北海道札幌市デジタル計画", "北海道札幌市"],
    ["東京都デジタル戦略", "東京都"],
    ["西多摩郡瑞穂町DX計画", "西多摩郡瑞穂町"],
    ["さいたま市デジタル計画", "さいたま市"],
    ["四日市市DX戦略", "四日市市"],
    ["大町市DX計画", "大町市"],
    ["東村山市DX計画", "東村山市"],
    ["武蔵野市市民参加計画", "武蔵野市"],
    ["武蔵野市地区別計画", "武蔵野市"],
  ])("%s → %s", (title, city) => {
    expect(cityOf(title)).toBe(city);
  });

  it.each(["デジタル都市推進計画", "市民サービスDX計画", "総合計画市民参加編", "DX推進計画", "スマート自治体計画"])("%s names none (no guess)", (title) => {
    expect(cityOf(title)).toBeNull();
  });

  it("the Author is the issuer alone when the title names no city (「デジタル都 総務部…」 had been written)", () => {
    const config = defaultConfig();
    config.document.issuer = "総務部 情報政策課";
    expect(documentAuthor(config, "デジタル都市推進計画")).toBe("総務部 情報政策課");
    expect(documentAuthor(config, "四日市市DX戦略")).toBe("四日市市 総務部 情報政策課");
  });
});
