/**
 * `npm run export` (after the synth): plain Terraform for every synthesized
 * stack. See command.ts for the arguments and variables.
 *
 *   node scripts/run.js src/export/cli.ts [--check]
 */
import { exportCommand } from "./command";
import { processOutput } from "../cli/io";

exportCommand(process.argv.slice(2), process.env, processOutput).then((code) =>
  process.exit(code),
);
