// Line breaking help shared by every PDF. pdfmake 0.3 already breaks by UAX #14 (禁則 included);
// what it allows and a reader dislikes is a break inside `令和8年度`, `3万人` or `JIS X 8341-3`,
// inside a word of a heading, name or label (モデル校によ/る試行, 情報政策/課), and a paragraph
// ending in a line of one character (る。). Those runs become `noWrap` inline runs here: pdfmake
// still applies 禁則 between runs (it joins the last and first words of neighbouring runs before
// it allows a break), so only breaks are removed, never added. Phrases come from BudouX (../phrases.ts).
// Never insert U+2060/U+200B/U+2011: BIZ UDPGothic has no glyph for them.
import type { Content } from "pdfmake/interfaces.js";
import type { Theme } from "../../theme/schema.js";
import { PHRASE_BREAK, phrases, scriptPieces } from "../phrases.js";
import { role } from "./tags.js";
import { BREAK_UNITS, NO_LINE_END, NO_LINE_START, textWidthEm } from "../xlsx/metrics.js";

export { phrases };

/** An inline run of text (pdfmake's `text` array element). */
export type Run = string | { text: string; noWrap?: boolean; wordBreak?: "break-all"; preserveLeadingSpaces?: boolean; bold?: boolean; color?: string; fontSize?: number; linkToDestination?: string; decoration?: "underline"; background?: string };

// Longer runs could not fit a narrow table cell and would overflow it: let those break.
export const MAX_KEEP = 16;
const UNIT = "(?:年度|年|か月|ヶ月|カ月|月|日|時間|万人|千人|人|万件|件|万円|億円|千円|円|%|％|回|校|館|課|箇所|か所|台|者|倍|割|GB|TB)";
const KEEP = new RegExp(
  [
    `(?:令和|平成|R)[0-9０-９元]{1,2}${UNIT}?`, // 令和8年度, R8
    `No\\.\\s?[0-9]+`, // No.12
    `第[0-9０-９]+(?:[期次号条章節回弾]|${UNIT})?`, // 第2期, 第3次, 第12回: an ordinal with its 第 (「第／2期」 had been broken)
    `[0-9０-９][0-9０-９,.，．]*${UNIT}`, // 3万人, 2026年度, 50%
    `[A-Za-z][A-Za-z0-9]*(?:(?: |-|/|・)[A-Za-z0-9][A-Za-z0-9.]*)+`, // JIS X 8341-3, eL-QR, AI-OCR, UI/UX
  ].join("|"),
  "g",
);

/** Text as inline runs in which numbers with their unit and short Latin names stay whole. */
export function keepRuns(text: string): Run[] {
  return keepTail(wordRuns(text));
}

/**
 * A Latin "word" longer than any real one (an ID, a code, a URL: a link to a 別紙 pasted into an
 * entry): UAX #14 allows no break inside it, or too few, so it ran past the line's end and off
 * the paper (part of a URL was never printed). It may break anywhere instead.
 */
const LONG_WORD = /[A-Za-z0-9_][A-Za-z0-9_./:%?=&#~+@-]{29,}/g;
const LONG_WORD_TAIL = 4;

/** keepRuns without the kept paragraph end. */
function wordRuns(text: string): Run[] {
  // a long word first: the names kept whole inside a URL (lg.jp/shisei) had left the rest of it unbreakable
  const out: Run[] = [];
  let at = 0;
  for (const m of text.matchAll(LONG_WORD)) {
    keptNames(text.slice(at, m.index), out);
    // its last characters kept together: a URL had ended on a line of its own letter (index.htm／l)
    out.push({ text: m[0].slice(0, -LONG_WORD_TAIL), wordBreak: "break-all" }, { text: m[0].slice(-LONG_WORD_TAIL), noWrap: true });
    at = m.index + m[0].length;
  }
  keptNames(text.slice(at), out);
  return out;
}

/** `text` with numbers and their units, and short Latin names, as runs kept whole. */
function keptNames(text: string, out: Run[]): void {
  let last = 0;
  for (const m of text.matchAll(KEEP)) {
    const word = m[0];
    if (word.length > MAX_KEEP) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ text: word, noWrap: true });
    last = m.index + word.length;
  }
  if (last < text.length) out.push(text.slice(last));
}

/**
 * A phrase longer than this may break inside: a long run of kanji (a compound BudouX does not cut)
 * would otherwise overflow a narrow cell.
 */
export const MAX_PHRASE = 12;

/** Characters of a paragraph's last phrase kept together, at least (no line of one or two characters). */
const TAIL_MIN = 3;
/** ... and at most: a longer tail would leave a ragged line above it. */
const TAIL_MAX = 7;
/** Only text that may wrap at all gets a kept tail. */
const TAIL_FROM = 12;

/**
 * Headings, titles, names, labels, table headers: broken only between BudouX's phrases (and as
 * 禁則 allows), each phrase of at most `capacity` characters kept whole; numbers with their units
 * and Latin names stay whole as in keepRuns. `capacity` is what the line or cell holds (a longer
 * phrase breaks inside rather than overflow): its width over the font size.
 */
export function phraseRuns(text: string, capacity: number = MAX_PHRASE): Run[] {
  const limit = Math.min(capacity, MAX_PHRASE);
  const out: Run[] = [];
  // after a kept run (a number, a Latin name), the text that follows it
  let afterKept = false;
  for (const kept of wordRuns(text)) {
    // A Latin name kept whole that is wider than the line breaks at its spaces and hyphens
    // (PoC（Proof of Concept） on a year's bar ran out over the next year's label).
    const wide = typeof kept !== "string" && kept.noWrap && textWidthEm(kept.text) > capacity;
    const run = wide ? kept.text : kept;
    if (typeof run !== "string") { out.push({ ...run }); afterKept = true; continue; }
    // a line break stays a plain string: a noWrap run would swallow it
    for (const part of run.split(/(\n)/)) {
      if (part === "\n") { out.push(part); afterKept = false; continue; }
      // a phrase with spaces in it (「　担当課別 工程表」) is its words, each kept whole: as one
      // plain string pdfmake had broken it anywhere (「工／程表」)
      const words = (p: string) => (/\s/.test(p) ? p.split(/(\s+)/u).filter(Boolean) : [p]);
      // (a kept run is no text for BudouX: it had cut 「令和10年度」 as 「令和1／0年度」, inside the number)
      for (const phrase of (wide ? [part] : phrases(part)).flatMap(words).flatMap((p) => (p.length > limit ? p.split(PHRASE_BREAK) : [p])).flatMap((p) => (p.length > limit ? scriptPieces(p, limit) : [p]))) {
        // A particle after a kept run goes with it (AI-OCRの, 令和8年度の): BudouX, given the text
        // after the run alone, took it for a phrase of its own, and a bar's label had a line of
        // 「の」 alone (「RPA・／AI-OCR／の／全庁展開」).
        const before = out.at(-1);
        if (afterKept && typeof before === "object" && /^\p{Script=Hiragana}+$/u.test(phrase) && textWidthEm(before.text + phrase) <= capacity) before.text += phrase;
        else out.push(phrase.length > 1 && phrase.length <= limit && !/\s/.test(phrase) ? { text: phrase, noWrap: true } : phrase);
        afterKept = false;
      }
    }
    if (wide) afterKept = true;
  }
  return merge(out);
}

/**
 * A title: phraseRuns, and a bracketed aside （…） that fits on a line kept whole, so a long title
 * breaks before the aside (「…計画 / （第八次総合情報化基本計画）」), not inside its compound words.
 */
export function titleRuns(text: string, capacity: number): Run[] {
  const out: Run[] = [];
  for (const part of text.split(/([（(][^（）()]*[）)])/u)) {
    if (!part) continue;
    const aside = /^[（(]/u.test(part) && part.length <= capacity;
    out.push(...(aside ? [{ text: part, noWrap: true }] : phraseRuns(part, capacity)));
  }
  return merge(out);
}

/**
 * Lines `runs` take in a box `widthPt` wide at `sizePt`, filled as pdfmake fills them: a noWrap
 * run whole, other text between characters (a Latin word whole), a character that starts no line
 * (、。）) going down with the one before it, as does one that ends none (「（) with the one after it. Widths are BIZ UDPゴシック's rounded up, so the count
 * errs high by a line at most now and then. (Width ÷ line plus a line for every wrapped paragraph
 * had left a third of the pages of a report of long entries blank.)
 */
export function runLines(runs: readonly Run[], widthPt: number, sizePt: number): number {
  const perLine = Math.max(1, widthPt / sizePt);
  let lines = 1;
  let used = 0;
  let before = { text: "", w: 0 }; // the unit last placed on the line
  const place = (unit: string): void => {
    const w = textWidthEm(unit);
    if (used > 0 && used + w > perLine) {
      lines++;
      // 禁則: the unit before it goes down with it (追い出し), unless that leaves its line empty
      const carried = (NO_LINE_START.test(unit) || NO_LINE_END.test(before.text)) && before.w < used ? before.w : 0;
      used = carried;
    }
    // a word wider than the line breaks inside
    if (w > perLine) { lines += Math.ceil((used + w) / perLine) - 1; used = (used + w) % perLine; } else used += w;
    before = { text: unit, w };
  };
  for (const run of runs) {
    const text = typeof run === "string" ? run : run.text;
    const whole = typeof run !== "string" && run.noWrap === true;
    text.split("\n").forEach((part, i) => {
      if (i > 0) { lines++; used = 0; before = { text: "", w: 0 }; }
      if (whole) { if (part) place(part); } else for (const unit of part.match(BREAK_UNITS) ?? []) place(unit);
    });
  }
  return lines;
}

/** Neighbouring plain strings as one (pdfmake measures a run at a time). */
function merge(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (typeof r === "string" && typeof last === "string") out[out.length - 1] = last + r;
    else if (r !== "") out.push(r);
  }
  return out;
}

/** The end of a running text kept on one line: its last phrase, or the last two when that is very short. */
function keepTail(runs: Run[]): Run[] {
  const last = runs.at(-1);
  if (typeof last !== "string" || last.length < TAIL_FROM || /\n/.test(last.slice(-TAIL_MAX * 2))) return runs;
  // BudouX needs a few characters of context; the tail alone is enough to find the last phrase.
  const end = [...phrases(last.slice(-TAIL_MAX * 2))];
  let tail = end.pop() ?? "";
  while (tail.length < TAIL_MIN && end.length && tail.length + end.at(-1)!.length <= TAIL_MAX) tail = end.pop()! + tail;
  // a last phrase too long to keep (クラウドリフト。, 標準化・共通化。) keeps its last characters: its
  // end, 「ト。」 or 「化。」, had been a line of its own
  // (Latin words apart by spaces break at them: nothing kept)
  if (/\s/.test(tail)) return runs;
  if (tail.length > TAIL_MAX) tail = Array.from(tail).slice(-TAIL_MIN).join("");
  if (tail.length < 2) return runs;
  return [...runs.slice(0, -1), last.slice(0, last.length - tail.length), { text: tail, noWrap: true }];
}

/**
 * Where a department's name goes from one unit to the next: after 部 or 局 (not 部署, 部門), 課
 * (課 + 担当), 室, 係 or 担当 (not 室長, 担当課: …推進室／高齢者支援担当／子ども家庭…, which had
 * broken as 「…担当子／ども…」), or an organisation's or a district's word (…協議会／事務局,
 * 第2地区／まちづくり…, which had broken as 「まちづ／くり」).
 */
const UNIT_END = /(?<=[部局](?![署門分局長]))(?=\S)|(?<=課|協議会|委員会|センター|地区)(?=[^、，,])|(?<=[室係](?![長])|担当(?![課係室部長]))(?=[^、，,])/u;

/** Ideographic space: the indent of a long department name's later lines. */
const CONTINUED = "\u3000";

/**
 * Department names joined with 、: each name whole where `capacity` characters (its cell's width
 * over the font size) hold it, breaking only between names. Where a name is too long for a line,
 * every name starts a line of its own and the long one's later lines are indented: its pieces
 * had read as departments of their own (健康福祉部／子ども家庭支援センター／相談担当), and the next
 * name had gone on on its last line.
 */
export function departmentRuns(names: readonly string[], capacity: number, separator = "、"): Run[] {
  const texts = names.map((name, i) => (i < names.length - 1 ? name + separator : name));
  if (texts.every((t) => t.length <= capacity)) return texts.map((text) => ({ text, noWrap: true }));
  const out: Run[] = [];
  texts.forEach((text, i) => {
    if (i > 0) out.push("\n");
    if (text.length <= capacity) { out.push({ text, noWrap: true }); return; }
    // broken between its units (子ども家庭部／子ども子育て支援課), a unit too long for a line between
    // its phrases (a piece still too long, a run of kanji, cut at the line's length)
    const limit = Math.max(2, capacity - 1);
    // 禁則: no line starts with 、 or ）, the character before goes down with it (the separator
    // after 「…基盤担当係」 had been set alone on a line of a narrow 担当課 column)
    const cut = (t: string): string[] => {
      if (t.length <= limit) return [t];
      let at = limit;
      while (at > 1 && NO_LINE_START.test(t.slice(at))) at--;
      return [t.slice(0, at), ...cut(t.slice(at))];
    };
    const lines = [""];
    const place = (piece: string): void => {
      const last = lines.at(-1)!;
      if (last.length > 0 && last.length + piece.length > (lines.length === 1 ? capacity : limit)) {
        const down = NO_LINE_START.test(piece) && last.length > 1 ? 1 : 0;
        lines[lines.length - 1] = last.slice(0, last.length - down);
        lines.push(last.slice(last.length - down));
      }
      lines[lines.length - 1] += piece;
    };
    for (const unit of text.split(UNIT_END)) {
      if (unit.length <= limit) place(unit);
      else {
        // (on a line of its own: a line holding the end of one unit and the start of the next read as a name)
        if (lines.at(-1)!.length > 0) lines.push("");
        for (const r of phraseRuns(unit, limit)) for (const piece of cut(typeof r === "string" ? r : r.text)) place(piece);
      }
    }
    lines.forEach((line, k) => { if (k > 0) out.push("\n"); out.push(k > 0 ? { text: CONTINUED + line, noWrap: true, preserveLeadingSpaces: true } : { text: line, noWrap: true }); });
  });
  return out;
}

/** How many full-width characters of size `fontSize` a width (pt) holds. */
export const capacityOf = (width: number, fontSize: number): number => Math.floor(width / fontSize);

/**
 * A note after a name (its 再掲): smaller and muted, so the name reads first. Every document that
 * prints one (roadmaps, department sheets, the progress report) takes this style.
 */
const noteStyle = (theme: Theme): { color: string; fontSize: number } => ({ color: theme.colours.muted, fontSize: theme.sizes.small });

/**
 * A note after a name as runs in its style: kept whole when it fits the line that holds
 * `capacity` characters at the name's size (`nameSize`; the note's is smaller), so
 * 「（No.12の再掲）」 does not split into 「（No.12の / 再掲）」; a longer one breaks between phrases.
 */
export function noteRuns(text: string, theme: Theme, capacity: number = MAX_KEEP, nameSize: number = theme.sizes.table): Run[] {
  const style = noteStyle(theme);
  const fits = Math.floor((capacity * nameSize) / style.fontSize);
  if (text.trim().length <= fits) return [{ text, noWrap: true, ...style }];
  return phraseRuns(text, fits).map((r) => ({ ...(typeof r === "string" ? { text: r } : r), ...style }));
}

/** A paragraph (or table cell) of running text with keepRuns applied. */
export function richText(text: string, style: Record<string, unknown> = {}): Content {
  return { text: keepRuns(text), ...style } as Content;
}

/**
 * Bullet items with a hanging indent: the `・` is the item's marker in its own column, so wrapped
 * lines align under the text (a leading `・` typed in the data is taken as the marker, not text).
 */
export function bulletList(items: readonly string[], opts: { fontSize: number; marker?: string; gap?: number }): Content {
  const marker = opts.marker ?? "・";
  return role({
    stack: items.map((item) => role({
      columns: [
        role({ text: marker, width: opts.fontSize, fontSize: opts.fontSize }, "Lbl"),
        role({ text: keepRuns(item.replace(/^[・･•]\s*/, "")), width: "*", fontSize: opts.fontSize }, "LBody"),
      ],
      columnGap: 1,
      margin: [0, 0, 0, opts.gap ?? 1],
    }, "LI")),
  }, "L") as Content;
}
