// A handlebars (or helper) error in the words of the staff who edit templates and wording files:
// what is wrong in Japanese, the raw message kept only as a trailing detail.
import type { Kind } from "./helper-args.js";
import { blankComments, markWidth } from "./located-json.js";
import { nearest } from "../nearest.js";

/** The kinds of value helpers take, as staff read them. */
const KIND_JA: Record<Kind, string> = {
  year: "年度（2026 のような数）", period: "期間（period のように start と end のある値）", date: "日付（2026-11-24 の形）",
  number: "数", text: "文字か数（一覧は join でつなぎます）", list: "一覧",
};

/** The mustache or subexpression at a line and column of `source`: `{{json titel}}`, `(years title)`. */
function mustacheAt(source: string | undefined, line: number, column: number): string | undefined {
  const text = source?.split("\n")[line - 1]?.slice(column) ?? "";
  return /^\{\{\{[^}]*\}\}\}|^\{\{[^}]*\}\}|^\([^()]*\)/.exec(text)?.[0];
}

/**
 * Where a template reads `name` past a level that is not there, as `source` writes it: `../name`
 * with no level above (a partial starts its own levels), or `a.b.name` with `a.b` missing. Either
 * is a JavaScript error naming `name` only, without a place. Comments are left out.
 */
export function readsPast(source: string, name: string): { index: number; path: string; upward: boolean }[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const path = new RegExp(`(?<![\\w.@/\\]-])((?:\\.\\./)+|@?[\\w-]+(?:\\.(?:\\[[^\\]]*\\]|[\\w-]+))*\\.)${escaped}(?![\\w-])`, "g");
  return [...blankComments(source).matchAll(path)].map((m) => ({ index: m.index, path: m[0], upward: m[1]!.startsWith("../") }));
}

/**
 * The innermost block a template opens and never closes (`{{#if a}}` without `{{/if}}`), with its
 * line: handlebars says only that the file ended early, at its last line.
 */
function unclosedBlock(source: string): { tag: string; name: string; line: number } | undefined {
  const visible = blankComments(source);
  const open: { tag: string; name: string; line: number }[] = [];
  for (const m of visible.matchAll(/\{\{~?\s*(?:([#^])\s*[>*]?\s*([^\s}~]+)[^}]*|\/\s*([^\s}~]+)\s*~?)\}\}/g)) {
    if (m[3] !== undefined) {
      if (open.at(-1)?.name === m[3]) open.pop();
      continue;
    }
    open.push({ tag: m[0], name: m[2]!, line: visible.slice(0, m.index).split("\n").length });
  }
  return open.at(-1);
}

/**
 * A placeholder written with one brace or full-width braces in a template's or wording text's
 * literal text (`{plan}}`, `｛｛title｝｝`): handlebars leaves it as text, printed as written. `named`
 * says whether the word inside is a value's or helper's name (words in braces that are not, {注},
 * are text). The reason, or undefined.
 */
export function braceSlip(text: string, named: (word: string) => boolean, lang: string): { index: number; said: string } | undefined {
  for (const m of text.matchAll(/[{｛]{1,2}\s*([^{}｛｝"\n]+?)\s*[}｝]{1,2}/g)) {
    const inner = m[1]!.trim();
    // {{name}} whole in text is one escaped on purpose (\{{name}})
    if (/^\{\{[^{}]*\}\}$/.test(m[0]) || !named(inner.split(/\s+/)[0]!)) continue;
    return { index: m.index, said: lang === "ja" ? `「${m[0]}」は差し込みになりません（そのまま印刷されます）。半角の {{${inner}}} と書いてください`
      : `"${m[0]}" is no placeholder (it is printed as written): write {{${inner}}}` };
  }
  return undefined;
}

/** Full-width signs typed (the IME left on) where a mustache's sign goes, and the sign meant. */
const WIDE_SIGNS: Record<string, string> = { "＞": ">", "＃": "#", "／": "/", "！": "!", "＾": "^" };

/**
 * A mustache opened with a full-width sign (`{{＞ cover}}`, `{{＃each …}}`, `{{／each}}`): handlebars
 * read a value named ＞, or stopped at a block it took as never opened. Comments are left out.
 */
export function wideSign(source: string, lang: string): { index: number; said: string } | undefined {
  const m = /\{\{~?\s*([＞＃／！＾])/.exec(blankComments(source));
  if (!m) return undefined;
  const half = WIDE_SIGNS[m[1]!]!;
  return { index: m.index, said: lang === "ja" ? `「{{${m[1]}」の「${m[1]}」が全角です。半角の ${half} で「{{${half}」と書いてください`
    : `"{{${m[1]}" has a full-width "${m[1]}": write the half-width ${half}, "{{${half}"` };
}

/** A parse error at the end of `source` for a block never closed: its opening line, and the closing tag to write. */
export function neverClosed(message: string, source: string, lang: string): { line: number; said: string } | undefined {
  const open = /'OPEN_ENDBLOCK', got 'EOF'/.test(message) ? unclosedBlock(source) : undefined;
  if (!open) return undefined;
  return { line: open.line, said: lang === "ja" ? `${open.tag} が閉じられていません（{{/${open.name}}} を書いてください）` : `${open.tag} is never closed (write {{/${open.name}}})` };
}

/**
 * A handlebars (or helper) error in the staff's words: what is wrong in Japanese, the raw
 * message kept only as a trailing detail for whoever maintains the templates.
 */
export function templateReason(raw: string, lang: string, source?: string, helpers: readonly string[] = []): string {
  // columns as the file has them: line marks stand before each line compiled and after some blocks' tags
  const lines = source?.split("\n");
  const detail = raw.replace(/ in \[object Object\]/, "").replace(/ - (\d+):(\d+)/g, (_, line: string, column: string) =>
    ` - ${line}:${Math.max(0, Number(column) - markWidth(lines?.[Number(line) - 1] ?? "", Number(column)))}`).replace(/\s+/g, " ").trim();
  if (lang !== "ja") return detail;
  const said = (ja: string) => `${ja}（詳細: ${detail}）`;
  let m: RegExpExecArray | null;
  if ((m = /"([^"]+)" not defined/.exec(raw))) {
    // a name called with a value after it (`(concatt title "…")`) is a helper misspelt, not a missing value
    const name = m[1]!;
    const called = new RegExp(`(?:\\(|\\{\\{[#~]?)\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+[^\\s)}]`).test(source ?? "");
    const helper = called ? nearest(name, helpers) : undefined;
    if (helper) return said(`「${name}」という関数（ヘルパー）はありません（「${helper}」ではありませんか）`);
    return said(`「${name}」という値はありません。綴りを確認してください`);
  }
  if ((m = /a value given to (?:a helper|\w+) is not defined - (\d+):(\d+)/.exec(raw))) {
    // Name the mustache at that place, e.g. {{json titel}}: staff see which value is misspelt.
    const mustache = mustacheAt(source, Number(m[1]), Number(m[2]));
    if (mustache?.startsWith("{{>")) return said(`${mustache} で部品テンプレートに渡す値がありません。綴りと番号（chapters.[0] が 1 番目）を確認してください`);
    return said(`${mustache ? `${mustache} の` : "関数（ヘルパー）に渡した"}値がありません。綴りを確認してください`);
  }
  if ((m = /the helper "([^"]+)" takes an? (\w+), not (.*) - (\d+):(\d+)$/.exec(raw))) {
    const mustache = mustacheAt(source, Number(m[4]), Number(m[5])) ?? `{{${m[1]}}}`;
    return said(`${mustache} に渡した値 ${m[3]} は${KIND_JA[m[2] as Kind] ?? m[2]}ではありません。渡す値を確認してください`);
  }
  if ((m = /^a (list|group of values)(?: \(([^)]*)\))? is written without json - (\d+):(\d+)$/.exec(raw))) {
    // `{{departments}}` in a "text": say how to write it as text, or whole with json
    const mustache = mustacheAt(source, Number(m[3]), Number(m[4])) ?? "{{…}}";
    const inner = mustache.replace(/^\{\{\{?~?\s*|\s*~?\}?\}\}$/g, "");
    const value = /\s/.test(inner) ? `(${inner})` : inner;
    // (a helper's list, such as names', is no text to join)
    const join = value === inner ? `、文字につなぐなら {{join ${inner} "、"}}` : "";
    if (m[1] === "list") return said(`${mustache} の値は一覧なので、そのままでは文字になりません（「a,b」や [object Object] と印刷されます）。一覧のまま渡すなら {{json ${value}}}${join} と書いてください`);
    return said(`${mustache} の値は項目のまとまり（${m[2] ?? ""}）なので、そのままでは文字になりません（[object Object] と印刷されます）。中の値を {{${inner}.${m[2]?.split(", ")[0] || "…"}}} のように書くか、{{json ${value}}} と書いてください`);
  }
  if ((m = /^the value "([^"]*)" tested by #(\w+) is not defined/.exec(raw))) {
    return said(`{{#${m[2]} ${m[1]}}} の「${m[1]}」という値はありません。綴りを確認してください（#${m[2]} は値がないと黙って「なし」として扱い、囲んだ部分が印刷されませんでした）`);
  }
  if ((m = /Missing helper: "([^"]+)"/.exec(raw))) {
    const helper = nearest(m[1]!, helpers);
    return said(`「${m[1]}」という関数（ヘルパー）はありません${helper ? `（「${helper}」ではありませんか）` : ""}`);
  }
  // `../title` where there is no level above (a partial starts its own levels): a JavaScript error without a place
  if ((m = /^Cannot read properties of (?:undefined|null) \(reading '([^']+)'\)/.exec(raw))) {
    // `cover.nothing.bar`: a value on the way is missing (it had been told as a `../bar`)
    const uses = source === undefined ? [] : readsPast(source, m[1]!);
    if (uses.length && uses.every((u) => !u.upward)) {
      const paths = [...new Set(uses.map((u) => u.path))];
      return said(`${paths.map((p) => `「${p}」`).join("・")}の途中の値（${paths.map((p) => p.slice(0, -m![1]!.length - 1)).join("・")}）がありません。綴りを確認してください`);
    }
    return said(`「../${m[1]}」のように上の階層の値を読んでいますが、ここにその階層はありません（部品テンプレートの中は呼ばれた所から数えます。全体の値は @root.${m[1]} で読めます）`);
  }
  // `{{!-- …` never closed by `--}}` (or closed by `}}` alone): handlebars says only 「Unrecognized text」
  if (/^Lexical error/.test(raw) && source !== undefined && /\{\{~?!--(?![\s\S]*--~?\}\})/.test(source)) {
    return said("コメント {{!-- が閉じられていません。{{!-- で始めたコメントは --}} で閉じてください（}} だけでは閉じません）");
  }
  if ((m = /The partial (\S+) could not be found/.exec(raw))) return said(`部品テンプレート「${m[1]}」（${m[1]}.hbs）がありません`);
  if (/Parse error|Expecting|doesn't match|Invalid path/.test(raw)) return said("{{ }} の書き方に誤りがあります（閉じ忘れ、#if と /if の対応など）");
  return said("テンプレートを処理できません");
}

