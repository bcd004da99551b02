/**
 * The network a stack's resources describe, as plain data: which VPC an
 * endpoint, subnet or group is in, which peering a route goes through,
 * which route tables serve a subnet, which VPCs a zone answers in, where an
 * alias points. model/read-network.ts builds it from the Terraform JSON by
 * following references and literal values, never by resource names; the
 * checks and the picture read only this.
 */

/**
 * A VPC as the resources name it: an `aws_vpc` of this stack (key = its
 * address) or an existing VPC by literal id (key = the id).
 */
export interface VpcRef {
  readonly key: string;
  /** The `aws_vpc`, when the VPC is made here. */
  readonly vpc?: Vpc;
  /** A reference to a resource that is not in the stack. */
  readonly dangling?: boolean;
}

/** An `aws_vpc` of this stack. */
export interface Vpc {
  readonly address: string;
  /** Its provider's region. */
  readonly region?: string;
  /** `cidr_block` when it is a literal IPv4 CIDR: what routes must cover. */
  readonly cidr?: string;
  /** `cidr_block` as a literal of any form, for the picture. */
  readonly cidrText?: string;
  /** Its `aws_subnet`s, by AZ, then address. */
  readonly subnets: readonly Subnet[];
}

export interface Subnet {
  readonly address: string;
  readonly vpc?: VpcRef;
  /** `availability_zone_id`, when literal. */
  readonly azId?: string;
  /** The AZ ID, else the `availability_zone` name, when literal. */
  readonly az?: string;
  readonly cidr?: string;
  /** Its explicit associations, or else its VPC's main route table. */
  readonly routeTables: readonly RouteTableRef[];
}

export interface SecurityGroup {
  readonly address: string;
  /** Undefined without `vpc_id`: the region's default VPC. */
  readonly vpc?: VpcRef;
  /** Rule resources, then inline `ingress` blocks. */
  readonly ingress: readonly IngressRule[];
}

export interface Endpoint {
  readonly address: string;
  /** How its provider reads in a message. */
  readonly provider: string;
  readonly serviceName?: string;
  /** `vpc_endpoint_type`; the provider's default is Gateway. */
  readonly type: string;
  readonly vpc?: VpcRef;
  readonly region?: string;
  /** `service_region` as written (a literal), when set. */
  readonly serviceRegion?: string;
  /** `subnet_ids` naming an `aws_subnet` of this stack by id. */
  readonly subnets: readonly Subnet[];
  /** `subnet_ids` naming none, as written. */
  readonly unresolvedSubnets: readonly string[];
  /** Every `subnet_ids` entry as an id (literal, or as written). */
  readonly subnetIds: readonly string[];
  /** `security_group_ids` naming an `aws_security_group` of this stack. */
  readonly securityGroups: readonly SecurityGroup[];
  /** `security_group_ids` naming none, as written. */
  readonly unknownGroups: readonly string[];
}

export interface Accepter {
  readonly address: string;
  readonly region?: string;
  readonly provider: string;
  readonly autoAccept: boolean;
}

export interface Peering {
  readonly address: string;
  /** The resource's name, for the picture's edge labels. */
  readonly name: string;
  readonly requesterVpc?: VpcRef;
  readonly peerVpc?: VpcRef;
  /** The requester's region: its provider's. */
  readonly requesterRegion?: string;
  readonly provider: string;
  /** `peer_region` as written, when set. */
  readonly peerRegionWritten?: string;
  readonly autoAccept: boolean;
  /** `aws_vpc_peering_connection_accepter`s whose connection is this one. */
  readonly accepters: readonly Accepter[];
}

/** Where a route sends its traffic. */
export type RouteTarget =
  | {
      readonly kind: "peering";
      /** The resource the route references: the connection or an accepter. */
      readonly via: string;
      /** The connection, when it is in this stack. */
      readonly peering?: Peering;
    }
  | { readonly kind: "dangling"; readonly address: string }
  | { readonly kind: "unknown"; readonly description: string };

export interface Route {
  /** How the route reads in a message: `aws_route.x`, or `aws_route_table.x (inline route to …)`. */
  readonly label: string;
  /** How the provider of the resource making it reads in a message. */
  readonly provider: string;
  readonly table: RouteTableRef;
  readonly region?: string;
  /** Destination CIDR, when literal (or a reference to a literal). */
  readonly destination?: string;
  readonly destinationText: string;
  readonly target: RouteTarget;
  /**
   * The resources accepting the target peering (see `acceptersOf`) that
   * Terraform makes before this route: a route to a pending peering is a
   * blackhole.
   */
  readonly waitsForAccepters: readonly string[];
}

/** A route table: a literal `rtb-…`, an `aws_route_table`, or a VPC's main table. */
export interface RouteTableRef {
  readonly key: string;
  readonly label: string;
  /** Whether the key is a resource of this stack (then `region` is its provider's). */
  readonly inStack?: boolean;
  readonly region?: string;
}

export interface IngressRule {
  readonly label: string;
  readonly cidrs: readonly string[];
  /** `tcp` or `all`; anything else does not carry TCP. */
  readonly protocol: "tcp" | "all" | "other";
  readonly from?: number;
  readonly to?: number;
}

export interface ZoneAssociation {
  readonly vpc?: VpcRef;
  readonly region?: string;
  /** The zone's inline `vpc` block, or the `aws_route53_zone_association`. */
  readonly madeBy: string;
}

export interface Zone {
  readonly address: string;
  /** Normalized zone name. */
  readonly name: string;
  /** A zone without inline `vpc` blocks is public; associations cannot make it private. */
  readonly isPrivate: boolean;
  readonly associations: readonly ZoneAssociation[];
}

/** An A alias (or CNAME) record, where it points. */
export interface DnsRecord {
  readonly address: string;
  readonly zoneAddress?: string;
  /** Fully qualified, normalized. */
  readonly name: string;
  readonly type: string;
  /** Endpoints whose DNS name the record answers with. */
  readonly endpointTargets: readonly string[];
  /** The target as written, for messages when it is no endpoint. */
  readonly targetText: string;
}

export interface Network {
  /** In document order (by type, then name). */
  readonly vpcs: readonly Vpc[];
  readonly endpoints: readonly Endpoint[];
  readonly peerings: readonly Peering[];
  readonly zones: readonly Zone[];
  readonly records: readonly DnsRecord[];
  /** Routes by their table's key. */
  readonly routesByTable: ReadonlyMap<string, readonly Route[]>;
  /**
   * A route table the topology names by id, read as a `route_table_id`
   * would be (the topology takes any string).
   */
  routeTable(id: string): RouteTableRef;
}

/** Routes in one route table. */
export function routesIn(network: Network, tableKey: string): readonly Route[] {
  return network.routesByTable.get(tableKey) ?? [];
}

/** Whether a peering joins exactly these two VPCs (by VPC key). */
export function joins(peering: Peering, a: string, b: string): boolean {
  const sides = [peering.requesterVpc?.key, peering.peerVpc?.key];
  return a !== b && sides.includes(a) && sides.includes(b);
}

/**
 * Peerings by the VPCs they join, both ways round, in document order: every
 * consumer asks which peerings join it to a VPC, and a scan of every
 * peering per question made verify quadratic in the consumers. Built once
 * per network, on the first question.
 */
const peeringIndexes = new WeakMap<
  Network,
  ReadonlyMap<string, ReadonlyMap<string, readonly Peering[]>>
>();

function peeringIndex(
  network: Network,
): ReadonlyMap<string, ReadonlyMap<string, readonly Peering[]>> {
  let index = peeringIndexes.get(network);
  if (index === undefined) {
    const byVpc = new Map<string, Map<string, Peering[]>>();
    const add = (a: string, b: string, peering: Peering) => {
      const others = byVpc.get(a) ?? new Map<string, Peering[]>();
      byVpc.set(a, others);
      const list = others.get(b);
      if (list) list.push(peering);
      else others.set(b, [peering]);
    };
    for (const peering of network.peerings) {
      const a = peering.requesterVpc?.key;
      const b = peering.peerVpc?.key;
      // What `joins` accepts: two sides, and two different VPCs.
      if (a === undefined || b === undefined || a === b) continue;
      add(a, b, peering);
      add(b, a, peering);
    }
    index = byVpc;
    peeringIndexes.set(network, index);
  }
  return index;
}

/** Peerings between two VPCs, whichever side requests. */
export function peeringsBetween(
  network: Network,
  a: string,
  b: string,
): Peering[] {
  return [...(peeringIndex(network).get(a)?.get(b) ?? [])];
}

/** The VPCs (by key) some peering joins with this one. */
export function peeredWith(network: Network, vpcKey: string): Iterable<string> {
  return peeringIndex(network).get(vpcKey)?.keys() ?? [];
}

/** The region `peer_region` means: the requester's when unset. */
export function peerRegionOf(peering: Peering): string | undefined {
  return peering.peerRegionWritten ?? peering.requesterRegion;
}

/**
 * The addresses whose creation accepts a peering: its accepters, or the
 * requester itself when it auto-accepts (same region only).
 */
export function acceptersOf(peering: {
  readonly address: string;
  readonly requesterRegion?: string;
  readonly peerRegionWritten?: string;
  readonly autoAccept: boolean;
  readonly accepters: readonly { readonly address: string }[];
}): string[] {
  const sameRegion =
    (peering.peerRegionWritten ?? peering.requesterRegion) ===
    peering.requesterRegion;
  return [
    ...peering.accepters.map((a) => a.address),
    ...(peering.autoAccept && sameRegion ? [peering.address] : []),
  ];
}

/** `vpc-0b1c… and aws_vpc.endpoint_vpc`: what a peering joins, for messages. */
export function describeJoin(peering: Peering): string {
  return `${peering.requesterVpc?.key ?? "no vpc_id"} and ${peering.peerVpc?.key ?? "no peer_vpc_id"}`;
}
