// Every bar is one bar: its category fill, its pattern and its label sit in the same place, read
// back from the PDF's drawing operations (pdfjs-dist operator list) of gantt.pdf and a department
// file of the seed, where rows are taller than one line (long names, descriptions).
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/model/schema.js";
import { fiscalYearLabel } from "../../src/fiscal.js";
import { drawnCategories, legendEntries } from "../../src/render/phases.js";
import { makeRenderContext, seedPlan } from "../helpers/context.js";
import { planOf, project } from "../helpers/plan-model.js";
import { renderDepartments } from "../../src/render/departments.js";
import { renderBooklet } from "../../src/render/booklet.js";
import { seedDocuments } from "../helpers/seed-documents.js";
import { glyphBox, inside, pageDrawings, sameRect, type FilledRect, type PageDrawing } from "../helpers/pdf-drawing.js";
import { textItems } from "../helpers/pdf-positions.js";

const ctx = makeRenderContext();
let plan: Plan;
let gantt: PageDrawing[];
let department: PageDrawing[];
let departmentName: string;

beforeAll(async () => {
  plan = seedPlan();
  gantt = await pageDrawings((await seedDocuments("gantt"))[0]!.data);
  const files = await seedDocuments("departments");
  // the department with the most projects: every row carries its description (rows of many lines)
  departmentName = [...plan.departments].sort((a, b) => count(b) - count(a))[0]!;
  department = await pageDrawings(files.find((f) => f.path === `departments/${departmentName}.pdf`)!.data);
}, 120_000);

const count = (d: string): number => plan.projects.filter((p) => p.departments.includes(d)).length;

interface BarCheck { bars: number; problems: string[] }

/**
 * For every bar label below the year headings of a page: the solid category fill under it holds
 * the label's glyphs and its background box, and a pattern fill covers exactly that rectangle;
 * every pattern fill there has its solid fill in the same place.
 */
function checkBars(pages: readonly PageDrawing[], of: Plan = plan): BarCheck {
  const labels = [...new Set(of.projects.flatMap((p) => p.schedule.map((s) => s.label.replace(/\s+/g, ""))))];
  const years = new Set<string>();
  // (a long period's headings are broken before 年度: 令和8／年度)
  for (let y = of.plan.period.start; y <= of.plan.period.end; y++) years.add(fiscalYearLabel(y, ctx.theme)).add(fiscalYearLabel(y, ctx.theme).replace(/年度$/u, ""));
  const categoryFills = new Set(Object.values(ctx.theme.categories).map((c) => c.fill.toUpperCase()));
  const isBarFill = (f: FilledRect): boolean => !f.pattern && f.alpha === 1 && categoryFills.has(f.colour ?? "");
  const problems: string[] = [];
  let bars = 0;
  pages.forEach((page, pi) => {
    const heads = page.items.filter((i) => years.has(i.str));
    if (heads.length === 0) return;
    const first = heads.reduce((a, b) => (b.x < a.x ? b : a));
    // the year area starts at the left edge of the first year heading's cell
    const headCell = page.fills.filter((f) => !f.pattern && inside(glyphBox(first), f)).sort((a, b) => (a.x1 - a.x0) - (b.x1 - b.x0))[0];
    expect(headCell, `page ${pi + 1}: the year heading's cell`).toBeDefined();
    const left = headCell!.x0 - 0.5;
    const below = headCell!.y0 + 0.5;
    for (const item of page.items) {
      const box = glyphBox(item);
      if (box.x0 < left || box.y1 > below || /^[※＊]/.test(item.str) || years.has(item.str)) continue;
      if (!labels.some((l) => l.includes(item.str.replace(/\s+/g, "")))) continue;
      const where = `page ${pi + 1} 「${item.str}」 at (${item.x.toFixed(1)}, ${item.y.toFixed(1)})`;
      const centre = (box.x0 + box.x1) / 2;
      const under = page.fills.filter((f) => isBarFill(f) && f.x0 <= centre && f.x1 >= centre && f.y0 < box.y1 && f.y1 > box.y0);
      if (under.length === 0) { problems.push(`${where}: no bar fill under the label`); continue; }
      bars++;
      const bar = under.reduce((a, b) => (b.x1 - b.x0 > a.x1 - a.x0 ? b : a));
      if (!inside(box, bar)) problems.push(`${where}: the label is not inside its bar's fill ${JSON.stringify(bar)}`);
      for (const u of under) if (!inside(u, bar)) problems.push(`${where}: the label's box ${JSON.stringify(u)} hangs outside its bar ${JSON.stringify(bar)}`);
      if (!page.fills.some((f) => f.pattern && sameRect(f, bar))) problems.push(`${where}: no pattern over exactly the bar's fill`);
    }
    for (const f of page.fills) {
      if (!f.pattern || f.x0 < left || f.y1 > below) continue;
      if (!page.fills.some((s) => isBarFill(s) && sameRect(s, f))) problems.push(`page ${pi + 1}: a pattern at ${JSON.stringify(f)} has no bar fill in the same place`);
    }
  });
  return { bars, problems };
}

describe("bars drawn as one (fill, pattern and label coincide)", () => {
  it("on gantt.pdf, including its rows of several lines", () => {
    const { bars, problems } = checkBars(gantt);
    expect(problems).toEqual([]);
    // every phase of the seed is drawn (a wrapped label counts once per line)
    expect(bars).toBeGreaterThanOrEqual(plan.projects.reduce((n, p) => n + p.schedule.length, 0));
  });

  it("on a department file, whose rows carry the project's description", () => {
    const { bars, problems } = checkBars(department);
    expect(problems, departmentName).toEqual([]);
    expect(bars).toBeGreaterThanOrEqual(plan.projects.filter((p) => p.departments.includes(departmentName)).reduce((n, p) => n + p.schedule.length, 0));
  });
});

describe("Latin labels on one-year bars (PoC（Proof of Concept）, Power Platform)", () => {
  it("break at their spaces inside the bar instead of running over the next year's label", async () => {
    const latin = planOf([project(1, { schedule: [
      { label: "PoC（Proof of Concept）", from: 2026, to: 2026, category: "pilot" },
      { label: "Phase1: RPA・AI-OCR", from: 2027, to: 2027, category: "build" },
      { label: "Phase2: Power Platform展開", from: 2028, to: 2028, category: "operate" },
      { label: "運用", from: 2029, to: 2030, category: "operate" }] })]);
    const files = await renderDepartments(latin, makeRenderContext());
    for (const file of [files[0]!, files.find((f) => f.path.startsWith("departments/"))!]) {
      const { bars, problems } = checkBars(await pageDrawings(file.data), latin);
      expect(problems, file.path).toEqual([]);
      expect(bars, file.path).toBeGreaterThanOrEqual(4);
    }
    const { bars, problems } = checkBars(await pageDrawings((await renderBooklet(latin, makeRenderContext()))[0]!.data), latin);
    expect(problems, "booklet").toEqual([]);
    expect(bars).toBeGreaterThanOrEqual(4);
  }, 60_000);
});

describe("Latin words on a 12-year plan's one-year bars (A4 department sheet)", () => {
  it("are set smaller so each word fits whole inside its bar, never cut (PoC（Pr／oof of／Concep／t）)", async () => {
    const latin = planOf([project(1, { schedule: [
      { label: "PoC（Proof of Concept）", from: 2026, to: 2026, category: "pilot" },
      { label: "Phase1: RPA・AI-OCR", from: 2027, to: 2027, category: "build" },
      { label: "運用", from: 2028, to: 2037, category: "operate" }] })]);
    latin.plan.period = { start: 2026, end: 2037 };
    const file = (await renderDepartments(latin, makeRenderContext())).find((f) => f.path.startsWith("departments/"))!;
    const pages = await pageDrawings(file.data);
    const { bars, problems } = checkBars(pages, latin);
    expect(problems).toEqual([]);
    expect(bars).toBeGreaterThanOrEqual(3);
    const shown = pages[0]!.items.map((i) => i.str);
    for (const word of ["PoC", "Proof", "Concept", "Phase1", "AI-OCR"]) expect(shown.some((s) => s.includes(word)), word).toBe(true);
  }, 20_000);
});

describe("a Latin word wider than a 10-year plan's one-year bar even at the least size (A4 department sheet)", () => {
  it("breaks between its parts (Microsoft／365, LGWAN-／ASP), never inside one (「Microso／ft365」)", async () => {
    const latin = planOf([project(1, { schedule: [
      { label: "Microsoft365導入", from: 2026, to: 2026, category: "build" },
      { label: "LGWAN-ASP接続", from: 2027, to: 2027, category: "build" },
      { label: "運用", from: 2028, to: 2035, category: "operate" }] })]);
    latin.plan.period = { start: 2026, end: 2035 };
    const file = (await renderDepartments(latin, makeRenderContext())).find((f) => f.path.startsWith("departments/"))!;
    // (pieces of touching bars on one baseline read as one: 「Microso」 had been read with 「LGWAN-ASP」)
    const shown = (await textItems(file.data))[0]!.items.map((i) => i.str);
    for (const word of ["Microsoft", "LGWAN-"]) expect(shown.some((s) => s.includes(word)), word).toBe(true);
    for (const start of ["365", "ASP"]) expect(shown.some((s) => s.startsWith(start)), start).toBe(true);
    const { bars, problems } = checkBars(await pageDrawings(file.data), latin);
    expect(problems).toEqual([]);
    expect(bars).toBeGreaterThanOrEqual(3);
  }, 20_000);
});

/**
 * The legend above a page's table: the category labels set left of the year headings' row, each
 * with its swatch (a solid fill and a pattern over the same rectangle) just left of it.
 */
function legendOf(page: PageDrawing): { labels: string[]; unpatterned: string[] } {
  const all = legendEntries(ctx);
  const top = Math.max(...page.items.filter((i) => /^令和\d+年度$/.test(i.str)).map((i) => i.y));
  const labels: string[] = [];
  const unpatterned: string[] = [];
  for (const item of page.items) {
    if (item.y <= top + 2 || !all.some((e) => e.label === item.str)) continue;
    labels.push(item.str);
    const box = glyphBox(item);
    const swatch = page.fills.find((f) => !f.pattern && f.x1 <= box.x0 + 0.5 && f.x1 >= box.x0 - 6 && f.y0 < box.y1 && f.y1 > box.y0);
    if (!swatch || !page.fills.some((f) => f.pattern && sameRect(f, swatch))) unpatterned.push(item.str);
  }
  return { labels, unpatterned };
}

describe("the legend shows exactly what is drawn, each category with colour and pattern", () => {
  it("on gantt.pdf: the categories of every project's phases", () => {
    const drawn = drawnCategories(plan.projects.map((p) => p.schedule), plan.plan.period);
    const { labels, unpatterned } = legendOf(gantt[0]!);
    expect(labels).toEqual(legendEntries(ctx, drawn).map((e) => e.label));
    expect(unpatterned).toEqual([]);
    // the seed draws no phase of an unknown stage: その他 is not listed
    expect(labels).not.toContain(ctx.config.defaultCategory.label);
    expect(labels).toContain(ctx.config.compoundCategory.label);
  });

  it("on a department's sheet: the categories of its own projects", () => {
    const own = plan.projects.filter((p) => p.departments.includes(departmentName));
    const { labels, unpatterned } = legendOf(department[0]!);
    expect(labels).toEqual(legendEntries(ctx, drawnCategories(own.map((p) => p.schedule), plan.plan.period)).map((e) => e.label));
    expect(unpatterned).toEqual([]);
  });
});

describe("gantt.pdf keeps its context across pages", () => {
  it("repeats the group headings, marked （続き）, above the first row of a page that continues a 施策", () => {
    const years = new Set([fiscalYearLabel(plan.plan.period.start, ctx.theme)]);
    let continued = 0;
    gantt.forEach((page, pi) => {
      if (pi === 0) return;
      const head = page.items.find((i) => years.has(i.str))!;
      const below = page.items.filter((i) => i.y < head.y - 2).sort((a, b) => b.y - a.y || a.x - b.x);
      // the first row's No (left column) and the project it is
      const first = below.find((i) => /^\d+$/.test(i.str) && i.x < head.x - 300)!;
      const project = plan.projects.find((p) => String(p.no) === first.str)!;
      const above = below.filter((i) => i.y > first.y + 2).map((i) => i.str).join("").replace(/\s+/g, "");
      const measure = `施策(${project.measure.number})${project.measure.title}`.replace(/\s+/g, "");
      // the page names the row's 基本方針 and 施策 above it, whether they start or continue here
      expect(above, `page ${pi + 1}`).toContain(project.policy.replace(/\s+/g, ""));
      expect(above, `page ${pi + 1}`).toContain(measure);
      // a 施策 whose first project is on an earlier page is marked as continued
      const earlier = gantt.slice(0, pi).some((p) => p.items.some((i) => /^\d+$/.test(i.str) && i.x < head.x - 300
        && plan.projects.find((q) => String(q.no) === i.str)?.measure.title === project.measure.title
        && plan.projects.find((q) => String(q.no) === i.str)?.policy === project.policy));
      if (earlier) { expect(above).toContain(`${measure}（続き）`); continued++; }
    });
    // the seed's roadmap continues a 施策 across a page at least once (施策(2) 内部業務の効率化)
    expect(continued).toBeGreaterThan(0);
  });
});
