/**
 * `npm run verify`: see command.ts for what it reads, writes and exits with.
 *
 *   node scripts/run.js src/verify/cli.ts
 */
import { processOutput } from "../cli/io";
import { verifyCommand } from "./command";

process.exitCode = verifyCommand(
  process.argv.slice(2),
  process.env,
  processOutput,
);
