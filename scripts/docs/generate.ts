/**
 * What `npm run docs` writes, each from one source:
 *   help               from src/cli/commands.ts
 *   docs/config.md     from the config schema (src/config/schema.ts)
 *   docs/iam/*.json    from the IAM table (src/lib/iam-actions.ts)
 *   README.md          its command list (src/cli/commands.ts) and quota table
 *   docs/validation.md its quota table, from src/config/quotas.ts
 * Tests regenerate them in memory and fail when a file is stale.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderConfigReference } from "./config-reference";
import { renderHelp } from "./help";
import { renderPolicies } from "./iam-policies";
import { withBlock } from "./blocks";
import { renderQuotaSummary, renderQuotaTable } from "./quotas-table";
import { withCommandList } from "./readme-commands";

/** Path relative to the repository root -> its generated text. */
export function generatedDocs(root: string): Map<string, string> {
  const files = new Map<string, string>([
    [
      "README.md",
      withBlock(
        withCommandList(readFileSync(join(root, "README.md"), "utf8")),
        "quotas",
        renderQuotaSummary(),
      ),
    ],
    [
      "docs/validation.md",
      withBlock(
        readFileSync(join(root, "docs", "validation.md"), "utf8"),
        "quotas",
        renderQuotaTable(),
      ),
    ],
    ["help", renderHelp()],
    ["docs/config.md", renderConfigReference()],
  ]);
  for (const [file, text] of renderPolicies())
    files.set(`docs/iam/${file}`, text);
  return files;
}
