/**
 * The validated, normalized config the stacks are built from. Every list
 * that is a set in AWS terms is sorted, so the synthesized Terraform does not
 * depend on the order of the file.
 */
import type { CONNECTIVITIES } from "./schema";

import type { PortRange } from "../lib/ports";

export type { PortRange };

/**
 * `peering`: reaches the shared endpoint in the endpoint VPC over an
 * inter-region peering. `native`: has an endpoint of its own in its VPC,
 * connected across regions by AWS (`service_region`).
 */
export type Connectivity = (typeof CONNECTIVITIES)[number];

interface ConsumerBase {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly cidrs: readonly string[];
  /** The role that manages this consumer's side; undefined: the ambient credentials. */
  readonly roleArn?: string;
}

/** Reaches the shared endpoint in the endpoint VPC over an inter-region peering. */
export interface PeeredConsumer extends ConsumerBase {
  readonly connectivity: "peering";
  /** The client subnets' route tables, which get a route to the endpoint VPC. */
  readonly routeTableIds: readonly string[];
}

/** Has an interface endpoint of its own in its VPC, across regions by AWS. */
export interface NativeConsumer extends ConsumerBase {
  readonly connectivity: "native";
  /** The subnets of the consumer's own endpoint. */
  readonly subnetIds: readonly string[];
}

export type Consumer = PeeredConsumer | NativeConsumer;

export interface EndpointVpcConfig {
  readonly cidr: string;
  readonly azIds: readonly string[];
  /**
   * The subnet CIDR of each AZ ID, in azIds order: the config's
   * `subnetCidrs`, else the AZ ID's fixed slot of the VPC's block.
   */
  readonly subnetCidrs: Readonly<Record<string, string>>;
}

interface ServiceBase {
  readonly name: string;
  readonly serviceName: string;
  readonly region: string;
  readonly ports: readonly PortRange[];
  readonly privateDnsEnabled: boolean;
  readonly dnsNames: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  /** The role that manages the endpoint side; undefined: the ambient credentials. */
  readonly roleArn?: string;
}

/**
 * A service. The endpoint VPC is there by type exactly when a consumer
 * peers: a service whose consumers are all native has none.
 */
export type Service = ServiceBase &
  (
    | {
        readonly endpointVpc: EndpointVpcConfig;
        readonly consumers: readonly Consumer[];
      }
    | {
        readonly endpointVpc?: undefined;
        readonly consumers: readonly NativeConsumer[];
      }
  );

/**
 * Where the stacks keep their state: one Terraform Cloud workspace per
 * stack, named `<workspacePrefix><stack name>`.
 */
export interface TerraformCloud {
  readonly organization: string;
  readonly workspacePrefix: string;
  /** @default - the organization's default project */
  readonly project?: string;
}

export interface Config {
  readonly services: readonly Service[];
  /** @default - no remote backend: cdktf's local state */
  readonly terraformCloud?: TerraformCloud;
}

/** The workspace of one stack. */
export function workspaceNameOf(
  cloud: Pick<TerraformCloud, "workspacePrefix">,
  stackName: string,
): string {
  return `${cloud.workspacePrefix}${stackName}`;
}

export const peeredConsumers = (service: Service): PeeredConsumer[] =>
  (service.consumers as readonly Consumer[]).filter(
    (c): c is PeeredConsumer => c.connectivity === "peering",
  );

export const nativeConsumers = (service: Service): NativeConsumer[] =>
  (service.consumers as readonly Consumer[]).filter(
    (c): c is NativeConsumer => c.connectivity === "native",
  );
