/**
 * Reads subnets: their VPC, AZ, CIDR and the route tables they use (their
 * explicit associations, else their VPC's main table). An endpoint may name
 * a `data.aws_subnet` too, so any subnet resource is read this way.
 */
import {
  Resource,
  TerraformDocument,
  parseReference,
} from "../../output/terraform-json";
import { RouteTableRef, Subnet, VpcRef } from "./network";
import { Reader, mainTableOf } from "./reader";

/** The model of a subnet resource, made once per stack. */
export function subnetOf(reader: Reader, resource: Resource): Subnet {
  return reader.once(`subnet ${resource.address}`, () =>
    readSubnet(
      reader,
      resource,
      reader
        .once("route table associations by subnet", () =>
          associationsBySubnet(reader.document),
        )
        .get(resource.address) ?? [],
    ),
  );
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
