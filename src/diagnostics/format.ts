// The text form of diagnostics (diagnostics.md): sorted by place, one line each, the same
// message repeated collapsed into one line with a count.
import type { Lang } from "./bag.js";
import type { Diagnostic } from "./schema.js";

/** A file size as a diagnostic quotes it: 20.0 MB. */
export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Texts quoted in a message's language: 「a」「b」 or "a", "b". */
export const quoteList = (texts: readonly string[], lang: Lang): string =>
  (lang === "ja" ? texts.map((t) => `「${t}」`).join("") : texts.map((t) => `"${t}"`).join(", "));

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** A place as the user reads it: file:line:column or file#Sheet!A1. */
export function placeOf(d: Pick<Diagnostic, "file" | "line" | "column" | "sheet" | "cell">): string {
  if (d.sheet !== undefined || d.cell !== undefined) {
    return `${d.file}#${d.sheet ?? ""}${d.cell ? `!${d.cell}` : ""}`;
  }
  if (d.line !== undefined) return `${d.file}:${d.line}${d.column !== undefined ? `:${d.column}` : ""}`;
  return d.file;
}

/** Sorted by file, then line/column or sheet/cell, then severity and code. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) =>
    a.file.localeCompare(b.file)
    || (a.sheet ?? "").localeCompare(b.sheet ?? "")
    || cellRow(a) - cellRow(b)
    || (a.line ?? 0) - (b.line ?? 0)
    || (a.column ?? 0) - (b.column ?? 0)
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || a.code.localeCompare(b.code));
}

function cellRow(d: Diagnostic): number {
  const m = /(\d+)$/.exec(d.cell ?? "");
  return m ? Number(m[1]) : 0;
}

export function formatDiagnostics(ds: readonly Diagnostic[], lang: Lang = "ja"): string {
  const lines: string[] = [];
  const counts = new Map<string, number>();
  const order: string[] = [];
  for (const d of sortDiagnostics(ds)) {
    let line = `${placeOf(d)}  ${d.severity}  ${d.code}  ${d.message}`;
    if (d.hint) line += `\n    ${d.hint}`;
    // Identical message text (place aside) collapses into one line with a count.
    const key = `${d.file}\u0000${d.severity}\u0000${d.code}\u0000${d.message}`;
    if (!counts.has(key)) { order.push(key); lines.push(line); }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out = order.map((key, i) => {
    const n = counts.get(key) ?? 1;
    const line = lines[i] ?? "";
    return n > 1 ? `${line} ${lang === "ja" ? `（ほか ${n - 1} 件）` : `(and ${n - 1} more)`}` : line;
  });
  return out.join("\n");
}

export function summary(ds: readonly Diagnostic[], lang: Lang = "ja"): string {
  const n = (s: Diagnostic["severity"]) => ds.filter((d) => d.severity === s).length;
  return lang === "ja"
    ? `エラー ${n("error")} 件、警告 ${n("warning")} 件、情報 ${n("info")} 件`
    : `${n("error")} error(s), ${n("warning")} warning(s), ${n("info")} info`;
}
