// Fiscal years (年度) and the Japanese eras 令和 and 平成: 令和N年度 = fiscal year 2018 + N (2026 =
// 令和8年度), 平成N年度 = 1988 + N (2018 = 平成30年度). Fiscal 2019 began in 平成31 but is written
// 令和元年度 by convention; both read as 2019. Plans written before 2019 use 平成.
import { foldLookalikes } from "./normalise/text.js";
import type { Theme } from "./theme/schema.js";

const REIWA_OFFSET = 2018;
const HEISEI_OFFSET = 1988;

/** The era a fiscal year is written in, with its year number; null before 平成. */
function eraOf(year: number): { name: string; letter: string; n: number } | null {
  if (year > REIWA_OFFSET) return { name: "令和", letter: "R", n: year - REIWA_OFFSET };
  if (year > HEISEI_OFFSET) return { name: "平成", letter: "H", n: year - HEISEI_OFFSET };
  return null;
}

/** Full-width digits to ASCII, so `令和８年度` and `令和8年度` read alike. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

const KANJI_DIGITS = "〇一二三四五六七八九";

/** 一 → 1, 十二 → 12, 二十 → 20 (up to 九十九); null for anything else. */
export function kanjiNumber(text: string): number | null {
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!m || !text) return null;
  const tens = m[2] ? (m[1] ? KANJI_DIGITS.indexOf(m[1]) : 1) : 0;
  if (!m[2] && m[1] && m[3]) return null;
  return tens * 10 + (m[3] ? KANJI_DIGITS.indexOf(m[3]) : m[2] ? 0 : KANJI_DIGITS.indexOf(m[1] ?? ""));
}

/**
 * An era's year written in kanji numerals as digits: `令和八年度` → `令和8年度`, `平成三十一年` →
 * `平成31年` (formal documents write years so). Only right after 令和 or 平成 and before 年. An era
 * written by its first character is written whole (`令8年度` → `令和8年度`).
 */
export function eraYearDigits(text: string): string {
  return text.replace(/(令和|平成)([一二三四五六七八九十]{1,4})(?=\s*年)/gu, (whole, era: string, k: string) => {
    const n = kanjiNumber(k);
    return n === null ? whole : `${era}${n}`;
  }).replace(ERA_INITIAL, (_, era: string) => (era === "令" ? "令和" : "平成"));
}

/**
 * An era named by its first character before a year (`令8年度`, `平30年`: Excel's `gge` date format
 * writes years so), not inside a word (命令8年).
 */
const ERA_INITIAL = /(?<!\p{Script=Han})(令|平)(?![和成])(?=\s*(?:[0-9０-９]{1,2}|元)\s*(?:年|[./．]\s*[0-9０-９]))/gu;

/**
 * A text as the readers of years read it: NFKC, ASCII digits, an era's year in kanji numerals as
 * digits, and the signs written between years (～ 〜 ∼ 〰) as one (~).
 */
export function yearText(text: string): string {
  return eraYearDigits(asciiDigits(foldLookalikes(text.normalize("NFKC"))));
}

/**
 * A fiscal year written as 2026, 2026年度, R8, R8年度, R.8, 令和8, 令和8年度, 令和元年度, 令和八年度,
 * 平成30年度, H30 (ASCII or full-width digits, spaces ignored). Returns the Western year, or null when the text is
 * not one.
 */
export function parseFiscalYear(text: string): number | null {
  const t = eraYearDigits(asciiDigits(text.normalize("NFKC")).replace(/\s+/g, ""));
  let m = /^(\d{4})(?:年度|年|FY)?$/i.exec(t);
  if (m) return Number(m[1]);
  m = /^(?:令和|R\.?)(\d{1,2}|元)(?:年度|年)?$/i.exec(t);
  if (m) return REIWA_OFFSET + (m[1] === "元" ? 1 : Number(m[1]));
  m = /^(?:平成|H\.?)(\d{1,2}|元)(?:年度|年)?$/i.exec(t);
  if (m) return HEISEI_OFFSET + (m[1] === "元" ? 1 : Number(m[1]));
  m = /^FY(\d{4})$/i.exec(t);
  if (m) return Number(m[1]);
  return null;
}

/** `令和8年度` for 2026, `平成30年度` for 2018 (years before 平成 keep the Western form). */
export function wareki(year: number): string {
  const era = eraOf(year);
  if (!era) return `${year}年度`;
  return `${era.name}${era.n === 1 ? "元" : era.n}年度`;
}

/** `R8` for 2026, `H30` for 2018: the short form used where space is tight. */
export function warekiShort(year: number): string {
  const era = eraOf(year);
  return era ? `${era.letter}${era.n}` : String(year);
}

/** A fiscal year as the theme writes it: 令和8年度, 2026年度 or R8; full-width digits if asked. */
export function fiscalYearLabel(year: number, theme: Pick<Theme, "yearStyle" | "digits">): string {
  const text = theme.yearStyle === "western" ? `${year}年度`
    : theme.yearStyle === "short" ? warekiShort(year) : wareki(year);
  return theme.digits === "fullwidth" ? toFullwidthDigits(text) : asciiDigits(text);
}

function toFullwidthDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

/**
 * A calendar date as staff write it, as YYYY-MM-DD (not checked to exist): 2026-11-24,
 * 2026/11/24, 2026.11.24, 2026年11月24日, 令和8年11月24日, 令和元年5月1日, 令和八年十一月二十四日, R8.11.24,
 * H31/4/30 (full-width digits and spaces too); null when the text is none of these.
 */
export function isoDateOf(text: string): string | null {
  const t = asciiDigits(text.normalize("NFKC")).replace(/\s+/g, "")
    // kanji numerals of a formal date: 令和八年十一月二十四日
    .replace(/([一二三四五六七八九十]{1,3})(?=[年月日])/gu, (k) => String(kanjiNumber(k) ?? k));
  const m = /^(?:(\d{4})|(令和|平成|R|H)\.?(\d{1,2}|元))(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/i.exec(t);
  if (!m) return null;
  const era = m[2]?.toUpperCase();
  const n = m[3] === "元" ? 1 : Number(m[3]);
  const year = m[1] ? Number(m[1]) : (era === "令和" || era === "R" ? REIWA_OFFSET : HEISEI_OFFSET) + n;
  const pad = (v: string | undefined) => (v ?? "").padStart(2, "0");
  return `${year}-${pad(m[4] ?? m[6])}-${pad(m[5] ?? m[7])}`;
}

/** 平成's first and last days, 令和's first (as UTC milliseconds). */
const HEISEI_FIRST = Date.UTC(1989, 0, 8);
const REIWA_FIRST = Date.UTC(2019, 4, 1);

/** A year or a date written in an era outside its days, and what it was read as; `reads` null: no such year (令和0年). */
export interface EraSlip { text: string; reads: string | null }

// (a month only after 年: 令和元年度4月 is April of fiscal 2019, not a day of 令和)
const ERA_MENTION = /(令和|平成|(?<![A-Za-z])[RH]\.?)\s*(\d{1,2}|元)(?![\dA-Za-z])(?:\s*(年度)|\s*(年)(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?|([./])(\d{1,2})\7(\d{1,2})(?!\d))?/giu;

/**
 * Years and dates a text writes in an era outside its days: 平成32年度 (令和2年度: plans written
 * before 2019 name their last years so), 平成31年5月1日 (令和元年5月1日), 令和1年4月1日 (平成31年4月1日),
 * 令和0年 (no year). Each is read as the year or day it counts to, as every reader of years does.
 * 平成31年度 is a fiscal year (fiscal 2019 began in 平成31年4月), as 令和元年度 is; 平成31年 and 令和元年
 * are both 2019.
 */
export function eraSlips(text: string): EraSlip[] {
  const out: EraSlip[] = [];
  for (const m of yearText(text).matchAll(ERA_MENTION)) {
    const [whole, eraWord, nText, fiscal, calendar, month, day, , dotMonth, dotDay] = m;
    const reiwa = /^[令R]/iu.test(eraWord!);
    const n = nText === "元" ? 1 : Number(nText);
    const said = whole.trim();
    // (R0 alone may be a mark, R0版: a year 0 only with 年, 年度 or a date)
    if (n === 0) { if (fiscal || calendar || dotMonth) out.push({ text: said, reads: null }); continue; }
    const year = (reiwa ? REIWA_OFFSET : HEISEI_OFFSET) + n;
    const mm = Number(month ?? dotMonth ?? 0), dd = Number(day ?? dotDay ?? 0);
    if (!mm) {
      // a year: only 平成 ends (in 平成31)
      if (!reiwa && n > 31) out.push({ text: said, reads: calendar ? `令和${n - 30}年` : wareki(year) });
      continue;
    }
    if (mm > 12) continue;
    // a month (or a day) is outside the era when all of it is
    const first = Date.UTC(year, mm - 1, dd || 1), last = dd ? first : Date.UTC(year, mm, 0);
    const outside = reiwa ? last < REIWA_FIRST : first >= REIWA_FIRST || last < HEISEI_FIRST;
    if (!outside) continue;
    const inEra = first >= REIWA_FIRST ? `令和${year === 2019 ? "元" : year - REIWA_OFFSET}年` : first >= HEISEI_FIRST ? `平成${year === 1989 ? "元" : year - HEISEI_OFFSET}年` : `${year}年`;
    out.push({ text: said, reads: `${inEra}${mm}月${dd ? `${dd}日` : ""}` });
  }
  return out;
}

/** A calendar date as `令和8年11月24日` (平成 before 1 May 2019). */
export function warekiDate(date: Date): string {
  const y = date.getUTCFullYear();
  const reiwa = date.getTime() >= Date.UTC(2019, 4, 1);
  const era = reiwa ? y - REIWA_OFFSET : y - HEISEI_OFFSET;
  const year = era === 1 ? "元" : String(era);
  return `${reiwa ? "令和" : "平成"}${year}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/** Whether the as-of year falls in the period, so that its column is shaded (else PP506). */
export function inPeriod(period: { start: number; end: number }, year: number): boolean {
  return year >= period.start && year <= period.end;
}

export function yearsOf(period: { start: number; end: number }): number[] {
  const out: number[] = [];
  for (let y = period.start; y <= period.end; y++) out.push(y);
  return out;
}

/** A fiscal year named in a text, and what the words around it make of it. */
export interface YearMention {
  year: number;
  /** as written */
  text: string;
  /** `令和9年度から` / `令和9年度～` starts a span, `令和10年度まで` / `～令和10年度` ends one; else a year within it */
  role: "from" | "to" | "in";
}

// 令和9年度, R9, 平成30年, 2027年度, FY2027, 令和9年4月 (a calendar month: January–March belong to
// the fiscal year before). A Western year needs 年 or FY (a bare 2027 may be a figure); R and H
// not after a letter (RPA, SaaS are no years).
const MENTION = /(?:令和|平成|(?<![A-Za-z])[RH]\.?)\s*(\d{1,2}|元)(?![\d.A-Za-z])(?:\s*(年度|年)(?:\s*(\d{1,2})\s*月)?)?|(?<!\d)(\d{4})\s*(年度|年)(?:\s*(\d{1,2})\s*月)?|FY\s*(\d{4})/giu;
const STARTS = /^\s*(?:から|以降|より|～|〜|~)/u;
const ENDS = /^\s*(?:まで|迄)/u;
const AFTER_TILDE = /[～〜~]\s*$/u;

/** The fiscal years a text names (schedule cells that say `令和9年度から実施`). */
export function yearsMentioned(text: string): YearMention[] {
  const t = yearText(text);
  const out: YearMention[] = [];
  for (const m of t.matchAll(MENTION)) {
    const [whole, eraN, eraUnit, eraMonth, west, westUnit, westMonth, fy] = m;
    let year: number;
    let calendarMonth: string | undefined;
    if (fy) year = Number(fy);
    else if (west) { year = Number(west); if (westUnit === "年") calendarMonth = westMonth; }
    else {
      const n = eraN === "元" ? 1 : Number(eraN);
      year = (/^[平H]/iu.test(whole) ? HEISEI_OFFSET : REIWA_OFFSET) + n;
      if (eraUnit === "年") calendarMonth = eraMonth;
    }
    if (calendarMonth && Number(calendarMonth) >= 1 && Number(calendarMonth) <= 3) year -= 1;
    const after = t.slice(m.index + whole.length);
    const role = STARTS.test(after) ? "from" : ENDS.test(after) || AFTER_TILDE.test(t.slice(0, m.index)) ? "to" : "in";
    out.push({ year, text: whole.trim(), role });
  }
  return out;
}
