// Every reading, header, cell and cross-row code has a small fixture that triggers it.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../../src/diagnostics/catalog.js";
import { defaultConfig } from "../../src/config/schema.js";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { loadPlan } from "../../src/pipeline.js";
import { HEADER, planOf, row, tempFile, tsv } from "../helpers/plan-fixtures.js";
import { bookOf, inlineCells, sheetXml, type XCell } from "../helpers/xlsx-parts.js";

const ok = (rows: string[][]) => tsv([HEADER, ...rows]);
const small = defaultConfig();
small.limits = { ...small.limits, maxInputBytes: 50, maxCellChars: 20 };

const book = (extra: XCell[] = [], edit: (c: XCell) => XCell = (c) => c) =>
  bookOf({ sheets: [{ name: "計画", xml: sheetXml([...inlineCells([HEADER, row(1, "事業")], 3).map(edit), ...extra]) }] });
const limited = (k: "maxProjects" | "maxCells", n: number) => { const c = defaultConfig(); c.limits[k] = n; return c; };

const years3 = HEADER.slice(7);
/** A plan without 基本方針 and 施策 columns: heading rows above the projects give them. */
const SECTIONED = ["No", "取組", "事業名", "担当課", "事業内容", ...HEADER.slice(7)];
const sectionedRow = (no: number, name: string) => [String(no), "①手続の拡大", name, "情報政策課", `・${name}を進める。`, "検討", "", "運用"];
const noInitiative = (r: string[]) => r.filter((_, i) => i !== 3);
/** An xlsx of two project rows (the second without its 基本方針), then `edit`ed. */
async function twoRowXlsx(edit: (ws: import("exceljs").Worksheet) => void): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("計画");
  ws.addRow(["テスト市DX計画"]);
  ws.addRow(HEADER);
  ws.addRow(row(1, "事業A"));
  ws.addRow(row(2, "事業B", { policy: "" }));
  edit(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
/** A plan's list on one sheet (no year columns) and its 工程表 on another. */
async function listAndGanttXlsx(): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const list = wb.addWorksheet("事業一覧");
  list.addRow(HEADER.slice(0, 7));
  list.addRow(row(1, "事業A").slice(0, 7));
  const gantt = wb.addWorksheet("工程表");
  gantt.addRow(["No", "事業名", ...HEADER.slice(7)]);
  gantt.addRow([1, "事業A", "検討", "", "運用"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
/** Each year label merged over two columns, nothing under them. */
async function halvesXlsx(): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("計画");
  ws.addRow([...HEADER.slice(0, 7), "令和8年度", "", "令和9年度", ""]);
  ws.addRow([...row(1, "事業A").slice(0, 7), "検討", "", "実施", "実施"]);
  for (const r of ["H1:I1", "J1:K1"]) ws.mergeCells(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
/** 基本方針 one cell merged over the two project rows. */
const mergedXlsx = () => twoRowXlsx((ws) => ws.mergeCells("B3:B4"));
/** The second project row hidden in Excel. */
const hiddenRowXlsx = () => twoRowXlsx((ws) => { ws.getRow(4).hidden = true; });

function withColumns(columns: Record<string, string>): typeof small {
  return { ...defaultConfig(), columns: columns as typeof small.columns };
}

type Case = { name?: string; data: string | Uint8Array; config?: typeof small; projectNo?: number; /** told at this file, not the plan */ at?: string };
const CASES: Record<string, Case> = {
  PP102: { data: "\n \n" },
  PP103: { data: iconv.encode(ok([row(1, "事業")]), "Shift_JIS") },
  PP104: { data: ok([row(1, "事業")]), config: small },
  PP105: { name: "plan.pdf", data: "%PDF" },
  PP106: { name: "plan.xlsx", data: "PK\u0003\u0004 broken" },
  PP107: { data: ok([row(1, "事\u0000業")]) },
  PP109: { data: new Uint8Array([...iconv.encode(ok([row(1, "事業")]), "Shift_JIS"), 0x81, 0x0a]) },
  PP110: { data: ok([row(1, "事業")]) },
  PP125: { data: ok([row(1, '"事業'), row(2, "事業")]) },
  PP126: { data: `sep=\t\n${ok([row(1, "事業")])}` },
  PP151: { data: ok([row(1, '"書かない窓口"の導入')]) },
  PP152: { data: ok([row(1, "事業A"), row(2, "事業B", { years: ["検討", "実施", "運用"] })]).replace(/^2\t.*$/mu, (l) => l.replace(/\t/g, "   ")) },
  PP153: { data: ok([row(1, "事業A"), row(2, "事業B")]).replace(/^2\t.*$/mu, (l) => l.replace(/\t+/g, "   ")) },
  PP154: { name: "plan.csv", data: new Uint8Array([...iconv.encode(ok([row(1, "事業")]), "Shift_JIS"), ...new TextEncoder().encode(row(2, "事業").join("\t"))]) },
  PP128: { data: ok([row(1, '"事業'), row(2, "事業"), row(3, "事業", { desc: '説明"' })]) },
  PP130: { name: "plan.csv", data: ["テスト市DX計画", HEADER.join(","), ["'1", ...row(1, "事業").slice(1)].join(",")].join("\n") },
  PP124: { data: ok([row(1, "=\"事業\"")]) },
  PP111: { data: new Uint8Array([...new TextEncoder().encode(ok([row(1, "事業")])), 0xff, 0x0a]) },
  PP112: { name: "plan.csv", data: book() },
  PP127: { name: "plan.xlsx", data: ok([row(1, "事業")]) },
  PP113: { name: "plan.xlsx", data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) },
  PP115: { data: ok([row(1, "事業A"), row(2, "事業B")]), config: limited("maxProjects", 1) },
  PP116: { name: "plan.xlsx", data: book([{ ref: "XFD1048576", t: "inlineStr", is: "x" }]) },
  PP117: { name: "plan.xlsx", data: book([{ ref: "T4", t: "str", f: "A1&A2" }]) },
  // the department's cell a formula reading another workbook, its saved value
  PP131: { name: "plan.xlsx", data: book([], (c) => (c.ref === "F4" ? { ref: "F4", t: "str", f: "[1]Sheet1!A1", v: "情報政策課" } : c)) },
  // a cell beside the table showing #REF! (in a cell the table reads it is an error: test/ingest/hostile-files.test.ts)
  PP121: { name: "plan.xlsx", data: book([{ ref: "T4", t: "e", f: "Sheet2!A1", v: "#REF!" }]) },
  PP118: { name: "plan.xlsx", data: book([], (c) => (c.ref === "E4" ? { ref: "E4", t: "s", v: 3 } : c)) },
  PP119: { name: "plan.xlsx", data: book(), config: limited("maxCells", 5) },
  // a mistyped year label (令和99年度) would stretch the period over 92 years
  PP157: { name: "plan.csv", data: new Uint8Array([0xef, 0xbb, 0xbf, ...iconv.encode(ok([row(1, "事業")]), "Shift_JIS")]) },
  PP155: { name: "plan.csv", data: `<html><body><table>${[HEADER, row(1, "事業")].map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n")}</table></body></html>` },
  PP156: { data: tsv([HEADER, row(1, "事業"), Array.from({ length: 16_385 }, () => "x")]) },
  PP150: { data: tsv([[...HEADER.slice(0, 9), "令和99年度"], row(1, "事業")]) },
  PP201: { data: "タイトル\n\nただの文章です\n" },
  // the first block's labels bear out the second block's shift
  PP202: { data: tsv([HEADER, row(1, "事業"), [], ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "", "令和8年度", "令和9年度"], row(2, "事業2")]) },
  // a single block: nothing tells shifted labels from a column whose header was lost
  PP221: { data: tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "", "令和8年度", "令和9年度"], row(1, "事業")]) },
  PP222: { data: tsv([[...HEADER.slice(0, 7), "8年度", "9年度", "10年度"], row(1, "事業")]) },
  PP223: { data: tsv([[...HEADER.slice(0, 7), "令和8年度", "9年度", "10年度"], row(1, "事業")]) },
  PP224: { data: tsv([SECTIONED, ["基本方針1 市民サービス"], ["(1)オンライン化"], sectionedRow(1, "事業")]) },
  // a third numbering shape: neither the 基本方針 headings' nor the 施策 headings'
  PP225: { data: tsv([SECTIONED, ["基本方針1 市民サービス"], ["(1)オンライン化"], sectionedRow(1, "事業A"), ["第1節 窓口"], sectionedRow(2, "事業B")]) },
  PP226: { data: tsv([SECTIONED, sectionedRow(1, "事業A"), ["基本方針1 市民サービス"], ["(1)オンライン化"], sectionedRow(2, "事業B")]), projectNo: 1 },
  PP227: { data: tsv([[...HEADER.slice(0, 7), "実施時期"], [...row(1, "事業").slice(0, 7), "令和8年度～令和10年度"]]) },
  PP228: { data: tsv([[...HEADER.slice(0, 7), "実施時期", ...HEADER.slice(7)], [...row(1, "事業").slice(0, 7), "令和8年度～令和10年度", ...row(1, "事業").slice(7)]]) },
  PP229: { data: tsv([[...HEADER.slice(0, 7), "令和8年度上期", "令和8年度下期", "令和9年度上期", "令和9年度下期"], [...row(1, "事業").slice(0, 7), "検討", "実施", "実施", ""]]) },
  PP230: { data: tsv([[...HEADER.slice(0, 7), "前期（R8～R9）", "後期（R10～R12）"], [...row(1, "事業").slice(0, 7), "検討", "実施"]]) },
  PP231: { data: tsv([HEADER, row(1, "事業", { years: ["○", "●", "●"] }), ["凡例　○：検討　●：実施"]]) },
  PP232: { data: tsv([HEADER, row(1, "事業")], "テスト市DX計画 工程表") },
  PP233: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { const more = ws.workbook.addWorksheet("続き"); more.addRow(HEADER); more.addRow(row(3, "事業C")); }) },
  // no 事業 column: the 取組 column names each numbered row
  PP235: { data: tsv([HEADER, row(1, "", { initiative: "①取組A" }), row(2, "", { initiative: "②取組B" })].map((r) => r.filter((_, i) => i !== 4))) },
  PP237: { name: "plan.xlsx", data: await halvesXlsx() },
  PP238: { data: tsv([[...HEADER.slice(0, 7), "令和8年度", "", "令和9年度", ""], row(1, "事業")]) },
  PP239: { data: tsv([[...HEADER.slice(0, 5), "担当部", ...HEADER.slice(5)], [...row(1, "事業").slice(0, 5), "総務部", ...row(1, "事業").slice(5)]]) },
  PP240: { data: tsv([["番号", ...HEADER], ["1-1", ...row(1, "事業")]]) },
  PP241: { data: tsv([[...HEADER.slice(0, 7), "スケジュール", "", "事業費", ""], [...HEADER.slice(0, 7).map(() => ""), "令和8年度", "令和9年度", "令和8年度", "令和9年度"], [...row(1, "事業").slice(0, 7), "検討", "実施", "100", "200"]]) },
  PP242: { data: tsv([[...HEADER.slice(0, 7), "R8（計画）", "R8（実績）", "R9（計画）", "R9（実績）"], [...row(1, "事業").slice(0, 7), "検討", "", "実施", ""]]) },
  PP244: { data: tsv([[...HEADER.slice(0, 7), "令和", "", ""], [...HEADER.slice(0, 7).map(() => ""), "8", "9", "10"], row(1, "事業")]) },
  PP245: { data: tsv([[...HEADER.slice(0, 3), "施策の方向", ...HEADER.slice(3)], [...row(1, "事業").slice(0, 3), "①手続", ...row(1, "事業").slice(3)]]) },
  PP246: { data: tsv([["取組番号", "基本方針", "施策", "取組名", "担当課", "令和8年度"], ["1", "方針", "(1)施策", "取組A", "総務課", "検討"], ["2", "方針", "(1)施策", "取組B", "総務課", "検討"]]) },
  PP247: { data: ["計画（令和8年度～令和10年度）", "", [...HEADER.slice(0, 7), "8年度", "9年度", "10年度"].join("\t"), row(1, "事業").join("\t")].join("\n") },
  PP248: { data: tsv([HEADER, row(1, "事業", { initiative: "" })]) },
  PP249: { data: ["計画（令和8年度～令和10年度）", "", [...HEADER.slice(0, 7), "1年目", "2年目", "3年目"].join("\t"), row(1, "事業").join("\t")].join("\n") },
  PP250: { data: tsv([[...HEADER.slice(0, 7), "1年目", "2年目", "3年目"], row(1, "事業")]) },
  PP256: { data: tsv([["No", "基本方針", "施策", "取組", "事業名（担当課）", "事業内容", "R8"], ["1", "方針", "(1)窓口", "①手続", "電子申請（総務課）", "内容", "検討"]]) },
  PP255: { data: tsv([[...HEADER.slice(0, 7), "令和7年度以前", ...HEADER.slice(7)], [...row(1, "事業").slice(0, 7), "調査", ...row(1, "事業").slice(7)]]) },
  PP254: { data: [["テスト市計画（令和8年度～令和12年度）"], HEADER, row(1, "事業")].map((r) => r.join("\t")).join("\n") },
  PP260: { data: [["資料２"], ["テスト市計画"], HEADER, row(1, "事業")].map((r) => r.join("\t")).join("\n") },
  PP261: { name: "plan.xlsx", data: book() },
  PP262: { data: [["テスト市計画（令和7年度～令和11年度）"], HEADER, row(1, "事業")].map((r) => r.join("\t")).join("\n") },
  PP253: { data: tsv([[...HEADER.slice(0, 5), "担当課1", "担当課2", ...HEADER.slice(6)], [...row(1, "事業").slice(0, 6), "市民課", ...row(1, "事業").slice(6)]]) },
  PP252: { data: tsv([["No", "基本方針", "施策", "取組", "事業名", "年度"], ["1", "方針", "(1)窓口", "①手続", "事業", "令和8年度"], ["1", "方針", "(1)窓口", "①手続", "事業", "令和9年度"]]) },
  PP273: { data: tsv([["No", "基本方針", "施策", "取組", "事業名", "年度", "取組内容"], ["1", "方針", "(1)窓口", "①手続", "事業", "令和8年度", "検討"], ["1", "方針", "(1)窓口", "①手続", "事業", "令和9年度", "実施"]]) },
  PP274: { data: tsv([["No", "基本方針", "施策", "取組", "事業名", "年度", "取組内容"], ["1", "方針", "(1)窓口", "①手続", "事業", "令和8年度", "検討"], ["1", "方針", "(1)窓口", "①手続", "事業B", "令和9年度", "実施"]]) },
  PP278: { data: tsv([["No", "基本方針", "施策", "取組", "事業名", "年度", "取組内容"], ["1", "方針", "(1)窓口", "①手続", "事業", "令和8年度", "検討"], ["1", "方針", "(1)窓口", "①手続", "事業", "令和9年度", "実施"], ["1", "方針", "(1)窓口", "①手続", "事業", "", "運用"]]) },
  PP275: { data: tsv([["No", "基本方針", "施策", "取組", "事業名", "年度", "取組内容"], ["1", "方針", "(1)窓口", "①手続", "事業", "令和8年度", "検討"], ["1", "方針", "(1)窓口", "①手続", "事業", "令和8年度", "実施"]]) },
  PP251: { data: tsv([[...HEADER.slice(0, 7), "実施時期"], [...row(1, "事業A").slice(0, 7), "前期"]]) },
  // a 目標値 row under a project, its figures in the years
  // ★ in a column without a header left of the No
  PP289: { data: tsv([["", ...HEADER], ["★", ...row(1, "事業")]]) },
  PP288: { data: tsv([HEADER, row(1, "事業"), ["", "", "", "", "目標値", "", "", "100件", "200件", ""]]) },
  PP243: { data: tsv([[...HEADER.slice(0, 7), "区分", ...HEADER.slice(7)], [...row(1, "事業").slice(0, 7), "計画", "検討", "実施", ""], ["", "", "", "", "", "", "", "実績", "検討", "", ""]]) },
  // the No column's header left blank
  PP236: { data: tsv([["", ...HEADER.slice(1)], row(1, "事業A"), row(2, "事業B")]) },
  // an older copy: a No already read beside one not read
  PP380: { data: tsv([["No", "基本方針", "施策", "取組", "事業名・内容", "担当課", ...HEADER.slice(7)], ["1", "方針", "(1)施策", "①取組", "事業", "情報政策課", "検討", "", "運用"], ["", "", "", "", "・内容", "", "", "", ""]]) },
  PP264: { data: tsv([["No", "基本方針", "施策", "取組", "事業名・内容", "担当課", ...HEADER.slice(7)], ["1", "方針", "(1)施策", "①取組", "事業\n・内容", "情報政策課", "検討", "", "運用"]]) },
  PP370: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { const part = ws.workbook.addWorksheet("基本目標2"); part.addRow(HEADER); part.addRow(row(1, "別の事業A")); part.addRow(row(2, "別の事業B")); }) },
  PP371: { name: "plan.xlsx", data: await listAndGanttXlsx() },
  // year columns empty in every row beside a column of periods in words
  PP266: { data: tsv([[...HEADER.slice(0, 7), "実施時期", ...years3], [...row(1, "事業").slice(0, 7), "R8～R9", "", "", ""]]) },
  // year headers typed as each fiscal year's first day
  PP268: { data: ok([row(1, "事業")]), config: withColumns({ プロジェクト名: "name" }), at: "planpress.config.json" },
  PP269: { data: tsv([HEADER.map((h) => (h === "取組" ? "施策の方向" : h === "基本方針" ? "基本目標" : h === "施策" ? "基本施策" : h)), row(1, "事業")]) },
  PP271: { data: tsv([[...HEADER, "所管部"], [...row(1, "事業", { depts: "" }), "総務部"]]) },
  PP267: { data: tsv([[...HEADER.slice(0, 7), "2026/4/1", "2027/4/1", "2028/4/1"], row(1, "事業")]) },
  // a template's example row above the projects
  PP383: { data: tsv([HEADER, ["記入例", ...row(1, "例の事業").slice(1)], row(1, "事業")]) },
  // work going on since before the plan, in a 実施時期 column
  PP382: { data: tsv([[...HEADER.slice(0, 7), "実施時期"], [...row(1, "事業A").slice(0, 7), "令和8年度～令和12年度"], [...row(2, "事業B").slice(0, 7), "平成30年度から継続実施"]]), projectNo: 2 },
  // the plan on a sheet hidden in Excel, a cover sheet the only one shown
  PP265: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { ws.state = "hidden"; ws.workbook.addWorksheet("表紙").addRow(["表紙だけ"]); }) },
  PP263: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { const old = ws.workbook.addWorksheet("旧"); old.addRow(HEADER); old.addRow(row(1, "旧事業A")); }) },
  PP234: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { const old = ws.workbook.addWorksheet("旧"); old.addRow(HEADER); old.addRow(row(2, "事業B")); old.addRow(row(3, "事業C")); }) },
  PP203: { data: tsv([HEADER, row(1, "事業"), [], HEADER.slice(0, 9), row(2, "事業2", { years: ["検討", ""] })]) },
  PP204: { data: tsv([HEADER, row(1, "事業")].map((r) => r.filter((_, i) => HEADER[i] !== "施策"))) },
  PP205: { data: [HEADER, row(1, "事業")].map((r) => r.join("\t")).join("\n") },
  PP206: { data: tsv([[...HEADER.slice(0, 7), "令和8年度", "令和10年度", "令和9年度"], row(1, "事業")]) },
  PP207: { data: tsv([HEADER]) },
  PP208: { data: tsv([HEADER.slice(0, 7), row(1, "事業").slice(0, 7)]) },
  PP209: { data: tsv([HEADER.map((h) => (h === "担当課" ? "連絡先" : h)), row(1, "事業")]) },
  PP210: { data: tsv([HEADER.filter((h) => h !== "事業内容"), row(1, "事業").filter((_, i) => i !== 6)]) },
  PP211: { data: tsv([HEADER.map((h) => (h === "担当課" ? "所管課" : h)), row(1, "事業")]) },
  PP212: { data: ok([row(1, "事業A"), row(2, "事業B", { policy: "", measure: "" })]) },
  PP213: { name: "plan.xlsx", data: await mergedXlsx() },
  PP120: { name: "plan.xlsx", data: await hiddenRowXlsx() },
  PP122: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { ws.getCell("E3").font = { strike: true }; }) },
  PP163: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { ws.getCell("E3").value = { richText: [{ text: "事業A" }, { text: "（廃止）", font: { color: { argb: "FFFFFFFF" } } }] }; }) },
  PP164: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { ws.getCell("G3").value = { richText: [{ text: "・CO" }, { text: "2", font: { vertAlign: "subscript" } }, { text: "を減らす。" }] }; }) },
  PP165: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { ws.getCell("E3").value = { richText: [{ text: "窓口の改善" }, { text: "1", font: { vertAlign: "superscript" } }] }; }) },
  PP214: { data: tsv([[...HEADER.slice(0, 7), ...years3.map((y, i) => `${y}（${2026 + i}年度）`)], row(1, "事業")]) },
  PP215: { data: tsv([[...HEADER.slice(0, 7), "令和8年度（2027年度）", ...years3.slice(1)], row(1, "事業")]) },
  PP216: { data: tsv([[...HEADER, "令和11年度以降"], [...row(1, "事業"), ""]]) },
  PP217: { data: tsv([[...HEADER, "令和11年度以降"], [...row(1, "事業"), "運用"]]), projectNo: 1 },
  PP218: { data: tsv([noInitiative(HEADER), noInitiative(row(1, "事業"))]) },
  PP272: { data: tsv([HEADER.filter((_, i) => i !== 2 && i !== 3), row(1, "事業").filter((_, i) => i !== 2 && i !== 3)]) },
  PP219: { data: tsv([[...HEADER, "R11～"], [...row(1, "事業"), "評価"]]), projectNo: 1 },
  PP220: { data: ok([row(1, "事業")]) },
  PP301: { data: ok([row(1, "")]), projectNo: 1 },
  PP339: { data: tsv([[...HEADER, "備考"], [...row(1, "事業"), "メモ"]]) },
  PP373: { data: tsv([[...HEADER, "備考"], [...row(1, "事業"), "運用※予算次第"]]), projectNo: 1 },
  PP338: { data: ok([row(1, "事業"), row("", "事業（再掲）", { policy: "行政運営" })]) },
  PP302: { data: ok([row(1, "事業", { depts: "" })]), projectNo: 1 },
  PP303: { data: ok([row(1, "デジタルバйдの対策")]), projectNo: 1 },
  PP304: { data: ok([row(1, "事業", { desc: "<ul><li>説明。</li></ul>" })]), projectNo: 1 },
  PP305: { data: ok([row("一", "事業")]) },
  PP306: { data: ok([row(1, "事業").slice(0, 7), ["続き", "検討", "", "運用"]]), projectNo: 1 },
  PP347: { data: ok([row(1, "事業※1")]), projectNo: 1 },
  PP384: { data: ok([row(1, "【新規】事業")]), projectNo: 1 },
  PP387: { data: iconv.encode(ok([row(1, "?事業")]), "Shift_JIS") },
  PP385: { data: ok([row(1, "事業", { measure: "Ⅰ 窓口の改善" })]) },
  PP348: { data: ok([row(1, "ｼｽﾃﾑの導入")]) },
  PP346: { data: ok([row(1, "事業", { years: ["検討", "", ""] }).slice(0, 8)]) },
  PP307: { data: ok([row(1, "事業", { years: ["保守", "", ""] })]), projectNo: 1 },
  PP308: { data: ok([[...row(1, "事業"), "運用"]]), projectNo: 1 },
  PP309: { data: ok([row(1, "事業", { measure: "窓口の改善" })]), projectNo: 1 },
  PP310: { data: ok([row(1, "事業", { desc: "あ".repeat(30) })]), config: { ...defaultConfig(), limits: { ...defaultConfig().limits, maxInputBytes: 1e6, maxCellChars: 20 } } },
  PP311: { data: ok([row(1, "事業", { depts: "総務課、総務課" })]), projectNo: 1 },
  PP312: { data: ok([row(1, "事業", { depts: "総務課、..、-" })]), projectNo: 1 },
  PP350: { data: ok([row(1, "事\u200b業\u202e")]), projectNo: 1 },
  PP355: { data: ok([row(1, "か\u3099んかく")]) },
  PP313: { data: ok([row(1, "事業", { years: ["検討", "→", "運用"] })]), projectNo: 1 },
  PP314: { data: ok([row(1, "事業", { years: ["検討", "検討", "運用"] })]), projectNo: 1 },
  PP315: { data: ok([row(1, "事業", { years: ["●", "●", ""] })]), projectNo: 1 },
  PP316: { data: ok([row(1, "事業", { years: ["検討", "〃", ""] })]) },
  PP317: { data: ok([row(1, "事業", { years: ["→", "検討", ""] })]), projectNo: 1 },
  PP353: { data: ok([row(1, "事業", { years: ["令和9年度から実施", "", ""] })]), projectNo: 1 },
  PP354: { data: ok([row(1, "事業", { years: ["－", "検討", "－"] })]), projectNo: 1 },
  PP318: { data: ok([row(1, "事業", { years: ["検討", "●", ""] })]), projectNo: 1 },
  PP319: { data: ok([row(1, "事業", { years: ["●", "○", ""] })]), projectNo: 1 },
  PP320: { data: ok([row(1, "事業", { depts: "総務課、情報政策課（主）" })]), projectNo: 1 },
  PP321: { data: ok([row(1, "事業", { depts: "全庁" })]), projectNo: 1 },
  PP322: { data: ok([row(1, "事業", { depts: "情報政策課【仮】" })]), projectNo: 1 },
  PP323: { data: tsv([[...HEADER, "関係課"], [...row(1, "事業"), "総務課"]]), config: withColumns({ 関係課: "relatedDepartments" }), projectNo: 1 },
  PP324: { data: tsv([[...HEADER, "備考"], row(1, "事業A"), [...row(2, "事業A"), "再掲"]]), config: withColumns({ 備考: "remarks" }), projectNo: 2 },
  PP363: { data: ok([row(1, "事業", { years: ["検討", "継続", ""] })]), projectNo: 1 },
  PP366: { data: ok([row(1, "事業", { years: ["検討", "→", "→"] }), row(2, "事業B", { years: ["検討", "", "運用"] })]) },
  PP367: { data: ok([row(1, "事業", { years: ["検討", "検討", ""] }), row(2, "事業B", { years: ["検討", "", "運用"] }), row(3, "事業C", { years: ["調査", "", "運用"] })]) },
  PP368: { data: tsv([[...HEADER.slice(0, -1), `${HEADER.at(-1)}（目標）`], row(1, "事業")]) },
  PP277: { data: tsv([[...HEADER, "", ...HEADER], [...row(1, "事業"), "", ...row(2, "事業B")]]) },
  PP276: { data: tsv([[...HEADER.slice(0, 7), ...HEADER.slice(7).map((y) => `${y}（予算）`)], row(1, "事業")]) },
  PP369: { name: "plan.csv", data: [HEADER, [...row(1, "事業", { years: ["検討", "運用", ""] }).slice(0, 6), "市民課", ...row(1, "事業", { years: ["検討", "運用", ""] }).slice(6)], row(2, "事業B")].map((r) => r.join(",")).join("\n") + "\n" },
  PP372: { data: [["テスト市計画"], ["凡例　実線は実施、点線は検討を表します"], HEADER, row(1, "事業")].map((r) => r.join("\t")).join("\n") },
  PP362: { data: ok([row(1, "事業"), ["", "", "", "", "小計", "1事業"]]) },
  PP361: { data: ok([row(1, "事業", { initiative: "―" })]), projectNo: 1 },
  PP360: { data: ok([row(1, "事業"), row(2, "事業", { depts: "情報政策課（再掲）" })]), projectNo: 2 },
  PP359: { data: ok([row(1, "事業", { policy: "市民サービス（続き）" })]), projectNo: 1 },
  PP358: { data: ok([row(1, "事業", { years: ["※国の動向を注視", "検討", ""] })]), projectNo: 1 },
  PP357: { data: ok([row(1, "事業", { years: ["構築", "完了", ""] })]), projectNo: 1 },
  PP378: { data: tsv([[...HEADER.slice(0, 7), "実施時期"], [...row(1, "事業").slice(0, 7), "令和8年度～令和10年度"], [...row(2, "事業2").slice(0, 7), "毎年度"]]), projectNo: 2 },
  PP376: { data: ok([row(1, "事業", { years: ["検討", "令和9年度から実施", ""] })]), projectNo: 1 },
  PP377: { data: ok([row(1, "事業", { years: ["検討", "R9～", ""] })]), projectNo: 1 },
  PP356: { data: ok([row(1, "事業", { years: ["検討", "", ""] }), ["", "", "", "", "", "", "", "", "", "運用"]]), projectNo: 1 },
  PP325: { data: ok([row(1, "事業", { years: ["検討", "", "運用"] }), ["", "", "", "", "", "", "", "", "※予算次第", ""]]), projectNo: 1 },
  PP326: { data: ok([["", "", "", "", "", "", "", "※予算次第", "", ""], row(1, "事業")]) },
  PP329: { data: ok([row(1, "事業"), ["", "", "", "", "", "", "・続きの事業内容"]]) },
  PP379: { data: ok([row(1, "事業"), ["", "", "", "", "事業名の続き", "", "・続きの事業内容"]]) },
  PP393: { data: ok([row(1, "事業", { years: ["1", "1", "0"] })]) },
  PP392: { data: ok([row(1, "窓口の"), ["", "", "", "", "改善", "", ""]]), projectNo: 1 },
  PP330: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { ws.getCell("E4").value = ""; ws.mergeCells("A3:A4"); }) },
  PP331: { data: ok([row(1, "事業", { depts: "情報政策課（関係課：市民課）" })]) },
  PP397: { data: ok([row(1, "事業", { depts: "情報政策課（関係課）" })]), projectNo: 1 },
  PP285: { data: ok([row(1, "事業", { depts: "総務課　※R9から管財課" })]), projectNo: 1 },
  PP381: { data: ok([row(1, "事業", { depts: "総務部（情報政策課）" })]) },
  PP332: { data: ok([row(1, "事業", { years: ["検討", "⇛", ""] })]), projectNo: 1 },
  PP333: { data: ok([row(1, "事業", { years: ["●検討", "●実施", ""] })]), projectNo: 1 },
  PP336: { data: ok([row(1, "事業", { years: ["検討→", "実施", ""] })]), projectNo: 1 },
  PP337: { data: tsv([HEADER, row(1, "事業"), [], ["参考：用語"], ["DX", "デジタル変革"]]) },
  PP343: { data: ok([row(1, "事業", { years: ["検討", "1,200千円", ""] })]), projectNo: 1 },
  PP345: { data: ok([row(1, "事業A", { measure: "2" })]), projectNo: 1 },
  PP344: { data: ok([row(1, "事業A"), row(2, "事業B", { depts: "同上" })]) },
  PP342: { data: tsv([[...HEADER, "KPI"], [...row(1, "事業"), "手続数"]]) },
  PP257: { data: tsv([[...HEADER, "区分"], [...row(1, "事業"), "新規"]]) },
  PP259: { data: tsv([[...HEADER, "列1"], [...row(1, "事業"), ""]]) },
  PP258: { data: tsv([[...HEADER.slice(0, 7), "2026年", "2027年", "2028年"], row(1, "事業")]) },
  PP341: { data: tsv([HEADER, row(1, "事業"), [], ["※スケジュールは予定です。"]]) },
  PP364: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { ws.getCell("I3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF9BC2E6" } }; ws.insertRow(2, ["凡例", "", "検討"]); ws.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF9BC2E6" } }; }) },
  PP365: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { ws.getCell("I3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } }; ws.getCell("I4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF9BC2E6" } }; ws.insertRow(2, ["凡例", "", "検討"]); ws.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF9BC2E6" } }; }), projectNo: 1 },
  PP334: { name: "plan.xlsx", data: await twoRowXlsx((ws) => { ws.getCell("I3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF9BC2E6" } }; }), projectNo: 1 },
  PP335: { data: tsv([[...HEADER, "各課"], [...row(1, "事業"), "一部"]]), projectNo: 1 },
  PP327: { data: ok([row(1, "事業"), ["", "見出しだけの行"]]) },
  PP328: { data: tsv([[...HEADER.slice(0, 7), "実施時期"], [...row(1, "事業A").slice(0, 7), "令和8年度～令和10年度"], [...row(2, "事業B").slice(0, 7), "随時"]]), projectNo: 2 },
  PP401: { data: ok([row(1, "事業A"), row(1, "事業B")]), projectNo: 1 },
  PP402: { data: ok([row(2, "事業A"), row(1, "事業B")]), projectNo: 1 },
  PP403: { data: ok([row(1, "事業A"), row(4, "事業B")]), projectNo: 4 },
  PP424: { data: ok([row(1, "事業A"), row(3, "事業C", { policy: "しごと", measure: "(1)人材" }), row(2, "事業B")]), projectNo: 2 },
  PP426: { data: ok([row(3, "事業C"), row(2, "事業B"), row(1, "事業A")]), projectNo: 3 },
  PP425: { data: ok([row(1, "事業A"), row(2, "事業C", { policy: "しごと", measure: "(1)人材" }), row(3, "事業B")]), projectNo: 3 },
  PP427: { data: tsv([[...HEADER.slice(0, 7), "前期", "後期"], [...row(1, "事業A").slice(0, 7), "検討", "実施"]]) },
  PP390: { data: ok([row(1, "事業", { desc: "平成31年5月1日から受付。" })]) },
  PP391: { data: ok([row(1, "事業", { desc: "令和0年度から受付。" })]) },
  PP404: { data: ok([row(1, "事業A", { measure: "(2)施策" })]), projectNo: 1 },
  PP405: { data: ok([row(1, "事業A", { initiative: "②取組" })]), projectNo: 1 },
  PP406: { data: ok([row(1, "事業A"), row(2, "【市民サービス(1)①の再掲】 別の事業")]), projectNo: 2 },
  PP407: { data: ok([row(1, "事業A"), row(2, "事業B", { measure: "(2)施策" }), row(3, "【市民サービス(2)①の再掲】事業A", { measure: "(3)施策" })]), projectNo: 3 },
  PP408: { data: ok([row(1, "電子申請の拡大"), row(2, "【市民サービス(1)①の再掲】電子申請の拡大等", { measure: "(2)施策" })]), projectNo: 2 },
  PP409: { data: ok([row(1, "事業A", { desc: "説明です。" }), row(2, "事業A（再掲）", { desc: "説明でした。" })]), projectNo: 2 },
  PP410: { data: ok([row(1, "事業A"), row(2, "事業A（再掲）", { depts: "総務課" })]), projectNo: 2 },
  PP411: { data: ok([row(1, "事業A"), row(2, "事業A")]), projectNo: 2 },
  PP394: { data: ok([row(1, "事業A"), row(2, "事業A", { desc: "別の内容。" })]), projectNo: 2 },
  PP395: { data: ok([row(1, "事業A"), row(1, "事業A（再掲）", { measure: "(2)施策" })]), projectNo: 1 },
  PP396: { data: tsv([[...HEADER.slice(0, 7), "令和8年度", "令和9年度", "令和1O年度"], row(1, "事業")]) },
  PP412: { data: ok([row(1, "事業A"), row(2, "事業A（再掲）", { years: ["", "検討", "運用"] })]), projectNo: 2 },
  PP415: { data: ok([row(1, "事業A", { measure: "2-1 施策" })]), projectNo: 1 },
  PP416: { data: ok([row(1, "事業A", { policy: "基本方針1 市民サービス" }), row(2, "事業B", { policy: "基本方針3 行政運営" })]), projectNo: 2 },
  PP340: { data: ok([row(1, "事業A", { depts: "ＤＸ推進室" }), row(2, "事業B", { depts: "DX推進室" })]), projectNo: 2 },
  PP418: { data: ok([row(1, "事業A", { policy: "ＤＸの推進" }), row(2, "事業B", { policy: "DXの推進" })]), projectNo: 2 },
  PP419: { data: ok([row(1, "事業A", { policy: "1 DXの推進" }), row(2, "事業B", { policy: "1 デジタル化" })]), projectNo: 2 },
  PP421: { data: ok([row(1, "事業A", { policy: "1 DXの推進" }), row(2, "事業B", { policy: "2 DXの推進" })]), projectNo: 2 },
  PP417: { data: ok([row(1, "事業A", { depts: "総務課" }), row(2, "事業B", { depts: "総務部総務課" })]), projectNo: 2 },
  PP420: { data: ok([row(1, "事業A", { depts: "情報政策課" }), row(2, "事業B", { depts: "情報政策課　DX推進係" })]), projectNo: 2 },
  PP414: { data: ok([row(1, "事業A", { measure: "(1)施策" }), row(2, "事業B", { measure: "(1)別の名前" })]), projectNo: 2 },
  PP422: { data: ok([row(1, "事業A※1-(2)-①に再掲"), row(2, "事業A", { measure: "(2)施策" })]), projectNo: 1 },
  PP423: { data: ok([row(1, "事業A※1-(2)-①に再掲"), row(2, "事業B")]), projectNo: 1 },
};

describe("every foundation diagnostic code has a fixture", () => {
  it.each(Object.entries(CASES))("%s", async (code, c) => {
    const plan = await planOf(c.name ?? "plan.tsv", c.data, c.config ?? defaultConfig());
    const hit = plan.diagnostics.filter((d) => d.code === code);
    expect(hit.length, JSON.stringify(plan.diagnostics.map((d) => d.code))).toBeGreaterThan(0);
    const d = hit[0]!;
    expect(d.severity).toBe(CATALOG[code as keyof typeof CATALOG].severity);
    expect(d.message).not.toMatch(/undefined|NaN|\[object/);
    expect(d.file).toContain(c.at ?? c.name ?? "plan.tsv");
    if (c.projectNo !== undefined) expect(d.projectNo).toBe(c.projectNo);
  });

  it("a missing file is PP101", async () => {
    const plan = await loadPlan("/nonexistent/plan.tsv", { config: defaultConfig(), bag: new DiagnosticBag("en") });
    expect(plan.diagnostics.map((d) => d.code)).toEqual(["PP101"]);
    expect(plan.diagnostics[0]!.message).toMatch(/^Cannot read/);
  });

  it("covers every 1xx–4xx code of the catalog", () => {
    const foundation = Object.keys(CATALOG).filter((c) => /^PP[1-4]\d\d$/.test(c));
    // PP351/PP352/PP374 need the PDF font's coverage: test/render/pdf/glyphs.test.ts.
    // PP375 (an open phase of a 実施時期 cell ended by the next): test/ingest/timing.test.ts.
    // PP114 (a FIFO, /dev/zero) needs a special file, PP123 a drawing part, PP129 tens of thousands of rows: test/ingest/hostile-files.test.ts.
    // PP270 (a fill in one year's column set aside as the as-of highlight) needs filled cells, PP279 and PP287 a 表紙 sheet: test/ingest/xlsx-input.test.ts.
    // PP280 (a name numbered with its own No): test/ingest/other-cities.test.ts.
    // PP281, PP282 (a column of phases beside ● in the years), PP283 (a footnote mark after a level or a department): test/normalise/cells.test.ts.
    // PP284 (heading rows of one form, no level column): test/ingest/heading-rows.test.ts. PP286 (a ※ note after a level): test/normalise/cells.test.ts.
    const covered = new Set([...Object.keys(CASES), "PP101", "PP108", "PP114", "PP123", "PP129", "PP270", "PP279", "PP280", "PP287", "PP281", "PP282", "PP283", "PP284", "PP286", "PP351", "PP352", "PP374", "PP375"]);
    expect(foundation.filter((c) => !covered.has(c))).toEqual([]);
  });

  it("reports every flaw of a file, not the first", async () => {
    const plan = await planOf("plan.tsv", ok([row(1, ""), row(1, "事業B", { depts: "" }), row(5, "事業C", { years: ["保守", "", ""] })]));
    const found = new Set(plan.diagnostics.map((d) => d.code));
    for (const code of ["PP301", "PP401", "PP302", "PP403", "PP307"]) expect(found).toContain(code);
  });

  void tempFile;
});
