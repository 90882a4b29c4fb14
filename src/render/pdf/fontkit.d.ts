// fontkit (pdfkit's font engine) ships no types: the little planpress calls of it.
declare module "fontkit" {
  export interface Font {
    familyName?: string;
    postscriptName?: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(data: Uint8Array): Font;
}
