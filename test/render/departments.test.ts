import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { ReportedError } from "../../src/errors.js";
import type { Plan } from "../../src/model/schema.js";
import type { OutputFile } from "../../src/render/context.js";
import { renderDepartments } from "../../src/render/departments.js";
import { copyTemplates, makeRenderContext, seedPlan } from "../helpers/context.js";
import { baseFonts, readPdf } from "../helpers/pdf.js";
import { cutWords, textItems, type PageItems } from "../helpers/pdf-positions.js";
import { planOf, project } from "../helpers/plan-model.js";

const ctx = makeRenderContext();
let plan: Plan;
let files: OutputFile[];
const byDepartment = new Map<string, PageItems[]>();

beforeAll(async () => {
  plan = seedPlan();
  files = await renderDepartments(plan, ctx);
  // read a few sheets back: the biggest department, one with a single project, and the last one
  const counts = plan.departments.map((d) => [d, plan.projects.filter((p) => p.departments.includes(d)).length] as const);
  const picks = [counts[0]![0], counts.find(([, n]) => n === 1)![0], counts.at(-1)![0]];
  for (const d of picks) byDepartment.set(d, await textItems(files.find((f) => f.path === `departments/${d}.pdf`)!.data));
}, 60_000);

describe("department schedules (the seed)", () => {
  it("writes departments.pdf and one file per department, inside departments/", () => {
    expect(files[0]!.path).toBe("departments.pdf");
    const sheets = files.slice(1);
    expect(sheets).toHaveLength(plan.departments.length);
    expect(sheets.map((f) => f.path).sort()).toEqual(plan.departments.map((d) => `departments/${d}.pdf`).sort());
  });

  it("each sheet is A4 landscape, titled for its department, naming every project of the department and the 各課 projects", () => {
    const common = plan.projects.filter((p) => p.allDepartments);
    for (const [d, pages] of byDepartment) {
      for (const p of pages) {
        expect(p.width).toBeCloseTo(841.89, 0);
        expect(p.height).toBeCloseTo(595.28, 0);
      }
      const text = pages.map((p) => p.stream).join("");
      expect(text).toContain(`${d}担当事業工程表`);
      expect(text).toContain("全庁共通（各課）");
      for (const p of plan.projects.filter((x) => x.departments.includes(d))) expect(text, `${d} No.${p.no}`).toContain(p.name.replace(/\s+/g, ""));
      for (const p of common) expect(text, `${d} 各課 No.${p.no}`).toContain(p.name.replace(/\s+/g, ""));
      // its own page numbers (1 / n …) at the bottom centre of every page
      pages.forEach((p, k) => {
        const foot = p.items.filter((i) => i.y < 30).map((i) => i.str).join("").replace(/\s+/g, "");
        expect(foot, `${d} page ${k + 1}`).toBe(`${k + 1}/${pages.length}`);
      });
    }
  });

  it("departments.pdf has a contents page and a bookmark per department", async () => {
    const all = await readPdf(files[0]!.data);
    for (const d of plan.departments) expect(all.outline).toContain(d);
    expect(all.pages[0]!.lines.join("")).toContain("目次");
    // every department's own pages and the shared 各課 pages add up to the combined file (minus the contents)
    const sheetPages = await Promise.all(files.slice(1, 4).map(async (f) => (await readPdf(f.data)).pages.length));
    for (const n of sheetPages) expect(n).toBeLessThan(all.pages.length);
  });

  it("never cuts a department name across lines (every one fits the department column)", async () => {
    expect(cutWords(await textItems(files[0]!.data), [...plan.departments, "各課"])).toEqual([]);
  });

  it("embeds only the theme's fonts, subset, in the split files too", () => {
    for (const f of [files[0]!, files[1]!, files.at(-1)!]) {
      for (const font of baseFonts(f.data)) expect(font).toMatch(/^[A-Z]{6}\+BIZUDPGothic/);
    }
  });
});

describe("department names are data", () => {
  it("keeps every file inside departments/ whatever the name", async () => {
    const odd = planOf([
      project(1, { departments: ["../x"] }), project(2, { departments: ["a/b"] }), project(3, { departments: ["c\u0001d"] }),
    ]);
    const out = await renderDepartments(odd, ctx);
    expect(out).toHaveLength(4);
    for (const f of out.slice(1)) {
      const resolved = path.resolve("/out", f.path);
      expect(path.dirname(resolved)).toBe(path.resolve("/out/departments"));
      expect(path.basename(f.path)).not.toMatch(/[\u0000-\u001f]/);
    }
    const text = (await textItems(out[2]!.data)).map((p) => p.stream).join("");
    expect(text).toContain("a/b担当事業工程表");
  }, 30_000);
});

describe("a department template naming a department without a sheet", () => {
  it("is a template diagnostic (PP503), not an internal error", async () => {
    const dir = copyTemplates();
    const sheet = path.join(dir, "department", "sheet.hbs");
    writeFileSync(sheet, readFileSync(sheet, "utf8").replace('[["@own", {{json department}}]]', '[["@own", "存在しない課"]]'));
    const bag = new DiagnosticBag("ja");
    const ctx = makeRenderContext({ templatesDir: dir, diagnostics: bag });
    await expect(renderDepartments(seedPlan(), ctx)).rejects.toBeInstanceOf(ReportedError);
    expect(bag.items.find((d) => d.code === "PP503")?.message).toContain("存在しない課");
  });
});
