import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { ReportedError } from "../../src/errors.js";
import type { Plan } from "../../src/model/schema.js";
import type { OutputFile } from "../../src/context.js";
import { renderDepartments } from "../../src/render/departments.js";
import { copyTemplates, makeRenderContext, seedPlan } from "../helpers/context.js";
import { baseFonts, readPdf } from "../helpers/pdf.js";
import { textItems, type PageItems } from "../helpers/pdf-positions.js";
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

let combinedPdf: ReturnType<typeof readPdf> | undefined;
/** departments.pdf read back (once). */
const combined = () => (combinedPdf ??= readPdf(files[0]!.data));

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
    const all = await combined();
    for (const d of plan.departments) expect(all.outline).toContain(d);
    expect(all.pages[0]!.lines.join("")).toContain("目次");
  });

  it("each department's file is its pages of departments.pdf, in order, then the shared 各課 pages", async () => {
    // page texts without the page-number line (a file counts its own pages)
    const texts = (pdf: Awaited<ReturnType<typeof readPdf>>) => pdf.pages.map((p) => p.lines.filter((l) => !/^\d+\s*\/\s*\d+$/.test(l.trim())).join("\n"));
    const all = texts(await combined());
    const commonStart = all.findIndex((t) => t.includes("すべての課が関わる事業"));
    expect(commonStart).toBeGreaterThan(0);
    const common = all.slice(commonStart);
    // every file's page count (cheap), the text of a few (reading all 33 takes ~20 s)
    const counts = await Promise.all(files.slice(1).map(async (f) => (await pdfjs.getDocument({ data: new Uint8Array(f.data), verbosity: 0 }).promise).numPages));
    const own = counts.map((n) => n - common.length);
    // title and contents, every department's own pages, the 各課 pages: the whole combined file
    let at = commonStart - own.reduce((a, b) => a + b, 0);
    expect(at).toBeGreaterThanOrEqual(1);
    const picks = new Set([0, Math.floor(own.length / 2), own.length - 1]);
    for (const [i, n] of own.entries()) {
      expect(n, files[i + 1]!.path).toBeGreaterThan(0);
      if (picks.has(i)) {
        const t = texts(await readPdf(files[i + 1]!.data));
        expect(t, files[i + 1]!.path).toEqual([...all.slice(at, at + n), ...common]);
        expect(t[0]!.replace(/\s+/g, "")).toContain(`${plan.departments[i]!}担当事業工程表`);
      }
      at += n;
    }
    expect(at).toBe(commonStart);
  }, 60_000);

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

describe("what the split into department files goes by", () => {
  // Edits the README invites (a heading's words, a bookmark) that break what the split goes by.
  it.each([
    ["sheet.hbs", '"id": {{json id}}', '"id": {{json department}}', 4, "{{json id}}"],
    ["common.hbs", '"id": "dept-common"', '"id": "kakuka"', 4, '"dept-common"'],
    ["common.hbs", '[["@common"]]', '[["@kakuka"]]', 9, "@own, @common"],
  ])("%s: %s → %s is PP503 at its line (%i), not an internal error", async (file, from, to, line, told) => {
    const dir = copyTemplates();
    const at = path.join(dir, "department", file);
    const text = readFileSync(at, "utf8");
    expect(text).toContain(from);
    writeFileSync(at, text.replaceAll(from, to));
    const ctx = makeRenderContext({ templatesDir: dir });
    await expect(renderDepartments(plan, ctx)).rejects.toBeInstanceOf(ReportedError);
    const d = ctx.diagnostics.items.find((x) => x.code === "PP503")!;
    expect(path.basename(d.file ?? "")).toBe(file);
    expect(d.line).toBe(line);
    expect(d.message).toContain(told);
  });
});
