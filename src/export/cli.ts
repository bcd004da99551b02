/**
 * `npm run export` (after the synth): plain Terraform for every synthesized
 * stack. See command.ts for the arguments and variables.
 *
 *   node scripts/run.js src/export/cli.ts [--check]
 */
import { exportCommand } from "./command";

exportCommand(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => process.exit(code));
