// What the council-handout booklet shows: a pure function of the plan and the config. The
// template (templates/booklet/) decides the words and the order; this decides the content.
import type { Config } from "../config/schema.js";
import { hasLevel, type Plan, type Project } from "../model/schema.js";
import { inPeriod } from "../fiscal.js";
import { relistRef, type RelistRef } from "./relist.js";

export interface ProjectView {
  no: number;
  /** Anchor and bookmark id of the card. */
  id: string;
  name: string;
  measureLabel: string;
  initiativeLabel: string;
  measureTitle: string;
  initiativeTitle: string;
  /** false in a plan of two levels (no 取組): paths and headings leave the level out. */
  hasInitiative: boolean;
  /** false in a plan of one level (no 施策): the path is the 基本方針 alone. */
  hasMeasure: boolean;
  departments: string[];
  allDepartments: boolean;
  description: string[];
  /** The original of a 再掲 when found (link). */
  relistOf: { no: number; id: string } | null;
  /** What its 再掲 names (worded by the house style), or null. */
  relist: RelistRef | null;
  /** Where this project is re-listed. */
  relistedIn: { no: number; id: string }[];
}

/** `level: false`: the stand-in initiative of a two-level plan (no heading, no table row). */
export interface InitiativeView { label: string; title: string; level: boolean; projectCount: number; projects: ProjectView[] }
/**
 * `hasInitiatives: false` in a plan of two levels: the measure's projects follow it directly.
 * `level: false`: the stand-in measure of a one-level plan (no heading, no table row; its `id` is
 * the chapter's, the parent of its cards in the outline).
 */
export interface MeasureView { id: string; label: string; title: string; level: boolean; projectCount: number; hasInitiatives: boolean; initiatives: InitiativeView[] }
/** `hasMeasures: false` in a plan of one level: the chapter's projects follow it directly. */
export interface ChapterView { number: number; id: string; name: string; projectCount: number; hasMeasures: boolean; hasInitiatives: boolean; measures: MeasureView[] }

export interface BookletView {
  title: string;
  period: { start: number; end: number };
  /** "" when not given: every field is there (a misspelt name tested by {{#if}} is a mistake, engine.ts). */
  cover: { label: string; meeting: string; issuer: string; date: string };
  chapters: ChapterView[];
  projectCount: number;
  /** The fiscal year the schedules mark (their heading tinted), and whether it is in the period. */
  asOf: number;
  asOfShown: boolean;
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

export function measureLabel(n: number | null): string {
  return n === null ? "" : `(${n})`;
}
export function initiativeLabel(n: number | null): string {
  return n === null ? "" : n >= 1 && n <= 20 ? CIRCLED[n - 1]! : `(${n})`;
}

const projectId = (no: number) => `p${no}`;

export function bookletView(plan: Plan, config: Config, date: Date | null, asOf: number): BookletView {
  const byNo = new Map(plan.projects.map((p) => [p.no, p]));
  const relistedIn = new Map<number, number[]>();
  for (const p of plan.projects) if (p.relistOf !== null) relistedIn.set(p.relistOf, [...(relistedIn.get(p.relistOf) ?? []), p.no]);
  const project = (p: Project): ProjectView => ({
    no: p.no, id: projectId(p.no), name: p.name,
    measureLabel: measureLabel(p.measure.number), initiativeLabel: initiativeLabel(p.initiative?.number ?? null),
    measureTitle: p.measure.title, initiativeTitle: p.initiative?.title ?? "", hasInitiative: p.initiative !== null,
    hasMeasure: hasLevel(p.measure),
    departments: p.departments, allDepartments: p.allDepartments, description: p.description,
    relistOf: p.relistOf !== null && byNo.has(p.relistOf) ? { no: p.relistOf, id: projectId(p.relistOf) } : null,
    relist: relistRef(p),
    relistedIn: (relistedIn.get(p.no) ?? []).map((no) => ({ no, id: projectId(no) })),
  });
  const chapters = plan.policies.map((policy, pi): ChapterView => {
    const measures = policy.measures.map((m, mi): MeasureView => {
      const initiatives = m.initiatives.map((i): InitiativeView => {
        const projects = i.projects.map((no) => byNo.get(no)).filter((p): p is Project => p !== undefined).map(project);
        return { label: initiativeLabel(i.number), title: i.title, level: hasLevel(i), projectCount: projects.length, projects };
      });
      const level = hasLevel(m);
      return { id: level ? `m${pi + 1}-${mi + 1}` : `c${pi + 1}`, label: measureLabel(m.number), title: m.title, level, initiatives, hasInitiatives: initiatives.some((i) => i.level),
        projectCount: initiatives.reduce((n, i) => n + i.projectCount, 0) };
    });
    return { number: pi + 1, id: `c${pi + 1}`, name: policy.name, measures, hasMeasures: measures.some((m) => m.level), hasInitiatives: measures.some((m) => m.hasInitiatives),
      projectCount: measures.reduce((n, m) => n + m.projectCount, 0) };
  });
  const d = config.document;
  const cover: BookletView["cover"] = { label: d.handoutLabel ?? "", meeting: d.meeting ?? "", issuer: d.issuer ?? "", date: date ? date.toISOString().slice(0, 10) : "" };
  return { title: config.title ?? plan.plan.title, period: plan.plan.period, cover, chapters, projectCount: plan.projects.length,
    asOf, asOfShown: inPeriod(plan.plan.period, asOf) };
}

