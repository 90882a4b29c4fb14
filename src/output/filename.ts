// Department names are data: a file named after one must be safe on Windows, macOS and Linux
// and can never leave its folder (no separators, no `..`, no control or reserved characters).
// Windows reserves these names with any extension too (nul.txt is the NUL device).
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

export function safeFileName(name: string, fallback = "_"): string {
  let s = name.normalize("NFC")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/[\\/:*?"<>|]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "_")      // no hidden files, no `..`
    .replace(/[. ]+$/, "");    // Windows drops trailing dots and spaces
  if (!s || RESERVED_WINDOWS.test(s)) s = s ? `_${s}` : fallback;
  // Stay well under the 255-byte limit of common file systems (UTF-8: 3 bytes per kanji).
  while (Buffer.byteLength(s, "utf8") > 200) s = s.slice(0, -1);
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
