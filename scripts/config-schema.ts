// Writes data/planpress.config.schema.json from the config's zod schema, so editors complete
// and check the keys of data/planpress.config.json. Run with `npm run schema`; a test checks the
// committed file is what this writes.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { Config } from "../src/config/schema.js";

export const SCHEMA_FILE = "data/planpress.config.schema.json";

export function configSchemaText(): string {
  const schema = z.toJSONSchema(Config, { io: "input", target: "draft-7" });
  return `${JSON.stringify({ title: "planpress config", ...schema }, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeFileSync(SCHEMA_FILE, configSchemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
