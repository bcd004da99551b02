/**
 * The network a stack's resources describe, found by following references
 * and literal values, never by resource names: which VPC an endpoint,
 * subnet or group is in, which peering a route goes through, which route
 * table serves a subnet, which VPCs a zone answers in, where an alias points.
 */
import { isIpv4Cidr as isCidr } from "../lib/cidr";
import {
  JsonObject,
  Resource,
  TerraformDocument,
  blocks,
  classify,
  describeValue,
  elements,
  literalBoolean,
  literalNumber,
  literalString,
  parseReference,
} from "../output/terraform-json";
import { normalizeDnsName } from "../lib/dns";

/**
 * A VPC as the resources name it: an `aws_vpc` of this stack (key = its
 * address) or an existing VPC by literal id (key = the id).
 */
export interface VpcRef {
  readonly key: string;
  /** The `aws_vpc` resource, when the VPC is made here. */
  readonly resource?: Resource;
  /** A reference to a resource that is not in the stack. */
  readonly dangling?: boolean;
}

export interface Endpoint {
  readonly address: string;
  readonly resource: Resource;
  readonly serviceName?: string;
  /** `vpc_endpoint_type`; the provider's default is Gateway. */
  readonly type: string;
  readonly vpc?: VpcRef;
  readonly region?: string;
  /** `service_region` as written (a literal), when set. */
  readonly serviceRegion?: string;
  readonly subnetValues: readonly unknown[];
  readonly securityGroupValues: readonly unknown[];
}

export interface Peering {
  readonly address: string;
  readonly resource: Resource;
  readonly requesterVpc?: VpcRef;
  readonly peerVpc?: VpcRef;
  /** The requester's region: its provider's. */
  readonly requesterRegion?: string;
  /** `peer_region` as written, when set. */
  readonly peerRegionWritten?: string;
  readonly autoAccept: boolean;
  /** `aws_vpc_peering_connection_accepter`s whose connection is this one. */
  readonly accepters: readonly Resource[];
}

/** Where a route sends its traffic. */
export type RouteTarget =
  | {
      readonly kind: "peering";
      /** The resource the route references: the connection or an accepter. */
      readonly via: Resource;
      /** The connection, when it is in this stack. */
      readonly peering?: Peering;
    }
  | { readonly kind: "dangling"; readonly address: string }
  | { readonly kind: "unknown"; readonly description: string };

export interface Route {
  /** How the route reads in a message: `aws_route.x`, or `aws_route_table.x (inline route to …)`. */
  readonly label: string;
  /** The resource that makes the route (for ordering). */
  readonly resource: Resource;
  readonly table: RouteTableRef;
  readonly region?: string;
  /** Destination CIDR, when literal (or a reference to a literal). */
  readonly destination?: string;
  readonly destinationText: string;
  readonly target: RouteTarget;
}

/** A route table: a literal `rtb-…`, an `aws_route_table`, or a VPC's main table. */
export interface RouteTableRef {
  readonly key: string;
  readonly label: string;
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
  readonly resource: Resource;
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

export class Network {
  public readonly endpoints: readonly Endpoint[];
  public readonly peerings: readonly Peering[];
  public readonly routes: readonly Route[];
  public readonly zones: readonly Zone[];
  public readonly records: readonly DnsRecord[];
  private readonly peeringsByAddress: ReadonlyMap<string, Peering>;
  // Indexes built on first use: every consumer asks the same questions.
  private routesByTable?: Map<string, Route[]>;
  private readonly rulesByGroup = new Map<string, IngressRule[]>();

  constructor(public readonly document: TerraformDocument) {
    this.endpoints = document
      .resources("aws_vpc_endpoint")
      .map((resource) => this.readEndpoint(resource));
    const accepters = document.resources("aws_vpc_peering_connection_accepter");
    this.peerings = document
      .resources("aws_vpc_peering_connection")
      .map((resource) => this.readPeering(resource, accepters));
    this.peeringsByAddress = new Map(this.peerings.map((p) => [p.address, p]));
    this.routes = this.readRoutes();
    this.zones = document
      .resources("aws_route53_zone")
      .map((resource) => this.readZone(resource));
    this.records = document
      .resources("aws_route53_record")
      .map((resource) => this.readRecord(resource));
  }

  /**
   * A value, followed through references to literal attributes
   * (`${aws_vpc.x.cidr_block}` -> `10.100.0.0/24`).
   */
  public resolveLiteral(value: unknown, depth = 0): string | undefined {
    const literal = literalString(value);
    if (literal !== undefined || depth > 5) return literal;
    const reference = parseReference(value);
    if (!reference || !/^[a-z_]+$/.test(reference.attribute)) return undefined;
    const resource = this.document.get(reference.address);
    if (!resource) return undefined;
    return this.resolveLiteral(resource.body[reference.attribute], depth + 1);
  }

  /** The VPC a `vpc_id`-like value names. */
  public vpcOf(value: unknown): VpcRef | undefined {
    const classified = classify(value);
    if (classified.kind === "absent") return undefined;
    if (classified.kind === "literal") return { key: String(classified.value) };
    if (classified.kind === "expression") return { key: classified.text };
    const { reference } = classified;
    const resource = this.document.get(reference.address);
    if (!resource) return { key: reference.address, dangling: true };
    if (resource.type === "aws_vpc" && resource.mode === "managed") {
      return reference.attribute === "id"
        ? { key: resource.address, resource }
        : { key: `${reference.address}.${reference.attribute}` };
    }
    // An existing VPC looked up by id: `data.aws_vpc.x.id` with a literal id.
    const literal = this.resolveLiteral(value);
    return { key: literal ?? `${reference.address}.${reference.attribute}` };
  }

  /** The region of a VPC made in this stack (its provider's). */
  public regionOfVpc(vpc: VpcRef | undefined): string | undefined {
    return vpc?.resource ? this.document.regionOf(vpc.resource) : undefined;
  }

  /** The CIDR of a VPC made in this stack. */
  public cidrOfVpc(vpc: VpcRef | undefined): string | undefined {
    const cidr = vpc?.resource
      ? this.resolveLiteral(vpc.resource.body.cidr_block)
      : undefined;
    return cidr !== undefined && isCidr(cidr) ? cidr : undefined;
  }

  public peering(address: string): Peering | undefined {
    return this.peeringsByAddress.get(address);
  }

  /** Peerings between two VPCs, whichever side requests. */
  public peeringsBetween(a: string, b: string): Peering[] {
    return this.peerings.filter((p) => joins(p, a, b));
  }

  /**
   * The resources whose creation accepts a peering: its accepters, or the
   * requester itself when it auto-accepts (same region only).
   */
  public acceptersOf(peering: Peering): Resource[] {
    const sameRegion =
      (peering.peerRegionWritten ?? peering.requesterRegion) ===
      peering.requesterRegion;
    return [
      ...peering.accepters,
      ...(peering.autoAccept && sameRegion ? [peering.resource] : []),
    ];
  }

  /** Routes in one route table. */
  public routesIn(tableKey: string): readonly Route[] {
    if (!this.routesByTable) {
      this.routesByTable = new Map();
      for (const route of this.routes) {
        const list = this.routesByTable.get(route.table.key) ?? [];
        list.push(route);
        this.routesByTable.set(route.table.key, list);
      }
    }
    return this.routesByTable.get(tableKey) ?? [];
  }

  /**
   * The route tables that serve a subnet: its explicit associations, or else
   * its VPC's main route table.
   */
  public routeTablesOfSubnet(subnet: Resource): RouteTableRef[] {
    const explicit = this.document
      .resources("aws_route_table_association")
      .filter(
        (association) =>
          parseReference(association.body.subnet_id)?.address ===
          subnet.address,
      )
      .map((association) => this.routeTableOf(association.body.route_table_id));
    if (explicit.length > 0) return uniqueTables(explicit);
    const vpc = this.vpcOf(subnet.body.vpc_id);
    const mainAssociation = this.document
      .resources("aws_main_route_table_association")
      .find(
        (association) => this.vpcOf(association.body.vpc_id)?.key === vpc?.key,
      );
    if (mainAssociation)
      return [this.routeTableOf(mainAssociation.body.route_table_id)];
    return [mainTableOf(vpc?.key ?? "its VPC")];
  }

  /** A `route_table_id`-like value as a route table. */
  public routeTableOf(value: unknown): RouteTableRef {
    const classified = classify(value);
    if (classified.kind === "literal") {
      const id = String(classified.value);
      return { key: id, label: id };
    }
    if (classified.kind !== "reference") {
      const text = describeValue(value);
      return { key: text, label: text };
    }
    const { reference } = classified;
    const resource = this.document.get(reference.address);
    if (
      resource?.type === "aws_vpc" &&
      ["main_route_table_id", "default_route_table_id"].includes(
        reference.attribute,
      )
    )
      return mainTableOf(resource.address);
    if (resource?.type === "aws_default_route_table")
      return this.routeTableOf(resource.body.default_route_table_id);
    if (resource && reference.attribute === "id")
      return { key: resource.address, label: resource.address };
    const literal = this.resolveLiteral(value);
    if (literal) return { key: literal, label: literal };
    const text = `${reference.address}${reference.attribute ? "." + reference.attribute : ""}`;
    return { key: text, label: text };
  }

  /** Ingress rules of a security group: rule resources and inline `ingress` blocks. */
  public ingressRulesOf(group: Resource): readonly IngressRule[] {
    const cached = this.rulesByGroup.get(group.address);
    if (cached) return cached;
    const rules: IngressRule[] = [];
    const ofGroup = (resource: Resource) =>
      parseReference(resource.body.security_group_id)?.address ===
      group.address;
    for (const rule of this.document
      .resources("aws_vpc_security_group_ingress_rule")
      .filter(ofGroup)) {
      rules.push({
        label: rule.address,
        cidrs: this.literalCidrs([rule.body.cidr_ipv4]),
        ...protocolAndPorts(
          rule.body.ip_protocol,
          rule.body.from_port,
          rule.body.to_port,
        ),
      });
    }
    for (const rule of this.document
      .resources("aws_security_group_rule")
      .filter(ofGroup)
      .filter((r) => literalString(r.body.type) === "ingress")) {
      rules.push({
        label: rule.address,
        cidrs: this.literalCidrs(elements(rule.body.cidr_blocks)),
        ...protocolAndPorts(
          rule.body.protocol,
          rule.body.from_port,
          rule.body.to_port,
        ),
      });
    }
    blocks(group.body.ingress).forEach((block, i) => {
      rules.push({
        label: `${group.address} (inline ingress[${i}])`,
        cidrs: this.literalCidrs(elements(block.cidr_blocks)),
        ...protocolAndPorts(block.protocol, block.from_port, block.to_port),
      });
    });
    this.rulesByGroup.set(group.address, rules);
    return rules;
  }

  /** Subnet resources of an endpoint, and the values that name no subnet of this stack. */
  public subnetsOf(endpoint: Endpoint): {
    subnets: Resource[];
    unresolved: string[];
  } {
    const subnets: Resource[] = [];
    const unresolved: string[] = [];
    for (const value of endpoint.subnetValues) {
      const subnet = this.document.referenced(value, "aws_subnet");
      if (subnet && parseReference(value)?.attribute === "id")
        subnets.push(subnet);
      else unresolved.push(describeValue(value));
    }
    return { subnets, unresolved };
  }

  /** Subnets made in a VPC of this stack, by AZ, then address. */
  public subnetsIn(vpc: Resource): Resource[] {
    const azOf = (subnet: Resource) =>
      this.resolveLiteral(subnet.body.availability_zone_id) ??
      this.resolveLiteral(subnet.body.availability_zone) ??
      "";
    return this.document
      .resources("aws_subnet")
      .filter((subnet) => this.vpcOf(subnet.body.vpc_id)?.key === vpc.address)
      .sort(
        (a, b) =>
          azOf(a).localeCompare(azOf(b)) || a.address.localeCompare(b.address),
      );
  }

  private literalCidrs(values: readonly unknown[]): string[] {
    return values
      .map((value) => this.resolveLiteral(value))
      .filter((cidr): cidr is string => cidr !== undefined && isCidr(cidr));
  }

  private readEndpoint(resource: Resource): Endpoint {
    const { body } = resource;
    return {
      address: resource.address,
      resource,
      serviceName: this.resolveLiteral(body.service_name),
      type: literalString(body.vpc_endpoint_type) ?? "Gateway",
      vpc: this.vpcOf(body.vpc_id),
      region: this.document.regionOf(resource),
      serviceRegion: literalString(body.service_region),
      subnetValues: elements(body.subnet_ids),
      securityGroupValues: elements(body.security_group_ids),
    };
  }

  private readPeering(
    resource: Resource,
    accepters: readonly Resource[],
  ): Peering {
    const { body } = resource;
    return {
      address: resource.address,
      resource,
      requesterVpc: this.vpcOf(body.vpc_id),
      peerVpc: this.vpcOf(body.peer_vpc_id),
      requesterRegion: this.document.regionOf(resource),
      peerRegionWritten: literalString(body.peer_region),
      autoAccept: literalBoolean(body.auto_accept) === true,
      accepters: accepters.filter(
        (accepter) =>
          parseReference(accepter.body.vpc_peering_connection_id)?.address ===
          resource.address,
      ),
    };
  }

  private readRoutes(): Route[] {
    const routes: Route[] = [];
    for (const resource of this.document.resources("aws_route")) {
      routes.push(
        this.readRoute(
          resource,
          resource.address,
          this.routeTableOf(resource.body.route_table_id),
          resource.body,
          resource.body.destination_cidr_block,
        ),
      );
    }
    // Inline routes of managed tables are routes too.
    for (const type of ["aws_route_table", "aws_default_route_table"]) {
      for (const resource of this.document.resources(type)) {
        const table =
          type === "aws_route_table"
            ? { key: resource.address, label: resource.address }
            : this.routeTableOf(resource.body.default_route_table_id);
        for (const block of blocks(resource.body.route)) {
          routes.push(
            this.readRoute(
              resource,
              `${resource.address} (inline route to ${describeValue(block.cidr_block)})`,
              table,
              block,
              block.cidr_block,
            ),
          );
        }
      }
    }
    return routes;
  }

  private readRoute(
    resource: Resource,
    label: string,
    table: RouteTableRef,
    body: JsonObject,
    destinationValue: unknown,
  ): Route {
    const destination = this.resolveLiteral(destinationValue);
    return {
      label,
      resource,
      table,
      region: this.document.regionOf(resource),
      destination:
        destination !== undefined && isCidr(destination)
          ? destination
          : undefined,
      destinationText: describeValue(destinationValue),
      target: this.routeTarget(body),
    };
  }

  private routeTarget(body: JsonObject): RouteTarget {
    const value = body.vpc_peering_connection_id;
    const classified = classify(value);
    if (classified.kind === "absent") {
      const other = Object.keys(body)
        .filter((key) => /_id$/.test(key) && key !== "route_table_id")
        .filter((key) => classify(body[key]).kind !== "absent")
        .map((key) => `${key} ${describeValue(body[key])}`);
      return {
        kind: "unknown",
        description:
          other.length > 0 ? other.join(", ") : "no target (no peering)",
      };
    }
    if (classified.kind !== "reference")
      return {
        kind: "unknown",
        description: `vpc_peering_connection_id ${describeValue(value)}, not a peering of this stack`,
      };
    const via = this.document.get(classified.reference.address);
    if (!via)
      return { kind: "dangling", address: classified.reference.address };
    if (via.type === "aws_vpc_peering_connection")
      return { kind: "peering", via, peering: this.peering(via.address) };
    if (via.type === "aws_vpc_peering_connection_accepter") {
      const connection = parseReference(via.body.vpc_peering_connection_id);
      return {
        kind: "peering",
        via,
        peering: connection ? this.peering(connection.address) : undefined,
      };
    }
    return {
      kind: "unknown",
      description: `vpc_peering_connection_id ${describeValue(value)}, not a peering`,
    };
  }

  private readZone(resource: Resource): Zone {
    const zoneRegion = this.document.regionOf(resource);
    const inline = blocks(resource.body.vpc).map((block, i) => ({
      vpc: this.vpcOf(block.vpc_id),
      // Route 53 assumes the provider's region when vpc_region is unset.
      region: literalString(block.vpc_region) ?? zoneRegion,
      madeBy: `${resource.address} (vpc[${i}])`,
    }));
    const separate = this.document
      .resources("aws_route53_zone_association")
      .filter(
        (association) =>
          parseReference(association.body.zone_id)?.address ===
          resource.address,
      )
      .map((association) => ({
        vpc: this.vpcOf(association.body.vpc_id),
        region:
          literalString(association.body.vpc_region) ??
          this.document.regionOf(association),
        madeBy: association.address,
      }));
    return {
      address: resource.address,
      resource,
      name: normalizeDnsName(this.resolveLiteral(resource.body.name) ?? ""),
      isPrivate: inline.length > 0,
      associations: [...inline, ...separate],
    };
  }

  private readRecord(resource: Resource): DnsRecord {
    const { body } = resource;
    const zone = this.document.referenced(body.zone_id, "aws_route53_zone");
    const zoneName = zone
      ? normalizeDnsName(this.resolveLiteral(zone.body.name) ?? "")
      : "";
    const written = normalizeDnsName(this.resolveLiteral(body.name) ?? "");
    // The provider appends the zone's name to a relative record name.
    const name =
      zoneName === "" ||
      written === zoneName ||
      written.endsWith(`.${zoneName}`)
        ? written
        : written === ""
          ? zoneName
          : `${written}.${zoneName}`;
    const type = (literalString(body.type) ?? "").toUpperCase();
    const aliases = blocks(body.alias);
    const targets =
      aliases.length > 0
        ? aliases.map((alias) => alias.name)
        : type === "CNAME"
          ? elements(body.records)
          : [];
    const endpointTargets = targets
      .map((target) => parseReference(target))
      .filter(
        (reference) =>
          reference !== undefined &&
          reference.type === "aws_vpc_endpoint" &&
          /^dns_entry\[\d+\]\.dns_name$/.test(reference.attribute) &&
          this.document.get(reference.address) !== undefined,
      )
      .map((reference) => reference?.address as string);
    return {
      address: resource.address,
      zoneAddress: zone?.address,
      name,
      type,
      endpointTargets,
      targetText:
        targets.length > 0 ? targets.map(describeValue).join(", ") : "nothing",
    };
  }
}

/** Whether a peering joins exactly these two VPCs (by VPC key). */
export function joins(peering: Peering, a: string, b: string): boolean {
  const sides = [peering.requesterVpc?.key, peering.peerVpc?.key];
  return a !== b && sides.includes(a) && sides.includes(b);
}

/** `vpc-0b1c… and aws_vpc.endpoint_vpc`: what a peering joins, for messages. */
export function describeJoin(peering: Peering): string {
  return `${peering.requesterVpc?.key ?? "no vpc_id"} and ${peering.peerVpc?.key ?? "no peer_vpc_id"}`;
}

function mainTableOf(vpcKey: string): RouteTableRef {
  return {
    key: `${vpcKey}#main`,
    label: `the main route table of ${vpcKey}`,
  };
}

function uniqueTables(tables: RouteTableRef[]): RouteTableRef[] {
  const byKey = new Map(tables.map((table) => [table.key, table]));
  return [...byKey.values()];
}

function protocolAndPorts(
  protocol: unknown,
  from: unknown,
  to: unknown,
): Pick<IngressRule, "protocol" | "from" | "to"> {
  const written = String(
    literalNumber(protocol) ?? literalString(protocol) ?? "",
  ).toLowerCase();
  const kind =
    written === "tcp" || written === "6"
      ? "tcp"
      : written === "-1" || written === "all"
        ? "all"
        : "other";
  return { protocol: kind, from: literalNumber(from), to: literalNumber(to) };
}
