/**
 * `npm run synth`: loads the config, makes one stack per service and
 * synthesizes them (src/synth-command.ts). Config path: PRIVATELINK_CONFIG
 * (default config/default.json); output: CDKTF_OUTDIR (default cdktf.out);
 * TFC_ORGANIZATION and TFC_WORKSPACE_PREFIX override the config's
 * terraformCloud block.
 */
import { processOutput } from "./src/cli/io";
import { synthCommand } from "./src/synth-command";

process.exitCode = synthCommand(
  process.argv.slice(2),
  process.env,
  processOutput,
);
