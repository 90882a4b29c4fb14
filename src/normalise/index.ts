// The normalise stage: raw rows → the plan model. Pure: everything it reads is in the table.
import type { ColumnKey, Config } from "../config/schema.js";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { asciiDigits, wareki } from "../fiscal.js";
import type { Place } from "../diagnostics/schema.js";
import { columnLabel } from "../ingest/block.js";
import { STATUS_TAG } from "../ingest/columns.js";
import { REQUIRED_KEYS } from "../ingest/header.js";
import type { PlanTable } from "../ingest/index.js";
import type { RawRow } from "../ingest/rows.js";
import type { Phase, Plan, Policy, Project } from "../model/schema.js";
import { type Departments, splitDepartments } from "./departments.js";
import { categorise } from "./category.js";
import { splitDescription } from "./description.js";
import { type NumberedText, parseNumbered, parsePolicy, parseRoman } from "./hierarchy.js";
import { parseRelist, parseRelistedAt, parseRemarksRelist } from "./relist.js";
import { addNote, buildSchedule, classifyCell, type ScheduleOptions, splitNote, tableDrawing } from "./schedule.js";
import type { RelistedAt, RelistMark, SourcedProject } from "./sourced.js";
import { cleanText, excerpt, foreignScript, NOTHING, parseProjectNo, projectNoText, removeInvisible, stripHtml } from "./text.js";

/** The period of a plan whose header names no years (PP208) or that could not be read: a stand-in. */
export const UNKNOWN_PERIOD = { start: 2000, end: 2000 } as const;

export function normaliseRows(table: PlanTable, given: Config, bag: DiagnosticBag): SourcedProject[] {
  // the file's legend gives its marks a meaning; the config's own wins
  const legended = Object.keys(table.markLabels).length
    ? { ...given, schedule: { ...given.schedule, markLabels: { ...table.markLabels, ...given.schedule.markLabels } } }
    : given;
  const config = flagTable(table, legended, bag);
  const period = table.period ?? UNKNOWN_PERIOD;
  const out: SourcedProject[] = [];
  // A text table that draws its schedule year by year (→, 〃, repeated labels, ●) marks every
  // active year: a blank year there has no phase, instead of continuing the label on its left.
  stripScheduleHtml(table.rows, bag);
  // (rows of exact spans, a column of periods or a row per year, say nothing of how the others are drawn)
  const drawn = table.rows.filter((r) => !r.exactSpans);
  const drawing = drawn.length ? tableDrawing(drawn.map((r) => r.schedule), period, config) : null;
  // The way most rows show decides (a tie: year by year, as the marks say); the rows written the
  // other way are said at their first cell.
  const evidence = drawing?.yearByYear && drawing.rows >= drawing.apart ? drawing.yearByYear : null;
  if (evidence) bag.add("PP316", evidence.place);
  if (evidence && drawing!.firstApart) bag.add("PP366", drawing!.firstApart.place, { rows: drawing!.rows, apart: drawing!.apart });
  if (!evidence && drawing?.yearByYear) bag.add("PP367", drawing.yearByYear.place, { rows: drawing.rows, apart: drawing.apart });
  mendKana(table.rows, bag);
  levelFootnotes(table.rows, bag);
  levelNotes(table.rows, bag);
  const roman = romanLevels(table.rows, bag);
  for (const row of table.rows) {
    const sp = normaliseRow(row, period, { yearByYear: evidence !== null, fillLabels: table.fillLabels }, roman, config, bag);
    if (sp) out.push(sp);
  }
  unprintedRemarks(table.rows, bag);
  footnoteMarks(out, bag);
  statusTags(out, bag);
  ownNumbers(out, bag);
  return out;
}

/**
 * A schedule written in flags (every year cell 1, 0 or empty, as a database or a check list
 * exports it): 1 marks an active year and 0 a year without a phase, said once (PP393). Each 1 had
 * been refused as a sign without words (PP332). One other figure (2, 1,200) leaves every cell as
 * it is: counts, not flags.
 */
function flagTable(table: PlanTable, config: Config, bag: DiagnosticBag): Config {
  const cells = table.rows.flatMap((r) => r.schedule).filter((c) => c.text.trim());
  const flag = (c: { text: string }) => c.text.normalize("NFKC").trim();
  const first = cells.find((c) => flag(c) === "1");
  if (!first || !cells.every((c) => ["0", "1"].includes(flag(c)))) return config;
  bag.add("PP393", first.place, { count: cells.filter((c) => flag(c) === "1").length });
  const { activeMarks, blankMarks } = config.schedule;
  return { ...config, schedule: { ...config.schedule, activeMarks: [...activeMarks, "1", "１"], blankMarks: [...blankMarks, "0", "０"] } };
}

/** A footnote's mark: `※`, `※1`, `＊2`, `（注）`, `(注2)` (not a bare `注1`: 発注1). */
const FOOTNOTE = String.raw`[\s\u3000]*(?:[※＊*][0-9０-９]{0,2}|[（(]注[0-9０-９]{0,2}[)）])`;
/** A footnote's mark at a name's end. */
const FOOTNOTE_MARK = new RegExp(`${FOOTNOTE}$`, "u");
/** A footnote's mark after a word, at its cell's end or before the next name (人事課※2、総務課). */
const FOOTNOTE_AFTER = new RegExp(`(?<=[\\p{L}\\p{N}）)])${FOOTNOTE}(?=[\\s\\u3000、，,・／/]|$)`, "gu");

/**
 * A footnote's mark after a 基本方針, 施策 or 取組 or after a department (`市民サービス※1`,
 * `人事課※2`) points at a note the documents do not print (PP341), as a name's does: left out,
 * said once with the count (PP283). `市民サービス※1` had been a 基本方針 of its own beside
 * `市民サービス` (PP419), `人事課※2` a department with a schedule file of its own (PP322).
 */
function levelFootnotes(rows: readonly RawRow[], bag: DiagnosticBag): void {
  let first: { place: Place; key: ColumnKey; text: string; mark: string } | undefined;
  let count = 0;
  for (const row of rows) {
    for (const key of ["policy", "measure", "initiative", "departments", "relatedDepartments"] as const) {
      const cell = row.fields[key];
      const mark = cell && cell.text.match(FOOTNOTE_AFTER)?.[0];
      if (!cell || !mark) continue;
      first ??= { place: cell.place, key, text: cell.text.trim(), mark: mark.trim() };
      cell.text = cell.text.replace(FOOTNOTE_AFTER, "");
      count++;
    }
  }
  if (first) bag.add("PP283", first.place, { column: columnLabel(first.key), text: excerpt(first.text), mark: first.mark, count });
}

/** A note after ※ at the end of a level's title (オンライン化 ※新規): words after the mark. */
const LEVEL_NOTE = /(?<=[\p{L}\p{N}）)])[\s\u3000]*[※＊]\s*\p{L}[^\n]*$/u;

/**
 * A note after ※ at the end of a 基本方針, 施策 or 取組 (`(1)オンライン化 ※新規`) or of a project's
 * name (`電子申請の拡大※国の補助事業`) is no part of its title: left out, and, as the documents do not
 * print it, a warning once per note (a level's repeats on each of its rows), at each name (PP286).
 * The title had varied from row to row (PP414) and been printed with the note.
 */
function levelNotes(rows: readonly RawRow[], bag: DiagnosticBag): void {
  const said = new Set<string>();
  for (const row of rows) {
    for (const key of ["policy", "measure", "initiative", "name"] as const) {
      const cell = row.fields[key];
      const note = cell && LEVEL_NOTE.exec(cell.text)?.[0];
      // (※再掲 says where the level stands, not a note)
      if (!cell || !note || /再\s*掲/u.test(note)) continue;
      cell.text = cell.text.slice(0, cell.text.length - note.length);
      const text = note.trim();
      if (key !== "name" && said.has(`${key}\u0000${text}`)) continue;
      said.add(`${key}\u0000${text}`);
      // (a name's note is its project's: filtered by No in diagnostics.xlsx)
      const no = key === "name" ? parseProjectNo(row.fields.no?.text ?? "") : undefined;
      bag.add("PP286", cell.place, { column: columnLabel(key), text: excerpt(text), title: excerpt(cell.text.trim()) }, { actual: text, ...(no !== undefined ? { projectNo: no } : {}) });
    }
  }
}

/**
 * A name ending in a footnote's mark (`電子申請の拡充※1`) points at a note the documents do not
 * print (PP341): the mark is left out of the name — printed, it would point at nothing — said
 * once with the count (PP347).
 */
function footnoteMarks(sourced: SourcedProject[], bag: DiagnosticBag): void {
  let first: { s: SourcedProject; mark: string } | undefined;
  let count = 0;
  for (const s of sourced) {
    const m = FOOTNOTE_MARK.exec(s.project.name);
    if (!m || m.index === 0) continue;
    first ??= { s, mark: m[0].trim() };
    count++;
    s.project.name = s.project.name.slice(0, m.index);
  }
  if (first) bag.add("PP347", first.s.cells.name ?? first.s.place, { mark: first.mark, name: excerpt(first.s.project.name), rows: count }, { projectNo: first.s.project.no });
}

/**
 * A status tag in brackets at a name's start or end (`【新規】電子申請`) is the plan's 区分, which the
 * documents do not print (as a 区分 column, PP257): left out of the name, said once with the count
 * (PP384). It had been printed as part of the name.
 */
function statusTags(sourced: SourcedProject[], bag: DiagnosticBag): void {
  let first: { s: SourcedProject; tag: string; written: string } | undefined;
  let count = 0;
  for (const s of sourced) {
    const m = STATUS_TAG.exec(s.project.name);
    const rest = m ? (s.project.name.slice(0, m.index) + s.project.name.slice(m.index + m[0].length)).trim() : "";
    if (!m || !rest) continue;
    // (the name as written: 「（拡充）窓口の改善」 had been shown for 「窓口の改善（拡充）」)
    first ??= { s, tag: m[0].trim(), written: s.project.name };
    count++;
    s.project.name = rest;
  }
  if (first) bag.add("PP384", first.s.cells.name ?? first.s.place, { tag: first.tag, name: excerpt(first.written), rows: count }, { projectNo: first.s.project.no });
}

/** A number at a name's start with its separator (`1．`, `(1)`, `No.3 `); not `2.5次元`, `3R`, `1 つの窓口`. */
const NAME_NUMBER = /^[\s\u3000]*(?:(?:No|Ｎｏ)[.．]?[\s\u3000]*([0-9０-９]+)[\s\u3000．.、:：]|[（(]?([0-9０-９]+)[．.、）)])[\s\u3000]*(?![0-9０-９])/u;

/**
 * A name numbered with its own No (`1．電子申請` in No.1's row, as a list written in Word numbers
 * its items) would print the No twice (「1　1．電子申請」): the number is left out of the name, said
 * once with the count (PP280). A 再掲 may carry its original's number instead (`1．電子申請（再掲）` in
 * No.17's row, No.1 named so): left out too, or it would no longer match its original's name.
 * Any other number (counted within a 施策?) stays.
 */
function ownNumbers(sourced: SourcedProject[], bag: DiagnosticBag): void {
  const numbered = sourced.flatMap((s) => {
    const m = NAME_NUMBER.exec(s.project.name);
    const rest = m ? s.project.name.slice(m[0].length).trim() : "";
    return m && rest ? [{ s, number: Number((m[1] ?? m[2])!.normalize("NFKC")), mark: m[0].trim(), rest, written: s.project.name }] : [];
  });
  const own = numbered.filter((n) => n.number === n.s.project.no);
  const named = new Map(own.map((n) => [n.number, n.rest]));
  const relisted = numbered.filter((n) => n.number !== n.s.project.no && n.s.project.relistMark !== null && named.get(n.number) === n.rest);
  for (const n of [...own, ...relisted]) n.s.project.name = n.rest;
  const first = own[0] ?? relisted[0];
  if (first) bag.add("PP280", first.s.cells.name ?? first.s.place, { number: first.mark, name: excerpt(first.written), rows: own.length + relisted.length }, { projectNo: first.s.project.no });
}

/**
 * 備考 is read for its 再掲 marks only (the model has no remarks): any other text in it is not
 * printed, which is said once with the count (PP339) rather than dropped without a word.
 */
function unprintedRemarks(rows: readonly RawRow[], bag: DiagnosticBag): void {
  const texts = rows.flatMap((r) => {
    const cell = r.fields.remarks;
    const t = cleanText(stripHtml(cell?.text ?? "").text);
    // a remark that is its 再掲 mark and nothing else is read (PP324), as is one saying where the
    // project is relisted (※3-(2)-①に再掲: resolveRelists)
    return !cell || !t || parseRemarksRelist(t, "")?.wholeRemark || parseRelistedAt(t)?.rest === "" ? [] : [{ text: t, place: cell.place }];
  });
  if (texts.length) bag.add("PP339", texts[0]!.place, { text: excerpt(texts[0]!.text), rows: texts.length });
}

/**
 * A level's number on a line of its own above its name (`基本方針１⏎市民サービスの向上`, `施策(1)⏎…`):
 * the line break sets them apart as a space would (a break next to Japanese is otherwise a wrap,
 * and the number had been glued into the name: 「基本方針１市民サービスの向上」).
 */
const NUMBER_LINE = /^([^\n]{0,6}?(?:[0-9０-９]{1,3}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ①-⑳])[章節)）.．]?)[ \t\u3000]*\r?\n(?=[^\s])/u;
function numberOnItsLine(key: string, text: string): string {
  return key === "policy" || key === "measure" || key === "initiative" ? text.replace(NUMBER_LINE, "$1 ") : text;
}

/** 再掲 in brackets on a level's or the department's cell (`(1)手続のオンライン化（再掲）`, `会計課（再掲）`). */
export const LEVEL_RELIST = /[（(【〔［[]\s*再\s*掲\s*[)）】〕］\]]/u;
const RELIST_CELLS = ["measure", "initiative", "departments"] as const;

/**
 * A branch number in the No column (1-1, 1－2, 2-3-1, 1.1; NFKC'd by projectNoText), also under a
 * group's letter or Roman numeral (A-1, Ⅱ-3: it had been said only as no number).
 */
const BRANCH_NO = /^(?:[0-9]{1,4}|[A-Za-z]{1,2}|[IVX]{1,4})(?:\s*[-‐−ー.]\s*[0-9]{1,4})+$/u;

/** A No after a word (`新規1`, `新1`, `追加2`: the project's 区分 written into its No). */
const PREFIXED_NO = /^[^\x00-\x7F\d]{1,4}\s*[0-9]{1,4}$/u;

/** A No cell saying the row is a 再掲 (`再掲`, `再`, `2再`, `(再掲)`, `再掲2`). */
const NO_AS_RELIST = /^[(（【]?\s*\d*\s*再掲?\s*\d*\s*[)）】]?$/u;

/** A level's name marked as going on from the page before (`市民サービスの向上（続き）`): the mark is no part of it. */
const CONTINUED_MARK = /[\s\u3000]*[（(]\s*(?:続き|つづき|続|承前|前頁から続く|前ページから続く)\s*[)）]\s*$/u;

/** A cell's words as normalise reads them: no HTML, a level's number on its own line joined to its name. */
const cellText = (row: RawRow, k: keyof RawRow["fields"]): string => cleanText(numberOnItsLine(k, stripHtml(row.fields[k]?.text ?? "").text));
/** A 施策 or 取組 cell with the number its own column gives. */
const levelText = (row: RawRow, key: "measure" | "initiative"): string => withNumber(cellText(row, `${key}Number`), cellText(row, key));

/**
 * The levels (施策, 取組) whose every cell is numbered in Roman numerals (`Ⅰ 手続`, `(ⅱ) 相談`, `i) …`):
 * read as those numbers, said once per level (PP385). Where some cell is not, none is read so —
 * `i)` among `a) b) …` is the letter, `IT推進` a word — and an unnumbered cell stays PP309.
 */
function romanLevels(rows: readonly RawRow[], bag: DiagnosticBag): ReadonlySet<"measure" | "initiative"> {
  const out = new Set<"measure" | "initiative">();
  for (const key of ["measure", "initiative"] as const) {
    const cells = rows.filter((r) => r.fields[key] && levelText(r, key) && !NOTHING.test(levelText(r, key)));
    const first = cells[0];
    if (!first || !cells.every((r) => parseRoman(levelText(r, key)))) continue;
    out.add(key);
    bag.add("PP385", first.fields[key]!.place, { level: bag.lang === "ja" ? columnLabel(key) : key, text: excerpt(levelText(first, key)), number: parseRoman(levelText(first, key))!.number! });
  }
  return out;
}

function normaliseRow(row: RawRow, period: { start: number; end: number }, table: Omit<ScheduleOptions, "exactSpans">, roman: ReadonlySet<"measure" | "initiative">,
  config: Config, bag: DiagnosticBag): SourcedProject | null {
  removeInvisibleControls(row, bag);
  const f = row.fields;
  const text = (k: keyof typeof f) => cellText(row, k);
  const at = (k: keyof typeof f) => f[k]?.place ?? row.place;
  const noText = projectNoText(f.no?.text ?? "");
  const no = parseProjectNo(f.no?.text ?? "");
  // a 再掲 listed without a No of its own (the original's number is not its own): said as such
  const unnumberedRelist = f.no && !text("no") && parseRelist(text("name")) !== null;
  for (const key of REQUIRED_KEYS) {
    if (key === "no" && unnumberedRelist) bag.add("PP338", at("no"), { name: excerpt(text("name")) });
    else if (f[key] && !text(key)) bag.add("PP301", at(key), { column: columnLabel(key) }, { projectNo: no });
  }
  if (no === undefined) {
    // 再掲 written in the No column (`再掲`, `2再`, `(再)`): a 再掲 row without a No of its own, said
    // so (PP338) — PP305's hint on branch numbers had not helped
    if (noText && NO_AS_RELIST.test(noText.normalize("NFKC"))) bag.add("PP338", at("no"), { name: excerpt(text("name")) });
    // (shown as written: Ⅱ-3, not its NFKC II-3)
    else if (noText) bag.add("PP305", at("no"), { value: excerpt(cleanText(f.no?.text ?? "")), ...(BRANCH_NO.test(noText) ? { branch: "yes" } : PREFIXED_NO.test(noText) ? { prefixed: "yes" } : {}) });
    return null;
  }
  const projectNo = no;
  // HTML residue is reported once per cell; the words stay as written.
  for (const key of ["policy", "measure", "initiative", "name", "departments", "relatedDepartments", "description", "remarks"] as const) {
    const raw = f[key]?.text ?? "";
    const { tags } = stripHtml(raw);
    if (tags.length) bag.add("PP304", at(key), { tags: tags.join(" ") }, { projectNo });
    const foreign = foreignScript(raw, bag.lang);
    if (foreign) bag.add("PP303", at(key), { text: foreign.context, chars: foreign.chars, script: foreign.script }, { projectNo, actual: foreign.chars });
  }
  for (const cell of row.schedule) {
    const foreign = foreignScript(cell.text, bag.lang);
    if (foreign) bag.add("PP303", cell.place, { text: foreign.context, chars: foreign.chars, script: foreign.script }, { projectNo, actual: foreign.chars });
  }

  // 再掲 in the name, in a 再掲 column of its own, in 備考
  const ownColumn = parseRemarksRelist(relistColumn(text("relist"), config), text("name"));
  const named = parseRelist(text("name")) ?? ownColumn ?? parseRemarksRelist(f.remarks?.text ?? "", text("name"));
  // 再掲 written on the 施策 or 取組 (a whole level relisted under another 基本方針) or after the
  // department: the project is a 再掲, its original found by name (PP360); the level keeps its mark
  const markedAt = named ? undefined : RELIST_CELLS.find((k) => LEVEL_RELIST.test(text(k)));
  const relist: RelistMark | null = named ?? (markedAt ? { mark: LEVEL_RELIST.exec(text(markedAt))![0], name: text("name") } : null);
  if (markedAt) bag.add("PP360", at(markedAt), { column: columnLabel(markedAt) }, { projectNo });
  if (relist?.fromRemarks && relist !== ownColumn) bag.add("PP324", at("remarks"), { mark: excerpt(relist.mark) }, { projectNo });
  // a name that is nothing but its 再掲 mark: the name is missing
  if (relist && !relist.fromRemarks && !relist.name) bag.add("PP301", at("name"), { column: columnLabel("name") }, { projectNo });
  // An original's note of where it is relisted (電子申請の拡大※3-(2)-①に再掲, or in 備考) is no part
  // of its name (it had been printed in it): its relisting is found there (resolveRelists).
  // (a name that is nothing but the note stays as written)
  const inName = relist ? null : parseRelistedAt(text("name"));
  const fromName = inName?.rest ? inName : null;
  const noted = fromName ?? (relist ? null : parseRelistedAt(cleanText(stripHtml(f.remarks?.text ?? "").text)));
  const relistedAt: RelistedAt | null = noted
    ? { note: noted.note, place: at(noted === fromName ? "name" : "remarks"), ...(noted.ref ? { ref: noted.ref } : {}), ...(noted.no !== undefined ? { no: noted.no } : {}) }
    : null;
  // The documents number the policies in plan order: a number written with one is checked (PP416).
  // （続き） after a level's name on a page the table goes on to: the level goes on (PP359)
  const level = (key: "policy" | "measure" | "initiative"): string => {
    const t = text(key);
    const bare = t.replace(CONTINUED_MARK, "");
    if (bare !== t && bare) { bag.add("PP359", at(key), { text: excerpt(t), name: excerpt(bare) }, { projectNo }); return bare; }
    return t;
  };
  const policy = parsePolicy(withNumber(text("policyNumber"), level("policy")));
  // (a level of Roman numerals: read as such, see romanLevels)
  const numbered = (key: "measure" | "initiative", t: string) => (roman.has(key) ? parseRoman(t) : null) ?? numberOrTitle(t);
  const measure = numbered("measure", withNumber(text("measureNumber"), level("measure")));
  // No 取組 column at all: a plan of two levels (PP218 said so with the header). A dash or なし in
  // the 取組 cell: the project stands under its 施策 with no 取組 (PP361; it had been a 取組 named ―).
  const noInitiative = f.initiative !== undefined && NOTHING.test(text("initiative"));
  if (noInitiative) bag.add("PP361", at("initiative"), { text: text("initiative") }, { projectNo });
  const initiative = f.initiative && !noInitiative ? numbered("initiative", withNumber(text("initiativeNumber"), level("initiative"))) : null;
  const ja = bag.lang === "ja";
  if (text("measure") && measure.number === null) bag.add("PP309", at("measure"), { level: ja ? "施策" : "measure", text: text("measure").slice(0, 30) }, { projectNo });
  if (initiative && text("initiative") && initiative.number === null) bag.add("PP309", at("initiative"), { level: ja ? "取組" : "initiative", text: text("initiative").slice(0, 30) }, { projectNo });
  // a level written as its number alone (1, 2 …: the names kept elsewhere)
  for (const [key, level] of [["policy", ja ? "基本方針" : "policy"], ["measure", ja ? "施策" : "measure"], ["initiative", ja ? "取組" : "initiative"]] as const) {
    if (BARE_NUMBER.test(text(key).trim())) bag.add("PP345", at(key), { level, text: text(key).trim() }, { projectNo });
  }

  const depts = readDepartments(row, config, bag, projectNo);

  const description = splitDescription(f.description?.text ?? "").items;
  if (f.description && !description.length && !row.cut) bag.add("PP302", at("description"), { column: columnLabel("description") }, { projectNo });

  const schedule = readSchedule(row, { exactSpans: row.exactSpans, ...table }, period, config, bag, projectNo);
  if (row.beyond) afterPeriod(row.beyond, schedule, period, config, bag, projectNo);
  remarkPhaseNotes(row, schedule, config, bag, projectNo);

  const project: Project = {
    no: projectNo,
    name: relist ? relist.name : fromName ? fromName.rest : text("name"),
    policy: policy.title,
    measure: { number: measure.number, title: measure.title },
    initiative: initiative && { number: initiative.number, title: initiative.title },
    departments: depts.names,
    allDepartments: depts.all,
    description,
    schedule,
    relistOf: null,
    relistMark: relist ? relist.mark.trim() : null,
  };
  const cells: SourcedProject["cells"] = {};
  for (const k of ["no", "name", "policy", "measure", "initiative", "departments", "description"] as const) {
    const p = f[k]?.place;
    if (p) cells[k] = p;
  }
  const firstSchedule = row.schedule[0]?.place;
  if (firstSchedule) cells.schedule = firstSchedule;
  return { project, place: row.place, cells, relist, ...(relistedAt ? { relistedAt } : {}), marks: { policy: policy.mark, measure: measure.mark, initiative: initiative?.mark ?? "" }, policyNumber: policy.number,
    parents: { measure: measure.parents, initiative: initiative?.parents ?? [] } };
}

/**
 * A level's title with the number its own column gives (施策番号 1 → `(1)title`, `1-2` → `1-2 title`),
 * unless the title carries a number already.
 */
/** A level's cell that is a number alone (`1`, `２`): a number without a name. */
const BARE_NUMBER = /^[0-9０-９]{1,3}$/u;

/** A 施策 or 取組 as written; a number alone is that number with no title (said by PP345). */
function numberOrTitle(text: string): NumberedText {
  const t = text.trim();
  return BARE_NUMBER.test(t) ? { number: Number(asciiDigits(t)), title: "", mark: t, parents: [] } : parseNumbered(t);
}

function withNumber(number: string, title: string): string {
  if (!number || !title || parseNumbered(title).number !== null) return title;
  return /^[0-9]+$/.test(number.normalize("NFKC")) ? `(${number})${title}` : `${number} ${title}`;
}

/** A word that, after the period, says the phase goes on (no year column to continue from). */
const GOES_ON = "継続";

/**
 * The cell of a column for the years after the period (令和12年度以降): the last phase going on
 * (its label again, or a continuation mark, right after a phase that reaches the period's end)
 * is said (PP217); anything else lies outside the schedule and is a warning at its cell (PP219).
 */
function afterPeriod(beyond: NonNullable<RawRow["beyond"]>, phases: Project["schedule"], period: { start: number; end: number }, config: Config, bag: DiagnosticBag, projectNo: number): void {
  // The same continuation marks as inside the period (config schedule.continuationMarks).
  const cell = classifyCell(beyond.cell.text, config);
  if (cell.kind === "none") return; // nothing after the period
  const last = phases.find((ph) => ph.to >= period.end);
  const continues = last && cell.kind !== "note" && (cell.kind !== "label" || cell.label === last.label || cell.label === GOES_ON);
  bag.add(continues ? "PP217" : "PP219", beyond.cell.place, { label: excerpt(beyond.cell.text), column: beyond.header }, { projectNo });
}

/**
 * HTML residue in a year cell (`<br>`, `<p>検討</p>`) is no phase's name: taken off, each cell
 * told (PP304, as in the other cells); a cell that held nothing else is an empty one. Before the
 * schedule is read, so residue is no sign of how the table draws its years either.
 */
function stripScheduleHtml(rows: readonly RawRow[], bag: DiagnosticBag): void {
  for (const row of rows) {
    const projectNo = parseProjectNo(row.fields.no?.text ?? "");
    const stripped = <C extends { text: string; place: Place; shade?: string }>(cells: C[]): C[] => {
      for (const cell of cells) {
        const { text, tags } = stripHtml(cell.text);
        if (text === cell.text) continue;
        // entities (&nbsp;) decoded as in the other cells; tags said
        if (tags.length) bag.add("PP304", cell.place, { tags: tags.join(" ") }, { projectNo });
        cell.text = text.trim();
      }
      return cells.filter((c) => c.text || c.shade);
    };
    row.schedule = stripped(row.schedule);
    row.notes = stripped(row.notes);
  }
}

/** Half-width katakana and its punctuation (ｼｽﾃﾑ, ｶﾞ, ｢｣､･), as old systems export them. */
const HALFWIDTH_KANA = /[\uff61-\uff9f]+/u;
/** A kana and a combining (han)dakuten (か\u3099), as macOS and text copied out of a PDF write が. */
const COMBINING_KANA = /[\u3041-\u30ff][\u3099\u309a]/u;

/**
 * Kana written as a document prints it: half-width katakana full width (ｼｽﾃﾑ → システム, ｶﾞ →
 * ガ: printed as it is, it stands out of the line, and a department first written ｼｽﾃﾑ課 was
 * printed so), and a kana with a combining mark as one character (the PDF font draws no
 * combining mark: か\u3099 printed as か). Every cell of the rows, each said once with the count
 * (PP348, PP355).
 */
function mendKana(rows: readonly RawRow[], bag: DiagnosticBag): void {
  for (const [pattern, code] of [[HALFWIDTH_KANA, "PP348"], [COMBINING_KANA, "PP355"]] as const) {
    const runs = new RegExp(pattern, "gu");
    let first: { place: Place; text: string } | undefined;
    let cells = 0;
    for (const row of rows) {
      for (const cell of [...Object.values(row.fields), ...row.schedule, ...row.notes]) {
        const found = cell && pattern.exec(cell.text);
        if (!cell || !found) continue;
        cell.text = cell.text.replace(runs, (run) => run.normalize("NFKC"));
        first ??= { place: cell.place, text: found[0] };
        cells++;
      }
    }
    if (first) bag.add(code, first.place, { text: excerpt(first.text), wide: excerpt(first.text.normalize("NFKC")), cells });
  }
}

/** Zero-width and bidi controls leave every cell of the row first, each cell told (PP350). */
function removeInvisibleControls(row: RawRow, bag: DiagnosticBag): void {
  for (const cell of [...Object.values(row.fields), ...row.schedule]) {
    if (!cell) continue;
    const { text, count } = removeInvisible(cell.text);
    if (!count) continue;
    bag.add("PP350", cell.place, { count, text: excerpt(text) }, { projectNo: parseProjectNo(row.fields.no?.text ?? "") });
    cell.text = text;
  }
}

/** The department cell (and a 関係課 cell after it), with how it was read. */
function readDepartments(row: RawRow, config: Config, bag: DiagnosticBag, projectNo: number): Departments {
  const f = row.fields;
  const at = (k: keyof typeof f) => f[k]?.place ?? row.place;
  // (HTML residue read as the other cells' is: 広報課<br>秘書課 had been one department, 情報政策課&amp;各課
  // one named 「情報政策課&amp」)
  const related = stripHtml(f.relatedDepartments?.text ?? "").text;
  // (a 再掲 mark after the department is the project's, PP360: no part of a name)
  const depts = splitDepartments(stripHtml(f.departments?.text ?? "").text.replace(LEVEL_RELIST, ""), config, related, row.relatedInBrackets === true);
  // a column of its own that marks the projects of every department (各課 ○)
  const flag = f.allDepartments?.text.trim() ?? "";
  if (flag) {
    const all = allDepartmentsFlag(flag, config);
    if (all === null) bag.add("PP335", at("allDepartments"), { text: excerpt(flag), column: columnLabel("allDepartments") }, { projectNo, actual: flag });
    else if (all) depts.all = true;
  }
  // A missing column was reported once with the header (PP210); here only empty cells.
  if (f.departments && !depts.names.length && !depts.all && !row.cut) bag.add("PP302", at("departments"), { column: columnLabel("departments") }, { projectNo });
  for (const d of depts.duplicates) bag.add("PP311", at("departments"), { text: d }, { projectNo });
  for (const d of depts.dropped) bag.add("PP312", at("departments"), { text: d }, { projectNo, actual: d });
  if (depts.leadMarks.length) bag.add("PP320", at("departments"), { mark: depts.leadMarks[0] }, { projectNo, actual: depts.leadMarks.join(" ") });
  for (const w of new Set(depts.allWords)) bag.add("PP321", at("departments"), { text: w, marker: config.allDepartmentsMarker }, { projectNo, actual: w });
  for (const d of depts.odd) bag.add("PP322", at("departments"), { text: d }, { projectNo, actual: d });
  for (const b of depts.bracketed) bag.add("PP331", at("departments"), { text: b }, { projectNo, actual: b });
  for (const r of depts.emptyRoles) bag.add("PP397", at("departments"), { text: r }, { projectNo, actual: r });
  for (const d of depts.divisions) bag.add("PP381", at("departments"), { text: d }, { projectNo, actual: d });
  for (const n of depts.notes) bag.add("PP285", at("departments"), { text: excerpt(n) }, { projectNo, actual: n });
  if (related.trim()) bag.add("PP323", at("relatedDepartments"), { column: columnLabel("relatedDepartments") }, { projectNo });
  return depts;
}

/**
 * A 再掲 column's cell as a remark: `No.12の再掲` as written, the original alone (`12`, `No.12`,
 * `市民サービス(1)①`) as its 再掲, a mark (○) as 再掲 with no original named; blank or ― as none.
 */
function relistColumn(text: string, config: Config): string {
  const t = text.trim();
  if (t.includes("再掲")) return t;
  if (!t || saysNo(t)) return "";
  if (config.schedule.activeMarks.includes(t)) return "再掲";
  return /^[0-9０-９]+$/.test(t) ? `No.${t}の再掲` : `${t}の再掲`;
}

/** What a yes/no column (各課, 再掲) says with "no": ―, ×, 0, なし … */
const NO_WORDS = ["-", "―", "‐", "ー", "×", "✕", "0", "FALSE", "false", "無", "なし", "非該当", "対象外"];
const saysNo = (text: string): boolean => NO_WORDS.includes(text.normalize("NFKC").replace(/\s+/g, ""));

/** A mark in a 各課 column: yes (○, ✓, 1, 各課 …), no (NO_WORDS), or null when it is neither. */
function allDepartmentsFlag(text: string, config: Config): boolean | null {
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  if (config.schedule.activeMarks.includes(t) || ["1", "TRUE", "true", "有", "あり", "該当", "対象", config.allDepartmentsMarker, ...config.allDepartmentsWords].includes(t)) return true;
  return saysNo(t) ? false : null;
}

/** The schedule cells as phases (with the remark rows' notes), and how they were read. */
function readSchedule(row: RawRow, opts: ScheduleOptions, period: { start: number; end: number }, config: Config, bag: DiagnosticBag, projectNo: number): Phase[] {
  const schedule = buildSchedule(row.schedule, opts, period, config);
  if (!schedule.phases.length && !schedule.problems.length && !row.scheduleUnread && !row.cut) bag.add("PP302", row.place, { column: bag.lang === "ja" ? "スケジュール" : "schedule" }, { projectNo });
  for (const u of schedule.unknown) bag.add("PP307", u.cell.place, { label: excerpt(u.label), category: config.defaultCategory.label }, { projectNo });
  for (const p of schedule.problems) {
    const params = p.code === "PP319" ? { marks: p.marks } : p.code === "PP318" ? { mark: p.mark, label: excerpt(p.label) }
      : p.code === "PP353" ? { mention: p.mention, span: p.from === p.to ? wareki(p.from) : `${wareki(p.from)}～${wareki(p.to)}` }
      : p.code === "PP365" ? { mark: p.mark, labels: Object.values(opts.fillLabels).join("・") } : { mark: p.mark };
    bag.add(p.code, p.cell.place, params, { projectNo, actual: p.cell.text });
  }
  // How the cells were read: one message per kind and row, at its first cell.
  const cont = schedule.readings.find((r) => r.kind === "continuation");
  if (cont) bag.add("PP313", cont.cell.place, { mark: cont.text }, { projectNo });
  const word = schedule.readings.find((r) => r.kind === "continued-word");
  if (word) bag.add("PP363", word.cell.place, { text: word.text, label: excerpt(word.label ?? "") }, { projectNo });
  const repeat = schedule.readings.find((r) => r.kind === "repeat");
  if (repeat) bag.add("PP314", repeat.cell.place, {}, { projectNo, actual: repeat.text });
  const shaded = schedule.readings.find((r) => r.kind === "shade" && !opts.fillLabels[r.text]);
  if (shaded) bag.add("PP334", shaded.cell.place, { label: config.schedule.markedLabel }, { projectNo });
  const marked = schedule.readings.find((r) => r.kind === "marked-label");
  if (marked) bag.add("PP333", marked.cell.place, { mark: marked.text }, { projectNo, actual: marked.cell.text });
  const arrow = schedule.readings.find((r) => r.kind === "arrow-label");
  if (arrow) bag.add("PP336", arrow.cell.place, { text: excerpt(arrow.cell.text), label: excerpt(arrow.text) }, { projectNo, actual: arrow.cell.text });
  const stated = schedule.readings.find((r) => r.kind === "stated" && r.phases?.length);
  if (stated) {
    const phases = stated.phases!;
    const span = (p: Phase) => (p.from === p.to ? wareki(p.from) : `${wareki(p.from)}～${wareki(p.to)}`);
    if (phases.every((p) => p.unlabelled)) bag.add("PP377", stated.cell.place, { text: excerpt(stated.text), span: phases.map(span).join("、"), label: config.schedule.markedLabel }, { projectNo });
    else bag.add("PP376", stated.cell.place, { text: excerpt(stated.text), phases: phases.map((p) => `「${excerpt(p.label)}」（${span(p)}）`).join("・") }, { projectNo });
  }
  const oneYear = schedule.readings.find((r) => r.kind === "one-year");
  if (oneYear) bag.add("PP357", oneYear.cell.place, { label: excerpt(oneYear.text) }, { projectNo });
  const dash = schedule.readings.find((r) => r.kind === "dash-blank");
  if (dash) bag.add("PP354", dash.cell.place, { mark: dash.text }, { projectNo });
  const mark = schedule.readings.find((r) => r.kind === "mark");
  if (mark && schedule.phases.some((p) => p.unlabelled)) bag.add("PP315", mark.cell.place, { mark: mark.text, label: config.schedule.markedLabel }, { projectNo });
  for (const n of schedule.strayNotes ?? []) bag.add("PP358", n.cell.place, { text: excerpt(n.note), year: wareki(n.cell.year) }, { projectNo });
  attachNotes(row, schedule.phases, projectNo, config, bag);
  return schedule.phases;
}

/**
 * A remark-row cell that is a phase's name and nothing else (`運用`, `実証`): the project's next
 * phase written on a line below, or a note of the phase above. Which cannot be told (PP356).
 */
function phaseName(text: string, config: Config): boolean {
  const t = text.trim();
  return t.length <= 10 && !/^[※＊*]/u.test(t) && !/[。、．，,:：\d０-９]/u.test(t)
    && categorise(t, config.phaseCategories, config.compoundCategory.id) !== null;
}

/** Remark rows under the project: each cell the note of the phase of its year, or a warning. */
function attachNotes(row: RawRow, phases: Phase[], projectNo: number, config: Config, bag: DiagnosticBag): void {
  const ja = bag.lang === "ja";
  for (const n of row.notes) {
    if (n.year !== null && phaseName(n.text, config)) {
      bag.add("PP356", n.place, { no: projectNo, year: wareki(n.year), text: excerpt(n.text.trim()) }, { projectNo });
      continue;
    }
    const phase = n.year === null ? undefined : phases.find((p) => p.from <= n.year! && n.year! <= p.to);
    if (phase && n.year !== null) {
      addNote(phase, cleanText(n.text.replace(/^[※＊]\s*/, "")));
      bag.add("PP325", n.place, { no: projectNo, year: wareki(n.year), label: excerpt(phase.label) }, { projectNo });
      continue;
    }
    const reason = n.year === null
      ? (ja ? "年度の欄ではありません" : "it is not in a year column")
      : (ja ? `${wareki(n.year)}には工程がありません` : `there is no phase in ${wareki(n.year)}`);
    bag.add("PP326", n.place, { text: excerpt(n.text), reason }, { projectNo });
  }
}

/**
 * A line of 備考 written as a phase and its note, as a year cell is (`適用※検証結果次第`), the
 * phase being one of the project's by that label: that phase's note (PP373). planpress's own
 * workbook writes notes so, and a plan revised in it and read back had lost them (the 新旧対照表
 * showed three false schedule changes). The line is taken out of the remark; what is left is
 * told as before (PP339). A label two phases share is not guessed at: left in the remark.
 */
function remarkPhaseNotes(row: RawRow, phases: Phase[], config: Config, bag: DiagnosticBag, projectNo: number): void {
  const cell = row.fields.remarks;
  if (!cell || !/[※＊]/u.test(cell.text)) return;
  const rest: string[] = [];
  for (const line of cell.text.split("\n")) {
    const { label, note } = splitNote(cleanText(stripHtml(line).text), config);
    const phase = label && note ? phases.filter((p) => p.label === label) : [];
    if (phase.length === 1 && note) {
      addNote(phase[0]!, note);
      bag.add("PP373", cell.place, { no: projectNo, label: excerpt(label), note: excerpt(note) }, { projectNo });
    } else rest.push(line);
  }
  if (rest.length < cell.text.split("\n").length) row.fields.remarks = { ...cell, text: rest.join("\n") };
}

/** A level's title marked 再掲. */
export const relisted = (title: string): boolean => LEVEL_RELIST.test(title);

/** The policy › measure › initiative tree, in plan order, with each initiative's project Nos. */
export function buildTree(projects: readonly Project[]): Policy[] {
  const policies: Policy[] = [];
  for (const p of projects) {
    let policy = policies.find((x) => x.name === p.policy);
    if (!policy) { policy = { name: p.policy, measures: [] }; policies.push(policy); }
    // a level relisted from another 基本方針 (its title marked 再掲) is not the one of its number there
    const sameMeasure = (n: number | null, t: string) => (p.measure.number !== null ? n === p.measure.number && relisted(t) === relisted(p.measure.title) : t === p.measure.title);
    let measure = policy.measures.find((m) => sameMeasure(m.number, m.title));
    if (!measure) { measure = { number: p.measure.number, title: p.measure.title, initiatives: [] }; policy.measures.push(measure); }
    // Two levels: the measure's one initiative without number or title holds its projects.
    const own = p.initiative ?? { number: null, title: "" };
    const sameInit = (n: number | null, t: string) => (own.number !== null ? n === own.number && relisted(t) === relisted(own.title) : t === own.title);
    let initiative = measure.initiatives.find((i) => sameInit(i.number, i.title));
    if (!initiative) { initiative = { number: own.number, title: own.title, projects: [] }; measure.initiatives.push(initiative); }
    initiative.projects.push(p.no);
  }
  return policies;
}

export function departmentsOf(projects: readonly Project[]): string[] {
  const seen = new Set<string>();
  for (const p of projects) for (const d of p.departments) seen.add(d);
  return [...seen];
}

export function assemble(title: string, period: { start: number; end: number }, sourced: SourcedProject[], bag: DiagnosticBag): Plan {
  const projects = sourced.map((s) => s.project);
  return {
    plan: { title, period },
    policies: buildTree(projects),
    departments: departmentsOf(projects),
    projects,
    diagnostics: bag.items,
  };
}
