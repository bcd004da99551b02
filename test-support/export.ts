/**
 * Helpers for the export's tests: synthesize a raw config in-process,
 * export every stack in memory, and read files back with hcl2json.
 */
import { parseHcl as parse } from "../src/export/hcl-parser";
import { Testing } from "cdktf";
import { buildStacks } from "../src/app";
import { Environment } from "../src/config";
import { ExportedStack, exportStack } from "../src/export/export";
import type { PrivateLinkStack } from "../src/stack";
import { RawObject, validConfig } from "./fixtures";

export interface SynthesizedAndExported {
  /** The stacks, as constructs. */
  readonly stacks: readonly PrivateLinkStack[];
  /** Stack name -> its synthesized Terraform JSON. */
  readonly json: Record<string, RawObject>;
  /** Stack name -> file name -> formatted HCL. */
  readonly files: Record<string, ReadonlyMap<string, string>>;
}

const exports = new Map<string, Promise<SynthesizedAndExported>>();

/**
 * Synthesizes `raw` as `npm run synth` would and exports every stack, in
 * memory; once per config and environment (tests only read the result).
 */
export function synthAndExport(
  raw: unknown,
  env: Environment = {},
): Promise<SynthesizedAndExported> {
  const key = JSON.stringify([raw, env]);
  if (!exports.has(key)) exports.set(key, freshExport(raw, env));
  return exports.get(key)!;
}

async function freshExport(
  raw: unknown,
  env: Environment,
): Promise<SynthesizedAndExported> {
  const stacks = buildStacks(Testing.app(), validConfig(raw, env));
  const json: Record<string, RawObject> = {};
  const files: Record<string, ReadonlyMap<string, string>> = {};
  for (const stack of stacks) {
    const name = stack.node.id;
    json[name] = JSON.parse(Testing.synth(stack, true));
    const exported: ExportedStack = await exportStack(name, json[name]);
    files[name] = exported.files;
  }
  return { stacks, json, files };
}

/** hcl2json's reading of each file. */
export async function readBack(
  files: ReadonlyMap<string, string>,
): Promise<RawObject[]> {
  const parsed: RawObject[] = [];
  for (const [name, text] of files) parsed.push(await parse(name, text));
  return parsed;
}

/** Every `type.name` (resources) and `data.type.name` in hcl2json readings, sorted. */
export function addressesIn(readings: readonly RawObject[]): string[] {
  const found: string[] = [];
  for (const reading of readings) {
    for (const [type, byName] of Object.entries(reading.resource ?? {}))
      for (const name of Object.keys(byName as RawObject))
        found.push(`${type}.${name}`);
    for (const [type, byName] of Object.entries(reading.data ?? {}))
      for (const name of Object.keys(byName as RawObject))
        found.push(`data.${type}.${name}`);
  }
  return found.sort();
}
