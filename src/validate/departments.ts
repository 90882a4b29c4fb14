// One department written two ways across rows: with its 部 before it (`総務部総務課`) and without
// (`総務課`), or with a unit of it after it (`情報政策課DX推進係`, `情報政策課（DX推進担当）`) and without. Read as two
// departments — two schedule files — so said, never merged: the 部 may also tell two 課 of one
// name apart, and a 係 may have a schedule of its own.
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { BRACKETED_UNIT, SECTION, UNIT } from "../normalise/departments.js";
import type { SourcedProject } from "../normalise/sourced.js";
import { safeFileName, uniqueFileNames } from "../output/filename.js";

/**
 * Departments whose names make one file name (a character no file name may hold, `企画*財政課` and
 * `企画?財政課`; a case or a cut at 200 bytes): the later one's schedule and form get `_2`, said at
 * its first cell with the department it meets (its files had been named so without a word).
 */
export function checkDepartmentFileNames(sourced: SourcedProject[], allDepartmentsMarker: string, bag: DiagnosticBag): void {
  const firstBy = new Map<string, SourcedProject>();
  for (const s of sourced) for (const d of s.project.departments) if (d !== allDepartmentsMarker && !firstBy.has(d)) firstBy.set(d, s);
  const names = [...firstBy.keys()];
  const files = uniqueFileNames(names, "");
  const byBase = new Map<string, string>();
  for (const name of names) {
    const base = safeFileName(name);
    const other = byBase.get(base.toLowerCase());
    if (other === undefined) byBase.set(base.toLowerCase(), name);
    if (other === undefined || files.get(name) === base) continue;
    const s = firstBy.get(name)!;
    bag.add("PP712", s.cells.departments ?? s.place, { name, file: files.get(name)!, other, no: firstBy.get(other)!.project.no, base },
      { projectNo: s.project.no, relatedNo: firstBy.get(other)!.project.no });
  }
}

/** A 部 or 局 written before a department's name: the part of `総務部総務課` before `総務課`. */
const DIVISION_PREFIX = /^\S.*(部|局)[\s\u3000]*$/u;

export function checkDepartmentNames(sourced: SourcedProject[], bag: DiagnosticBag): void {
  // the first project naming each department
  const firstBy = new Map<string, SourcedProject>();
  for (const s of sourced) for (const d of s.project.departments) if (!firstBy.has(d)) firstBy.set(d, s);
  const names = [...firstBy.keys()];
  for (const long of names) {
    const withDivision = names.find((n) => n.length >= 2 && n !== long && long.endsWith(n) && DIVISION_PREFIX.test(long.slice(0, -n.length)));
    const withUnit = names.find((n) => n.length >= 2 && n !== long && long.startsWith(n) && SECTION.test(n) && (UNIT.test(long.slice(n.length)) || BRACKETED_UNIT.test(long.slice(n.length))));
    const short = withDivision ?? withUnit;
    if (short === undefined) continue;
    const s = firstBy.get(long)!, other = firstBy.get(short)!;
    bag.add(withDivision !== undefined ? "PP417" : "PP420", s.cells.departments ?? s.place, { long, short, no: s.project.no, other: other.project.no },
      { projectNo: s.project.no, relatedNo: other.project.no });
  }
}
