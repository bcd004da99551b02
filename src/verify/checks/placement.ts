/**
 * The `placement` column: each piece is made where it must be. The
 * endpoint is an Interface endpoint looking for the service in the
 * service's region, made in its VPC's region, one subnet per declared AZ;
 * each peering is requested and accepted in the regions of the VPCs it
 * joins; a native consumer's endpoint sits in exactly its declared subnets.
 */
import {
  NativeDeclaredConsumer,
  PeeringDeclaredConsumer,
  Topology,
} from "../../output/topology";
import { Endpoint, Peering, peerRegionOf } from "../model/network";
import {
  PeeringPath,
  StackContext,
  noEndpointFor,
  noEndpointVpc,
  noPeering,
} from "./context";

export function checkPeeringPlacement(
  context: StackContext,
  consumer: PeeringDeclaredConsumer,
  path: PeeringPath,
  usedThere: ReadonlySet<string>,
): string[] {
  const { endpointVpc } = path;
  if (endpointVpc === undefined) return [noEndpointVpc(context)];
  const reasons: string[] = [];
  const endpointVpcRegion = endpointVpc.vpc?.region;
  for (const endpoint of path.endpoints) {
    reasons.push(...endpointBasics(context.service, endpoint));
    if (endpoint.region !== endpointVpcRegion)
      reasons.push(
        `${endpoint.address} is made in ${endpoint.region ?? "an unknown region"}, but its VPC ${endpointVpc.key} is in ${endpointVpcRegion ?? "an unknown region"}`,
      );
    reasons.push(...subnetPlacement(context.service, endpoint));
  }
  if (path.peerings.length === 0)
    reasons.push(noPeering(consumer, endpointVpc));
  const regionOfSide = (key: string | undefined) =>
    key === consumer.vpc_id
      ? consumer.region
      : key === endpointVpc.key
        ? endpointVpcRegion
        : undefined;
  // The peerings the way there uses; all joining ones if it uses none.
  const judged =
    usedThere.size > 0
      ? path.peerings.filter((p) => usedThere.has(p.address))
      : path.peerings;
  for (const peering of judged)
    reasons.push(...peeringPlacement(peering, regionOfSide));
  return reasons;
}

/** A peering's two sides in their VPCs' regions, and its acceptance. */
function peeringPlacement(
  peering: Peering,
  regionOfSide: (vpcKey: string | undefined) => string | undefined,
): string[] {
  const reasons: string[] = [];
  const requesterVpcRegion = regionOfSide(peering.requesterVpc?.key);
  const peerVpcRegion = regionOfSide(peering.peerVpc?.key);
  const peerRegion = peerRegionOf(peering);
  if (peering.requesterRegion !== requesterVpcRegion)
    reasons.push(
      `${peering.address} is requested with ${peering.provider} (${peering.requesterRegion ?? "unknown region"}), but its vpc_id ${peering.requesterVpc?.key} is in ${requesterVpcRegion}`,
    );
  if (peerRegion !== peerVpcRegion)
    reasons.push(
      `${peering.address} has peer_region ${peerRegion ?? "unset"}, but its peer_vpc_id ${peering.peerVpc?.key} is in ${peerVpcRegion}`,
    );
  const crossRegion = peerRegion !== peering.requesterRegion;
  if (peering.autoAccept && crossRegion)
    reasons.push(
      `${peering.address} sets auto_accept, which AWS refuses across regions: accept it with an aws_vpc_peering_connection_accepter in ${peerRegion}`,
    );
  if (peering.autoAccept && !crossRegion) return reasons;
  return [...reasons, ...acceptance(peering, peerRegion)];
}

/** An accepter in the peer region that sets auto_accept. */
function acceptance(
  peering: Peering,
  peerRegion: string | undefined,
): string[] {
  if (peering.accepters.length === 0)
    return [
      `missing aws_vpc_peering_connection_accepter: nothing accepts ${peering.address} in ${peerRegion ?? "the peer region"}; it stays pending`,
    ];
  if (peering.accepters.some((a) => a.region === peerRegion && a.autoAccept))
    return [];
  return peering.accepters.flatMap((accepter) => [
    ...(accepter.region !== peerRegion
      ? [
          `${accepter.address} accepts ${peering.address} with ${accepter.provider} (${accepter.region ?? "unknown region"}), not in the peer region ${peerRegion}`,
        ]
      : []),
    ...(!accepter.autoAccept
      ? [
          `${accepter.address} does not set auto_accept = true: ${peering.address} stays pending`,
        ]
      : []),
  ]);
}

/** Type and service region, for any consumer's endpoint. */
function endpointBasics(
  service: Topology["service"],
  endpoint: Endpoint,
): string[] {
  const reasons: string[] = [];
  if (endpoint.type !== "Interface")
    reasons.push(
      `${endpoint.address} is a ${endpoint.type} endpoint; an endpoint service needs vpc_endpoint_type = "Interface"`,
    );
  const serviceRegion = endpoint.serviceRegion ?? endpoint.region;
  if (serviceRegion !== service.region)
    reasons.push(
      endpoint.serviceRegion === undefined
        ? `${endpoint.address} has no service_region, so it looks for ${service.service_name} in ${endpoint.region ?? "its provider's region"}; the service is in ${service.region}`
        : `${endpoint.address} has service_region ${endpoint.serviceRegion}; the service is in ${service.region}`,
    );
  return reasons;
}

/** Subnets of the endpoint's own VPC, at most one per AZ, in declared AZs. */
function subnetPlacement(
  service: Topology["service"],
  endpoint: Endpoint,
): string[] {
  const reasons: string[] = [];
  const { subnets, unresolvedSubnets } = endpoint;
  if (subnets.length === 0 && unresolvedSubnets.length === 0)
    reasons.push(`${endpoint.address} has no subnet_ids`);
  for (const value of unresolvedSubnets)
    reasons.push(
      `${endpoint.address} lists ${value}, not an aws_subnet of this stack`,
    );
  const declaredAzs = service.endpoint_vpc?.az_ids;
  const byAz = new Map<string, string[]>();
  for (const subnet of subnets) {
    if (subnet.vpc?.key !== endpoint.vpc?.key)
      reasons.push(
        `${subnet.address} is in ${subnet.vpc?.key ?? "no VPC"}, not in ${endpoint.vpc?.key ?? "the endpoint's VPC"}`,
      );
    if (subnet.az === undefined) {
      reasons.push(
        `${subnet.address} has no literal availability_zone_id: AWS picks its AZ, so one subnet per AZ is not assured`,
      );
      continue;
    }
    byAz.set(subnet.az, [...(byAz.get(subnet.az) ?? []), subnet.address]);
    if (
      subnet.azId !== undefined &&
      declaredAzs &&
      !declaredAzs.includes(subnet.azId)
    )
      reasons.push(
        `${subnet.address} is in ${subnet.azId}, not one of the service's AZ IDs (${declaredAzs.join(", ")})`,
      );
  }
  for (const [az, addresses] of [...byAz.entries()].sort())
    if (addresses.length > 1)
      reasons.push(
        `${endpoint.address} has ${addresses.join(" and ")} in the same AZ ${az}; an endpoint takes one subnet per AZ`,
      );
  return reasons;
}

export function checkNativePlacement(
  context: StackContext,
  consumer: NativeDeclaredConsumer,
  endpoints: readonly Endpoint[],
): string[] {
  if (endpoints.length === 0) return [noEndpointFor(context, consumer)];
  return endpoints.flatMap((endpoint) => [
    ...endpointBasics(context.service, endpoint),
    ...nativeEndpointPlacement(consumer, endpoint),
  ]);
}

/** In the consumer's region, in exactly its declared subnets. */
function nativeEndpointPlacement(
  consumer: NativeDeclaredConsumer,
  endpoint: Endpoint,
): string[] {
  const reasons: string[] = [];
  if (endpoint.region !== consumer.region)
    reasons.push(
      `${endpoint.address} is made with ${endpoint.provider} (${endpoint.region ?? "unknown region"}), but ${consumer.vpc_id} is in ${consumer.region}`,
    );
  const written = endpoint.subnetIds;
  for (const id of consumer.subnet_ids)
    if (!written.includes(id))
      reasons.push(
        `${endpoint.address} is not in ${id}, a declared subnet of ${consumer.name}`,
      );
  for (const id of written)
    if (!consumer.subnet_ids.includes(id))
      reasons.push(
        `${endpoint.address} lists ${id}, not a declared subnet of ${consumer.name}`,
      );
  if (written.length === 0)
    reasons.push(`${endpoint.address} has no subnet_ids`);
  return reasons;
}
