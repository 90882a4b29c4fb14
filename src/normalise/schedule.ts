// Schedule cells → phases with Western fiscal-year spans. In text input, where the export lost
// the merged cells, a label runs until the next label or the end of the period; in a workbook the
// merged range is the exact span. Text after ※ is the phase's note. Each label takes the category
// of the stage it names (category.ts), or the compound category when it names several.
import type { Config } from "../config/schema.js";
import type { RawScheduleCell } from "../ingest/rows.js";
import type { Phase } from "../model/schema.js";
import { categorise } from "./category.js";
import { cleanText } from "./text.js";

export function splitNote(text: string): { label: string; note?: string } {
  const i = text.search(/[※＊]/);
  if (i <= 0) return { label: cleanText(text) };
  const label = cleanText(text.slice(0, i));
  const note = cleanText(text.slice(i + 1));
  return note ? { label, note } : { label };
}


export interface ScheduleResult { phases: Phase[]; unknown: { label: string; cell: RawScheduleCell }[] }

export function buildSchedule(cells: RawScheduleCell[], exactSpans: boolean, period: { start: number; end: number }, config: Config): ScheduleResult {
  const sorted = [...cells].sort((a, b) => a.year - b.year);
  const phases: Phase[] = [];
  const unknown: ScheduleResult["unknown"] = [];
  sorted.forEach((cell, i) => {
    const next = sorted[i + 1];
    const to = exactSpans
      ? Math.min(period.end, cell.year + (cell.span ?? 1) - 1)
      : (next ? next.year - 1 : period.end);
    const { label, note } = splitNote(cell.text);
    const category = categorise(label, config.phaseCategories, config.compoundCategory.id);
    if (category === null) unknown.push({ label, cell });
    const phase: Phase = { label: label || cell.text.trim(), from: cell.year, to: Math.max(cell.year, to), category: category ?? config.defaultCategory.id };
    if (note) phase.note = note;
    phases.push(phase);
  });
  return { phases, unknown };
}
