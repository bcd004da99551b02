/**
 * A stack's working copy for the rehearsal. The generator's own output is
 * never touched: the copy gets the emulator's ids in place of the configured
 * ones, and every test-only setting lives in one file beside it,
 * `engine_override.tf.json` (Terraform's override-file merge):
 *   - every aliased provider points at the emulator, with test credentials;
 *   - the state is local, in the copy (an override's backend takes the
 *     place of the stack's backend or Terraform Cloud block);
 *   - the provider version is the one the toolchain built.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { IdMap } from "./world";

/** Which AWS services the stacks call; each provider's endpoints go to the emulator. */
const EMULATED_SERVICES = ["ec2", "route53", "sts", "iam", "elbv2"] as const;

export const OVERRIDE_FILE = "engine_override.tf.json";

type Json = Record<string, unknown>;

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The stack's JSON text with each configured id replaced by the emulator's,
 * as whole tokens only (`vpc-0abc` never matches inside `vpc-0abcd`).
 */
export function mapIds(text: string, ids: IdMap): string {
  const keys = Object.keys(ids).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return text;
  const pattern = new RegExp(
    `(?<![A-Za-z0-9-])(${keys.map(escapeRegExp).join("|")})(?![A-Za-z0-9-])`,
    "g",
  );
  return text.replace(pattern, (id) => ids[id]);
}

/** The override file: providers at the emulator, local state, the built provider. */
export function overrideOf(
  stack: Json,
  emulatorUrl: string,
  providerVersion: string,
): Json {
  const providers = ((stack.provider as Json | undefined)?.aws ?? []) as Json[];
  const endpoints = Object.fromEntries(
    EMULATED_SERVICES.map((service) => [service, emulatorUrl]),
  );
  return {
    "//": "Test-only settings of npm run engine; never part of the generator's output.",
    terraform: {
      backend: { local: { path: "terraform.tfstate" } },
      required_providers: {
        aws: { source: "hashicorp/aws", version: providerVersion },
      },
    },
    provider: {
      aws: providers.map((provider) => ({
        ...(provider.alias !== undefined && { alias: provider.alias }),
        access_key: "engine",
        secret_key: "engine",
        skip_metadata_api_check: "true",
        skip_region_validation: false,
        endpoints: [endpoints],
        // moto answers STS for the assumed roles too.
        sts_region: "us-east-1",
      })),
    },
  };
}

/**
 * Writes a working copy into `dir`: the given Terraform files with mapped
 * ids, and the override. State and `.terraform` in `dir` are kept, so a
 * second config can be planned on the state of the first.
 */
function writeCopy(
  dir: string,
  files: Readonly<Record<string, string>>,
  stack: Json,
  ids: IdMap,
  emulatorUrl: string,
  providerVersion: string,
): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir))
    if (/\.tf(\.json)?$/.test(name)) rmSync(join(dir, name));
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(dir, name), mapIds(text, ids));
  writeFileSync(
    join(dir, OVERRIDE_FILE),
    JSON.stringify(overrideOf(stack, emulatorUrl, providerVersion), null, 2),
  );
}

/**
 * The working copy of a synthesized stack: its cdk.tf.json, or other
 * Terraform files made from it (the plain-Terraform export's *.tf).
 */
export function writeWorkspace(
  dir: string,
  stackText: string,
  ids: IdMap,
  emulatorUrl: string,
  providerVersion: string,
  files: Readonly<Record<string, string>> = { "cdk.tf.json": stackText },
): void {
  const stack = JSON.parse(stackText) as Json;
  writeCopy(dir, files, stack, ids, emulatorUrl, providerVersion);
}
