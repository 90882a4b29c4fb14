// Department lists: split on the configured separators, and on ・ only where the part before it
// ends as a department name does (子ども・若者課 stays one name). 各課 is a flag, not a name.
import type { Config } from "../config/schema.js";

export interface Departments { names: string[]; all: boolean; duplicates: string[]; dropped: string[] }

/** A name with no letter or kanji at all (`..`, `-`) is export damage, not a department. */
const NAME_LIKE = /[\p{L}\p{N}]/u;

export function splitDepartments(text: string, config: Config): Departments {
  const seps = config.departmentSeparators.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = text.split(new RegExp(`(?:${[...seps, "\\n"].join("|")})`)).flatMap((p) => splitOnDots(p, config.departmentSuffixes));
  const names: string[] = [];
  const duplicates: string[] = [];
  const dropped: string[] = [];
  let all = false;
  for (const part of parts) {
    const name = part.replace(/[\s\u3000]+/g, "").trim();
    if (!name) continue;
    if (name === config.allDepartmentsMarker) { all = true; continue; }
    if (!NAME_LIKE.test(name)) { dropped.push(name); continue; }
    if (names.includes(name)) duplicates.push(name); else names.push(name);
  }
  return { names, all, duplicates, dropped };
}

function splitOnDots(part: string, suffixes: string[]): string[] {
  const pieces = part.split("・");
  const out: string[] = [];
  let cur = pieces[0] ?? "";
  for (const next of pieces.slice(1)) {
    if (suffixes.some((s) => cur.trim().endsWith(s))) { out.push(cur); cur = next; } else cur = `${cur}・${next}`;
  }
  out.push(cur);
  return out;
}
