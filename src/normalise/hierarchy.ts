// Numbers of measures `(1)…` and initiatives `①…` (and the other ways plans number them), parsed
// from the text and kept as written.
import { asciiDigits, kanjiNumber } from "../fiscal.js";

export interface NumberedText {
  number: number | null;
  title: string;
  mark: string;
  /** Numbers of the levels above written with this one: `1-2` → [1], `1-2-3` → [1, 2]. */
  parents: number[];
}

const CIRCLED: [number, number, number][] = [
  [0x2460, 0x2473, 1],  // ①–⑳
  [0x3251, 0x325f, 21], // ㉑–㉟
  [0x32b1, 0x32bf, 36], // ㊱–㊿
];

export function circledNumber(ch: string): number | null {
  const cp = ch.codePointAt(0) ?? 0;
  for (const [lo, hi, base] of CIRCLED) if (cp >= lo && cp <= hi) return base + cp - lo;
  return null;
}

export function circled(n: number): string {
  for (const [lo, hi, base] of CIRCLED) if (n >= base && n <= base + (hi - lo)) return String.fromCodePoint(lo + n - base);
  return `(${n})`;
}

const D = "[0-9０-９]+";
/** Numbers joined by a dash are short (`2026-2030年度…` is a span of years, not 2026-2030). */
const D3 = "[0-9０-９]{1,3}";
const DASH = "[-‐－−―ー]";
const KANA_ORDER = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
const num = (digits: string) => Number(asciiDigits(digits));
const kana = (ch: string) => KANA_ORDER.indexOf(ch) + 1;
const latin = (ch: string) => (asciiLetter(ch).toLowerCase().charCodeAt(0) - 96);
const asciiLetter = (ch: string) => ch.replace(/[Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ";
/** A part of a number joined with the numbers of the levels above: 1, (1), ①, or a parent's Ⅰ. */
const PART = `(?:${D3}|[（(]\\s*${D3}\\s*[)）]|[\u2460-\u2473]|[${ROMAN}])`;
const JOIN = `\\s*(?:[.．]|${DASH})\\s*`;
/**
 * Numbers joined by dots or dashes, the level's own last (`1.(2)`, `1.(1).②`, `2.1.3 窓口`,
 * `1-(1)-①`, `Ⅰ-1-(2)`): a bracket or a circled number ends the mark; a plain number must be
 * followed by a space or a mark's end, so `1.2つの窓口` stays `1.` and its title.
 */
const DOTTED = new RegExp(`^(${PART}(?:${JOIN}${PART})+)(?:(?<=[)）\u2460-\u2473])|[.．)）、]|[\\s\u3000]+|$)`, "u");
/** A part's number (partOf: `(2)` → 2, `②` → 2, `Ⅱ` → 2). */
export const partNumber = (p: string): number => circledNumber(p) ?? (ROMAN.includes(p) ? ROMAN.indexOf(p) + 1 : num(p.replace(/[（()）\s]/gu, "")));

/** A place in the plan as numbers joined, the top level first (`1-2-3`, `Ⅱ-(1)-②`, `1.(2).①`): two or three parts. */
export const PLACE = `${PART}(?:${JOIN}${PART}){1,2}`;

/** The numbers of a place written as PLACE is (`Ⅱ-(1)-②` → [2, 1, 2]), or null. */
export function placeNumbers(text: string): number[] | null {
  const t = text.trim();
  return new RegExp(`^${PLACE}$`, "u").test(t) ? t.split(new RegExp(JOIN, "u")).map(partNumber) : null;
}

/**
 * The ways plans number a level, each: pattern (anchored, with the separator after the mark) →
 * own number and the numbers of the levels above written with it (the `1-` of `1-2`).
 */
const FORMS: [RegExp, (m: RegExpExecArray) => { number: number; parents: number[] } | null][] = [
  // (1), （１）, 1-(1), 1-1-(2)
  [new RegExp(`^((?:${D}\\s*${DASH}\\s*)*)[（(]\\s*(${D})\\s*[)）]`), (m) => ({ number: num(m[2]!), parents: parentsOf(m[1]!) })],
  // 1-1, 1-2-3 (the last is the level's own number)
  [new RegExp(`^((?:${D3}\\s*${DASH}\\s*)+)(${D3})(?![0-9０-９])[.．)）、]?`), (m) => ({ number: num(m[2]!), parents: parentsOf(m[1]!) })],
  // 1. 1) 1、 1：
  [new RegExp(`^(${D})\\s*(?:[.．)）、]|[:：](?![0-9０-９]))`), (m) => ({ number: num(m[1]!), parents: [] })],
  // 1 窓口, １　窓口: a number and a space — not a count (`10 年後`, `3 か所`)
  [new RegExp(`^([0-9０-９]{1,2})[\\s\u3000]+(?![0-9０-９年月日時分件人回か箇ヵケ%％万億円])(?=\\S)`), (m) => ({ number: num(m[1]!), parents: [] })],
  // 第1章, 第2節, 第3, 第一章
  [new RegExp(`^第\\s*(${D}|[一二三四五六七八九十]+)\\s*[章節項款条部編]?[のー]?`), (m) => {
    const n = /[0-9０-９]/.test(m[1]!) ? num(m[1]!) : kanjiNumber(m[1]!);
    return n === null ? null : { number: n, parents: [] };
  }],
  // （一）, (十二): kanji numerals in brackets
  [/^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]/, (m) => { const n = kanjiNumber(m[1]!); return n === null ? null : { number: n, parents: [] }; }],
  // (ア), ア. ア　… (a katakana letter needs a bracket or a separator: アクセス is a word)
  [new RegExp(`^(?:[（(]\\s*([${KANA_ORDER}])\\s*[)）]|([${KANA_ORDER}])(?:[.．)）、]|[\\s\u3000]+))`), (m) => ({ number: kana((m[1] ?? m[2])!), parents: [] })],
  // a) (a) (A) ｂ） — not `A.` (`A.I.の活用` is a word)
  [/^(?:[（(]\s*([a-zA-Zａ-ｚＡ-Ｚ])\s*[)）]|([a-zａ-ｚ])[)）])/, (m) => ({ number: latin((m[1] ?? m[2])!), parents: [] })],
];

/** The title after a mark of `length`, without a colon written between them (`(1)：窓口`). */
const afterMark = (t: string, length: number): string => t.slice(length).replace(/^[\s\u3000]*[:：][\s\u3000]*/u, "").trim();

function parentsOf(prefix: string): number[] {
  return (prefix.match(/[0-9０-９]+/g) ?? []).map(num);
}

/**
 * `(1) D(デジタル)を…` → 1, `D(デジタル)を…`; `①いつでも…` → 1, `いつでも…`; also `（１）`, `1.`,
 * `1)`, `1 窓口`, `第1節`, `第一章`, `1-2` and `1-(2)` (2, with the parent's number 1 in `parents`), `ア`,
 * `(ア)`, `a)`, `㋐`. Text without a number keeps `number: null`.
 */
export function parseNumbered(text: string): NumberedText {
  const t = text.trim();
  const numbered = (s: string) => afterLevelWord(s) ?? parseBare(s);
  const found = numbered(t);
  const bullet = BULLET.exec(t);
  if (found.number !== null || !bullet || t.length === bullet[0].length) return found;
  // a bullet before the number (◆施策(1) 窓口, ■1 窓口) is part of the mark; without a number it
  // is no part of the title either
  const rest = numbered(t.slice(bullet[0].length));
  return rest.number !== null ? { ...rest, mark: `${bullet[0].trim()}${rest.mark}` } : { ...found, title: t.slice(bullet[0].length).trim() };
}

/** A heading's bullet mark (not ○ or 〇: ○○ stands for a name left out). */
const BULLET = /^[■□◆◇●◎▲△▼▽▶►▷◼◻◾◽・]\s*/u;

/**
 * The number after the level's own word, or inside brackets (施策1 窓口, 取組① 申請, 【施策1】窓口,
 * [1] 窓口): the word and the brackets are part of the mark, not of the title.
 */
function afterLevelWord(t: string): NumberedText | null {
  const word = LEVEL_WORD.exec(t);
  if (!word) return null;
  const rest = t.slice(word[0].length);
  // a form parseBare knows ((1), ①, 1-2, 1 窓口), else a plain number before a colon or the title
  let found = parseBare(rest);
  if (found.number === null) {
    const plain = PLAIN_NUMBER.exec(rest);
    if (!plain) return null;
    found = { number: num(plain[1]!), title: rest.slice(plain[0].length).trim(), mark: plain[0], parents: [] };
  }
  let { title, mark } = found;
  if (word[1]) {
    // an opening bracket needs its closing one
    const close = /^\s*[】］\]〕＞>〉》]\s*/.exec(title);
    if (!close) return null;
    title = title.slice(close[0].length).trim();
    mark += close[0];
  }
  return title ? { number: found.number, title, mark: `${word[0]}${mark}`.trim(), parents: found.parents } : null;
}

/** A number of one or two digits that is no count or year (`1：`, `1】`), after a level's word. */
const PLAIN_NUMBER = /^([0-9０-９]{1,2})(?![0-9０-９年月日])\s*(?:[:：]\s*)?(?=\S)/u;

/** A level's word before its number, or a bracket opening round the number (`【施策1】`, `[1]`). */
// (基本目標, 基本方針, 政策 … name the top level: 【基本目標１】安全・安心なまち had kept its mark in the name)
const LEVEL_WORDS = "施策の方向性?|施策の展開|基本施策|個別施策|重点施策|施策|具体的な取組み?|取組み?|取り組み|推進項目|基本目標|基本方針|政策目標|政策|重点目標|目標|分野";
const LEVEL_WORD = new RegExp(`^(?:([【［[〔＜<〈《])\\s*(?:${LEVEL_WORDS})?|(?:${LEVEL_WORDS}))\\s*(?=[0-9０-９(（①-⑳])`, "u");

function parseBare(text: string): NumberedText {
  const t = text.trim();
  const first = t.charAt(0);
  const c = circledNumber(first);
  if (c !== null) return { number: c, title: afterMark(t, 1), mark: first, parents: [] };
  const cp = first.codePointAt(0) ?? 0;
  if (cp >= 0x32d0 && cp <= 0x32fe) return { number: cp - 0x32d0 + 1, title: afterMark(t, 1), mark: first, parents: [] }; // ㋐…
  // ⑴…⒇ and ⒈…⒛: (1) and 1. as one character (what an IME offers for them)
  if (cp >= 0x2474 && cp <= 0x249b) return { number: (cp - 0x2474) % 20 + 1, title: afterMark(t, 1), mark: first, parents: [] };
  const dotted = DOTTED.exec(t);
  if (dotted) {
    const numbers = dotted[1]!.split(new RegExp(JOIN, "u")).map(partNumber);
    return { number: numbers.at(-1)!, title: afterMark(t, dotted[0].length), mark: dotted[0].trim(), parents: numbers.slice(0, -1) };
  }
  for (const [re, read] of FORMS) {
    const m = re.exec(t);
    const n = m ? read(m) : null;
    if (m && n) return { ...n, title: afterMark(t, m[0].length), mark: m[0].trim() };
  }
  return { number: null, title: t, mark: "", parents: [] };
}

/** 基本方針1 市民…, 目標２　…, Ⅱ 行政…: a number after a short word (not Latin: `Web3 活用`), then a space. */
const WORD_NUMBER = new RegExp(`^([^\\sA-Za-zＡ-Ｚａ-ｚ0-9０-９]{0,6}?)(${D}|[${ROMAN}])[\\s\u3000:：]+(\\S[\\s\\S]*)$`);

/**
 * A 基本方針 as written in its cell or heading: `基本方針1 市民サービス`, `1. 市民サービス`,
 * `第2章 行政運営`, `Ⅱ 行政運営` → its number and the title without it; the documents number the
 * policies themselves. Text without a number (or nothing after it) keeps `number: null`.
 */
export function parsePolicy(text: string): NumberedText {
  const t = text.trim();
  const numbered = parseNumbered(t);
  if (numbered.number !== null) return numbered.title ? numbered : { number: null, title: t, mark: "", parents: [] };
  const m = WORD_NUMBER.exec(t);
  if (!m) return romanPolicy(t) ?? numbered;
  const number = /[0-9０-９]/.test(m[2]!) ? num(m[2]!) : ROMAN.indexOf(m[2]!) + 1;
  return { number, title: m[3]!.trim(), mark: m[1]! + m[2]!, parents: [] };
}

/**
 * A 基本方針 numbered in Roman numerals as plans write them: `Ⅰ．市民…`, `Ⅰ、…`, `Ⅰ市民…`, `【Ⅰ】…`, and
 * in letters `I 市民…`, `II. …`, `Ｉ　…`, `基本目標I …` (a separator after the letters: `IT推進` is
 * no number). The numeral had stayed in the name, printed 「基本方針1 Ⅰ．市民…」.
 */
function romanPolicy(text: string): NumberedText | null {
  const glyph = ROMAN_GLYPH.exec(text.trim());
  const m = glyph ?? ROMAN_LETTERS.exec(text.normalize("NFKC").trim());
  if (!m) return null;
  const number = glyph ? ROMAN.indexOf(m[2]!) + 1 : romanValue(m[2]!);
  return { number, title: m[3]!.trim(), mark: (m[1]! + m[2]!).trim(), parents: [] };
}
const ROMAN_WORD = String.raw`^((?:基本(?:方針|目標)|目標|方針)?\s*[【［\[]?\s*)`;
const ROMAN_AFTER = String.raw`\s*[】］\]]?[\s\u3000．.、，,:：]*(\S[\s\S]*)$`;
/** Ⅰ (U+2160…) as written (NFKC would make it the letter I), no counter after it: Ⅲ期計画 is the third term's plan. */
const ROMAN_GLYPH = new RegExp(`${ROMAN_WORD}([${ROMAN}])(?![期型種類号次編部段])${ROMAN_AFTER}`, "u");
/** In letters (after NFKC), a separator after them. */
const ROMAN_LETTERS = new RegExp(`${ROMAN_WORD}(X?(?:IX|IV|V?I{1,3}|V))(?=[\\s.、,:】\\]])${ROMAN_AFTER}`, "u");

/**
 * A 施策 or 取組 numbered in Roman numerals: `Ⅰ 手続`, `Ⅱ．窓口`, `(ⅰ)申請`, `i) 申請`, `（II）窓口`,
 * `施策Ⅲ 窓口`. Read only where every cell of the level is so numbered (normalise's romanLevels):
 * `i)` alone is also the letter i, and a numeral needs a bracket or a separator after it unless
 * written as one glyph (`IT推進`, `VR体験` are words; `Ⅲ期` is a counter).
 */
export function parseRoman(text: string): NumberedText | null {
  const t = text.trim();
  // Ⅰ-1, Ⅱ.(2): the level's own number follows its parents' (parseNumbered)
  if (DOTTED.test(t)) return null;
  const m = ROMAN_MARK.exec(t);
  const numeral = m && (m[1] ?? m[2])!.normalize("NFKC").toUpperCase();
  if (!m || !numeral || !/^X{0,3}(?:IX|IV|V?I{0,3})$/.test(numeral)) return null;
  const title = t.slice(m[0].length).trim();
  return title ? { number: romanValue(numeral), title, mark: m[0].trim(), parents: [] } : null;
}
const ROMAN_NUMERAL = "[\u2160-\u216b]|[\u2170-\u217b]|[IVXＩＶＸ]+|[ivxｉｖｘ]+";
const ROMAN_MARK = new RegExp(`^(?:${LEVEL_WORDS})?\\s*(?:[【［\\[〔（(]\\s*(${ROMAN_NUMERAL})\\s*[】］\\]〕）)]|(${ROMAN_NUMERAL})(?:\\s*[.．、，,:：)）]|(?=[\\s\u3000])|(?<=[\u2160-\u217b])(?![期型種類号次編部段A-Za-zＡ-Ｚａ-ｚ])))[\\s\u3000:：]*`, "u");

/** `n` in Roman numerals written as `like` is: one glyph (Ⅻ, ⅻ) up to 12, else letters in its case. */
function romanLike(like: string, n: number): string {
  const lower = /[\u2170-\u217bivx]/u.test(like);
  if (/[\u2160-\u217b]/u.test(like) && n <= 12) return String.fromCodePoint((lower ? 0x2170 : 0x2160) + n - 1);
  const letters = "X".repeat(Math.floor(n / 10)) + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][n % 10]!;
  return lower ? letters.toLowerCase() : letters;
}

/** I, IV, XII as a number. */
function romanValue(letters: string): number {
  const value: Record<string, number> = { I: 1, V: 5, X: 10 };
  let n = 0;
  [...letters].forEach((c, i) => { const v = value[c]!; n += v < (value[letters[i + 1] ?? ""] ?? 0) ? -v : v; });
  return n;
}

/**
 * Number `n` written the way `mark` is (`ウ` for 3 after `ア`, `第3節` after `第1節`), for messages;
 * a parent's part (`1-` of `1-2`) is left out: it is checked on its own (PP415).
 */
export function numberedLike(written: string, n: number): string {
  const word = LEVEL_WORD.exec(written);
  if (word?.[0]) return word[0] + numberedLike(written.slice(word[0].length), n);
  const mark = written.replace(new RegExp(`^(?:${D3}\\s*${DASH}\\s*)+`), "");
  if (!mark || circledNumber(mark.charAt(0)) !== null) return circled(n);
  const cp = mark.codePointAt(0) ?? 0;
  if (cp >= 0x32d0 && cp <= 0x32fe) return n <= 47 ? String.fromCodePoint(0x32d0 + n - 1) : `(${n})`;
  if (cp >= 0x2474 && cp <= 0x249b) return n <= 20 ? String.fromCodePoint(cp - (cp - 0x2474) % 20 + n - 1) : `(${n})`;
  const kanaAt = mark.search(new RegExp(`[${KANA_ORDER}]`));
  if (kanaAt >= 0) return n <= KANA_ORDER.length ? mark.slice(0, kanaAt) + KANA_ORDER[n - 1] + mark.slice(kanaAt + 1) : `(${n})`;
  // Ⅱ, ⅱ, ii): Roman numerals (one letter, i), is the letter's place as much as a numeral's: a letter)
  const roman = /[\u2160-\u217b]|[IVX]{2,}|[ivx]{2,}/u.exec(mark);
  if (roman && n >= 1 && n <= 39) return mark.slice(0, roman.index) + romanLike(roman[0], n) + mark.slice(roman.index + roman[0].length);
  const latinAt = mark.search(/[a-zA-Zａ-ｚＡ-Ｚ]/);
  if (latinAt >= 0) {
    const upper = /[A-ZＡ-Ｚ]/.test(mark.charAt(latinAt));
    return n <= 26 ? mark.slice(0, latinAt) + String.fromCharCode((upper ? 64 : 96) + n) + mark.slice(latinAt + 1) : `(${n})`;
  }
  const digits = /[0-9０-９]+(?=[^0-9０-９]*$)/;
  return digits.test(mark) ? mark.replace(digits, String(n)) : `(${n})`;
}
