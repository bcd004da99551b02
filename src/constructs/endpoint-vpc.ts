import * as dataAwsAvailabilityZone from "@cdktf/provider-aws/lib/data-aws-availability-zone";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as routeTable from "@cdktf/provider-aws/lib/route-table";
import * as routeTableAssociation from "@cdktf/provider-aws/lib/route-table-association";
import * as subnet from "@cdktf/provider-aws/lib/subnet";
import * as vpc from "@cdktf/provider-aws/lib/vpc";
import { Fn } from "cdktf";
import { Construct } from "constructs";

export interface EndpointVpcProps {
  /** Prefix of the `Name` tags, e.g. the service name. */
  readonly name: string;
  /** The VPC's CIDR block. */
  readonly cidr: string;
  /**
   * One subnet per AZ ID, with its CIDR (inside `cidr`). Keyed by AZ ID, so
   * adding an AZ adds a subnet and moves none.
   */
  readonly subnetCidrs: Readonly<Record<string, string>>;
  /** Provider of the service's region. */
  readonly provider: AwsProvider;
  /**
   * AZ names the endpoint service is offered in (a token of the service
   * lookup). Each subnet's precondition fails `terraform plan`, naming the
   * AZ ID, when its AZ is not among them.
   */
  readonly serviceAvailabilityZones: string[];
  /** The endpoint service name, for the precondition's message. */
  readonly serviceName: string;
}

/**
 * The VPC in the service's region that holds the interface endpoint: private
 * subnets only, one per AZ ID, sharing one route table. It has no internet
 * gateway, NAT gateway, public IP or default route: nothing in it can reach
 * the internet, and only the peered consumers' routes lead out of it.
 */
export class EndpointVpc extends Construct {
  private readonly vpc: vpc.Vpc;
  private readonly routeTable: routeTable.RouteTable;
  /** Subnets by AZ ID, in sorted AZ ID order. */
  private readonly subnets: ReadonlyMap<string, subnet.Subnet>;

  constructor(scope: Construct, id: string, props: EndpointVpcProps) {
    super(scope, id);
    const { provider } = props;

    this.vpc = new vpc.Vpc(this, "vpc", {
      provider,
      cidrBlock: props.cidr,
      // Private DNS and the endpoint's DNS names need both; AWS defaults enable_dns_hostnames to false.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${props.name}-endpoint-vpc` },
    });

    this.routeTable = new routeTable.RouteTable(this, "route_table", {
      provider,
      vpcId: this.vpc.id,
      tags: { Name: `${props.name}-endpoint-vpc` },
    });

    const azIds = Object.keys(props.subnetCidrs).sort();
    const subnets = new Map<string, subnet.Subnet>();
    azIds.forEach((azId) => {
      const scope = new Construct(this, azId);
      const zone = new dataAwsAvailabilityZone.DataAwsAvailabilityZone(
        scope,
        "availability_zone",
        {
          provider,
          zoneId: azId,
        },
      );
      const endpointSubnet = new subnet.Subnet(scope, "subnet", {
        provider,
        vpcId: this.vpc.id,
        cidrBlock: props.subnetCidrs[azId],
        availabilityZoneId: azId,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-endpoint-${azId}` },
        lifecycle: {
          precondition: [
            {
              condition: Fn.contains(props.serviceAvailabilityZones, zone.name),
              errorMessage: `The endpoint service ${props.serviceName} is not offered in ${azId}. Set endpointVpc.azIds to AZ IDs the service lists (aws ec2 describe-vpc-endpoint-services).`,
            },
          ],
        },
      });
      new routeTableAssociation.RouteTableAssociation(
        scope,
        "route_table_association",
        {
          provider,
          subnetId: endpointSubnet.id,
          routeTableId: this.routeTable.id,
        },
      );
      subnets.set(azId, endpointSubnet);
    });
    this.subnets = subnets;
  }

  public get vpcId(): string {
    return this.vpc.id;
  }

  /** The one route table of the endpoint subnets: the peerings' return routes go here. */
  public get routeTableId(): string {
    return this.routeTable.id;
  }

  /** The subnet ids, in sorted AZ ID order. */
  public get subnetIds(): string[] {
    return [...this.subnets.values()].map((s) => s.id);
  }
}
