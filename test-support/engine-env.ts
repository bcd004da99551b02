/**
 * The engine tier's environment, set before cdktf is loaded: cdktf's
 * Testing matchers run `$TERRAFORM_BINARY_NAME init/validate/plan` with
 * process.env, so they get the toolchain's OpenTofu, its offline CLI
 * config, and no credentials or profiles of the user's.
 */
import { findToolchain } from "../src/engine/toolchain";

const toolchain = findToolchain(process.env);
process.env.TERRAFORM_BINARY_NAME = toolchain.tofu;
process.env.TF_CLI_CONFIG_FILE = toolchain.cliConfig;
process.env.TF_IN_AUTOMATION = "1";
process.env.CHECKPOINT_DISABLE = "1";
process.env.AWS_CONFIG_FILE = "/dev/null";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/dev/null";
process.env.AWS_EC2_METADATA_DISABLED = "true";
for (const key of [
  "AWS_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
])
  delete process.env[key];
