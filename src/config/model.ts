/**
 * The validated, normalized config the stacks are built from. Every list
 * that is a set in AWS terms is sorted, so the synthesized Terraform does not
 * depend on the order of the file.
 */
import type { CONNECTIVITIES } from "./schema";

/** An inclusive TCP port range; a single port has `from === to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/**
 * `peering`: reaches the shared endpoint in the endpoint VPC over an
 * inter-region peering. `native`: has an endpoint of its own in its VPC,
 * connected across regions by AWS (`service_region`).
 */
export type Connectivity = (typeof CONNECTIVITIES)[number];

export interface Consumer {
  readonly name: string;
  readonly connectivity: Connectivity;
  readonly region: string;
  readonly vpcId: string;
  readonly cidrs: readonly string[];
  /** Peering: the client subnets' route tables. Empty for native consumers. */
  readonly routeTableIds: readonly string[];
  /** Native: the subnets of the consumer's own endpoint. Empty for peered consumers. */
  readonly subnetIds: readonly string[];
  /** The role that manages this consumer's side; undefined: the ambient credentials. */
  readonly roleArn?: string;
}

export interface EndpointVpcConfig {
  readonly cidr: string;
  readonly azIds: readonly string[];
  /**
   * The subnet CIDR of each AZ ID, in azIds order: the config's
   * `subnetCidrs`, else the AZ ID's fixed slot of the VPC's block.
   */
  readonly subnetCidrs: Readonly<Record<string, string>>;
}

export interface Service {
  readonly name: string;
  readonly serviceName: string;
  readonly region: string;
  readonly ports: readonly PortRange[];
  readonly privateDnsEnabled: boolean;
  readonly dnsNames: readonly string[];
  /** Present exactly when some consumer uses peering. */
  readonly endpointVpc?: EndpointVpcConfig;
  readonly consumers: readonly Consumer[];
  readonly tags: Readonly<Record<string, string>>;
  /** The role that manages the endpoint side; undefined: the ambient credentials. */
  readonly roleArn?: string;
}

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

export const peeredConsumers = (service: Service): Consumer[] =>
  service.consumers.filter((c) => c.connectivity === "peering");

export const nativeConsumers = (service: Service): Consumer[] =>
  service.consumers.filter((c) => c.connectivity === "native");
