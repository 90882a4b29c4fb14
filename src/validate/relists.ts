// A 再掲 should repeat its original: say what differs (description, departments, schedule).
// Two projects alike in name and description without a 再掲 mark are reported too.
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { wareki } from "../fiscal.js";
import type { Phase, Project } from "../model/schema.js";
import type { SourcedProject } from "../normalise/sourced.js";
import { firstDifference } from "../normalise/relist.js";

const joined = (p: Project) => p.description.join("\n");

export function checkRelists(sourced: SourcedProject[], bag: DiagnosticBag): void {
  const byNo = new Map(sourced.map((s) => [s.project.no, s]));
  const ja = bag.lang === "ja";
  for (const s of sourced) {
    const p = s.project;
    if (p.relistOf === null) continue;
    const o = byNo.get(p.relistOf)?.project;
    if (!o) continue;
    const extra = { projectNo: p.no, relatedNo: o.no };
    if (joined(o) !== joined(p)) {
      // (items' line breaks shown as ／: a message is one line)
      const [a, b] = firstDifference(joined(o), joined(p)).map((t) => t.replace(/\n/g, "／")) as [string, string];
      bag.add("PP409", s.cells.description ?? s.place, { no: p.no, orig: o.no, detail: `No.${o.no}「${a}」/ No.${p.no}「${b}」` }, { ...extra, actual: b, expected: a });
    }
    const added = p.departments.filter((d) => !o.departments.includes(d));
    const removed = o.departments.filter((d) => !p.departments.includes(d));
    if (o.allDepartments && !p.allDepartments) removed.push("各課");
    if (!o.allDepartments && p.allDepartments) added.push("各課");
    if (added.length || removed.length) {
      const parts = [
        added.length ? `${ja ? "追加" : "added"}: ${added.join("、")}` : "",
        removed.length ? `${ja ? "なし" : "missing"}: ${removed.join("、")}` : "",
      ].filter(Boolean);
      bag.add("PP410", s.cells.departments ?? s.place, { no: p.no, orig: o.no, detail: parts.join(ja ? "、" : "; ") }, extra);
    }
    const detail = scheduleDifference(o, p, ja);
    if (detail) bag.add("PP412", s.cells.schedule ?? s.place, { no: p.no, orig: o.no, detail }, extra);
  }
  // Same name and description, no mark on either: probably a 再掲 that lost its mark (not one
  // its original's note found: ※3-(2)-①に再掲, PP422). The same name alone (another description):
  // a 再掲 rewritten, or two projects printed alike? Said (PP394); it had been two projects, unsaid.
  const seen = new Map<string, SourcedProject>();
  const named = new Map<string, SourcedProject>();
  for (const s of sourced) {
    if (s.relist || s.project.relistOf !== null) continue;
    const key = `${s.project.name}\u0000${joined(s.project)}`;
    const first = seen.get(key);
    const namesake = named.get(s.project.name);
    const extra = (o: SourcedProject) => ({ projectNo: s.project.no, relatedNo: o.project.no });
    // (a row of the same No is a duplicate, said by PP401: 「No.2 は No.2 と…」 would add nothing)
    const twin = first ?? namesake;
    if (twin && twin.project.no !== s.project.no) {
      if (first) bag.add("PP411", s.cells.name ?? s.place, { no: s.project.no, orig: first.project.no }, extra(first));
      else if (s.project.name) bag.add("PP394", s.cells.name ?? s.place, { no: s.project.no, orig: twin.project.no, name: s.project.name }, extra(twin));
    }
    seen.set(key, first ?? s);
    named.set(s.project.name, namesake ?? s);
  }
}

const span = (ph: Phase) => (ph.from === ph.to ? wareki(ph.from) : `${wareki(ph.from)}～${wareki(ph.to)}`);

/** The first difference between two schedules, in words; null when they agree. */
export function scheduleDifference(o: Project, p: Project, ja: boolean): string | null {
  const n = Math.max(o.schedule.length, p.schedule.length);
  for (let i = 0; i < n; i++) {
    const a = o.schedule[i], b = p.schedule[i];
    if (!a || !b) {
      const has = a ?? b!;
      const who = a ? o.no : p.no;
      return ja ? `工程「${has.label}」（${span(has)}）は No.${who} にだけあります` : `the phase "${has.label}" (${span(has)}) is only in No.${who}`;
    }
    if (a.label !== b.label) {
      return ja ? `${i + 1} 番目の工程: No.${o.no}「${a.label}」/ No.${p.no}「${b.label}」` : `phase ${i + 1}: No.${o.no} "${a.label}" / No.${p.no} "${b.label}"`;
    }
  }
  // Same phases: the first start that moved says most (an end moves with the next start).
  for (const [which, ja1, en1] of [["from", "開始", "start"], ["to", "終了", "end"]] as const) {
    for (let i = 0; i < n; i++) {
      const a = o.schedule[i]!, b = p.schedule[i]!;
      if (a[which] !== b[which]) {
        return ja ? `${a.label}の${ja1}: No.${o.no} ${wareki(a[which])} / No.${p.no} ${wareki(b[which])}`
          : `${en1} of ${a.label}: No.${o.no} ${wareki(a[which])} / No.${p.no} ${wareki(b[which])}`;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const a = o.schedule[i]!, b = p.schedule[i]!;
    if ((a.note ?? "") !== (b.note ?? "")) {
      return ja ? `${a.label}の注記: No.${o.no}「${a.note ?? ""}」/ No.${p.no}「${b.note ?? ""}」` : `note of ${a.label}: No.${o.no} "${a.note ?? ""}" / No.${p.no} "${b.note ?? ""}"`;
    }
  }
  return null;
}
