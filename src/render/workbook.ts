// plan.xlsx: 事業一覧, 工程表, 担当課別, 体系 and 診断, drawn from the views in
// src/views/workbook.ts through the exceljs wrapper (src/render/xlsx/excel.ts).
import type { Plan } from "../model/schema.js";
import type { OutputFile, RenderContext } from "./context.js";
import { wareki, yearsOf } from "../fiscal.js";
import {
  departmentGroups, departmentsText, ganttGroups, placeText, plannedLabel, policyTree, projectRows,
} from "../views/workbook.js";
import { writeWorkbook } from "./xlsx/excel.js";
import type { CellSpec, PrintSpec, RowSpec, SheetSpec } from "./xlsx/spec.js";
import { widthForEm } from "./xlsx/metrics.js";

export async function renderWorkbook(plan: Plan, ctx: RenderContext): Promise<OutputFile[]> {
  const data = await writeWorkbook({
    title: plan.plan.title,
    creator: ctx.config.document.author ?? ctx.config.document.issuer ?? "planpress",
    subject: ctx.config.document.subject ?? "事業一覧・工程表",
    ...(ctx.config.document.keywords ? { keywords: ctx.config.document.keywords.join(", ") } : {}),
    date: ctx.documentDate,
    font: ctx.theme.excelFont,
    ruleColour: ctx.theme.colours.rule,
    sheets: [listSheet(plan, ctx), ganttSheet(plan, ctx), departmentSheet(plan, ctx), treeSheet(plan, ctx), diagnosticsSheet(plan, ctx)],
  });
  return [{ path: "plan.xlsx", data }];
}

const yearLabel = (y: number) => wareki(y);

function print(ctx: RenderContext, plan: Plan, paper: "A3" | "A4", titleRows: readonly [number, number]): PrintSpec {
  const page = ctx.theme.pages[paper === "A3" ? "gantt" : "department"];
  return { paper, orientation: "landscape", margins: page?.margins ?? [36, 48, 36, 40], titleRows, headerLeft: plan.plan.title };
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

function listSheet(plan: Plan, ctx: RenderContext): SheetSpec {
  const size = ctx.theme.sizes.table;
  const years = yearsOf(plan.plan.period);
  const labels = ["No", "基本方針", "施策番号", "施策", "取組番号", "取組", "事業名", "担当課", ctx.config.allDepartmentsMarker, "事業内容",
    ...years.map(yearLabel), "備考", "再掲"];
  const w = (em: number) => widthForEm(em, size);
  const widths = [w(3), w(10), w(3), w(12), w(3), w(14), w(16), w(10), w(3), w(32), ...years.map(() => w(6)), w(12), w(8)];
  const rows: RowSpec[] = [header(ctx, labels)];
  for (const r of projectRows(plan)) {
    rows.push({ cells: [
      cell(r.no, { align: "center" }), cell(r.policy), cell(r.measureNumber, { align: "center" }), cell(r.measure),
      cell(r.initiativeNumber, { align: "center" }), cell(r.initiative), cell(r.name), cell(r.departments),
      cell(r.allDepartments ? "○" : null, { align: "center" }), cell(r.description),
      ...r.years.map((y) => cell(y, { align: "center" })), cell(r.notes), cell(r.relist),
    ] });
  }
  return {
    name: "事業一覧", widths, rows, fontSize: size,
    freeze: { rows: 1, cols: 1 },
    autoFilter: { headerRow: 1, lastRow: rows.length },
    print: print(ctx, plan, "A3", [1, 1]),
  };
}

function ganttSheet(plan: Plan, ctx: RenderContext): SheetSpec {
  const size = Math.max(ctx.theme.sizes.gantt, 9);
  const years = yearsOf(plan.plan.period);
  const asOf = years.indexOf(ctx.asOf);
  const first = 3; // 0-based index of the first year column
  const w = (em: number) => widthForEm(em, size);
  const widths = [w(3), w(22), w(12), ...years.map(() => w(9)), w(18)];
  const ncols = widths.length;
  const rows: RowSpec[] = [
    { cells: [{ value: `${plan.plan.title}　工程表`, bold: true, size: ctx.theme.sizes.h3, colSpan: ncols, wrap: false }] },
    header(ctx, ["No", "事業名", "担当課", ...years.map((y) => (y === ctx.asOf ? `${yearLabel(y)}\n（当年度）` : yearLabel(y))), "備考"], asOf >= 0 ? first + asOf : undefined),
  ];
  const style = (category: string) => ctx.theme.categories[category] ?? ctx.theme.categories.other;
  for (const g of ganttGroups(plan, ctx.config)) {
    rows.push({ cells: [{ value: g.policy, bold: true, fill: ctx.theme.colours.groupFill, colSpan: ncols, border: "thin" }] });
    for (const p of g.projects) {
      p.lanes.forEach((lane, li) => {
        const cells: (CellSpec | null)[] = li === 0
          ? [cell(p.no, { align: "center", rowSpan: p.lanes.length }), cell(p.name, { rowSpan: p.lanes.length }), cell(p.departments, { rowSpan: p.lanes.length })]
          : [null, null, null];
        years.forEach((_, yi) => cells.push(cell(null, yi === asOf ? { border: "medium" } : {})));
        for (const bar of lane) {
          const s = style(bar.category);
          cells[first + years.indexOf(bar.from)] = {
            value: bar.label, colSpan: bar.to - bar.from + 1, align: "center", valign: "middle",
            fill: s?.fill ?? ctx.theme.colours.groupFill, color: s?.text ?? "#000000", border: s?.border ?? "thin",
          };
        }
        cells.push(li === 0 ? cell(p.notes.join("\n"), { rowSpan: p.lanes.length, size: ctx.theme.sizes.small }) : null);
        rows.push({ cells });
      });
    }
  }
  // Legend: each category's colour with its name written in it (colour never carries meaning alone).
  rows.push({ cells: [] }, { cells: [null, { value: "凡例", bold: true, wrap: false }] });
  const categories = [...ctx.config.phaseCategories, { ...ctx.config.defaultCategory, terms: [] }];
  for (const cat of categories) {
    const s = style(cat.id);
    const example = cat.terms.length > 0 ? `例: ${cat.terms.slice(0, 4).join("・")}` : "上記以外";
    rows.push({ cells: [null, null, null, { value: cat.label, fill: s?.fill ?? "#FFFFFF", border: s?.border ?? "thin", align: "center" }, { value: example, colSpan: 2, wrap: false }] });
  }
  if (asOf >= 0) rows.push({ cells: [null, null, null, { value: yearLabel(ctx.asOf), fill: ctx.theme.colours.asOf, border: "medium", align: "center" }, { value: "当年度（太枠）", colSpan: 2, wrap: false }] });
  return {
    name: "工程表", widths, rows, fontSize: size,
    freeze: { rows: 2, cols: 2 },
    print: print(ctx, plan, "A3", [2, 2]),
  };
}

function departmentSheet(plan: Plan, ctx: RenderContext): SheetSpec {
  const size = ctx.theme.sizes.table;
  const years = yearsOf(plan.plan.period);
  const w = (em: number) => widthForEm(em, size);
  const widths = [w(11), w(3), w(24), w(14), ...years.map(() => w(7))];
  const rows: RowSpec[] = [header(ctx, ["担当課", "No", "事業名", "共同担当課", ...years.map(yearLabel)])];
  for (const g of departmentGroups(plan, ctx.config)) {
    for (const p of g.projects) {
      rows.push({ cells: [
        cell(g.department), cell(p.no, { align: "center" }), cell(p.name),
        cell(departmentsText(p, ctx.config.allDepartmentsMarker, g.department)),
        ...years.map((y) => cell(plannedLabel(p, y), { align: "center" })),
      ] });
    }
  }
  return {
    name: "担当課別", widths, rows, fontSize: size,
    freeze: { rows: 1, cols: 1 },
    autoFilter: { headerRow: 1, lastRow: rows.length },
    print: print(ctx, plan, "A4", [1, 1]),
  };
}

function treeSheet(plan: Plan, ctx: RenderContext): SheetSpec {
  const size = ctx.theme.sizes.table + 1;
  const w = (em: number) => widthForEm(em, size);
  const rows: RowSpec[] = [header(ctx, ["区分", "番号", "名称", "事業数", "事業No"])];
  const kinds = ["基本方針", "施策", "取組"] as const;
  for (const r of policyTree(plan)) {
    const indent = "　".repeat(r.level);
    const fill = r.level === 0 ? ctx.theme.colours.groupFill : r.level === 1 ? ctx.theme.colours.zebra : undefined;
    const extra: Partial<CellSpec> = { ...(fill ? { fill } : {}), ...(r.level < 2 ? { bold: true } : {}) };
    rows.push({ cells: [
      cell(`${indent}${kinds[r.level]}`, extra), cell(r.number, { ...extra, align: "center" }), cell(`${indent}${r.title}`, extra),
      cell(r.count, { ...extra, align: "right" }), cell(r.projects.join(", "), extra),
    ] });
  }
  return {
    name: "体系", widths: [w(7), w(3), w(34), w(4), w(16)], rows, fontSize: size,
    freeze: { rows: 1, cols: 0 },
    print: print(ctx, plan, "A4", [1, 1]),
  };
}

function diagnosticsSheet(plan: Plan, ctx: RenderContext): SheetSpec {
  const size = ctx.theme.sizes.table;
  const w = (em: number) => widthForEm(em, size);
  const severity = { error: "エラー", warning: "警告", info: "情報" } as const;
  const rows: RowSpec[] = [header(ctx, ["重要度", "コード", "場所", "No", "内容", "対処"])];
  for (const d of plan.diagnostics) {
    rows.push({ cells: [
      cell(severity[d.severity]), cell(d.code), cell(placeText(d)), cell(d.projectNo ?? null, { align: "center" }),
      cell(d.message), cell(d.hint ?? null),
    ] });
  }
  if (plan.diagnostics.length === 0) rows.push({ cells: [cell("診断はありません。", { colSpan: 6 })] });
  return {
    name: "診断", widths: [w(4), w(4), w(16), w(3), w(36), w(20)], rows, fontSize: size,
    freeze: { rows: 1, cols: 0 },
    ...(plan.diagnostics.length > 0 ? { autoFilter: { headerRow: 1, lastRow: rows.length } } : {}),
    print: print(ctx, plan, "A4", [1, 1]),
  };
}
