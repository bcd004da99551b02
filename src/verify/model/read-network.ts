/**
 * Reads the network model (model/network.ts) from a stack's Terraform JSON.
 * Everything is found by following references and literal values, never by
 * resource names, so a renamed resource reads the same. The reader resolves
 * every question a check or the picture asks once, up front: each consumer
 * asks the same ones.
 */
import { isIpv4Cidr as isCidr } from "../../lib/cidr";
import {
  Resource,
  TerraformDocument,
  classify,
  describeValue,
  literalString,
  parseReference,
} from "../../output/terraform-json";
import {
  IngressRule,
  Network,
  Route,
  RouteTableRef,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcRef,
} from "./network";
import { readEndpoints, readIngressRules } from "./read-endpoints";
import { readRecords, readZones } from "./read-dns";
import { readPeering, readRoutes } from "./read-peerings";

/** The lookups every part of the reader shares. */
export class Reader {
  private readonly vpcsByAddress = new Map<string, Vpc>();
  private readonly subnets = new Map<string, Subnet>();
  private readonly groups = new Map<string, SecurityGroup>();
  private associations?: Map<string, Resource[]>;
  private byReference = new Map<string, Map<string, Resource[]>>();
  private ingressRules?: (group: Resource) => IngressRule[];

  constructor(public readonly document: TerraformDocument) {}

  /** Registers the `aws_vpc`s, so that `vpcOf` can hand out their models. */
  public addVpc(vpc: Vpc): void {
    this.vpcsByAddress.set(vpc.address, vpc);
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
        ? {
            key: resource.address,
            vpc: this.vpcsByAddress.get(resource.address),
          }
        : { key: `${reference.address}.${reference.attribute}` };
    }
    // An existing VPC looked up by id: `data.aws_vpc.x.id` with a literal id.
    const literal = this.resolveLiteral(value);
    return { key: literal ?? `${reference.address}.${reference.attribute}` };
  }

  /** A `route_table_id`-like value as a route table. */
  public routeTableOf(value: unknown): RouteTableRef {
    const classified = classify(value);
    if (classified.kind === "literal")
      return this.table(String(classified.value), String(classified.value));
    if (classified.kind !== "reference") {
      const text = describeValue(value);
      return this.table(text, text);
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
      return this.table(resource.address, resource.address);
    const literal = this.resolveLiteral(value);
    if (literal) return this.table(literal, literal);
    const text = `${reference.address}${reference.attribute ? "." + reference.attribute : ""}`;
    return this.table(text, text);
  }

  /**
   * The model of a subnet resource, made once. An endpoint may name a
   * `data.aws_subnet` too, so this is not limited to the `aws_subnet`s.
   */
  public subnet(resource: Resource): Subnet {
    let subnet = this.subnets.get(resource.address);
    if (!subnet) {
      this.associations ??= associationsBySubnet(this.document);
      subnet = readSubnet(
        this,
        resource,
        this.associations.get(resource.address) ?? [],
      );
      this.subnets.set(resource.address, subnet);
    }
    return subnet;
  }

  /** The model of a security group resource (or data source), made once. */
  public securityGroup(resource: Resource): SecurityGroup {
    let group = this.groups.get(resource.address);
    if (!group) {
      this.ingressRules ??= readIngressRules(this);
      group = {
        address: resource.address,
        vpc: this.vpcOf(resource.body.vpc_id),
        ingress: this.ingressRules(resource),
      };
      this.groups.set(resource.address, group);
    }
    return group;
  }

  /** The `aws_vpc_peering_connection_accepter`s of a connection, in order. */
  public acceptersOf(connection: string): readonly Resource[] {
    return (
      this.referencing(
        "aws_vpc_peering_connection_accepter",
        "vpc_peering_connection_id",
      ).get(connection) ?? []
    );
  }

  /** The `aws_route53_zone_association`s of a zone, in order. */
  public zoneAssociationsOf(zone: string): readonly Resource[] {
    return (
      this.referencing("aws_route53_zone_association", "zone_id").get(zone) ??
      []
    );
  }

  /**
   * Resources of a type by the address their attribute references, made
   * once: one scan per type, not one per connection or zone asking.
   */
  private referencing(
    type: string,
    attribute: string,
  ): Map<string, Resource[]> {
    const key = `${type}.${attribute}`;
    let index = this.byReference.get(key);
    if (index === undefined) {
      index = new Map();
      for (const resource of this.document.resources(type)) {
        const address = parseReference(resource.body[attribute])?.address;
        if (address === undefined) continue;
        const list = index.get(address);
        if (list) list.push(resource);
        else index.set(address, [resource]);
      }
      this.byReference.set(key, index);
    }
    return index;
  }

  /** Literal IPv4 CIDRs among the values. */
  public literalCidrs(values: readonly unknown[]): string[] {
    return values
      .map((value) => this.resolveLiteral(value))
      .filter((cidr): cidr is string => cidr !== undefined && isCidr(cidr));
  }

  // A key that is a resource of this stack carries that resource's region:
  // the way back judges a table's routes against it.
  private table(key: string, label: string): RouteTableRef {
    const resource = this.document.get(key);
    return resource
      ? { key, label, inStack: true, region: this.document.regionOf(resource) }
      : { key, label };
  }
}

/** The network of one stack's Terraform JSON. */
export function readNetwork(document: TerraformDocument): Network {
  const reader = new Reader(document);
  const vpcs = readVpcs(reader);
  const peerings = document
    .resources("aws_vpc_peering_connection")
    .map((resource) => readPeering(reader, resource));
  const routesByTable = new Map<string, Route[]>();
  for (const route of readRoutes(reader, peerings)) {
    const list = routesByTable.get(route.table.key) ?? [];
    list.push(route);
    routesByTable.set(route.table.key, list);
  }
  return {
    vpcs,
    endpoints: readEndpoints(reader),
    peerings,
    zones: readZones(reader),
    records: readRecords(reader),
    routesByTable,
    routeTable: (id) => reader.routeTableOf(id),
  };
}

function readVpcs(reader: Reader): Vpc[] {
  const vpcs = reader.document.resources("aws_vpc").map((resource) => {
    const cidrText = reader.resolveLiteral(resource.body.cidr_block);
    const vpc: Vpc = {
      address: resource.address,
      region: reader.document.regionOf(resource),
      cidr: cidrText !== undefined && isCidr(cidrText) ? cidrText : undefined,
      cidrText,
      subnets: [],
    };
    reader.addVpc(vpc);
    return vpc;
  });
  // Subnets after every VPC: a subnet's model names its VPC's.
  const subnets = reader.document
    .resources("aws_subnet")
    .map((resource) => reader.subnet(resource));
  const byVpc = new Map<string, Subnet[]>();
  for (const subnet of subnets) {
    const key = subnet.vpc?.key;
    if (key === undefined) continue;
    const list = byVpc.get(key);
    if (list) list.push(subnet);
    else byVpc.set(key, [subnet]);
  }
  for (const vpc of vpcs) {
    const inVpc = (byVpc.get(vpc.address) ?? []).sort(
      (a, b) =>
        (a.az ?? "").localeCompare(b.az ?? "") ||
        a.address.localeCompare(b.address),
    );
    (vpc.subnets as Subnet[]).push(...inVpc);
  }
  return vpcs;
}

/** Route table associations by the address of the subnet they name. */
function associationsBySubnet(
  document: TerraformDocument,
): Map<string, Resource[]> {
  const bySubnet = new Map<string, Resource[]>();
  for (const association of document.resources("aws_route_table_association")) {
    const subnet = parseReference(association.body.subnet_id)?.address;
    if (subnet === undefined) continue;
    bySubnet.set(subnet, [...(bySubnet.get(subnet) ?? []), association]);
  }
  return bySubnet;
}

function readSubnet(
  reader: Reader,
  resource: Resource,
  associations: readonly Resource[],
): Subnet {
  const { body } = resource;
  const vpc = reader.vpcOf(body.vpc_id);
  const azId = reader.resolveLiteral(body.availability_zone_id);
  return {
    address: resource.address,
    vpc,
    azId,
    az: azId ?? reader.resolveLiteral(body.availability_zone),
    cidr: reader.resolveLiteral(body.cidr_block),
    routeTables: routeTablesOfSubnet(reader, vpc, associations),
  };
}

/** Its explicit associations, or else its VPC's main route table. */
function routeTablesOfSubnet(
  reader: Reader,
  vpc: VpcRef | undefined,
  associations: readonly Resource[],
): RouteTableRef[] {
  if (associations.length > 0) {
    const byKey = new Map<string, RouteTableRef>();
    for (const association of associations) {
      const table = reader.routeTableOf(association.body.route_table_id);
      byKey.set(table.key, table);
    }
    return [...byKey.values()];
  }
  const mainAssociation = reader.document
    .resources("aws_main_route_table_association")
    .find(
      (association) => reader.vpcOf(association.body.vpc_id)?.key === vpc?.key,
    );
  if (mainAssociation)
    return [reader.routeTableOf(mainAssociation.body.route_table_id)];
  return [mainTableOf(vpc?.key ?? "its VPC")];
}

function mainTableOf(vpcKey: string): RouteTableRef {
  return { key: `${vpcKey}#main`, label: `the main route table of ${vpcKey}` };
}
