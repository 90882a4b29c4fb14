import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { departmentFileNames, departmentsView } from "../../src/views/department.js";
import { planOf, project } from "../helpers/plan-model.js";
import { HEADER, planOf as readPlan, row, tsv } from "../helpers/plan-fixtures.js";

const config = defaultConfig();

describe("departmentsView", () => {
  const plan = planOf([
    project(1, { departments: ["情報政策課", "人事課"] }),
    project(2, { departments: ["人事課"], allDepartments: true }),
    project(3, { departments: [], allDepartments: true }),
    project(4, { departments: ["情報政策課"] }),
  ]);
  const view = departmentsView(plan, config, 2026);

  it("gives each department the projects naming it, with the other departments", () => {
    expect(view.sheets.map((s) => s.department)).toEqual(["情報政策課", "人事課"]);
    const [info, hr] = view.sheets;
    expect(info!.own.map((p) => p.no)).toEqual([1, 4]);
    expect(info!.own[0]!.coDepartments).toEqual(["人事課"]);
    expect(hr!.own.map((p) => p.no)).toEqual([1, 2]);
    expect(hr!.own[1]!.coDepartments).toEqual(["各課"]);
  });

  it("lists the 各課 projects once, for every sheet", () => {
    expect(view.common.map((p) => p.no)).toEqual([2, 3]);
  });

  it("names files safely: no separators, no `..`, no control characters, unique", () => {
    const odd = planOf([
      project(1, { departments: ["../x"] }), project(2, { departments: ["a/b"] }),
      project(3, { departments: ["c\u0001d"] }), project(4, { departments: ["a\\b"] }), project(5, { departments: ["CON"] }),
    ]);
    const files = departmentsView(odd, config, 2026).sheets.map((s) => s.fileName);
    for (const f of files) {
      expect(f).toMatch(/\.pdf$/);
      expect(f).not.toMatch(/[/\\\u0000-\u001f]/);
      expect(f.startsWith(".")).toBe(false);
    }
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
    expect(files[4]).not.toBe("CON.pdf");
  });

  it("never names a file as a device Windows reserves (COM0, LPT³, CONIN$ too), nor with a C1 control character", () => {
    const reserved = ["COM0", "LPT0", "COM¹", "LPT³", "CONIN$", "conout$", "COM9.課"];
    const odd = planOf([...reserved, "課\u0085"].map((d, i) => project(i + 1, { departments: [d] })));
    const files = departmentsView(odd, config, 2026).sheets.map((s) => s.fileName);
    for (const [i, d] of reserved.entries()) expect(files[i], d).toBe(`_${d}.pdf`);
    expect(files.at(-1)).toBe("課.pdf");
  });

  it("never names a file as Excel names its lock files (~$財政課.xlsx: passed over when returns are read, and taken for 財政課.xlsx open in Excel)", () => {
    const odd = planOf([project(1, { departments: ["財政課"] }), project(2, { departments: ["~$財政課"] })]);
    expect([...departmentFileNames(odd, config, ".xlsx").values()]).toEqual(["財政課.xlsx", "_$財政課.xlsx"]);
  });

  it("gives a department the same file name for its schedule (.pdf) and its form (.xlsx)", () => {
    // a/b and a\b both sanitise to a_b: the second is a_b_2 in both folders
    const odd = planOf([project(1, { departments: ["a/b"] }), project(2, { departments: ["a\\b"] }), project(3, { departments: ["人事課"] })]);
    const pdf = departmentFileNames(odd, config, ".pdf");
    const xlsx = departmentFileNames(odd, config, ".xlsx");
    expect([...pdf.values()]).toEqual(["a_b.pdf", "a_b_2.pdf", "人事課.pdf"]);
    expect([...xlsx.keys()]).toEqual([...pdf.keys()]);
    for (const [d, f] of pdf) expect(xlsx.get(d)).toBe(f.replace(/\.pdf$/, ".xlsx"));
    expect(departmentsView(odd, config, 2026).sheets.map((s) => s.fileName)).toEqual([...pdf.values()]);
  });
});

describe("department names that make one file name", () => {
  it("are said at the later one's cell with the file name it gets and the department it meets (PP712), as the files are named", async () => {
    const plan = await readPlan("plan.tsv", tsv([HEADER, row(1, "事業A", { depts: "企画*財政課" }), row(2, "事業B", { depts: "各課" }), row(3, "事業C", { depts: "企画?財政課" }), row(4, "事業D", { depts: "企画?財政課" })]));
    const said = plan.diagnostics.filter((d) => d.code === "PP712");
    expect(said.map((d) => [d.line, d.column])).toEqual([[6, 6]]);
    expect(said[0]!.message).toContain("担当課「企画?財政課」の工程表と様式のファイル名を「企画_財政課_2」にしました。No.1 の担当課「企画*財政課」と同じ「企画_財政課」になるため");
    expect([...departmentFileNames(plan, config, ".pdf").values()]).toEqual(["企画_財政課.pdf", "企画_財政課_2.pdf"]);
  });
});
