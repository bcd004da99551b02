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
 *
 * The checks, one per quota use, are in rules/quotas.ts.
 */
import { PathSegment, Problem, problem } from "./problems";

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
  hostedZonesPerAccount: {
    name: "hosted zones per account",
    code: "L-4EA4796A",
    default: 500,
    instead: "split the consumers over more accounts",
  },
  interfaceEndpointsPerVpc: {
    name: "interface endpoints per VPC",
    code: "L-29B6F2EB",
    default: 50,
    instead: "reach some services through peering instead",
  },
} as const satisfies Record<string, Quota>;

/** What a config asks of one quota at one place. */
export interface Use {
  readonly quota: Quota;
  readonly value: number;
  /** Where, in words: `the endpoint security group of service "a"`. */
  readonly where: string;
  /** The config path the error points at. */
  readonly path: PathSegment[];
}

/** An error past the hard maximum, a warning past the default. */
export function judge(use: Use, found: Problem[], warnings: string[]): void {
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
