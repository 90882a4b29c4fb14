// Which characters a font can print: the type the PDF renderer fills from the font's cmap
// (src/render/pdf/coverage.ts) and the plan check reads (src/validate/glyphs.ts).

export interface GlyphCoverage {
  /** The default face's name, for messages. */
  font: string;
  has(codePoint: number): boolean;
  /** The fallback face's name and cmap, when the theme names one that can be read. */
  fallback?: { font: string; has(codePoint: number): boolean };
}

/** Characters that need no glyph: white space and line breaks. */
export const BLANK = /\s/u;

/** The characters of `text` that `has` lacks, each once, in order. */
export function missingChars(text: string, has: (cp: number) => boolean): string[] {
  const out = new Set<string>();
  for (const ch of text) {
    if (BLANK.test(ch)) continue;
    if (!has(ch.codePointAt(0)!)) out.add(ch);
  }
  return [...out];
}

/** `U+D55C U+1F600`: the code points of characters, for messages. */
export const codePoints = (chars: readonly string[]): string =>
  chars.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`).join(" ");
