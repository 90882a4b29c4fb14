// The accessibility checks (scripts/a11y/) must be able to fail: small tagged PDFs made with pdfkit,
// each with one deliberate fault, are reported with that fault and nothing else; the same PDF
// without faults passes. The table arithmetic (ColSpan, RowSpan) is checked on a tree built by hand.
import PDFDocument from "pdfkit";
import { PDFDocument as PdfLib, PDFName } from "pdf-lib";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { checkPdf, checkTaggedPdf, type Finding } from "../../scripts/a11y/checks.js";
import { allElements, isElement, textsOf, type StructElement, type TaggedPdf } from "../../scripts/a11y/read.js";

type Fault =
  | "no-lang" | "untagged" | "not-marked" | "no-display-title" | "no-pdfua"
  | "skip-heading" | "start-h2" | "short-row" | "th-no-scope" | "page-number-in-tree" | "running-head-in-tree"
  | "unreached-mcid" | "figure-no-alt" | "link-untagged" | "repeated-header";

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc["struct"]>;

/** A three-page tagged PDF: running head and page number as artifacts, headings, a list, a table, a figure, a link; `faults` break it. */
function sample(faults: Fault[] = []): Promise<Uint8Array> {
  const has = (f: Fault) => faults.includes(f);
  const doc = new PDFDocument({
    autoFirstPage: false,
    tagged: !has("not-marked"),
    displayTitle: !has("no-display-title"),
    pdfVersion: "1.7",
    info: { Title: "Sample plan", CreationDate: new Date(Date.UTC(2026, 3, 1)) },
    ...(has("no-lang") ? {} : { lang: "ja-JP" }),
    ...(has("no-pdfua") ? {} : { subset: "PDF/UA" as const }),
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks)))));

  const root = doc.struct("Document");
  doc.addStructure(root);
  const at = (x: number, y: number, text: string) => () => doc.text(text, x, y, { lineBreak: false });
  const el = (parent: Struct, role: string, draw: () => void, options: Record<string, unknown> = {}) => {
    const child = doc.struct(role, options, draw);
    parent.add(child);
    return child;
  };
  const artifact = (text: string, x: number, y: number) => {
    doc.markContent("Artifact", { type: "Pagination" });
    doc.text(text, x, y, { lineBreak: false });
    doc.endMarkedContent();
  };
  const furniture = (page: number) => {
    if (has("running-head-in-tree")) el(root, "P", at(50, 30, "Sample plan"));
    else artifact("Sample plan", 50, 30);
    if (has("page-number-in-tree") && page === 2) el(root, "P", at(280, 800, `- ${page} -`));
    else artifact(`- ${page} -`, 280, 800);
  };

  doc.addPage({ size: "A4", margin: 20 });
  furniture(1);
  el(root, has("start-h2") ? "H2" : "H1", at(50, 80, "Chapter one"));
  el(root, "P", at(50, 110, "A paragraph about the chapter."));
  el(root, has("skip-heading") ? "H3" : "H2", at(50, 140, "Project A"));
  const list = doc.struct("L");
  root.add(list);
  const item = doc.struct("LI");
  list.add(item);
  el(item, "Lbl", at(50, 170, "-"));
  el(item, "LBody", at(60, 170, "First description item"));
  item.end();
  list.end();
  if (has("untagged")) doc.text("Stray text", 50, 200, { lineBreak: false });
  if (has("unreached-mcid")) {
    doc.markStructureContent("P");
    doc.text("Marked but in no element", 50, 215, { lineBreak: false });
    doc.endMarkedContent();
  }

  doc.addPage({ size: "A4", margin: 20 });
  furniture(2);
  const table = doc.struct("Table");
  root.add(table);
  const rows = [["Year", "Phase", "Department"], ["R8", "Study", "IT"], has("short-row") ? ["R9", "Pilot"] : ["R9", "Pilot", "IT"]];
  const addRow = (cells: string[], r: number) => {
    const row = doc.struct("TR");
    table.add(row);
    cells.forEach((text, c) => el(row, r === 0 ? "TH" : "TD", at(50 + c * 120, 80 + r * 20, text), r === 0 && !has("th-no-scope") ? { scope: "Column" } : {}));
    row.end();
  };
  rows.forEach(addRow);
  el(root, "Figure", () => doc.rect(50, 200, 100, 60).fill("#888"), has("figure-no-alt") ? {} : { alt: "A grey box: 60 percent done" });
  doc.fillColor("black");

  doc.addPage({ size: "A4", margin: 20 });
  furniture(3);
  if (has("repeated-header")) addRow(rows[0]!, 0); // the table goes on, its header drawn again and tagged again
  table.end();
  const link = doc.struct("Link");
  root.add(link);
  link.add(doc.markStructureContent("Link"));
  doc.text("The city's website", 50, 160, { lineBreak: false });
  doc.endMarkedContent();
  doc.link(50, 160, 120, 14, "https://www.city.musashino.lg.jp/", has("link-untagged") ? {} : { structParent: link });
  link.end();
  root.end();
  doc.end();
  return done;
}

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
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise<Uint8Array>((resolve) => doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks)))));
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
