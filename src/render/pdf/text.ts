// Line breaking help shared by every PDF. pdfmake 0.3 already breaks by UAX #14 (禁則 included);
// what it allows and a reader dislikes is a break inside `令和8年度`, `3万人` or `JIS X 8341-3`.
// Those runs become `noWrap` inline runs here. Never insert U+2060/U+200B/U+2011: BIZ UDPGothic
// has no glyph for them.
import type { Content } from "pdfmake/interfaces.js";

/** An inline run of text (pdfmake's `text` array element). */
export type Run = string | { text: string; noWrap?: boolean; bold?: boolean; color?: string; fontSize?: number; linkToDestination?: string; decoration?: "underline"; background?: string };

// Longer runs could not fit a narrow table cell and would overflow it: let those break.
export const MAX_KEEP = 16;
const UNIT = "(?:年度|年|か月|ヶ月|カ月|月|日|時間|万人|千人|人|万件|件|万円|億円|千円|円|%|％|回|校|館|課|箇所|か所|台|者|倍|割|GB|TB)";
const KEEP = new RegExp(
  [
    `(?:令和|平成|R)[0-9０-９元]{1,2}${UNIT}?`, // 令和8年度, R8
    `No\\.\\s?[0-9]+`, // No.12
    `[0-9０-９][0-9０-９,.，．]*${UNIT}`, // 3万人, 2026年度, 50%
    `[A-Za-z][A-Za-z0-9]*(?:(?: |-|/|・)[A-Za-z0-9][A-Za-z0-9.]*)+`, // JIS X 8341-3, eL-QR, AI-OCR, UI/UX
  ].join("|"),
  "g",
);

/** Text as inline runs in which numbers with their unit and short Latin names stay whole. */
export function keepRuns(text: string): Run[] {
  const out: Run[] = [];
  let last = 0;
  for (const m of text.matchAll(KEEP)) {
    const start = m.index;
    const word = m[0];
    if (word.length > MAX_KEEP) continue;
    if (start > last) out.push(text.slice(last, start));
    out.push({ text: word, noWrap: true });
    last = start + word.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A paragraph (or table cell) of running text with keepRuns applied. */
export function richText(text: string, style: Record<string, unknown> = {}): Content {
  return { text: keepRuns(text), ...style } as Content;
}

/**
 * Bullet items with a hanging indent: the `・` is the item's marker in its own column, so wrapped
 * lines align under the text (a leading `・` typed in the data is taken as the marker, not text).
 */
export function bulletList(items: readonly string[], opts: { fontSize: number; marker?: string; gap?: number }): Content {
  const marker = opts.marker ?? "・";
  return {
    stack: items.map((item) => ({
      columns: [
        { text: marker, width: opts.fontSize, fontSize: opts.fontSize },
        { text: keepRuns(item.replace(/^[・･•]\s*/, "")), width: "*", fontSize: opts.fontSize },
      ],
      columnGap: 1,
      margin: [0, 0, 0, opts.gap ?? 1],
    })),
  } as Content;
}
