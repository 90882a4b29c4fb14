import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { codes, HEADER, planOf, row, tsv } from "../helpers/plan-fixtures.js";

describe("text input", () => {
  it("reads a Shift_JIS CSV with quoted multi-line cells, CRLF, and keeps physical lines", async () => {
    const lines = [
      "テスト市DX計画",
      HEADER.join(","),
      ["1", "市民サービス", "(1)オンライン化", "①手続の拡大", "電子申請の拡大", "情報政策課", '"・一行目の説明。\r\n・二行目の説明。"', "検討", "", "運用"].join(","),
      // a row after the multi-line cell: its duplicate No must be reported on physical line 5
      ["1", "市民サービス", "(1)オンライン化", "①手続の拡大", "窓口の改善", "市民課", "説明", "検討", "", ""].join(","),
    ];
    const bytes = iconv.encode(lines.join("\r\n") + "\r\n", "Shift_JIS");
    const plan = await planOf("plan.csv", bytes);
    expect(codes(plan.diagnostics)).toContain("PP103");
    const p1 = plan.projects[0]!;
    expect(p1.name).toBe("電子申請の拡大");
    expect(p1.description).toEqual(["一行目の説明。", "二行目の説明。"]);
    expect(p1.schedule).toEqual([
      { label: "検討", from: 2026, to: 2027, category: "study" },
      { label: "運用", from: 2028, to: 2028, category: "operate" },
    ]);
    const dup = plan.diagnostics.find((d) => d.code === "PP401");
    expect(dup?.line).toBe(5);
    expect(dup?.column).toBe(1);
  });

  it("says a ? inside Japanese in a Shift_JIS CSV (a character Excel's CSV cannot hold, ⑴ or ㉑, written as ?) at its first line with the count (PP387); it had been read as written", async () => {
    // what Excel writes for 「⑴オンライン化」 and 「㉑窓口」 when it saves as CSV (Shift_JIS)
    const encodable = iconv.encode("⑴", "Shift_JIS").toString("latin1");
    expect(encodable).toBe("?");
    const lines = ["テスト市DX計画", HEADER.join(","),
      ["1", "市民サービス", "?オンライン化", "①手続の拡大", "電子申請の拡大", "情報政策課", "説明", "検討", "", "運用"].join(","),
      ["2", "市民サービス", "?オンライン化", "①手続の拡大", "DX?", "市民課", "Q&A?", "検討", "", ""].join(",")];
    const plan = await planOf("plan.csv", iconv.encode(lines.join("\r\n") + "\r\n", "Shift_JIS"));
    expect(plan.diagnostics.filter((d) => d.code === "PP387").map((d) => [d.severity, d.line, d.message])).toEqual([
      ["warning", 3, "日本語の中の「?」が 2 か所あります（「?オンライン化」など。最初のものはこの行）。Excel の CSV（Shift_JIS）に書けない文字（⑴、㉑、一部の漢字など）が「?」に置き換わっています。"]]);
    // the same text in UTF-8 is what the file says: nothing lost
    const utf8 = await planOf("plan.csv", lines.join("\n") + "\n");
    expect(codes(utf8.diagnostics)).not.toContain("PP387");
  });

  it("takes a title right above the header (no blank line between) as the title; a group row stays in the header", async () => {
    const plan = await planOf("plan.tsv", ["ミナミ市DX計画", HEADER.join("\t"), row(1, "事業A").join("\t")].join("\n"));
    expect(plan.plan.title).toBe("ミナミ市DX計画");
    expect(codes(plan.diagnostics)).not.toContain("PP205");
    // a group row over the years, right above the header: part of the header, never the title
    const group = [...HEADER.slice(0, 7).map(() => ""), "スケジュール", "", ""];
    const grouped = await planOf("plan.tsv", ["ミナミ市DX計画", "", group.join("\t"), HEADER.join("\t"), row(1, "事業A").join("\t")].join("\n"));
    expect(grouped.plan.title).toBe("ミナミ市DX計画");
    expect(grouped.projects.map((p) => p.name)).toEqual(["事業A"]);
  });

  it("a table that starts right of column A keeps the title right above it (not a group row of its header)", async () => {
    const pad = (r: string[]) => ["", "", ...r].join("\t");
    const plan = await planOf("offset.tsv", [pad(["ミナミ市DX計画"]), pad(HEADER), pad(row(1, "事業A"))].join("\n"));
    expect(plan.plan.title).toBe("ミナミ市DX計画");
    expect(codes(plan.diagnostics)).not.toContain("PP205");
    expect(plan.projects.map((p) => p.name)).toEqual(["事業A"]);
  });

  it("a title line ending in its period in brackets gives the plan's title without it (PP254); other brackets stay", async () => {
    const named = async (line: string) => planOf("plan.tsv", [line, HEADER.join("\t"), row(1, "事業A").join("\t")].join("\n"));
    for (const line of ["ミナミ市DX計画（令和8年度～令和12年度）", "ミナミ市DX計画（計画期間：R8～R12）", "ミナミ市DX計画（令和8～12年度）", "ミナミ市DX計画 (2026年度-2030年度) 工程表",
      // after a space, without brackets (it had stayed in the title, printed on every page's head)
      "ミナミ市DX計画　令和8年度～令和12年度", "ミナミ市DX計画 計画期間：2026-2030", "ミナミ市DX計画　令和８年度から令和12年度まで", "ミナミ市DX計画 R8～R12 工程表",
      // a period left open at its end (it had stayed in the name)
      "ミナミ市DX計画（令和8年度～）", "ミナミ市DX計画（2026年度から）", "ミナミ市DX計画　R8以降"]) {
      const plan = await named(line);
      expect(plan.plan.title, line).toBe("ミナミ市DX計画");
      expect(plan.diagnostics.find((d) => d.code === "PP254"), line).toMatchObject({ line: 1, severity: "info" });
    }
    // said with the name as read in the end (a table's word before the bracket had stayed in the message)
    const listed = await named("ミナミ市DX計画 事業一覧（令和8年度～令和12年度）");
    expect(listed.plan.title).toBe("ミナミ市DX計画");
    expect(listed.diagnostics.find((d) => d.code === "PP254")?.message).toContain("計画名を「ミナミ市DX計画」と読みました");
    // before the document's kind: the name keeps the kind (the period had stayed in every running head)
    for (const [line, title] of [["ミナミ市DX計画（令和7年度～令和11年度）　実施計画", "ミナミ市DX計画　実施計画"], ["ミナミ市DX計画(R7～R11)アクションプラン", "ミナミ市DX計画アクションプラン"]]) {
      const plan = await named(line!);
      expect(plan.plan.title, line).toBe(title);
      expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
      expect(codes(plan.diagnostics), line).toContain("PP254");
    }
    for (const line of ["ミナミ市DX計画（第2次）", "ミナミ市DX計画（令和8年度改定）", "ミナミ市DX計画（第2次）実施計画", "ミナミ市 2026 DX計画", "ミナミ市DX計画 令和8年度改定版"]) {
      const plan = await named(line);
      expect(plan.plan.title).toBe(line);
      expect(plan.diagnostics.find((d) => d.code === "PP254")).toBeUndefined();
    }
  });

  it("a title line that names the table (〇〇計画 工程表) gives the plan's title without that word (PP232)", async () => {
    const named = async (line: string) => planOf("plan.tsv", [line, HEADER.join("\t"), row(1, "事業A").join("\t")].join("\n"));
    for (const line of ["ミナミ市DX計画 工程表", "ミナミ市DX計画（工程表）", "ミナミ市DX計画　事業一覧", "ミナミ市DX計画　取組一覧"]) {
      const plan = await named(line);
      expect(plan.plan.title).toBe("ミナミ市DX計画");
      expect(plan.diagnostics.find((d) => d.code === "PP232")).toMatchObject({ line: 1, severity: "info" });
    }
    for (const line of ["ミナミ市DX計画 工程表（案）", "ミナミ市DXロードマップ"]) {
      const plan = await named(line);
      expect(plan.plan.title).toBe(line);
      expect(codes(plan.diagnostics)).not.toContain("PP232");
    }
  });

  it("sniffs the delimiter and strips a BOM", async () => {
    const text = "\uFEFF" + tsv([HEADER, row(1, "事業A")]).replace(/\t/g, ";");
    const plan = await planOf("plan.txt", text);
    expect(plan.projects.map((p) => p.name)).toEqual(["事業A"]);
    expect(plan.plan.title).toBe("テスト市DX計画");
  });

  it("a cell written as Excel's text formula (=\"001\", as systems export a No to keep its zeros) is the text inside, said once (PP124)", async () => {
    const csv = [HEADER.join(","), ['"=""001"""', ...row(1, "事業A").slice(1)].join(","), ['="002"', ...row(2, '="事業""B"""').slice(1)].join(",")];
    const plan = await planOf("plan.csv", ["テスト市DX計画", ...csv].join("\n"));
    expect(plan.projects.map((p) => [p.no, p.name])).toEqual([[1, "事業A"], [2, '事業"B"']]);
    const said = plan.diagnostics.filter((d) => d.code === "PP124");
    expect(said).toHaveLength(1);
    expect([said[0]!.line, said[0]!.column, said[0]!.message]).toEqual([3, 1, expect.stringContaining("3 個")]);
    // a formula that computes something is not such a cell: left as written, so the No is refused
    const computed = await planOf("plan.csv", ["テスト市DX計画", HEADER.join(","), ['="00"&1', ...row(1, "事業A").slice(1)].join(",")].join("\n"));
    expect(codes(computed.diagnostics)).toEqual(expect.arrayContaining(["PP305"]));
    expect(codes(computed.diagnostics)).not.toContain("PP124");
  });

  it("a cell with Excel's text mark before a number, a formula's first sign or Japanese ('001, '=…, '市民課) is read without it, said once (PP130); an apostrophe before Latin words stays", async () => {
    const csv = [HEADER.join(","), ["'001", ...row(1, "'=事業A").slice(1)].join(","), ["'2", ...row(2, "'事業B", { depts: "'市民課" }).slice(1)].join(","),
      ["3", ...row(3, "'Wi-Fi整備").slice(1)].join(",")];
    const plan = await planOf("plan.csv", ["テスト市DX計画", ...csv].join("\n"));
    // ('市民課 had been a department of its own)
    expect(plan.projects.map((p) => [p.no, p.name, p.departments])).toEqual([[1, "=事業A", ["情報政策課"]], [2, "事業B", ["市民課"]], [3, "'Wi-Fi整備", ["情報政策課"]]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP130").map((d) => [d.line, d.column, d.message])).toEqual([[3, 1, expect.stringContaining("5 個")]]);
    expect(codes(plan.diagnostics)).not.toContain("PP305");
    // a file marking most of its cells (header words too) is read without the marks (it had been PP201)
    const all = [["'テスト市DX計画"], [...HEADER.map((h) => `'${h}`)], row(1, "事業A").map((c) => (c ? `'${c}` : c))].map((r) => r.join(",")).join("\n");
    const marked = await planOf("plan.csv", all);
    expect(marked.projects.map((p) => [p.no, p.name])).toEqual([[1, "事業A"]]);
  });

  it("rows that end before the header's last column (Excel's CSV leaves empty cells at a row's end out) are read with those cells empty, said once (PP346)", async () => {
    const header = [...HEADER, "備考"];
    const full = [row(1, "事業A", { years: ["検討", "実施", ""] }), row(2, "事業B", { years: ["検討", "", ""] }), row(3, "事業C")].map((r) => [...r, ""]);
    const padded = await planOf("plan.csv", tsv([header, ...full]).replace(/\t/g, ","));
    const trimmed = full.map((r) => { const cells = [...r]; while (cells.at(-1) === "") cells.pop(); return cells; });
    const cut = await planOf("plan.csv", tsv([header, ...trimmed]).replace(/\t/g, ","));
    expect(cut.projects).toEqual(padded.projects);
    expect(cut.diagnostics.filter((d) => d.code === "PP346").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      ["info", 4, 10, expect.stringContaining("3 行")]]);
    expect(codes(cut.diagnostics)).not.toContain("PP306");
  });

  it("footnotes right under a short last row (Excel's CSV) are the table's notes (PP341), not the rest of a row cut in two (PP306)", async () => {
    const last = row(2, "事業B", { years: ["検討", "実施", ""] });
    while (last.at(-1) === "") last.pop();
    const plan = await planOf("plan.csv", tsv([HEADER, row(1, "事業A"), last, ["※1 スケジュールは予算の状況により変更となる場合があります。"], ["※2 担当課は令和8年4月1日現在の組織名です。"]]).replace(/\t/g, ","));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.code === "PP341").map((d) => d.line)).toEqual([6]);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
  });

  it("a row one empty cell longer than the header (a comma inside a cell left unquoted) is refused at the row (PP369), not read one column off", async () => {
    // 情報政策課,市民課 unquoted: the description had been 「市民課」, a phase 「説明。」 and every year one late
    const shifted = [...row(1, "事業A", { years: ["検討", "実施", ""] }).slice(0, 6), "市民課", ...row(1, "事業A", { years: ["検討", "実施", ""] }).slice(6)];
    const plan = await planOf("plan.csv", tsv([HEADER, shifted, row(2, "事業B")]).replace(/\t/g, ","));
    expect(plan.diagnostics.filter((d) => d.code === "PP369").map((d) => [d.severity, d.line, d.column])).toEqual([["error", 4, HEADER.length + 1]]);
    expect(plan.projects.map((p) => p.no)).toEqual([2]);
    // rows padded alike with the header (Excel's used range) are no such row
    const padded = await planOf("plan.csv", tsv([[...HEADER, ""], [...row(1, "事業A"), ""]]).replace(/\t/g, ","));
    expect(codes(padded.diagnostics)).not.toContain("PP369");
    // nor every data line ending in one more separator than the header's (a script's output)
    const trailing = await planOf("plan.tsv", tsv([HEADER, [...row(1, "事業A"), ""], [...row(2, "事業B"), ""]]));
    expect(codes(trailing.diagnostics)).not.toContain("PP369");
    expect(trailing.projects.map((p) => p.no)).toEqual([1, 2]);
  });

  it("the cell limit counts a cell's words, not its markup; a cell cut is cut outside a tag and ends in … (PP310)", async () => {
    const limits = { ...defaultConfig().limits, maxCellChars: 100 };
    const config = { ...defaultConfig(), limits };
    const items = Array.from({ length: 6 }, (_, i) => `<li style="margin-left: 1em; font-size: 10.5pt;">項目${i}：内容を進める。</li>`).join("");
    const styled = await planOf("plan.tsv", tsv([HEADER, row(1, "事業A", { desc: `<ul>${items}</ul>` })]), config);
    // 6 items of 10 characters in 400 characters of markup: kept whole (items 4 and 5 had been cut off)
    expect(styled.projects[0]!.description).toEqual(Array.from({ length: 6 }, (_, i) => `項目${i}：内容を進める。`));
    expect(codes(styled.diagnostics)).not.toContain("PP310");
    const long = await planOf("plan.tsv", tsv([HEADER, row(1, "事業A", { desc: `<ul>${items.repeat(3)}</ul>` })]), config);
    const description = long.projects[0]!.description;
    expect(description.at(-1)).toMatch(/…$/u);
    expect(description.join("")).not.toMatch(/<|style/u);
    // the count said is of its words (18 items), not of the markup (1,179 characters)
    expect(long.diagnostics.find((d) => d.code === "PP310")?.message).toMatch(/（2[0-9]{2} 文字）、100 文字で切りました/u);
    expect(description.length).toBeGreaterThanOrEqual(6);
  });

  it("a row split in two by a line break in a cell the export did not quote stops the reading at both halves (PP306)", async () => {
    const first = row(2, "事業B").slice(0, 7);
    const rest = ["続きの説明。", "検討", "", "運用"];
    const plan = await planOf("plan.tsv", tsv([HEADER, row(1, "事業A"), first, rest, row(3, "事業C")]));
    expect(plan.diagnostics.filter((d) => d.code === "PP306").map((d) => [d.severity, d.line])).toEqual([["error", 5], ["error", 6]]);
    // nothing else at the halves: the rest is no project (its first cell is no No), and the cells
    // the first half lacks are not empty cells of the plan
    expect(plan.diagnostics.filter((d) => d.line === 5 || d.line === 6).map((d) => d.code)).toEqual(["PP306", "PP306"]);
    // a short row followed by a project row is no such split
    const apart = await planOf("plan.tsv", tsv([HEADER, row(1, "事業A"), row(2, "事業B").slice(0, 7), row(3, "事業C").slice(0, 4)]));
    expect(codes(apart.diagnostics)).not.toContain("PP306");
  });

  it("Excel's separator line (sep=;) names the delimiter and is no line of the plan: not its title (PP126)", async () => {
    const lines = ["sep=;", ...tsv([HEADER, row(1, "事業A"), row(2, "事業B")]).split("\n").map((l) => l.replace(/\t/g, ";"))];
    const plan = await planOf("plan.csv", lines.join("\r\n"));
    expect(plan.plan.title).toBe("テスト市DX計画");
    expect(plan.projects.map((p) => [p.no, p.name])).toEqual([[1, "事業A"], [2, "事業B"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP126").map((d) => [d.severity, d.line])).toEqual([["info", 1]]);
    // its lines keep their numbers: the header is line 4
    expect(plan.diagnostics.find((d) => d.code === "PP220")?.line).toBe(4);
  });

  it("a cell whose opening quote is never closed (it swallows the rest of the file) stops the reading at the cell (PP125)", async () => {
    const lines = tsv([HEADER, row(1, "事業A"), row(2, '"事業B'), row(3, "事業C"), row(4, "事業D")]).replace(/\t/g, ",");
    const plan = await planOf("plan.csv", lines);
    expect(plan.diagnostics.filter((d) => d.code === "PP125").map((d) => [d.severity, d.line, d.column])).toEqual([["error", 5, 5]]);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
  });

  it("a stray quote closed by a later one (the rows between read as one cell) stops the reading at the cell (PP128); a cell's own lines do not", async () => {
    for (const delimiter of ["\t", ","]) {
      const closing = row(4, "事業D", { desc: 'いわゆる"DX"の推進"' });
      const text = tsv([HEADER, row(1, "事業A"), row(2, '"事業B'), row(3, "事業C"), closing, row(5, "事業E")]).replace(/\t/g, delimiter);
      const plan = await planOf(delimiter === "\t" ? "plan.tsv" : "plan.csv", text);
      expect(plan.diagnostics.filter((d) => d.code === "PP128").map((d) => [d.severity, d.line, d.column, d.message]), delimiter)
        .toEqual([["error", 5, 5, expect.stringContaining("2 行あと")]]);
    }
    // a cell of several lines, commas and all, is a cell
    const own = row(2, "事業B", { desc: '"・窓口, 電話, メールで受け付ける。\n・A, B, C を統合する。\n・運用"' });
    const plan = await planOf("plan.csv", tsv([HEADER, row(1, "事業A"), own, row(3, "事業C")]).replace(/\t/g, ","));
    expect(codes(plan.diagnostics)).not.toContain("PP128");
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 3]);
  });

  it("a cell opening with words in quotes (\"書かない窓口\"の導入) reads as written, said once (PP151): no quote left open (PP125) nor closed rows later (PP128)", async () => {
    for (const delimiter of ["\t", ","]) {
      const rows = [row(1, "事業A"), row(2, '"書かない窓口"の導入'), row(3, "事業C", { desc: '"窓口"で""受付""する' }),
        // a quoted cell of two lines, a quote doubled inside: a quoted cell still
        row(4, "事業D", { desc: '"・""電子""申請\n・窓口"' }), row(5, "事業E")];
      const plan = await planOf(delimiter === "\t" ? "plan.tsv" : "plan.csv", tsv([HEADER, ...rows]).replace(/\t/g, delimiter));
      expect(plan.projects.map((p) => [p.no, p.name]), delimiter).toEqual([[1, "事業A"], [2, '"書かない窓口"の導入'], [3, "事業C"], [4, "事業D"], [5, "事業E"]]);
      expect(plan.projects[2]!.description).toEqual(['"窓口"で""受付""する']);
      expect(plan.projects[3]!.description).toEqual(['"電子"申請', "窓口"]);
      expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
      expect(plan.diagnostics.filter((d) => d.code === "PP151").map((d) => [d.line, d.column, d.message])).toEqual([[5, 5, expect.stringContaining("2 個")]]);
    }
    // a quote never closed is said once, as such (it had been PP125 and PP128 at the cell)
    const open = await planOf("plan.csv", tsv([HEADER, row(1, "事業A"), row(2, '"事業B'), row(3, "事業C"), row(4, "事業D")]).replace(/\t/g, ","));
    expect(open.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.column])).toEqual([["PP125", 5, 5]]);
  });

  it("a TSV row whose tabs became runs of spaces (a table copied from a web page) is read when its parts are the table's cells (PP152), else stops the reading at its line (PP153)", async () => {
    const spaced = (r: string[], gap = "   ") => r.join(gap);
    const full = row(2, "事業B", { years: ["検討", "実施", "運用"] });
    const lines = ["テスト市DX計画", "", spaced(HEADER, "  "), row(1, "事業A").join("\t"), spaced(full), row(3, "事業C").join("\t"), "※  予定は変わることがあります"];
    const plan = await planOf("plan.tsv", lines.join("\n"));
    expect(plan.projects.map((p) => [p.no, p.name, p.departments])).toEqual([[1, "事業A", ["情報政策課"]], [2, "事業B", ["情報政策課"]], [3, "事業C", ["情報政策課"]]]);
    expect(plan.projects[1]!.schedule.map((p) => p.label)).toEqual(["検討", "実施", "運用"]);
    expect(plan.diagnostics.filter((d) => d.code === "PP152").map((d) => [d.severity, d.line])).toEqual([["warning", 3], ["warning", 5]]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // an empty cell leaves no trace among spaces: nine parts of ten cells are refused, not read a column off
    const gap = await planOf("plan.tsv", tsv([HEADER, row(1, "事業A"), row(2, "事業B"), row(3, "事業C")]).replace(/^2\t.*$/mu, (l) => l.replace(/\t+/g, "   ")));
    expect(gap.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.message])).toEqual([["PP153", 5, expect.stringContaining("9 個")]]);
    // a file without a tab: its spaced rows' own count is the table's (the header's and its rows')
    const all = await planOf("plan.tsv", ["テスト市DX計画", "", spaced(HEADER), spaced(full), spaced(row(3, "事業C"))].join("\n"));
    expect(all.projects.map((p) => p.name)).toEqual(["事業B"]);
    expect(all.diagnostics.filter((d) => d.code.startsWith("PP15")).map((d) => [d.code, d.line])).toEqual([["PP152", 3], ["PP152", 4], ["PP153", 5]]);
  });

  it("reads a file whose line endings change part-way (CRLF, then LF; or old Mac CR) row by row, lines numbered as written", async () => {
    const lines = tsv([HEADER, row(1, "事業A"), row(2, "事業B", { desc: '"・一行目\r\n・二行目"' }), row(3, "事業C"), row(4, "事業D")]).split("\n");
    const lf = await planOf("plan.tsv", lines.join("\n"));
    for (const text of [`${lines.slice(0, 4).join("\r\n")}\r\n${lines.slice(4).join("\n")}`, lines.join("\r")]) {
      const plan = await planOf("plan.tsv", text);
      expect(plan.projects).toEqual(lf.projects);
      expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 3, 4]);
      expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual(lf.diagnostics.filter((d) => d.severity !== "info"));
    }
  });

  it("reads an EUC-JP export (PP110) as its UTF-8 twin; Shift_JIS stays Shift_JIS; characters neither reads are named at their line (PP109, PP107)", async () => {
    const text = tsv([HEADER, row(1, "電子申請の拡大"), row(2, "ｶﾅ入力の窓口・①と⑤の整備")]);
    const utf8 = await planOf("plan.tsv", text);
    const euc = await planOf("plan.tsv", iconv.encode(text, "EUC-JP"));
    expect(euc.projects).toEqual(utf8.projects);
    expect(euc.diagnostics.filter((d) => d.code === "PP110").map((d) => d.message)).toEqual([expect.stringContaining("EUC-JP")]);
    expect(codes(euc.diagnostics)).not.toContain("PP109");
    const sjis = await planOf("plan.tsv", iconv.encode(text, "Shift_JIS"));
    expect(sjis.projects).toEqual(utf8.projects);
    expect(codes(sjis.diagnostics)).toContain("PP103");
    // a damaged byte on line 5 of a Shift_JIS file, a NUL on line 4
    const lines = text.split("\n");
    const damaged = new Uint8Array([...iconv.encode(`${lines.slice(0, 3).join("\n")}\n${lines[3]!.replace("電子", "電\u0000子")}\n`, "Shift_JIS"), 0x81, 0x0a, ...iconv.encode(lines.slice(4).join("\n"), "Shift_JIS")]);
    const plan = await planOf("plan.tsv", damaged);
    expect(plan.diagnostics.filter((d) => d.code === "PP109" || d.code === "PP107").map((d) => [d.code, d.line])).toEqual([["PP109", 5], ["PP107", 4]]);
  });

  it("a file of UTF-8 lines and Shift_JIS lines (rows appended in the other encoding) stops the reading, the first line of each named (PP154)", async () => {
    const head = tsv([HEADER, row(1, "電子申請の拡大"), row(2, "窓口の改善")]).replace(/\t/g, ",");
    const tail = [row(3, "書かない窓口"), row(4, "庁内の研修")].map((r) => r.join(",")).join("\r\n") + "\r\n";
    const utf8 = (t: string) => new TextEncoder().encode(t);
    const sjis = (t: string) => iconv.encode(t, "Shift_JIS");
    for (const [bytes, first] of [[[...sjis(head), ...utf8(tail)], { sjis: 1, utf8: 6 }], [[...utf8(head), ...sjis(tail)], { utf8: 1, sjis: 6 }],
      // Excel's 「CSV UTF-8」 (with its mark), Shift_JIS rows appended
      [[0xef, 0xbb, 0xbf, ...utf8(head), ...sjis(tail)], { utf8: 1, sjis: 6 }],
      // old Mac line ends (a lone CR)
      [[...sjis(head.replace(/\n/g, "\r")), ...utf8(tail.replace(/\r\n/g, "\r"))], { sjis: 1, utf8: 6 }]] as const) {
      const plan = await planOf("plan.csv", new Uint8Array(bytes));
      expect(plan.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([["PP154", "error", 6]]);
      expect(plan.diagnostics[0]!.message).toContain(`UTF-8 の行は ${first.utf8} 行目から、Shift_JIS の行は ${first.sjis} 行目から`);
    }
    // a UTF-8 line with a damaged byte is damage at its line (PP111), not another encoding
    const damaged = utf8(head).map((b, i, all) => (i === all.indexOf(0xe7) ? 0x8e : b));
    const plan = await planOf("plan.csv", new Uint8Array([...damaged, ...utf8(tail)]));
    expect(codes(plan.diagnostics)).toContain("PP111");
    expect(codes(plan.diagnostics)).not.toContain("PP154");
  });

  it("reads another city's plan: other wording, column order and a 4-year period", async () => {
    const header = ["番号", "事業名称", "所管課", "基本方針・基本施策", "施策", "取組み", "事業概要", "R7", "R8", "R9", "R10"];
    const data = [
      ["1", "窓口のキャッシュレス化", "会計課・市民課", "便利な市役所", "(1)窓口", "①支払", "・レジを入れる。", "調査", "構築", "", "運用"],
      ["2", "子ども・若者課の相談DX", "子ども・若者課", "便利な市役所", "(1)窓口", "②相談", "相談を受ける。", "", "試行", "", ""],
    ];
    const plan = await planOf("other.tsv", tsv([header, ...data], "○○町デジタル化計画"));
    expect(plan.plan.period).toEqual({ start: 2025, end: 2028 });
    expect(plan.plan.title).toBe("○○町デジタル化計画");
    const [a, b] = plan.projects;
    expect(a!.departments).toEqual(["会計課", "市民課"]);
    expect(b!.departments).toEqual(["子ども・若者課"]);
    expect(a!.schedule.map((s) => [s.label, s.from, s.to, s.category])).toEqual([
      ["調査", 2025, 2025, "research"], ["構築", 2026, 2027, "build"], ["運用", 2028, 2028, "operate"],
    ]);
    expect(b!.schedule).toEqual([{ label: "試行", from: 2026, to: 2028, category: "pilot" }]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("maps unknown header wording through the config", async () => {
    const header = ["No", "基本方針", "施策", "取組", "プロジェクト", "担当課", "事業内容", "2026年度", "2027年度"];
    const data = [["1", "方針", "(1)施策", "①取組", "事業X", "総務課", "説明", "実施", ""]];
    const { defaultConfig } = await import("../../src/config/schema.js");
    const config = defaultConfig();
    const without = await planOf("p.tsv", tsv([header, ...data]), config);
    expect(codes(without.diagnostics)).toContain("PP204");
    expect(codes(without.diagnostics)).not.toContain("PP301");
    config.columns = { プロジェクト: "name" };
    const plan = await planOf("p.tsv", tsv([header, ...data]), config);
    expect(plan.projects[0]?.name).toBe("事業X");
  });

  it("repeated header blocks: shifted and missing year labels are aligned by the data and reported", async () => {
    const block1 = [HEADER, row(1, "事業A"), row(2, "事業B", { years: ["", "検討", ""] })];
    const shifted = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "", "令和8年度", "令和9年度"];
    const block2 = [shifted, row(3, "事業C", { years: ["研究", "", "実施"] })];
    const text = tsv([...block1, [], ...block2]);
    const plan = await planOf("blocks.tsv", text);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 3]);
    expect(plan.projects[1]!.schedule).toEqual([{ label: "検討", from: 2027, to: 2028, category: "study" }]);
    expect(plan.projects[2]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["研究", 2026, 2027], ["実施", 2028, 2028]]);
    const shiftDiag = plan.diagnostics.find((d) => d.code === "PP202");
    const missing = plan.diagnostics.find((d) => d.code === "PP203");
    expect(shiftDiag?.line).toBe(7);
    expect(missing?.message).toContain("令和10年度");
  });

  it("data left of the year labels in a plan of one header block stops the reading at that column: shifted labels or a column whose header was lost?", async () => {
    const header = [...HEADER.slice(0, 7), "", ...HEADER.slice(7)];
    const plan = await planOf("gap.tsv", tsv([header, row(1, "事業A", { years: ["検討", "", "実施", ""] }), row(2, "事業B", { years: ["", "研究", "", "運用"] })]));
    const d = plan.diagnostics.find((x) => x.code === "PP221");
    expect(d?.severity).toBe("error");
    expect([d?.line, d?.column]).toEqual([3, 8]);
    expect(plan.diagnostics.map((x) => x.code)).not.toContain("PP202");
    // with no data in that column, the labels are read where they are
    const blank = await planOf("gap.tsv", tsv([header, row(1, "事業A", { years: ["", "検討", "", "実施"] })]));
    expect(blank.diagnostics.map((x) => x.code)).not.toContain("PP221");
    expect(blank.projects[0]!.schedule.map((s) => [s.label, s.from])).toEqual([["検討", 2026], ["実施", 2028]]);
  });

  it("a year label without its era takes the era of the label on its left (令和8年度 | 9年度), and is an error with none (8年度 | 9年度)", async () => {
    const carried = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), "令和8年度", "９年度", "10年度"], row(1, "事業A", { years: ["検討", "", "実施"] })]));
    expect(carried.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(carried.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2027], ["実施", 2028, 2028]]);
    const info = carried.diagnostics.find((d) => d.code === "PP223");
    expect([info?.severity, info?.line, info?.column]).toEqual(["info", 3, 9]);
    expect(info?.message).toContain("令和9年度");
    const heisei = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), "平成30年度", "31年度", "令和2年度"], row(1, "事業A")]));
    expect(heisei.plan.period).toEqual({ start: 2018, end: 2020 });
    // across the era change: 元年度 after 平成30年度 is 令和元年度, and 2年度 令和2年度 (they had been
    // 平成元年度 and 平成2年度: a period of 29 years and a wall of errors)
    for (const labels of [["平成30年度", "元年度", "2年度"], ["H30", "元", "2"], ["平成30年度", "令和元年度", "2年度"]]) {
      const across = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), ...labels], row(1, "事業A", { years: ["検討", "", "実施"] })]));
      expect(across.plan.period, labels.join()).toEqual({ start: 2018, end: 2020 });
      expect(across.projects[0]!.schedule.map((s) => [s.label, s.from, s.to]), labels.join()).toEqual([["検討", 2018, 2019], ["実施", 2020, 2020]]);
      expect(across.diagnostics.filter((d) => d.severity !== "info" && d.code !== "PP506"), labels.join()).toEqual([]);
    }
    const bare = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), "8年度", "9年度", "10年度"], row(1, "事業A")]));
    const errors = bare.diagnostics.filter((d) => d.code === "PP222");
    expect(errors.map((d) => [d.severity, d.line, d.column])).toEqual([["error", 3, 8], ["error", 3, 9], ["error", 3, 10]]);
  });

  it("a year or date outside its era (平成32年度, 平成31年5月1日, 令和1年4月1日) is read as what it counts to, said at its first cell (PP390); a year 0 stops (PP391); 平成31年度 and 令和元年度 are fiscal 2019", async () => {
    const plan = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), "平成30年度", "平成31年度", "平成32年度"],
      row(1, "事業A", { desc: "平成31年5月1日から受付を始める。", years: ["検討", "", "平成32年度から運用"] }), row(2, "事業B", { desc: "令和1年4月1日に施行した。" })]));
    expect(plan.plan.period).toEqual({ start: 2018, end: 2020 });
    expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2018, 2019], ["運用", 2020, 2020]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP390").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      ["warning", 3, 10, expect.stringContaining("「平成32年度」は元号の期間にない年・日付です（平成は平成31年4月30日まで、令和は令和元年5月1日から）。令和2年度として読みました（2 か所")],
      ["warning", 4, 7, expect.stringContaining("令和元年5月1日として読みました。")],
      ["warning", 5, 7, expect.stringContaining("「令和1年4月1日」は元号の期間にない年・日付です（平成は平成31年4月30日まで、令和は令和元年5月1日から）。平成31年4月1日として読みました")],
    ]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // the fiscal year 2019 in either era, and days on either side of the change, are no slips
    const fine = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), "平成30年度", "平成31年度", "令和2年度"],
      row(1, "事業A", { desc: "平成31年4月30日まで試行し、令和元年5月1日から本格実施。令和元年度に検証。" })]));
    expect(codes(fine.diagnostics).filter((c) => c === "PP390" || c === "PP391")).toEqual([]);
    const zero = await planOf("era.tsv", tsv([HEADER, row(1, "事業A", { years: ["令和0年度から検討", "", ""] })]));
    expect(zero.diagnostics.filter((d) => d.code === "PP391").map((d) => [d.severity, d.line, d.column])).toEqual([["error", 4, 8]]);
  });

  it("bare numbers after a year label, each its next year (R8 | 9 | 10, 2026 | 27 | 28), are those years (PP223): the period had been one year", async () => {
    // (2026年度 | 27年度 | 28年度 had been three PP222 errors)
    for (const labels of [["R8", "9", "10"], ["令和8年度", "9", "10"], ["2026", "27", "28"], ["2026年度", "27", "28"], ["2026年度", "27年度", "28年度"]]) {
      const plan = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), ...labels], row(1, "事業A", { years: ["検討", "", "実施"] })]));
      expect(plan.plan.period, labels.join()).toEqual({ start: 2026, end: 2028 });
      expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to]), labels.join()).toEqual([["検討", 2026, 2027], ["実施", 2028, 2028]]);
      expect(plan.diagnostics.filter((d) => d.code === "PP223").map((d) => [d.severity, d.column]), labels.join()).toEqual([["info", 9]]);
    }
    // a number that is not the next year is no year label
    const other = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), "R8", "R9", "3"], row(1, "事業A")]));
    expect(other.plan.period).toEqual({ start: 2026, end: 2027 });
  });

  it("labels without their era under 前期 | 後期 groups, the period stated above, are that period's years (PP247): the year row had been a project row", async () => {
    const blank = HEADER.slice(0, 7).map(() => "");
    for (const groups of [["前期", "", "後期", "", ""], ["前期（R8～R9）", "", "後期（R10～R12）", "", ""]]) {
      const plan = await planOf("era.tsv", tsv([["テスト市計画"], ["計画期間：令和8年度～令和12年度"], [...HEADER.slice(0, 7), ...groups], [...blank, "8年度", "9年度", "10年度", "11年度", "12年度"],
        [...row(1, "事業A").slice(0, 7), "検討", "実施", "", "", ""]]));
      expect(plan.diagnostics.filter((d) => d.severity !== "info"), groups[0]).toEqual([]);
      expect(plan.plan.period, groups[0]).toEqual({ start: 2026, end: 2030 });
      expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to]), groups[0]).toEqual([["検討", 2026, 2026], ["実施", 2027, 2030]]);
    }
  });

  it("a lower header row holding both labels (基本方針 | 施策 | 取組 under 施策体系) and bare years under 年度 is the header's, not a data row", async () => {
    const top = ["No", "施策体系", "", "", "事業名", "担当課", "事業内容", "年度", "", ""];
    const lower = ["", "基本方針", "施策", "取組", "", "", "", "8", "9", "10"];
    const plan = await planOf("two.tsv", tsv([["テスト市計画"], ["計画期間：令和8年度～令和10年度"], top, lower, row(1, "事業A", { years: ["検討", "実施", ""] })]));
    // (it had been PP204 for every level and PP208: the numbers made the row a project's)
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(plan.projects.map((p) => [p.policy, p.measure.number, p.initiative?.number, p.schedule.map((s) => [s.label, s.from, s.to])]))
      .toEqual([["市民サービス", 1, 1, [["検討", 2026, 2026], ["実施", 2027, 2028]]]]);
  });

  it("labels without their era under a group that names it (令和 over 8 | 9 | 10) are that era's years, said once (PP244)", async () => {
    const blank = HEADER.slice(0, 7).map(() => "");
    // the group in the header row, empty cells after it (a text export of a merge), the labels below
    const under = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), "令和（年度）", "", ""], [...blank, "8", "9", "10"], row(1, "事業A", { years: ["検討", "", "実施"] })]));
    expect(under.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(under.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(under.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2027], ["実施", 2028, 2028]]);
    expect(under.diagnostics.filter((d) => d.code === "PP244").map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 8, "年度の見出し「8」などを、上の「令和（年度）」の元号で読みました（「8」は 令和8年度）。"]]);
    expect(codes(under.diagnostics)).not.toContain("PP209");
    // the group on a row of its own above the header row, labels 元年度 …
    const above = await planOf("era.tsv", tsv([[...blank, "令和", "", ""], [...HEADER.slice(0, 7), "元年度", "2年度", "3年度"], row(1, "事業A")]));
    expect(above.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(above.plan.period).toEqual({ start: 2019, end: 2021 });
    // under a group that names no era (年度) the same labels are years without their era: PP222 at each
    const none = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), "年度", "", ""], [...blank, "8", "9", "10"], row(1, "事業A")]));
    expect(codes(none.diagnostics)).not.toContain("PP244");
    expect(none.diagnostics.filter((d) => d.code === "PP222").map((d) => [d.line, d.column, d.message])).toEqual([
      [4, 8, "年度の見出し「8」に元号も西暦もないため、どの年度か決められません。"], [4, 9, expect.any(String)], [4, 10, expect.any(String)]]);
    // the plan's period stated above the table in one era gives the labels their era (PP247)
    const stated = await planOf("era.tsv", ["○○市DX計画（計画期間：令和8年度～令和10年度）", "", ...[[...HEADER.slice(0, 7), "8年度", "9年度", "10年度"], row(1, "事業A")].map((r) => r.join("\t"))].join("\n"));
    expect(stated.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(stated.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(stated.diagnostics.filter((d) => d.code === "PP247").map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 8, "元号のない年度の見出し（「8年度」など）を、表の上や見出しに書かれた計画期間（「○○市DX計画（計画期間：令和8年度～令和10年度）」）の年度として、令和で読みました。"]]);
    // the period written with the era once (令和8～10年度)
    const once = await planOf("era.tsv", ["○○市DX計画　令和8～10年度", "", ...[[...HEADER.slice(0, 7), "8年度", "9年度", "10年度"], row(1, "事業A")].map((r) => r.join("\t"))].join("\n"));
    expect(codes(once.diagnostics)).toContain("PP247");
    expect(once.plan.period).toEqual({ start: 2026, end: 2028 });
    // a label outside the stated period: not read so (PP222 at each)
    const outside = await planOf("era.tsv", ["○○市DX計画（令和8～9年度）", "", ...[[...HEADER.slice(0, 7), "8年度", "9年度", "10年度"], row(1, "事業A")].map((r) => r.join("\t"))].join("\n"));
    expect(codes(outside.diagnostics)).not.toContain("PP247");
    expect(outside.diagnostics.filter((d) => d.code === "PP222")).toHaveLength(3);
    // numbers that do not rise by one are no header row
    const data = await planOf("era.tsv", tsv([[...HEADER.slice(0, 7), "年度", "", ""], [...blank, "8", "3", "10"], row(1, "事業A")]));
    expect(codes(data.diagnostics)).not.toContain("PP222");
  });

  it("year labels written as calendar years (令和8年, 2026年) are read as those fiscal years, a warning at the first (PP258)", async () => {
    const plan = await planOf("nen.tsv", tsv([[...HEADER.slice(0, 7), "令和8年", "令和9年", "令和10年"], row(1, "事業A")]));
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(plan.diagnostics.filter((d) => d.code === "PP258").map((d) => [d.severity, d.line, d.column])).toEqual([["warning", 3, 8]]);
    const fiscal = await planOf("nendo.tsv", tsv([[...HEADER.slice(0, 7), "令和8年度（2026年）", "R9", "2028年度"], row(1, "事業A")]));
    expect(codes(fiscal.diagnostics)).not.toContain("PP258");
  });

  it("year labels in kanji numerals after the era (令和八年度), with spaces (令和 9 年度) or R. are years", async () => {
    const plan = await planOf("kanji.tsv", tsv([[...HEADER.slice(0, 7), "令和八年度", "令和 9 年度", "R.10"], row(1, "事業A")]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    // the era by its first character, as Excel's gge date format writes it (令8年度); not 命令 or 平和
    const initial = await planOf("initial.tsv", tsv([[...HEADER.slice(0, 7), "令8年度", "令9年度", "令10年度"], row(1, "事業A")]));
    expect(initial.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(initial.plan.period).toEqual({ start: 2026, end: 2028 });
  });

  it("labels counting the plan's years (1年目 | 2年目) are the years of a period stated above the table (PP249); without one they stop (PP250)", async () => {
    const header = [...HEADER.slice(0, 7), "1年目", "2年目", "3年目"];
    const body = [header, row(1, "事業A", { years: ["検討", "", "実施"] })].map((r) => r.join("\t"));
    const stated = await planOf("count.tsv", ["○○町情報化計画", "計画期間　令和８年度～令和１２年度", ...body].join("\n"));
    expect(stated.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(stated.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(stated.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2027], ["実施", 2028, 2028]]);
    expect(stated.diagnostics.filter((d) => d.code === "PP249").map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 8, "計画の何年目かを書いた年度の見出し（「1年目」など）を、表の上や見出しに書かれた計画期間（「計画期間　令和８年度～令和１２年度」）の年度として読みました（「1年目」は令和8年度）。"]]);
    expect(codes(stated.diagnostics)).not.toContain("PP209");
    // a period stated in Western years; the labels on a row of their own under a group
    const blank = HEADER.slice(0, 7).map(() => "");
    const western = await planOf("count.tsv", ["計画期間：2026年度～2030年度", [...HEADER.slice(0, 7), "スケジュール", "", ""].join("\t"),
      [...blank, "第1年目", "第2年目", "第3年目"].join("\t"), row(1, "事業A").join("\t")].join("\n"));
    expect(western.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(western.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(western.projects.map((p) => p.name)).toEqual(["事業A"]);
    // the period stated in the header's group cell over the labels (merged, or followed by empty cells)
    for (const labels of [["1年目", "2年目", "3年目"], ["8年度", "9年度", "10年度"]]) {
      const grouped = await planOf("count.tsv", ["○○町情報化計画", [...HEADER.slice(0, 7), "計画期間（令和8年度～令和12年度）", "", ""].join("\t"),
        [...blank, ...labels].join("\t"), row(1, "事業A").join("\t")].join("\n"));
      expect(grouped.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(grouped.plan.period).toEqual({ start: 2026, end: 2028 });
      expect(codes(grouped.diagnostics)).toContain(labels[0] === "1年目" ? "PP249" : "PP247");
    }
    // 初年度 | 2年度 | 3年度 and 1年次 | 2年次: the plan's years too (2年度 beside 初年度 had been
    // 令和2年度 by the stated era, outside the period: PP222 and the plan refused)
    for (const labels of [["初年度", "2年度", "3年度"], ["1年次", "2年次", "3年次"]]) {
      const relative = await planOf("count.tsv", ["○○町情報化計画（令和8年度～令和12年度）", [...HEADER.slice(0, 7), ...labels].join("\t"), row(1, "事業A", { years: ["検討", "", "実施"] }).join("\t")].join("\n"));
      expect(relative.diagnostics.filter((d) => d.severity === "error"), labels[0]).toEqual([]);
      expect(relative.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2027], ["実施", 2028, 2028]]);
      expect(codes(relative.diagnostics)).toContain("PP249");
    }
    // no period stated, or one too short for the labels: which year each is cannot be told
    for (const above of ["○○町情報化計画", "計画期間：令和8年度～令和9年度"]) {
      const plan = await planOf("count.tsv", [above, ...body].join("\n"));
      expect(plan.diagnostics.filter((d) => d.code === "PP250").map((d) => [d.severity, d.line, d.column])).toEqual([["error", 2, 8], ["error", 2, 9], ["error", 2, 10]]);
      expect(codes(plan.diagnostics)).not.toContain("PP249");
    }
  });

  it("最終年度 after the counted labels (1年目 | 2年目 | 最終年度) is the stated period's last year where the count reaches it; it had been a column of unknown wording, the period a year short", async () => {
    const plan = await planOf("last.tsv", ["○○町情報化計画", "計画期間：令和8年度～令和10年度",
      [...HEADER.slice(0, 7), "初年度", "2年目", "最終年度"].join("\t"), row(1, "事業A", { years: ["検討", "実施", "→"] }).join("\t")].join("\n"));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    // a count that does not reach it (a year between left out?) is not guessed at: each label PP250
    const short = await planOf("last.tsv", ["○○町情報化計画", "計画期間：令和8年度～令和11年度",
      [...HEADER.slice(0, 7), "初年度", "2年目", "最終年度"].join("\t"), row(1, "事業A").join("\t")].join("\n"));
    expect(short.diagnostics.filter((d) => d.code === "PP250").map((d) => [d.severity, d.line, d.column])).toEqual([["error", 3, 8], ["error", 3, 9], ["error", 3, 10]]);
  });

  it("year labels that skip or swap a year stop the reading, at the label's cell: no column is read as another year", async () => {
    for (const labels of [["令和8年度", "令和10年度", "令和11年度"], ["令和8年度", "令和10年度", "令和9年度"]]) {
      const plan = await planOf("skip.tsv", tsv([[...HEADER.slice(0, 7), ...labels], row(1, "事業A", { years: ["検討", "実施", ""] })]));
      const d = plan.diagnostics.find((x) => x.code === "PP206");
      expect(d?.severity).toBe("error");
      expect([d?.line, d?.column]).toEqual([3, 9]);
      expect(d?.message).toContain(labels[1]);
    }
  });
});

describe("Excel's error values in a CSV saved from Excel (#N/A, #REF!)", () => {
  it("are read as empty, said once (PP121): an error where the table reads them, a warning elsewhere; #N/A had been two departments 「#N」 and 「A」, #REF! a phase", async () => {
    const plan = await planOf("plan.csv", tsv([HEADER, row(1, "電子申請", { depts: "#N/A" }), row(2, "窓口", { years: ["検討", "#REF!", "運用"] })]).replace(/\t/g, ","));
    expect(plan.diagnostics.filter((d) => d.code === "PP121").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      ["error", 4, 6, "Excel のエラー値（「#N/A」など）を表示しているセルが 2 個あります（ここが最初）。値がないものとして、空欄として読みました。"]]);
    expect(plan.projects.map((p) => [p.departments, p.schedule.map((s) => s.label)])).toEqual([[[], ["検討", "運用"]], [["情報政策課"], ["検討", "運用"]]]);
    // in a column the table does not read (連絡先, of unknown wording): a warning, the plan read
    const aside = await planOf("plan.csv", tsv([[...HEADER, "連絡先"], [...row(1, "電子申請"), "#N/A"]]).replace(/\t/g, ","));
    expect(aside.diagnostics.filter((d) => d.code === "PP121").map((d) => [d.severity, d.line, d.column])).toEqual([["warning", 4, 11]]);
  });
});

describe("HTML residue in the header (a table copied from a web page)", () => {
  it("事業<br>名, 令和8<br>年度 are read without it, each cell told (PP304); &nbsp; in a year cell is a space", async () => {
    const header = HEADER.map((h) => (h === "事業名" ? "事業<br>名" : h === "令和8年度" ? "令和8<br/>年度" : h));
    const plan = await planOf("plan.tsv", tsv([header, row(1, "事業A", { years: ["検討&nbsp;", "実施", ""] })]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.projects[0]!.name).toBe("事業A");
    expect(plan.projects[0]!.schedule.map((p) => [p.label, p.from, p.to])).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP304").map((d) => [d.line, d.column])).toEqual([[3, 5], [3, 8]]);
  });
});

describe("columns planpress does not know", () => {
  it("are reported and never taken for fiscal years (their text is not misread as phases)", async () => {
    const header = ["番号", "基本方針", "施策", "取組", "事業名", "連絡先", "概要説明", "R9年度", "R10年度", "2029年度", "2030"];
    const data = ["1", "方針A", "(1)施策一", "①取組一", "事業あ", "総務課", "・説明一", "検討", "", "実施", ""];
    const plan = await planOf("town.tsv", tsv([header, data]));
    expect(plan.plan.period).toEqual({ start: 2027, end: 2030 });
    expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2027, 2028], ["実施", 2029, 2030]]);
    const codes = plan.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === "PP209")).toHaveLength(2);
    expect(codes).toContain("PP210");
    expect(codes).not.toContain("PP202");
    expect(codes).not.toContain("PP308");
  });
});
