// A plan without fiscal-year columns that writes each project's schedule as text in one column
// (実施時期: `令和8年度～令和10年度`, `R8～R10 検討、R11～ 実施`, `令和9年度から`). Read only when
// no header block has a year column: the period is then the span of the years written.
import { isoDateOf, parseFiscalYear, yearText } from "../fiscal.js";
import { squash } from "./block.js";
import type { GridRow } from "./grid.js";

/** Header wordings of such a column (squashed: no spaces). */
const TIMING_WORDS = /^(実施時期|実施期間|実施年度|実施予定|実施予定時期|実施予定年度|事業期間|取組期間|時期|期間|スケジュール|工程|年次計画)([（(].*[)）])?$/;

/** Whether a header wording names such a column. */
export const isTimingWord = (text: string): boolean => TIMING_WORDS.test(text.replace(/[\s\u3000]+/g, ""));

/** The column of a block's header headed as a schedule in words, or null. */
export function timingColumn(headerRows: readonly GridRow[], taken: ReadonlySet<number>): number | null {
  const width = Math.max(0, ...headerRows.map((r) => r.cells.length));
  for (let c = 0; c < width; c++) {
    if (taken.has(c)) continue;
    // 期間（開始）is half of a pair (startEndColumns), not a period of its own
    if (headerRows.some((r) => isTimingWord(r.cells[c] ?? "") && !edgeOf(r.cells[c] ?? ""))) return c;
  }
  return null;
}

/** The first and the last year of each project in two columns of their own (`開始年度 | 終了年度`). */
const START_WORDS = /^(?:(?:事業|実施|取組)?開始(?:年度|年|時期|予定年度)?|着手(?:年度|時期)?|(?:実施|事業|取組)?期間[（(](?:開始|始期|から)[）)])$/u;
const END_WORDS = /^(?:(?:事業|実施|取組)?(?:終了|完了)(?:年度|年|時期|予定年度)?|(?:実施|事業|取組)?期間[（(](?:終了|終期|まで)[）)])$/u;
const edgeOf = (text: string): "start" | "end" | null => {
  const t = squash(text);
  return START_WORDS.test(t) ? "start" : END_WORDS.test(t) ? "end" : null;
};

/** A start column with an end column after it (`開始年度 | 終了年度`, `期間（開始）| 期間（終了）`), or null. */
export function startEndColumns(headerRows: readonly GridRow[], taken: ReadonlySet<number>): { start: number; end: number } | null {
  const width = Math.max(0, ...headerRows.map((r) => r.cells.length));
  const edge = (c: number) => (taken.has(c) ? null : headerRows.map((r) => edgeOf(r.cells[c] ?? "")).find((e) => e !== null) ?? null);
  for (let c = 0; c < width; c++) {
    if (edge(c) !== "start") continue;
    for (let e = c + 1; e < width; e++) if (edge(e) === "end") return { start: c, end: e };
    return null;
  }
  return null;
}

/**
 * A row's schedule in words: its timing cell, or `start～end` from a pair of columns' cells
 * (`endCell` given). A pair with one side empty is no span (`ok: false`): to the period's end, or
 * one year? Never guessed.
 */
export function timingText(startCell: string, endCell: string | undefined): { text: string; ok: boolean } {
  const first = startCell.trim();
  // a dash alone is a cell left empty on purpose (「－」 had been told as a period it could not read)
  const dash = (s: string) => /^[-－―ー‐—–‒−]+$/u.test(s);
  if (endCell === undefined) return { text: dash(first) ? "" : first, ok: true };
  const last = endCell.trim();
  // a dash or 未定 says the year is not set: as an empty cell (「令和9年度～－」 had run to the
  // period's end as a phase named 「-」)
  const unset = (s: string) => !s || dash(s) || /^(?:未定|未設定)$/u.test(s);
  if (unset(first) && unset(last)) return { text: "", ok: true };
  if (!unset(first) && !unset(last)) return { text: `${boundaryYear(first, "start")}～${boundaryYear(last, "end")}`, ok: true };
  const shown = (s: string) => s || "（空欄）";
  return { text: `${shown(first)}～${shown(last)}`, ok: false };
}

/**
 * A start or end written as the date a fiscal year begins or ends (2026/4/1, 令和11年3月31日: Excel
 * date cells) as that fiscal year (2026年度, 2028年度); any other date, or text, as it is (a date
 * inside a year is not rounded: no span). Such dates had been refused as naming no year.
 */
function boundaryYear(text: string, side: "start" | "end"): string {
  const date = isoDateOf(text);
  if (!date) return text;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  if (side === "start" && month === 4 && day === 1) return `${year}年度`;
  if (side === "end" && month === 3 && day === 31) return `${year - 1}年度`;
  return text;
}

/** A start, a phase's name, and its end in brackets: `令和8年度から実施（令和12年度まで）`. */
const FROM_UNTIL = /^\s*(\S+?)\s*から\s*([^\s（()）]+)\s*[（(]\s*(\S+?)\s*(?:まで|迄)\s*[)）]\s*$/u;

/** A phase's words saying the work goes on from before (継続実施, 実施中, 引き続き運用). */
export const goesOn = (label: string | null): boolean => label !== null && /継続|実施中|運用中|引き続き/u.test(label);

/** One phase written in words: its first year, its last (null: until the period's end), its label (null: none written). */
export interface TimedPhase { from: number; to: number | null; label: string | null }

const ERA_YEAR = String.raw`(?:令和|平成|R\.?|H\.?)\s*(?:\d{1,2}|元)\s*(?:年度|年)?|\d{4}\s*(?:年度|年)?|FY\s*\d{4}`;
const BARE_YEAR = String.raw`\d{1,2}\s*(?:年度|年)?`;
/** Dashes a range is written with: the wave dashes, and every hyphen and dash a keyboard or a converter gives (R8–R10). */
export const RANGE_DASH = String.raw`[～〜~\-－―ー–—‒−‐]`;
/** What after a range's first year leaves it open to the period's end (令和8年度～, から, 以降). */
const OPEN_END = new RegExp(`${RANGE_DASH}|から|より|以降`, "u");
const RANGE_ALL = new RegExp(String.raw`(${ERA_YEAR})\s*(?:(?:${RANGE_DASH}|から|より)\s*(${ERA_YEAR}|${BARE_YEAR})?\s*(?:まで|以降)?|(以降|から))?`, "gi");

/** A year written in a name: a numeral before 年 (`十年度`, `10年`). */
const YEAR_IN_WORDS = /[\d〇一二三四五六七八九十元]\s*年/u;

/**
 * The phases of a cell (`令和8年度～令和10年度`, `R8～R10 検討、R11～ 実施`, `令和8～10年度`,
 * `2026年度から`), or null when a part of it names no year (`随時`, `未定`).
 */
export function parseTiming(text: string): TimedPhase[] | null {
  // 令和8年度から実施（令和12年度まで）: the span in two halves round its name, as 令和8年度～令和12年度 実施
  // (it had named no year, PP328)
  const t = yearText(text).replace(FROM_UNTIL, "$1～$3 $2");
  // Months and halves (令和8年4月～, 令和8年度下期) are finer than a fiscal year: never rounded silently.
  if (!t.trim() || /\d\s*月|[上下]期|[上下]半期|四半期|年度(?:前半|後半)/.test(t)) return null;
  // (及び between two years joins them as 、 does: 「令和8年度及び令和10年度」 had named a phase 及び)
  // (と between two years too: 「令和8年度と令和9年度に検討」 had named a phase と)
  const parts = t.split(/[、,;\n／/]|(?:及び|および|並びに|ならびに|(?<=\d\s*(?:年度|年)?\s*)と)(?=\s*(?:令和|平成|[RH]\.?\s*\d|\d))/u).map((p) => p.trim()).filter(Boolean);
  const out: TimedPhase[] = [];
  // where each phase's label was written: after its years (令和9年度に検討), before them (検討：令和8年度), none
  const wrote: ("after" | "before" | null)[] = [];
  // 中, 内, 頃, を目途 after a year say when within it, and name no phase (令和8年度中)
  // and the brackets round a year, arrows between phases and a sentence's particles are no part
  // of a name (検討（R8）→導入（R9） had given 「検討（」 and 「）→導入（」; 令和8～9年度に構築し, 「に構築し」)
  // (末, 早期 and 当初 say when within the year too, and （予定） that it is planned: 「令和8年度末」 had
  // named a phase 「末」, 「令和8年度以降（予定）」 one 「予定」)
  const clean = (s: string) => s.replace(/\s*[（(](?:予定|見込み?)[)）]\s*$/u, "").replace(/^(?:中に|までに|を目途に?|目途に?|(?:中|内|頃|ごろ|末|早期|当初|中頃)(?=$|[\s:：・（(、]))/u, "")
    .replace(/^[\s:：・（()）→⇒➡]+|[\s:：・（()）→⇒➡。]+$/gu, "")
    .replace(/^(?:にて|に|で|を|は)(?=\p{L})/u, "").replace(/(?<=\p{Script=Han})(?:します|する|した|して|し)$/u, "").trim()
    .replace(/^(?:予定|見込み?|目標|毎年度?|各年度|計画期間(?:中|内)?)$/u, "");
  for (const part of parts) {
    // ～令和10年度 検討: from the period's start? never guessed (it had been 令和10年度 alone)
    if (/^[～〜~]/u.test(part)) return null;
    const ranges = [...part.matchAll(RANGE_ALL)];
    if (!ranges.length) return null;
    for (const [i, m] of ranges.entries()) {
      const phase = readRange(m);
      if (!phase) return null;
      const end = m.index + m[0].length;
      // a range ending a span whose start names no year (「実施中～令和12年度」: a 開始年度 of 実施中)
      // is open at its start too (it had been 令和12年度 alone, named 「実施中」)
      const from = i === 0 ? 0 : ranges[i - 1]!.index + ranges[i - 1]![0].length;
      // (ー after katakana and - after a Latin letter end a word: サーバー 令和9年度, Wi-)
      if (/(?:[～〜~－―–—‒−‐]|(?<![\p{Script=Katakana}A-Za-z])[-ー])\s*$/u.test(part.slice(from, m.index))) return null;
      // a year alone followed by まで (令和10年度まで検討) is a span open at its start, as ～令和10年度
      // is: never guessed (it had been 令和10年度 alone, named 「まで検討」); までに (by then) names the year
      if (!m[2] && phase.to === phase.from && /^\s*(?:まで|迄)(?!に)/u.test(part.slice(end))) return null;
      // the words after a range name it (R8～R10 検討); else those before the first (検討：R8);
      // a range in brackets, those before it (検討（R8）→導入（R9～）)
      const bracketed = /[（(]\s*$/u.test(part.slice(from, m.index));
      const after = bracketed ? "" : clean(part.slice(end, ranges[i + 1]?.index ?? part.length));
      const before = i === 0 || bracketed ? clean(part.slice(from, m.index)) : "";
      // a year left in a phase's name was not read as one (令和8年度～十年度): never a label
      if (YEAR_IN_WORDS.test(after || before)) return null;
      // a year listed after one whose label was written before it (検討：令和8年度・令和9年度) has that label
      const listed = i > 0 && !after && wrote.at(-1) === "before" ? out.at(-1)!.label : null;
      out.push({ ...phase, label: after || before || listed });
      wrote.push(after ? "after" : before || listed ? "before" : null);
    }
  }
  // years listed before the label written after the last of them (令和8年度、令和9年度に検討): theirs
  for (let k = out.length - 2; k >= 0; k--) {
    if (wrote[k] === null && wrote[k + 1] === "after") { out[k]!.label = out[k + 1]!.label; wrote[k] = "after"; }
  }
  return out;
}

function readRange(m: RegExpMatchArray): Omit<TimedPhase, "label"> | null {
  const from = parseFiscalYear(m[1]!.replace(/\s+/g, ""));
  if (from === null) return null;
  if (m[2]) {
    const end = m[2].replace(/\s+/g, "");
    // 令和8～10年度: the end takes the era of the start
    const era = /^(令和|平成|R|H)/i.exec(m[1]!.trim())?.[1];
    const to = parseFiscalYear(/^\d{1,2}(年度|年)?$/.test(end) && era ? era + end : end);
    return to === null || to < from ? null : { from, to };
  }
  // 令和8年度～, 令和8年度から, 令和8年度以降: until the period's end
  return OPEN_END.test(m[0].slice(m[1]!.length)) ? { from, to: null } : { from, to: from };
}
