// The departments' progress forms: one workbook per department for a fiscal year, with the
// layout of src/forms/layout.ts, a protected sheet whose input cells alone are editable, and
// the metadata the progress reader checks (src/forms/meta.ts).
import type { Plan } from "../model/schema.js";
import type { OutputFile, RenderContext } from "./context.js";
import { wareki } from "../fiscal.js";
import { uniqueFileNames } from "../output/filename.js";
import { lockedCellsChecksum, type FormCell } from "../forms/checksum.js";
import { FORM_COLUMNS, FORM_SHEET, HEADER_ROW, INSTRUCTIONS_FIRST_ROW, META_SHEET, TITLE_ROW } from "../forms/layout.js";
import { metaRows } from "../forms/meta.js";
import { formView, type FormRow, type FormView } from "../forms/view.js";
import { inlineListFormula, writeWorkbook } from "./xlsx/excel.js";
import type { CellSpec, RowSpec, SheetSpec } from "./xlsx/spec.js";
import { sheetRef } from "./xlsx/zip.js";

const NCOLS = FORM_COLUMNS.length;

export async function renderForms(plan: Plan, ctx: RenderContext, year: number, opts: { sample?: boolean } = {}): Promise<OutputFile[]> {
  const names = uniqueFileNames(plan.departments, ".xlsx");
  const out: OutputFile[] = [];
  for (const department of plan.departments) {
    const view = formView(plan, department, year, ctx.config);
    out.push({ path: names.get(department) ?? `${department}.xlsx`, data: await renderForm(plan, ctx, view, opts.sample ?? false) });
  }
  return out;
}

async function renderForm(plan: Plan, ctx: RenderContext, view: FormView, sample: boolean): Promise<Uint8Array> {
  const statuses = ctx.config.progressStatuses;
  // Statuses that do not fit an inline list are listed on the metadata sheet (column D).
  const inline = inlineListFormula(statuses);
  const listFormula = inline ?? sheetRef(META_SHEET, `$D$1:$D$${statuses.length}`);
  const rows = formRows(plan, ctx, view, sample, listFormula);
  const checksum = lockedCellsChecksum(cellsOf(rows));
  const meta: RowSpec[] = metaRows({ plan: plan.plan.title, fiscalYear: view.year, department: view.department, checksum, sample })
    .map(([k, v], i) => ({ cells: [{ value: k, wrap: false }, { value: v, wrap: false }, null, inline ? null : { value: statuses[i] ?? null, wrap: false }] }));
  for (let i = meta.length; !inline && i < statuses.length; i++) meta.push({ cells: [null, null, null, { value: statuses[i] ?? null, wrap: false }] });
  const page = ctx.theme.pages.department ?? { size: "A4", orientation: "landscape", margins: [36, 48, 36, 40] as const };
  const form: SheetSpec = {
    name: FORM_SHEET,
    widths: FORM_COLUMNS.map((c) => c.width),
    rows,
    freeze: { rows: HEADER_ROW, cols: 0 },
    print: { paper: page.size, orientation: "landscape", margins: page.margins, titleRows: [HEADER_ROW, HEADER_ROW], headerLeft: `${view.department}　${wareki(view.year)} 進捗報告` },
    protect: true,
    fontSize: ctx.theme.sizes.table + 1,
  };
  return writeWorkbook({
    title: `${plan.plan.title} ${wareki(view.year)} 進捗報告票（${view.department}）`,
    creator: ctx.config.document.author ?? ctx.config.document.issuer ?? "planpress",
    date: ctx.documentDate,
    font: ctx.theme.excelFont,
    ruleColour: ctx.theme.colours.rule,
    sheets: [form, { name: META_SHEET, widths: [12, 40, 2, 16], rows: meta, state: "veryHidden", fontSize: 10 }],
  });
}

/** The form sheet's cells as the checksum sees them (the values written, row by row). */
function cellsOf(rows: RowSpec[]): FormCell[] {
  return rows.flatMap((r, ri) => r.cells.flatMap((c, ci) =>
    c && c.value !== null ? [{ row: ri + 1, col: ci + 1, value: typeof c.value === "object" ? { formula: c.value.formula } : c.value }] : []));
}

function formRows(plan: Plan, ctx: RenderContext, view: FormView, sample: boolean, listFormula: string): RowSpec[] {
  const c = ctx.theme.colours;
  const y = wareki(view.year);
  const line = (value: string, extra: Partial<CellSpec> = {}): RowSpec => ({ cells: [{ value, colSpan: NCOLS, ...extra }] });
  const rows: RowSpec[] = [];
  rows[TITLE_ROW - 1] = line(`${sample ? "【記入例】" : ""}${y} 進捗報告票　${view.department}`, { bold: true, size: ctx.theme.sizes.h3 + 2 });
  const instructions = [
    `${plan.plan.title}の各事業について、${y}の進捗を記入してください。`,
    `・白い欄（進捗区分・実績・課題・今後の方向性）に記入してください。灰色の欄は変更できません。`,
    `・進捗区分は一覧（${ctx.config.progressStatuses.join("／")}）から選んでください。実績は${y}に行ったことを具体的に書いてください。`,
    `・「全庁共通（${ctx.config.allDepartmentsMarker}）」の事業は、取り組んだものがあれば記入してください（空欄のままでかまいません）。`,
    "・行や列の追加・削除、シート名の変更はしないでください（集計で読み取れなくなります）。",
  ];
  instructions.forEach((t, i) => { rows[INSTRUCTIONS_FIRST_ROW - 1 + i] = line(t); });
  for (let i = 0; i < HEADER_ROW - 1; i++) rows[i] ??= { cells: [] };
  rows[HEADER_ROW - 1] = {
    cells: FORM_COLUMNS.map((col) => ({
      value: col.key === "planned" ? `${col.label}（${y}）` : col.label,
      bold: true, fill: c.headerFill, border: "thin", align: "center", valign: "middle",
    })),
  };
  const locked = (value: string | number, extra: Partial<CellSpec> = {}): CellSpec => ({ value, fill: c.zebra, border: "thin", ...extra });
  const input = (): CellSpec => ({ value: null, unlocked: true, border: "thin" });
  // The example row has no number in the No column, so no reader takes it for a report.
  rows.push({ cells: [
    locked("記入例", { italic: true, color: c.muted, align: "center" }),
    locked("〇〇システムの導入", { italic: true, color: c.muted }),
    locked("構築", { italic: true, color: c.muted }), locked("", { italic: true }),
    locked(ctx.config.progressStatuses[1] ?? ctx.config.progressStatuses[0] ?? "", { italic: true, color: c.muted }),
    locked("仕様書を作成し、事業者を選定した。", { italic: true, color: c.muted }),
    locked("職員向け研修の日程調整", { italic: true, color: c.muted }),
    locked("運用開始に向けて操作研修を行う。", { italic: true, color: c.muted }),
  ] });
  const projectRow = (r: FormRow): RowSpec => ({ minLines: 3, cells: [
    locked(r.no, { align: "center" }), locked(r.name), locked(r.planned || "―"), locked(r.coDepartments),
    { ...input(), list: { formula: listFormula, title: "進捗区分", error: "一覧から選んでください。" } },
    input(), input(), input(),
  ] });
  rows.push(line(`担当事業（${view.own.length}件）`, { bold: true, fill: c.groupFill, border: "thin" }));
  rows.push(...view.own.map(projectRow));
  if (view.common.length > 0) {
    rows.push(line(`全庁共通（${ctx.config.allDepartmentsMarker}）の事業（${view.common.length}件）— 取り組んだものがあれば記入してください`, { bold: true, fill: c.groupFill, border: "thin" }));
    rows.push(...view.common.map(projectRow));
  }
  return rows;
}
