// A small tagged PDF made with pdfkit for the accessibility checks' tests (scripts/a11y/): three
// pages with a running head and page numbers as artifacts, headings, a list, a table, a figure and
// a link; each named fault breaks one thing a screen reader relies on.
import PDFDocument from "pdfkit";

export type Fault =
  | "no-lang" | "untagged" | "not-marked" | "no-display-title" | "no-pdfua"
  | "skip-heading" | "start-h2" | "short-row" | "th-no-scope" | "page-number-in-tree" | "running-head-in-tree"
  | "unreached-mcid" | "figure-no-alt" | "link-untagged" | "repeated-header" | "untagged-rule";

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc["struct"]>;

/** The bytes of a pdfkit document, once `doc.end()` is called. */
export function bytesOf(doc: Doc): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks)))));
}

/** A three-page tagged PDF: running head and page number as artifacts, headings, a list, a table, a figure, a link; `faults` break it. */
export function sample(faults: Fault[] = []): Promise<Uint8Array> {
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
  const done = bytesOf(doc);

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
  if (has("untagged-rule")) doc.moveTo(50, 230).lineTo(500, 230).stroke();
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

