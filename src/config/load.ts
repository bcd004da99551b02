/**
 * Reads and validates the config file: its syntax (JSON or YAML, see
 * syntax.ts), the schema, then the rules across fields. Every problem is collected; a config with any problem
 * yields no Config at all.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import type {
  Config,
  Consumer,
  EndpointVpcConfig,
  NativeConsumer,
  PortRange,
  Service,
  TerraformCloud,
} from "./model";
import { slotCidr } from "../lib/cidr";
import { PathSegment, Problem, closest, problem } from "./problems";
import { ConfigSchema, RawConfig, RawService } from "./schema";
import { checkSemantics } from "./rules";
import { Environment, resolveTerraformCloud } from "./terraform-cloud";
import { parseConfigText, syntaxOf } from "./syntax";

export const DEFAULT_CONFIG_PATH = "config/default.json";

export type LoadResult =
  | {
      readonly ok: true;
      readonly config: Config;
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      readonly problems: readonly Problem[];
      readonly warnings: readonly string[];
    };

/**
 * The config path, absolute: `PRIVATELINK_CONFIG`, else the committed
 * default. npm runs scripts from the package root but sets `INIT_CWD` to
 * the directory the user ran npm in, so a relative `PRIVATELINK_CONFIG`
 * means what it says where the user typed it. The default belongs to the
 * repository, so it resolves from the package root (the working directory).
 */
export function configPathFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (!env.PRIVATELINK_CONFIG) return resolve(DEFAULT_CONFIG_PATH);
  return resolve(env.INIT_CWD || process.cwd(), env.PRIVATELINK_CONFIG);
}

/**
 * Reads, validates and normalizes the config file. `env` supplies the
 * Terraform Cloud overrides (TFC_ORGANIZATION, TFC_WORKSPACE_PREFIX); pass
 * `process.env` from the command, nothing from tests that do not need it.
 */
export function loadConfigFile(
  file: string,
  env: Environment = {},
): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "no such file"
        : String(error);
    return {
      ok: false,
      problems: [
        problem(
          "",
          file,
          `expected a readable JSON or YAML config file (${reason}); set PRIVATELINK_CONFIG to its path`,
        ),
      ],
      warnings: [],
    };
  }
  const parsed = parseConfigText(text, syntaxOf(file));
  if (!parsed.ok) return { ok: false, problems: parsed.problems, warnings: [] };
  return validateConfig(parsed.document, env);
}

/** Validates a parsed config document, applies `env`'s overrides and normalizes it. */
export function validateConfig(
  raw: unknown,
  env: Environment = {},
): LoadResult {
  const parsed = ConfigSchema.safeParse(raw, { error: defaultMessage });
  const problems = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => issueProblems(raw, issue));
  const cloud = resolveTerraformCloud(raw, env);
  const semantics = checkSemantics(raw, cloud.workspacePrefix);
  const all = dedupe([
    ...problems,
    ...cloud.problems,
    ...semantics.problems,
  ]).sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
  if (!parsed.success || all.length > 0)
    return { ok: false, problems: all, warnings: semantics.warnings };
  return {
    ok: true,
    config: normalize(parsed.data, cloud.settings),
    warnings: semantics.warnings,
  };
}

const ARTICLE: Record<string, string> = {
  array: "a list",
  object: "an object",
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
};

function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "invalid_type") {
    const expected = ARTICLE[issue.expected] ?? issue.expected;
    return issue.input === undefined
      ? `expected ${expected} (a required field)`
      : `expected ${expected}`;
  }
  if (issue.code === "too_small" && issue.origin === "array")
    return `expected at least ${issue.minimum} item(s)`;
  return undefined;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = raw;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** The keys an object of the schema at `path` allows, for "did you mean". */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = ConfigSchema;
  for (const segment of path) {
    while (schema instanceof z.ZodOptional)
      schema = schema.unwrap() as z.ZodType;
    if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject)
      schema = (schema.shape as Record<string, z.ZodType>)[String(segment)];
    if (!schema) return [];
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function issueProblems(raw: unknown, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path as PathSegment[];
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(issue.path);
    return issue.keys.map((key) => {
      const suggestion = closest(key, allowed);
      const hint = suggestion ? `did you mean "${suggestion}"? ` : "";
      return problem(
        [...path, key],
        valueAt(raw, [...issue.path, key]),
        `expected no key "${key}" here: ${hint}(allowed: ${allowed.join(", ")})`,
      );
    });
  }
  // A record key's own rule (tag keys) is nested inside the issue.
  const message =
    issue.code === "invalid_key"
      ? (issue.issues[0]?.message ?? issue.message)
      : issue.message;
  return [problem(path, valueAt(raw, issue.path), message)];
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.expected}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function portRange(port: number | string): PortRange {
  const [from, to = from] = String(port).split("-").map(Number);
  return { from, to };
}

const byName = <T extends { name: string }>(a: T, b: T) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
const sorted = (values: readonly string[]) => [...values].sort();

function normalizeConsumer(
  consumer: RawService["consumers"][number],
): Consumer {
  const common = {
    name: consumer.name,
    region: consumer.region,
    vpcId: consumer.vpcId,
    cidrs: sorted(consumer.cidrs),
    ...(consumer.roleArn && { roleArn: consumer.roleArn }),
  };
  return consumer.connectivity === "native"
    ? {
        ...common,
        connectivity: "native",
        subnetIds: sorted(consumer.subnetIds ?? []),
      }
    : {
        ...common,
        connectivity: "peering",
        routeTableIds: sorted(consumer.routeTableIds ?? []),
      };
}

function normalizeEndpointVpc(
  endpointVpc: NonNullable<RawService["endpointVpc"]>,
): EndpointVpcConfig {
  const azIds = sorted(endpointVpc.azIds);
  return {
    cidr: endpointVpc.cidr,
    azIds,
    subnetCidrs: Object.fromEntries(
      azIds.map((azId) => [
        azId,
        endpointVpc.subnetCidrs?.[azId] ?? slotCidr(endpointVpc.cidr, azId),
      ]),
    ),
  };
}

function normalizeService(service: RawService): Service {
  const ports = service.ports
    .map(portRange)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const consumers = service.consumers.map(normalizeConsumer).sort(byName);
  const common = {
    name: service.name,
    serviceName: service.serviceName,
    region: service.region,
    ports,
    privateDnsEnabled: service.privateDnsEnabled ?? false,
    dnsNames: sorted(service.dnsNames ?? []),
    tags: Object.fromEntries(
      Object.entries(service.tags ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    ...(service.roleArn && { roleArn: service.roleArn }),
  };
  // The endpoint VPC exists only for peered consumers (a warning says so when it is unused).
  const native = consumers.filter(
    (c): c is NativeConsumer => c.connectivity === "native",
  );
  if (native.length === consumers.length)
    return { ...common, consumers: native };
  if (!service.endpointVpc)
    throw new Error(
      `service ${service.name}: peered consumers need an endpointVpc (validation lets none through)`,
    );
  return {
    ...common,
    endpointVpc: normalizeEndpointVpc(service.endpointVpc),
    consumers,
  };
}

export function normalize(
  raw: RawConfig,
  terraformCloud?: TerraformCloud,
): Config {
  return {
    services: raw.services.map(normalizeService).sort(byName),
    ...(terraformCloud ? { terraformCloud } : {}),
  };
}
