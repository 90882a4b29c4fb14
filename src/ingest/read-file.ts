// Reading an untrusted input file's bytes: only a regular file (a FIFO or /dev/zero would never
// end), opened without blocking, checked again on the open handle, and read with a byte limit
// (a file that grows while it is read is stopped at the limit, whatever its size said before).
import { constants } from "node:fs";
import { open, stat } from "node:fs/promises";

export type FileRead =
  | { bytes: Uint8Array }
  | { refused: "not-a-file"; kind: string }
  | { refused: "too-large"; size: number }
  | { refused: "unreadable"; reason: string };

/** What a non-regular file is, in a word a message can quote. */
function kindOf(s: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (s.isDirectory()) return "directory";
  if (s.isFIFO()) return "FIFO";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "device";
  if (s.isSocket()) return "socket";
  return "special file";
}

export async function readBoundedFile(file: string, limit: number): Promise<FileRead> {
  try {
    // stat before open: opening a FIFO for reading would wait for a writer.
    const before = await stat(file);
    if (!before.isFile()) return { refused: "not-a-file", kind: kindOf(before) };
    if (before.size > limit) return { refused: "too-large", size: before.size };
    const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { refused: "not-a-file", kind: kindOf(info) };
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        const buf = new Uint8Array(Math.min(1 << 20, limit + 1 - total));
        const { bytesRead } = await handle.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        chunks.push(buf.subarray(0, bytesRead));
        total += bytesRead;
        if (total > limit) return { refused: "too-large", size: total };
      }
      const bytes = new Uint8Array(total);
      let at = 0;
      for (const c of chunks) { bytes.set(c, at); at += c.length; }
      return { bytes };
    } finally {
      await handle.close();
    }
  } catch (e) {
    return { refused: "unreadable", reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}
