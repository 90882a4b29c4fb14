// Untrusted .xlsx files (a plan, a returned form) are zip archives whose headers may lie. Only the
// central directory's names and offsets are used; the sizes it claims are never trusted. Each part
// is inflated by node's zlib with `maxOutputLength` (zlib stops as soon as its output passes it):
// first a 4 KB prefix, then prefixes four times longer, each allowed MAX_PART_RATIO times its
// compressed bytes and never more than what is left of the archive's budget. A bomb of zeros
// (~1000 times) is stopped after 1 MB of output, in milliseconds; a real part costs at most 4/3 of
// one inflation. (fflate's streaming Inflate counted the same way but needs 30–150 ms per MB of
// zeros on this machine: a 1 MB bomb took 0.3–2 s to refuse.)
// Only the parts a reader asks for are inflated (pictures and the like never are).
import { constants, inflateRawSync } from "node:zlib";

/** The unpacked parts of a plan workbook or a form are a few MB at most; 200 MB is the ceiling. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Budget below the ceiling: 100 times the archive's size, at least 32 MB (a real workbook's XML
 * deflates 5–20 times; a 1 MB bomb stops after 100 MB, in a few hundred milliseconds). */
const MAX_RATIO = 100;
const MIN_BUDGET = 32 * 1024 * 1024;
/** A part inflating more than this many times its compressed bytes (past MIN_RATIO_CHECK) is a
 * bomb: XML deflates 5–30 times, a run of zeros ~1000 times. */
const MAX_PART_RATIO = 200;
const MIN_RATIO_CHECK = 16 * 1024 * 1024;
/** The first prefix inflated; each next one is four times longer. */
const FIRST_PREFIX = 4096;
/** More parts than any workbook has (a sheet is three or four parts). */
const MAX_ENTRIES = 10_000;

export function unpackBudget(archiveBytes: number): number {
  return Math.min(MAX_UNPACKED_BYTES, Math.max(MIN_BUDGET, archiveBytes * MAX_RATIO));
}

/** Why an archive cannot be read: not a zip, damaged, two parts of one name (`message` = the
 * name), unpacking past the budget (`unpacked` = the budget) or a part inflating too many times
 * its size (`unpacked` = the ratio). */
export class ZipRefusal extends Error {
  /** `ja`: a damage in the words of Japanese messages (staff had read 「zip が壊れています（central directory damaged）」). */
  constructor(readonly kind: "not-zip" | "damaged" | "duplicate" | "too-large" | "bomb", message: string, readonly unpacked = 0, readonly ja?: string) {
    super(message);
  }
}

interface Entry { method: number; compressedSize: number; localOffset: number }

export interface ZipArchive {
  /** Part names, as the central directory lists them. */
  readonly names: readonly string[];
  /** The part's bytes, or undefined when there is no such part. Throws ZipRefusal. */
  read(name: string): Uint8Array | undefined;
  /** The part as UTF-8 text. */
  text(name: string): string | undefined;
}

const u16 = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) + u16(b, i + 2) * 65536);

/** The archive's directory; parts are inflated on demand, all of them within one budget. */
export function openZip(bytes: Uint8Array, budget = unpackBudget(bytes.length)): ZipArchive {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(bytes, i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new ZipRefusal("not-zip", "no zip central directory (truncated or not a zip)");
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count > MAX_ENTRIES) throw new ZipRefusal("damaged", `${count} parts`, 0, `部分が多すぎます（${count} 個）`);
  const entries = new Map<string, Entry>();
  const decoder = new TextDecoder();
  let at = cdOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw new ZipRefusal("damaged", "central directory damaged", 0, "ファイルの目次（中央ディレクトリ）が壊れています");
    const nameLen = u16(bytes, at + 28);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    // Two parts of one name: readers differ on which one is the part (the first, the last), so
    // a file could show Excel one plan and this reader another: never chosen.
    if (entries.has(name)) throw new ZipRefusal("duplicate", name);
    entries.set(name, { method: u16(bytes, at + 10), compressedSize: u32(bytes, at + 20), localOffset: u32(bytes, at + 42) });
    at += 46 + nameLen + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  let unpacked = 0;
  const tooLarge = () => new ZipRefusal("too-large", `unpacks to more than ${Math.round(budget / 1e6)} MB`, budget);
  const read = (name: string): Uint8Array | undefined => {
    const e = entries.get(name);
    if (!e) return undefined;
    const lh = e.localOffset;
    if (lh + 30 > bytes.length || u32(bytes, lh) !== 0x04034b50) throw new ZipRefusal("damaged", `${name}: local header damaged`, 0, `部分「${name}」の見出しが壊れています`);
    const start = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
    const data = bytes.subarray(start, Math.min(bytes.length, start + e.compressedSize));
    const left = budget - unpacked;
    if (e.method === 0) {
      if (data.length > left) throw tooLarge();
      unpacked += data.length;
      return data.slice();
    }
    if (e.method !== 8) throw new ZipRefusal("damaged", `${name}: compression method ${e.method}`, 0, `部分「${name}」が Excel の使わない方式（${e.method}）で圧縮されています`);
    if (left <= 0) throw tooLarge();
    let out = Buffer.alloc(0);
    for (let prefix = FIRST_PREFIX; ; prefix *= 4) {
      const end = Math.min(data.length, prefix);
      const last = end === data.length;
      const limit = Math.min(left, Math.max(MIN_RATIO_CHECK, end * MAX_PART_RATIO));
      try {
        out = inflateRawSync(data.subarray(0, end), { maxOutputLength: limit, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ERR_BUFFER_TOO_LARGE") throw new ZipRefusal("damaged", `${name}: ${(err as Error).message}`, 0, `部分「${name}」を展開できません（データが壊れています）`);
        if (limit === left) throw tooLarge();
        throw new ZipRefusal("bomb", `${name} inflates more than ${MAX_PART_RATIO} times its size`, MAX_PART_RATIO);
      }
      if (last) break;
    }
    unpacked += out.length;
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  };
  return {
    names: [...entries.keys()],
    read,
    text: (name) => {
      const b = read(name);
      if (b === undefined) return undefined;
      // XML in UTF-16 is valid (its byte order mark says so): read as such, not as mojibake
      if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b);
      if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b);
      // ... and in another encoding its declaration names (<?xml … encoding="Shift_JIS"?>): read in it
      // (a sheet so written had been mojibake, told as a table without a header row)
      const declared = /^(?:\uFEFF)?<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(new TextDecoder("latin1").decode(b.subarray(0, 200)))?.[1];
      if (declared && !/^utf-?8$/i.test(declared)) {
        try { return new TextDecoder(declared).decode(b); } catch { throw new ZipRefusal("damaged", `${name}: encoding ${declared}`, 0, `部分「${name}」の文字コード「${declared}」を読めません`); }
      }
      return decoder.decode(b);
    },
  };
}
