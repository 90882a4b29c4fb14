// Reading a JSON file a person edits (config, theme, wording): a syntax error is told in the
// user's language with its line and column, never as the parser's raw message.
import type { Lang } from "./diagnostics/bag.js";

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string; line?: number; column?: number };

export function parseJsonText(text: string, lang: Lang): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? Number(m[1]) : text.length;
    const before = text.slice(0, at).split("\n");
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    const reason = lang === "ja"
      ? `JSON の書き方に誤りがあります（${line} 行目 ${column} 文字目付近。引用符「"」やカンマの過不足を確認してください）`
      : `JSON syntax error near line ${line}, column ${column} (check quotes and commas)`;
    return { ok: false, reason, line, column };
  }
}
