// How alike two projects of two plan versions are. Texts are compared as the model normalises
// them plus NFKC (a full-width/half-width difference is no change); each aspect gives a score in
// [0, 1] and the No is only one weak clue among them, because revisions renumber.
import type { Phase, Project } from "../model/schema.js";
import { cleanText, foldLookalikes } from "../normalise/text.js";

/** Japanese script and punctuation: a space beside it carries no meaning. */
const JAPANESE = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆、。，．・「」『』（）【】〔〕［］｛｝〈〉《》：；？！～]`;
const SPACE_BY_JAPANESE = new RegExp(String.raw`(?<=${JAPANESE})\s+|\s+(?=${JAPANESE})`, "gu");

/**
 * A text as compared: NFKC, white space collapsed, and none beside Japanese (「について、　市が」,
 * 「データ ユーザー」 had been told as changes, the PDF underlining a space no reader sees).
 */
export function comparable(text: string): string {
  return foldLookalikes(cleanText(text.normalize("NFKC"))).replace(SPACE_BY_JAPANESE, "");
}


/** The projects' departments as compared: a set (the order they are listed in is no change). */
export function departmentKey(p: Pick<Project, "departments" | "allDepartments">): string {
  return [...new Set(p.departments.map(comparable))].sort().join("\n") + (p.allDepartments ? "\n*" : "");
}

export function descriptionKey(p: Pick<Project, "description">): string {
  return p.description.map(comparable).join("\n");
}

function phaseKey(p: Phase): string {
  return `${comparable(p.label)}|${p.from}|${p.to}|${comparable(p.note ?? "")}`;
}

export function scheduleKey(p: Pick<Project, "schedule">): string {
  return p.schedule.map(phaseKey).sort().join("\n");
}

/**
 * A schedule moved `years` later (earlier when negative) within `period`: a phase cut at its
 * bounds, one wholly outside it dropped (推進 令和8–12 a year later is 推進 令和9–12).
 */
export function shiftedSchedule(phases: readonly Phase[], years: number, period: { start: number; end: number }): Phase[] {
  return phases.map((p) => ({ ...p, from: Math.max(p.from + years, period.start), to: Math.min(p.to + years, period.end) })).filter((p) => p.from <= p.to);
}

/** The place in the policy tree as compared (numbers and titles of every level). */
function placeKey(p: Pick<Project, "policy" | "measure" | "initiative">): string {
  return [comparable(p.policy), p.measure.number ?? "", comparable(p.measure.title), p.initiative?.number ?? "", comparable(p.initiative?.title ?? "")].join("|");
}

/** Everything but the No: two projects with the same signature are the same project. */
export function signature(p: Project): string {
  return [comparable(p.name), descriptionKey(p), departmentKey(p), scheduleKey(p), placeKey(p)].join("\u0000");
}

function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const out = new Map<string, number>();
  const grams = chars.length < 2 ? chars : chars.slice(1).map((c, i) => chars[i]! + c);
  for (const g of grams) out.set(g, (out.get(g) ?? 0) + 1);
  return out;
}

/** A text with its bigrams counted once (a project is compared with many). */
interface Grams { text: string; grams: Map<string, number> }
const grams = (text: string): Grams => ({ text, grams: bigrams(text) });

/** Dice coefficient of character bigrams: 1 for equal texts, 0 for nothing in common. */
function gramSimilarity(a: Grams, b: Grams): number {
  if (a.text === b.text) return 1;
  if (!a.text || !b.text) return 0;
  const x = a.grams;
  const y = b.grams;
  let common = 0;
  let total = 0;
  for (const [g, n] of x) { common += Math.min(n, y.get(g) ?? 0); total += n; }
  for (const n of y.values()) total += n;
  return total ? (2 * common) / total : 0;
}

/** How alike two texts are as compared (Dice coefficient of their bigrams, 0–1). */
export const textSimilarity = (a: string, b: string): number => gramSimilarity(grams(comparable(a)), grams(comparable(b)));

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 1;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** Each fiscal year's phase labels, as tokens: a shifted or split phase still shares most of them. */
function scheduleTokens(p: Pick<Project, "schedule">): Set<string> {
  const out = new Set<string>();
  for (const phase of p.schedule) for (let y = phase.from; y <= phase.to; y++) out.add(`${comparable(phase.label)}@${y}`);
  return out;
}

/** What a project is compared by, worked out once per project. */
export interface Profile {
  project: Project;
  name: Grams;
  description: Grams;
  departments: Set<string>;
  schedule: Set<string>;
  place: string[];
}

export function profile(project: Project): Profile {
  return {
    project,
    name: grams(comparable(project.name)),
    description: grams(descriptionKey(project)),
    departments: new Set([...project.departments.map(comparable), ...(project.allDepartments ? ["*"] : [])]),
    schedule: scheduleTokens(project),
    place: [comparable(project.policy), comparable(project.measure.title), comparable(project.initiative?.title ?? "")],
  };
}

/**
 * Weights of the aspects: the name and the description say most about which project it is; the
 * No weighs least (a removal renumbers every later project).
 */
const WEIGHTS = { name: 0.4, description: 0.3, departments: 0.1, schedule: 0.1, place: 0.06, no: 0.04 };

/** What a project keeping its No adds to a resemblance (left out where two candidates are weighed: a split keeps one half's No). */
export const SAME_NO_WEIGHT = WEIGHTS.no;

/**
 * How alike two projects are, 0 to 1; null when it is surely below `floor` (the description, the
 * costliest part, is then not compared: most pairs of a large plan are far apart).
 */
export function resemblance(a: Profile, b: Profile, floor = 0): number | null {
  const placeShared = a.place.reduce((n, part, i) => n + (part === b.place[i] ? 1 : 0), 0) / a.place.length;
  const without = WEIGHTS.name * gramSimilarity(a.name, b.name)
    + WEIGHTS.departments * jaccard(a.departments, b.departments)
    + WEIGHTS.schedule * jaccard(a.schedule, b.schedule)
    + WEIGHTS.place * placeShared
    + WEIGHTS.no * (a.project.no === b.project.no ? 1 : 0);
  if (without + WEIGHTS.description < floor) return null;
  return without + WEIGHTS.description * gramSimilarity(a.description, b.description);
}
