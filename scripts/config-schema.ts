// Writes data/planpress.config.schema.json from the config's zod schema, so editors complete
// and check the keys of data/planpress.config.json. Run with `npm run schema`.
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { Config } from "../src/config/schema.js";

const schema = z.toJSONSchema(Config, { io: "input", target: "draft-7" });
writeFileSync("data/planpress.config.schema.json", `${JSON.stringify({ title: "planpress config", ...schema }, null, 2)}\n`);
console.log("wrote data/planpress.config.schema.json");
