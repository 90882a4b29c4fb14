// A template's place for a schedule table (a "slot"): a `table` node whose only row is
// `["@name", …args]`. The 工程表 and the department sheets draw their schedule tables there
// (schedule-table.ts); template-nodes.ts checks a template's slots as it renders it, so `check`
// tells a misspelt slot as the build would, without drawing.
import { type RenderContext, shownPath } from "../context.js";
import { ReportedError } from "../errors.js";
import { templatePlace } from "../templates/engine.js";
import { type DocNode, isSlot } from "../templates/primitives.js";

/** A slot: its name and arguments, the header giving its text columns' titles (staff retitle them in the template). */
export interface Slot {
  name: string; args: string[]; header: string[]; groups: { text: string; subheadings: string[] }[]; continued?: string;
  /** Where the template wrote it. */
  place: { file: string; line?: number };
}

export function slotOf(node: DocNode, ctx: RenderContext): Slot | null {
  if (node.type !== "table" || !isSlot(node)) return null;
  const cells = node.rows[0]!.map((c) => (typeof c === "string" ? c : ""));
  const name = cells[0]!;
  const place = templatePlace(node) ?? { file: shownPath(ctx, ctx.templatesDir) };
  return { name: name.slice(1), args: cells.slice(1), header: node.header, groups: node.groupHeadings ?? [], place,
    ...(node.continued !== undefined ? { continued: node.continued } : {}) };
}

/**
 * The slots of a document's description: each one the document has (`known`; `@own` in the 工程表
 * is not), and the department a department sheet's `@own` or `@rest` names (its first argument)
 * one with a sheet (`departments`). A mistake is PP503 at the slot's line, naming what there is.
 */
export function checkSlots(nodes: readonly DocNode[], known: readonly string[], ctx: RenderContext, departments: readonly string[] = []): void {
  const ja = ctx.lang === "ja";
  for (const node of nodes) {
    const slot = slotOf(node, ctx);
    if (!slot) continue;
    if (!known.includes(slot.name)) {
      const list = known.map((k) => `@${k}`).join(", ");
      slotMistake(slot, ja ? `表の場所 "@${slot.name}" はこの資料にありません（使えるのは ${list}）` : `this document has no table "@${slot.name}" (one of ${list})`, ctx);
    }
    if ((slot.name === "own" || slot.name === "rest") && !departments.includes(slot.args[0] ?? "")) {
      slotMistake(slot, ja ? `@${slot.name} の担当課「${slot.args[0] ?? ""}」のシートがありません` : `@${slot.name} names no department sheet: ${slot.args[0] ?? "(none)"}`, ctx);
    }
  }
}

/** A template mistake in a slot: PP503 at the slot's file and line, and the run stops. */
function slotMistake(slot: Slot, reason: string, ctx: RenderContext): never {
  ctx.diagnostics.add("PP503", slot.place, { reason });
  throw new ReportedError();
}
