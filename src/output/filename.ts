// Department names are data: a file named after one must be safe on Windows, macOS and Linux
// and can never leave its folder (no separators, no `..`, no control or reserved characters).
// Windows reserves these names with any extension too (nul.txt is the NUL device): COM and LPT
// with any digit and the superscripts ¹²³, and the console's CONIN$ and CONOUT$ (Microsoft's
// "Naming Files, Paths, and Namespaces").
import { LONE_SURROGATE } from "../normalise/text.js";

const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/** A name Windows cannot hold as written: a device's (`nul`, `con.txt`), or one ending with a dot or a space, which it drops. */
export const notAWindowsName = (name: string): boolean => RESERVED_WINDOWS.test(name) || (/[ .]$/.test(name) && !/^\.\.?$/.test(name));

/** Marks that single out a name in a list (◎ lead department) are no part of a file name. */
const MARKS = /[◎○〇●◇◆□■★☆※＊]/g;
const OPENING = /[(（【［[〔「『{｛＜]/g;
const CLOSING = /[)）】］\]〕」』}｝＞]/g;

export function safeFileName(name: string, fallback = "_"): string {
  // A name that kept a mark or brackets (PP322) is never a file name as is:
  // ◎情報政策課 → 情報政策課, 情報政策課（仮） → 情報政策課_仮.
  let s = name.normalize("NFC").replace(MARKS, "").replace(CLOSING, "").replace(OPENING, (_m, at: number) => (at === 0 ? "" : "_"))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .replace(/[\\/:*?"<>|]/g, "_")
    // half a surrogate pair is written as U+FFFD: three names differing only there were one file
    .replace(LONE_SURROGATE, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "_")      // no hidden files, no `..`
    .replace(/^~\$/, "_$")     // no Excel lock file's name: the returns' reader passes `~$財政課.xlsx` over
    .replace(/[. ]+$/, "");    // Windows drops trailing dots and spaces
  if (!s || RESERVED_WINDOWS.test(s)) s = s ? `_${s}` : fallback;
  // Stay well under the 255-byte limit of common file systems (UTF-8: 3 bytes per kanji).
  // Cut by characters, never inside a surrogate pair (a lone half is written as U+FFFD).
  const chars = [...s];
  while (Buffer.byteLength(chars.join(""), "utf8") > 200) chars.pop();
  s = chars.join("");
  return s;
}

/** File names for a list of names, made unique where two names sanitise alike. */
export function uniqueFileNames(names: readonly string[], ext: string): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const name of names) {
    const base = safeFileName(name);
    let file = `${base}${ext}`;
    for (let i = 2; used.has(file.toLowerCase()); i++) file = `${base}_${i}${ext}`;
    used.add(file.toLowerCase());
    out.set(name, file);
  }
  return out;
}
