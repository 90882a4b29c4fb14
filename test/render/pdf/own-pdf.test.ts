// The reader of pdfkit's own output (own-pdf.ts) must build what pdf-lib's parser builds, object
// for object, so the department files cut from it keep their bytes; and anything outside the shape
// it takes must go to pdf-lib's parser, never be read wrong.
import { PDFDocument, ParseSpeeds, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { type LaidFiles, renderDepartmentFiles, cutDepartmentFiles } from "../../../src/render/departments.js";
import { loadOwnPdf, readOwnPdf } from "../../../src/render/pdf/own-pdf.js";
import { makeRenderContext, seedPlan } from "../../helpers/context.js";
import { seedDocuments } from "../../helpers/seed-documents.js";

/** Everything a reader put into the document: header, trailer, every object with its class, in order. */
function contents(doc: PDFDocument): string[] {
  const { context } = doc;
  const trailer = Object.entries(context.trailerInfo).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`);
  return [context.header.toString(), trailer.join(" "), String(context.largestObjectNumber),
    ...context.enumerateIndirectObjects().map(([ref, o]) => `${ref.toString()} ${o.constructor.name} ${o.toString()}`)];
}

const byPdfLib = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, "latin1"));

/** A small PDF as pdfkit writes one (numbered objects, direct stream lengths, xref table, trailer), with `objects` as the bodies of objects 3…. */
function handWritten(objects: string[], opts: { between?: string; streamEol?: string } = {}): Uint8Array {
  const bodies = ["<<\n/Type /Catalog\n/Pages 2 0 R\n>>", "<<\n/Type /Pages\n/Kids []\n/Count 0\n>>", ...objects];
  let text = "%PDF-1.7\n%\xff\xff\xff\xff\n";
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body.replace("stream\n", `stream${opts.streamEol ?? "\n"}`)}\nendobj\n${opts.between ?? ""}`;
  });
  const xref = text.length;
  text += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  text += `trailer\n<<\n/Size ${bodies.length + 1}\n/Root 1 0 R\n/ID [<0a1b> <0A1B>]\n>>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(text);
}

const stream = (data: string, length = data.length) => `<<\n/Length ${length}\n>>\nstream\n${data}\nendstream`;

describe("reading pdfkit's own PDFs", () => {
  it("builds the objects pdf-lib's parser builds, for the seed's booklet, gantt and department schedules", async () => {
    const files = [...await seedDocuments("booklet"), ...await seedDocuments("gantt"), ...(await seedDocuments("departments")).slice(0, 3)];
    for (const file of files) {
      const read = readOwnPdf(file.data);
      expect(read, `${file.path} read by pdf-lib's parser instead`).not.toBeNull();
      const mine = contents(read!);
      expect(mine.length, file.path).toBeGreaterThan(100);
      expect(mine, file.path).toEqual(contents(await byPdfLib(file.data)));
    }
  });

  it("reads strings, names, numbers and streams as pdf-lib does", async () => {
    const bytes = handWritten([
      "(plain) ", // a bare string object
      "<<\n/S (a\\(b\\)c\\\\) /N (x(y)z) /E (\\) \xfe\xff\x30\xad)\n/H <30 AD\nff> /Sp /A#20B /Neg -.5 /Pos +3 /Dec 841.89 /Big 1234567\n/T true /F false /Z null /Arr [1 0 R 2 -3.25 [/X] << /In 4 >>]\n>>",
      stream("BT /F1 12 Tf (x) Tj ET"),
      "[1 2 R 3 4 5 0 R]", // "2 R" alone is not a reference: 1, 2 R?, …
    ]);
    const doc = readOwnPdf(bytes)!;
    expect(contents(doc)).toEqual(contents(await byPdfLib(bytes)));
    const s = doc.context.enumerateIndirectObjects().map(([, o]) => o).find((o) => o instanceof PDFRawStream)!;
    expect(Buffer.from(s.getContents()).toString("latin1")).toBe("BT /F1 12 Tf (x) Tj ET");
  });

  it("takes each end of line pdf-lib takes after \"stream\"", async () => {
    for (const eol of ["\n", "\r\n", " \r\n", "\r"]) {
      const bytes = handWritten([stream("q Q")], { streamEol: eol });
      const doc = readOwnPdf(bytes);
      expect(doc, JSON.stringify(eol)).not.toBeNull();
      expect(contents(doc!), JSON.stringify(eol)).toEqual(contents(await byPdfLib(bytes)));
    }
  });

  it("read lazily (the department files' layout, cut by two threads): the same objects, each parsed when first looked up", async () => {
    const plan = seedPlan();
    const ctx = makeRenderContext();
    let laid: LaidFiles | undefined;
    const files = await renderDepartmentFiles(plan, ctx, (l) => { laid = l; });
    const eager = contents(readOwnPdf(laid!.laid)!);
    expect(eager.length).toBeGreaterThan(5000);
    expect(contents(readOwnPdf(laid!.laid, { lazy: true })!)).toEqual(eager);
    // a thread cutting the second half of the files parses a part of the objects only
    const lazy = readOwnPdf(laid!.laid, { lazy: true })!;
    const parsed = () => (lazy.context as unknown as { indirectObjects: Map<unknown, unknown> }).indirectObjects.size;
    lazy.getPages();
    expect(parsed()).toBeLessThan(eager.length / 10);
    // a thread's cut from a layout read again (the first half claimed already) is the same files, byte for byte
    const half = Math.floor(laid!.parts.length / 2);
    const claimed = new SharedArrayBuffer(4);
    new Int32Array(claimed)[0] = half;
    const cut = await cutDepartmentFiles(plan, ctx, { ...laid!, claimed });
    expect(cut.map((f) => [f.path, Buffer.from(f.data).toString("base64")])).toEqual(files.slice(half).map((f) => [f.path, Buffer.from(f.data).toString("base64")]));
    // a file pdfkit would not write is not read lazily either
    expect(readOwnPdf(latin1(`${Buffer.from(handWritten(["<< /A 1 >>"])).toString("latin1")}3 0 obj\n<< /A 2 >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 4 /Root 1 0 R /Prev 9 >>\nstartxref\n9\n%%EOF\n`), { lazy: true })).toBeNull();
    const created = await PDFDocument.create({ updateMetadata: false });
    created.addPage([100, 100]);
    expect(readOwnPdf(await created.save({ useObjectStreams: true }), { lazy: true })).toBeNull();
  }, 60_000);

  it("leaves any other shape to pdf-lib's parser", async () => {
    const others: [string, Uint8Array][] = [
      ["a comment between objects", handWritten(["<< /A 1 >>"], { between: "% a note\n" })],
      ["a stream whose /Length does not end at endstream", handWritten([stream("q 1 0 0 1 0 0 cm Q", 5)])],
      ["an indirect /Length", handWritten(["<< /Length 4 0 R >>\nstream\nq Q\nendstream", "3"])],
      ["an incremental update", latin1(`${Buffer.from(handWritten(["<< /A 1 >>"])).toString("latin1")}3 0 obj\n<< /A 2 >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 4 /Root 1 0 R /Prev 9 >>\nstartxref\n9\n%%EOF\n`)],
    ];
    const created = await PDFDocument.create({ updateMetadata: false });
    created.addPage([100, 100]).drawText("planpress");
    others.push(["object streams (pdf-lib's own output)", await created.save({ useObjectStreams: true })]);
    for (const [what, bytes] of others) {
      expect(readOwnPdf(bytes), what).toBeNull();
      expect(contents(await loadOwnPdf(bytes)), what).toEqual(contents(await byPdfLib(bytes)));
    }
    // the wrong /Length is found by pdf-lib's search for "endstream", not taken as written
    const wrong = await loadOwnPdf(others[1]![1]);
    const s = wrong.context.enumerateIndirectObjects().map(([, o]) => o).find((o) => o instanceof PDFRawStream)!;
    expect(Buffer.from(s.getContents()).toString("latin1")).toBe("q 1 0 0 1 0 0 cm Q");
    expect(wrong.catalog.get(PDFName.of("Pages"))).toBeDefined();
  });
});
