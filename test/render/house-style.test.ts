// One house style across every document (issue 13): the seed's booklet, gantt, department files,
// progress report (PDF and xlsx, from the sample returns), workbook and 新旧対照表 are rendered and
// read back, and each of the house style's wordings appears in one form only — the form
// templates/wording.json and the theme give: page numbers, the as-of year's name, the spacing of
// counts, 再掲. A second variant anywhere (「- 3 -」, 「（現在）」, 「計 16 事業」, 「再掲先」, a raw
// 【…の再掲】) fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { comparePlans } from "../../src/compare/index.js";
import type { OutputFile } from "../../src/context.js";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { loadReturns } from "../../src/pipeline.js";
import { renderBooklet } from "../../src/render/booklet.js";
import { renderCompare } from "../../src/render/compare.js";
import { renderDepartments } from "../../src/render/departments.js";
import { renderGantt } from "../../src/render/gantt.js";
import { pageNumberText } from "../../src/render/pdf/document.js";
import { renderProgress } from "../../src/render/progress.js";
import { renderWorkbook } from "../../src/render/workbook.js";
import { houseStyle } from "../../src/templates/wording.js";
import { relistRef } from "../../src/views/relist.js";
import { makeRenderContext, projectRoot, seedPlan } from "../helpers/context.js";
import { readPdf } from "../helpers/pdf.js";
import { textItems } from "../helpers/pdf-positions.js";
import { planOf } from "../helpers/plan-fixtures.js";
import { seedRevision } from "../helpers/tsv-revision.js";

const ctx = makeRenderContext();
const plan = seedPlan();
const house = houseStyle(ctx);

/** A PDF's drawn characters, page by page, each with the size and fill colour it is drawn in (pdfjs-dist's operator list). */
interface StyledChar { ch: string; size: number; colour: string }
async function styledText(data: Uint8Array): Promise<StyledChar[][]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0, disableFontFace: true, useSystemFonts: false }).promise;
  const O = pdfjs.OPS;
  const pages: StyledChar[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const list = await (await doc.getPage(p)).getOperatorList();
    const chars: StyledChar[] = [];
    let size = 0;
    let colour = "#000000";
    const colours: string[] = [];
    list.fnArray.forEach((fn, i) => {
      const a = list.argsArray[i] as unknown[];
      if (fn === O.save) colours.push(colour);
      else if (fn === O.restore) colour = colours.pop() ?? colour;
      else if (fn === O.setFont) size = a[1] as number;
      else if (fn === O.setFillRGBColor) colour = `#${[...(a as unknown as ArrayLike<number>)].slice(0, 3).map((v) => v.toString(16).padStart(2, "0")).join("")}`;
      else if (fn === O.showText) {
        for (const g of a[0] as ({ unicode?: string } | number)[]) {
          if (typeof g === "object" && g.unicode && g.unicode.trim()) for (const ch of g.unicode) chars.push({ ch, size, colour });
        }
      }
    });
    pages.push(chars);
  }
  await doc.destroy();
  return pages;
}

/** A document's text: each PDF page's text in drawing order (a wrapped cell stays whole) and as lines; each xlsx cell. */
interface DocText { file: string; streams: string[]; lines: string[]; cells: string[]; footers: string[][]; styled: StyledChar[][] }
const docs: DocText[] = [];

/** The sheet of internal warnings quotes the diagnostics' own messages (their catalogue's style), not document wording. */
const DIAGNOSTICS_SHEET = "診断";

async function read(files: OutputFile[]): Promise<void> {
  for (const f of files) {
    if (f.path.endsWith(".pdf")) {
      const kind = /^departments/.test(f.path) ? "department" : f.path.startsWith("progress") ? "progress" : f.path.replace(/\.pdf$/, "");
      const bottom = ctx.theme.pages[kind]!.margins[3];
      const pages = await textItems(f.data);
      const back = await readPdf(f.data);
      docs.push({
        file: f.path, streams: pages.map((p) => p.stream), lines: back.pages.flatMap((p) => p.lines), cells: [],
        // The footer: what is drawn under the page body.
        footers: pages.map((p) => p.items.filter((i) => i.y < bottom).map((i) => i.str.replace(/\s+/g, ""))),
        styled: await styledText(f.data),
      });
    } else if (f.path.endsWith(".xlsx")) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(f.data) as unknown as ArrayBuffer);
      const cells: string[] = [];
      wb.eachSheet((ws) => {
        if (ws.name === DIAGNOSTICS_SHEET) return;
        ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === "string") cells.push(c.value); }));
      });
      docs.push({ file: f.path, streams: [], lines: [], cells, footers: [], styled: [] });
    }
  }
}

beforeAll(async () => {
  await read(await renderBooklet(plan, ctx));
  await read(await renderGantt(plan, ctx));
  await read(await renderDepartments(plan, ctx));
  await read(await renderWorkbook(plan, ctx));
  const returns = await loadReturns(plan, { year: 2026, inputDir: path.join(projectRoot, "data/progress"), config: ctx.config, bag: new DiagnosticBag("ja") });
  await read(await renderProgress(plan, returns, 2026, ctx));
  const seedText = readFileSync(path.join(projectRoot, "data/plan.tsv"), "utf8");
  const oldPlan = await planOf("plan.tsv", seedText);
  const newPlan = await planOf("revised.tsv", seedRevision(seedText).text);
  const list = { ...comparePlans({ plan: oldPlan, file: "plan.tsv" }, { plan: newPlan, file: "revised.tsv" }, new Map(), new DiagnosticBag("ja")), diagnostics: [] };
  await read(await renderCompare(list, ctx));
}, 600_000);

/** Every text of every document with the given strings taken out (longest first), whitespace removed. */
function without(allowed: readonly string[], doc: DocText): string[] {
  const sorted = [...new Set(allowed)].map((a) => a.replace(/\s+/g, "")).sort((a, b) => b.length - a.length);
  return [...doc.streams, ...doc.cells.map((c) => c.replace(/\s+/g, ""))].map((t) => sorted.reduce((s, a) => s.split(a).join("\u0000"), t));
}

describe("one house style across the seed's documents", () => {
  it("renders and reads back every kind of document", () => {
    const files = docs.map((d) => d.file);
    for (const f of ["booklet.pdf", "gantt.pdf", "departments.pdf", "plan.xlsx", "progress-2026.pdf", "progress-2026.xlsx", "compare.pdf", "compare.xlsx"]) expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith("departments/")).length).toBe(plan.departments.length);
  });

  it("numbers pages one way, the theme's, counting each file's own pages; only a cover goes without", () => {
    for (const d of docs.filter((x) => x.file.endsWith(".pdf"))) {
      const count = d.footers.length;
      const numbered = d.footers.map((f, i) => ({ i, f: f.join("") })).filter(({ f }) => /\d/.test(f));
      expect(numbered.length, d.file).toBeGreaterThanOrEqual(count - 1);
      for (const { i, f } of numbered) expect(f, `${d.file} p${i + 1}`).toContain(pageNumberText(ctx, i + 1, count).replace(/\s+/g, ""));
      expect(d.lines.filter((l) => /^-\s*\d+\s*-$/.test(l.trim())), d.file).toEqual([]);
    }
  });

  it("names the as-of year one way (令和8年度時点): no （現在）, 当年度 or a spaced 時点", () => {
    const asOf = house.asOf(ctx.asOf);
    expect(asOf).toBe("令和8年度時点");
    const seen = docs.filter((d) => [...d.streams, ...d.cells].some((t) => t.replace(/\s+/g, "").includes(asOf)));
    // the roadmaps name it: gantt, every department file, the workbook's 工程表
    expect(seen.length).toBeGreaterThan(plan.departments.length + 1);
    for (const d of docs) {
      for (const t of without([asOf], d)) expect(t, d.file).not.toMatch(/時点|（現在）|\(現在\)|当年度/);
    }
  });

  it("writes counts one way: the number against its counter (16事業), never 「計 16 事業」", () => {
    for (const d of docs) {
      const texts = [...d.lines, ...d.cells];
      expect(texts.filter((t) => /\d[ \u3000]+(事業|課|件)/.test(t)), d.file).toEqual([]);
    }
    const booklet = docs.find((d) => d.file === "booklet.pdf")!;
    expect(booklet.streams.join("")).toContain(`（計${house.count(16, "事業")}）`);
  });

  it("writes 再掲 one way: the house style's words for each 再掲 and original, no raw mark, 再掲先 or doubled 再掲", () => {
    const marks = plan.projects.flatMap((p) => {
      const ref = relistRef(p);
      return ref ? [house.afterName(ref), house.relist(ref)] : [];
    });
    const originals = plan.projects.flatMap((p) => (p.relistOf === null ? [] : [house.relistedIn(p.no)]));
    expect(marks).toContain("（No.12の再掲）");
    expect(marks).toContain("人材育成・体制強化(1)①の再掲"); // the original not found: the place its mark names
    for (const d of docs) {
      // The workbook's 事業一覧 titles its column 再掲: a header cell, not a mark.
      const left = without([...marks, ...originals], d).filter((t) => t !== "再掲");
      expect(left.filter((t) => t.includes("再掲")), d.file).toEqual([]);
    }
  });

  it("prints a 再掲 after a name one way: smaller than the name and muted (the theme's small size and muted colour)", () => {
    const afterNames = [...new Set(plan.projects.flatMap((p) => { const ref = relistRef(p); return ref ? [house.afterName(ref).replace(/\s+/g, "")] : []; }))];
    const muted = ctx.theme.colours.muted.toLowerCase();
    let found = 0;
    for (const d of docs.filter((x) => x.styled.length && !x.file.startsWith("compare"))) {
      for (const [pi, page] of d.styled.entries()) {
        const text = page.map((c) => c.ch).join("");
        for (const mark of afterNames) {
          for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
            const drawn = page.slice(at, at + mark.length);
            const styles = [...new Set(drawn.map((c) => `${c.size} ${c.colour}`))];
            expect(styles, `${d.file} p${pi + 1} ${mark}`).toEqual([`${ctx.theme.sizes.small} ${muted}`]);
            found++;
          }
        }
      }
    }
    // the roadmaps, the department files and the progress report each print some
    for (const f of ["gantt.pdf", "departments.pdf", "progress-2026.pdf"]) {
      const d = docs.find((x) => x.file === f)!;
      expect(d.styled.some((page) => afterNames.some((m) => page.map((c) => c.ch).join("").includes(m))), f).toBe(true);
    }
    expect(found).toBeGreaterThan(10);
  });
});
