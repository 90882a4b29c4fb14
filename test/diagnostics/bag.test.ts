// The bag's cap: a hostile file cannot make hundreds of thousands of diagnostics. The first
// MAX_PER_CODE of a code in a file are kept; the rest are counted by one PP911 at the first left out.
import { describe, expect, it } from "vitest";
import { DiagnosticBag, hasErrors, MAX_PER_CODE } from "../../src/diagnostics/bag.js";
import { formatDiagnostics } from "../../src/diagnostics/format.js";
import { planOf, HEADER, row, tsv } from "../helpers/plan-fixtures.js";
import { bookParts, inlineCells, sheetXml, zipOf } from "../helpers/xlsx-parts.js";

describe("DiagnosticBag's cap per code and file", () => {
  it("keeps the first of a code, then one PP911 counting the rest at the first left out, as severe as the worst", () => {
    const bag = new DiagnosticBag("ja");
    for (let i = 1; i <= MAX_PER_CODE + 250; i++) bag.add("PP308", { file: "a.tsv", line: 5, column: i }, { value: "x" });
    bag.add("PP308", { file: "b.tsv", line: 1 }, { value: "y" });
    for (let i = 1; i <= MAX_PER_CODE + 2; i++) bag.add("PP302", { file: "a.tsv", line: i }, { column: "事業内容" }, { severity: i === MAX_PER_CODE + 2 ? "error" : "warning" });
    const of = (code: string, file = "a.tsv") => bag.items.filter((d) => d.code === code && d.file === file);
    expect(of("PP308")).toHaveLength(MAX_PER_CODE);
    expect(of("PP308", "b.tsv")).toHaveLength(1);
    const more = of("PP911");
    expect(more.map((d) => [d.line, d.column, d.severity])).toEqual([[5, MAX_PER_CODE + 1, "warning"], [MAX_PER_CODE + 1, undefined, "error"]]);
    expect(more[0]!.message).toContain("PP308 の指摘がほかに 250 件");
    expect(more[1]!.message).toContain("PP302 の指摘がほかに 2 件");
    // an error past the cap still fails the run
    expect(hasErrors(bag.items)).toBe(true);
  });
  it("a row of 2,000 cells outside the period: 100 PP308, one PP911, the plan still read", async () => {
    const wide = [...row(2, "事業B"), ...Array.from({ length: 2000 }, () => "x")];
    const plan = await planOf("plan.tsv", tsv([HEADER, row(1, "事業A"), wide, row(3, "事業C")]));
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 3]);
    expect(plan.diagnostics.filter((d) => d.code === "PP308")).toHaveLength(MAX_PER_CODE);
    expect(plan.diagnostics.filter((d) => d.code === "PP911").map((d) => [d.line, d.column, d.message])).toEqual([[5, HEADER.length + MAX_PER_CODE + 1, expect.stringContaining("ほかに 1900 件")]]);
    expect(formatDiagnostics(plan.diagnostics).split("\n").length).toBeLessThan(20);
  });
});

describe("user text quoted in a message", () => {
  it("has its line breaks folded to a space: a header 「所管⏎部」 had split a diagnostic's line in two", async () => {
    const header = ["No", "基本方針", "施策", "取組", "事業名", "事業内容", "所管\n部", "担当\n課", ...HEADER.slice(7)];
    const plan = await planOf("plan.csv", [header, ["1", "1 方針", "(1)施策", "①取組", "事業", "内容", "総務部", "情報政策課", "検討", "", ""]]
      .map((r) => r.map((c) => `"${c}"`).join(",")).join("\r\n"));
    const said = plan.diagnostics.find((d) => d.code === "PP239");
    expect(said?.message).toContain("「所管 部」");
    expect(formatDiagnostics(plan.diagnostics).split("\n").filter((l) => l.includes("PP239"))[0]).toMatch(/「担当 課」/u);
    expect(plan.diagnostics.every((d) => !/[\r\n]/.test(d.message))).toBe(true);
  });

  it("control characters in a place or a message (a sheet named with &#x1b; and &#x0a;) are printed as visible signs: the terminal had run the ESC sequence and shown a line of its own", async () => {
    const parts = bookParts({ sheets: [{ name: "SHEET", xml: sheetXml(inlineCells([HEADER, row(1, "事業")])) }] });
    const book = zipOf(parts.map((p) => (p.name === "xl/workbook.xml" ? { ...p, data: (p.data as string).replace("SHEET", "計画&#x1b;[2J&#x0a;偽の行") } : p)));
    const plan = await planOf("plan.xlsx", book);
    expect(plan.diagnostics.some((d) => d.sheet?.includes("\u001b"))).toBe(true);
    const text = formatDiagnostics(plan.diagnostics);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/u);
    expect(text).toContain("plan.xlsx#計画␛[2J␊偽の行!");
    // each diagnostic is one line, its hint (indented) the next
    expect(text.split("\n").filter((l) => !l.startsWith("    ") && !l.includes("plan.xlsx"))).toEqual([]);
  });
});

describe("the text form of repeated messages", () => {
  it("collapses them into one line with the count after the message; an error's or warning's other places named (five at most), an info's counted", () => {
    const bag = new DiagnosticBag("ja");
    for (const line of [9, 12]) bag.add("PP369", { file: "a.tsv", line, column: 13 }, { columns: "13", expected: "12" });
    for (let line = 20; line < 28; line++) bag.add("PP308", { file: "a.tsv", line, column: 3 }, { value: "x" });
    for (const line of [30, 31]) bag.add("PP304", { file: "a.tsv", line, column: 7 }, { tag: "<ul>" });
    const lines = formatDiagnostics(bag.items).split("\n");
    const of = (code: string) => lines.find((l) => l.includes(`  ${code}  `))!;
    expect(of("PP369")).toMatch(/^a\.tsv:9:13 {2}error {2}PP369 {2}.*（ほか 1 件: 12:13）$/);
    // the hint after the count, on its own line
    expect(lines[lines.indexOf(of("PP369")) + 1]).toMatch(/^ {4}\S/);
    expect(of("PP308")).toMatch(/（ほか 7 件: 21:3、22:3、23:3、24:3、25:3、…）$/);
    expect(of("PP304")).toMatch(/（ほか 1 件）$/);
    expect(formatDiagnostics(bag.items, "en").split("\n").find((l) => l.includes("PP369"))).toMatch(/\(and 1 more: 12:13\)$/);
  });
});
