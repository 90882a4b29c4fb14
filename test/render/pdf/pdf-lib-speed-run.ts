// pdf-lib-speed.test.ts's fresh process: pdf-lib as no patch has touched it yet (the test files of
// a vitest worker share their modules, and rendering department files installs the patch).
// Prints what the test checks as JSON.
import { PDFDocument, PDFStream, StandardFonts } from "pdf-lib";
import { installPdfLibPatch } from "../../../src/render/pdf/pdf-lib-speed.js";

async function sample(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 3; i++) doc.addPage([200, 200]).drawText(`page ${i} ${"x".repeat(i * 50)}`, { x: 10, y: 100, size: 8, font });
  return doc.save({ useObjectStreams: false });
}

const original = PDFStream.prototype.copyBytesInto;
const otherVersion = installPdfLibPatch("1.18.0");
const untouched = PDFStream.prototype.copyBytesInto === original;
const unpatched = await sample();
// the version installed here (package.json pins 1.17.1, the one the patch was written for)
const pinnedVersion = installPdfLibPatch();
const replaced = PDFStream.prototype.copyBytesInto !== original;
const patched = await sample();
process.stdout.write(JSON.stringify({ otherVersion, untouched, pinnedVersion, replaced, lengths: [unpatched.length, patched.length], same: Buffer.from(patched).equals(Buffer.from(unpatched)) }));
