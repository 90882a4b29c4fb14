// Reads data/planpress.config.json (or --config FILE). Missing default file = every default;
// a file that is not valid JSON or not a valid config is PP501 (exit 1), never a raw zod message.
import { existsSync } from "node:fs";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { readJsonFile } from "../json-text.js";
import { Config } from "./schema.js";

export const DEFAULT_CONFIG_PATH = "data/planpress.config.json";

export function loadConfig(explicitPath: string | undefined, bag: DiagnosticBag): Config {
  const file = explicitPath ?? DEFAULT_CONFIG_PATH;
  if (!explicitPath && !existsSync(file)) return Config.parse({});
  return readJsonFile(file, Config, "PP501", bag);
}
