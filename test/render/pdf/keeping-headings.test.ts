// layoutKeepingHeadings with a probe: the layouts that find where a grouped table's pages start
// lay out the content without the plain tables after it, and only the last one the whole.
import type { Content } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import { type Breaks, type Laid, layoutKeepingHeadings, RESERVE } from "../../../src/render/schedule-table.js";

const WHOLE = ["own table", "rest table"] as unknown as Content[];
const PROBE = ["own table"] as unknown as Content[];

/**
 * A document whose first layout (room kept) finds a page start `1:5` in its grouped table, and
 * whose whole layout, once that break is made, finds the plain table's heading `2:lead` alone at a
 * page's foot (`leadAlone`).
 */
function document(leadAlone: boolean, probe = true) {
  const built: Breaks[] = [];
  const laidOut: string[] = [];
  // what the last layout was given: the checks below read that layout
  let last: Content[] = [];
  const build = (breaks: Breaks): Laid => {
    built.push(new Set(breaks));
    return {
      content: WHOLE,
      ...(probe ? { probe: PROBE } : {}),
      reserved: breaks.has(RESERVE),
      orphans: () => new Set(last === WHOLE && leadAlone && !breaks.has("2:lead") ? ["2:lead"] : []),
      pageStarts: () => new Set(breaks.has(RESERVE) ? ["1:5"] : []),
    };
  };
  const layout = (content: Content[]): number => {
    last = content;
    laidOut.push(content === WHOLE ? "whole" : "probe");
    return content === WHOLE ? 3 : 1;
  };
  return { built, laidOut, run: () => layoutKeepingHeadings(build, layout) };
}

describe("layoutKeepingHeadings with a probe", () => {
  it("lays out the whole content once, last, and counts its pages", () => {
    const d = document(false);
    expect(d.run()).toBe(3);
    expect(d.laidOut).toEqual(["probe", "probe", "whole"]);
    expect([...d.built.at(-1)!]).toEqual(["1:5"]);
  });

  it("keeps a heading of the left-out table with its rows, found in the whole layout", () => {
    const d = document(true);
    d.run();
    expect(d.laidOut).toEqual(["probe", "probe", "whole", "whole"]);
    expect([...d.built.at(-1)!].sort()).toEqual(["1:5", "2:lead"]);
  });

  it("lays out the whole content each time when there is no probe", () => {
    const d = document(false, false);
    expect(d.run()).toBe(3);
    expect(d.laidOut).toEqual(["whole", "whole"]);
  });
});

describe("layoutKeepingHeadings: headings moved one after another", () => {
  /**
   * Each heading moved to the next page leaves the next one alone at a page's foot (`1:lead`,
   * then `2:lead`, then `3:lead`); table 3's pages start at row 5 once its heading has moved,
   * at row 6 before (where it had been).
   */
  function cascade() {
    const built: Breaks[] = [];
    const build = (breaks: Breaks): Laid => {
      built.push(new Set(breaks));
      const next = ["1:lead", "2:lead", "3:lead"].find((b) => !breaks.has(b));
      return {
        content: WHOLE, reserved: breaks.has(RESERVE),
        orphans: () => new Set(next ? [next] : []),
        pageStarts: () => new Set(breaks.has(RESERVE) ? [breaks.has("3:lead") ? "3:5" : "3:6"] : []),
      };
    };
    layoutKeepingHeadings(build, () => 2);
    return built;
  }

  it("settles every heading before taking the page starts of the tables they moved", () => {
    const last = [...cascade().at(-1)!].sort();
    // taken after two moves, table 3's page start was the one found before its heading moved
    expect(last).toEqual(["1:lead", "2:lead", "3:5", "3:lead"]);
  });
});
