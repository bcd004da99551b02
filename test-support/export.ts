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
import { format } from "@cdktf/hcl-tools";
import { renderStack } from "../src/export/render";
import {
  RawObject,
  hubAndSpokeService,
  rawConfig,
  rawConsumer,
  rawService,
  testingSynth,
  validConfig,
} from "./fixtures";

export interface SynthesizedAndExported {
  /** The stacks, as constructs. */
  readonly stacks: readonly PrivateLinkStack[];
  /** Stack name -> its synthesized Terraform JSON. */
  readonly json: Record<string, RawObject>;
  /** Stack name -> file name -> formatted HCL. */
  readonly files: Record<string, ReadonlyMap<string, string>>;
}

const runs = new Map<string, Promise<SynthesizedAndExported>>();

/**
 * Synthesizes `raw` as `npm run synth` would and exports every stack, in
 * memory; once per config and environment (tests only read the result).
 */
export function synthAndExport(
  raw: unknown,
  env: Environment = {},
): Promise<SynthesizedAndExported> {
  const key = JSON.stringify([raw, env]);
  if (!runs.has(key)) runs.set(key, freshExport(raw, env));
  return runs.get(key)!;
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
    json[name] = JSON.parse(testingSynth(stack));
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

export const TFC = {
  organization: "acme",
  workspacePrefix: "privatelink-",
  project: "Network",
};

/** Two services, one hub and spoke across three regions, in Terraform Cloud. */
export const multiService = () => ({
  ...rawConfig(
    hubAndSpokeService(),
    rawService({
      name: "billing",
      dnsNames: [],
      endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
      consumers: [
        {
          name: "seoul",
          region: "ap-northeast-2",
          vpcId: "vpc-0b1c2d3e4f5a6b7c8",
          cidrs: ["10.0.0.0/16"],
          routeTableIds: ["rtb-0a1b2c3d4e5f60719"],
        },
      ],
    }),
  ),
  terraformCloud: TFC,
});

/** Native and cross-account consumers beside peered ones: every type and block the stacks emit. */
export const everyFeature = () =>
  rawConfig(
    rawService({
      roleArn: "arn:aws:iam::111111111111:role/privatelink-network",
      dnsNames: ["internal-api.example.com", "*.data.example.com"],
      consumers: [
        rawConsumer("seoul", {
          roleArn: "arn:aws:iam::222222222222:role/privatelink-app",
        }),
        {
          name: "frankfurt",
          connectivity: "native",
          region: "eu-central-1",
          vpcId: "vpc-0bbbbbbbbbbbbbbb2",
          cidrs: ["10.2.0.0/16"],
          subnetIds: ["subnet-0bbbbbbbbbbbbbbb2"],
        },
      ],
    }),
    rawService({
      name: "billing",
      dnsNames: ["billing.example.com"],
      endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
      consumers: [
        rawConsumer("seoul", {
          roleArn: "arn:aws:iam::222222222222:role/privatelink-app",
          routeTableIds: ["rtb-0a1b2c3d4e5f60719"],
        }),
      ],
    }),
  );

export const allText = (files: ReadonlyMap<string, string>) =>
  [...files.values()].join("\n");

/** Exports a stack's JSON (in memory) and reads it back. */
export async function roundTrip(json: RawObject) {
  const files = new Map(
    await Promise.all(
      renderStack(json, "test").map(async (file): Promise<[string, string]> => [
        file.name,
        await format(file.text),
      ]),
    ),
  );
  return { files, readings: await readBack(files) };
}
