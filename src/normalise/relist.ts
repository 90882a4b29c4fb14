// 再掲 (re-listed entries): the marker is stripped from the name, and the original is found by
// name, or by the policy/measure/initiative the marker names.
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { parseNumbered } from "./hierarchy.js";
import type { RelistMark, SourcedProject } from "./sourced.js";
import { cleanText, excerpt } from "./text.js";

const SUFFIX = /[（(]\s*再掲\s*[)）]/;
const BRACKET = /【([^】]*?)の?再掲】/;

export function parseRelist(rawName: string): RelistMark | null {
  const b = BRACKET.exec(rawName);
  if (b) {
    const refText = (b[1] ?? "").trim();
    const name = cleanText(rawName.replace(b[0], " "));
    const m = /^(.*?)\s*([（(]\s*[0-9０-９]+\s*[)）])\s*(.*)$/.exec(refText);
    const ref = m
      ? { text: refText, policy: cleanText(m[1] ?? ""), measure: parseNumbered(m[2] ?? "").number, initiative: parseNumbered(m[3] ?? "").number }
      : { text: refText, policy: cleanText(refText), measure: null, initiative: null };
    return { mark: b[0], name, ref };
  }
  const s = SUFFIX.exec(rawName);
  if (s) return { mark: s[0], name: cleanText(rawName.replace(s[0], " ")) };
  return null;
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


const inPlace = (s: SourcedProject, ref: NonNullable<RelistMark["ref"]>) =>
  (!ref.policy || s.project.policy === ref.policy || s.project.policy.includes(ref.policy) || ref.policy.includes(s.project.policy))
  && (ref.measure === null || s.project.measure.number === ref.measure)
  && (ref.initiative === null || s.project.initiative?.number === ref.initiative);

const whereOf = (s: SourcedProject) => `${s.project.policy}${s.marks.measure}${s.marks.initiative}`;

/**
 * Sets relistOf for every marked project whose original is found: by name (preferring one where
 * the marker points), else the single project where the marker points if its name is alike.
 * A marked 再掲 whose original cannot be found keeps relistOf null, its mark, and a PP406.
 */
export function resolveRelists(sourced: SourcedProject[], bag: DiagnosticBag): void {
  const originals = sourced.filter((s) => !s.relist);
  for (const s of sourced) {
    if (!s.relist) continue;
    const p = s.project;
    const ref = s.relist.ref;
    const byName = originals.filter((o) => o.project.name === p.name && o.project.no !== p.no);
    const byRef = ref ? originals.filter((o) => o !== s && inPlace(o, ref)) : [];
    const at = s.cells.name ?? s.place;
    let original = byName.find((o) => byRef.includes(o)) ?? byName[0];
    if (original && ref && !byRef.includes(original)) {
      bag.add("PP407", at, { no: p.no, ref: excerpt(ref.text), orig: original.project.no, where: whereOf(original) }, { projectNo: p.no, relatedNo: original.project.no });
    }
    if (!original && byRef.length === 1 && similarity(byRef[0]!.project.name, p.name) >= 0.6) {
      original = byRef[0]!;
      const [a, b] = firstDifference(original.project.name, p.name);
      bag.add("PP408", at, { no: p.no, orig: original.project.no, detail: `「${a}」/「${b}」` }, { projectNo: p.no, relatedNo: original.project.no });
    }
    if (original) { p.relistOf = original.project.no; continue; }
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
}
