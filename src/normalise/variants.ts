// A name written in two forms across rows that are the same characters — full-width and half-width
// (ＤＸ / DX, ｼｽﾃﾑ / システム), or spaces inside (`窓口の ICT化`) — is one name: a department, a
// 基本方針, or a 施策/取組 without a number (numbered ones are told apart by their number). Each
// other form is read as the first written and said at its first row, so one department does not
// get two schedule files, nor one 基本方針 two chapters.
import type { DiagnosticBag } from "../diagnostics/bag.js";
import type { SourcedProject } from "./sourced.js";
import { foldLookalikes } from "./text.js";

/** What two forms of one name have in common: compatibility forms and CP932/Unicode look-alikes (～/〜, －/−) folded, spaces left out. */
export const formOf = (name: string): string => foldLookalikes(name.normalize("NFKC")).replace(/\s+/gu, "");

/** The first form of each name in a scope, with the project that wrote it; each other form said once. */
class FirstForms {
  private readonly first = new Map<string, { name: string; no: number }>();
  private readonly said = new Set<string>();
  constructor(private readonly say: (s: SourcedProject, name: string, first: { name: string; no: number }) => void) {}

  /** `name` as first written in `scope` (itself when it is the first). */
  read(s: SourcedProject, name: string, scope = ""): string {
    const key = `${scope}\u0000${formOf(name)}`;
    const seen = this.first.get(key);
    if (!seen) { this.first.set(key, { name, no: s.project.no }); return name; }
    if (seen.name !== name && !this.said.has(`${key}\u0000${name}`)) {
      this.said.add(`${key}\u0000${name}`);
      this.say(s, name, seen);
    }
    return seen.name;
  }
}

export function unifyNameForms(sourced: SourcedProject[], bag: DiagnosticBag): void {
  const ja = bag.lang === "ja";
  const departments = new FirstForms((s, name, first) => bag.add("PP340", s.cells.departments ?? s.place,
    { name, first: first.name, no: first.no }, { projectNo: s.project.no, relatedNo: first.no, actual: name, expected: first.name }));
  const level = (label: string, cell: "policy" | "measure" | "initiative") => new FirstForms((s, name, first) => bag.add("PP418", s.cells[cell] ?? s.place,
    { level: label, name, first: first.name, no: first.no }, { projectNo: s.project.no, relatedNo: first.no, actual: name, expected: first.name }));
  const policies = level(ja ? "基本方針" : "policy", "policy");
  const measures = level(ja ? "施策" : "measure", "measure");
  const initiatives = level(ja ? "取組" : "initiative", "initiative");
  for (const s of sourced) {
    const p = s.project;
    p.departments = [...new Set(p.departments.map((d) => departments.read(s, d)))];
    p.policy = policies.read(s, p.policy);
    if (p.measure.number === null) p.measure.title = measures.read(s, p.measure.title, p.policy);
    const measure = p.measure.number ?? `\u0000${p.measure.title}`;
    if (p.initiative && p.initiative.number === null) p.initiative.title = initiatives.read(s, p.initiative.title, `${p.policy}\u0000${measure}`);
  }
}
