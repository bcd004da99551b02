import * as dataAwsSubnet from "@cdktf/provider-aws/lib/data-aws-subnet";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as securityGroup from "@cdktf/provider-aws/lib/security-group";
import * as vpcEndpoint from "@cdktf/provider-aws/lib/vpc-endpoint";
import * as ingressRule from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Fn, Op, Token } from "cdktf";
import { Construct } from "constructs";
import { PortRange, portLabel } from "../lib/ports";
import { idPart } from "../lib/naming";

/** A named set of networks the endpoint admits. */
export interface AdmittedNetwork {
  /** The consumer's name; part of each rule's address. */
  readonly name: string;
  readonly cidrs: readonly string[];
}

export interface InterfaceEndpointProps {
  /** The `Name` tag of the endpoint and its security group, and the group's name. */
  readonly name: string;
  /** The endpoint service name. */
  readonly serviceName: string;
  readonly vpcId: string;
  /** One subnet per AZ. */
  readonly subnetIds: string[];
  /** TCP ports or ranges the clients use. */
  readonly ports: readonly PortRange[];
  /** Networks admitted on every port, as one ingress rule per CIDR and port. */
  readonly admit: readonly AdmittedNetwork[];
  readonly provider: AwsProvider;
  /**
   * Turn on the service's private DNS name inside this endpoint's VPC.
   * @default false
   */
  readonly privateDnsEnabled?: boolean;
  /**
   * The service's private DNS names as read at plan time. With
   * `privateDnsEnabled`, the plan fails when there are none: AWS refuses
   * private DNS on an endpoint of a service without a verified name.
   * @default - not checked
   */
  readonly servicePrivateDnsNames?: string[];
  /**
   * The service's region, when it differs from the provider's: native
   * cross-region PrivateLink (`service_region`).
   * @default - the provider's region: a same-region endpoint
   */
  readonly serviceRegion?: string;
  /**
   * Check at plan time that `subnetIds` lie in `vpcId` and in distinct AZs
   * (an interface endpoint takes at most one subnet per AZ). For subnets
   * this stack does not make.
   * @default false
   */
  readonly checkSubnets?: boolean;
}

/**
 * An interface endpoint with a security group of its own. The group admits
 * exactly the given CIDRs on the given TCP ports, as separate rule
 * resources (never inline rules, which would fight them), and nothing else:
 * no egress rule either, since Terraform removes AWS's default allow-all
 * egress and an endpoint's replies need none.
 */
export class InterfaceEndpoint extends Construct {
  private readonly endpoint: vpcEndpoint.VpcEndpoint;
  private readonly securityGroup: securityGroup.SecurityGroup;

  constructor(scope: Construct, id: string, props: InterfaceEndpointProps) {
    super(scope, id);
    const { provider } = props;

    this.securityGroup = new securityGroup.SecurityGroup(
      this,
      "security_group",
      {
        provider,
        name: props.name,
        description:
          "PrivateLink endpoint: consumer CIDRs on the service ports only",
        vpcId: props.vpcId,
        tags: { Name: props.name },
      },
    );

    for (const network of props.admit) {
      for (const cidr of network.cidrs) {
        for (const port of props.ports) {
          new ingressRule.VpcSecurityGroupIngressRule(
            this,
            `${network.name}_${idPart(cidr)}_tcp_${portLabel(port)}`,
            {
              provider,
              securityGroupId: this.securityGroup.id,
              cidrIpv4: cidr,
              ipProtocol: "tcp",
              fromPort: port.from,
              toPort: port.to,
              description: `${network.name} ${cidr} tcp/${portLabel(port)}`,
            },
          );
        }
      }
    }

    const subnets = props.checkSubnets
      ? props.subnetIds.map(
          (subnetId) =>
            new dataAwsSubnet.DataAwsSubnet(this, subnetId, {
              provider,
              id: subnetId,
            }),
        )
      : [];

    const privateDnsCheck =
      props.privateDnsEnabled && props.servicePrivateDnsNames
        ? [
            {
              condition: Op.gte(Fn.lengthOf(props.servicePrivateDnsNames), 1),
              errorMessage: `The endpoint service ${props.serviceName} has no private DNS name, and AWS refuses private DNS on endpoint ${props.name}: set the service's privateDnsEnabled to false (consumers resolve through dnsNames).`,
            },
          ]
        : [];

    this.endpoint = new vpcEndpoint.VpcEndpoint(this, "vpc_endpoint", {
      provider,
      // The provider's default type is Gateway; an endpoint service needs Interface.
      vpcEndpointType: "Interface",
      serviceName: props.serviceName,
      serviceRegion: props.serviceRegion,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      securityGroupIds: [this.securityGroup.id],
      privateDnsEnabled: props.privateDnsEnabled ?? false,
      tags: { Name: props.name },
      lifecycle:
        subnets.length > 0 || privateDnsCheck.length > 0
          ? {
              precondition: [
                ...this.subnetChecks(props, subnets),
                ...privateDnsCheck,
              ],
            }
          : undefined,
    });
  }

  /** Plan-time checks of subnets this stack does not make. */
  private subnetChecks(
    props: InterfaceEndpointProps,
    subnets: dataAwsSubnet.DataAwsSubnet[],
  ) {
    if (subnets.length === 0) return [];
    return [
      {
        condition: Op.eq(
          Fn.lengthOf(Fn.distinct(subnets.map((s) => s.availabilityZoneId))),
          subnets.length,
        ),
        errorMessage: `The subnets of endpoint ${props.name} (${props.subnetIds.join(", ")}) must be in distinct AZs: an interface endpoint takes at most one subnet per AZ.`,
      },
      {
        condition: Fn.alltrue(subnets.map((s) => Op.eq(s.vpcId, props.vpcId))),
        errorMessage: `The subnets of endpoint ${props.name} (${props.subnetIds.join(", ")}) must all be in ${props.vpcId}.`,
      },
    ];
  }

  /** The endpoint's id (`vpce-…`). */
  public get endpointId(): string {
    return this.endpoint.id;
  }

  /** The id of the endpoint's own security group. */
  public get securityGroupId(): string {
    return this.securityGroup.id;
  }

  /** The endpoint's DNS names: the regional name first, then one per AZ. */
  public get dnsNames(): string[] {
    return Token.asList(
      `\${[for entry in ${this.endpoint.fqn}.dns_entry : entry.dns_name]}`,
    );
  }

  /** The endpoint's regional DNS name (load-balanced across AZs). */
  public get regionalDnsName(): string {
    return this.endpoint.dnsEntry.get(0).dnsName;
  }

  /** The hosted zone of the regional DNS name, for alias records. */
  public get regionalHostedZoneId(): string {
    return this.endpoint.dnsEntry.get(0).hostedZoneId;
  }
}
