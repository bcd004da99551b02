/**
 * The AWS quotas a topology can reach, in one place: each with its Service
 * Quotas code, its default and its hard maximum (Amazon VPC User Guide,
 * "Amazon VPC quotas"; Route 53 Developer Guide, "Quotas"). Past a hard
 * maximum a config is an error: no quota request can make it apply. Past a
 * default it is a warning naming the code and the value to request.
 *
 * The generator does not spread one endpoint's rules over several security
 * groups to stay under the default. A group per consumer would cap a
 * service at 16 consumers (security groups per network interface), and any
 * assignment of rules to a fixed number of groups must be chosen before the
 * first apply: moving a rule between groups deletes it and makes it again,
 * a moment without access. One group, and a quota request, is the safe way.
 */
import { PathSegment, Problem, formatPath, problem } from "./problems";
import { Json, Located, connectivityOf, isObject, items, valid } from "./raw";
import { ConsumerCidr, Name, Port, RouteTableId, VpcId } from "./schema";

export interface Quota {
  readonly name: string;
  /** The Service Quotas code, or how the quota is raised when it has none. */
  readonly code: string;
  readonly default: number;
  /** The most AWS allows on request; undefined: no published maximum. */
  readonly max?: number;
  /** What to do instead when the hard maximum is past. */
  readonly instead: string;
}

export const QUOTAS = {
  inboundRulesPerSecurityGroup: {
    name: "inbound rules per security group",
    code: "L-0EA8095F",
    default: 60,
    // The quota times security groups per network interface is at most
    // 1,000; the endpoint's interfaces carry one group.
    max: 1000,
    instead:
      "split the service into several services (each its own endpoint and group), fewer CIDRs per consumer, or port ranges instead of single ports",
  },
  securityGroupsPerNetworkInterface: {
    name: "security groups per network interface",
    code: "L-2AFB9258",
    default: 5,
    max: 16,
    instead: "attach fewer groups",
  },
  activePeeringsPerVpc: {
    name: "active VPC peering connections per VPC",
    code: "L-7E9ECCDB",
    default: 50,
    max: 125,
    instead:
      'split the service into several services (each its own endpoint VPC), or make some consumers "native" (no peering)',
  },
  routesPerRouteTable: {
    name: "routes per route table",
    code: "L-93826ACB",
    default: 50,
    max: 1000,
    instead:
      "split the service into several services, or give consumers fewer, larger CIDRs",
  },
  vpcsPerPrivateHostedZone: {
    name: "VPCs associated with a private hosted zone",
    code: "no Service Quotas code: GetHostedZoneLimit MAX_VPCS_ASSOCIATED_BY_ZONE, raised by a support case",
    default: 300,
    instead: "split the service",
  },
  interfaceEndpointsPerVpc: {
    name: "interface endpoints per VPC",
    code: "L-29B6F2EB",
    default: 50,
    instead: "reach some services through peering instead",
  },
} as const satisfies Record<string, Quota>;

/** What a config asks of one quota at one place. */
interface Use {
  readonly quota: Quota;
  readonly value: number;
  /** Where, in words: `the endpoint security group of service "a"`. */
  readonly where: string;
  /** The config path the error points at. */
  readonly path: PathSegment[];
}

function judge(use: Use, found: Problem[], warnings: string[]): void {
  const { quota, value, where, path } = use;
  if (quota.max !== undefined && value > quota.max) {
    found.push(
      problem(
        path,
        value,
        `expected at most ${quota.max} ${quota.name} (AWS's hard maximum, ${quota.code}) for ${where}; ${quota.instead}`,
      ),
    );
  } else if (value > quota.default) {
    warnings.push(
      `${where}: ${value} ${quota.name} exceed the default quota of ${quota.default} (${quota.code}); request ${value} or more in the account and region before applying`,
    );
  }
}

const count = (list: unknown, schema: Parameters<typeof valid>[0]) =>
  items(list).filter((item) => valid(schema, item)).length;

/** The quota uses of one service, and of consumer VPCs across services. */
export function checkQuotas(services: readonly Located<Json>[]): {
  problems: Problem[];
  warnings: string[];
} {
  const found: Problem[] = [];
  const warnings: string[] = [];
  const uses: Use[] = [];
  // Per consumer VPC (region + id) and route table, across services.
  const peeringsPerVpc = new Map<string, { n: number; path: PathSegment[] }>();
  const endpointsPerVpc = new Map<string, { n: number; path: PathSegment[] }>();
  const routesPerTable = new Map<string, { n: number; path: PathSegment[] }>();
  const bump = (
    map: Map<string, { n: number; path: PathSegment[] }>,
    key: string,
    path: PathSegment[],
  ) => map.set(key, { n: (map.get(key)?.n ?? 0) + 1, path });

  for (const service of services) {
    const name = valid(Name, service.value.name)
      ? `service "${service.value.name}"`
      : formatPath(service.path);
    const ports = count(service.value.ports, Port);
    const consumers = items(service.value.consumers).map((raw, i) => ({
      value: isObject(raw) ? raw : {},
      path: [...service.path, "consumers", i] as PathSegment[],
    }));
    const peered = consumers.filter(
      (c) => connectivityOf(c.value) === "peering",
    );
    const native = consumers.filter(
      (c) => connectivityOf(c.value) === "native",
    );
    const cidrsOf = (c: Located<Json>) => count(c.value.cidrs, ConsumerCidr);

    const peeredCidrs = peered.reduce((sum, c) => sum + cidrsOf(c), 0);
    uses.push(
      {
        quota: QUOTAS.inboundRulesPerSecurityGroup,
        value: peeredCidrs * ports,
        where: `the endpoint security group of ${name} (consumer CIDRs × ports)`,
        path: [...service.path, "consumers"],
      },
      {
        quota: QUOTAS.activePeeringsPerVpc,
        value: peered.length,
        where: `the endpoint VPC of ${name}`,
        path: [...service.path, "consumers"],
      },
      {
        // The local route, and one return route per peered consumer CIDR.
        quota: QUOTAS.routesPerRouteTable,
        value: peered.length > 0 ? 1 + peeredCidrs : 0,
        where: `the endpoint route table of ${name}`,
        path: [...service.path, "consumers"],
      },
      {
        // The shared zones name every peered consumer VPC (per account).
        quota: QUOTAS.vpcsPerPrivateHostedZone,
        value: new Set(peered.map((c) => `${c.value.region} ${c.value.vpcId}`))
          .size,
        where: `the private hosted zones of ${name}`,
        path: [...service.path, "consumers"],
      },
    );
    for (const c of native)
      uses.push({
        quota: QUOTAS.inboundRulesPerSecurityGroup,
        value: cidrsOf(c) * ports,
        where: `the security group of ${name}'s native consumer at ${formatPath(c.path)}`,
        path: [...c.path, "cidrs"],
      });
    for (const c of consumers) {
      if (!valid(VpcId, c.value.vpcId)) continue;
      const vpc = `${String(c.value.region)} ${c.value.vpcId}`;
      if (connectivityOf(c.value) === "peering") {
        bump(peeringsPerVpc, vpc, [...c.path, "vpcId"]);
        for (const table of items(c.value.routeTableIds))
          if (valid(RouteTableId, table))
            bump(routesPerTable, `${String(c.value.region)} ${table}`, [
              ...c.path,
              "routeTableIds",
            ]);
      } else if (connectivityOf(c.value) === "native") {
        bump(endpointsPerVpc, vpc, [...c.path, "vpcId"]);
      }
    }
  }
  const across: [typeof peeringsPerVpc, Quota, string, string][] = [
    [peeringsPerVpc, QUOTAS.activePeeringsPerVpc, "consumer VPC", "peering"],
    [routesPerTable, QUOTAS.routesPerRouteTable, "route table", "route"],
    [
      endpointsPerVpc,
      QUOTAS.interfaceEndpointsPerVpc,
      "consumer VPC",
      "endpoint",
    ],
  ];
  for (const [map, quota, what, each] of across)
    for (const [key, { n, path }] of map)
      uses.push({
        quota,
        value: n,
        where: `${what} ${key.split(" ")[1]} (one ${each} per service; its own ${each}s come on top)`,
        path,
      });
  for (const use of uses) judge(use, found, warnings);
  return { problems: found, warnings };
}
