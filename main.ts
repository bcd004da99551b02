/**
 * Loads the config, makes one stack per service and synthesizes them.
 * Config path: PRIVATELINK_CONFIG (default config/default.json); output:
 * CDKTF_OUTDIR (default cdktf.out); TFC_ORGANIZATION and
 * TFC_WORKSPACE_PREFIX override the config's terraformCloud block.
 */
import {
  configPathFromEnv,
  formatProblems,
  loadConfigFile,
} from "./src/config";
import { synthesize } from "./src/app";

const file = configPathFromEnv();
const result = loadConfigFile(file, process.env);
for (const warning of result.warnings)
  process.stderr.write(`warning: ${warning}\n`);
if (!result.ok) {
  process.stderr.write(formatProblems(file, result.problems) + "\n");
  process.exit(1);
}
synthesize(result.config);
