/**
 * The quota checks: what each service, and each consumer VPC across
 * services, asks of one AWS quota. The quotas themselves (codes, defaults,
 * hard maximums) are the table in ../quotas.ts; `judge` turns a use into an
 * error or a warning.
 */
import { Json, Located, connectivityOf, isObject, items, valid } from "../raw";
import { PathSegment, formatPath } from "../problems";
import { QUOTAS, Quota, Use } from "../quotas";
import { accountOf } from "../../lib/arn";
import { zoneOf } from "../../lib/dns";
import {
  ConsumerCidr,
  Hostname,
  Name,
  Port,
  RoleArn,
  RouteTableId,
  VpcId,
} from "../schema";

const count = (list: unknown, schema: Parameters<typeof valid>[0]) =>
  items(list).filter((item) => valid(schema, item)).length;

/** One service as the quotas count it. */
export interface QuotaView {
  readonly path: PathSegment[];
  /** `service "a"`, or its path when the name is invalid. */
  readonly name: string;
  readonly ports: number;
  readonly peered: Located<Json>[];
  readonly native: Located<Json>[];
  /** Valid CIDRs of all peered consumers. */
  readonly peeredCidrs: number;
}

const cidrsOf = (c: Located<Json>) => count(c.value.cidrs, ConsumerCidr);

export function quotaView(service: Located<Json>): QuotaView {
  const consumers = items(service.value.consumers).map((raw, i) => ({
    value: isObject(raw) ? raw : {},
    path: [...service.path, "consumers", i] as PathSegment[],
  }));
  const peered = consumers.filter((c) => connectivityOf(c.value) === "peering");
  return {
    path: service.path,
    name: valid(Name, service.value.name)
      ? `service "${service.value.name}"`
      : formatPath(service.path),
    ports: count(service.value.ports, Port),
    peered,
    native: consumers.filter((c) => connectivityOf(c.value) === "native"),
    peeredCidrs: peered.reduce((sum, c) => sum + cidrsOf(c), 0),
  };
}

/** The endpoint's one security group has a rule per peered consumer CIDR and port. */
export function endpointGroupRules(service: QuotaView): Use[] {
  return [
    {
      quota: QUOTAS.inboundRulesPerSecurityGroup,
      value: service.peeredCidrs * service.ports,
      where: `the endpoint security group of ${service.name} (consumer CIDRs × ports)`,
      path: [...service.path, "consumers"],
    },
  ];
}

/** The endpoint VPC has a peering per peered consumer. */
export function endpointVpcPeerings(service: QuotaView): Use[] {
  return [
    {
      quota: QUOTAS.activePeeringsPerVpc,
      value: service.peered.length,
      where: `the endpoint VPC of ${service.name}`,
      path: [...service.path, "consumers"],
    },
  ];
}

/** The endpoint route table has the local route and a return route per peered consumer CIDR. */
export function endpointRouteTableRoutes(service: QuotaView): Use[] {
  return [
    {
      quota: QUOTAS.routesPerRouteTable,
      value: service.peered.length > 0 ? 1 + service.peeredCidrs : 0,
      where: `the endpoint route table of ${service.name}`,
      path: [...service.path, "consumers"],
    },
  ];
}

/** The shared private zones are associated with every peered consumer VPC. */
export function zoneVpcs(service: QuotaView): Use[] {
  return [
    {
      quota: QUOTAS.vpcsPerPrivateHostedZone,
      value: new Set(
        service.peered.map((c) => `${c.value.region} ${c.value.vpcId}`),
      ).size,
      where: `the private hosted zones of ${service.name}`,
      path: [...service.path, "consumers"],
    },
  ];
}

/** A native consumer's own security group has a rule per CIDR and port. */
export function nativeGroupRules(service: QuotaView): Use[] {
  return service.native.map((c) => ({
    quota: QUOTAS.inboundRulesPerSecurityGroup,
    value: cidrsOf(c) * service.ports,
    where: `the security group of ${service.name}'s native consumer at ${formatPath(c.path)}`,
    path: [...c.path, "cidrs"],
  }));
}

type Counts = Map<string, { n: number; path: PathSegment[] }>;

/** Counts per key across every service's consumers; the path is the last one counted. */
function countAcross(
  services: readonly Located<Json>[],
  keysOf: (consumer: Located<Json>) => [string, PathSegment[]][],
): Counts {
  const counts: Counts = new Map();
  for (const service of services)
    items(service.value.consumers).forEach((raw, i) => {
      const consumer = {
        value: isObject(raw) ? raw : {},
        path: [...service.path, "consumers", i] as PathSegment[],
      };
      if (!valid(VpcId, consumer.value.vpcId)) return;
      for (const [key, path] of keysOf(consumer))
        counts.set(key, { n: (counts.get(key)?.n ?? 0) + 1, path });
    });
  return counts;
}

function usesAcross(
  counts: Counts,
  quota: Quota,
  what: string,
  each: string,
): Use[] {
  return [...counts].map(([key, { n, path }]) => ({
    quota,
    value: n,
    where: `${what} ${key.split(" ")[1]} (one ${each} per service; its own ${each}s come on top)`,
    path,
  }));
}

const vpcKey = (c: Located<Json>) =>
  `${String(c.value.region)} ${String(c.value.vpcId)}`;

/** A consumer VPC has a peering per service it reaches by peering. */
export function consumerVpcPeerings(services: readonly Located<Json>[]): Use[] {
  const counts = countAcross(services, (c) =>
    connectivityOf(c.value) === "peering"
      ? [[vpcKey(c), [...c.path, "vpcId"]]]
      : [],
  );
  return usesAcross(
    counts,
    QUOTAS.activePeeringsPerVpc,
    "consumer VPC",
    "peering",
  );
}

/** A consumer route table has a route per service it reaches by peering. */
export function consumerRouteTableRoutes(
  services: readonly Located<Json>[],
): Use[] {
  const counts = countAcross(services, (c) =>
    connectivityOf(c.value) === "peering"
      ? items(c.value.routeTableIds)
          .filter((table) => valid(RouteTableId, table))
          .map((table): [string, PathSegment[]] => [
            `${String(c.value.region)} ${String(table)}`,
            [...c.path, "routeTableIds"],
          ])
      : [],
  );
  return usesAcross(counts, QUOTAS.routesPerRouteTable, "route table", "route");
}

/** A consumer VPC has an interface endpoint per service it reaches natively. */
export function consumerVpcEndpoints(
  services: readonly Located<Json>[],
): Use[] {
  const counts = countAcross(services, (c) =>
    connectivityOf(c.value) === "native"
      ? [[vpcKey(c), [...c.path, "vpcId"]]]
      : [],
  );
  return usesAcross(
    counts,
    QUOTAS.interfaceEndpointsPerVpc,
    "consumer VPC",
    "endpoint",
  );
}

/** The account a consumer's side works in: its role's, or the ambient credentials'. */
const accountKey = (c: Json) =>
  typeof c.roleArn === "string" && valid(RoleArn, c.roleArn)
    ? `account ${accountOf(c.roleArn)}`
    : "the ambient credentials' account";

/**
 * Route 53 counts hosted zones per account, over every service. A service
 * makes its zones once per account of its peered consumers (the shared
 * zones), and once more for every native consumer (zones of its own).
 */
export function hostedZonesPerAccount(
  services: readonly Located<Json>[],
): Use[] {
  const counts = new Map<string, { n: number; path: PathSegment[] }>();
  const add = (key: string, n: number, path: PathSegment[]) =>
    counts.set(key, { n: (counts.get(key)?.n ?? 0) + n, path });
  for (const service of services) {
    const zones = new Set(
      items(service.value.dnsNames)
        .filter((name): name is string => valid(Hostname, name))
        .map((name) => zoneOf(name.toLowerCase())),
    ).size;
    if (zones === 0) continue;
    const path = [...service.path, "dnsNames"];
    const view = quotaView(service);
    for (const key of new Set(view.peered.map((c) => accountKey(c.value))))
      add(key, zones, path);
    for (const c of view.native) add(accountKey(c.value), zones, path);
  }
  return [...counts].map(([key, { n, path }]) => ({
    quota: QUOTAS.hostedZonesPerAccount,
    value: n,
    where: `the private hosted zones made in ${key}`,
    path,
  }));
}
