// Tagged PDFs read back with the accessibility checker's reader (scripts/a11y: the tree with
// pdf-lib, the marked text with pdfjs-dist): the booklet, the Gantt, the department files, the
// progress report and the 新旧対照表 pass every check of `npm run a11y`, and their trees hold their
// words under the right elements, in reading order.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { comparePlans } from "../../src/compare/index.js";
import { DiagnosticBag, hasErrors } from "../../src/diagnostics/bag.js";
import { loadReturns } from "../../src/pipeline.js";
import { renderBooklet } from "../../src/render/booklet.js";
import { renderCompare } from "../../src/render/compare.js";
import { renderDepartments } from "../../src/render/departments.js";
import { renderGantt } from "../../src/render/gantt.js";
import { renderProgress } from "../../src/render/progress.js";
import { formatPageNumber } from "../../src/render/pdf/document.js";
import { departmentsView } from "../../src/views/department.js";
import { makeRenderContext, projectRoot, seedPlan } from "../helpers/context.js";
import { readPdf } from "../helpers/pdf.js";
import { checkPdf } from "../../scripts/a11y/checks.js";
import { allElements, isElement, type StructElement, type TaggedPdf } from "../../scripts/a11y/read.js";
import { planOf } from "../helpers/plan-fixtures.js";
import { seedRevision } from "../helpers/tsv-revision.js";

const plan = seedPlan();
const squash = (s: string): string => s.normalize("NFKC").replace(/\s+/g, "");

type TagEl = StructElement;
const kids = (el: StructElement): StructElement[] => el.kids.filter(isElement);
const annotations = (el: StructElement): number => el.kids.filter((k) => !isElement(k) && "annotation" in k).length;

/**
 * The checker's findings (catalog, XMP, headings, tables, text outside the tree and artifacts,
 * page furniture in the tree, figures, links, parent tree) are none; the tree is one Document
 * whose list items are a label and a body.
 */
async function checkDocument(data: Uint8Array): Promise<{ tags: TaggedPdf; all: StructElement[] }> {
  const { pdf, findings } = await checkPdf(data);
  expect(findings).toEqual([]);
  expect(pdf.lang).toBe("ja");
  expect(pdf.tree?.map((e) => e.role)).toEqual(["Document"]);
  const all = allElements(pdf);
  expect(all.filter((e) => e.role === "Table").length).toBeGreaterThan(0);
  for (const li of all.filter((e) => e.role === "LI")) expect(kids(li).map((k) => k.role)).toEqual(["Lbl", "LBody"]);
  return { tags: pdf, all };
}

describe("tagged booklet", () => {
  let data: Uint8Array;
  let tags: TaggedPdf;
  let all: TagEl[];
  beforeAll(async () => {
    const [file] = await renderBooklet(plan, makeRenderContext());
    data = file!.data;
    ({ tags, all } = await checkDocument(data));
  });

  it("has 基本方針 chapters as H1, 施策 as H2, each project card's title as a heading under them", () => {
    const h1 = all.filter((e) => e.role === "H1").map((e) => squash(e.text));
    for (const policy of plan.policies) expect(h1.some((t) => t.includes(squash(policy.name)))).toBe(true);
    const headings = all.filter((e) => /^H[2-6]$/.test(e.role)).map((e) => squash(e.text));
    for (const p of plan.projects) expect(headings.some((t) => t.includes(squash(p.name))), p.name).toBe(true);
  });

  it("has every description item as the body of a list item", () => {
    const bodies = new Set(all.filter((e) => e.role === "LBody").map((e) => squash(e.text)));
    for (const p of plan.projects) for (const d of p.description) expect(bodies.has(squash(d.replace(/^[・･•]\s*/, ""))), d).toBe(true);
  });

  it("reads the cards in plan order", () => {
    const order = all.filter((e) => /^H[3-6]$/.test(e.role) && /^No\.\d+/.test(e.text)).map((e) => Number(/^No\.(\d+)/.exec(e.text)![1]));
    expect(order.length).toBeGreaterThanOrEqual(plan.projects.length);
    const firsts = order.filter((n, i) => order.indexOf(n) === i);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  });

  it("has the contents as TOC entries that are links, and 再掲 links as Link elements with their annotation", () => {
    const toc = all.find((e) => e.role === "TOC")!;
    expect(kids(toc).length).toBeGreaterThan(plan.policies.length);
    for (const item of kids(toc)) {
      expect(item.role).toBe("TOCI");
      expect(kids(item)[0]!.role).toBe("Link");
      expect(annotations(kids(item)[0]!)).toBeGreaterThan(0);
    }
    const inText = all.filter((e) => e.role === "Link" && !kids(toc).some((t) => t.kids.includes(e)));
    expect(inText.length).toBeGreaterThan(0);
    for (const link of inText) {
      expect(link.text).toMatch(/No\.\d+/);
      expect(annotations(link)).toBeGreaterThan(0);
    }
  });

  it("reads each schedule bar as its years and label", () => {
    const bars = all.filter((e) => e.role === "Span" && e.actualText);
    expect(bars.length).toBeGreaterThanOrEqual(plan.projects.length);
    for (const bar of bars) expect(bar.actualText).toMatch(/^令和\d+年度～令和\d+年度 \S/);
    const first = plan.projects[0]!.schedule[0]!;
    expect(bars.some((b) => b.actualText!.endsWith(` ${first.label}`))).toBe(true);
  });

  it("keeps running heads and page numbers out of the tree (Artifacts), though they are drawn", async () => {
    const tree = squash(tags.tree![0]!.text);
    const drawn = await readPdf(data);
    // page 3 as the theme writes page numbers (「3 / 24」)
    const third = formatPageNumber(makeRenderContext().theme.pageNumber, 3, drawn.pages.length);
    expect(drawn.text).toContain(third);
    expect(tree).not.toContain(squash(third));
    expect(tree.split(squash(plan.plan.title)).length - 1).toBeLessThan(3);
    expect(drawn.pages[3]!.lines[0]).toContain(plan.plan.title);
  });

  it("writes a title with & and < into the XMP metadata escaped (well-formed), the window title as it is", async () => {
    const title = "A&B<計画>";
    const [file] = await renderBooklet({ ...plan, plan: { ...plan.plan, title } }, makeRenderContext());
    const { pdf } = await checkPdf(file!.data);
    expect(pdf.xmp).toContain("A&amp;B&lt;計画&gt;");
    expect(pdf.xmp).not.toContain(title);
  });

  it("turned off (document.tagged: false), is an untagged file and smaller", async () => {
    const ctx = makeRenderContext();
    ctx.config.document.tagged = false;
    const [file] = await renderBooklet(plan, ctx);
    const { pdf: untagged } = await checkPdf(file!.data);
    expect(untagged.tree).toBeNull();
    expect(untagged.marked).toBe(false);
    const [tagged] = await renderBooklet(plan, makeRenderContext());
    expect(file!.data.length).toBeLessThan(tagged!.data.length);
  });
});

describe("tagged gantt and department files", () => {
  it("gantt: every project row is a table row with its name, its bars read as text", async () => {
    const [file] = await renderGantt(plan, makeRenderContext());
    const { all } = await checkDocument(file!.data);
    const cells = all.filter((e) => e.role === "TD").map((e) => squash(e.text));
    for (const p of plan.projects) expect(cells.some((t) => t.startsWith(squash(p.name))), p.name).toBe(true);
    expect(all.filter((e) => e.role === "Span" && /^令和\d+年度～令和\d+年度 /.test(e.actualText ?? "")).length).toBeGreaterThanOrEqual(plan.projects.length);
  });

  it("departments: each department file carries the structure of its own pages", async () => {
    const ctx = makeRenderContext();
    const files = await renderDepartments(plan, ctx);
    const view = departmentsView(plan, ctx.config, ctx.asOf);
    await checkDocument(files.find((f) => f.path === "departments.pdf")!.data);
    for (const sheet of view.sheets.slice(0, 3)) {
      const file = files.find((f) => f.path === `departments/${sheet.fileName}`)!;
      const { tags, all } = await checkDocument(file.data);
      expect(squash(all.find((e) => e.role === "H1")!.text)).toContain(squash(sheet.department));
      const text = squash(tags.tree![0]!.text);
      for (const p of sheet.own) expect(text, p.name).toContain(squash(p.name));
      // nothing of another department's sheet, and marked content only on this file's pages
      for (const other of view.sheets.filter((s) => s !== sheet).slice(0, 2)) expect(text).not.toContain(squash(`${other.department} 担当事業`));
      for (const el of all) for (const page of el.pages) expect(page).toBeLessThan(tags.pages.length);
      expect((await readPdf(file.data)).text).toMatch(/1 \/ \d+/);
    }
  });
});

describe("tagged progress report", () => {
  it("has the chart as a Figure whose alternative text states its numbers", async () => {
    const ctx = makeRenderContext();
    const returns = await loadReturns(plan, { year: 2026, inputDir: path.join(projectRoot, "data/progress"), config: ctx.config, bag: ctx.diagnostics });
    expect(hasErrors(ctx.diagnostics.items)).toBe(false);
    const files = await renderProgress(plan, returns, 2026, ctx);
    const { tags, all } = await checkDocument(files.find((f) => f.path.endsWith(".pdf"))!.data);
    const figures = all.filter((e) => e.role === "Figure");
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      // every number drawn on a bar (a marked run of its own) is said after its category's name
      const runs = f.kids.flatMap((k) => (!isElement(k) && "mcid" in k ? [tags.pages[k.page]!.marked.get(k.mcid)?.text ?? ""] : []));
      const numbers = runs.filter((t) => /^\d+$/.test(t));
      expect(numbers.length).toBeGreaterThan(3);
      expect(f.alt).toBeTruthy();
      const said = (f.alt!.match(/ \d+(?=、|。|$)/g) ?? []).map((n) => n.trim());
      expect(said.sort()).toEqual(numbers.sort());
    }
  });
});

describe("tagged 新旧対照表", () => {
  it("has each change as a table row: 項目, 新, 旧; a changed schedule's bars read as text", async () => {
    const seedText = readFileSync(path.join(projectRoot, "data/plan.tsv"), "utf8");
    const revision = seedRevision(seedText);
    const oldPlan = await planOf("plan.tsv", seedText);
    const newPlan = await planOf("revised.tsv", revision.text);
    const list = { ...comparePlans({ plan: oldPlan, file: "plan.tsv" }, { plan: newPlan, file: "revised.tsv" }, new Map(), new DiagnosticBag("ja")), diagnostics: [] };
    const [file] = await renderCompare(list, makeRenderContext());
    const { all } = await checkDocument(file!.data);
    const rows = all.filter((e) => e.role === "TR" && kids(e)[0]!.role === "TD");
    expect(rows.length).toBeGreaterThanOrEqual(list.changes.length);
    const schedule = rows.filter((r) => kids(r)[0]!.text === "スケジュール");
    expect(schedule.length).toBeGreaterThan(0);
    for (const r of schedule) {
      const bars = allElements({ tree: [r] } as TaggedPdf).filter((e) => e.role === "Span");
      expect(bars.length).toBeGreaterThan(0);
      for (const b of bars) expect(b.actualText).toMatch(/^令和\d+年度～令和\d+年度 \S/);
    }
  });
});
