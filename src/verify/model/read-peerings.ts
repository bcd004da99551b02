/**
 * Reads the peerings (with their accepters) and the routes: which table
 * each route is in, where it sends its traffic, and whether Terraform makes
 * it only after its peering is accepted.
 */
import { isIpv4Cidr as isCidr } from "../../lib/cidr";
import {
  JsonObject,
  Resource,
  blocks,
  classify,
  describeValue,
  literalBoolean,
  literalString,
  parseReference,
} from "../../output/terraform-json";
import {
  Accepter,
  Peering,
  Route,
  RouteTableRef,
  acceptersOf,
} from "./network";
import type { Reader } from "./reader";

export function readPeering(reader: Reader, resource: Resource): Peering {
  const { document } = reader;
  const { body } = resource;
  const accepters: Accepter[] = reader
    .acceptersOf(resource.address)
    .map((accepter) => ({
      address: accepter.address,
      region: document.regionOf(accepter),
      provider: document.providerOf(accepter),
      autoAccept: literalBoolean(accepter.body.auto_accept) === true,
    }));
  return {
    address: resource.address,
    name: resource.name,
    requesterVpc: reader.vpcOf(body.vpc_id),
    peerVpc: reader.vpcOf(body.peer_vpc_id),
    requesterRegion: document.regionOf(resource),
    provider: document.providerOf(resource),
    peerRegionWritten: literalString(body.peer_region),
    autoAccept: literalBoolean(body.auto_accept) === true,
    accepters,
  };
}

/** `aws_route`s, then the inline routes of managed tables (routes too). */
export function readRoutes(
  reader: Reader,
  peerings: readonly Peering[],
): Route[] {
  const byAddress = new Map(peerings.map((p) => [p.address, p]));
  const routes: Route[] = [];
  for (const resource of reader.document.resources("aws_route")) {
    routes.push(
      readRoute(reader, byAddress, {
        resource,
        label: resource.address,
        table: reader.routeTableOf(resource.body.route_table_id),
        body: resource.body,
        destination: resource.body.destination_cidr_block,
      }),
    );
  }
  for (const type of ["aws_route_table", "aws_default_route_table"]) {
    for (const resource of reader.document.resources(type)) {
      const table =
        type === "aws_route_table"
          ? { key: resource.address, label: resource.address }
          : reader.routeTableOf(resource.body.default_route_table_id);
      for (const block of blocks(resource.body.route)) {
        routes.push(
          readRoute(reader, byAddress, {
            resource,
            label: `${resource.address} (inline route to ${describeValue(block.cidr_block)})`,
            table,
            body: block,
            destination: block.cidr_block,
          }),
        );
      }
    }
  }
  return routes;
}

function readRoute(
  reader: Reader,
  peerings: ReadonlyMap<string, Peering>,
  written: {
    resource: Resource;
    label: string;
    table: RouteTableRef;
    body: JsonObject;
    destination: unknown;
  },
): Route {
  const { document } = reader;
  const { resource } = written;
  const destination = reader.resolveLiteral(written.destination);
  const target = routeTarget(reader, peerings, written.body);
  const peering = target.kind === "peering" ? target.peering : undefined;
  return {
    label: written.label,
    provider: document.providerOf(resource),
    table: written.table,
    region: document.regionOf(resource),
    destination:
      destination !== undefined && isCidr(destination)
        ? destination
        : undefined,
    destinationText: describeValue(written.destination),
    target,
    waitsForAccepters: peering
      ? acceptersOf(peering).filter((accepter) =>
          document.waitsFor(resource.address, accepter),
        )
      : [],
  };
}

function routeTarget(
  reader: Reader,
  peerings: ReadonlyMap<string, Peering>,
  body: JsonObject,
): Route["target"] {
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
  const via = reader.document.get(classified.reference.address);
  if (!via) return { kind: "dangling", address: classified.reference.address };
  if (via.type === "aws_vpc_peering_connection")
    return {
      kind: "peering",
      via: via.address,
      peering: peerings.get(via.address),
    };
  if (via.type === "aws_vpc_peering_connection_accepter") {
    const connection = parseReference(via.body.vpc_peering_connection_id);
    return {
      kind: "peering",
      via: via.address,
      peering: connection ? peerings.get(connection.address) : undefined,
    };
  }
  return {
    kind: "unknown",
    description: `vpc_peering_connection_id ${describeValue(value)}, not a peering`,
  };
}
