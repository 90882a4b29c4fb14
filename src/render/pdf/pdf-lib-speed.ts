// Patches to pdf-lib (1.17.1, pinned by package.json), each leaving the output byte-identical;
// with another pdf-lib version none is installed.
// - A stream's bytes are copied into the saved file one byte at a time (PDFStream.copyBytesInto),
//   which is most of saving the 34 department files (each carries a ~220 kB font subset) before
//   V8 has optimised that loop — and a short build never lets it: one TypedArray.set instead.
// - A dictionary is turned into a new array of its entries for each size, write and clone
//   (PDFDict.entries): ~8,500 objects a department-files cut, each asked twice on saving. Its map
//   is walked instead, in the same order.
// - Copying a page into a department file clones every number (each formatted again: the font
//   widths, thousands a file) and every raw stream's bytes (the font subset, a file each). Neither
//   is ever changed once made, so a copy shares them.
import { createRequire } from "node:module";
import { type PDFContext, PDFDict, type PDFName, PDFNumber, type PDFObject, PDFRawStream, PDFStream } from "pdf-lib";

const PATCHED_FOR = "1.17.1";
const STREAM = new TextEncoder().encode("\nstream\n");
const END_STREAM = new TextEncoder().encode("\nendstream");
const [LESS_THAN, GREATER_THAN, SPACE, NEWLINE] = [0x3c, 0x3e, 0x20, 0x0a];

type Patched = { __ppSpeed?: true; prototype: { copyBytesInto(buffer: Uint8Array, offset: number): number } };

function installedVersion(): string | null {
  try {
    return (createRequire(import.meta.url)("pdf-lib/package.json") as { version: string }).version;
  } catch {
    return null;
  }
}

/** Installs the patch once; false (and pdf-lib untouched) when the version is not the one it was written for. */
export function installPdfLibPatch(version = installedVersion()): boolean {
  const stream = PDFStream as unknown as Patched & { prototype: { updateDict(): void; dict: { copyBytesInto(b: Uint8Array, o: number): number }; getContents(): Uint8Array } };
  if (stream.__ppSpeed) return true;
  if (version !== PATCHED_FOR) return false;
  stream.prototype.copyBytesInto = function (this: typeof stream.prototype, buffer: Uint8Array, offset: number): number {
    this.updateDict();
    const start = offset;
    offset += this.dict.copyBytesInto(buffer, offset);
    buffer.set(STREAM, offset);
    offset += STREAM.length;
    const contents = this.getContents();
    buffer.set(contents, offset);
    offset += contents.length;
    buffer.set(END_STREAM, offset);
    return offset + END_STREAM.length - start;
  };
  type Dict = { dict: Map<PDFName, PDFObject>; context: PDFContext };
  const dict = PDFDict.prototype as unknown as Dict & {
    sizeInBytes(this: Dict): number; copyBytesInto(this: Dict, buffer: Uint8Array, offset: number): number;
  };
  dict.sizeInBytes = function () {
    let size = 5;
    for (const [key, value] of this.dict) size += key.sizeInBytes() + value.sizeInBytes() + 2;
    return size;
  };
  dict.copyBytesInto = function (buffer, offset) {
    const start = offset;
    buffer[offset++] = LESS_THAN;
    buffer[offset++] = LESS_THAN;
    buffer[offset++] = NEWLINE;
    for (const [key, value] of this.dict) {
      offset += key.copyBytesInto(buffer, offset);
      buffer[offset++] = SPACE;
      offset += value.copyBytesInto(buffer, offset);
      buffer[offset++] = NEWLINE;
    }
    buffer[offset++] = GREATER_THAN;
    buffer[offset++] = GREATER_THAN;
    return offset - start;
  };
  PDFNumber.prototype.clone = function (this: PDFNumber): PDFNumber {
    return this;
  };
  PDFRawStream.prototype.clone = function (this: PDFRawStream, context?: PDFContext): PDFRawStream {
    return PDFRawStream.of(this.dict.clone(context), this.contents);
  };
  stream.__ppSpeed = true;
  return true;
}
