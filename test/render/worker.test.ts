// How the department files are shared out between the worker thread and the main thread once laid
// out: the worker cuts the first files, about half the pages, the main thread the rest.
import { describe, expect, it } from "vitest";
import { firstHalf } from "../../src/render/worker.js";

const pages = (...counts: number[]) => counts.map((n, i) => Array.from({ length: n }, (_, k) => i * 100 + k));

describe("sharing out the department files", () => {
  it("gives the worker the first files up to about half the pages", () => {
    expect(firstHalf(pages(1, 1, 1, 1))).toBe(2);
    expect(firstHalf(pages(2, 2, 2))).toBe(2); // the middle file's midpoint is at half the pages
    expect(firstHalf(pages(10, 1, 1, 1, 1))).toBe(1);
    expect(firstHalf(pages(1, 1, 1, 1, 10))).toBe(4);
  });

  it("leaves nothing out and takes nothing twice, for one file or none", () => {
    expect(firstHalf(pages(3))).toBe(1);
    expect(firstHalf([])).toBe(0);
  });
});
