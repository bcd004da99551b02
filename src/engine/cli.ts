/**
 * `npm run engine`: rehearses the apply of every synthesized stack against
 * the emulator. See command.ts for the arguments and exit codes.
 *
 *   node scripts/run.js src/engine/cli.ts [--outdir DIR] [--emulator URL] [--keep]
 */
import { engineCommand } from "./command";

engineCommand(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => process.exit(code));
