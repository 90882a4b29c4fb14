// runLines against pdfmake: the lines a table cell's text is counted to take are the lines it is
// drawn in, or one more (a progress report's long entries are cut into rows by this count, and
// pdfmake drops a row kept whole that is taller than its page).
import { beforeAll, describe, expect, it } from "vitest";
import { createPdf } from "../../../src/render/pdf/document.js";
import { drawDocument } from "../../../src/render/pdf/draw.js";
import { phraseRuns, runLines } from "../../../src/render/pdf/text.js";
import { DocNode } from "../../../src/templates/primitives.js";
import { makeRenderContext } from "../../helpers/context.js";
import { textItems } from "../../helpers/pdf-positions.js";

const ctx = makeRenderContext();
const size = ctx.theme.sizes.table;
const inner = 10 * size; // a column of ten full-width characters
const texts = [
  // an opening bracket at the first line's end, a closing one at the second's start
  `${"漢".repeat(9)}「${"字".repeat(10)}`,
  `${"漢".repeat(10)}${"字".repeat(9)}」${"語".repeat(9)}`,
  "市民の利便性を高めるため、窓口手続の電子化（オンライン申請）と業務の見直しを順に進め、令和8年度は3万件を受け付けました。",
  "https://www.city.example.lg.jp/dx/plan/index.html を参照し、LoGoフォームで受け付けた。",
];
let drawn: number[];

beforeAll(async () => {
  const nodes = DocNode.array().parse(texts.map((t) => ({ type: "table", header: ["見出し"], widths: [inner + 8], rows: [[t]] })));
  const pages = await textItems(await createPdf({ kind: "booklet", content: drawDocument(nodes, { kind: "booklet" }, ctx), headerTitle: "試験" }, { title: "試験", author: "試験" }, ctx));
  // the lines (their heights) of each cell: between one table's heading and the next
  const ys = pages[0]!.items.filter((i) => i.y > 60 && i.y < pages[0]!.height - 60).sort((a, b) => b.y - a.y);
  drawn = [];
  let cell: Set<number> | null = null;
  for (const i of ys) {
    if (i.str === "見出し") { if (cell) drawn.push(cell.size); cell = new Set(); continue; }
    cell?.add(Math.round(i.y));
  }
  if (cell) drawn.push(cell.size);
});

describe("runLines", () => {
  it("counts the lines pdfmake draws a table cell's text in, or one more, never fewer", () => {
    expect(drawn).toHaveLength(texts.length);
    const counted = texts.map((t) => runLines(phraseRuns(t, 10), inner, size));
    texts.forEach((t, i) => {
      expect(counted[i]!, t).toBeGreaterThanOrEqual(drawn[i]!);
      expect(counted[i]! - drawn[i]!, t).toBeLessThanOrEqual(1);
    });
  });
});
