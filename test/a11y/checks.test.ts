// The accessibility checks (scripts/a11y/) must be able to fail: small tagged PDFs made with pdfkit,
// each with one deliberate fault, are reported with that fault and nothing else; the same PDF
// without faults passes. The table arithmetic (ColSpan, RowSpan) is checked on a tree built by hand.
import PDFDocument from "pdfkit";
import { PDFDocument as PdfLib, PDFName } from "pdf-lib";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { checkPdf, checkTaggedPdf, type Finding } from "../../scripts/a11y/checks.js";
import { allElements, isElement, textsOf, type StructElement, type TaggedPdf } from "../../scripts/a11y/read.js";
import { bytesOf, sample, type Fault } from "../helpers/tagged-sample.js";

const codes = (findings: Finding[]) => findings.map((f) => f.code);

describe("a11y checks on small tagged PDFs", () => {
  it("pass a PDF without faults, and read its structure in reading order", async () => {
    const { pdf, findings } = await checkPdf(await sample());
    expect(findings).toEqual([]);
    expect(textsOf(pdf, "H1", "H2")).toEqual(["Chapter one", "Project A"]);
    expect(textsOf(pdf, "LBody")).toEqual(["First description item"]);
    expect(textsOf(pdf, "TH")).toEqual(["Year", "Phase", "Department"]);
    expect(textsOf(pdf, "Link")).toEqual(["The city's website"]);
    expect(pdf.lang).toBe("ja-JP");
  });

  it("read the same tree as pdfjs-dist's per-page getStructTree (an independent reader): each MCID under the same role", async () => {
    const data = await sample();
    const { pdf } = await checkPdf(data);
    const ours = pdf.pages.map((_, page) => allElements(pdf).flatMap((el) => el.kids.flatMap((k) => (!isElement(k) && "mcid" in k && k.page === page ? [`${el.role} ${k.mcid}`] : []))).sort());
    type Node = { role?: string; type?: string; id?: string; children?: Node[] };
    const leaves = (node: Node, role = ""): string[] => node.type === "content" ? [`${role} ${/_mc(\d+)$/.exec(node.id ?? "")?.[1]}`] : (node.children ?? []).flatMap((c) => leaves(c, node.role ?? role));
    const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
    const theirs: string[][] = [];
    for (let i = 1; i <= doc.numPages; i++) theirs.push(leaves((await (await doc.getPage(i)).getStructTree()) as Node).sort());
    await doc.destroy();
    expect(ours.flat().length).toBeGreaterThan(10);
    expect(ours).toEqual(theirs);
  });

  const cases: [Fault, string, number | undefined][] = [
    ["no-lang", "lang", undefined],
    ["not-marked", "not-marked", undefined],
    ["no-display-title", "display-title", undefined],
    ["no-pdfua", "pdfua-id", undefined],
    ["skip-heading", "heading-skip", 1],
    ["start-h2", "heading-start", 1],
    ["short-row", "table-row-cells", 2],
    ["th-no-scope", "th-scope", 2],
    ["untagged", "untagged-text", 1],
    ["untagged-rule", "untagged-drawing", 1],
    ["unreached-mcid", "untagged-text", 1],
    ["page-number-in-tree", "page-number-in-tree", 2],
    ["running-head-in-tree", "running-head-in-tree", 1],
    ["figure-no-alt", "figure-alt", 2],
    ["link-untagged", "link-untagged", 3],
    ["repeated-header", "repeated-header", 3],
  ];
  it.each(cases)("find the fault %s (%s, on page %s) and nothing else", async (fault, code, page) => {
    const { findings } = await checkPdf(await sample([fault]));
    expect(codes(findings)).toEqual([code]);
    expect(findings[0]!.page).toBe(page);
    expect(findings[0]!.ja).toMatch(/[ぁ-んァ-ン一-龠]/);
  });

  it("name the row, its cell count and the header's", async () => {
    const [finding] = (await checkPdf(await sample(["short-row"]))).findings;
    expect(finding).toMatchObject({ element: expect.stringContaining("Table 1 行 3"), ja: "行のセルが 2 個、見出し行は 3 個" });
  });

  it("find a parent tree that no longer leads from a page's content to its elements", async () => {
    const lib = await PdfLib.load(await sample());
    lib.getPages()[1]!.node.delete(PDFName.of("StructParents"));
    const { findings } = await checkPdf(await lib.save());
    expect(codes(findings)).toEqual(["parent-tree"]);
    expect(findings[0]!.page).toBe(2);
  });

  it("find a PDF without a structure tree", async () => {
    const doc = new PDFDocument({ pdfVersion: "1.7", lang: "ja-JP" });
    const done = bytesOf(doc);
    doc.text("Untagged");
    doc.end();
    expect(codes((await checkPdf(await done)).findings)).toEqual(expect.arrayContaining(["not-marked", "no-tree"]));
  });
});

describe("table rows against the header row", () => {
  const cell = (role: string, attributes: StructElement["attributes"] = {}): StructElement => ({ role, tag: role, attributes, kids: [], text: role, pages: [0] });
  const row = (...cells: StructElement[]): StructElement => ({ ...cell("TR"), kids: cells });
  const tableOf = (...rows: StructElement[]): TaggedPdf => ({
    pages: [], marked: true, lang: "ja", displayDocTitle: true, links: [], parentTreeFaults: [],
    xmp: '<pdfuaid:part>1</pdfuaid:part><dc:title><rdf:Alt><rdf:li xml:lang="x-default">t</rdf:li></rdf:Alt></dc:title>',
    tree: [{ ...cell("Table"), kids: [{ ...cell("THead"), kids: [rows[0]!] }, { ...cell("TBody"), kids: rows.slice(1) }] }],
  });
  const th = (attributes: StructElement["attributes"] = {}) => cell("TH", { Scope: "Column", ...attributes });

  it("count ColSpan and carry RowSpan into the rows below", () => {
    // No | 令和8年度 (2 columns) over 上期 下期, with No spanning both header rows.
    const good = tableOf(row(th({ RowSpan: 2 }), th({ ColSpan: 2 })), row(th(), th()), row(cell("TD"), cell("TD"), cell("TD")));
    expect(checkTaggedPdf(good)).toEqual([]);
  });

  it("find a row one cell short once the spans are counted", () => {
    const bad = tableOf(row(th({ RowSpan: 2 }), th({ ColSpan: 2 })), row(th(), th()), row(cell("TD", { ColSpan: 2 })));
    expect(checkTaggedPdf(bad).map((f) => [f.code, f.ja])).toEqual([["table-row-cells", "行のセルが 2 個、見出し行は 3 個"]]);
  });
});
