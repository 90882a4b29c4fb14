// Tables drawn from a document description, read back with pdfjs: a row shorter than the header is
// a group row (written once, spanning the table), and a table continuing on the next page repeats
// its header there.
import { beforeAll, describe, expect, it } from "vitest";
import { createPdf } from "../../../src/render/pdf/document.js";
import { drawDocument } from "../../../src/render/pdf/draw.js";
import { DocNode } from "../../../src/templates/primitives.js";
import { makeRenderContext } from "../../helpers/context.js";
import { readPdf, type PdfReadBack } from "../../helpers/pdf.js";

const ctx = makeRenderContext();
const measures = [1, 2, 3, 4];
const rows = measures.flatMap((m) => [[`施策(${m}) 群見出し${m}`], ...Array.from({ length: 14 }, (_, i) => [`取組${i + 1} 施策${m}の取組${i + 1}`, String(i + 1)])]);

let pdf: PdfReadBack;
beforeAll(async () => {
  const nodes = DocNode.array().parse([{ type: "table", header: ["施策・取組", "事業数"], widths: ["*", 40], rows }]);
  pdf = await readPdf(await createPdf({ kind: "booklet", content: drawDocument(nodes, { kind: "booklet" }, ctx), headerTitle: "試験" }, { title: "試験", author: "試験" }, ctx));
});

describe("data table", () => {
  it("writes each group row once, on a line of its own, before its rows", () => {
    const lines = pdf.pages.flatMap((p) => p.lines).map((l) => l.replace(/\s+/g, ""));
    for (const m of measures) {
      const at = lines.flatMap((l, i) => (l.includes(`群見出し${m}`) ? [i] : []));
      expect(at).toHaveLength(1);
      expect(lines[at[0]!]).toBe(`施策(${m})群見出し${m}`);
      expect(lines[at[0]! + 1]).toBe(`取組1施策${m}の取組11`);
    }
  });

  it("repeats the header on every page it continues on", () => {
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const p of pdf.pages) expect(p.lines.some((l) => l.replace(/\s+/g, "") === "施策・取組事業数")).toBe(true);
  });
});
