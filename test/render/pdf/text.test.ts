// keepRuns: numbers with their units, 令和 years and short Latin names become noWrap runs; the
// runs give back the text unchanged; nothing is inserted (BIZ UDPGothic lacks U+2060/U+200B).
import { describe, expect, it } from "vitest";
import { bulletList, keepRuns, type Run } from "../../../src/render/pdf/text.js";

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
