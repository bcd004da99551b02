/**
 * Reads the network model (model/network.ts) from a stack's Terraform JSON.
 * Everything is found by following references and literal values, never by
 * resource names, so a renamed resource reads the same. The reader resolves
 * every question a check or the picture asks once, up front: each consumer
 * asks the same ones.
 */
import { isIpv4Cidr as isCidr } from "../../lib/cidr";
import { TerraformDocument } from "../../output/terraform-json";
import { Network, Route, Subnet, Vpc } from "./network";
import { readEndpoints } from "./read-endpoints";
import { readRecords, readZones } from "./read-dns";
import { readPeering, readRoutes } from "./read-peerings";
import { subnetOf } from "./read-subnets";
import { Reader } from "./reader";

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
    .map((resource) => subnetOf(reader, resource));
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
