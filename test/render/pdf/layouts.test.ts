// A document laid out in parts (layouts.ts: the department files, one department at a time) is
// the same PDF, byte for byte, as its parts laid out as one content, each from a new page: fonts,
// subsets, running headers and the structure tree are the document's, whatever was laid out and
// not drawn on the way (a check's extra layouts). Page numbers count within a part (none here).
import type { Content } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import { chapterMark, createPdf } from "../../../src/render/pdf/document.js";
import { role } from "../../../src/render/pdf/tags.js";
import { makeRenderContext } from "../../helpers/context.js";
import { readPdf } from "../../helpers/pdf.js";

/** A part: a heading (its chapter for the running header) and enough lines for a few pages. */
const part = (title: string, lines: number, newPage: boolean): Content => ({
  ...(chapterMark(title, [
    role({ text: title, fontSize: 16, bold: true }, "H1"),
    ...Array.from({ length: lines }, (_, i) => ({ text: `${title}の ${i + 1} 行目：全庁共通（各課）の事業を進めます。` })),
  ]) as object),
  ...(newPage ? { pageBreak: "before" } : {}),
}) as Content;

const PARTS = [["情報政策課", 70], ["市民課", 25], ["財政課", 110]] as const;

async function both(tagged: boolean): Promise<{ whole: Uint8Array; parts: Uint8Array; laidOut: number[] }> {
  const ctx = makeRenderContext();
  ctx.config.document.tagged = tagged;
  const doc = { kind: "department", headerTitle: "武蔵野市DX推進計画", pageNumbers: "none" as const };
  const meta = { title: "parts", author: "planpress" };
  const whole = await createPdf({ ...doc, content: PARTS.map(([t, n], i) => part(t, n, i > 0)) }, meta, ctx);
  const laidOut: number[] = [];
  const parts = await createPdf({
    ...doc,
    content: (l) => {
      for (const [t, n] of PARTS) {
        l.layout([part(t, n + 40, false)]); // a layout never drawn leaves nothing behind
        laidOut.push(l.layout([part(t, n, false)]));
        l.draw();
      }
    },
  }, meta, ctx);
  return { whole, parts, laidOut };
}

describe("a document laid out in parts", () => {
  it.each([true, false])("is the same bytes as its parts laid out as one content (tagged: %s)", async (tagged) => {
    const { whole, parts, laidOut } = await both(tagged);
    expect(laidOut.every((n) => n >= 1)).toBe(true);
    expect(Buffer.from(parts).equals(Buffer.from(whole))).toBe(true);
    const pdf = await readPdf(parts);
    expect(pdf.pages).toHaveLength(laidOut.reduce((a, b) => a + b, 0));
    // the running header names the part a page belongs to
    let page = 0;
    PARTS.forEach(([title], i) => {
      for (let k = 0; k < laidOut[i]!; k++, page++) expect(pdf.pages[page]!.lines[0], `page ${page + 1}`).toMatch(new RegExp(`${title}$`));
    });
  }, 60_000);
});

describe("a layout ending on a page with nothing on it", () => {
  it("ends before that page (it was printed blank but for its running head and number)", async () => {
    const ctx = makeRenderContext();
    const doc = { kind: "department", headerTitle: "武蔵野市DX推進計画", pageNumbers: "theme" as const };
    const counts: number[] = [];
    const pdf = await createPdf({
      ...doc,
      content: (l) => {
        // a part whose last block asks for a page after it (as a table filling its page to the foot does)
        counts.push(l.layout([chapterMark("指導課", [{ text: "指導課の事業" }, { text: "最後の行", pageBreak: "after" }]) as Content]));
        l.draw();
      },
    }, { title: "blank", author: "planpress" }, ctx);
    expect(counts).toEqual([1]);
    const read = await readPdf(pdf);
    expect(read.pages).toHaveLength(1);
    expect(read.pages[0]!.lines.join("")).toContain("最後の行");
  });
});
