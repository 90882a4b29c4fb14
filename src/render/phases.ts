// Which phases a document draws and which categories its legend lists: shared by the PDFs
// (pdf/schedule.ts) and the workbook's 工程表, so every legend names exactly what is drawn.
import type { Phase } from "../model/schema.js";
import type { RenderContext } from "../context.js";

export interface Period { start: number; end: number }

/** The categories of the phases drawn for `schedules` over the period. */
export function drawnCategories(schedules: Iterable<readonly Phase[]>, period: Period): Set<string> {
  const out = new Set<string>();
  for (const schedule of schedules) for (const p of schedule) if (clampPhase(p, period)) out.add(p.category);
  return out;
}

/** A phase cut to the plan period (a phase wholly outside it is not drawn). */
export function clampPhase(phase: Phase, period: Period): Phase | null {
  const from = Math.max(phase.from, period.start);
  const to = Math.min(phase.to, period.end);
  return from > to ? null : { ...phase, from, to };
}

/**
 * The categories a legend lists, in the config's order (stages, the compound, the default): those
 * of `drawn` only, so a legend names exactly what its document draws.
 */
export function legendEntries(ctx: RenderContext, drawn?: ReadonlySet<string>): { id: string; label: string }[] {
  const { config } = ctx;
  const all = [...config.phaseCategories.map((c) => ({ id: c.id, label: c.label })), config.compoundCategory, config.defaultCategory];
  return all.filter((e, i) => all.findIndex((o) => o.id === e.id) === i && (!drawn || drawn.has(e.id)));
}
