// Tagged PDFs read back (structure tree with pdf-lib, marked-content text with pdfjs-dist): the
// booklet, the Gantt, a department file and the progress report are tagged documents whose tree
// holds their words under the right elements, in reading order, and nothing drawn only.
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
import { departmentsView } from "../../src/views/department.js";
import { makeRenderContext, projectRoot, seedPlan } from "../helpers/context.js";
import { elements, readTags, type TagEl, type TagReadBack } from "../helpers/pdf-tags.js";
import { planOf } from "../helpers/plan-fixtures.js";
import { seedRevision } from "../helpers/tsv-revision.js";

const plan = seedPlan();
const squash = (s: string): string => s.normalize("NFKC").replace(/\s+/g, "");

/** The checks every tagged planpress PDF passes. */
function checkDocument(tags: TagReadBack): void {
  expect(tags.lang).toBe("ja");
  expect(tags.marked).toBe(true);
  expect(tags.displayDocTitle).toBe(true);
  expect(tags.xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
  expect(tags.xmp).toMatch(/<dc:title>/);
  expect(tags.root?.role).toBe("Document");
  // every MCID drawn on a page has its element in the parent tree, and no entry is left empty
  for (const page of tags.pages) {
    if (page.mcids.length === 0) continue;
    expect(page.parents).not.toBeNull();
    expect(page.parents!.length).toBe(page.mcids.length);
    for (const m of page.mcids) expect(page.parents![m]).toBeTruthy();
  }
  const all = elements(tags.root);
  // headings start at H1 and never skip a level
  let level = 0;
  for (const h of all.filter((e) => /^H[1-6]$/.test(e.role))) {
    const n = Number(h.role.slice(1));
    expect(n, `${h.role} ${h.text}`).toBeLessThanOrEqual(level + 1);
    level = n;
  }
  // each row of a table spans as many columns as its header row; header cells say their scope
  for (const table of all.filter((e) => e.role === "Table")) {
    const rows = table.kids.filter((k) => k.role === "TR");
    expect(rows.length).toBeGreaterThan(0);
    const span = (tr: TagEl): number => tr.kids.reduce((n, c) => n + Number(c.attrs.ColSpan ?? 1), 0);
    const width = span(rows[0]!);
    for (const tr of rows) {
      expect(tr.kids.every((c) => c.role === "TD" || c.role === "TH")).toBe(true);
      expect(span(tr), tr.text).toBe(width);
    }
    for (const th of all.filter((e) => e.role === "TH")) expect(th.attrs.Scope).toBe("Column");
  }
  // list items are a label and a body
  for (const li of all.filter((e) => e.role === "LI")) expect(li.kids.map((k) => k.role)).toEqual(["Lbl", "LBody"]);
}

describe("tagged booklet", () => {
  let tags: TagReadBack;
  let all: TagEl[];
  beforeAll(async () => {
    const [file] = await renderBooklet(plan, makeRenderContext());
    tags = await readTags(file!.data);
    all = elements(tags.root);
  });

  it("is a PDF/UA document: language, title, structure, parent tree, headings, tables", () => checkDocument(tags));

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
    expect(toc.kids.length).toBeGreaterThan(plan.policies.length);
    for (const item of toc.kids) {
      expect(item.role).toBe("TOCI");
      expect(item.kids[0]!.role).toBe("Link");
      expect(item.kids[0]!.annotations).toBeGreaterThan(0);
    }
    const inText = all.filter((e) => e.role === "Link" && !toc.kids.some((t) => t.kids.includes(e)));
    expect(inText.length).toBeGreaterThan(0);
    for (const link of inText) {
      expect(link.text).toMatch(/No\.\d+/);
      expect(link.annotations).toBeGreaterThan(0);
    }
  });

  it("reads each schedule bar as its years and label", () => {
    const bars = all.filter((e) => e.role === "Span" && e.actual);
    expect(bars.length).toBeGreaterThanOrEqual(plan.projects.length);
    for (const bar of bars) expect(bar.actual).toMatch(/^令和\d+年度～令和\d+年度 \S/);
    const first = plan.projects[0]!.schedule[0]!;
    expect(bars.some((b) => b.actual!.endsWith(` ${first.label}`))).toBe(true);
  });

  it("keeps running heads and page numbers out of the tree (Artifacts)", () => {
    const tree = squash(tags.root!.text);
    expect(tree).not.toMatch(/-\d+-/);
    const artifacts = tags.artifacts.flat().join("");
    expect(artifacts).toMatch(/- 3 -/);
    expect(artifacts).toContain(plan.plan.title);
  });

  it("turned off (document.tagged: false), is an untagged file and smaller", async () => {
    const ctx = makeRenderContext();
    ctx.config.document.tagged = false;
    const [file] = await renderBooklet(plan, ctx);
    const untagged = await readTags(file!.data);
    expect(untagged.root).toBeNull();
    expect(untagged.marked).toBe(false);
    const [tagged] = await renderBooklet(plan, makeRenderContext());
    expect(file!.data.length).toBeLessThan(tagged!.data.length);
  });
});

describe("tagged gantt and department files", () => {
  it("gantt: every project row is a table row with its name, its bars read as text", async () => {
    const [file] = await renderGantt(plan, makeRenderContext());
    const tags = await readTags(file!.data);
    checkDocument(tags);
    const all = elements(tags.root);
    const cells = all.filter((e) => e.role === "TD").map((e) => squash(e.text));
    for (const p of plan.projects) expect(cells.some((t) => t.startsWith(squash(p.name))), p.name).toBe(true);
    expect(all.filter((e) => e.role === "Span" && /^令和\d+年度～令和\d+年度 /.test(e.actual ?? "")).length).toBeGreaterThanOrEqual(plan.projects.length);
  });

  it("departments: each department file carries the structure of its own pages", async () => {
    const ctx = makeRenderContext();
    const files = await renderDepartments(plan, ctx);
    const view = departmentsView(plan, ctx.config, ctx.asOf);
    const combined = await readTags(files.find((f) => f.path === "departments.pdf")!.data);
    checkDocument(combined);
    for (const sheet of view.sheets.slice(0, 3)) {
      const file = files.find((f) => f.path === `departments/${sheet.fileName}`)!;
      const tags = await readTags(file.data);
      checkDocument(tags);
      const all = elements(tags.root);
      expect(squash(all.find((e) => e.role === "H1")!.text)).toContain(squash(sheet.department));
      const text = squash(tags.root!.text);
      for (const p of sheet.own) expect(text, p.name).toContain(squash(p.name));
      // nothing of another department's sheet, and marked content only on this file's pages
      for (const other of view.sheets.filter((s) => s !== sheet).slice(0, 2)) expect(text).not.toContain(squash(`${other.department} 担当事業`));
      for (const el of all) for (const m of el.marks) expect(m.page).toBeGreaterThanOrEqual(0);
      expect(tags.artifacts.flat().join("")).toMatch(/1 \/ \d+/);
    }
  });
});

describe("tagged progress report", () => {
  it("has the chart as a Figure whose alternative text states its numbers", async () => {
    const ctx = makeRenderContext();
    const returns = await loadReturns(plan, { year: 2026, inputDir: path.join(projectRoot, "data/progress"), config: ctx.config, bag: ctx.diagnostics });
    expect(hasErrors(ctx.diagnostics.items)).toBe(false);
    const files = await renderProgress(plan, returns, 2026, ctx);
    const tags = await readTags(files.find((f) => f.path.endsWith(".pdf"))!.data);
    checkDocument(tags);
    const figures = elements(tags.root).filter((e) => e.role === "Figure");
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      expect(f.alt).toBeTruthy();
      // every number drawn on the bars is said in the alternative text
      for (const n of f.text.match(/\d+/g) ?? []) expect(f.alt).toContain(n);
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
    const tags = await readTags(file!.data);
    checkDocument(tags);
    const all = elements(tags.root);
    const rows = all.filter((e) => e.role === "TR" && e.kids[0]!.role === "TD");
    expect(rows.length).toBeGreaterThanOrEqual(list.changes.length);
    const schedule = rows.filter((r) => r.kids[0]!.text === "スケジュール");
    expect(schedule.length).toBeGreaterThan(0);
    for (const r of schedule) {
      const bars = elements(r).filter((e) => e.role === "Span");
      expect(bars.length).toBeGreaterThan(0);
      for (const b of bars) expect(b.actual).toMatch(/^令和\d+年度～令和\d+年度 \S/);
    }
  });
});
