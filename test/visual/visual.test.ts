// Visual regression: a few key pages of the seed's documents rendered to PNG (pdfjs-dist on
// @napi-rs/canvas, 60 dpi) and compared with reviewed reference images in test/visual/*.png. A
// failed comparison writes the page and a diff image (differing pixels in red) under
// test-results/visual/. After a reviewed change of the drawing, `npm run visual:update` writes
// new references (look at them before committing).
import { mkdirSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/model/schema.js";
import { projectRoot, seedPlan } from "../helpers/context.js";
import { comparePng, pageImages } from "../helpers/page-image.js";
import { textItems } from "../helpers/pdf-positions.js";
import { seedDocuments } from "../helpers/seed-documents.js";

const DPI = 60;
/** Share of a page's pixels allowed to differ (anti-aliasing aside): a moved bar or label is far more. */
const MAX_RATIO = 0.001;
const UPDATE = process.env.VISUAL_UPDATE === "1";
const refDir = path.join(projectRoot, "test/visual");
const outDir = path.join(projectRoot, "test-results/visual");

let plan: Plan;

beforeAll(() => { plan = seedPlan(); });

/** The page `n` of `data` against test/visual/<name>.png (or written there when updating). */
async function check(name: string, data: Uint8Array, n: number): Promise<void> {
  const [actual] = await pageImages(data, [n], DPI);
  const ref = path.join(refDir, `${name}.png`);
  if (UPDATE || !existsSync(ref)) {
    writeFileSync(ref, actual!);
    if (!UPDATE) throw new Error(`no reference image ${ref}: written now; review it, then commit it`);
    return;
  }
  const result = comparePng(actual!, readFileSync(ref));
  if (result.ratio > MAX_RATIO) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, `${name}.actual.png`), actual!);
    if (result.diff) writeFileSync(path.join(outDir, `${name}.diff.png`), result.diff);
  }
  expect(result.ratio, `${name}: ${result.differing} pixels differ (see ${outDir}/${name}.diff.png)`).toBeLessThanOrEqual(MAX_RATIO);
}

describe("key pages look as reviewed", () => {
  it("gantt.pdf, page 1 (legend, group rows, bars of one and several lines)", async () => {
    await check("gantt-p1", (await seedDocuments("gantt"))[0]!.data, 1);
  }, 120_000);

  it("the largest department's file, page 1 (rows carrying descriptions)", async () => {
    const count = (d: string): number => plan.projects.filter((p) => p.departments.includes(d)).length;
    const department = [...plan.departments].sort((a, b) => count(b) - count(a))[0]!;
    const files = await seedDocuments("departments");
    await check("department-p1", files.find((f) => f.path === `departments/${department}.pdf`)!.data, 1);
  }, 180_000);

  it("booklet.pdf, the page of the first project's card (its schedule strip)", async () => {
    const data = (await seedDocuments("booklet"))[0]!.data;
    const first = plan.projects[0]!;
    const pages = await textItems(data);
    // the card: the project's name and the strip's year headings on one page, after the contents
    const n = pages.findIndex((p, i) => i > 1 && p.stream.includes(first.name.replace(/\s+/g, "")) && p.items.some((it) => it.str === "令和8年度")) + 1;
    expect(n).toBeGreaterThan(0);
    await check("booklet-card", data, n);
  }, 180_000);
});
