// fontkit (pdfkit's font engine) ships no types: the little planpress calls of it.
declare module "fontkit" {
  export interface Font {
    familyName?: string;
    postscriptName?: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): { glyphs: Glyph[] };
    createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
  }
  export interface Glyph { id: number; advanceWidth: number; path: unknown }
  export function create(data: Uint8Array): Font;
}
