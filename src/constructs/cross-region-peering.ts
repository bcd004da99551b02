import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as route from "@cdktf/provider-aws/lib/route";
import * as vpcPeeringConnection from "@cdktf/provider-aws/lib/vpc-peering-connection";
import * as vpcPeeringConnectionAccepter from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { Construct } from "constructs";
import { idPart } from "../lib/naming";

/** The consumer's side: it requests the peering. */
export interface RequesterSide {
  readonly vpcId: string;
  readonly provider: AwsProvider;
  /** Route tables of the client subnets: each gets a route to the accepter's CIDR. */
  readonly routeTableIds: readonly string[];
  /** The VPC's CIDRs: each gets a return route in the accepter's route table. */
  readonly cidrs: readonly string[];
}

/** The endpoint VPC's side: it accepts. */
export interface AccepterSide {
  readonly vpcId: string;
  readonly region: string;
  /**
   * The accepter VPC's account, when it may differ from the requester's
   * (`peer_owner_id`).
   * @default - the requester's account
   */
  readonly accountId?: string;
  readonly provider: AwsProvider;
  /** The route table of the endpoint subnets. */
  readonly routeTableId: string;
  /** The VPC's CIDR. */
  readonly cidr: string;
}

export interface CrossRegionPeeringProps {
  /** The `Name` tag of the peering connection. */
  readonly name: string;
  readonly requester: RequesterSide;
  readonly accepter: AccepterSide;
}

/**
 * An inter-region VPC peering and the routes over it, both ways. The
 * requester sets `peer_region` and cannot auto-accept (AWS refuses it across
 * regions); the accepter, in the peer region, accepts. Every route takes the
 * accepter's id, so it is made only after acceptance: a route to a pending
 * peering is a blackhole.
 */
export class CrossRegionPeering extends Construct {
  private readonly connection: vpcPeeringConnection.VpcPeeringConnection;
  private readonly accepter: vpcPeeringConnectionAccepter.VpcPeeringConnectionAccepterA;

  constructor(scope: Construct, id: string, props: CrossRegionPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;

    this.connection = new vpcPeeringConnection.VpcPeeringConnection(
      this,
      "vpc_peering_connection",
      {
        provider: requester.provider,
        vpcId: requester.vpcId,
        peerVpcId: accepter.vpcId,
        peerRegion: accepter.region,
        peerOwnerId: accepter.accountId,
        tags: { Name: props.name },
      },
    );

    this.accepter =
      new vpcPeeringConnectionAccepter.VpcPeeringConnectionAccepterA(
        this,
        "vpc_peering_connection_accepter",
        {
          provider: accepter.provider,
          vpcPeeringConnectionId: this.connection.id,
          autoAccept: true,
          tags: { Name: props.name },
        },
      );

    for (const routeTableId of requester.routeTableIds) {
      new route.Route(this, `outbound_${routeTableId}`, {
        provider: requester.provider,
        routeTableId,
        destinationCidrBlock: accepter.cidr,
        vpcPeeringConnectionId: this.accepter.id,
      });
    }
    for (const cidr of requester.cidrs) {
      new route.Route(this, `return_${idPart(cidr)}`, {
        provider: accepter.provider,
        routeTableId: accepter.routeTableId,
        destinationCidrBlock: cidr,
        vpcPeeringConnectionId: this.accepter.id,
      });
    }
  }

  /** The peering connection's id (`pcx-…`). */
  public get peeringId(): string {
    return this.connection.id;
  }
}
