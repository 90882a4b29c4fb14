// Department lists: split on the configured separators, line breaks and spaces, and on ・ only
// where the part before it ends as a department name does (子ども・若者課 stays one name). 各課 is
// a flag, not a name; the configured words for every department (全庁, 全課 …) and `…ほか全課`
// mean 各課 too. A lead-department mark (（主）, ◎) is stripped and its department goes first.
import type { Config } from "../config/schema.js";
import { longestFirst } from "./text.js";

export interface Departments {
  names: string[];
  all: boolean;
  duplicates: string[];
  dropped: string[];
  /** Lead-department marks stripped, as written. */
  leadMarks: string[];
  /** Words read as 各課 other than the marker itself (全庁, ほか全課). */
  allWords: string[];
  /** Names that still hold brackets or marks: suspicious, kept as written. */
  odd: string[];
  /** Related departments written in brackets in the cell (（関係課：市民課）), as written. */
  bracketed: string[];
  /** A 部 or 局 with its departments in brackets (総務部（総務課、情報政策課）), as written. */
  divisions: string[];
  /** Notes after ※ in the cell (総務課　※R9から管財課), as written: no department. */
  notes: string[];
  /** Related roles naming no department (情報政策課（関係課）), as written: nothing added. */
  emptyRoles: string[];
}

/**
 * Related departments in brackets after the lead ones: （関係課：市民課、健康課）, 【協力：各課】,
 * (連携 健康課). A role word is needed: （市民課） alone says nothing of its role.
 */
const RELATED_IN_BRACKETS = /[（(【［[〔]\s*((?:関係|関連|協力|連携|支援|共同|参加)(?:課|部署|部課|所管|課等)?)\s*[:：\s]\s*([^（()）【】［\]〔〕]+?)\s*[）)】］\]〕]/gu;

/** Role words: of the lead department (主管：福祉課) and of related ones (関係：健康課, （副）市民課). */
const LEAD_ROLE = "主管|主担当|主|担当|所管|正";
const RELATED_ROLE = "副|関係|関連|協力|連携|支援|共同|参加|関"; // (関 alone, as 主 is: 【主】情報政策課【関】市民課)
/**
 * A role written before the departments it gives, up to the next role or the cell's end: a role
 * word and a colon (`主管：福祉課／関係：健康課`), or a related role alone in brackets (`（副）市民課`;
 * a lead one in brackets, （主）, is a lead-department mark).
 */
const ROLE_BEFORE = new RegExp(`[（(【［[〔]\\s*(${RELATED_ROLE})(?:課|部署|部課|所管|課等)?\\s*[）)】］\\]〕]`
  + `|(?<![\\p{L}\\p{N}])(${LEAD_ROLE}|${RELATED_ROLE})(?:課|部署|部課|所管|課等)?\\s*[:：]`, "gu");
const RELATED_FIRST = new RegExp(`^(?:${RELATED_ROLE})`, "u");
const ROLE_ALONE = new RegExp(`^(?:${LEAD_ROLE}|${RELATED_ROLE})(?:課|部署|部課|所管|課等)?$`, "u");

/**
 * The cell cut at its role words: the text before any role, the lead roles' text (their names go
 * first) and the related roles' (after the lead departments), with the roles as written.
 */
function byRole(text: string): { main: string; lead: string[]; related: string[]; leadRoles: string[]; relatedRoles: string[]; unnamed: string[] } {
  // (not inside a bracket after a name: 情報政策課（担当：DX推進係） is a unit of its 課, as
  // 情報政策課（DX推進担当） is; cut there, it had been two names, 「情報政策課（」 and 「DX推進係）」)
  const marks = [...text.matchAll(ROLE_BEFORE)].filter((m) => !insideBracket(text.slice(0, m.index)));
  const out = { main: text, lead: [] as string[], related: [] as string[], leadRoles: [] as string[], relatedRoles: [] as string[], unnamed: [] as string[] };
  if (!marks.length) return out;
  out.main = text.slice(0, marks[0]!.index);
  marks.forEach((m, i) => {
    const names = text.slice(m.index + m[0].length, marks[i + 1]?.index ?? text.length);
    const related = m[1] !== undefined || RELATED_FIRST.test(m[2]!);
    // a related role naming no one (情報政策課（関係課）): nothing added, said as such (PP397); it
    // had been said as related departments added (PP331)
    if (related && !/[^、,，／/\s]/u.test(names)) out.unnamed.push(m[0].trim());
    else if (related) { out.related.push(names); out.relatedRoles.push(`${m[0]}${names}`.trim().replace(/[、,，／/\s]+$/u, "")); }
    else { out.lead.push(names); out.leadRoles.push(m[0].trim()); }
  });
  return out;
}

/** Whether `before` leaves a bracket open. */
const insideBracket = (before: string): boolean =>
  (before.match(/[（(【［[〔]/gu)?.length ?? 0) > (before.match(/[）)】］\]〕]/gu)?.length ?? 0);

/** A note after ※ (or ＊) in a cell, to its line's end: 総務課　※R9から管財課. */
const NOTE = /[\s\u3000]*[※＊][^\n]*/gu;

/** Words a department cell says "none" with (関係課: なし, 該当なし, －). */
const NONE = /^(?:なし|無し|無|該当なし|特になし|特に無し|[-‐－―ーｰ—×✕]+)$/u;
/** A name with no letter or kanji at all (`..`, `-`) is export damage, not a department. */
const NAME_LIKE = /[\p{L}\p{N}]/u;
/** Brackets and marks that have no place in a department's name. */
// (and marks that join or relate names, 市民課＋健康課, 情報政策課→DX推進課: one name of two had had a file)
const NAME_MARKS = /[()（）【】［］[\]〔〕「」『』<>＜＞{}｛｝◎○〇●◇◆□■★☆※＊*:：+＋&＆|｜→⇒➡←⇔＝=#＃@＠]/;
/** A 部/局 (or 委員会: 教育委員会 学校教育課) followed by a space and a 課 is one department written with its division (総務部 総務課). */
const DIVISION = /(?:[部局]|委員会)$/u;
/** A 課/室 followed by a space and a unit of it is one department too (情報政策課 DX推進係). */
export const SECTION = /[課室]$/u;
export const UNIT = /\S(?:係|担当|グループ|チーム|班)$/u;
/** A unit in brackets after its 課 (情報政策課（DX推進担当）): the name as written, no stray bracket (PP322). */
export const BRACKETED_UNIT = /^[（(][^（()）]*\S(?:係|担当|グループ|チーム|班)[）)]$/u;
const withBracketedUnit = (name: string): boolean => {
  const open = name.search(/[（(][^（()）]*[）)]$/u);
  return open > 0 && SECTION.test(name.slice(0, open)) && BRACKETED_UNIT.test(name.slice(open));
};
/** Words that join named departments to 各課 at a cell's end: 情報政策課ほか全課. */
const OTHERS = /(?:ほか|他|外|その他|及び|および|並びに|など|等)$/;

/**
 * Departments said without naming them (関係各課, 関係部署, 各担当課, 所管各課, 各事業担当課,
 * 各施設): no department's name (PP312).
 */
const UNNAMED = /^(?:関係|関連|各|所管|担当|事業|該当)+(?:各課|各部|各部署|部署|部課|課|各所属|所属|各課室|課室|機関|各機関|施設|各施設)等?$/u;

/** "And others" after named departments (情報政策課ほか, 情報政策課 外, ほか2課): no department's name. */
const AND_OTHERS = /(?:その他|ほか|他|外|など|等)(?:[0-9０-９一二三四五六七八九十]+(?:課|部|局|室|課室|所属|部署))?$/u;

/**
 * A name without an "and others" word at its end (情報政策課ほか → 情報政策課), or nothing when
 * the part is that word alone: the others are not named, so they are no department (PP312).
 */
function withoutOthers(name: string, config: Config): { name: string; others: string | null } {
  // 市民課ほか関係課: the others said after the word, still without their names
  const said = /(?:その他|ほか|他|など|等)(?=関係|関連)/u.exec(name);
  // (also alone, after a space: 情報政策課 ほか関係課)
  const head = said ? name.slice(0, said.index) : "";
  if (said && UNNAMED.test(name.slice(said.index + said[0].length)) && (head === "" || config.departmentSuffixes.some((x) => head.endsWith(x)))) {
    return { name: name.slice(0, said.index), others: name.slice(said.index) };
  }
  const m = AND_OTHERS.exec(name);
  if (!m) return { name, others: null };
  const before = name.slice(0, -m[0].length);
  if (!before) return { name: "", others: m[0] };
  return config.departmentSuffixes.some((x) => before.endsWith(x)) ? { name: before, others: m[0] } : { name, others: null };
}

/** A text as a regular expression matching it literally. */
export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A 部 or 局 followed by a bracket (総務部（総務課、情報政策課）): its name (no separator or bracket in it) and the bracket's words. */
const DIVISION_BRACKET = /([^\s\u3000、,，／/；;・（()）【】［\]〔〕]*[部局])[\s\u3000]*[（(]([^（()）【】［\]〔〕]+)[）)]/gu;

/** A bracket with no role word in it (（市民課、健康課）): related departments where the header says so. */
const PLAIN_BRACKETS = /[（(【［[〔]([^（()）【】［\]〔〕]+)[）)】］\]〕]/gu;

/**
 * `bracketsRelated`: the column's header says its brackets hold related departments
 * (`担当課（関係課）`), so a bracket without a role word in a cell is read as one with it.
 */
export function splitDepartments(given: string, config: Config, column = "", bracketsRelated = false): Departments {
  const out: Departments = { names: [], all: false, duplicates: [], dropped: [], leadMarks: [], allWords: [], odd: [], bracketed: [], divisions: [], notes: [], emptyRoles: [] };
  // a note after ※ names no department (it had been one, 「※R9から管財課」, with a file of its own)
  const noted = given.replace(NOTE, (note) => { if (note.trim().length > 1) out.notes.push(note.trim()); return "\n"; });
  // related departments in brackets go after the cell's own, before the 関係課 column's
  const inBrackets: string[] = [];
  const asRelated = (whole: string, names: string) => {
    out.bracketed.push(whole.trim());
    inBrackets.push(names);
    return "\n";
  };
  let unbracketed = noted.replace(RELATED_IN_BRACKETS, (whole, _role: string, names: string) => asRelated(whole, names));
  // (not a lead mark, （主）, nor a role alone, （副）: read below)
  if (bracketsRelated) {
    unbracketed = unbracketed.replace(PLAIN_BRACKETS, (whole, names: string) =>
      config.leadDepartmentMarks.includes(whole) || ROLE_ALONE.test(names.trim()) ? whole : asRelated(whole, names));
  }
  // A 部/局 with its 課 in brackets (総務部（総務課、情報政策課）): the 課 are the departments, as
  // a department's file is a 課's; it had been one name of them all (PP322). Said (PP381).
  unbracketed = unbracketed.replace(DIVISION_BRACKET, (whole, division: string, names: string) => {
    // (a lead mark on the 部, ◎総務部（…）: which of its 課 leads? left as it was)
    if (config.leadDepartmentMarks.some((m) => division.includes(m))) return whole;
    const parts = listParts(names, config);
    // (a unit, 庶務担当, is one of a 課: under a 部 it is not told which)
    const named = (p: string) => endsAsDepartment(p, config) && !UNIT.test(p) && !readAll(p, config);
    if (!parts.length || !parts.every((p) => named(stripLeadMarks(p, config.leadDepartmentMarks).name))) return whole;
    out.divisions.push(whole.trim());
    return `\n${names}\n`;
  });
  const roles = byRole(unbracketed);
  out.bracketed.push(...roles.relatedRoles);
  out.emptyRoles.push(...roles.unnamed);
  out.leadMarks.push(...roles.leadRoles);
  const text = [...roles.lead, roles.main].join("\n");
  const related = [...inBrackets, ...roles.related, column].filter((t) => t.trim()).join("\n");
  // Lead departments with the rank of their mark: where a cell uses two marks (◎ lead, ○ partner)
  // the one earlier in the config's list goes first.
  const lead: { name: string; rank: number }[] = [];
  const rest: string[] = [];
  const listed = (name: string) => out.names.includes(name) || lead.some((l) => l.name === name) || rest.includes(name);
  for (const [cell, isRelated] of [[text, false], [related, true]] as const) {
    for (const part of listParts(keepBracketsWhole(cell), config).map(restoreBrackets)) {
      const { name, marks } = stripLeadMarks(part, config.leadDepartmentMarks);
      if (!name) continue;
      const all = readAll(name, config);
      if (all) {
        out.all = true;
        if (all.word !== config.allDepartmentsMarker) out.allWords.push(all.word);
        if (!all.rest) continue;
      }
      const { name: n, others } = withoutOthers(all?.rest ?? name, config);
      if (others) out.dropped.push(others);
      // a cell saying there is none (関係課: なし, －): no department, and nothing to say
      if (!n || NONE.test(n)) continue;
      if (!NAME_LIKE.test(n) || UNNAMED.test(n)) { out.dropped.push(n); continue; }
      out.leadMarks.push(...marks);
      if (NAME_MARKS.test(n) && !withBracketedUnit(n)) out.odd.push(n);
      if (listed(n)) out.duplicates.push(n);
      else if (marks.length && !isRelated) lead.push({ name: n, rank: Math.min(...marks.map((m) => config.leadDepartmentMarks.indexOf(m))) });
      else rest.push(n);
    }
    // The lead departments of the main cell first, then its others, then the related column's.
    out.names.push(...lead.sort((a, b) => a.rank - b.rank).map((l) => l.name), ...rest);
    lead.length = 0;
    rest.length = 0;
  }
  return out;
}

/**
 * A bracket left in a cell (no role word: （市民課、健康課）) is not split inside: the name keeps it
 * whole and is said as odd (PP322), rather than cut into `情報政策課（市民課` and `健康課）`.
 * Its separators and spaces stand in private-use characters while the cell is split.
 */
const IN_BRACKET = ["、", ",", "，", "／", "/", "；", ";", "・", " ", "\u3000", "\n"];
const keepBracketsWhole = (text: string): string =>
  text.replace(PLAIN_BRACKETS, (b) => [...b].map((ch) => {
    const at = IN_BRACKET.indexOf(ch);
    return at < 0 ? ch : String.fromCharCode(0xe000 + at);
  }).join(""));
const restoreBrackets = (text: string): string =>
  text.replace(/[\ue000-\ue00a]/gu, (ch) => IN_BRACKET[ch.charCodeAt(0) - 0xe000]!);

const separatorCache = new WeakMap<readonly string[], RegExp>();
function separators(seps: readonly string[]): RegExp {
  let re = separatorCache.get(seps);
  if (!re) { re = new RegExp(`(?:${[...seps.map(escape), "\\n"].join("|")})`); separatorCache.set(seps, re); }
  return re;
}

/**
 * The cell's parts: separators and line breaks (but a 部 and its 課 on the next line are one name:
 * a narrow column wraps 子ども家庭部⏎子ども政策課; so are a 課 and its 係), spaces (a 部 and its 課,
 * a 課 and its 係 stay together), then ・.
 */
function listParts(text: string, config: Config): string[] {
  const marks = config.leadDepartmentMarks;
  const ends = (s: string) => config.departmentSuffixes.some((x) => s.endsWith(x));
  return joinWrappedNames(text, config).replace(/([部局課室])[ \t\u3000]*\n[\s\u3000]*(?=\S)/g, (whole, end: string, at: number, all: string) => {
    const next = all.slice(at + whole.length).split(separators(config.departmentSeparators))[0]!.trim();
    const within = DIVISION.test(end) ? !DIVISION.test(next) && ends(next) : UNIT.test(next);
    return within ? `${end} ` : whole;
  // 総務部／情報政策課: a 部 and its 課 written as a path, one department (総務部 had had a file of its own)
  }).replace(/(?<=[部局]|委員会)[ \t\u3000]*[／/][ \t\u3000]*(?=\S)/gu, (whole, at: number, all: string) => {
    const next = all.slice(at + whole.length).split(separators(config.departmentSeparators))[0]!.trim();
    return !DIVISION.test(next) && ends(next) ? " " : whole;
  }).split(separators(config.departmentSeparators))
    .flatMap((p) => joinSpaced(p.trim().split(/[\s\u3000]+/), config))
    .flatMap((p) => splitOnDots(p, config.departmentSuffixes, marks))
    .flatMap((p) => splitOnWords(p, config));
}

/**
 * A line break inside a name (a cell wrapped by hand, Alt+Enter: 子ども子育て⏎支援課): the line
 * before it ends no department, the two halves joined do. Each half had been a department, with
 * a file of its own (子ども子育て, 支援課).
 */
function joinWrappedNames(text: string, config: Config): string {
  if (!text.includes("\n")) return text;
  const seps = new RegExp(`(?:${config.departmentSeparators.map(escape).join("|")}|[\\s\\u3000])`, "u");
  const lines = text.split(/[ \t\u3000]*\n[\s\u3000]*/u);
  let out = lines[0]!;
  for (const line of lines.slice(1)) {
    const tail = out.split(seps).at(-1)!.trim();
    const head = line.split(seps)[0]!.trim();
    const wrapped = tail !== "" && head !== "" && !endsAsDepartment(stripLeadMarks(tail, config.leadDepartmentMarks).name, config)
      && readAll(tail, config) === null && endsAsDepartment(tail + head, config) && !NAME_MARKS.test(tail + head);
    out += wrapped ? line : `\n${line}`;
  }
  return out;
}

/** Words joining two departments (情報政策課及び市民課, 市民課と情報政策課, 情報政策課を中心に全庁). */
const JOINING = /及び|および|並びに|ならびに|を中心に(?:して)?|を中心として|と/u;

/**
 * A part split where a joining word stands between two departments: the words before it end as a
 * department does and those after it do too (or mean every department). 子どもと家庭課 stays whole.
 */
function splitOnWords(part: string, config: Config): string[] {
  const ends = (s: string) => endsAsDepartment(stripLeadMarks(s, config.leadDepartmentMarks).name, config);
  for (const m of part.matchAll(new RegExp(JOINING.source, "gu"))) {
    const before = part.slice(0, m.index), after = part.slice(m.index + m[0].length);
    if (before.length < 2 || after.length < 2 || !ends(before)) continue;
    if (!ends(after) && readAll(after, config) === null && !JOINING.test(after)) continue;
    const rest = splitOnWords(after, config);
    if (rest.every(ends) || rest.some((r) => readAll(r, config))) return [before, ...rest];
  }
  return [part];
}

/** A name that ends as a department's does (`課`, `室` …: `departmentSuffixes`), or a word for every department. */
export function endsAsDepartment(name: string, config: Config): boolean {
  return config.departmentSuffixes.some((x) => name.endsWith(x)) || name === config.allDepartmentsMarker || config.allDepartmentsWords.includes(name);
}

/**
 * Pieces split at spaces are one name again where the split cannot be between two departments:
 * a piece that does not end as a department does (情報 政策課), a lone mark (◎ 情報政策課,
 * 情報政策課 （主）), a 部/局 followed by its 課 (総務部 総務課), or a 課 by its unit (情報政策課 DX推進係).
 */
function joinSpaced(pieces: string[], config: Config): string[] {
  const out: string[] = [];
  const isMark = (s: string) => config.leadDepartmentMarks.includes(s);
  const ends = (s: string) => endsAsDepartment(s, config);
  for (const piece of pieces) {
    if (!piece) continue;
    const prev = out[out.length - 1];
    // (a 課 with a note in brackets after it, 福祉総務課（地域福祉担当）, is its 部's too; a unit
    // before a ・ and another department, 情報政策課 DX推進係・市民課, is its 課's)
    const noted = piece.replace(/[（(][^（()）]*[）)]$/u, "");
    const joins = prev !== undefined && (isMark(piece) || isMark(prev) || !ends(stripLeadMarks(prev, config.leadDepartmentMarks).name)
      || (DIVISION.test(prev) && !DIVISION.test(noted) && ends(noted)) || (SECTION.test(prev) && UNIT.test(piece.split("・")[0]!)));
    if (joins) out[out.length - 1] = `${prev}${piece}`; else out.push(piece);
  }
  return out;
}

function splitOnDots(part: string, suffixes: string[], marks: string[]): string[] {
  const pieces = part.split("・");
  const out: string[] = [];
  let cur = pieces[0] ?? "";
  for (const next of pieces.slice(1)) {
    const bare = stripLeadMarks(cur, marks).name;
    // 各課・室: a suffix alone names no department, it extends the one before (各課室)
    if (suffixes.includes(next.trim())) cur = `${cur}${next.trim()}`;
    else if (suffixes.some((s) => bare.endsWith(s))) { out.push(cur); cur = next; } else cur = `${cur}・${next}`;
  }
  out.push(cur);
  return out;
}

/** The name without white space and without the lead-department marks in it. */
function stripLeadMarks(part: string, marks: readonly string[]): { name: string; marks: string[] } {
  let name = part.replace(/[\s\u3000]+/g, "");
  const found: string[] = [];
  // Longest first: （主管） before （主）, so no half of a mark is left behind.
  for (const m of longestFirst(marks)) {
    if (name.includes(m)) { found.push(m); name = name.split(m).join(""); }
  }
  // a mark written in brackets or before a colon (情報政策課（◎）, ◎：情報政策課) leaves them
  // behind: no part of the name (「情報政策課（）」「：情報政策課」 had been printed, PP322)
  if (found.length) name = name.replace(/[（(【［[〔][）)】］\]〕]/gu, "").replace(/^[:：]+|[:：]+$/gu, "");
  return { name, marks: found };
}

/** 各課 or a word meaning it, alone or after named departments (情報政策課ほか全課). */
function readAll(name: string, config: Config): { word: string; rest: string } | null {
  const all = (w: string) => w === config.allDepartmentsMarker || config.allDepartmentsWords.includes(w);
  if (all(name)) return { word: name, rest: "" };
  // 全庁（各課）: one such word explained by another in brackets
  const bracketed = /^([^（()）]+)[（(]([^（()）]+)[）)]$/u.exec(name);
  if (bracketed && all(bracketed[1]!) && all(bracketed[2]!.trim())) return { word: name, rest: "" };
  // 人事課（全課）: a department, and every department in brackets after it (it had been one
  // department named 「人事課（全課）」, a file of that name)
  if (bracketed && all(bracketed[2]!.trim()) && config.departmentSuffixes.some((x) => bracketed[1]!.endsWith(x))) {
    return { word: bracketed[2]!.trim(), rest: bracketed[1]! };
  }
  for (const w of [...longestFirst(config.allDepartmentsWords), config.allDepartmentsMarker]) {
    if (!name.endsWith(w)) continue;
    const before = name.slice(0, -w.length);
    const m = OTHERS.exec(before);
    // (also alone, after a space: 市民課　ほか各課)
    if (m) return { word: `${m[0]}${w}`, rest: before.slice(0, -m[0].length) };
  }
  return null;
}
