/**
 * The lookups every part of the network reader shares (read-*.ts): values
 * followed through references, VPCs and route tables by the values that
 * name them, resources by what they reference, and models made once.
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
import { RouteTableRef, Vpc, VpcRef } from "./network";

/** The lookups every part of the reader shares. */
export class Reader {
  private readonly vpcsByAddress = new Map<string, Vpc>();
  private readonly made = new Map<string, unknown>();
  private byReference = new Map<string, Map<string, Resource[]>>();

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
   * What `make` returns, made once per `key` for this document: the models
   * of subnets and security groups, which several resources name, and
   * indexes built for every question (read-subnets.ts, read-endpoints.ts).
   */
  public once<T>(key: string, make: () => T): T {
    if (this.made.has(key)) return this.made.get(key) as T;
    const value = make();
    this.made.set(key, value);
    return value;
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

/** The table a VPC's subnets use when no association names one. */
export function mainTableOf(vpcKey: string): RouteTableRef {
  return { key: `${vpcKey}#main`, label: `the main route table of ${vpcKey}` };
}
