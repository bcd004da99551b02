/**
 * Synth helpers shared by the tests, and the config builders of configs.ts
 * (re-exported).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
import stringify from "json-stable-stringify";
// Types of the Testing matchers that test-support/setup.js registers.
import "cdktf/lib/testing/adapters/jest";
import { buildStacks } from "../src/app";
import { Environment } from "../src/config";
import { RawObject, validConfig } from "./configs";

export * from "./configs";

/** A copy of a synthesized value without cdktf's `//` metadata keys. */
function withoutMetadataDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadataDeep);
  if (value === null || typeof value !== "object") return value;
  const copy: RawObject = {};
  for (const [key, item] of Object.entries(value))
    if (key !== "//") copy[key] = withoutMetadataDeep(item);
  return copy;
}

/**
 * `Testing.synth(stack, true)`, character for character (harness.test.ts
 * compares), in linear time: cdktf's copies every object once per key it
 * adds (`{ ...acc, [key]: value }`), which at 400 consumers was most of a
 * synth under jest. The key order is the stringify's either way.
 */
export function testingSynth(stack: TerraformStack): string {
  invokeAspects(stack);
  stack.runAllValidations();
  return stringify(withoutMetadataDeep(stack.toTerraform()), { space: 2 })!;
}

/**
 * Synthesizes every service of a raw config as `npm run synth` does (with
 * `env` as the environment): stack name -> cdk.tf.json text.
 */
export function synthAllFresh(
  raw: unknown,
  env: Environment = {},
): Record<string, string> {
  const stacks = buildStacks(Testing.app(), validConfig(raw, env));
  return Object.fromEntries(
    stacks.map((stack) => [stack.node.id, testingSynth(stack)]),
  );
}

const synthesized = new Map<string, Record<string, string>>();

/**
 * Like synthAllFresh, but a config synthesized before in this test file is
 * not synthesized again (the results are immutable strings). Tests of
 * determinism use synthAllFresh.
 */
export function synthAll(
  raw: unknown,
  env: Environment = {},
): Record<string, string> {
  const key = JSON.stringify([raw, env]);
  let stacks = synthesized.get(key);
  if (!stacks) {
    stacks = synthAllFresh(raw, env);
    synthesized.set(key, stacks);
  }
  return { ...stacks };
}

/** The synthesized JSON of a one-service config, as text (for the matchers). */
export function synth(raw: unknown, env: Environment = {}): string {
  const stacks = Object.values(synthAll(raw, env));
  if (stacks.length !== 1)
    throw new Error(`expected one stack, got ${stacks.length}`);
  return stacks[0];
}

/** Synthesized Terraform JSON, parsed. */
export interface TerraformJson {
  provider?: { aws?: RawObject[] };
  resource?: Record<string, Record<string, RawObject>>;
  data?: Record<string, Record<string, RawObject>>;
  output?: Record<string, RawObject>;
  terraform?: RawObject;
}

export function parsed(synthesized: string): TerraformJson {
  return JSON.parse(synthesized);
}

/** Every resource of one type, by name. */
export function resources(
  synthesized: string,
  type: string,
): Record<string, RawObject> {
  return parsed(synthesized).resource?.[type] ?? {};
}

export function dataSources(
  synthesized: string,
  type: string,
): Record<string, RawObject> {
  return parsed(synthesized).data?.[type] ?? {};
}

/** `type.name` of every resource and data source, sorted. */
export function addresses(synthesized: string): string[] {
  const json = parsed(synthesized);
  const list: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const name of Object.keys(byName)) list.push(`${type}.${name}`);
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const name of Object.keys(byName)) list.push(`data.${type}.${name}`);
  }
  return list.sort();
}

/** Resource attributes without cdktf's `//` metadata. */
export function withoutMetadata(resource: RawObject): RawObject {
  const { "//": _metadata, ...rest } = resource;
  return rest;
}

/** Every file under `dir`, by path relative to it: the output of a synth. */
export function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((path) => statSync(join(dir, path)).isFile())
      .sort()
      .map((path) => [path, readFileSync(join(dir, path), "utf8")]),
  );
}
