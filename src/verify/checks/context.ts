/**
 * What every check of one stack shares: the service's endpoints, the VPCs
 * of this stack that hold them, the path a peering consumer takes, and the
 * messages for a path that is missing altogether.
 */
import {
  DeclaredConsumer,
  PeeringDeclaredConsumer,
  Topology,
} from "../../output/topology";
import {
  Endpoint,
  Network,
  Peering,
  VpcRef,
  peeringsBetween,
} from "../model/network";
import { StackIndex } from "./indexes";

export interface StackContext {
  readonly network: Network;
  readonly service: Topology["service"];
  /** The service's endpoints: `aws_vpc_endpoint`s with its service name. */
  readonly serviceEndpoints: readonly Endpoint[];
  /** VPCs of this stack holding one of the service's endpoints, by key. */
  readonly endpointVpcs: readonly VpcRef[];
  /** What every consumer looks up, indexed once. */
  readonly index: StackIndex;
}

export function stackContext(
  network: Network,
  topology: Topology,
): StackContext {
  const serviceEndpoints = network.endpoints.filter(
    (e) => e.serviceName === topology.service.service_name,
  );
  const byKey = new Map<string, VpcRef>();
  for (const endpoint of serviceEndpoints)
    if (endpoint.vpc?.vpc) byKey.set(endpoint.vpc.key, endpoint.vpc);
  return {
    network,
    service: topology.service,
    serviceEndpoints,
    endpointVpcs: [...byKey.keys()]
      .sort()
      .map((key) => byKey.get(key) as VpcRef),
    index: new StackIndex(network, serviceEndpoints),
  };
}

/** What a peering consumer connects to: an endpoint VPC and the peerings to it. */
export interface PeeringPath {
  /** The endpoint VPC (an `aws_vpc` of this stack), when the service has one. */
  readonly endpointVpc?: VpcRef;
  readonly endpoints: readonly Endpoint[];
  /** Every peering joining the consumer VPC and the endpoint VPC. */
  readonly peerings: readonly Peering[];
}

/** The endpoint VPC the consumer is peered with (the first, if none is). */
export function peeringPathOf(
  context: StackContext,
  consumer: PeeringDeclaredConsumer,
): PeeringPath {
  const { network, endpointVpcs } = context;
  const joined = endpointVpcs.filter(
    (vpc) => peeringsBetween(network, consumer.vpc_id, vpc.key).length > 0,
  );
  const endpointVpc = joined[0] ?? endpointVpcs[0];
  if (endpointVpc === undefined) return { endpoints: [], peerings: [] };
  return {
    endpointVpc,
    endpoints: context.index.serviceEndpointsIn(endpointVpc.key),
    peerings: peeringsBetween(network, consumer.vpc_id, endpointVpc.key),
  };
}

/** A native consumer's endpoints: the service's, in its own VPC. */
export function nativeEndpointsOf(
  context: StackContext,
  consumer: DeclaredConsumer,
): readonly Endpoint[] {
  return context.index.serviceEndpointsIn(consumer.vpc_id);
}

export function noEndpointVpc(context: StackContext): string {
  return `missing aws_vpc_endpoint: none for ${context.service.service_name} sits in an aws_vpc of this stack${otherServices(context, (e) => e.vpc?.vpc !== undefined)}`;
}

/** Endpoints that would match but for their service name: a likely typo. */
function otherServices(
  context: StackContext,
  where: (endpoint: Endpoint) => boolean,
): string {
  const others = context.network.endpoints
    .filter((e) => e.serviceName !== context.service.service_name)
    .filter(where)
    .map((e) => `${e.address} is for ${e.serviceName ?? "an unknown service"}`);
  return others.length > 0 ? ` (${others.join("; ")})` : "";
}

export function noPeering(
  consumer: DeclaredConsumer,
  endpointVpc: VpcRef,
): string {
  return `missing aws_vpc_peering_connection: none joins ${consumer.vpc_id} (${consumer.name}) and ${endpointVpc.key}`;
}

/** Why a consumer has no endpoint to judge. */
export function noEndpointFor(
  context: StackContext,
  consumer: DeclaredConsumer,
): string {
  const name = context.service.service_name;
  return consumer.connectivity === "native"
    ? `missing aws_vpc_endpoint: none for ${name} has vpc_id ${consumer.vpc_id} (${consumer.name}'s VPC)${otherServices(context, (e) => e.vpc?.key === consumer.vpc_id)}`
    : context.endpointVpcs.length === 0
      ? noEndpointVpc(context)
      : `no aws_vpc_endpoint for ${name} is reachable from ${consumer.vpc_id}`;
}
