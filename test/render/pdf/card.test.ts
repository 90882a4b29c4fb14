// The over-long card: pdfmake silently drops an `unbreakable` block taller than a page, so a card
// longer than a page must be left to break and still print every word (read back with pdfjs).
import { beforeAll, describe, expect, it } from "vitest";
import { createPdf } from "../../../src/render/pdf/document.js";
import { drawDocument } from "../../../src/render/pdf/draw.js";
import { card, fitsPage } from "../../../src/render/pdf/card.js";
import { DocNode } from "../../../src/templates/primitives.js";
import { makeRenderContext } from "../../helpers/context.js";
import { readPdf, type PdfReadBack } from "../../helpers/pdf.js";

const ctx = makeRenderContext();
const item = (i: number) => `手続の電子化に関する検討項目その${i}について、関係課と協議しながら段階的に進める。`;
const bullets = ["冒頭語アルファ：" + item(0), ...Array.from({ length: 90 }, (_, i) => item(i + 1)), item(91) + "末尾語オメガ"];

let pdf: PdfReadBack;
beforeAll(async () => {
  const nodes = DocNode.array().parse([
    { type: "heading", level: 3, text: "取組① 長い事業" },
    { type: "card", title: "説明がページより長い事業", badge: "No.99", fields: [{ label: "担当課", value: "情報政策課" }], bulletsLabel: "事業内容", bullets },
    { type: "card", title: "短い事業", badge: "No.100", bullets: ["短い説明"] },
  ]);
  const content = drawDocument(nodes, { kind: "booklet" }, ctx);
  pdf = await readPdf(await createPdf({ kind: "booklet", content, headerTitle: "試験" }, { title: "試験", author: "試験" }, ctx));
});

describe("card", () => {
  it("prints a card longer than a page across pages, first and last words included", () => {
    const text = pdf.text.replace(/\s+/g, "");
    expect(pdf.pages.length).toBeGreaterThan(1);
    expect(text).toContain("冒頭語アルファ");
    expect(text).toContain("末尾語オメガ");
    expect(text).toContain("その45について");
    expect(text).toContain("短い事業");
  });

  it("prints a title taller than half a page in its card, once (a heading row pdfmake cannot set had been dropped: a card without its title)", async () => {
    const title = `冒頭の題${"長い事業名の一部".repeat(250)}末尾の題`;
    const nodes = DocNode.array().parse([{ type: "card", title, badge: "No.7", bullets: ["説明"] }]);
    const long = await readPdf(await createPdf({ kind: "booklet", content: drawDocument(nodes, { kind: "booklet" }, ctx), headerTitle: "試験" }, { title: "試験", author: "試験" }, ctx));
    const text = long.text.replace(/\s+/g, "");
    expect(text).toContain("No.7冒頭の題");
    expect(text).toContain("末尾の題");
    expect(text.split("冒頭の題").length - 1).toBe(1);
  });

  it("keeps a card together only when its estimate fits the page", () => {
    const short = card([{ text: "x" }], 200, "booklet", ctx) as { unbreakable?: boolean };
    const long = card([{ text: "x" }], 2000, "booklet", ctx) as { unbreakable?: boolean };
    expect(short.unbreakable).toBe(true);
    expect(long.unbreakable).toBe(false);
    expect(fitsPage(600, "booklet", ctx)).toBe(true);
    expect(fitsPage(723, "booklet", ctx)).toBe(false);
  });
});
