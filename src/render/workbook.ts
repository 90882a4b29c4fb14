// plan.xlsx (事業一覧, 工程表, 担当課別, 体系: the workbook handed out) and diagnostics.xlsx (診断:
// what planpress found in the plan, for the staff who keep it — not for the council), drawn from
// the views in src/views/workbook.ts through the exceljs wrapper (src/render/xlsx/excel.ts). The
// words (sheet names, headers, legend) and the sheet order come from templates/workbook/wording.json.
import type { Plan } from "../model/schema.js";
import { documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { fiscalYearLabel, yearsOf } from "../fiscal.js";
import { departmentMatrix, ganttGroups, hasInitiatives, hasMeasures, policyTree, projectRows } from "../views/workbook.js";
import { placeOf } from "../diagnostics/format.js";
import { drawnCategories, legendEntries } from "./phases.js";
import { printWidth, writeWorkbook } from "./xlsx/excel.js";
import type { CellSpec, PrintSpec, RowSpec, SheetSpec } from "./xlsx/spec.js";
import { columnsWidthPt, nameLines, phraseLines, rowHeightPt, widestNameEm, widthForEm, widthToFit } from "./xlsx/metrics.js";
import { houseStyle, type Wording } from "../templates/wording.js";
import { type WorkbookWording, workbookWording } from "./workbook-wording.js";
import { relistRef } from "../views/relist.js";

type Words = WorkbookWording;
type SheetWords<K extends Words["sheets"][number]["kind"]> = Extract<Words["sheets"][number], { kind: K }>;

interface Drawing { plan: Plan; ctx: RenderContext; w: Wording<Words>; header: string }

/** The file of diagnostics beside plan.xlsx (the contract's outputs table in README). */
export const DIAGNOSTICS_FILE = "diagnostics.xlsx";

export async function renderWorkbook(plan: Plan, ctx: RenderContext): Promise<OutputFile[]> {
  const w = workbookWording(ctx);
  const d: Drawing = { plan, ctx, w, header: w.fill(w.words.header, { plan: plan.plan.title }) };
  const sheets = w.words.sheets.map((s): SheetSpec => {
    switch (s.kind) {
      case "list": return listSheet(d, s);
      case "gantt": return ganttSheet(d, s);
      case "departments": return departmentSheet(d, s);
      case "tree": return treeSheet(d, s);
    }
  });
  const book = (subject: string, sheets: SheetSpec[]) => writeWorkbook({
    title: plan.plan.title,
    creator: documentAuthor(ctx.config, plan.plan.title),
    subject,
    ...(ctx.config.document.keywords ? { keywords: ctx.config.document.keywords.join(", ") } : {}),
    date: ctx.documentDate,
    font: ctx.theme.excelFont,
    ruleColour: ctx.theme.colours.rule,
    sheets,
  });
  const vars = { plan: plan.plan.title };
  // The handout carries no internal warnings: they go to their own file.
  return [
    { path: "plan.xlsx", data: await book(ctx.config.document.subject ?? w.fill(w.words.subject, vars), sheets) },
    { path: DIAGNOSTICS_FILE, data: await book(w.fill(w.words.diagnostics.subject, vars), [diagnosticsSheet(d, w.words.diagnostics)]) },
  ];
}

/**
 * A sheet printed on the paper and margins of the theme's page set-up `like` (the 工程表's: A3; a
 * department's: A4). A sheet meant for the 工程表's paper whose columns (`widths`) fit the
 * department's narrower page at full size prints on that: fitted one page wide it is never
 * enlarged, and a 担当課別 of four departments had filled a fifth of an A3 sheet.
 */
function print(d: Drawing, like: "gantt" | "department", titleRows: readonly [number, number], widths: readonly number[]): PrintSpec {
  const on = (l: typeof like): PrintSpec => {
    const page = d.ctx.theme.pages[l];
    return { paper: page?.size ?? (l === "gantt" ? "A3" : "A4"), orientation: "landscape", margins: page?.margins ?? [36, 48, 36, 40], titleRows, headerLeft: d.header };
  };
  const wide = on(like);
  const narrow = on("department");
  return like === "gantt" && printWidth(narrow) < printWidth(wide) && columnsWidthPt(widths) <= printWidth(narrow) ? narrow : wide;
}

function header(ctx: RenderContext, labels: readonly string[], highlight?: number): RowSpec {
  return {
    cells: labels.map((value, i) => ({
      value, bold: true, border: "thin", align: "center", valign: "middle",
      fill: i === highlight ? ctx.theme.colours.asOf : ctx.theme.colours.headerFill,
    })),
  };
}

const cell = (value: string | number | null, extra: Partial<CellSpec> = {}): CellSpec => ({ value: value === "" ? null : value, border: "thin", ...extra });

function listSheet(d: Drawing, s: SheetWords<"list">): SheetSpec {
  const { plan, ctx, w } = d;
  const size = ctx.theme.sizes.table;
  const years = yearsOf(plan.plan.period);
  const c = s.columns;
  const marker = { marker: ctx.config.allDepartmentsMarker };
  const labels = [c.no, c.policy, c.measureNumber, c.measure, c.initiativeNumber, c.initiative, c.name, c.departments, w.fill(c.allDepartments, marker), c.description,
    ...years.map((y) => w.fill(c.year, { year: fiscalYearLabel(y, ctx.theme) })), c.notes, c.relist];
  const em = (n: number) => widthForEm(n, size);
  // Narrow enough that A3, fitted to the sheet's width, prints its text at 7.5 pt or more (9 pt
  // at 0.84; it was 0.72, in LibreOffice without Carlito 0.58): the hierarchy's names wrap
  // beside the description, a year holds 「検討・実施」, the 担当課 column the widest name whole.
  const departments = em(Math.max(7, widestNameEm(plan.departments)));
  // 事業内容 and 備考 wider when a text of theirs would need a row taller than Excel has (it is cut there)
  const list = projectRows(plan);
  const widths = [em(3), em(7), em(3), em(9), em(3), em(10), em(13), departments, em(3), widthToFit(list.map((r) => r.description), em(30), size),
    ...years.map(() => em(5)), widthToFit(list.map((r) => r.notes), em(8), size), em(6)];
  // The list is the plan's data (filtered, copied, read back): its names are written as they are,
  // not broken into lines as the printed 工程表 and 担当課別 sheets break them.
  // A plan of two levels has no 取組 columns (the 5th and 6th), one of one level no 施策 columns either (the 3rd and 4th).
  const left = [...hasMeasures(plan) ? [] : [2, 3], ...hasInitiatives(plan) ? [] : [4, 5]];
  const shown = <T>(cells: T[]): T[] => cells.filter((_, i) => !left.includes(i));
  const rows: RowSpec[] = [header(ctx, shown(labels))];
  for (const r of list) {
    const ref = relistRef(r);
    const relist = ref ? w.fill(s.relist, ref) : null;
    rows.push({ cells: shown([
      cell(r.no, { align: "center" }), cell(r.policy), cell(r.measureNumber, { align: "center" }), cell(r.measure),
      cell(r.initiativeNumber, { align: "center" }), cell(r.initiative), cell(r.name), cell(nameLines(r.departments, columnsWidthPt([departments]), size)),
      cell(r.allDepartments ? s.allDepartmentsMark : null, { align: "center" }), cell(r.description),
      ...r.years.map((y) => cell(y, { align: "center" })), cell(r.notes), cell(relist),
    ]) });
  }
  return {
    name: s.name, widths: shown(widths), rows, fontSize: size,
    freeze: { rows: 1, cols: 1 },
    autoFilter: { headerRow: 1, lastRow: rows.length },
    print: print(d, "gantt", [1, 1], shown(widths)),
  };
}

function ganttSheet(d: Drawing, s: SheetWords<"gantt">): SheetSpec {
  const { plan, ctx, w } = d;
  const size = Math.max(ctx.theme.sizes.gantt, 9);
  const years = yearsOf(plan.plan.period);
  const asOf = years.indexOf(ctx.asOf);
  const first = 3; // 0-based index of the first year column
  const em = (n: number) => widthForEm(n, size);
  const departments = em(Math.max(12, widestNameEm([...plan.departments, ctx.config.allDepartmentsMarker])));
  const widths = [em(3), em(22), departments, ...years.map(() => em(9)), em(18)];
  const ncols = widths.length;
  const c = s.columns;
  const legend = ganttLegend(d, s, first, ncols);
  const rows: RowSpec[] = [
    { cells: [{ value: w.fill(s.title, { plan: plan.plan.title }), bold: true, size: ctx.theme.sizes.h3, colSpan: ncols, wrap: false }] },
    ...legend,
    header(ctx, [c.no, c.name, c.departments, ...years.map((y) => w.fill(y === ctx.asOf ? c.asOfYear : c.year, { year: fiscalYearLabel(y, ctx.theme) })), c.notes], asOf >= 0 ? first + asOf : undefined),
  ];
  const headerRow = rows.length;
  for (const g of ganttGroups(plan, ctx.config, houseStyle(ctx).afterName)) {
    rows.push({ cells: [{ value: g.policy, bold: true, fill: ctx.theme.colours.groupFill, colSpan: ncols, border: "thin" }] });
    for (const p of g.projects) {
      p.lanes.forEach((lane, li) => {
        const cells: (CellSpec | null)[] = li === 0
          ? [cell(p.no, { align: "center", rowSpan: p.lanes.length }), cell(phraseLines(p.name, columnsWidthPt([widths[1]!]), size), { rowSpan: p.lanes.length }), cell(nameLines(p.departments, columnsWidthPt([departments]), size), { rowSpan: p.lanes.length })]
          : [null, null, null];
        years.forEach((_, yi) => cells.push(cell(null, yi === asOf ? { border: "medium" } : {})));
        for (const bar of lane) {
          cells[first + years.indexOf(bar.from)] = { ...categoryCell(ctx, bar.category), value: bar.label, colSpan: bar.to - bar.from + 1, valign: "middle" };
        }
        cells.push(li === 0 ? cell(p.notes.join("\n"), { rowSpan: p.lanes.length, size: ctx.theme.sizes.small }) : null);
        rows.push({ cells });
      });
    }
  }
  return {
    name: s.name, widths, rows, fontSize: size,
    freeze: { rows: headerRow, cols: 2 },
    // The legend and the header repeat at the top of every printed page (a bar's colour is
    // explained on the page that draws it); the title prints once.
    print: print(d, "gantt", [2, headerRow], widths),
  };
}

/** A category's colour, pattern and border (colour never carries meaning alone: the label is written in it). */
function categoryCell(ctx: RenderContext, category: string): CellSpec {
  const st = ctx.theme.categories[category] ?? ctx.theme.categories.other;
  return {
    value: null, align: "center", fill: st?.fill ?? ctx.theme.colours.groupFill, color: st?.text ?? "#000000",
    border: st?.border ?? "thin", pattern: st?.pattern ?? "none",
  };
}

/**
 * The 工程表's legend as rows above its header: 「凡例」 over the first columns, then a swatch and
 * its explanation per entry, side by side in the year columns (as many as fit, then a new row).
 * Only the categories the sheet draws (as the PDFs' legends), each with its colour and pattern,
 * and the as-of year's highlight.
 */
function ganttLegend(d: Drawing, s: SheetWords<"gantt">, first: number, ncols: number): RowSpec[] {
  const { plan, ctx, w } = d;
  const drawn = drawnCategories(plan.projects.map((p) => p.schedule), plan.plan.period);
  const entries: [CellSpec, string][] = legendEntries(ctx, drawn).map((entry) => {
    const terms = ctx.config.phaseCategories.find((c) => c.id === entry.id)?.terms ?? [];
    const example = terms.length > 0 ? w.fill(s.legendExample, { terms: terms.slice(0, 4).join("・") })
      : entry.id === ctx.config.compoundCategory.id ? s.legendCompound : s.legendOther;
    return [{ ...categoryCell(ctx, entry.id), value: entry.label }, example];
  });
  if (yearsOf(plan.plan.period).includes(ctx.asOf)) {
    entries.push([{ value: fiscalYearLabel(ctx.asOf, ctx.theme), fill: ctx.theme.colours.asOf, border: "medium", align: "center" }, w.fill(s.legendAsOf, { year: ctx.asOf })]);
  }
  // A slot: the swatch in one column, its explanation across the next ones (a plan of one year
  // has two columns right of the departments: one slot a row).
  const slot = Math.min(3, ncols - first);
  const perRow = Math.floor((ncols - first) / slot);
  const rows: RowSpec[] = [];
  entries.forEach(([swatch, example], i) => {
    if (i % perRow === 0) rows.push({ cells: Array<CellSpec | null>(ncols).fill(null) });
    const cells = rows[rows.length - 1]!.cells;
    const at = first + (i % perRow) * slot;
    cells[at] = { ...swatch, valign: "middle" };
    cells[at + 1] = { value: example, colSpan: slot - 1, valign: "middle" };
  });
  if (rows.length > 0) rows[0]!.cells[0] = { value: s.legend, bold: true, colSpan: first, rowSpan: rows.length, align: "right", valign: "middle" };
  return rows;
}

function departmentSheet(d: Drawing, s: SheetWords<"departments">): SheetSpec {
  const { plan, ctx, w } = d;
  const size = ctx.theme.sizes.table;
  const m = departmentMatrix(plan, houseStyle(ctx).afterName);
  const em = (n: number) => widthForEm(n, size);
  const fixed = [em(3), em(24), em(3.5)];
  const widths = [...fixed, ...m.departments.map(() => em(1.6))];
  const ncols = widths.length;
  const vars = { plan: plan.plan.title, marker: ctx.config.allDepartmentsMarker, common: s.common };
  // Stacked headings: a line per character, whatever its width (a bracket too), and the whole of
  // 全庁共通（各課）: LibreOffice prints stacked text in one column, and a plan of short department
  // names had its 全庁共通 heading cut at 「全庁共通（各課」
  const stacked = (text: string): number => [...text].length;
  const longest = Math.max(...m.departments.map(stacked), stacked(w.fill(s.columns.allDepartments, vars)));
  const head = header(ctx, [s.columns.no, s.columns.name, w.fill(s.columns.allDepartments, vars), ...m.departments]);
  // Department names run top to bottom so 33 of them fit one page wide.
  head.cells.forEach((c, i) => { if (c && i >= 2) Object.assign(c, { vertical: true, valign: "top" }); });
  head.height = rowHeightPt(longest, size);
  const rows: RowSpec[] = [
    { cells: [{ value: w.fill(s.title, vars), bold: true, size: ctx.theme.sizes.h3, colSpan: ncols, wrap: false }] },
    { cells: [{ value: w.fill(s.legend, vars), colSpan: ncols, wrap: false }] },
    head,
  ];
  const muted = ctx.theme.colours.muted;
  for (const g of m.groups) {
    rows.push({ cells: [{ value: g.policy, bold: true, fill: ctx.theme.colours.groupFill, colSpan: ncols, border: "thin" }] });
    g.rows.forEach((r, i) => {
      const zebra = i % 2 === 1 ? { fill: ctx.theme.colours.zebra } : {};
      rows.push({ cells: [
        cell(r.no, { align: "center", ...zebra }), cell(phraseLines(r.name, columnsWidthPt([fixed[1]!]), size), zebra),
        cell(r.allDepartments ? s.common : null, { align: "center", bold: true, ...zebra }),
        ...r.marks.map((mk) => cell(mk === "named" ? s.named : mk === "common" ? s.common : null,
          { align: "center", ...zebra, ...(mk === "common" ? { color: muted, size: ctx.theme.sizes.small } : {}) })),
      ] });
    });
  }
  rows.push({ cells: [
    cell(s.count, { colSpan: 3, bold: true, align: "right", fill: ctx.theme.colours.headerFill }), null, null,
    ...m.counts.map((n) => cell(n, { align: "center", bold: true, fill: ctx.theme.colours.headerFill })),
  ] });
  return {
    name: s.name, widths, rows, fontSize: size,
    freeze: { rows: 3, cols: 2 },
    // its legend line and header on every printed page; No, name and 全庁共通 on each page across
    print: { ...print(d, "gantt", [2, 3], widths), titleColumns: [1, 3] },
  };
}

function treeSheet(d: Drawing, s: SheetWords<"tree">): SheetSpec {
  const { plan, ctx } = d;
  const size = ctx.theme.sizes.table + 1;
  const em = (n: number) => widthForEm(n, size);
  const c = s.columns;
  const rows: RowSpec[] = [header(ctx, [c.kind, c.number, c.title, c.count, c.projects])];
  for (const r of policyTree(plan)) {
    const indent = "　".repeat(r.level);
    const fill = r.level === 0 ? ctx.theme.colours.groupFill : r.level === 1 ? ctx.theme.colours.zebra : undefined;
    const extra: Partial<CellSpec> = { ...(fill ? { fill } : {}), ...(r.level < 2 ? { bold: true } : {}) };
    rows.push({ cells: [
      cell(`${indent}${s.levels[r.level]}`, extra), cell(r.number, { ...extra, align: "center" }), cell(`${indent}${r.title}`, extra),
      // The count centred and the list indented: side by side they never read as one number
      // (a right-aligned 3 touching 「1, 2, 3」 read 「31, 2, 3」).
      cell(r.count, { ...extra, align: "center" }), cell(r.projects.join(", "), { ...extra, indent: 1 }),
    ] });
  }
  const widths = [em(7), em(3), em(34), em(4), em(16)];
  return {
    name: s.name, widths, rows, fontSize: size,
    freeze: { rows: 1, cols: 0 },
    print: print(d, "department", [1, 1], widths),
  };
}

function diagnosticsSheet(d: Drawing, s: Words["diagnostics"]): SheetSpec {
  const { plan, ctx } = d;
  const size = ctx.theme.sizes.table;
  const em = (n: number) => widthForEm(n, size);
  const c = s.columns;
  const widths = [em(4), em(4.5), em(16), em(3), em(36), em(20)];
  // Messages and hints are prose to read: their lines are broken between phrases, as the printed
  // sheets' names are (a spreadsheet breaks anywhere; LibreOffice had put a hint's 「。」 alone at the
  // start of a line)
  const prose = (text: string, column: number) => phraseLines(text, columnsWidthPt([widths[column]!]), size);
  const rows: RowSpec[] = [header(ctx, [c.severity, c.code, c.place, c.no, c.message, c.hint])];
  for (const x of plan.diagnostics) {
    rows.push({ cells: [
      cell(s.severities[x.severity]), cell(x.code), cell(placeOf(x)), cell(x.projectNo ?? null, { align: "center" }),
      cell(prose(x.message, 4)), cell(x.hint ? prose(x.hint, 5) : null),
    ] });
  }
  if (plan.diagnostics.length === 0) rows.push({ cells: [cell(s.none, { colSpan: 6 })] });
  return {
    name: s.name, widths, rows, fontSize: size,
    freeze: { rows: 1, cols: 0 },
    ...(plan.diagnostics.length > 0 ? { autoFilter: { headerRow: 1, lastRow: rows.length } } : {}),
    print: print(d, "department", [1, 1], widths),
  };
}
