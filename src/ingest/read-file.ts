// Reading an untrusted input file's bytes: only a regular file (a FIFO or /dev/zero would never
// end), opened without blocking (O_NONBLOCK: opening a FIFO does not wait for a writer), checked
// on the open handle, and read with a byte limit (a file that grows while it is read is stopped
// at the limit, whatever its size said). Synchronous: one file, four system calls, no thread-pool
// round trips (the async version took 22 ms for the seed against readFile's 6).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

export type FileRead =
  | { bytes: Uint8Array }
  | { refused: "not-a-file"; kind: string }
  | { refused: "too-large"; size: number }
  | { refused: "unreadable"; reason: string };

/** What a non-regular file is, in a word a message can quote. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return "directory";
  if (s.isFIFO()) return "FIFO";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "device";
  if (s.isSocket()) return "socket";
  return "special file";
}

export async function readBoundedFile(file: string, limit: number): Promise<FileRead> {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { refused: "unreadable", reason: code ?? (e as Error).message };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { refused: "not-a-file", kind: kindOf(info) };
    if (info.size > limit) return { refused: "too-large", size: info.size };
    // One byte more than the file's size: a file that grew is seen at once.
    let buf = new Uint8Array(info.size + 1);
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > limit) return { refused: "too-large", size: total };
        const bigger = new Uint8Array(Math.min(limit + 1, buf.length * 2));
        bigger.set(buf);
        buf = bigger;
      }
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > limit) return { refused: "too-large", size: total };
    return { bytes: buf.subarray(0, total) };
  } catch (e) {
    return { refused: "unreadable", reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  } finally {
    closeSync(fd);
  }
}
