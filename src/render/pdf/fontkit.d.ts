// fontkit (pdfkit's font engine) ships no types: the little planpress calls of it.
declare module "fontkit" {
  export interface Font {
    familyName?: string;
    postscriptName?: string;
    fullName?: string;
    /** A name record in a language (`ja`), else null. */
    getName(key: string, lang?: string): string | null;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): { glyphs: Glyph[] };
    createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
  }
  export interface Glyph { id: number; advanceWidth: number; path: unknown }
  /** A collection's (.ttc) faces. */
  export interface Collection { type: "TTC" | "DFont"; fonts: Font[] }
  export function create(data: Uint8Array, postscriptName?: string): Font | Collection;
}
