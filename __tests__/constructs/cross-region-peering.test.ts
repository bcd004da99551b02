import * as route from "@cdktf/provider-aws/lib/route";
import * as vpcPeeringConnection from "@cdktf/provider-aws/lib/vpc-peering-connection";
import * as vpcPeeringConnectionAccepter from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { TerraformOutput } from "cdktf";
import {
  AccepterSide,
  CrossRegionPeering,
} from "../../src/constructs/cross-region-peering";
import {
  bareStack,
  outputOf,
  resourcesOf,
  synthOf,
} from "../../test-support/constructs";

function build(accepterProps: Partial<AccepterSide> = {}) {
  const { stack, service, consumer } = bareStack();
  const peering = new CrossRegionPeering(stack, "peering", {
    name: "api-seoul",
    requester: {
      vpcId: "vpc-0bbbbbbbbbbbbbbb2",
      provider: consumer,
      routeTableIds: ["rtb-0aaaaaaaaaaaaaaa1", "rtb-0bbbbbbbbbbbbbbb2"],
      cidrs: ["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16"],
    },
    accepter: {
      vpcId: "vpc-0aaaaaaaaaaaaaaa1",
      region: "us-east-1",
      provider: service,
      routeTableId: "rtb-0ccccccccccccccc3",
      cidr: "10.100.0.0/24",
      ...accepterProps,
    },
  });
  return { stack, peering };
}

test("the requester asks across regions and does not auto-accept; the accepter, in the peer region, accepts", () => {
  const synthesized = synthOf(build().stack);
  expect(synthesized).toHaveResourceWithProperties(
    vpcPeeringConnection.VpcPeeringConnection,
    {
      provider: "aws.consumer",
      vpc_id: "vpc-0bbbbbbbbbbbbbbb2",
      peer_vpc_id: "vpc-0aaaaaaaaaaaaaaa1",
      peer_region: "us-east-1",
      tags: { Name: "api-seoul" },
    },
  );
  const [connection] = resourcesOf(synthesized, "aws_vpc_peering_connection");
  expect(connection.auto_accept).toBeUndefined();
  expect(connection.peer_owner_id).toBeUndefined();
  expect(synthesized).toHaveResourceWithProperties(
    vpcPeeringConnectionAccepter.VpcPeeringConnectionAccepterA,
    { provider: "aws.service", auto_accept: true },
  );
});

test("accountId names the accepter's account (peer_owner_id)", () => {
  expect(
    synthOf(build({ accountId: "111122223333" }).stack),
  ).toHaveResourceWithProperties(vpcPeeringConnection.VpcPeeringConnection, {
    peer_owner_id: "111122223333",
  });
});

test("one route per requester route table to the accepter's CIDR, and one return route per requester CIDR", () => {
  const routes = resourcesOf(synthOf(build().stack), "aws_route");
  const summary = routes.map((r) => [
    r.provider,
    r.route_table_id,
    r.destination_cidr_block,
  ]);
  expect(summary).toEqual([
    ["aws.consumer", "rtb-0aaaaaaaaaaaaaaa1", "10.100.0.0/24"],
    ["aws.consumer", "rtb-0bbbbbbbbbbbbbbb2", "10.100.0.0/24"],
    ["aws.service", "rtb-0ccccccccccccccc3", "10.0.0.0/16"],
    ["aws.service", "rtb-0ccccccccccccccc3", "10.1.0.0/16"],
    ["aws.service", "rtb-0ccccccccccccccc3", "10.2.0.0/16"],
  ]);
});

test("every route waits for acceptance: it goes through the accepter's id, never the pending request's", () => {
  const synthesized = synthOf(build().stack);
  expect(synthesized).toHaveResourceWithProperties(route.Route, {
    route_table_id: "rtb-0ccccccccccccccc3",
  });
  for (const r of resourcesOf(synthesized, "aws_route"))
    expect(r.vpc_peering_connection_id).toMatch(
      /^\$\{aws_vpc_peering_connection_accepter\.\w+\.id\}$/,
    );
});

test("peeringId is a reference to the peering connection", () => {
  const { stack, peering } = build();
  new TerraformOutput(stack, "id", { value: peering.peeringId });
  expect(outputOf(synthOf(stack), "id")).toMatch(
    /^\$\{aws_vpc_peering_connection\.\w+\.id\}$/,
  );
});
