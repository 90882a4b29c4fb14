// The user's settlement of doubtful matches: `12=11` (old No.12 is new No.11) or `13=new` (old
// No.13 has no counterpart: it counts as removed, and what resembled it in the revision as added).
// From the config's compare.mapping and from --map (which wins); every entry checked against the
// two plans, so a typo is an error with its source, never a silently ignored match.
import type { DiagnosticBag } from "../diagnostics/bag.js";
import type { Plan } from "../model/schema.js";
import { parseProjectNo } from "../normalise/text.js";
import type { Mapping } from "./schema.js";

/** One `old=new` entry as written, and where (the config file, or --map). */
export interface MappingEntry { text: string; source: string }

/** `12=11`, `12→11`, `12:11`, `13=new` (full-width digits and No. prefixes allowed). */
function parseEntry(text: string): { old: number; target: number | "new" } | null {
  const m = /^(.+?)\s*(?:=|:|→|->)\s*(.+)$/.exec(text.normalize("NFKC").trim());
  if (!m) return null;
  const old = parseProjectNo(m[1]!);
  const target = /^new$/i.test(m[2]!.trim()) ? "new" : parseProjectNo(m[2]!);
  return old === undefined || target === undefined ? null : { old, target };
}

/** `--map 12=11,13=new` given once or several times: the entries one by one. */
export function splitMapOption(values: readonly string[]): MappingEntry[] {
  return values.flatMap((v) => v.split(/[,、，]/)).map((t) => t.trim()).filter(Boolean).map((text) => ({ text, source: "--map" }));
}

/** The checked mapping; PP704–PP706 for entries that cannot be used. */
export function resolveMapping(entries: readonly MappingEntry[], oldPlan: Plan, newPlan: Plan, bag: DiagnosticBag): Mapping {
  const oldNos = new Set(oldPlan.projects.map((p) => p.no));
  const newNos = new Set(newPlan.projects.map((p) => p.no));
  const mapping = new Map<number, number | "new">();
  const sourceOf = new Map<number, string>();
  for (const e of entries) {
    const parsed = parseEntry(e.text);
    if (!parsed) { bag.add("PP704", { file: e.source }, { value: e.text }); continue; }
    let ok = true;
    if (!oldNos.has(parsed.old)) { bag.add("PP705", { file: e.source }, { side: "old", no: parsed.old, value: e.text }, { projectNo: parsed.old }); ok = false; }
    if (parsed.target !== "new" && !newNos.has(parsed.target)) { bag.add("PP705", { file: e.source }, { side: "new", no: parsed.target, value: e.text }, { projectNo: parsed.target }); ok = false; }
    if (ok) { mapping.set(parsed.old, parsed.target); sourceOf.set(parsed.old, e.source); }
  }
  const claimed = new Map<number, number>();
  for (const [old, target] of [...mapping].sort((a, b) => a[0] - b[0])) {
    if (target === "new") continue;
    const first = claimed.get(target);
    if (first !== undefined) bag.add("PP706", { file: sourceOf.get(old)! }, { no: target, first, second: old }, { projectNo: target });
    else claimed.set(target, old);
  }
  return mapping;
}
