/**
 * The README's command list, between its `commands` markers, rendered from
 * the one command list (src/cli/commands.ts), as `help` is.
 */
import { COMMAND_GROUPS } from "../../src/cli/commands";
import { withBlock } from "./blocks";

/** Markdown escapes: `<service>` would be read as an HTML tag. */
const escaped = (text: string) => text.replace(/([*<>_])/g, "\\$1");

export function renderCommandList(): string {
  return COMMAND_GROUPS.map(
    (group) =>
      `${group.title}:\n\n${group.commands
        .map((command) => `- \`${command.usage}\`: ${escaped(command.summary)}`)
        .join("\n")}`,
  ).join("\n\n");
}

/** `readme` with its command list replaced; throws without the markers. */
export function withCommandList(readme: string): string {
  return withBlock(readme, "commands", renderCommandList());
}
