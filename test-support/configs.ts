/**
 * Config builders shared by the tests. Raw configs are plain objects shaped
 * like the file, so tests can also break them. Nothing here loads cdktf or
 * the provider classes, so the config suites that import only this file
 * do not compile them (fixtures.ts, with the synth helpers, does).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  Config,
  Environment,
  formatProblem,
  validateConfig,
} from "../src/config";

export const ROOT = join(__dirname, "..");
export const SERVICE_NAME =
  "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type RawObject = Record<string, any>;

export function rawConsumer(
  name: string,
  overrides: RawObject = {},
): RawObject {
  return {
    name,
    region: "ap-northeast-2",
    vpcId: "vpc-0b1c2d3e4f5a6b7c8",
    cidrs: ["10.0.0.0/16"],
    routeTableIds: ["rtb-0a1b2c3d4e5f60718", "rtb-0f1e2d3c4b5a69788"],
    ...overrides,
  };
}

export function rawService(overrides: RawObject = {}): RawObject {
  return {
    name: "internal-api",
    serviceName: SERVICE_NAME,
    region: "us-east-1",
    ports: [443],
    privateDnsEnabled: true,
    dnsNames: ["internal-api.example.com"],
    endpointVpc: { cidr: "10.100.0.0/24", azIds: ["use1-az1", "use1-az2"] },
    consumers: [rawConsumer("seoul")],
    tags: { team: "platform" },
    ...overrides,
  };
}

/** A one-service config with `overrides` on the service. */
export const withService = (overrides: RawObject) =>
  rawConfig(rawService(overrides));

/** A one-service config whose one consumer has `overrides`. */
export const withConsumer = (overrides: RawObject) =>
  withService({ consumers: [rawConsumer("seoul", overrides)] });

export function rawConfig(...services: RawObject[]): RawObject {
  return { services: services.length > 0 ? services : [rawService()] };
}

/** Two consumers in Seoul, one in Frankfurt with a secondary CIDR. */
export function hubAndSpokeService(overrides: RawObject = {}): RawObject {
  return rawService({
    ports: [443, "8000-8010"],
    dnsNames: ["internal-api.example.com", "*.data.example.com"],
    consumers: [
      rawConsumer("seoul"),
      rawConsumer("seoul-batch", {
        vpcId: "vpc-0aaaaaaaaaaaaaaa1",
        cidrs: ["10.1.0.0/16"],
        routeTableIds: ["rtb-0aaaaaaaaaaaaaaa1"],
      }),
      rawConsumer("frankfurt", {
        region: "eu-central-1",
        vpcId: "vpc-0bbbbbbbbbbbbbbb2",
        cidrs: ["10.2.0.0/16", "100.64.0.0/20"],
        routeTableIds: ["rtb-0bbbbbbbbbbbbbbb2"],
      }),
    ],
    ...overrides,
  });
}

export function defaultRawConfig(): RawObject {
  return JSON.parse(readFileSync(join(ROOT, "config", "default.json"), "utf8"));
}

/** Validates (with `env` as the environment) or throws with the formatted problems. */
export function validConfig(raw: unknown, env: Environment = {}): Config {
  const result = validateConfig(raw, env);
  if (!result.ok)
    throw new Error(result.problems.map(formatProblem).join("\n"));
  return result.config;
}

/** The formatted problems of an invalid config (empty when it is valid). */
export function problemsOf(raw: unknown, env: Environment = {}): string[] {
  const result = validateConfig(raw, env);
  return result.ok ? [] : result.problems.map(formatProblem);
}

export function warningsOf(raw: unknown): readonly string[] {
  return validateConfig(raw).warnings;
}
