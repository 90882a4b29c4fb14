// The pdf-lib stream-copy patch: installed only for the pdf-lib it was written for, and the saved
// bytes are the same with it as without it.
import { PDFDocument, PDFStream, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { installPdfLibPatch } from "../../../src/render/pdf/pdf-lib-speed.js";

async function sample(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 3; i++) doc.addPage([200, 200]).drawText(`page ${i} ${"x".repeat(i * 50)}`, { x: 10, y: 100, size: 8, font });
  return doc.save({ useObjectStreams: false });
}

describe("pdf-lib stream-copy patch", () => {
  it("is not installed for another pdf-lib version", () => {
    const before = PDFStream.prototype.copyBytesInto;
    expect(installPdfLibPatch("1.18.0")).toBe(false);
    expect(PDFStream.prototype.copyBytesInto).toBe(before);
  });

  it("is installed for 1.17.1 and writes the same bytes", async () => {
    const unpatched = await sample();
    const before = PDFStream.prototype.copyBytesInto;
    expect(installPdfLibPatch("1.17.1")).toBe(true);
    expect(PDFStream.prototype.copyBytesInto).not.toBe(before);
    const patched = await sample();
    expect(patched.length).toBe(unpatched.length);
    expect(Buffer.from(patched).equals(Buffer.from(unpatched))).toBe(true);
  });

  it("finds the installed pdf-lib to be the version it was written for", () => {
    // A lock refresh that brings another pdf-lib fails here, not silently at run time.
    expect(installPdfLibPatch()).toBe(true);
  });
});
