// The text Excel shows for a number cell through its number format: a header cell holding 7 with
// the format `"令和"0"年度"` reads 令和7年度, a date with `[$-ja-JP-x-gannen]ggge"年度"` reads
// 令和7年度 (元年 for year 1). Read: literal text ("…", \x), digit placeholders 0 # ? with , and .,
// %, `@`, sections ; (positive;negative;zero), dates y m d e g aaa h s AM/PM, elapsed times [h]:mm,
// and fractions (# ?/?). Not read (the number is shown plainly): scientific notation, [DBNum] kanji
// numerals, conditions.

/** Built-in formats (ECMA-376 §18.8.30) that show numbers; the date ones are in BUILTIN_DATES. */
const BUILTIN: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 12: "# ?/?", 13: "# ??/??",
  37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 49: "@",
};
/** Built-in date formats (and the Japanese locale's 27–31, 36, 50–58): shown as YYYY-MM-DD. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/**
 * Built-in time formats as Excel shows them (a time typed into 実績, 10:00, had been printed as
 * the date 1899-12-30; 9:30 on a date as the date alone).
 */
const BUILTIN_TIMES: Record<number, string> = {
  18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm",
  32: 'h"時"mm"分"', 33: 'h"時"mm"分"ss"秒"', 34: 'h"時"mm"分"', 35: 'h"時"mm"分"ss"秒"',
  45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0",
};
export const ISO_DATE = "yyyy-mm-dd";

const GE = "[$-411]ge.m.d", GGGE = '[$-411]ggge"年"m"月"d"日"', YM = 'yyyy"年"m"月"', MD = 'm"月"d"日"';
/**
 * The built-in date ids as Japanese Excel shows them (ECMA-376 §18.8.30, ja-JP), where a workbook
 * names them by number alone: 4/1 typed is id 56 (4月1日), R9.3.31 id 57, 令和9年3月31日 id 58,
 * 2026/4/1 id 14. (The plan's reader reads them as YYYY-MM-DD.)
 */
const JA_DATES: Record<number, string> = {
  14: "yyyy/m/d", 27: GE, 28: GGGE, 29: GGGE, 30: "m/d/yy", 31: 'yyyy"年"m"月"d"日"', 34: YM, 35: MD, 36: GE,
  50: GE, 51: GGGE, 52: YM, 53: MD, 54: GGGE, 55: YM, 56: MD, 57: GE, 58: GGGE,
};

/** The format code of a built-in id as Japanese Excel shows it (a returned form's entry is printed as the sheet shows it). */
export function shownBuiltinFormat(id: number): string | undefined {
  return JA_DATES[id] ?? builtinFormat(id);
}

/** The format code of a built-in id, or undefined for ids this reader shows as General. */
export function builtinFormat(id: number): string | undefined {
  return BUILTIN_DATES.has(id) ? ISO_DATE : BUILTIN_TIMES[id] ?? BUILTIN[id];
}

/** A date serial (days since 1899-12-30, or 1904-01-01) → the UTC date. */
export function serialDate(serial: number, date1904 = false): Date {
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(base + Math.round(serial * 86400) * 1000);
}

interface Token { kind: "lit" | "num" | "date" | "elapsed" | "ampm" | "text"; s: string }

/** Split a section into literal text, digit placeholders, date tokens and `@`. */
function tokenize(section: string): { tokens: Token[]; gannen: boolean; percent: boolean } {
  const tokens: Token[] = [];
  let gannen = false;
  // a % neither quoted nor escaped (0\% is LibreOffice's 0"%": the number as written, a sign after it)
  let percent = false;
  const lit = (s: string) => tokens.push({ kind: "lit", s });
  for (let i = 0; i < section.length;) {
    const c = section[i]!;
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      lit(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end + 1;
    } else if (c === "\\") { lit(section[i + 1] ?? ""); i += 2; }
    else if (c === "_" || c === "*") { if (c === "_") lit(" "); i += 2; }
    else if (c === "[") {
      const end = section.indexOf("]", i);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      if (/x-gannen/i.test(inner)) gannen = true;
      // [h]:mm, [mm]:ss: hours (minutes, seconds) elapsed, beyond a day
      if (/^(h+|m+|s+)$/i.test(inner)) tokens.push({ kind: "elapsed", s: inner.toLowerCase() });
      i = end < 0 ? section.length : end + 1;
    } else if ("0#?.,".includes(c)) {
      let j = i;
      while (j < section.length && "0#?.,".includes(section[j]!)) j++;
      tokens.push({ kind: "num", s: section.slice(i, j) });
      i = j;
    } else if (/[yYmMdDeEgGhHsSaA]/.test(c) && !(c === "E" && /[+-]/.test(section[i + 1] ?? ""))) {
      if (/^am\/pm/i.test(section.slice(i))) { tokens.push({ kind: "ampm", s: "AM/PM" }); i += 5; continue; }
      if ((c === "a" || c === "A") && !/^aaa/i.test(section.slice(i))) { lit(c); i++; continue; }
      let j = i;
      while (j < section.length && section[j]!.toLowerCase() === c.toLowerCase()) j++;
      tokens.push({ kind: "date", s: section.slice(i, j).toLowerCase() });
      i = j;
    } else if (c === "@") { tokens.push({ kind: "text", s: c }); i++; }
    else { if (c === "%") percent = true; lit(c); i++; }
  }
  return { tokens, gannen, percent };
}

const ERAS: [number, string, string][] = [
  [Date.UTC(2019, 4, 1), "令和", "R"], [Date.UTC(1989, 0, 8), "平成", "H"], [Date.UTC(1926, 11, 25), "昭和", "S"],
  [Date.UTC(1912, 6, 30), "大正", "T"], [Date.UTC(1868, 0, 25), "明治", "M"],
];
const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];

function formatDate(tokens: Token[], d: Date, gannen: boolean, serial: number): string {
  const era = ERAS.find(([start]) => d.getTime() >= start);
  const twelve = tokens.some((t) => t.kind === "ampm");
  const eraYear = era ? d.getUTCFullYear() - new Date(era[0]).getUTCFullYear() + 1 : d.getUTCFullYear();
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  let out = "";
  const seconds = Math.round(serial * 86400);
  tokens.forEach((t, i) => {
    if (t.kind === "elapsed") { out += pad(Math.floor(seconds / ({ h: 3600, m: 60, s: 1 }[t.s[0] as "h" | "m" | "s"])), t.s.length); return; }
    if (t.kind === "ampm") { out += d.getUTCHours() < 12 ? "AM" : "PM"; return; }
    if (t.kind !== "date") { out += t.kind === "num" ? t.s.replace(/[#?,]/g, "") : t.s; return; }
    const prev = tokens.slice(0, i).reverse().find((x) => x.kind === "date" || x.kind === "elapsed")?.s[0];
    const next = tokens.slice(i + 1).find((x) => x.kind === "date")?.s[0];
    const n = t.s.length;
    switch (t.s[0]) {
      case "y": out += n <= 2 ? pad(d.getUTCFullYear() % 100, 2) : String(d.getUTCFullYear()); break;
      case "m":
        // mm between hours and seconds are minutes
        if (prev === "h" || next === "s") out += pad(d.getUTCMinutes(), n >= 2 ? 2 : 1);
        else out += n >= 3 ? `${d.getUTCMonth() + 1}月` : pad(d.getUTCMonth() + 1, n);
        break;
      case "d": out += n >= 3 ? WEEKDAYS[d.getUTCDay()]! : pad(d.getUTCDate(), n); break;
      case "e": out += gannen && eraYear === 1 ? "元" : pad(eraYear, n >= 2 ? 2 : 1); break;
      case "g": out += era ? (n >= 2 ? (n === 2 ? era[1].slice(0, 1) : era[1]) : era[2]) : ""; break;
      case "a": out += n >= 4 ? `${WEEKDAYS[d.getUTCDay()]!}曜日` : WEEKDAYS[d.getUTCDay()]!; break;
      case "h": out += pad(twelve ? (d.getUTCHours() + 11) % 12 + 1 : d.getUTCHours(), n >= 2 ? 2 : 1); break;
      case "s": out += pad(d.getUTCSeconds(), n >= 2 ? 2 : 1); break;
      default: out += t.s;
    }
  });
  return out;
}

function formatDigits(pattern: string, v: number): string {
  const dot = pattern.indexOf(".");
  const intPart = (dot < 0 ? pattern : pattern.slice(0, dot)).replace(/,+$/, "");
  const fracPart = dot < 0 ? "" : pattern.slice(dot + 1).replace(/,/g, "");
  const decimals = fracPart.length;
  const required = (fracPart.match(/0/g) ?? []).length;
  // (Excel allows 30 decimals; toFixed throws past 100: a format of 400 had stopped the run)
  let [i, f = ""] = Math.abs(v).toFixed(Math.min(decimals, 100)).split(".");
  f = f.replace(new RegExp(`0{0,${decimals - required}}$`), "");
  const minInt = (intPart.match(/0/g) ?? []).length;
  if (i === "0" && minInt === 0) i = "";
  i = (i ?? "").padStart(minInt, "0");
  if (intPart.includes(",")) i = i.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return f ? `${i}.${f}` : i;
}

/**
 * The denominator of the fraction nearest `x` (0 ≤ x < 1) with a denominator up to `max` (the
 * smallest of equals), from the continued fraction's convergents and the last semiconvergent: a
 * walk over every denominator took a second a cell for `?/???????` and grew tenfold a digit.
 */
export function nearestDenominator(x: number, max: number): number {
  let [p0, q0, p1, q1] = [0, 1, 1, 0];
  for (let y = x; ;) {
    const a = Math.floor(y);
    const q2 = q0 + a * q1;
    if (q2 > max) break;
    [p0, q0, p1, q1] = [p1, q1, p0 + a * p1, q2];
    if (y - a < 1e-12) break;
    y = 1 / (y - a);
  }
  const k = Math.floor((max - q0) / q1);
  const semi = { p: p0 + k * p1, q: q0 + k * q1 };
  const err = (p: number, q: number) => Math.abs(x - p / q);
  const e1 = err(p1, q1), e2 = err(semi.p, semi.q);
  return e2 < e1 - 1e-12 || (Math.abs(e2 - e1) <= 1e-12 && semi.q < q1) ? semi.q : q1;
}

/**
 * A fraction as Excel shows it (`# ?/?` 1.5 → 1 1/2, `?/4` 0.25 → 1/4): the nearest with at most as
 * many digits below as the format has, or its fixed denominator; null for a fraction among other text.
 */
function formatFraction(section: string, v: number): string | null {
  const m = /^(?:([#0?]+)\s+)?([#0?]+)\/([#0?]+|\d+)$/.exec(section.trim());
  if (!m) return null;
  const whole = m[1] !== undefined;
  const x = Math.abs(v);
  let int = whole ? Math.floor(x) : 0;
  const frac = x - int;
  const den = /^\d+$/.test(m[3]!) ? Number(m[3]) : nearestDenominator(frac, 10 ** m[3]!.length - 1);
  let num = Math.round(frac * den);
  if (whole && num === den) { int += 1; num = 0; }
  const text = !whole ? `${num}/${den}` : num === 0 ? String(int) : `${int ? `${int} ` : ""}${num}/${den}`;
  return (v < 0 ? "-" : "") + text;
}

/** A whole number in kanji as Excel's [DBNum1] writes it (十二, 二千二十六), [DBNum2] in 大字 (壱拾弐). */
function kanjiNumber(n: number, formal: boolean): string {
  const digits = formal ? "〇壱弐参四伍六七八九" : "〇一二三四五六七八九";
  const units = formal ? ["", "拾", "百", "千"] : ["", "十", "百", "千"];
  if (n === 0 || n >= 10000) return String(n).replace(/\d/g, (d) => digits[Number(d)]!);
  let out = "";
  [...String(n)].reverse().forEach((d, i) => {
    const k = Number(d);
    if (k === 0) return;
    out = (k === 1 && i > 0 && !formal ? "" : digits[k]!) + units[i]! + out;
  });
  return out;
}

/** The text a number cell shows through `code`; null when this reader does not read the format. */
export function formatNumber(v: number, code: string, date1904 = false): string | null {
  if (!Number.isFinite(v)) return null;
  // Excel shows ##### for a date or time outside its calendar (before 1900 or 1904, after 9999): not
  // read as one (a serial of 1e20 had stopped the run, PP901; others read NaN/NaN/NaN or 1899/12/27)
  const calendar = v >= 0 && serialDate(v, date1904).getUTCFullYear() <= 9999;
  if (code === ISO_DATE) return calendar ? serialDate(v, date1904).toISOString().slice(0, 10) : null;
  const sections = code.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  let section = sections[0] ?? "";
  let value = v;
  if (v < 0 && sections[1] !== undefined) { section = sections[1]; value = -v; }
  else if (v === 0 && sections[2] !== undefined) section = sections[2];
  // an empty section shows nothing (;;; hides a cell's number, 0;-0; a zero): read as Excel shows it
  if (section === "" && sections.length > 1) return "";
  if (/^general$/i.test(section.trim()) || section.trim() === "") return String(v);
  if (/[?#0]\/[?#0\d]/.test(section)) return formatFraction(section, value);
  if (/E[+-]/i.test(section)) return null;
  // [DBNum1] 漢数字 (令和八年六月一日, 十二), [DBNum2] 大字 (壱拾弐), [DBNum3] full-width digits (５件):
  // the text formatted without it, its numbers then written so (a return's date had printed as 46174)
  const dbnum = /\[DBNum([123])\]/i.exec(section)?.[1];
  if (dbnum) {
    const plain = formatNumber(v, code.replace(/\[DBNum[123]\]/gi, ""), date1904);
    return plain === null ? null : plain.replace(/\d+/g, (n) => (dbnum === "3" ? n.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) : kanjiNumber(Number(n), dbnum === "2")));
  }
  const { tokens, gannen, percent } = tokenize(section);
  if (tokens.some((t) => t.kind === "date" || t.kind === "elapsed")) return calendar ? formatDate(tokens, serialDate(v, date1904), gannen, v) : null;
  if (percent) value *= 100;
  let out = "";
  let placed = false;
  for (const t of tokens) {
    if (t.kind === "num") {
      if (!placed && /[0#?]/.test(t.s)) { out += formatDigits(t.s, value); placed = true; }
      else if (!/[0#?]/.test(t.s)) out += t.s;
    } else if (t.kind === "text") out += String(value);
    else out += t.s;
  }
  return (placed && value < 0 ? "-" : "") + out;
}
