/**
 * Rules that relate fields to each other. They read the raw file, and each
 * rule looks only at values that pass their own field schema, so a config
 * with a typo elsewhere still gets every other problem reported in one run.
 */
import type { ZodType } from "zod";
import { Json, Located, connectivityOf, isObject, items, valid } from "./raw";
import { checkQuotas } from "./quotas";
import {
  AZ_SLOTS,
  CidrFacts,
  azNumber,
  cidrContains,
  cidrFacts,
  isNetworkAddress,
  splitPrefix,
} from "../lib/cidr";
import { PathSegment, Problem, formatPath, problem } from "./problems";
import { azIdPrefix, regionOfAzId } from "../lib/regions";
import { accountOf } from "../lib/arn";
import {
  AzId,
  RoleArn,
  SubnetId,
  ConsumerCidr,
  EndpointCidr,
  Hostname,
  SubnetCidr,
  Name,
  Port,
  Region,
  RouteTableId,
  ServiceName,
  VpcId,
  WORKSPACE_NAME_MAX_LENGTH,
} from "./schema";
import { workspaceNameOf } from "./model";
import type { Sourced } from "./terraform-cloud";
import { zoneOf } from "../lib/dns";

/** The smallest subnet AWS allows. */
const SMALLEST_SUBNET_PREFIX = 28;

/**
 * The endpoint VPC's subnets: each AZ ID in its fixed slot (the block split
 * in eight, `…-azN` in slot N), or the explicit `subnetCidrs`, one per AZ
 * ID, inside the block and disjoint.
 */
function checkSubnetLayout(
  endpointVpc: Json,
  vpcPath: PathSegment[],
  cidr: string | undefined,
  azIds: readonly Located<string>[],
): Problem[] {
  const found: Problem[] = [];
  const explicit = endpointVpc.subnetCidrs;
  if (explicit === undefined) {
    for (const az of azIds) {
      const n = azNumber(az.value);
      if (n !== undefined && n > AZ_SLOTS)
        found.push(
          problem(
            az.path,
            az.value,
            `expected an AZ ID numbered az1 to az${AZ_SLOTS}, which have fixed subnet slots; for ${az.value} give every AZ's subnet in endpointVpc.subnetCidrs`,
          ),
        );
    }
    if (cidr && splitPrefix(cidr, AZ_SLOTS) > SMALLEST_SUBNET_PREFIX)
      found.push(
        problem(
          [...vpcPath, "cidr"],
          cidr,
          `expected a block of /${SMALLEST_SUBNET_PREFIX - Math.log2(AZ_SLOTS)} or larger: it is split in ${AZ_SLOTS} fixed slots, one /${SMALLEST_SUBNET_PREFIX} or larger (the smallest subnet AWS allows) per AZ ID az1 to az${AZ_SLOTS}; or give each AZ's subnet in endpointVpc.subnetCidrs`,
        ),
      );
    return found;
  }
  if (!isObject(explicit)) return found; // the schema reports its shape
  const path = [...vpcPath, "subnetCidrs"];
  const wanted = new Set(azIds.map((az) => az.value));
  const missing = [...wanted].filter((az) => !(az in explicit)).sort();
  if (missing.length > 0)
    found.push(
      problem(
        path,
        explicit,
        `expected a subnet CIDR for every AZ ID of azIds; missing: ${missing.join(", ")}`,
      ),
    );
  const subnets: { path: PathSegment[]; cidr: string }[] = [];
  for (const azId of Object.keys(explicit).sort()) {
    const value = explicit[azId];
    const at = [...path, azId];
    if (!wanted.has(azId)) {
      found.push(
        problem(at, value, "expected only AZ IDs listed in endpointVpc.azIds"),
      );
      continue;
    }
    if (!valid(SubnetCidr, value)) continue; // the schema reports it
    if (!isNetworkAddress(value))
      found.push(problem(at, value, "expected the block's network address"));
    else if (cidr && !cidrContains(cidr, value))
      found.push(
        problem(
          at,
          value,
          `expected a block inside the endpoint VPC's ${cidr}`,
        ),
      );
    else subnets.push({ path: at, cidr: value });
  }
  for (let i = 0; i < subnets.length; i++)
    for (let j = 0; j < i; j++)
      if (overlapping(subnets[i].cidr, subnets[j].cidr))
        found.push(
          problem(
            subnets[i].path,
            subnets[i].cidr,
            `expected a block disjoint from ${subnets[j].cidr} (at ${formatPath(subnets[j].path)})`,
          ),
        );
  return found;
}

function overlapping(a: string, b: string): boolean {
  const x = cidrFacts(a) as CidrFacts;
  const y = cidrFacts(b) as CidrFacts;
  return x.start <= y.end && y.start <= x.end;
}

export interface SemanticResult {
  readonly problems: Problem[];
  readonly warnings: string[];
}

/** The entries of `list` that pass `schema`, with their paths. */
function validEntries<T>(
  list: unknown,
  path: PathSegment[],
  schema: ZodType<T>,
): Located<T>[] {
  return items(list).flatMap((value, i) =>
    valid(schema, value) ? [{ path: [...path, i], value }] : [],
  );
}

/** Reports every entry whose key was already seen. */
function duplicates<T>(
  entries: readonly Located<T>[],
  key: (value: T) => string,
  expected: (first: Located<T>) => string,
): Problem[] {
  const seen = new Map<string, Located<T>>();
  const found: Problem[] = [];
  for (const entry of entries) {
    const first = seen.get(key(entry.value));
    if (first) found.push(problem(entry.path, entry.value, expected(first)));
    else seen.set(key(entry.value), entry);
  }
  return found;
}

interface OwnedCidr {
  readonly path: PathSegment[];
  readonly cidr: string;
  readonly owner: string;
  readonly start: bigint;
  readonly end: bigint;
}

function ownedCidr(
  path: PathSegment[],
  cidr: string,
  owner: string,
): OwnedCidr {
  const { start, end } = cidrFacts(cidr) as CidrFacts;
  return { path, cidr, owner, start, end };
}

/**
 * Overlapping blocks, found by a sweep in address order (n log n, so a
 * thousand consumers stay fast). Each overlapping block is reported once,
 * against the block before it that reaches furthest.
 */
function overlaps(
  blocks: readonly OwnedCidr[],
  why: (a: OwnedCidr, b: OwnedCidr) => string,
): Problem[] {
  const sorted = [...blocks].sort((a, b) =>
    a.start !== b.start
      ? a.start < b.start
        ? -1
        : 1
      : formatPath(a.path) < formatPath(b.path)
        ? -1
        : 1,
  );
  const found: Problem[] = [];
  let reach: OwnedCidr | undefined;
  for (const block of sorted) {
    if (reach && block.start <= reach.end)
      found.push(problem(block.path, block.cidr, why(block, reach)));
    if (!reach || block.end > reach.end) reach = block;
  }
  return found;
}

/** The rules of each mode: which list a consumer needs, and which it must not have. */
function checkConsumerMode(consumer: Json, path: PathSegment[]): Problem[] {
  const mode = connectivityOf(consumer);
  if (!mode) return [];
  const [needed, unwanted, why] =
    mode === "peering"
      ? [
          "routeTableIds",
          "subnetIds",
          'a peering consumer gets routes in the route tables of its client subnets; subnets are for "connectivity": "native"',
        ]
      : [
          "subnetIds",
          "routeTableIds",
          "a native consumer gets an endpoint in its own subnets (at most one per AZ) and needs no routes",
        ];
  const found: Problem[] = [];
  if (consumer[needed] === undefined) {
    found.push(
      problem(
        [...path, needed],
        undefined,
        `expected a list of ${needed === "subnetIds" ? "subnet" : "route table"} ids: ${why}`,
      ),
    );
  }
  if (consumer[unwanted] !== undefined) {
    found.push(
      problem(
        [...path, unwanted],
        consumer[unwanted],
        `expected no ${unwanted} on a ${mode} consumer: ${why}`,
      ),
    );
  }
  found.push(
    ...duplicates(
      validEntries(consumer.subnetIds, [...path, "subnetIds"], SubnetId),
      (id) => id,
      (first) =>
        `expected each subnet once (also at ${formatPath(first.path)})`,
    ),
  );
  return found;
}

/** `com.amazonaws.vpce.<region>.vpce-svc-…` and `com.amazonaws.<region>.<service>` name a region. */
export function regionOfServiceName(serviceName: string): string | undefined {
  const match = /^com\.amazonaws\.(?:vpce\.)?([a-z]{2}-[a-z]+-\d+)\./.exec(
    serviceName,
  );
  return match?.[1];
}

function checkService(service: Json, path: PathSegment[]): Problem[] {
  const found: Problem[] = [];
  const region = valid(Region, service.region) ? service.region : undefined;

  if (region && valid(ServiceName, service.serviceName)) {
    const named = regionOfServiceName(service.serviceName);
    if (named && named !== region) {
      found.push(
        problem(
          [...path, "serviceName"],
          service.serviceName,
          `expected a service of region "${region}" (the service's "region"); this name is of "${named}"`,
        ),
      );
    }
  }

  const endpointVpc = isObject(service.endpointVpc) ? service.endpointVpc : {};
  const vpcPath = [...path, "endpointVpc"];
  const azIds = validEntries(endpointVpc.azIds, [...vpcPath, "azIds"], AzId);
  if (region) {
    for (const az of azIds) {
      const azRegion = regionOfAzId(az.value);
      if (azRegion !== region) {
        const where = azRegion ? `; ${az.value} is in ${azRegion}` : "";
        found.push(
          problem(
            az.path,
            az.value,
            `expected an AZ ID of ${region} (${azIdPrefix(region)}-azN)${where}`,
          ),
        );
      }
    }
  }
  found.push(
    ...duplicates(
      azIds,
      (az) => az,
      (first) => `expected each AZ ID once (also at ${formatPath(first.path)})`,
    ),
  );

  const cidr = valid(EndpointCidr, endpointVpc.cidr)
    ? endpointVpc.cidr
    : undefined;
  found.push(...checkSubnetLayout(endpointVpc, vpcPath, cidr, azIds));

  const ports = validEntries(service.ports, [...path, "ports"], Port);
  found.push(
    ...duplicates(
      ports,
      (port) => String(port),
      (first) => `expected each port once (also at ${formatPath(first.path)})`,
    ),
  );
  const names = validEntries(service.dnsNames, [...path, "dnsNames"], Hostname);
  found.push(
    ...duplicates(
      names,
      (name) => name,
      (first) =>
        `expected each hostname once (also at ${formatPath(first.path)})`,
    ),
  );

  const consumersPath = [...path, "consumers"];
  const consumers = items(service.consumers).map((consumer, i) => ({
    path: [...consumersPath, i],
    value: isObject(consumer) ? consumer : {},
  }));
  for (const consumer of consumers) {
    found.push(...checkConsumerMode(consumer.value, consumer.path));
  }
  const peered = consumers.filter((c) => connectivityOf(c.value) !== "native");
  if (service.endpointVpc === undefined && peered.length > 0) {
    found.push(
      problem(
        vpcPath,
        undefined,
        `expected an object (a required field while any consumer uses peering: ${formatPath(peered[0].path)})`,
      ),
    );
  }

  const roles = [
    { path: [...path, "roleArn"], value: service.roleArn },
    ...consumers.map((c) => ({
      path: [...c.path, "roleArn"],
      value: c.value.roleArn,
    })),
  ].filter((r): r is Located<string> => valid(RoleArn, r.value));
  const roleOfAccount = new Map<string, Located<string>>();
  for (const role of roles) {
    const first = roleOfAccount.get(accountOf(role.value));
    if (!first) roleOfAccount.set(accountOf(role.value), role);
    else if (first.value !== role.value) {
      found.push(
        problem(
          role.path,
          role.value,
          `expected one role per account within a service (account ${accountOf(role.value)} already uses ${first.value} at ${formatPath(first.path)}): providers are made per account and region`,
        ),
      );
    }
  }

  const named = consumers
    .filter((c) => valid(Name, c.value.name))
    .map((c) => ({ path: [...c.path, "name"], value: c.value.name as string }));
  found.push(
    ...duplicates(
      named,
      (name) => name,
      (first) =>
        `expected a consumer name unique within the service (also at ${formatPath(first.path)})`,
    ),
  );

  const vpcs = consumers
    .filter((c) => valid(VpcId, c.value.vpcId) && valid(Region, c.value.region))
    .map((c) => ({
      path: [...c.path, "vpcId"],
      value: c.value.vpcId as string,
      region: c.value.region as string,
    }));
  found.push(
    ...duplicates(
      vpcs,
      (vpc) => vpc,
      (first) =>
        `expected each consumer VPC once per service (also at ${formatPath(first.path)}); AWS allows one peering between two VPCs`,
    ),
  );

  const routeTables = consumers.flatMap((c) =>
    validEntries(
      c.value.routeTableIds,
      [...c.path, "routeTableIds"],
      RouteTableId,
    ),
  );
  found.push(
    ...duplicates(
      routeTables,
      (id) => id,
      (first) =>
        `expected each route table once per service (also at ${formatPath(first.path)}); a route table belongs to one VPC`,
    ),
  );

  const blocks: OwnedCidr[] = [];
  if (cidr)
    blocks.push(ownedCidr([...vpcPath, "cidr"], cidr, "the endpoint VPC"));
  // Only peering joins networks: native consumers' CIDRs may overlap anything.
  for (const consumer of peered) {
    const owner = valid(Name, consumer.value.name)
      ? `consumer "${consumer.value.name}"`
      : `the consumer at ${formatPath(consumer.path)}`;
    for (const block of validEntries(
      consumer.value.cidrs,
      [...consumer.path, "cidrs"],
      ConsumerCidr,
    )) {
      blocks.push(ownedCidr(block.path, block.value, owner));
    }
  }
  found.push(
    ...overlaps(blocks, (block, other) =>
      block.owner === other.owner
        ? `expected CIDRs of one VPC not to overlap each other (${other.cidr} at ${formatPath(other.path)})`
        : `expected a block that does not overlap ${other.cidr} of ${other.owner} (${formatPath(other.path)}): peering cannot join overlapping networks`,
    ),
  );
  return found;
}

/**
 * Rules across services: a consumer VPC reached by several services must not
 * get two routes for overlapping destinations in one route table, nor two
 * private zones of one name (Route 53 rejects the second association).
 */
function checkAcrossServices(services: readonly Located<Json>[]): Problem[] {
  const routesByTable = new Map<string, OwnedCidr[]>();
  const zoneUses: {
    path: PathSegment[];
    vpcId: string;
    key: string;
    zone: string;
    service: number;
  }[] = [];
  services.forEach((service, s) => {
    const endpointVpc = isObject(service.value.endpointVpc)
      ? service.value.endpointVpc
      : {};
    // The service's endpoint block, parsed once for all its route tables.
    const endpoint = valid(EndpointCidr, endpointVpc.cidr)
      ? ownedCidr([], endpointVpc.cidr, "")
      : undefined;
    const zones = new Set(
      validEntries(service.value.dnsNames, [], Hostname).map((h) =>
        zoneOf(h.value),
      ),
    );
    items(service.value.consumers).forEach((raw, i) => {
      const consumer = isObject(raw) ? raw : {};
      const path = [...service.path, "consumers", i];
      if (!valid(Region, consumer.region)) return;
      const tables =
        connectivityOf(consumer) === "peering" ? consumer.routeTableIds : [];
      for (const table of validEntries(
        tables,
        [...path, "routeTableIds"],
        RouteTableId,
      )) {
        const key = `${consumer.region} ${table.value}`;
        if (endpoint)
          routesByTable.set(key, [
            ...(routesByTable.get(key) ?? []),
            { ...endpoint, path: table.path, owner: table.value },
          ]);
      }
      if (!valid(VpcId, consumer.vpcId)) return;
      for (const zone of zones) {
        zoneUses.push({
          path: [...path, "vpcId"],
          vpcId: consumer.vpcId,
          key: `${consumer.region} ${consumer.vpcId} ${zone}`,
          zone,
          service: s,
        });
      }
    });
  });
  const found: Problem[] = [...sameVpcSameConsumer(services)];
  for (const routes of routesByTable.values()) {
    found.push(
      ...overlaps(
        routes,
        (route, other) =>
          `expected route table ${route.owner} to route each destination once: it gets the endpoint VPCs of two services, ${other.cidr} (${formatPath(other.path)}) and ${route.cidr}, which overlap`,
      ).map((p) => ({ ...p, value: routes[0].owner })),
    );
  }
  const firstUse = new Map<string, (typeof zoneUses)[number]>();
  for (const use of zoneUses) {
    const first = firstUse.get(use.key);
    if (!first) firstUse.set(use.key, use);
    else if (first.service !== use.service) {
      found.push(
        problem(
          use.path,
          use.vpcId,
          `expected VPC ${use.vpcId} to get the private zone "${use.zone}" from one service only (also at ${formatPath(first.path)}); Route 53 rejects a second zone of one name on a VPC`,
        ),
      );
    }
  }
  return found;
}

interface VpcUse {
  readonly path: PathSegment[];
  readonly account: string;
  readonly name: unknown;
  readonly service: number;
}

/**
 * A consumer VPC named in several services is one VPC: one account (the
 * same role's, or the ambient one) and one consumer name everywhere.
 * (Within one service a repeated VPC is a problem of its own.)
 */
function sameVpcSameConsumer(services: readonly Located<Json>[]): Problem[] {
  const found: Problem[] = [];
  const seen = new Map<string, VpcUse>();
  services.forEach((service, s) => {
    items(service.value.consumers).forEach((raw, i) => {
      const consumer = isObject(raw) ? raw : {};
      if (!valid(Region, consumer.region) || !valid(VpcId, consumer.vpcId))
        return;
      if (consumer.roleArn !== undefined && !valid(RoleArn, consumer.roleArn))
        return;
      const path = [...service.path, "consumers", i];
      const account = consumer.roleArn
        ? accountOf(consumer.roleArn)
        : "ambient";
      const key = `${consumer.region} ${consumer.vpcId}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { path, account, name: consumer.name, service: s });
      } else if (first.service === s) {
        return;
      } else if (first.account !== account) {
        found.push(
          problem(
            [...path, "roleArn"],
            consumer.roleArn,
            `expected the account of ${consumer.vpcId} to be the same as at ${formatPath(first.path)} (${first.account === "ambient" ? "the ambient credentials" : `account ${first.account}`}): one VPC belongs to one account`,
          ),
        );
      } else if (first.name !== consumer.name && valid(Name, consumer.name)) {
        found.push(
          problem(
            [...path, "name"],
            consumer.name,
            `expected the name ${JSON.stringify(first.name)} that ${consumer.vpcId} has at ${formatPath(first.path)}: one VPC of one account and region is one consumer`,
          ),
        );
      }
    });
  });
  return found;
}

/**
 * A stack's Terraform Cloud workspace is `<prefix><stack name>`, and
 * Terraform Cloud caps workspace names at 90 characters.
 */
function checkWorkspaceNames(
  services: readonly Located<Json>[],
  prefix: Sourced<string>,
): Problem[] {
  return services.flatMap((service) => {
    const name = service.value.name;
    if (!valid(Name, name)) return [];
    const workspace = workspaceNameOf({ workspacePrefix: prefix.value }, name);
    return workspace.length > WORKSPACE_NAME_MAX_LENGTH
      ? [
          problem(
            [...service.path, "name"],
            name,
            `expected a name that keeps its Terraform Cloud workspace "${workspace}" within ${WORKSPACE_NAME_MAX_LENGTH} characters (it has ${workspace.length}; the prefix comes from ${prefix.path}): shorten the name or the prefix`,
          ),
        ]
      : [];
  });
}

/**
 * @param workspacePrefix the Terraform Cloud workspace prefix in effect, if
 * any (from the config or the environment)
 */
export function checkSemantics(
  raw: unknown,
  workspacePrefix?: Sourced<string>,
): SemanticResult {
  const root = isObject(raw) ? raw : {};
  const services = items(root.services).map((service, i) => ({
    path: ["services", i] as PathSegment[],
    value: isObject(service) ? service : {},
  }));
  const problems: Problem[] = [];
  const named = services
    .filter((s) => valid(Name, s.value.name))
    .map((s) => ({ path: [...s.path, "name"], value: s.value.name as string }));
  problems.push(
    ...duplicates(
      named,
      (name) => name,
      (first) =>
        `expected a unique service name: it names the stack (also at ${formatPath(first.path)})`,
    ),
  );
  for (const service of services)
    problems.push(...checkService(service.value, service.path));
  problems.push(...checkAcrossServices(services));
  if (workspacePrefix)
    problems.push(...checkWorkspaceNames(services, workspacePrefix));

  const warnings: string[] = [];
  for (const service of services) {
    const consumers = items(service.value.consumers)
      .filter(isObject)
      .filter((c) => connectivityOf(c) !== "native");
    const name = valid(Name, service.value.name)
      ? service.value.name
      : formatPath(service.path);
    if (service.value.endpointVpc !== undefined && consumers.length === 0) {
      warnings.push(
        `service "${name}": endpointVpc is not used, since no consumer uses peering; no endpoint VPC is made (an existing one is destroyed on apply)`,
      );
    }
  }
  const quotas = checkQuotas(services);
  problems.push(...quotas.problems);
  warnings.push(...quotas.warnings);
  return { problems, warnings };
}
