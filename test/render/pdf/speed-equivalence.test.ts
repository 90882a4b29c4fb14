// The speed patches change the bytes, not what a reader gets: the seed's booklet, gantt and a
// department file rendered with every patch (the run's shared rendering, test/helpers/
// seed-documents.ts) and with none have the same pages, the same glyphs in the same order, each
// within 0.5 pt of the same place, and the same drawn rectangles.
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { OutputFile } from "../../../src/context.js";
import type { Plan } from "../../../src/model/schema.js";
import { renderBooklet } from "../../../src/render/booklet.js";
import { renderDepartments } from "../../../src/render/departments.js";
import { renderGantt } from "../../../src/render/gantt.js";
import { installSpeedPatches, PATCHES, setSpeedPatches, speedStatus } from "../../../src/render/pdf/speed.js";
import { makeRenderContext, seedPlan } from "../../helpers/context.js";
import { type PageDrawing, pdfDrawing } from "../../helpers/pdf-glyphs.js";
import { seedDocuments } from "../../helpers/seed-documents.js";

const TOLERANCE = 0.5;
type Doc = { name: string; patched: Uint8Array; plain: Uint8Array };
const docs: Doc[] = [];

/** The four documents compared, from the booklet's, the gantt's and the departments' files. */
function picked(files: OutputFile[]): Map<string, Uint8Array> {
  const department = files.find((f) => f.path.startsWith("departments/"))!;
  return new Map([["booklet.pdf", files[0]!.data], ["gantt.pdf", files[1]!.data], [department.path, department.data],
    ["departments.pdf", files.find((f) => f.path === "departments.pdf")!.data]]);
}

beforeAll(async () => {
  const plan = seedPlan();
  installSpeedPatches();
  expect(speedStatus().active).toEqual([...PATCHES]);
  const patched = picked([...await seedDocuments("booklet"), ...await seedDocuments("gantt"), ...await seedDocuments("departments")]);
  setSpeedPatches([]);
  try {
    const ctx = makeRenderContext();
    const plain = picked([...await renderBooklet(plan, ctx), ...await renderGantt(plan, ctx), ...await renderDepartments(plan, ctx)]);
    for (const [name, data] of patched) docs.push({ name, patched: data, plain: plain.get(name)! });
  } finally {
    setSpeedPatches(PATCHES);
  }
}, 120_000);

const near = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE;

function compare(a: PageDrawing[], b: PageDrawing[]): string[] {
  const problems: string[] = [];
  if (a.length !== b.length) return [`${a.length} pages against ${b.length}`];
  a.forEach((pa, p) => {
    const pb = b[p]!;
    const text = (d: PageDrawing) => d.glyphs.map((g) => g.ch).join("");
    if (text(pa) !== text(pb)) {
      problems.push(`page ${p + 1}: other glyphs or order`);
      return;
    }
    pa.glyphs.forEach((g, i) => {
      const h = pb.glyphs[i]!;
      if (!near(g.x, h.x) || !near(g.y, h.y)) problems.push(`page ${p + 1} glyph ${i} ${g.ch}: (${g.x}, ${g.y}) against (${h.x}, ${h.y})`);
    });
    const sorted = (d: PageDrawing) => [...d.rects].sort((r, s) => r[1] - s[1] || r[0] - s[0] || r[2] - s[2] || r[3] - s[3]);
    const [ra, rb] = [sorted(pa), sorted(pb)];
    if (ra.length !== rb.length) problems.push(`page ${p + 1}: ${ra.length} rectangles against ${rb.length}`);
    else ra.forEach((r, i) => { if (!r.every((v, k) => near(v, rb[i]![k]!))) problems.push(`page ${p + 1} rectangle ${r.join(",")} against ${rb[i]!.join(",")}`); });
  });
  return problems.slice(0, 10);
}

describe("the speed patches read alike with and without", () => {
  it("renders four documents both ways, and the bytes do differ", () => {
    expect(docs.map((d) => d.name)).toHaveLength(4);
    for (const d of docs) expect(Buffer.compare(Buffer.from(d.patched), Buffer.from(d.plain)), d.name).not.toBe(0);
  });

  it.each(["booklet.pdf", "gantt.pdf", "departments/"])("%s: same pages, glyphs in order within 0.5 pt, same rectangles", async (name) => {
    const doc = docs.find((d) => d.name.startsWith(name))!;
    const [a, b] = [await pdfDrawing(doc.patched), await pdfDrawing(doc.plain)];
    expect(a.flatMap((p) => p.glyphs).length).toBeGreaterThan(100);
    expect(compare(a, b)).toEqual([]);
  }, 60_000);

  it("the comparison sees a glyph moved by 0.6 pt, another glyph, a missing rectangle or page", () => {
    const page = (): PageDrawing => ({ glyphs: [{ ch: "計", x: 10, y: 20 }, { ch: "画", x: 20, y: 20 }], rects: [[0, 0, 5, 5]] });
    expect(compare([page()], [page()])).toEqual([]);
    const moved = page();
    moved.glyphs[1]!.x += 0.6;
    expect(compare([page()], [moved])).toHaveLength(1);
    const other = page();
    other.glyphs[1]!.ch = "面";
    expect(compare([page()], [other])).toHaveLength(1);
    expect(compare([page()], [{ ...page(), rects: [] }])).toHaveLength(1);
    expect(compare([page()], [page(), page()])).toHaveLength(1);
  });

  it("departments.pdf: the same number of pages", async () => {
    const doc = docs.find((d) => d.name === "departments.pdf")!;
    const pages = async (data: Uint8Array) => (await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise).numPages;
    expect(await pages(doc.patched)).toBe(await pages(doc.plain));
  }, 60_000);
});
