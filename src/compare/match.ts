// Which project of the revision is which project of the plan in force. Revisions renumber (a
// removal shifts every later No, a moved project takes a number in its new 基本方針), so projects
// are matched by content: first the user's mapping, then projects equal in everything but the
// No, then the most alike remaining pairs. Matches that could be wrong are returned as doubts,
// for the caller to tell the user (who settles them with the mapping).
import type { Project } from "../model/schema.js";
import type { Mapping } from "./schema.js";
import { profile, type Profile, resemblance, SAME_NO_WEIGHT, signature } from "./similarity.js";

/** Least resemblance for two projects to be taken as one. */
export const ACCEPT = 0.5;
/** Below this, a match (of projects whose names differ) is told as a weak one. */
export const SURE = 0.65;
/** A removed and an added project this alike are told as a possible match the user may settle. */
export const NEAR = 0.38;
/** Two candidates closer than this in resemblance are both plausible. */
export const MARGIN = 0.06;

export interface Pair { old: Project; new: Project; score: number }

export type Doubt =
  /** `rival` resembles the other side of the pair nearly as much. */
  | { kind: "rival"; pair: Pair; rival: Project; rivalSide: "old" | "new"; rivalScore: number }
  | { kind: "weak"; pair: Pair }
  /** A removed and an added project that resemble each other, kept apart. */
  | { kind: "near"; old: Project; new: Project; score: number };

export interface Matching {
  pairs: Pair[];
  removed: Project[];
  added: Project[];
  doubts: Doubt[];
}

interface Candidate { old: Profile; new: Profile; score: number }

export function matchProjects(oldProjects: readonly Project[], newProjects: readonly Project[], mapping: Mapping = new Map()): Matching {
  const pairs: Pair[] = [];
  const oldLeft = new Set(oldProjects);
  const newLeft = new Set(newProjects);
  const newByNo = new Map(newProjects.map((p) => [p.no, p]));
  const removedByMapping: Project[] = [];
  for (const o of oldProjects) {
    const target = mapping.get(o.no);
    if (target === undefined) continue;
    oldLeft.delete(o);
    if (target === "new") { removedByMapping.push(o); continue; }
    const n = newByNo.get(target);
    if (n && newLeft.delete(n)) pairs.push({ old: o, new: n, score: 1 });
  }

  // Equal in everything but the No: the same project (duplicates pair in order, same No first).
  const bySignature = new Map<string, Project[]>();
  for (const n of newLeft) {
    const key = signature(n);
    bySignature.set(key, [...bySignature.get(key) ?? [], n]);
  }
  for (const o of [...oldLeft]) {
    const same = bySignature.get(signature(o));
    if (!same?.length) continue;
    const at = Math.max(0, same.findIndex((n) => n.no === o.no));
    const [n] = same.splice(at, 1);
    oldLeft.delete(o);
    newLeft.delete(n!);
    pairs.push({ old: o, new: n!, score: 1 });
  }

  // The rest by resemblance, most alike first.
  const olds = [...oldLeft].map(profile);
  const news = [...newLeft].map(profile);
  // Only pairs alike enough to be matched or told as a near miss.
  const all: Candidate[] = [];
  for (const o of olds) {
    for (const n of news) {
      const score = resemblance(o, n, NEAR);
      if (score !== null && score >= NEAR) all.push({ old: o, new: n, score });
    }
  }
  const ranked = all.filter((c) => c.score >= ACCEPT).sort((a, b) => b.score - a.score
    || Math.abs(a.old.project.no - a.new.project.no) - Math.abs(b.old.project.no - b.new.project.no)
    || a.old.project.no - b.old.project.no || a.new.project.no - b.new.project.no);
  const fuzzy: Pair[] = [];
  for (const c of ranked) {
    if (!oldLeft.has(c.old.project) || !newLeft.has(c.new.project)) continue;
    oldLeft.delete(c.old.project);
    newLeft.delete(c.new.project);
    fuzzy.push({ old: c.old.project, new: c.new.project, score: c.score });
  }
  pairs.push(...fuzzy);

  const removed = [...removedByMapping, ...oldLeft].sort((a, b) => a.no - b.no);
  const added = [...newLeft].sort((a, b) => a.no - b.no);
  return { pairs: pairs.sort((a, b) => a.old.no - b.old.no), removed, added, doubts: doubtsOf(fuzzy, all, removed, added) };
}

/** The fuzzy matches that could be wrong, and the near misses. */
function doubtsOf(fuzzy: readonly Pair[], all: readonly Candidate[], removed: readonly Project[], added: readonly Project[]): Doubt[] {
  const partnerScore = new Map<Project, number>();
  for (const p of fuzzy) { partnerScore.set(p.old, p.score); partnerScore.set(p.new, p.score); }
  /**
   * A project that, taken instead, would be about as good: unpaired, or paired less surely than
   * this. Weighed without the No's share: a project split in two keeps its No on one half, and
   * that share alone had set the halves apart by more than MARGIN (PP701 said or not by the
   * length of their names).
   */
  const content = (score: number, a: Project, b: Project) => score - (a.no === b.no ? SAME_NO_WEIGHT : 0);
  /**
   * A 再掲 and its original share their name by design: where the pair agrees on being a 再掲 (both
   * marked, or neither) and the rival does not, the mark tells them apart (every schedule moved a
   * year later had made each 再掲 and its original a PP701, the match plain right).
   */
  const relisted = (p: Project) => p.relistMark !== null;
  const sameListing = (pair: Pair, rival: readonly [Project, Project]) =>
    relisted(pair.old) !== relisted(pair.new) || relisted(rival[0]) === relisted(rival[1]);
  const plausible = (other: Project, score: number, pair: Pair, rival: readonly [Project, Project]) =>
    score >= ACCEPT && content(score, ...rival) >= content(pair.score, pair.old, pair.new) - MARGIN && (partnerScore.get(other) ?? 0) < score + MARGIN
    && sameListing(pair, rival);
  const byOld = new Map<Project, Candidate[]>();
  const byNew = new Map<Project, Candidate[]>();
  const add = (map: Map<Project, Candidate[]>, key: Project, c: Candidate) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  for (const c of all) { add(byOld, c.old.project, c); add(byNew, c.new.project, c); }
  const doubts: Doubt[] = [];
  for (const pair of fuzzy) {
    const otherNew = (byOld.get(pair.old) ?? []).find((c) => c.new.project !== pair.new && plausible(c.new.project, c.score, pair, [pair.old, c.new.project]));
    const otherOld = (byNew.get(pair.new) ?? []).find((c) => c.old.project !== pair.old && plausible(c.old.project, c.score, pair, [c.old.project, pair.new]));
    if (otherNew) doubts.push({ kind: "rival", pair, rival: otherNew.new.project, rivalSide: "new", rivalScore: otherNew.score });
    else if (otherOld) doubts.push({ kind: "rival", pair, rival: otherOld.old.project, rivalSide: "old", rivalScore: otherOld.score });
    else if (pair.score < SURE) doubts.push({ kind: "weak", pair });
  }
  // A removed project's nearest added one, if near enough to be the same project.
  const come = new Set(added);
  for (const o of removed) {
    const near = (byOld.get(o) ?? []).filter((c) => c.score < ACCEPT && come.has(c.new.project)).sort((a, b) => b.score - a.score)[0];
    if (near) doubts.push({ kind: "near", old: o, new: near.new.project, score: near.score });
  }
  return doubts;
}
