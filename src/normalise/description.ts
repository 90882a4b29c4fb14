// A project's description as items: marked items (・ ○ ◆ ■ － ※ ●), numbered items (1) (1) ① ア
// (ア)), one per line, the sentences inside `<ul>` residue, or one paragraph. A mark counts where
// it opens the text, a line, or follows white space or a 。; the mark of the first item decides
// which marks split (others stay inside the items, as sub-points), and it is stripped.
import { circledNumber } from "./hierarchy.js";
import { cleanText, stripHtml } from "./text.js";

const BULLETS = "・･•○◯〇◆◇■□●◎▪▶►➢－※-";
const MIDDLE_DOTS = "・･•";
const KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";

/** Where an item may begin: the text's start, after white space or a 。. */
const BOUNDARY = "(?<=^|[\\s\\u3000]|。)";
// Circled numbers need no boundary (①甲②乙): they are never part of a word; nor do (1) and 1. as
// one character, ⑴ and ⒈, as an IME offers them (⑴甲 ⑵乙 had been one item, its marks printed).
const MARKER = new RegExp(`${BOUNDARY}(?:([${BULLETS}])|[（(]([0-9０-９]{1,2}|[${KATAKANA}])[)）]|([0-9０-９]{1,2})(?:[)）]|[.．](?![0-9０-９]))|([${KATAKANA}])[.．)）\\s\\u3000])|([\\u2460-\\u2473])|([\\u2474-\\u249b])`, "gu");
/**
 * The numbered marks after the first, in a text a numbered mark opens: found anywhere, as items
 * written on in one line (（1）対象の拡大（2）周知, 1)窓口、2)予約) had been one item, the first mark
 * gone and the others kept. Only the next number in sequence is taken (see splitters).
 */
const NUMBERED_ANYWHERE = new RegExp(`[（(]([0-9０-９]{1,2}|[${KATAKANA}])[)）]|(?<![0-9０-９.．])([0-9０-９]{1,2})[)）]`, "gu");

/**
 * A line break before a mark that does not split (⏎　○細目, ⏎※注記): the sub-point stays in its
 * item after a space; a line break next to Japanese is otherwise a wrap, gluing it to the words before.
 */
const SUB_POINT = new RegExp(`[ \\t\\u3000]*\\r?\\n[\\s\\u3000]*(?=[${BULLETS}])`, "gu");

/**
 * A line break inside an item before a labelled line (`・説明⏎指標：申請件数`, `⏎【目標】…`, `⏎KPI:…`):
 * the line says something of its own, kept in its item after a space as a sub-point is. It had
 * been glued as a wrap: 「説明指標：申請件数」. Not after a particle or a comma (a wrap: `次の⏎目標：`).
 */
const LABELLED_LINE = /(?<![をにがはのとでへやも、，,])[ \t\u3000]*\r?\n[\s\u3000]*(?=[【［〔][^】］〕\n]{1,8}[】］〕]|[^\s：:、。【】［］〔〕]{1,8}[：:])/gu;

/** A blank line: a paragraph ends, and with it a marked item (a continuation row's text, PP329). */
const PARAGRAPH = /\r?\n[ \t\u3000]*\r?\n/u;

interface Marker { index: number; length: number; kind: string; ordinal: number | null }

function markers(text: string, anywhere = false): Marker[] {
  const out: Marker[] = [];
  for (const m of text.matchAll(anywhere ? NUMBERED_ANYWHERE : MARKER)) {
    const [all, bullet, paren, num, kana, circ, single] = anywhere ? [m[0], undefined, m[1], m[2], undefined, undefined, undefined] : m;
    const ordinalOf = (s: string) => (/^[0-9０-９]+$/.test(s) ? Number(s.normalize("NFKC")) : KATAKANA.indexOf(s) + 1);
    let kind: string, ordinal: number | null = null;
    if (bullet) kind = `bullet:${bullet}`;
    else if (paren) { kind = /^[0-9０-９]/.test(paren) ? "(n)" : "(ア)"; ordinal = ordinalOf(paren); }
    else if (num) { kind = `n${all.slice(num.length, num.length + 1).normalize("NFKC")}`; ordinal = ordinalOf(num); }
    else if (circ) { kind = "①"; ordinal = circledNumber(circ); }
    else if (single) { const cp = single.codePointAt(0)!; kind = cp < 0x2488 ? "⑴" : "⒈"; ordinal = (cp - 0x2474) % 20 + 1; }
    else { kind = "ア"; ordinal = ordinalOf(kana!); }
    out.push({ index: m.index, length: all.length, kind, ordinal });
  }
  return out;
}

/** The markers that split: the kind the first one has, numbered ones only in sequence (1, 2, 3 …). */
function splitters(text: string): Marker[] {
  const all = markers(text);
  // A list opens the text, a line or a sentence; only ・ (as exports write it) may follow a lead
  // phrase after a space. So 令和8年度 － 令和10年度 stays one item.
  const opensList = (m: Marker) => m.kind.startsWith("bullet:") && MIDDLE_DOTS.includes(m.kind.slice(7))
    || !text.slice(0, m.index).trim() || /[\n。][\s\u3000]*$/.test(text.slice(0, m.index));
  const first = all.find((m) => (m.ordinal === null || m.ordinal === 1) && opensList(m));
  if (!first) return [];
  const chosen: Marker[] = [];
  // (a text a numbered mark opens: the later numbers wherever they stand)
  const openedBy = first.ordinal !== null && !["①", "⑴", "⒈", "ア"].includes(first.kind) && !text.slice(0, first.index).trim();
  const pool = openedBy ? [...all, ...markers(text, true).filter((m) => !all.some((a) => a.index === m.index))].sort((a, b) => a.index - b.index) : all;
  for (const m of pool) {
    if (m.index < first.index || m.kind !== first.kind) continue;
    if (m.ordinal !== null && m.ordinal !== chosen.length + 1) continue;
    chosen.push(m);
  }
  // A single ア or 1) in a paragraph is a word, not a list: numbered lists need two items, or
  // the text must open with the mark.
  if (first.ordinal !== null && chosen.length < 2 && text.slice(0, first.index).trim()) return [];
  return chosen;
}

/**
 * A text that opens with a list of two items or more, as splitDescription would split it (・甲⏎・乙,
 * 1. 甲⏎2. 乙, ①甲⏎②乙): printed after a label, it starts on a line of its own.
 */
export function opensWithList(text: string): boolean {
  const items = splitters(text);
  return items.length >= 2 && items[0]!.index === 0;
}

/**
 * A line that ends in a particle or a comma (`電子申請を⏎拡大する。`, `窓口の、⏎見直し`) cannot end an
 * item: the cell was wrapped by hand there, and the next line goes on with it.
 */
export const WRAPPED = /[をにがはのとでへやも、，,]$/u;
function joinWrapped(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (last !== undefined && WRAPPED.test(last)) out[out.length - 1] = last + line;
    else out.push(line);
  }
  return out;
}

export function splitDescription(raw: string): { items: string[]; tags: string[] } {
  const { text, tags } = stripHtml(raw);
  const hadList = tags.some((t) => /^<\/?(ul|ol|li)\b/i.test(t));
  const marks = splitters(text);
  if (marks.length) {
    const items: string[] = [text.slice(0, marks[0]!.index)];
    marks.forEach((m, i) => items.push(text.slice(m.index + m.length, marks[i + 1]?.index ?? text.length)));
    // (an item written on in the line ends at the next mark: a 、 before it closes nothing)
    return { items: items.flatMap((t) => t.split(PARAGRAPH)).map((t) => cleanText(t.replace(SUB_POINT, " ").replace(LABELLED_LINE, " ")).replace(/[、，,]$/u, "")).filter(Boolean), tags };
  }
  if (text.includes("\n") && !hadList) {
    return { items: joinWrapped(text.split(/\n+/).map(cleanText).filter(Boolean)), tags };
  }
  if (hadList) {
    // The export flattened <li> into spaces: one item per sentence (。 then white space).
    const items = text.split(/\n+/).flatMap((part) => part.split(/(?<=。)[\s\u3000]+/)).map(cleanText).filter(Boolean);
    return { items, tags };
  }
  const one = cleanText(text);
  return { items: one ? [one] : [], tags };
}
