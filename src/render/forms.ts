// The departments' progress forms: one workbook per department for a fiscal year, with the
// layout of src/forms/layout.ts, a protected sheet whose input cells alone are editable, and
// the metadata the progress reader checks (src/forms/meta.ts). The words are in
// templates/forms/wording.json (src/forms/wording.ts checks them).
import type { Plan } from "../model/schema.js";
import { documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { wareki } from "../fiscal.js";
import { lockedCellsChecksum, type FormCell } from "../forms/checksum.js";
import { FORM_COLUMNS, FORM_SHEET, type FormColumnKey, formColumn, HEADER_ROW, INSTRUCTIONS_FIRST_ROW, META_SHEET, TITLE_ROW } from "../forms/layout.js";
import { metaRows } from "../forms/meta.js";
import { formView, type FormRow, type FormView } from "../forms/view.js";
import { type FormWording, formWording } from "../forms/wording.js";
import { departmentFileNames } from "../views/department.js";
import { ReportedError } from "../errors.js";
import type { Wording } from "../templates/wording.js";
import { inlineListFormula, writeWorkbook } from "./xlsx/excel.js";
import type { CellSpec, RowSpec, SheetSpec } from "./xlsx/spec.js";
import { columnsWidthPt, nameLines, widestNameEm, widthForEm } from "./xlsx/metrics.js";
import { sheetRef } from "./xlsx/zip.js";

const NCOLS = FORM_COLUMNS.length;

export async function renderForms(plan: Plan, ctx: RenderContext, year: number, opts: { sample?: boolean } = {}): Promise<OutputFile[]> {
  const { start, end } = plan.plan.period;
  if (year < start || year > end) {
    ctx.diagnostics.add("PP530", { file: "--year" }, { year: wareki(year), period: `${wareki(start)}～${wareki(end)}` },
      { actual: String(year), expected: `${start}–${end}` });
    throw new ReportedError();
  }
  const w = formWording(ctx);
  const names = departmentFileNames(plan, ctx.config, ".xlsx");
  const out: OutputFile[] = [];
  for (const [department, file] of names) {
    const view = formView(plan, department, year, ctx.config);
    out.push({ path: file, data: await renderForm(plan, ctx, w, view, opts.sample ?? false) });
  }
  return out;
}

/** The values a form's texts may insert ({{year}}, {{department}}, …). */
function vars(plan: Plan, ctx: RenderContext, w: Wording<FormWording>, view: FormView, sample: boolean) {
  return {
    plan: plan.plan.title, year: wareki(view.year), department: view.department,
    statuses: ctx.config.progressStatuses.join("／"), marker: ctx.config.allDepartmentsMarker,
    sample: sample ? w.words.sampleMark : "",
  };
}

/**
 * The locked cells of the form a department was sent for `year`, as written: the progress reader
 * compares a returned form with them to name a locked cell that was changed (PP608). Null for a
 * department the plan does not have.
 */
export function formLockedCells(plan: Plan, ctx: RenderContext, department: string, year: number, sample: boolean): FormCell[] | null {
  if (!plan.departments.includes(department)) return null;
  const w = formWording(ctx);
  return cellsOf(formSheet(plan, ctx, w, formView(plan, department, year, ctx.config), sample).rows);
}

/** The form sheet's rows and what laying them out decided (the words' values, widths, list). */
function formSheet(plan: Plan, ctx: RenderContext, w: Wording<FormWording>, view: FormView, sample: boolean) {
  const v = vars(plan, ctx, w, view, sample);
  const statuses = ctx.config.progressStatuses;
  // Statuses that do not fit an inline list are listed on the metadata sheet (column D).
  const inline = inlineListFormula(statuses);
  const listFormula = inline ?? sheetRef(META_SHEET, `$D$1:$D$${statuses.length}`);
  const size = ctx.theme.sizes.table + 1;
  // The 共同担当課 column holds the plan's widest department name whole (names break between them).
  const widths = FORM_COLUMNS.map((c) => (c.key === "coDepartments"
    ? Math.max(c.width, widthForEm(widestNameEm([...plan.departments, ctx.config.allDepartmentsMarker]), size)) : c.width));
  const rows = formRows(ctx, w, v, view, listFormula, (names) => nameLines(names, columnsWidthPt([widths[formColumn("coDepartments") - 1]!]), size));
  return { v, inline, size, widths, rows };
}

async function renderForm(plan: Plan, ctx: RenderContext, w: Wording<FormWording>, view: FormView, sample: boolean): Promise<Uint8Array> {
  const { v, inline, size, widths, rows } = formSheet(plan, ctx, w, view, sample);
  const statuses = ctx.config.progressStatuses;
  const checksum = lockedCellsChecksum(cellsOf(rows));
  const meta: RowSpec[] = metaRows({ plan: plan.plan.title, fiscalYear: view.year, department: view.department, checksum, sample })
    .map(([k, v], i) => ({ cells: [{ value: k, wrap: false }, { value: v, wrap: false }, null, inline ? null : { value: statuses[i] ?? null, wrap: false }] }));
  for (let i = meta.length; !inline && i < statuses.length; i++) meta.push({ cells: [null, null, null, { value: statuses[i] ?? null, wrap: false }] });
  const page = ctx.theme.pages.department ?? { size: "A4", orientation: "landscape", margins: [36, 48, 36, 40] as const };
  const form: SheetSpec = {
    name: FORM_SHEET,
    widths,
    rows,
    freeze: { rows: HEADER_ROW, cols: 0 },
    print: { paper: page.size, orientation: "landscape", margins: page.margins, titleRows: [HEADER_ROW, HEADER_ROW], headerLeft: w.fill(w.words.pageHeader, v) },
    protect: true,
    fontSize: size,
  };
  return writeWorkbook({
    title: w.fill(w.words.documentTitle, v),
    creator: documentAuthor(ctx.config, plan.plan.title),
    date: ctx.documentDate,
    font: ctx.theme.excelFont,
    ruleColour: ctx.theme.colours.rule,
    sheets: [form, { name: META_SHEET, widths: [12, 40, 2, 16], rows: meta, state: "veryHidden", fontSize: 10 }],
    // the instructions forbid renaming or adding sheets: Excel enforces it
    lockStructure: true,
  });
}

/** The form sheet's cells as the checksum sees them (the values written, row by row). */
function cellsOf(rows: RowSpec[]): FormCell[] {
  return rows.flatMap((r, ri) => r.cells.flatMap((c, ci) =>
    c && c.value !== null ? [{ row: ri + 1, col: ci + 1, value: typeof c.value === "object" ? { formula: c.value.formula } : c.value }] : []));
}

function formRows(ctx: RenderContext, w: Wording<FormWording>, v: ReturnType<typeof vars>, view: FormView, listFormula: string,
  departments: (names: readonly string[]) => string): RowSpec[] {
  const c = ctx.theme.colours;
  const words = w.words;
  const line = (value: string, extra: Partial<CellSpec> = {}): RowSpec => ({ cells: [{ value, colSpan: NCOLS, ...extra }] });
  const rows: RowSpec[] = [];
  rows[TITLE_ROW - 1] = line(w.fill(words.title, v), { bold: true, size: ctx.theme.sizes.h3 + 2 });
  words.instructions.forEach((t, i) => { rows[INSTRUCTIONS_FIRST_ROW - 1 + i] = line(w.fill(t, v)); });
  for (let i = 0; i < HEADER_ROW - 1; i++) rows[i] ??= { cells: [] };
  rows[HEADER_ROW - 1] = {
    cells: FORM_COLUMNS.map((col) => ({
      value: w.fill(words.columns[col.key], v),
      bold: true, fill: c.headerFill, border: "thin", align: "center", valign: "middle",
    })),
  };
  // Locked cells visibly grey (the zebra tint vanished on paper), input cells white: the header's
  // grey, light enough that black text and the cell rules stay legible on a photocopy (the group
  // rows' slate grey, the rules' own colour, hid the rules and the example's grey text).
  const locked = (value: string | number, extra: Partial<CellSpec> = {}): CellSpec => ({ value, fill: c.headerFill, border: "thin", ...extra });
  const input = (): CellSpec => ({ value: null, unlocked: true, border: "thin" });
  // The example row has no number in the No column (FormWording refuses one), so no reader
  // takes it for a report.
  const example = (key: Exclude<FormColumnKey, "status">, extra: Partial<CellSpec> = {}) =>
    locked(w.fill(words.example[key], v), { italic: true, color: c.muted, ...extra });
  rows.push({ cells: [
    example("no", { align: "center" }), example("name"), example("planned"), example("coDepartments"),
    locked(ctx.config.progressStatuses[1] ?? ctx.config.progressStatuses[0] ?? "", { italic: true, color: c.muted }),
    example("result"), example("issues"), example("direction"),
  ] });
  // Room for a few lines of 実績 written by hand on a printed form (three at 7 mm), or six typed.
  const projectRow = (r: FormRow): RowSpec => ({ minLines: 6, cells: [
    locked(r.no, { align: "center" }), locked(r.name), locked(r.planned || words.nothingPlanned), locked(departments(r.coDepartments)),
    { ...input(), list: { formula: listFormula, title: words.statusList.title, error: words.statusList.error } },
    input(), input(), input(),
  ] });
  rows.push(line(w.fill(words.ownSection, { ...v, count: view.own.length }), { bold: true, fill: c.headerFill, border: "thin" }));
  rows.push(...view.own.map(projectRow));
  if (view.common.length > 0) {
    rows.push(line(w.fill(words.commonSection, { ...v, count: view.common.length }), { bold: true, fill: c.headerFill, border: "thin" }));
    rows.push(...view.common.map(projectRow));
  }
  return rows;
}
