// pdf-lib-speed.test.ts's fresh process: pdf-lib as no patch has touched it yet (the test files of
// a vitest worker share their modules, and rendering department files installs the patch).
// Prints what the test checks as JSON.
import { PDFDocument, PDFNumber, PDFStream, StandardFonts } from "pdf-lib";
import { installPdfLibPatch } from "../../../src/render/pdf/pdf-lib-speed.js";

async function sample(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 3; i++) doc.addPage([200, 200]).drawText(`page ${i} ${"x".repeat(i * 50)}`, { x: 10, y: 100, size: 8, font });
  return doc.save({ useObjectStreams: false });
}

/** Pages of a saved sample copied into a new document (numbers and raw streams cloned), saved. */
async function copied(from: Uint8Array): Promise<Uint8Array> {
  const source = await PDFDocument.load(from, { updateMetadata: false });
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const page of await doc.copyPages(source, [0, 1, 2])) doc.addPage(page);
  return doc.save({ useObjectStreams: false });
}

const original = PDFStream.prototype.copyBytesInto;
const otherVersion = installPdfLibPatch("1.18.0");
const untouched = PDFStream.prototype.copyBytesInto === original;
const unpatched = await sample();
const unpatchedCopy = await copied(unpatched);
// the version installed here (package.json pins 1.17.1, the one the patch was written for)
const pinnedVersion = installPdfLibPatch();
const replaced = PDFStream.prototype.copyBytesInto !== original;
const patched = await sample();
const patchedCopy = await copied(unpatched);
const number = PDFNumber.of(841.89);
process.stdout.write(JSON.stringify({ otherVersion, untouched, pinnedVersion, replaced, lengths: [unpatched.length, patched.length], same: Buffer.from(patched).equals(Buffer.from(unpatched)),
  copies: { same: Buffer.from(patchedCopy).equals(Buffer.from(unpatchedCopy)), length: patchedCopy.length, sharedNumber: number.clone() === number } }));
