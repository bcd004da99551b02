/** Writes config/schema.json from the config schema (`npm run schema`). */
import { writeFileSync } from "node:fs";
import { schemaDocument } from "../src/config/schema";

writeFileSync("config/schema.json", schemaDocument());
process.stdout.write("wrote config/schema.json\n");
