// Reads data/planpress.config.json (or --config FILE). Missing default file = every default;
// a file that is not valid JSON or not a valid config is PP501 (exit 1), never a raw zod message.
import { existsSync } from "node:fs";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { lineInJsonFile, readJsonFile } from "../json-text.js";
import { savedAs } from "../read-file.js";
import { BUILT_INS_ADDED, Config } from "./schema.js";

export const DEFAULT_CONFIG_PATH = "data/planpress.config.json";

export function loadConfig(explicitPath: string | undefined, bag: DiagnosticBag): Config {
  const file = explicitPath ?? DEFAULT_CONFIG_PATH;
  // no config: every default — unless メモ帳 saved it as planpress.config.json.txt, then read (and refused, PP501, naming it)
  if (!explicitPath && !existsSync(file) && !savedAs(file)) return Config.parse({});
  const config = readJsonFile(file, Config, "PP501", bag);
  // a list naming some built-in entries but not all is read as added to them: said, as a city
  // that had written it to leave the others out now has them back (PP515)
  const lists = Object.entries(config).concat(Object.entries(config.schedule).map(([k, v]) => [`schedule.${k}`, v]));
  for (const [key, value] of lists) {
    const added = Array.isArray(value) ? BUILT_INS_ADDED.get(value) : undefined;
    const line = added ? lineInJsonFile(file, key.split(".")) : undefined;
    if (added) bag.add("PP515", line === undefined ? { file } : { file, line }, { key, added: added.join("、") });
  }
  return config;
}
