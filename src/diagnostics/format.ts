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

/**
 * Control characters (C0 but tab, DEL, C1) and direction overrides, which a hostile or broken file
 * carries in a sheet's name (`&#x1b;`), a returned file's name or a quoted text: shown as visible
 * signs (ESC as ␛, a line break as ␊). Sent as they were, an ESC sequence recoloured, moved or
 * cleared the terminal and a line break faked a line of its own (「x!A3  info …」).
 */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
export const printable = (text: string): string => text.replace(UNPRINTABLE, (c) => {
  const code = c.charCodeAt(0);
  return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\uFFFD";
});

/** Places of a collapsed line's others named after its count (errors and warnings; an info only counts). */
const OTHERS_NAMED = 5;

/**
 * Identical message text (place aside) collapses into one line, the count after the message (not
 * after its hint); an error's or a warning's other places are named (up to OTHERS_NAMED), as each
 * is to be fixed or checked: two rows refused had been told as the first and 「（ほか 1 件）」.
 */
export function formatDiagnostics(ds: readonly Diagnostic[], lang: Lang = "ja"): string {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(ds)) {
    const key = `${d.file}\u0000${d.severity}\u0000${d.code}\u0000${d.message}`;
    const group = groups.get(key);
    if (group) group.push(d); else groups.set(key, [d]);
  }
  return [...groups.values()].map(([d, ...others]) => {
    let line = `${printable(placeOf(d!))}  ${d!.severity}  ${d!.code}  ${printable(d!.message)}`;
    if (others.length) {
      // (the file left out of the others' places: the first names it)
      const named = d!.severity === "info" ? [] : others.slice(0, OTHERS_NAMED).map((o) => printable(placeOf(o).slice(o.file.length).replace(/^[:#]/, ""))).filter(Boolean);
      const more = named.length < others.length && named.length ? (lang === "ja" ? "、…" : ", …") : "";
      const places = named.length ? `: ${named.join(lang === "ja" ? "、" : ", ")}${more}` : "";
      line += lang === "ja" ? ` （ほか ${others.length} 件${places}）` : ` (and ${others.length} more${places})`;
    }
    if (d!.hint) line += `\n    ${printable(d!.hint)}`;
    return line;
  }).join("\n");
}

export function summary(ds: readonly Diagnostic[], lang: Lang = "ja"): string {
  const n = (s: Diagnostic["severity"]) => ds.filter((d) => d.severity === s).length;
  return lang === "ja"
    ? `エラー ${n("error")} 件、警告 ${n("warning")} 件、情報 ${n("info")} 件`
    : `${n("error")} error(s), ${n("warning")} warning(s), ${n("info")} info`;
}
