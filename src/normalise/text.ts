// Cell text as the plan wrote it, minus export damage: HTML residue and runs of white space.

/**
 * Zero-width and bidirectional controls (ZWSP, ZWJ, LRM/RLM, embeddings, overrides, isolates,
 * word joiner, BOM): invisible in the plan, yet a PDF font has no glyph for them (boxes), and a
 * right-to-left override reorders what a reader sees. Removed with PP350.
 */
export const INVISIBLE_CHARS = "\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff";
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, "gu");

/** The text without invisible controls, and how many there were. */
export function removeInvisible(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(INVISIBLE, () => { count++; return ""; });
  return { text: out, count };
}

/**
 * Half a surrogate pair (half an emoji cut by a broken export, or written alone as `_xD83D_`):
 * no character, so no font, no UTF-8 file and no PDF text can hold it.
 */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Japanese script: kana, kanji, CJK punctuation and full-width forms (no word spaces between them). */
const JA = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\u30fb\\u30fc\\uff01-\\uff60";
/**
 * A line break written into a cell (Alt+Enter, or planpress's own workbook wrapping a name
 * between phrases) next to Japanese text: a wrap, not a word space (申請・届出・申込の⏎オンライン化).
 */
const JA_WRAP = new RegExp(`(?<=[${JA}])[ \\t\\u3000]*[\\r\\n][\\s\\u3000]*|[ \\t\\u3000]*[\\r\\n][\\s\\u3000]*(?=[${JA}])`, "gu");

/**
 * One glyph written as two characters by CP932 and by Unicode text (～ U+FF5E / 〜 U+301C, － U+FF0D
 * / − U+2212, ― U+2015 / — U+2014, ∥ / ‖), folded after NFKC so that texts typed on Windows and on a
 * Mac read alike (one 基本方針 had become two chapters, one department two files; in the 新旧対照表
 * an identical-looking 〜 had been underlined as a change). The other signs written between years
 * (∼ U+223C, a converter's ～; 〰 U+3030) fold with them: 「令和8年度∼令和10年度」 had been two
 * years, one a phase named 「∼」.
 */
const LOOKALIKES: Readonly<Record<string, string>> = { "〜": "~", "∼": "~", "〰": "~", "−": "-", "—": "―", "‖": "∥" };
export const foldLookalikes = (text: string): string => text.replace(/[〜∼〰−—‖]/gu, (c) => LOOKALIKES[c]!);

/** A cell saying "none" (a dash of any width, なし): a project with no 取組, no status. */
export const NOTHING = /^(?:[-‐‑‒–—―－ー─━]+|なし|該当なし|無し)$/u;

/** Collapse white space (including ideographic spaces inside a run) and trim; a line break next to Japanese text goes. */
export function cleanText(text: string): string {
  return text.replace(JA_WRAP, "").replace(/[\s\u3000]+/g, " ").trim();
}

/**
 * A project No as written: 12, "No.12", "No. 12", "１２" → 12. Anything else, or more than nine
 * digits (not a project number, and it would not survive as a JSON integer), is undefined.
 */
export function parseProjectNo(text: string): number | undefined {
  // `12.` as a list is numbered, `12.0` as a program writes a whole number: the same number
  const t = projectNoText(text).replace(/^(\d{1,9})\.0*$/, "$1");
  return /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

/** The No cell as parseProjectNo reads it (without its "No." prefix): what PP305 quotes. */
export function projectNoText(text: string): string {
  // (`事業1`, `事業No.1`, `取組 2`: the row's kind before its number, as some plans write the No)
  return cleanText(text.normalize("NFKC")).replace(/^(?:(?:事業|取組)\s*(?:no\.?|番号)?|no\.?)\s*/i, "");
}

const TAG = /<\/?[a-zA-Z][^<>]*>/g;
const INLINE_TAG = /<\/?(?:b|i|u|s|em|strong|span|font|a|sup|sub|small|big|mark|strike)\b[^<>]*>/gi;

/** The text without tags, entities decoded, and the distinct tags found (for PP304). */
export function stripHtml(text: string): { text: string; tags: string[] } {
  const tags = [...new Set((text.match(TAG) ?? []).map((t) => t.replace(/\s.*$/s, (m) => (m.endsWith(">") ? ">" : m)).slice(0, 40)))];
  const out = text
    // a line of its own: a list item, a line break, a paragraph ([^<>]: linear however many are left without their >)
    .replace(/<(?:li|br|p|div)\b[^<>]*>|<\/(?:p|div)\s*>/gi, "\n")
    // a tag inside a line (<b>, <span>, <font>) is no space: 「本人確認を マイナンバーカード で」 had been printed
    .replace(INLINE_TAG, "")
    .replace(TAG, " ")
    .replace(/&nbsp;/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    // numeric references (&#9312; ①, &#x2460;) as the characters they stand for
    .replace(/&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/gi, (ref, hex: string | undefined, dec: string | undefined) => {
      const cp = hex ? parseInt(hex, 16) : Number(dec);
      return cp > 0x1f && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : ref;
    })
    .replace(/&amp;/g, "&");
  return { text: out, tags };
}

const FOREIGN_SCRIPTS: [string, RegExp][] = [
  ["キリル文字", /\p{Script=Cyrillic}+/gu],
  ["ギリシャ文字", /\p{Script=Greek}+/gu],
  ["ハングル", /\p{Script=Hangul}+/gu],
  ["アラビア文字", /\p{Script=Arabic}+/gu],
  ["ヘブライ文字", /\p{Script=Hebrew}+/gu],
  ["タイ文字", /\p{Script=Thai}+/gu],
  ["デーヴァナーガリー", /\p{Script=Devanagari}+/gu],
];
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SCRIPT_EN: Record<string, string> = {
  キリル文字: "Cyrillic", ギリシャ文字: "Greek", ハングル: "Hangul", アラビア文字: "Arabic",
  ヘブライ文字: "Hebrew", タイ文字: "Thai", デーヴァナーガリー: "Devanagari",
};

/** Letters of a script that has no place in a Japanese plan, found inside Japanese text. */
export function foreignScript(text: string, lang: "ja" | "en"): { script: string; chars: string; context: string } | null {
  if (!JAPANESE.test(text)) return null;
  for (const [name, re] of FOREIGN_SCRIPTS) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m) {
      const at = m.index;
      const context = text.slice(Math.max(0, at - 8), at + m[0].length + 8);
      return { script: lang === "ja" ? name : (SCRIPT_EN[name] ?? name), chars: m[0], context };
    }
  }
  return null;
}

/** At most `max` characters of the user's text, for quoting it in a diagnostic. */
export function excerpt(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const longestFirstCache = new WeakMap<readonly string[], string[]>();

/** The config's words longest first (同上 before 上, （主管） before （主）), sorted once per list. */
export function longestFirst(words: readonly string[]): string[] {
  let sorted = longestFirstCache.get(words);
  if (!sorted) { sorted = [...words].sort((a, b) => b.length - a.length); longestFirstCache.set(words, sorted); }
  return sorted;
}
