// Fiscal years (年度) and the Japanese era 令和: 令和N年度 = fiscal year 2018 + N (2026 = 令和8年度).
import type { Theme } from "./theme/schema.js";

const REIWA_OFFSET = 2018;

/** Full-width digits to ASCII, so `令和８年度` and `令和8年度` read alike. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * A fiscal year written as 2026, 2026年度, R8, R8年度, 令和8, 令和8年度, 令和元年度 (ASCII or
 * full-width digits, spaces ignored). Returns the Western year, or null when the text is not one.
 */
export function parseFiscalYear(text: string): number | null {
  const t = asciiDigits(text.normalize("NFKC")).replace(/\s+/g, "");
  let m = /^(\d{4})(?:年度|年|FY)?$/i.exec(t);
  if (m) return Number(m[1]);
  m = /^(?:令和|R)(\d{1,2}|元)(?:年度|年)?$/i.exec(t);
  if (m) return REIWA_OFFSET + (m[1] === "元" ? 1 : Number(m[1]));
  m = /^FY(\d{4})$/i.exec(t);
  if (m) return Number(m[1]);
  return null;
}

/** `令和8年度` for 2026 (years before 令和 keep the Western form). */
export function wareki(year: number): string {
  const n = year - REIWA_OFFSET;
  if (n < 1) return `${year}年度`;
  return `令和${n === 1 ? "元" : n}年度`;
}

/** `R8` for 2026: the short form used where space is tight. */
export function warekiShort(year: number): string {
  const n = year - REIWA_OFFSET;
  return n < 1 ? String(year) : `R${n}`;
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

/** A calendar date as `令和8年11月24日`. */
export function warekiDate(date: Date): string {
  const y = date.getUTCFullYear();
  const era = y - REIWA_OFFSET;
  const year = era === 1 ? "元" : String(era);
  return `令和${year}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

export function yearsOf(period: { start: number; end: number }): number[] {
  const out: number[] = [];
  for (let y = period.start; y <= period.end; y++) out.push(y);
  return out;
}
