// The 工程表 (gantt.pdf, A3 landscape): every project grouped by policy › measure under group
// heading rows, the column headings repeated on each page, rows never split, each row's schedule
// drawn by the shared strip. Words and order come from templates/gantt/; this file only draws.
import type { TableCell } from "pdfmake/interfaces.js";
import type { Plan } from "../model/schema.js";
import { hasLevel } from "../model/schema.js";
import type { GanttView } from "../views/gantt.js";
import { documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { createPdf } from "./pdf/document.js";
import { schedulePatterns } from "./pdf/schedule.js";
import { drawnCategories } from "./phases.js";
import { capacityOf, departmentRuns, phraseRuns } from "./pdf/text.js";
import {
  drawWithSlots, hostHeader, hostWidths, keepingHeadings, nameRuns, spanningCells, stripCells, textColumns,
  type HostRow, type SlotTable,
} from "./schedule-table.js";
import { scheduleRowHeight } from "./schedule-table.js";
import type { Slot } from "./slots.js";
import { ganttNodes } from "./template-nodes.js";

const KIND = "gantt";

/** Text columns: No, name, departments (pt); the fiscal years share the rest of the A3 width. */
const TEXT_COLUMNS = [22, 300, 150] as const;

function projectsTable(view: GanttView, slot: Slot, fixed: readonly [number, number, number], ctx: RenderContext): SlotTable {
  const { theme } = ctx;
  const size = theme.sizes.gantt;
  const { widths, yearWidth } = hostWidths(KIND, fixed, view.period, ctx);
  const columns = widths.length;
  const rows: HostRow[] = [];
  // A row taller than a page (a name of a thousand characters) may break: kept whole, pdfmake had
  // dropped it from the 工程表 without a word.
  let tallest = 0;
  // The group rows' words come from the template (slot.groups); without them, the bare names.
  for (const [pi, policy] of view.policies.entries()) {
    const words = slot.groups[pi];
    const policyRow = rows.length;
    rows.push({ heading: true, cells: spanningCells({ text: phraseRuns(words?.text ?? policy.policy), bold: true, fontSize: size + 1, fillColor: theme.colours.groupFill } as TableCell, columns) });
    for (const [mi, group] of policy.measures.entries()) {
      const heading = words?.subheadings[mi] ?? group.measure.title;
      // a plan of one level has no 施策: its projects follow the 基本方針's row (no empty group row)
      const measureRow = hasLevel(group.measure) ? rows.length : null;
      if (measureRow !== null) rows.push({ heading: true, under: [policyRow], cells: spanningCells({ text: phraseRuns(heading), bold: true, fontSize: size, fillColor: theme.colours.zebra, margin: [10, 0, 0, 0] } as TableCell, columns) });
      for (const row of group.rows) {
        tallest = Math.max(tallest, scheduleRowHeight(row, fixed, { name: size + 1, text: size }, view.period, yearWidth, theme.lineHeight));
        rows.push({ heading: false, under: measureRow === null ? [policyRow] : [policyRow, measureRow], cells: [
          { text: String(row.no), alignment: theme.numberAlign, fontSize: size } as TableCell,
          { text: nameRuns(row, ctx, capacityOf(fixed[1], size + 1), size + 1), fontSize: size + 1 } as TableCell,
          { text: departmentRuns(row.departments, capacityOf(fixed[2], size)), fontSize: size } as TableCell,
          ...stripCells(row.schedule, view.period, yearWidth, size, ctx),
        ] });
      }
    }
  }
  const categories = drawnCategories(view.policies.flatMap((p) => p.measures.flatMap((m) => m.rows.map((r) => r.schedule))), view.period);
  return { header: hostHeader(slot.header, view.period, ctx, size + 1, yearWidth), rows, widths, fixed: fixed.length, categories, tallest };
}

export async function renderGantt(plan: Plan, ctx: RenderContext): Promise<OutputFile[]> {
  const { view, nodes } = ganttNodes(plan, ctx);
  const fixed = textColumns(TEXT_COLUMNS, plan, ctx.theme.sizes.gantt, KIND, ctx);
  const content = keepingHeadings((breaks) => drawWithSlots(nodes, plan, KIND, ctx, (slot) => projectsTable(view, slot, fixed, ctx), breaks));
  const data = await createPdf(
    { kind: KIND, content, headerTitle: view.title, patterns: schedulePatterns() },
    { title: `${view.title} 工程表`, author: documentAuthor(ctx.config, view.title), lang: "ja" },
    ctx,
  );
  return [{ path: "gantt.pdf", data }];
}
