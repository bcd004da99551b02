/**
 * `npm run engine`: rehearses the apply of every synthesized stack against
 * the emulator. See command.ts for the arguments and exit codes.
 *
 *   node scripts/run.js src/engine/cli.ts [--outdir DIR] [--emulator URL] [--keep]
 */
import { engineCommand } from "./command";
import { processOutput } from "../cli/io";

engineCommand(process.argv.slice(2), process.env, processOutput).then((code) =>
  process.exit(code),
);
