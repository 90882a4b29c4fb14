// The policy tree across two versions: which 基本方針 / 施策 / 取組 of the revision continues which
// of the plan in force. A node kept under the same name is itself; a node whose name is gone
// continues as the new node most of its matched projects went to (a renamed or renumbered node,
// told as a plan-level change). A project is `moved` only when its node's continuation is not
// where it now stands, so renaming a 基本方針 does not report each of its projects as moved.
import type { Numbered, Project } from "../model/schema.js";
import { circled } from "../normalise/hierarchy.js";
import type { Pair } from "./match.js";
import type { PlanChange } from "./schema.js";
import { comparable, textSimilarity } from "./similarity.js";

type Level = "policy" | "measure" | "initiative";
export const LEVELS: Level[] = ["policy", "measure", "initiative"];

function own(p: Project, level: Level): string {
  if (level === "policy") return comparable(p.policy);
  // A plan without 取組 (two levels) has one empty node there.
  const n: Numbered = (level === "measure" ? p.measure : p.initiative) ?? { number: null, title: "" };
  return `${n.number ?? ""}|${comparable(n.title)}`;
}

/** The node's number (null for a 基本方針, or a level without numbers). */
const numberOf = (p: Project, level: Level): number | null => (level === "policy" ? null : ((level === "measure" ? p.measure : p.initiative)?.number ?? null));

/** The node's words as staff read them: the policy's name, `(1)…` for a measure, `①…` for an initiative. */
export function label(p: Pick<Project, "policy" | "measure" | "initiative">, level: Level): string {
  if (level === "policy") return p.policy;
  const n = (level === "measure" ? p.measure : p.initiative) ?? { number: null, title: "" };
  const mark = n.number === null ? "" : level === "measure" ? `(${n.number})` : circled(n.number);
  return `${mark}${n.title}`;
}

/** A node's key: its own part under its parent's key. */
function keyOf(p: Project, level: Level, parent = ""): string {
  return `${parent}\u0000${own(p, level)}`;
}

export interface TreeMatch {
  /** Tree nodes renamed or renumbered, policies first, in the revision's order. */
  changes: PlanChange[];
  /** Whether a matched project stands somewhere else in the tree than its old node's continuation. */
  moved(pair: Pair): boolean;
}

export function matchTree(oldProjects: readonly Project[], newProjects: readonly Project[], pairs: readonly Pair[]): TreeMatch {
  /** Old node key (per level, under the old parents) → the new node key it continues as. */
  const continuation = new Map<string, string>();
  /** Old nodes that went whole under other parents: their projects are moved, told once as the node's change. */
  const movedNodes = new Set<string>();
  const changes: PlanChange[] = [];
  /** A project's node at a depth, by the names of that node and its parents (either version). */
  const nodeKey = (p: Project, depth: number) => LEVELS.slice(0, depth + 1).reduce((k, l) => keyOf(p, l, k), "");
  for (const [depth, level] of LEVELS.entries()) {
    const newKeys = new Set(newProjects.map((p) => nodeKey(p, depth)));
    // The old node's key with its parent replaced by the parent's continuation.
    const translated = (p: Project) => keyOf(p, level, depth === 0 ? "" : continuation.get(nodeKey(p, depth - 1)) ?? nodeKey(p, depth - 1));
    const kept = new Set<string>();
    for (const p of oldProjects) {
      const t = translated(p);
      if (newKeys.has(t)) { continuation.set(nodeKey(p, depth), t); kept.add(t); }
    }
    // Nodes whose name is gone: where most of their projects went, among new nodes not kept.
    const votes = new Map<string, Map<string, number>>();
    for (const pair of pairs) {
      const from = nodeKey(pair.old, depth);
      const to = nodeKey(pair.new, depth);
      if (continuation.has(from) || kept.has(to)) continue;
      // A node continues under its parent's continuation (renamed in place); one that turns up
      // under another parent has moved, and its projects with it.
      if (depth > 0 && continuation.get(nodeKey(pair.old, depth - 1)) !== nodeKey(pair.new, depth - 1)) continue;
      const tally = votes.get(from) ?? new Map<string, number>();
      tally.set(to, (tally.get(to) ?? 0) + 1);
      votes.set(from, tally);
    }
    const renamed: { from: Project; to: Project; moved?: boolean }[] = [];
    if (depth > 0) for (const m of movedWhole(depth, continuation, kept)) { continuation.set(m.from, m.to); movedNodes.add(m.from); kept.add(m.to); votes.delete(m.from); renamed.push(m.pair); }
    for (const [from, tally] of votes) {
      const fromProject = oldProjects.find((p) => nodeKey(p, depth) === from)!;
      const projectAt = (key: string) => newProjects.find((p) => nodeKey(p, depth) === key)!;
      // the projects' votes, and the node's own number and words: a 取組 renamed in place (②, a
      // name like its old one) and partly split off into a new ③ had been told renamed as ③, the
      // two projects that moved to ③ not listed
      const score = (key: string, n: number) => n + (numberOf(fromProject, level) !== null && numberOf(fromProject, level) === numberOf(projectAt(key), level) ? 1.5 : 0)
        + textSimilarity(label(fromProject, level), label(projectAt(key), level));
      const [to] = [...tally.entries()].sort((a, b) => score(b[0], b[1]) - score(a[0], a[1]))[0]!;
      continuation.set(from, to);
      const toProject = projectAt(to);
      if (own(fromProject, level) !== own(toProject, level)) renamed.push({ from: fromProject, to: toProject });
    }
    const order = new Map(newProjects.map((p, i) => [p, i]));
    renamed.sort((a, b) => order.get(a.to)! - order.get(b.to)!);
    for (const r of renamed) {
      const parents = (p: Project) => LEVELS.slice(0, depth).map((l) => label(p, l));
      changes.push({ aspect: level, old: label(r.from, level), new: label(r.to, level), within: parents(r.to), ...(r.moved ? { oldWithin: parents(r.from) } : {}) });
    }
  }
  /**
   * Nodes moved whole to another parent (a 基本方針 split in two, its 施策 going with the new one):
   * a node not continued, of two matched projects at least, all of which went to one new node
   * under another parent than its own parent's continuation, that node holding no other old
   * node's projects. Told once as the node's change (its projects had each been told as moved in
   * the 新旧対照表); the change list keeps each project's move, as a project's place changed.
   */
  function movedWhole(depth: number, continued: ReadonlyMap<string, string>, kept: ReadonlySet<string>) {
    const to = new Map<string, Set<string>>();
    const from = new Map<string, Set<string>>();
    const count = new Map<string, number>();
    const first = new Map<string, Pair>();
    for (const pair of pairs) {
      const [a, b] = [nodeKey(pair.old, depth), nodeKey(pair.new, depth)];
      to.set(a, (to.get(a) ?? new Set()).add(b));
      from.set(b, (from.get(b) ?? new Set()).add(a));
      count.set(a, (count.get(a) ?? 0) + 1);
      if (!first.has(a)) first.set(a, pair);
    }
    return [...to].flatMap(([a, bs]) => {
      const [b] = bs;
      const pair = first.get(a)!;
      if (continued.has(a) || bs.size !== 1 || !b || kept.has(b) || from.get(b)!.size !== 1 || count.get(a)! < 2) return [];
      if (continued.get(nodeKey(pair.old, depth - 1)) === nodeKey(pair.new, depth - 1)) return [];
      return [{ from: a, to: b, pair: { from: pair.old, to: pair.new, moved: true } }];
    });
  }
  const leaf = LEVELS.length - 1;
  return {
    changes,
    moved: (pair) => continuation.get(nodeKey(pair.old, leaf)) !== nodeKey(pair.new, leaf) || LEVELS.some((_, d) => movedNodes.has(nodeKey(pair.old, d))),
  };
}
