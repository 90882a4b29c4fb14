// keepRuns: numbers with their units, 令和 years and short Latin names become noWrap runs; the
// runs give back the text unchanged; nothing is inserted (BIZ UDPGothic lacks U+2060/U+200B).
import { beforeAll, describe, expect, it } from "vitest";
import { createPdf } from "../../../src/render/pdf/document.js";
import { drawDocument } from "../../../src/render/pdf/draw.js";
import { DocNode } from "../../../src/templates/primitives.js";
import { makeRenderContext } from "../../helpers/context.js";
import { readPdf } from "../../helpers/pdf.js";
import { bulletList, departmentRuns, keepRuns, noteRuns, phraseRuns, type Run, titleRuns } from "../../../src/render/pdf/text.js";
import { phraseLines } from "../../../src/render/xlsx/metrics.js";
import type { Theme } from "../../../src/theme/schema.js";

const kept = (runs: Run[]) => runs.flatMap((r) => (typeof r === "string" || !r.noWrap ? [] : [r.text]));
const joined = (runs: Run[]) => runs.map((r) => (typeof r === "string" ? r : r.text)).join("");

describe("keepRuns", () => {
  it("keeps years, numbers with units and Latin names whole", () => {
    const text = "令和8年度から3万人が利用するeL-QRとAI-OCRをJIS X 8341-3に沿って導入（No.12、50%）";
    const runs = keepRuns(text);
    expect(kept(runs)).toEqual(["令和8年度", "3万人", "eL-QR", "AI-OCR", "JIS X 8341-3", "No.12", "50%"]);
    expect(joined(runs)).toBe(text);
  });

  it("lets a run longer than a narrow cell break, and leaves plain text as one string", () => {
    expect(kept(keepRuns("Microsoft Power Platform Admin Center"))).toEqual([]);
    expect(keepRuns("市民サービスの向上")).toEqual(["市民サービスの向上"]);
    expect(keepRuns("")).toEqual([]);
  });

  it("lets a Latin word of 30 or more letters and digits break anywhere (nothing else allows a break in it)", () => {
    const code = "A1B2C3D4E5".repeat(3);
    expect(keepRuns(`ID ${code} を登録`)).toEqual(["ID ", { text: code.slice(0, -4), wordBreak: "break-all" }, { text: code.slice(-4), noWrap: true }, " を登録"]);
    expect(JSON.stringify(keepRuns(`ID ${code.slice(1)} を登録`))).not.toContain("break-all");
    expect(phraseRuns(`${code}の登録`)[0]).toEqual({ text: code.slice(0, -4), wordBreak: "break-all" });
  });

  it("lets a URL break anywhere, the names inside it kept whole no more (lg.jp/shisei had left the rest unbreakable, off the paper)", () => {
    const url = "https://www.city.musashino.lg.jp/shisei_gyosei/shisaku_keikaku/1000.html";
    // (its last four characters kept together: see table.test.ts)
    expect(keepRuns(`詳細は ${url} を参照`)).toEqual(["詳細は ", { text: url.slice(0, -4), wordBreak: "break-all" }, { text: "html", noWrap: true }, " を参照"]);
    expect(phraseRuns(`${url}を参照`)[0]).toEqual({ text: url.slice(0, -4), wordBreak: "break-all" });
    // a short Latin name is still kept whole
    expect(keepRuns("UI/UX の改善")).toEqual([{ text: "UI/UX", noWrap: true }, " の改善"]);
  });

  it("never inserts invisible characters", () => {
    const text = "R8とR12、2026年度";
    expect(joined(keepRuns(text))).toBe(text);
    expect(JSON.stringify(keepRuns(text))).not.toMatch(/\\u2060|\\u200b|\\u2011|\u2060|\u200b|\u2011/);
  });
});

describe("bulletList", () => {
  it("takes a typed leading ・ as the marker, not as text", () => {
    const list = bulletList(["・窓口の予約", "オンライン申請"], { fontSize: 10 }) as { stack: { columns: { text: unknown }[] }[] };
    expect(list.stack).toHaveLength(2);
    expect(list.stack[0]!.columns[0]!.text).toBe("・");
    expect(joined(list.stack[0]!.columns[1]!.text as Run[])).toBe("窓口の予約");
    expect(joined(list.stack[1]!.columns[1]!.text as Run[])).toBe("オンライン申請");
  });
});

describe("phraseRuns", () => {
  it("keeps BudouX's phrases whole and gives the text back unchanged", () => {
    const runs = phraseRuns("モデル校による試行");
    expect(kept(runs)).toEqual(["モデル校に", "よる", "試行"]);
    expect(joined(runs)).toBe("モデル校による試行");
    expect(kept(phraseRuns("「書かない窓口」の推進"))).not.toContain("窓");
    expect(kept(phraseRuns("「書かない窓口」の推進")).some((p) => p.includes("窓口"))).toBe(true);
  });

  it("lets a phrase longer than the line's capacity break, and keeps line breaks as breaks", () => {
    // a phrase too long is cut where its script changes: モデル/校に (it had broken anywhere)
    expect(kept(phraseRuns("モデル校による試行", 3))).toEqual(["モデル", "校に", "よる", "試行"]);
    const runs = phraseRuns("実績：予定どおり\n課題：なし");
    expect(joined(runs)).toBe("実績：予定どおり\n課題：なし");
    expect(kept(runs).some((r) => r.includes("\n"))).toBe(false);
  });

  it("breaks a phrase longer than the line where its script changes, not at the line's last character", () => {
    // a table header 4 characters wide had read 「予定どお／り」, a bar's label 「システム標準／化」
    expect(kept(phraseRuns("予定どおり", 4))).toEqual(["予定", "どおり"]);
    expect(kept(phraseRuns("システム標準化", 5))).toEqual(["システム", "標準化"]);
    // pieces that fit together stay together; a run of kanji longer than the line still breaks
    expect(kept(phraseRuns("お知らせ配信", 5))).toEqual(["お知らせ", "配信"]);
    expect(joined(phraseRuns("情報政策課長", 3))).toBe("情報政策課長");
    // ... in even pieces, a 中黒 with the piece before it (a 1-year bar's 「拡充検／討・／運用」)
    expect(kept(phraseRuns("拡充検討・運用", 3))).toEqual(["拡充", "検討・", "運用"]);
    expect(kept(phraseRuns("人々交流促進事業", 3)).every((p) => !p.startsWith("々"))).toBe(true);
    // a column narrower than a character (a capacity of 0) holds the text as before
    expect(joined(phraseRuns("拡充検討・運用", 0))).toBe("拡充検討・運用");
  });

  it("cuts a katakana word too long for the line evenly, no piece starting with ー or a small kana (a bar's 「プログラミン／グ・」 had left its last character alone)", () => {
    expect(kept(phraseRuns("プログラミング・単体テスト", 6))).toEqual(["プログラ", "ミング・", "単体テスト"]);
    expect(kept(phraseRuns("アクセシビリティ", 5))).toEqual(["アクセシ", "ビリティ"]);
    expect(kept(phraseRuns("コミュニケーション", 5))).toEqual(["コミュニ", "ケーション"]);
    // the workbook's cells break the same way
    expect(phraseLines("プログラミング・単体テスト", 6 * 9 + 1, 9).split("\n")[0]).toBe("プログラ");
  });

  it("keeps a kanji's okurigana or particle with it (研究及／び, 文書及／び had been cut so), cutting a unit too long for the line evenly", () => {
    expect(kept(phraseRuns("生成AI活用方法研究及び活用事例集等の共有", 11))).toEqual(["生成AI", "活用方法研究及び", "活用事例集等の", "共有"]);
    expect(kept(phraseRuns("生成AI活用方法研究及び活用事例集等の共有", 7))).toEqual(["生成AI", "活用方法", "研究及び", "活用事例集等の", "共有"]);
    expect(kept(phraseRuns("解釈及び運用の推進", 3))).toEqual(["解釈", "及び", "運用の", "推進"]);
    // ... after every second kanji (most kanji words are two long): 職員目／線の had been cut so
    expect(kept(phraseRuns("市民・職員目線の市民サービス", 4))).toEqual(["市民・", "職員", "目線の", "市民", "サービス"]);
    expect(kept(phraseRuns("推進室高齢者支援担当子ども", 12))).toEqual(["推進室高齢者", "支援担当子ども"]);
  });

  it("never cuts a kept year or number wider than the line inside its digits (BudouX had given 「令和1／0年度」)", () => {
    const text = "令和10年度に文書及び財務会計システムの更改を行う。";
    for (const capacity of [3, 4, 5]) {
      const runs = phraseRuns(text, capacity);
      expect(joined(runs)).toBe(text);
      expect(kept(runs).some((p) => /[0-9]$/.test(p) && !p.endsWith("10"))).toBe(false);
      expect(kept(runs).some((p) => p.includes("10"))).toBe(true);
    }
  });

  it("keeps each word of a phrase with spaces in it whole (a title's 「担当課別 工程表」 had broken as 「工／程表」)", () => {
    const text = "武蔵野市DX推進計画（第八次総合情報化基本計画）　担当課別 工程表";
    const runs = phraseRuns(text);
    expect(joined(runs)).toBe(text);
    expect(kept(runs)).toEqual(expect.arrayContaining(["担当課別", "工程表"]));
  });

  it("breaks a phrase longer than the line after its 中黒 or 読点 before anywhere else", () => {
    // BudouX gives 「情報共有・協議できる」 as one phrase: too long for 9 characters a line
    const text = "柔軟に関係課が情報共有・協議できる仕組みの検討";
    const runs = phraseRuns(text, 9);
    expect(joined(runs)).toBe(text);
    expect(kept(runs)).toEqual(["柔軟に", "関係課が", "情報共有・", "協議できる", "仕組みの", "検討"]);
  });
});

describe("noteRuns", () => {
  it("keeps a short note whole in the theme's small size and muted colour; a long one breaks between phrases", () => {
    const theme = { colours: { muted: "#555555" }, sizes: { small: 8, table: 9 } } as unknown as Theme;
    expect(noteRuns("（No.12の再掲）", theme, 9)).toEqual([{ text: "（No.12の再掲）", noWrap: true, color: "#555555", fontSize: 8 }]);
    const long = noteRuns("（人材育成・体制強化(1)①の再掲）", theme, 9);
    expect(joined(long)).toBe("（人材育成・体制強化(1)①の再掲）");
    expect(long.length).toBeGreaterThan(1);
    expect(long.every((r) => typeof r !== "string" && r.color === "#555555" && r.fontSize === 8)).toBe(true);
  });
});

describe("titleRuns", () => {
  it("keeps a bracketed aside that fits a line whole, so the title breaks before it", () => {
    const title = "○○市デジタル推進計画（第三次総合情報化基本計画）";
    const runs = titleRuns(title, 18);
    expect(joined(runs)).toBe(title);
    expect(kept(runs)).toContain("（第三次総合情報化基本計画）");
  });

  it("breaks an aside longer than the line between phrases, as phraseRuns does", () => {
    const title = "計画（デジタル技術を活用した市民サービスと行政運営の変革）";
    const runs = titleRuns(title, 10);
    expect(joined(runs)).toBe(title);
    expect(kept(runs).every((k) => k.length <= 10)).toBe(true);
    expect(kept(runs)).not.toContain("（デジタル技術を活用した市民サービスと行政運営の変革）");
  });
});

describe("departmentRuns", () => {
  it("keeps each name whole when the cell holds it, breaking only after a 、", () => {
    const runs = departmentRuns(["子ども子育て支援課", "情報政策課", "各課"], 13);
    expect(kept(runs)).toEqual(["子ども子育て支援課、", "情報政策課、", "各課"]);
  });

  it("breaks a name longer than the cell between its phrases, its later lines indented", () => {
    const runs = departmentRuns(["子ども子育て支援課"], 5);
    expect(joined(runs)).toBe("子ども\n　子育て\n　支援課");
    expect(kept(runs)).toEqual(["子ども", "　子育て", "　支援課"]);
    // (pdfmake drops a line's leading white space unless told)
    expect(runs.filter((r) => typeof r !== "string" && r.text.startsWith("　")).every((r) => typeof r !== "string" && r.preserveLeadingSpaces)).toBe(true);
  });

  it("breaks a name longer than the cell between its units first (部 | 課 | 担当), and then starts every name on a line of its own", () => {
    const runs = departmentRuns(["子ども家庭部子ども子育て支援課", "総合政策部秘書広報課広報担当", "部署調整課"], 10);
    // (units joined where the line holds them; one too long for a line, 子ども子育て支援課、 where the
    // indent leaves nine, on lines of its own, broken between its phrases)
    expect(joined(runs).split("\n")).toEqual(["子ども家庭部", "　子ども子育て", "　支援課、", "総合政策部秘書広報課", "　広報担当、", "部署調整課"]);
    // the names had run on: the next name on the last line of a long one
    const short = departmentRuns(["情報政策課", "市民課"], 10);
    expect(joined(short)).toBe("情報政策課、市民課");
  });

  it("also after 室, 係 or 担当 (not 室長, 担当課): 「…担当子／ども…」 had cut a word", () => {
    const runs = departmentRuns(["健康福祉部地域包括ケア推進室高齢者支援担当子ども家庭支援センター", "情報政策課"], 19);
    expect(joined(runs).split("\n")).toEqual(["健康福祉部地域包括ケア推進室", "　高齢者支援担当", "　子ども家庭支援センター、", "情報政策課"]);
    expect(joined(departmentRuns(["総務部企画調整室長付秘書担当"], 12)).split("\n")).toEqual(["総務部", "　企画調整室長付秘書担当"]);
  });

  it("also after an organisation's or a district's word (協議会, 委員会, センター, 地区), not inside まちづくり", () => {
    const runs = departmentRuns(["第2地区まちづくり推進協議会事務局連絡調整担当課"], 13);
    expect(joined(runs).split("\n")).toEqual(["第2地区", "　まちづくり推進協議会", "　事務局連絡調整担当課"]);
  });
});

describe("a paragraph's last line", () => {
  it("keeps the last phrase (at least three characters) together, so no line holds one character", () => {
    const text = "各課の業務において、モデル校での試行による。";
    const runs = keepRuns(text);
    expect(joined(runs)).toBe(text);
    const tail = kept(runs).at(-1)!;
    expect(text.endsWith(tail)).toBe(true);
    expect(tail.length).toBeGreaterThanOrEqual(3);
  });
});

describe("running text in a PDF", () => {
  let ordinals: string[];
  let endings: string[][];
  const ending = "庁内システムのクラウドリフト。";
  beforeAll(async () => {
    // each text at every place near a line's end (A4 portrait holds some 46 characters), so some
    // paragraph breaks inside the ordinal, and some before the ending's last characters
    const ordinal = Array.from({ length: 20 }, (_, k) => ({ type: "paragraph", text: `${"あ".repeat(28 + k)}第2期と第12回の会議を開き、計画を進めます。` }));
    const ends = Array.from({ length: 14 }, (_, k) => ({ type: "paragraph", text: `${"い".repeat(26 + k)}${ending}` }));
    const ctx = makeRenderContext();
    const nodes = DocNode.array().parse([...ordinal, { type: "pageBreak" }, ...ends]);
    const pdf = await readPdf(await createPdf({ kind: "booklet", content: drawDocument(nodes, { kind: "booklet" }, ctx), headerTitle: "試験" }, { title: "試験", author: "試験" }, ctx));
    // (the running head and the page number left out)
    const body = (lines: string[]) => lines.filter((l) => l !== "試験" && !/^\s*\d+\s*\/\s*\d+\s*$/u.test(l));
    ordinals = body(pdf.pages[0]!.lines);
    // each paragraph's lines: a paragraph starts with い
    endings = [];
    for (const l of body(pdf.pages[1]!.lines)) (l.startsWith("い") ? endings[endings.push([]) - 1]! : endings.at(-1)!).push(l);
  });

  it("keeps 第 with its number and counter (「第／2期」, 「第2／期」 had been broken)", () => {
    // some paragraphs wrap at all
    expect(ordinals.filter((l) => /^[^あ]/u.test(l) && /進めます。$/u.test(l)).length).toBeGreaterThan(5);
    for (const line of ordinals) {
      expect(line, line).not.toMatch(/第[0-9]*$/u);
      expect(line, line).not.toMatch(/^[0-9]*[期回]/u);
    }
  });

  it("ends a paragraph on a line of three characters or more, its last phrase longer than a kept tail too (「ト。」 had been a line of its own)", () => {
    expect(endings).toHaveLength(14);
    expect(endings.filter((p) => p.length > 1).length).toBeGreaterThan(5);
    for (const p of endings) {
      expect(p.join("")).toMatch(new RegExp(`${ending}$`, "u"));
      if (p.length > 1) expect(p.at(-1)!.length, p.join("／")).toBeGreaterThanOrEqual(3);
    }
  });
});
