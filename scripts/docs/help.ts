/**
 * `help`, the cdktf template's text file at the repository root, rendered
 * from the one command list (src/cli/commands.ts).
 */
import { COMMAND_GROUPS, type Command } from "../../src/cli/commands";

const RULE = "=".repeat(104);
/** Column where summaries start, as in the template's file. */
const SUMMARY_COLUMN = 29;

function commandLines(command: Command): string[] {
  const indent = " ".repeat(SUMMARY_COLUMN);
  const head = `    ${command.usage}`;
  const lines =
    head.length < SUMMARY_COLUMN
      ? [head.padEnd(SUMMARY_COLUMN) + command.summary]
      : [head, indent + command.summary];
  for (const detail of command.details ?? []) lines.push(indent + detail);
  for (const variable of command.env ?? [])
    lines.push(`${indent}${variable.name}: ${variable.meaning}`);
  return lines;
}

/** The whole `help` file. */
export function renderHelp(): string {
  const out = [
    RULE,
    "",
    "  Cross-region AWS PrivateLink, as CDK for Terraform (TypeScript) stacks",
    "",
    "  Your config: config/default.json, or the file named by PRIVATELINK_CONFIG",
    "  (schema: config/schema.json; every field: docs/config.md; the manual: README.md and docs/).",
    "  Generated from src/cli/commands.ts by npm run docs.",
  ];
  for (const group of COMMAND_GROUPS) {
    out.push("", `  ${group.title}:`, "");
    for (const command of group.commands) out.push(...commandLines(command));
  }
  out.push("", RULE, "");
  return out.join("\n");
}
