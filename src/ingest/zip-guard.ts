// Untrusted .xlsx files (a plan, a returned form) are zip archives: before anything is inflated,
// their unpacked size is read from the directory, so a decompression bomb is refused cheaply.
import { unzipSync } from "fflate";

/** The unpacked parts of a plan workbook or a form are a few MB at most. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_RATIO = 200;

/** Why the archive must not be unpacked, or null when it may. Throws when it is not a zip. */
export function zipRefusal(bytes: Uint8Array): { unpacked: number } | null {
  let total = 0;
  unzipSync(bytes, {
    filter: (entry) => {
      total += entry.originalSize;
      return false; // only the sizes are read here, nothing is inflated
    },
  });
  return total > MAX_UNPACKED_BYTES || total > bytes.length * MAX_RATIO ? { unpacked: total } : null;
}
