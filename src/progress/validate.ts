// Checking returned rows against the plan and the config: every problem a diagnostic at its
// place, all at once. A row either becomes a ProgressReturn (in the report) or is named by a
// diagnostic; a blank 各課 row on a form is no report.
import path from "node:path";
import type { Config } from "../config/schema.js";
import { type DiagnosticBag, type Met, saidOnce } from "../diagnostics/bag.js";
import { placeOf } from "../diagnostics/format.js";
import type { Place } from "../diagnostics/schema.js";
import { parseFiscalYear, wareki } from "../fiscal.js";
import type { GlyphCoverage } from "../glyph-coverage.js";
import { escape } from "../normalise/departments.js";
import { removeInvisible } from "../normalise/text.js";
import { checkGlyphs } from "../validate/glyphs.js";
import type { Plan, Project } from "../model/schema.js";
import { FIELD_LABELS, ProgressReturn, ProjectNo, RETURN_FIELDS, type RawReturn, type ReturnFile, type ValidatedReturns } from "./schema.js";

const INPUT_FIELDS = ["status", "result", "issues", "direction"] as const;

/** An example row (記入例) is part of the form, not a report. */
const isExampleRow = (row: RawReturn): boolean => /例/.test(row.cells.no?.text ?? "");
/** Something a department typed into the row. */
const hasInput = (row: RawReturn): boolean => INPUT_FIELDS.some((f) => (row.cells[f]?.text ?? "") !== "");

/** A form somebody filled in: a row other than the example has input (`forms` must not replace it). */
export function isFilledIn(file: ReturnFile): boolean {
  return file.rows.some((r) => !isExampleRow(r) && hasInput(r));
}

export function validateReturns(
  plan: Plan, files: readonly ReturnFile[], opts: { year: number; config: Config; diagnostics: DiagnosticBag; glyphs?: GlyphCoverage | null | undefined },
): ValidatedReturns {
  const { year: reportYear, config, diagnostics: bag } = opts;
  const projects = new Map<number, Project>(plan.projects.map((p) => [p.no, p]));
  const labelOf = departmentLabel(plan.departments);
  // a status as typed, matched without spaces and in either spelling of どおり/通り; one half of a
  // status of two (中止・休止: 中止, 休止) is that status when no other status is so called
  const statuses = new Map(config.progressStatuses.map((s) => [statusKey(s), s]));
  for (const s of config.progressStatuses) {
    for (const part of statusKey(s).split("・")) if (part !== statusKey(s) && !statuses.has(part)) statuses.set(part, s);
  }
  const out: ValidatedReturns = { current: [], history: [], sample: false };
  const seen = new Map<string, ProgressReturn>();
  /** Rows reported twice, the same (`repeated`) or not; the files a report was read from. */
  type Twice = { row: RawReturn; r: ProgressReturn; other: ProgressReturn };
  const repeated: Twice[] = [], conflicting: Twice[] = [];
  const readFrom = new Set<string>();

  /** Places already told PP605: a form's year is one cell (its metadata) for all its rows. */
  const wrongYear = new Set<string>();
  /** The entries the report prints, at their cells: checked against the PDF font (PP351). */
  const printed: { text: string; place: Place }[] = [];
  /** Own projects left blank, by file (PP632). */
  const blankOwn = new Map<string, { department: string; year: number | null; nos: number[] }>();
  const superseded = laterVersions(files, bag);
  for (const file of files) {
    if (superseded.has(file.file)) continue;
    if (file.plan !== undefined && file.plan !== plan.plan.title) {
      bag.add("PP617", { file: file.file }, { actual: file.plan });
    }
    // A form made for a department the plan no longer names (renamed in a 組織改正) comes from
    // another version of the plan: its Nos cannot be trusted (its entries had landed on other
    // projects, exit 0, said only as the new name's 未報告)
    const formDepartment = file.kind === "form" && !file.history ? file.rows.find((r) => r.cells.department?.text)?.cells.department?.text : undefined;
    if (formDepartment && !plan.departments.includes(formDepartment)) {
      bag.add("PP631", { file: file.file }, { department: formDepartment });
      continue;
    }
    if (formDepartment) missingRows(plan, file, formDepartment, bag);
    /** The row above as read (同上 in an entry is its entry); none above the first or the 記入例. */
    let above: RawReturn | null = null;
    // said once a file, at the first (a department that writes 実績： writes it on every row)
    const [labelled, bulleted, tabbed, otherDepartment] = [saidOnce(), saidOnce(), saidOnce(), saidOnce()];
    for (const raw of file.rows) {
      const row = sameAsAbove(withoutOwnLabel(withoutTabs(withWordBullets(withoutInvisible(raw, bag), bulleted.met), tabbed.met), labelled.met), above, bag);
      above = isExampleRow(row) ? null : row;
      const r = checkRow(row, file.history ?? false);
      if (!r) continue;
      if (r.year === reportYear) {
        for (const f of ["result", "issues", "direction"] as const) if (row.cells[f]?.text) printed.push({ text: row.cells[f]!.text, place: row.cells[f]!.place });
        if (plan.departments.length) otherDepartmentsLabels(row, r.department, labelOf, otherDepartment.met);
      }
      const key = `${r.year}\u0000${r.no}\u0000${r.department}`;
      const first = seen.get(key);
      if (first) {
        const twice = { row, r, other: first };
        (first.place.file !== row.place.file && sameReport(first, r) ? repeated : conflicting).push(twice);
        continue;
      }
      seen.set(key, r);
      readFrom.add(row.place.file);
      (r.year === reportYear ? out.current : out.history).push(r);
    }
    labelled.say("PP643", bag);
    otherDepartment.say("PP655", bag);
    tabbed.say("PP653", bag);
    bulleted.say("PP652", bag);
  }
  // A file every report of which repeats another file's (saved twice, 財政課(1).xlsx): read once,
  // said once (PP633); it had been a PP609 error at every row. A report given twice otherwise
  // (one entry corrected in a copy) is PP609 at each row: which one counts cannot be told.
  const copies = new Set(repeated.map((t) => t.row.place.file).filter((f) => !readFrom.has(f) && !conflicting.some((t) => t.row.place.file === f)));
  for (const t of [...conflicting, ...repeated.filter((x) => !copies.has(x.row.place.file))]) {
    bag.add("PP609", t.row.cells.no?.place ?? t.row.place, { no: t.r.no, department: t.r.department, other: placeOf(t.other.place) }, { projectNo: t.r.no });
  }
  for (const f of copies) bag.add("PP633", { file: f }, { other: repeated.find((t) => t.row.place.file === f)!.other.place.file });
  for (const [file, { department, year, nos }] of blankOwn) {
    // a project its department reported in another file (a blank copy of the form returned beside
    // the filled one) is no 未報告: PP632 had said so of every project while the report printed them
    const reportedIn = (no: number) => seen.get(`${year}\u0000${no}\u0000${department}`)?.place.file;
    const unreported = nos.filter((no) => !reportedIn(no));
    if (unreported.length) bag.add("PP632", { file }, { department, nos: nosText(unreported, bag.lang) });
    else if (!readFrom.has(file) && !copies.has(file)) bag.add("PP638", { file }, { department, other: reportedIn(nos[0]!)! });
  }
  // a character the PDF font lacks (an emoji, 한글 pasted into 実績) had printed as a box unsaid
  if (opts.glyphs) checkGlyphs([], opts.glyphs, bag, ...printed);
  reportConflicts(out.current, bag);
  unreturnedDepartments(plan, files, reportYear, bag);
  misnamedForms(plan, files, bag);
  const samples = files.filter((f) => f.sample);
  if (samples.length > 0) {
    out.sample = true;
    const first = samples[0];
    if (first) bag.add("PP615", { file: first.file });
    // a real report read beside the sample ones (a blank form, which reports nothing, mixes nothing)
    const real = files.find((f) => !f.sample && readFrom.has(f.file));
    if (real) bag.add("PP616", { file: real.file });
  }
  return out;

  /** The row as a return, or null (blank 各課 row, or a problem that was reported). */
  function checkRow(row: RawReturn, history: boolean): ProgressReturn | null {
    const text = (f: keyof typeof FIELD_LABELS) => row.cells[f]?.text ?? "";
    const at = (f: keyof typeof FIELD_LABELS) => row.cells[f]?.place ?? row.place;
    const input = hasInput(row);
    const noText = text("no");
    if (isExampleRow(row)) return null;
    const no = ProjectNo.safeParse(noText);
    if (!no.success) {
      if (input || row.place.line !== undefined) bag.add("PP612", at("no"), { value: noText });
      return null;
    }
    const project = projects.get(no.data);
    if (!project) { bag.add("PP603", at("no"), { no: no.data }, { projectNo: no.data, actual: noText }); return null; }
    const department = text("department");
    const own = project.departments.includes(department);
    // A 各課 project left blank by a department that is not named on it: no report (so is one
    // marked as nothing to say, 該当なし or －, with no status: it had been PP607)
    if (!own && project.allDepartments && (!input || INPUT_FIELDS.every((f) => NOTHING.test(text(f).normalize("NFKC").trim())))) return null;
    // Its own project left blank: not reported (未報告), said once a file (PP632) — as a form never
    // returned is; it had been an error that stopped the report of every department.
    if (!input && own) {
      const list = blankOwn.get(row.place.file) ?? { department, year: parseFiscalYear(text("year")), nos: [] };
      list.nos.push(project.no);
      blankOwn.set(row.place.file, list);
      return null;
    }

    let ok = true;
    const required = (f: "status" | "result" | "department") => {
      if (text(f) !== "") return;
      bag.add("PP607", at(f), { column: FIELD_LABELS[f], no: project.no }, { projectNo: project.no });
      ok = false;
    };
    required("department");
    required("status");
    required("result");
    // A report cut short would misstate it, and pdfmake lays out a very long text in quadratic time.
    for (const f of INPUT_FIELDS) {
      const chars = text(f).length;
      if (chars <= config.limits.maxCellChars) continue;
      bag.add("PP620", at(f), { column: FIELD_LABELS[f], no: project.no, chars, limit: config.limits.maxCellChars }, { projectNo: project.no });
      ok = false;
    }
    // a department the plan does not name (「各課」, 「総務部財政課」, a typo): on a 各課 project it had
    // been printed as a department that reported (a form's is told at the file, PP631)
    const unknown = department !== "" && !plan.departments.includes(department);
    if (department !== "" && !own && (!project.allDepartments || unknown)) {
      bag.add("PP604", row.place, { no: project.no, name: project.name, department, ...(unknown ? { unknown: 1 } : {}) }, { projectNo: project.no, actual: department });
      ok = false;
    }
    const year = parseFiscalYear(text("year"));
    // --input holds the report year's returns (last year's forms given by mistake made every
    // project 未報告 with exit 0); earlier years come from --history.
    const wrong = year === null || year < plan.plan.period.start || (history ? year > reportYear : year !== reportYear);
    if (wrong) {
      const place = at("year");
      const key = placeOf(place);
      if (!wrongYear.has(key)) {
        wrongYear.add(key);
        // a year that cannot be read is said so (「年度が違います（8）」 had sent staff looking for another year's form)
        const unreadable = year === null && text("year") !== "";
        bag.add("PP605", place, { actual: year === null ? text("year") || "（空欄）" : wareki(year), expected: wareki(reportYear), ...(unreadable ? { unreadable: 1 } : {}) },
          { projectNo: project.no, actual: text("year"), expected: String(reportYear) });
      }
      ok = false;
    }
    const typed = text("status").normalize("NFKC").trim();
    const status = typed ? statuses.get(statusKey(typed)) : undefined;
    if (typed !== "" && status === undefined) {
      bag.add("PP606", at("status"), { value: text("status"), choices: config.progressStatuses.join("、") },
        { projectNo: project.no, actual: text("status"), expected: config.progressStatuses.join(",") });
      ok = false;
    } else if (status !== undefined && typed !== status.normalize("NFKC").trim()) {
      bag.add("PP619", at("status"), { value: text("status"), status }, { projectNo: project.no, actual: text("status"), expected: status });
    }
    if (!ok || year === null) return null;
    const parsed = ProgressReturn.safeParse({
      no: project.no, year, department, status,
      result: text("result"), issues: text("issues"), direction: text("direction"), sample: row.sample,
    });
    // Every field was checked above; a failure here is a bug, not the user's input.
    if (!parsed.success) throw new Error(`return row ${placeOf(row.place)}: ${parsed.error.message}`);
    return { ...parsed.data, place: row.place, entryPlaces: { result: at("result"), issues: at("issues"), direction: at("direction") } };
  }
}

/**
 * The row without zero-width and bidi controls in its cells (a status pasted from a web page or
 * a chat): invisible, yet 「予定どおり」 with a ZWSP had been refused as not in the list (PP606, its
 * message looking the same) and a 実績 printed boxes. Removed and said at the cell, as a plan's (PP350).
 */
function withoutInvisible(row: RawReturn, bag: DiagnosticBag): RawReturn {
  const cells = { ...row.cells };
  // every cell: a CSV's No, 年度 and 担当課 are typed too (財政課 with a ZWSP had been PP604)
  for (const f of RETURN_FIELDS) {
    const cell = cells[f];
    const { text, count } = removeInvisible(cell?.text ?? "");
    if (!cell || !count) continue;
    bag.add("PP350", cell.place, { count, text: text.replace(/\s+/g, " ").slice(0, 40) });
    cells[f] = { ...cell, text: text.trim() };
  }
  return { ...row, cells };
}

/**
 * Word's list bullets as they come when a list is pasted from Word: characters of its Symbol and
 * Wingdings fonts in the Private Use Area, which no other font draws (the PDF had printed a box
 * for each bullet). Each as the mark it is drawn as there.
 */
const WORD_BULLETS: Record<string, string> = {
  "\uF0B7": "•", "\uF06C": "●", "\uF06E": "■", "\uF0A7": "■", "\uF076": "❖", "\uF0D8": "▶", "\uF0FC": "✓",
};
const WORD_BULLET = new RegExp(`[${Object.keys(WORD_BULLETS).join("")}]`, "gu");

/** The row's entries with Word's bullets as the marks they are (PP652, info, once a file at the first). */
function withWordBullets(row: RawReturn, said: Met): RawReturn {
  const cells = { ...row.cells };
  for (const f of INPUT_FIELDS) {
    const cell = cells[f];
    const m = cell?.text.match(WORD_BULLET);
    if (!cell || !m) continue;
    said(cell.place, { code: `U+${m[0].codePointAt(0)!.toString(16).toUpperCase()}`, as: WORD_BULLETS[m[0]]! });
    cells[f] = { ...cell, text: cell.text.replace(WORD_BULLET, (c) => WORD_BULLETS[c]!) };
  }
  return { ...row, cells };
}

/**
 * Tabs in an entry (typed to indent a line, or pasted from a table): the PDF had printed each as
 * a wide gap, and an indent it does not draw. Read as staff meant them: white space with a tab
 * between words as one space, at a line's start or end as nothing (every line of the report starts
 * at the cell's edge). Said once a file, at the first (PP653, info).
 */
function withoutTabs(row: RawReturn, said: Met): RawReturn {
  const cells = { ...row.cells };
  for (const f of ["result", "issues", "direction"] as const) {
    const cell = cells[f];
    if (!cell?.text.includes("\t")) continue;
    said(cell.place, { column: FIELD_LABELS[f] });
    const text = cell.text.split("\n").map((line) => line
      .replace(/^[ \t\u3000]*\t[ \t\u3000]*|[ \t\u3000]*\t[ \t\u3000]*$/gu, "")
      .replace(/[ \t\u3000]*\t[ \t\u3000]*/gu, " ")).join("\n");
    cells[f] = { ...cell, text };
  }
  return { ...row, cells };
}

/** An entry saying it is the one above: 同上, 〃, 上に同じ. */
const DITTO = /^(?:同上|〃|″|′′|上に同じ|上記に同じ|上記と同じ)[。.]?$/u;

/**
 * 同上 (〃) in an entry means the entry of the row above on the form, whose project the report
 * prints elsewhere: 「実績：同上」 had been printed under a project with no text above it. Read as
 * that entry, said (PP644, info); with no entry above (the first row, a blank row, the 記入例) it
 * cannot be told, an error (PP645).
 */
function sameAsAbove(row: RawReturn, above: RawReturn | null, bag: DiagnosticBag): RawReturn {
  const cells = { ...row.cells };
  for (const f of INPUT_FIELDS) {
    const cell = cells[f];
    if (!cell || !DITTO.test(cell.text.normalize("NFKC").trim())) continue;
    const source = above?.cells[f];
    const no = above?.cells.no?.text ?? "";
    if (!source?.text) { bag.add("PP645", cell.place, { column: FIELD_LABELS[f], text: cell.text }); continue; }
    bag.add("PP644", cell.place, { column: FIELD_LABELS[f], text: cell.text, no, source: source.text.replace(/\s+/g, " ").slice(0, 30) });
    cells[f] = { ...cell, text: source.text };
  }
  return { ...row, cells };
}

/**
 * An entry opening with its own column's name (「実績：…」, 「【課題】…」, pasted from an earlier
 * report): the report prints that name before it, and it had read 「実績：実績：…」. Left out, said
 * once a file at the first (PP643, info).
 */
function withoutOwnLabel(row: RawReturn, said: Met): RawReturn {
  const cells = { ...row.cells };
  for (const f of ["result", "issues", "direction"] as const) {
    const cell = cells[f];
    const label = FIELD_LABELS[f];
    const m = cell && new RegExp(`^(?:[【［\\[（(]\\s*${label}\\s*[】］\\]）)]|[■●◆◇○・]?\\s*${label}\\s*[：:])\\s*`, "u").exec(cell.text);
    if (!cell || !m || m[0].length === cell.text.length) continue;
    said(cell.place, { prefix: m[0].trim() });
    cells[f] = { ...cell, text: cell.text.slice(m[0].length) };
  }
  return { ...row, cells };
}

/**
 * A line of an entry opening with another department's name as a label (【管財課】…, 管財課：…):
 * two departments wrote in one form, each its part of a shared project's row. The report prints
 * the whole entry as the form's department's, the other's words under it, and that department
 * 未報告 if its own form says nothing. Said once a file at the first (PP655, warning).
 */
function otherDepartmentsLabels(row: RawReturn, department: string, label: RegExp, said: Met): void {
  for (const f of ["result", "issues", "direction"] as const) {
    const text = row.cells[f]?.text ?? "";
    // (a label of the form's own department is its own report)
    const m = [...text.matchAll(label)].find((x) => (x[1] ?? x[2]) !== department);
    if (!m) continue;
    said(row.cells[f]!.place, { column: FIELD_LABELS[f], label: m[0].trim(), other: m[1] ?? m[2]!, department });
    return;
  }
}

/** A line opening with a department's name as a label: 【管財課】, ［管財課］, 管財課：, ■管財課: (the name captured). */
function departmentLabel(departments: readonly string[]): RegExp {
  const names = [...departments].sort((a, b) => b.length - a.length).map(escape).join("|");
  return new RegExp(`^[ \t\u3000]*(?:[【［\\[〈<]\\s*(${names})\\s*[】］\\]〉>]|[■●◆◇○・]?\\s*(${names})\\s*[：:])`, "gmu");
}

/**
 * A file name's words saying it is a later version of the file named without them: 財政課_v2,
 * 財政課（修正）, 財政課_修正版, 財政課 差替え, 財政課_最新. (Not a bare number: 財政課(1) is a
 * browser's second download of a file, either one the later.)
 */
const VERSION_MARK = /^[\s_\-・]*[(\[]?\s*(?:(?:v|ver|rev)\.?\s*\d+|第?\d+版|(?:修正|訂正|差し?替え?|最新|改訂?)版?)\s*[)\]]?$/iu;

/**
 * Two forms of one department for one year, one named as the other with a version mark
 * (財政課.xlsx and 財政課_v2.xlsx, 財政課（修正）.xlsx): the department's own word that it is the
 * later one, which is read, the other not (PP649, warning). They had been PP609 at every row the
 * two report, stopping the report, the same text or not. Any other pair stays PP609.
 */
function laterVersions(files: readonly ReturnFile[], bag: DiagnosticBag): Set<string> {
  const out = new Set<string>();
  const stem = (f: ReturnFile) => path.basename(f.file).replace(/\.[^.]+$/u, "").normalize("NFKC").trim();
  const key = (f: ReturnFile) => { const c = f.rows.find((r) => r.cells.department?.text)?.cells; return c ? `${c.department!.text}\u0000${c.year?.text ?? ""}` : null; };
  const groups = new Map<string, ReturnFile[]>();
  for (const f of files) {
    const k = f.kind === "form" && !f.history ? key(f) : null;
    if (k) groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  for (const group of groups.values()) {
    if (group.length !== 2) continue;
    const [a, b] = [...group].sort((x, y) => stem(x).length - stem(y).length) as [ReturnFile, ReturnFile];
    if (!stem(b).startsWith(stem(a)) || !VERSION_MARK.test(stem(b).slice(stem(a).length))) continue;
    out.add(a.file);
    bag.add("PP649", { file: a.file }, { later: path.basename(b.file), earlier: path.basename(a.file) });
  }
  return out;
}

/**
 * Projects of a form's department that the form has no row for: the plan gave the department a
 * project after the forms went out. No report of it can come back on this form, and it had been
 * 未報告 without a word (PP642).
 */
function missingRows(plan: Plan, file: ReturnFile, department: string, bag: DiagnosticBag): void {
  const rows = new Set(file.rows.flatMap((r) => { const no = ProjectNo.safeParse(r.cells.no?.text ?? ""); return no.success ? [no.data] : []; }));
  const nos = plan.projects.filter((p) => p.departments.includes(department) && !rows.has(p.no)).map((p) => p.no);
  if (nos.length) bag.add("PP642", { file: file.file }, { department, nos: nosText(nos, bag.lang) });
}

/**
 * Departments named on projects of the plan from which no row of the report's year came: their
 * projects had simply lacked them, without a word (PP625, once per department, with its Nos).
 * Not said when nothing was returned at all (PP613 says that), nor when a returned file was
 * refused (an error: its department is unknown, and the run stops anyway).
 */
function unreturnedDepartments(plan: Plan, files: readonly ReturnFile[], reportYear: number, bag: DiagnosticBag): void {
  const current = files.filter((f) => !f.history);
  if (current.length === 0 || bag.items.some((d) => d.severity === "error")) return;
  const returned = new Set(current.flatMap((f) => f.rows.map((r) => r.cells.department?.text ?? "")));
  const nos = new Map<string, number[]>();
  for (const p of plan.projects) for (const d of p.departments) nos.set(d, [...(nos.get(d) ?? []), p.no]);
  for (const [department, list] of nos) {
    if (returned.has(department)) continue;
    bag.add("PP625", { file: path.dirname(current[0]!.file) }, { department, nos: nosText(list, bag.lang), year: wareki(reportYear) });
  }
}

/**
 * A form whose file is named after another department of the plan than the one it was made for
 * (財政課's form saved as 管財課.xlsx): read as the form's department, which is said (PP627) — the
 * officer who collected the files had believed 管財課 answered.
 */
function misnamedForms(plan: Plan, files: readonly ReturnFile[], bag: DiagnosticBag): void {
  for (const f of files) {
    if (f.kind !== "form") continue;
    const named = path.basename(f.file).replace(/\.[^.]+$/u, "").normalize("NFKC").trim();
    const dept = f.rows.find((r) => r.cells.department?.text)?.cells.department?.text;
    if (dept && named !== dept.normalize("NFKC") && plan.departments.some((d) => d.normalize("NFKC") === named)) {
      bag.add("PP627", { file: f.file }, { named, department: dept });
    }
  }
}

/** Two returns of one row that say the same. */
const sameReport = (a: ProgressReturn, b: ProgressReturn): boolean =>
  a.status === b.status && a.result === b.result && a.issues === b.issues && a.direction === b.direction;

/** Nos as a message lists them: the first eight, then how many more. */
function nosText(nos: readonly number[], lang: string): string {
  const shown = nos.slice(0, 8).map((n) => `No.${n}`).join(lang === "ja" ? "、" : ", ");
  return nos.length > 8 ? `${shown}${lang === "ja" ? ` ほか ${nos.length - 8} 件` : ` and ${nos.length - 8} more`}` : shown;
}

/**
 * A status compared as a person means it: without spaces or a closing 。, どおり and 通り one
 * spelling, 中止／休止 as 中止・休止.
 */
function statusKey(status: string): string {
  return status.normalize("NFKC").replace(/\s+/g, "").replace(/[。.]+$/u, "").replace(/[/／]/gu, "・").replaceAll("通り", "どおり");
}

/**
 * What a department writes in a row it has nothing to say about (and no status), with or without
 * a closing 。 as official writing has it (「該当なし。」 had been PP607, stopping every report).
 */
const NOTHING = /^(?:|(?:該当|特に|特段|実績|取組|実施|該当事業)?(?:なし|無し)|対象外|[-‐－―ー—]+)[。.]?$/u;

/** Two departments giving one project different statuses: a warning; the report shows both. */
function reportConflicts(rows: readonly ProgressReturn[], bag: DiagnosticBag): void {
  const byNo = new Map<number, ProgressReturn[]>();
  for (const r of rows) byNo.set(r.no, [...(byNo.get(r.no) ?? []), r]);
  for (const [no, list] of byNo) {
    const groups = new Map<string, string[]>();
    for (const r of list) groups.set(r.status, [...(groups.get(r.status) ?? []), r.department]);
    if (groups.size < 2) continue;
    // told at the first report that differs from the most given status (it had been placed at the
    // first of six agreeing departments, not at the one that differed)
    const sizes = [...groups.values()].map((d) => d.length);
    const most = Math.max(...sizes);
    const tie = sizes.filter((n) => n === most).length > 1;
    const first = tie ? list[0] : list.find((r) => groups.get(r.status)!.length !== most);
    if (!first) continue;
    bag.add("PP610", first.place, { no, detail: statusGroups(groups) }, { projectNo: no });
  }
}

/**
 * The departments by the status each gave (status → departments), the fewest first, three names
 * a status at most (`予定どおり: 情報政策課 / 完了: 人事課、会計課、健康課 ほか 29 課`): a 各課 project
 * listed all 33 one by one, and the message, cut short, never reached the one that differed.
 */
function statusGroups(groups: ReadonlyMap<string, readonly string[]>): string {
  return [...groups].sort((a, b) => a[1].length - b[1].length)
    .map(([status, departments]) => `${status}: ${departments.slice(0, 3).join("、")}${departments.length > 3 ? ` ほか ${departments.length - 3} 課` : ""}`)
    .join(" / ");
}
