// 再掲 (re-listed entries): the marker is stripped from the name, and the original is found by
// name, or by the policy/measure/initiative the marker names.
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { CLOSE, OPEN } from "../model/relist-brackets.js";
import { parseNumbered, partNumber, PLACE, placeNumbers } from "./hierarchy.js";
import type { RelistMark, SourcedProject } from "./sourced.js";
import { cleanText, excerpt } from "./text.js";
import { formOf } from "./variants.js";

const inClass = (chars: string) => chars.replace(/[[\]\\]/g, "\\$&");
/** The original's No. before 再掲 (No.12の再掲, No.２再掲): its digits are the first group. */
const NO_BEFORE = "(?:(?:[NＮ][oｏ][.．]?|№|番号)\\s*([0-9０-９]{1,9})\\s*の?\\s*)?";
/**
 * 再掲 in brackets, optionally with the original's No. before or after it: （再掲）, 〔再掲〕,
 * （再掲：No.12）, （No.12の再掲）; 再 alone is its abbreviation (（再）, 【再】); spaces as a
 * justified cell leaves them (（再　掲）).
 */
const SUFFIX = new RegExp(`[${inClass(OPEN)}]\\s*${NO_BEFORE}再\\s*掲?\\s*(?:[:：]?\\s*(?:[NＮ][oｏ][.．]?|№|番号)?\\s*([0-9０-９]{1,9}))?\\s*[${inClass(CLOSE)}]`, "i");
/** The place of the original before 再掲 in brackets: 【人材育成・体制強化(1)①の再掲】 (a No. there is SUFFIX's). */
const BRACKET = /【(?!\s*(?:[NＮ][oｏ][.．]?|№|番号)\s*[0-9０-９]+\s*の?再掲】)([^】]*?)の?再掲】/i;
/** ※再掲 written before or after the name, optionally with the original's No. (※No.1の再掲, ※再掲 No.1). */
const NOTE = new RegExp(`[※＊]\\s*${NO_BEFORE}再\\s*掲(?:\\s*[:：]?\\s*(?:[NＮ][oｏ][.．]?|№|番号)\\s*([0-9０-９]{1,9}))?`, "i");
/**
 * A No. given with the 再掲 outside brackets (備考: No.12の再掲, 再掲 No.12). Not a branch number's
 * first part (No.1-1, No.1.2): the No of no project (PP305), never the original No.1.
 */
const NO = /(?:No\.?|№|番号)\s*([0-9０-９]{1,9})(?![0-9０-９]|\s*[-－‐ー−.．]\s*[0-9０-９])/i;

const numberOf = (digits: string | undefined): number | undefined => (digits ? Number(digits.normalize("NFKC")) : undefined);

/**
 * 再掲 with the original's place as numbers, the 基本方針's first: in brackets （再掲1-1-①）,
 * (1-2-3再掲), （再掲：1-2-3）, （Ⅱ-(1)-②の再掲）, or after ※ (※1-(2)-①の再掲).
 */
const NUMBERED = new RegExp(`[${inClass(OPEN)}]\\s*(?:再\\s*掲\\s*[:：]?\\s*(${PLACE})|(${PLACE})\\s*の?\\s*再\\s*掲)\\s*[${inClass(CLOSE)}]|[※＊]\\s*(${PLACE})\\s*の?\\s*再\\s*掲`, "u");
/** A place as numbers after a mark, alone or in brackets, ending the name: `（1-(1)-①）`, `：1-(1)-①`. */
const PLACE_AFTER = new RegExp(`^\\s*[:：]?\\s*(?:[（(]\\s*(${PLACE})\\s*[)）]|(${PLACE}))\\s*$`, "u");
/** 再掲 written before the name and set off by a space or a colon (再掲　名, 再掲：名), or 再) (再)名). */
const PREFIX = /^\s*(?:再\s*掲\s*(?:[:：)）]|[\s\u3000])|再\s*[)）])\s*(?=\S)/u;

/**
 * 再掲 with a word of its own in brackets (（一部再掲）, （再掲・拡充）, （再掲/No.1）) or after a
 * space at the name's end (電子申請の拡充　再掲): the mark as written, and a No. in it. Not a
 * remark saying where the project is relisted (（No.35に再掲）, 再掲あり), nor 再掲示 (posting
 * again: 「窓口（再掲示の見直し）」 had been read as a 再掲 named 窓口).
 */
const QUALIFIED = new RegExp(`[${inClass(OPEN)}]([^${inClass(OPEN + CLOSE)}]{0,16}再\\s*掲(?!示)[^${inClass(OPEN + CLOSE)}]{0,16})[${inClass(CLOSE)}]|[\\s\u3000]+再\\s*掲$`, "u");

export function parseRelist(rawName: string): RelistMark | null {
  const b = BRACKET.exec(rawName);
  if (b && (b[1] ?? "").trim()) return { mark: b[0], name: cleanText(rawName.replace(b[0], " ")), ref: refOf(b[1] ?? "") };
  const n = NUMBERED.exec(rawName);
  if (n) return { mark: n[0], name: cleanText(rawName.replace(n[0], " ")), ref: numberedRef(n[1] ?? n[2] ?? n[3] ?? "") };
  const pre = PREFIX.exec(rawName);
  if (pre) return { mark: pre[0].trim(), name: cleanText(rawName.slice(pre[0].length)) };
  const s = SUFFIX.exec(rawName) ?? NOTE.exec(rawName);
  if (s) {
    // the original's place right after the mark, at the name's end (※再掲（1-(1)-①）, 【再掲】1-(1)-①):
    // part of the mark (it had stayed in the name, and no original was found by it)
    const place = PLACE_AFTER.exec(rawName.slice(s.index + s[0].length));
    const mark = place ? s[0] + place[0] : s[0];
    const out: RelistMark = { mark: mark.trim(), name: cleanText(rawName.replace(mark, " ")) };
    const no = numberOf(s[1] ?? s[2]);
    if (no !== undefined) out.no = no;
    else if (place) out.ref = numberedRef(place[1] ?? place[2] ?? "");
    return out;
  }
  const q = QUALIFIED.exec(rawName);
  const name = q ? cleanText(rawName.replace(q[0], " ")) : "";
  if (!q || RELISTED_ELSEWHERE.test(q[0]) || !name) return null;
  const out: RelistMark = { mark: q[0].trim(), name };
  const no = numberOf(NO.exec(q[1] ?? "")?.[1]);
  if (no !== undefined) out.no = no;
  return out;
}

/**
 * Where a marker says the original stands: `人材育成・体制強化(1)①` → policy, measure 1, initiative 1;
 * a 施策 in Roman numerals (`くらしⅠ①`); the place as numbers (`1-(1)-②`, numberedRef).
 */
function refOf(text: string): NonNullable<RelistMark["ref"]> {
  const refText = text.trim().replace(/^[※＊]\s*/u, "");
  if (placeNumbers(refText)) return numberedRef(refText);
  const m = /^(.*?)\s*([（(]\s*[0-9０-９]+\s*[)）])\s*(.*)$/u.exec(refText) ?? /^(.*?)\s*([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])\s*(.*)$/u.exec(refText);
  return m
    ? { text: refText, policy: cleanText(m[1] ?? ""), measure: partNumber(m[2]!), initiative: parseNumbered(m[3] ?? "").number }
    : { text: refText, policy: cleanText(refText), measure: null, initiative: null };
}

/** `1-1-①`, `Ⅱ-(1)-②`: the numbers of the original's 基本方針, 施策 and 取組. */
function numberedRef(text: string): NonNullable<RelistMark["ref"]> {
  const [policy, measure, initiative] = placeNumbers(text) ?? [];
  return { text: text.trim(), policy: "", policyNumber: policy ?? null, measure: measure ?? null, initiative: initiative ?? null };
}

/** Remarks on an original that say where it is relisted (No.35に再掲, 再掲あり), not that it is one. */
const RELISTED_ELSEWHERE = /に再掲|再掲(?:あり|有|先|予定|なし|無)/;

/**
 * An original's note naming the place or No. where it is relisted: ※3-(2)-①に再掲, （No.35に再掲）,
 * ※市民サービス(1)①に再掲 is not (a place by name: the relisting's own mark finds it).
 */
const RELISTED_AT = new RegExp(`[${inClass(OPEN)}]\\s*[※＊]?\\s*(?:(?:[NＮ][oｏ][.．]?|№|番号)\\s*([0-9０-９]{1,9})|(${PLACE}))\\s*に\\s*再\\s*掲\\s*[${inClass(CLOSE)}]|[※＊]\\s*(?:(?:[NＮ][oｏ][.．]?|№|番号)\\s*([0-9０-９]{1,9})|(${PLACE}))\\s*に\\s*再\\s*掲`, "u");

/** A note in `text` saying where the project is relisted, and the text without it; null if none. */
export function parseRelistedAt(text: string): { note: string; rest: string; ref?: NonNullable<RelistMark["ref"]>; no?: number } | null {
  const m = RELISTED_AT.exec(text);
  if (!m) return null;
  const no = numberOf(m[1] ?? m[3]);
  const place = m[2] ?? m[4];
  return { note: m[0].trim(), rest: cleanText(text.replace(m[0], " ")), ...(no !== undefined ? { no } : {}), ...(place ? { ref: numberedRef(place) } : {}) };
}

/**
 * 再掲 written in the remarks column: the words around it as the mark (in brackets, as the
 * documents print it after the name), and a No. if one is given.
 */
export function parseRemarksRelist(remarks: string, name: string): RelistMark | null {
  const text = cleanText(remarks);
  const at = text.search(/再掲/);
  if (at < 0 || RELISTED_ELSEWHERE.test(text)) return null;
  // The phrase holding 再掲, up to the nearest separator: 再掲（No.12）, No.12の再掲.
  const from = Math.max(0, ...["、", "。", " ", "，"].map((c) => text.lastIndexOf(c, at) + 1));
  const ends = ["、", "。", " ", "，"].map((c) => text.indexOf(c, at)).filter((i) => i >= 0);
  const phrase = text.slice(from, ends.length ? Math.min(...ends) : text.length);
  // Printed after the name, so always in brackets: 再掲 → （再掲）, 再掲（No.12） → 【再掲（No.12）】.
  const enclosed = OPEN.includes(phrase.charAt(0)) && CLOSE.includes(phrase.charAt(phrase.length - 1));
  const hasBrackets = [...phrase].some((c) => OPEN.includes(c) || CLOSE.includes(c));
  const mark = enclosed ? phrase : hasBrackets ? `【${phrase}】` : `（${phrase}）`;
  const out: RelistMark = { mark, name, fromRemarks: true };
  if (phrase === text) out.wholeRemark = true;
  const suffix = SUFFIX.exec(phrase);
  const no = numberOf(NO.exec(phrase)?.[1] ?? suffix?.[1] ?? suffix?.[2]);
  if (no !== undefined) out.no = no;
  if (no !== undefined) return out;
  // 1-(1)-①の再掲, 再掲（1-(1)-①）, 再掲：1-1-1: the place as numbers, as in a name's mark (1-(1)-①
  // had been read as a 基本方針 named 「1-」, its original said to stand elsewhere, PP407)
  const before = new RegExp(`^[※＊]?\\s*(${PLACE})\\s*の?再掲$`, "u").exec(phrase);
  const relisted = phrase.indexOf("再掲");
  const after = relisted < 0 ? null : PLACE_AFTER.exec(phrase.slice(relisted + 2));
  if (before || after) { out.ref = numberedRef((before?.[1] ?? after?.[1] ?? after?.[2])!); return out; }
  // 市民サービス(1)①の再掲, ※くらしⅠ①の再掲: the place of the original, as in 【…の再掲】.
  const place = /^(.+?)の再掲$/.exec(phrase);
  if (place && (/[（(]\s*[0-9０-９]+\s*[)）]/.test(place[1]!) || placeNumbers(place[1]!.replace(/^[※＊]\s*/u, "")))) out.ref = refOf(place[1]!);
  return out;
}

/** Dice coefficient over character bigrams: how alike two names are (0–1). */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => { const g: string[] = []; for (let i = 0; i < s.length - 1; i++) g.push(s.slice(i, i + 2)); return g; };
  const ga = grams(a), gb = grams(b);
  if (!ga.length || !gb.length) return a === b ? 1 : 0;
  const pool = new Map<string, number>();
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let hit = 0;
  for (const g of ga) { const n = pool.get(g) ?? 0; if (n > 0) { hit++; pool.set(g, n - 1); } }
  return (2 * hit) / (ga.length + gb.length);
}

/** The first place two texts differ, a few characters each side: 「対象施設も」/「対象施設を」. */
export function firstDifference(a: string, b: string): [string, string] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  const from = Math.max(0, i - 4);
  // A few characters after the change too, so a one-character change reads in context.
  const end = (s: string) => Math.min(s.length, Math.max(i + 1, s.length - j) + 3);
  return [a.slice(from, end(a)).slice(0, 30), b.slice(from, end(b)).slice(0, 30)];
}


/** Projects by a form of their name, in plan order. */
function byName(projects: readonly SourcedProject[], formOfName: (name: string) => string): Map<string, SourcedProject[]> {
  const out = new Map<string, SourcedProject[]>();
  for (const o of projects) {
    const key = formOfName(o.project.name);
    const list = out.get(key);
    if (list) list.push(o); else out.set(key, [o]);
  }
  return out;
}

/**
 * A name without the marks that single a project out (★, ◎, ■ … before it, and a 重点 tag in
 * brackets before or after it: 【重点】, ［重点事業］), in formOf's form. A 再掲 of
 * 「【重点】電子申請の拡大」 written without the tag had found no original (PP406).
 */
const PRIORITY_TAG = "[【\\[(〔〈《<]重点(?:事業|取組|施策|プロジェクト|項目)?[】\\])〕〉》>]";
const LEAD_MARKS = new RegExp(`^(?:[★☆◆◇■□◎●○◉]|${PRIORITY_TAG})+|(?:${PRIORITY_TAG})+$`, "gu");
const withoutLeadMark = (name: string): string => formOf(name).replace(LEAD_MARKS, "");

const inPlace = (s: SourcedProject, ref: NonNullable<RelistMark["ref"]>, numbered: (n: number) => ReadonlySet<string>) =>
  (!ref.policy || s.project.policy === ref.policy || s.project.policy.includes(ref.policy) || ref.policy.includes(s.project.policy))
  && (ref.policyNumber == null || numbered(ref.policyNumber).has(s.project.policy))
  && (ref.measure === null || s.project.measure.number === ref.measure)
  && (ref.initiative === null || s.project.initiative?.number === ref.initiative);

/**
 * The 基本方針 a mark's number names (the `2` of `2-(1)-①`): the documents number them in plan
 * order, and a plan may write its own numbers. Where the two name different ones (PP416), both
 * are where the mark may point: the original is then found only by its name there, never guessed.
 */
function policiesNumbered(sourced: readonly SourcedProject[]): (n: number) => ReadonlySet<string> {
  const order = [...new Set(sourced.map((s) => s.project.policy))];
  const out = new Map<number, Set<string>>();
  const add = (n: number, policy: string) => { const set = out.get(n) ?? new Set(); set.add(policy); out.set(n, set); };
  order.forEach((policy, i) => add(i + 1, policy));
  for (const s of sourced) if (s.policyNumber !== null) add(s.policyNumber, s.project.policy);
  return (n) => out.get(n) ?? new Set();
}

const whereOf = (s: SourcedProject) => `${s.project.policy}${s.marks.measure}${s.marks.initiative}`;

/**
 * Sets relistOf for every marked project whose original is found: by name (preferring one where
 * the marker points), else the single project where the marker points if its name is alike.
 * A marked 再掲 whose original cannot be found keeps relistOf null, its mark, and a PP406.
 */
export function resolveRelists(sourced: SourcedProject[], bag: DiagnosticBag): void {
  const originals = sourced.filter((s) => !s.relist);
  // By name through a map: a plan of thousands of projects with many 再掲 stays linear. A name in
  // other widths or with spaces (ＲＰＡの導入 / RPAの導入) is the same name, its difference said (PP408).
  const named = byName(originals, formOf);
  // A name with a mark before it (★窓口キャッシュレス: a 重点 mark) is the name without it, its difference said (PP408).
  const unmarked = byName(originals, withoutLeadMark);
  const numbered = policiesNumbered(sourced);
  for (const s of sourced) {
    // (a name that is only its mark is missing: PP301 says so)
    if (!s.relist || !s.project.name) continue;
    const p = s.project;
    const ref = s.relist.ref;
    if (s.relist.no !== undefined) { resolveByNo(s, s.relist.no, sourced, bag); continue; }
    const own = (list: SourcedProject[] | undefined) => (list ?? []).filter((o) => o.project.no !== p.no);
    const exact = own(named.get(formOf(p.name)));
    const byName = exact.length ? exact : own(unmarked.get(withoutLeadMark(p.name)));
    const byRef = ref ? originals.filter((o) => o !== s && inPlace(o, ref, numbered)) : [];
    const at = s.cells.name ?? s.place;
    let original = byName.find((o) => byRef.includes(o)) ?? byName[0];
    if (original && ref && !byRef.includes(original)) {
      bag.add("PP407", at, { no: p.no, ref: excerpt(ref.text), orig: original.project.no, where: whereOf(original) }, { projectNo: p.no, relatedNo: original.project.no });
    }
    if (!original && byRef.length === 1 && similarity(byRef[0]!.project.name, p.name) >= 0.6) original = byRef[0]!;
    // found where the mark points by a name alike, or by the name in other widths or spaces
    if (original && original.project.name !== p.name) {
      const [a, b] = firstDifference(original.project.name, p.name);
      bag.add("PP408", at, { no: p.no, orig: original.project.no, detail: `「${a}」/「${b}」` }, { projectNo: p.no, relatedNo: original.project.no });
    }
    if (original) { p.relistOf = original.project.no; continue; }
    // a 再掲 written with its original's No (電子申請（再掲） as No.1 again): said as such (PP395)
    if (!ref && (named.get(formOf(p.name)) ?? []).some((o) => o.project.no === p.no)) continue;
    const ja = bag.lang === "ja";
    const name = excerpt(p.name), refText = excerpt(ref?.text ?? "");
    let detail: string;
    if (ref && byRef.length) {
      const nos = byRef.map((o) => `No.${o.project.no}`).join("、");
      detail = ja ? `「${refText}」の事業は ${nos} で、名称「${name}」と一致しません` : `"${refText}" holds ${nos}, whose name is not "${name}"`;
    } else if (ref) {
      detail = ja ? `「${refText}」に当たる事業がなく、同じ名称の事業もありません` : `nothing stands at "${refText}" and no project has this name`;
    } else {
      detail = ja ? `同じ名称「${name}」の事業がありません` : `no project is named "${name}"`;
    }
    bag.add("PP406", at, { no: p.no, detail }, { projectNo: p.no, relatedNo: byRef[0]?.project.no, actual: s.relist.mark });
  }
  for (const s of sourced) resolveRelistedAt(s, sourced, numbered, bag);
}

/**
 * An original's note of where it is relisted (※3-(2)-①に再掲, （No.35に再掲）): the one project
 * there of the same name and without a 再掲 mark of its own is its relisting (PP422, info); none
 * or several, nothing is linked and the note is told at its cell (PP423). A relisting there whose
 * own mark found this original needs no word.
 */
function resolveRelistedAt(s: SourcedProject, sourced: readonly SourcedProject[], numbered: (n: number) => ReadonlySet<string>, bag: DiagnosticBag): void {
  const at = s.relistedAt;
  if (!at) return;
  const p = s.project;
  const there = sourced.filter((o) => o !== s && (at.no !== undefined ? o.project.no === at.no : at.ref !== undefined && inPlace(o, at.ref, numbered)));
  if (there.some((o) => o.project.relistOf === p.no)) return;
  const same = there.filter((o) => !o.relist && o.project.relistOf === null && withoutLeadMark(o.project.name) === withoutLeadMark(p.name));
  const extra = { projectNo: p.no, actual: at.note };
  if (same.length === 1) {
    same[0]!.project.relistOf = p.no;
    bag.add("PP422", at.place, { no: p.no, note: excerpt(at.note), relist: same[0]!.project.no }, { ...extra, relatedNo: same[0]!.project.no });
    return;
  }
  const ja = bag.lang === "ja";
  const nos = there.map((o) => `No.${o.project.no}`).join("、");
  const detail = same.length > 1 ? (ja ? `同じ名称の事業が ${same.map((o) => `No.${o.project.no}`).join("、")} と複数あります` : `${same.map((o) => `No.${o.project.no}`).join(", ")} all have this name`)
    : there.length ? (ja ? `そこにある ${nos} は名称が違うか、ほかの事業の再掲です` : `${nos} there ${there.length > 1 ? "have" : "has"} another name or relist another project`)
      : ja ? "そこに事業がありません" : "no project stands there";
  bag.add("PP423", at.place, { no: p.no, note: excerpt(at.note), detail }, extra);
}

/** `（再掲：No.12）`: the number decides; a name that differs is reported, as for a reference by place. */
function resolveByNo(s: SourcedProject, no: number, sourced: SourcedProject[], bag: DiagnosticBag): void {
  const p = s.project;
  const at = s.cells.name ?? s.place;
  const original = sourced.find((o) => o.project.no === no && o !== s && !o.relist);
  if (!original) {
    const ja = bag.lang === "ja";
    // which of the three: the mark names its own No., a 再掲 (not an original), or no project
    const detail = no === p.no ? (ja ? `No.${no} はこの事業自身です` : `No.${no} is this project itself`)
      : sourced.some((o) => o.project.no === no && o.relist) ? (ja ? `No.${no} もまた再掲です` : `No.${no} is a 再掲 too`)
        : ja ? `No.${no} の事業がありません` : `there is no project No.${no}`;
    bag.add("PP406", at, { no: p.no, detail }, { projectNo: p.no, actual: s.relist?.mark });
    return;
  }
  p.relistOf = original.project.no;
  if (original.project.name !== p.name) {
    const [a, b] = firstDifference(original.project.name, p.name);
    bag.add("PP408", at, { no: p.no, orig: original.project.no, detail: `「${a}」/「${b}」` }, { projectNo: p.no, relatedNo: original.project.no });
  }
}
