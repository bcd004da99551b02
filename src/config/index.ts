export * from "./model";
export {
  loadConfigFile,
  validateConfig,
  configPathFromEnv,
  DEFAULT_CONFIG_PATH,
} from "./load";
export type { LoadResult } from "./load";
export { formatProblems, formatProblem } from "./problems";
export type { Problem } from "./problems";
export {
  TFC_ORGANIZATION,
  TFC_WORKSPACE_PREFIX,
  resolveTerraformCloud,
} from "./terraform-cloud";
export type { Environment } from "./terraform-cloud";
