/** `npm run docs`: writes help, docs/config.md and docs/iam/*.json (see scripts/docs/generate.ts). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { generatedDocs } from "./docs/generate";

// Paths are relative to the repository root, where npm runs scripts.
for (const [path, text] of generatedDocs(".")) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  process.stdout.write(`wrote ${path}\n`);
}
