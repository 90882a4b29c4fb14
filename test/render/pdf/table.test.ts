// Tables drawn from a document description, read back with pdfjs: a row shorter than the header is
// a group row (written once, spanning the table), and a table continuing on the next page repeats
// its header there.
import { beforeAll, describe, expect, it } from "vitest";
import { createPdf } from "../../../src/render/pdf/document.js";
import { drawDocument } from "../../../src/render/pdf/draw.js";
import { DocNode } from "../../../src/templates/primitives.js";
import { makeRenderContext } from "../../helpers/context.js";
import { readPdf, type PdfReadBack } from "../../helpers/pdf.js";
import { pageDrawings } from "../../helpers/pdf-drawing.js";

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

describe("a row's cell of lines of its own (a project, a line per reporting department)", () => {
  /** The body rows of the first table drawDocument made of `node`. */
  const bodyRows = (node: unknown) => {
    const [drawn] = drawDocument([DocNode.parse(node)], { kind: "booklet" }, makeRenderContext());
    const find = (n: unknown): { table: { body: unknown[][] } } | undefined => {
      if (!n || typeof n !== "object") return undefined;
      if ("table" in n) return n as { table: { body: unknown[][] } };
      for (const v of Object.values(n)) { const t = Array.isArray(v) ? v.map(find).find(Boolean) : find(v); if (t) return t; }
      return undefined;
    };
    return find(drawn)!.table.body.slice(1);
  };
  const table = (lines: string[][]) => ({ type: "table", header: ["No", "事業名", "担当課", "実績"], widths: [22, 120, 90, "*"], rows: [["1", "名前", { rows: lines }]] });

  it("one line: its cells are the row's own, so the rule between them runs the row's height (it stopped short beside a taller name)", () => {
    const [row] = bodyRows(table([["情報政策課", "実施した。"]]));
    expect(row).toHaveLength(4);
    expect((row as object[]).some((c) => "table" in c)).toBe(false);
  });

  it("several lines: a cell of lines spanning the columns", () => {
    const [row] = bodyRows(table([["情報政策課", "実施した。"], ["財政課", "実施した。"]]));
    expect((row as { colSpan?: number }[])[2]).toMatchObject({ colSpan: 2 });
  });

  it("several lines beside a taller name: the rule between their columns runs to the row's foot (it stopped where the last line ended)", async () => {
    const name = "住民票の写し等の証明書のコンビニ交付と窓口の受付業務の見直しによる待ち時間の短縮と案内の充実";
    const node = { ...table([["情報政策課", "実施した。"], ["財政課", "実施した。"]]), rows: [["1", name, { rows: [["情報政策課", "実施した。"], ["財政課", "実施した。"]] }]] };
    const data = await createPdf({ kind: "booklet", content: drawDocument([DocNode.parse(node)], { kind: "booklet" }, ctx), headerTitle: "試験" }, { title: "試験", author: "試験" }, ctx);
    const [page] = await pageDrawings(data);
    const dept = page!.items.find((i) => i.str.includes("財政課"))!;
    const result = page!.items.filter((i) => i.str.includes("実施した")).at(-1)!;
    // the rules between the 担当課 and 実績 columns, and the table's foot (its lowest rule)
    const divider = page!.strokes.filter((s) => s.x0 === s.x1 && s.x0 > dept.x + dept.width && s.x0 < result.x);
    const foot = Math.min(...page!.strokes.filter((s) => s.y0 === s.y1).map((s) => s.y0));
    expect(divider.length).toBeGreaterThan(0);
    // (the name takes more lines than the two departments)
    expect(Math.min(...page!.items.filter((i) => i.str.trim().length > 3 && name.includes(i.str.trim())).map((i) => i.y))).toBeLessThan(dept.y - 10);
    expect(Math.min(...divider.map((s) => s.y0))).toBeCloseTo(foot, 0);
  });
});

describe("a template table's No column (align \"number\")", () => {
  it("widens to its longest No: four digits stay on one line (「1036」 had broken in two in the progress report's 22 pt column)", async () => {
    const nos = ["7", "465", "1036", "4888"];
    const node = { type: "table", header: ["No", "事業名"], widths: [22, "*"], align: ["number", "left"], rows: nos.map((no) => [no, "事業"]) };
    const data = await createPdf({ kind: "booklet", content: drawDocument([DocNode.parse(node)], { kind: "booklet" }, ctx), headerTitle: "試験" }, { title: "試験", author: "試験" }, ctx);
    const [page] = await pageDrawings(data);
    const texts = page!.items.map((i) => i.str.trim());
    for (const no of nos) expect(texts, no).toContain(no);
  });
});

describe("a paragraph with \"phrases\": true (a line of names and counts)", () => {
  it("breaks between phrases: 「（各課）」 never split at any line length", async () => {
    const text = (n: number) => `${"あ".repeat(n)}全庁共通（各課）7事業`;
    const nodes = DocNode.array().parse(Array.from({ length: 20 }, (_, i) => ({ type: "paragraph", phrases: true, text: text(30 + i) })));
    const read = await readPdf(await createPdf({ kind: "booklet", content: drawDocument(nodes, { kind: "booklet" }, ctx), headerTitle: "試験" }, { title: "試験", author: "試験" }, ctx));
    const lines = read.pages.flatMap((p) => p.lines).map((l) => l.replace(/\s+/g, ""));
    // (some paragraphs do wrap near the phrase)
    expect(lines.filter((l) => /^[^あ]/u.test(l) && l.includes("事業")).length).toBeGreaterThan(5);
    for (const [i, l] of lines.entries()) expect(l.endsWith("（各") || (l.endsWith("各") && lines[i + 1]?.startsWith("課")), l).toBe(false);
  });
});

describe("a URL in a narrow cell (no break opportunity in it: it breaks anywhere)", () => {
  it("never leaves its last letters alone on a line (「index.htm／l」 had ended one on the letter l)", async () => {
    // URLs one character apart: at some length each ends on a line of one letter
    const urls = Array.from({ length: 30 }, (_, i) => `https://www.city.example.lg.jp/${"k".repeat(20 + i)}/index.html`);
    const node = { type: "table", header: ["参照先"], widths: [150], rows: urls.map((u) => [u]) };
    const read = await readPdf(await createPdf({ kind: "booklet", content: drawDocument([DocNode.parse(node)], { kind: "booklet" }, ctx), headerTitle: "試験" }, { title: "試験", author: "試験" }, ctx));
    const lines = read.pages.flatMap((p) => p.lines).map((l) => l.replace(/\s+/g, "")).filter((l) => /^[\w./:-]+$/.test(l) && !/^\d+\/\d+$/.test(l));
    expect(lines.join("")).toBe(urls.join(""));
    expect(lines.length).toBeGreaterThan(2 * urls.length);
    expect(lines.filter((l) => l.length < 4)).toEqual([]);
  });
});
