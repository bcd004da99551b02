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

export interface Config {
  readonly services: readonly Service[];
}
