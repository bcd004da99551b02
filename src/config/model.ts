/**
 * The validated, normalized config the stacks are built from. Every list
 * that is a set in AWS terms is sorted, so the synthesized Terraform does not
 * depend on the order of the file.
 */

/** An inclusive TCP port range; a single port has `from === to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export interface Consumer {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly cidrs: readonly string[];
  readonly routeTableIds: readonly string[];
}

export interface EndpointVpcConfig {
  readonly cidr: string;
  readonly azIds: readonly string[];
}

export interface Service {
  readonly name: string;
  readonly serviceName: string;
  readonly region: string;
  readonly ports: readonly PortRange[];
  readonly privateDnsEnabled: boolean;
  readonly dnsNames: readonly string[];
  readonly endpointVpc: EndpointVpcConfig;
  readonly consumers: readonly Consumer[];
  readonly tags: Readonly<Record<string, string>>;
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
