import * as vpc from "@cdktf/provider-aws/lib/vpc";
import { TerraformOutput } from "cdktf";
import { EndpointServiceLookup } from "../../src/constructs/endpoint-service-lookup";
import { EndpointVpc } from "../../src/constructs/endpoint-vpc";
import {
  bareStack,
  dataOf,
  outputOf,
  resourceTypes,
  resourcesOf,
  synthOf,
} from "../../test-support/constructs";

const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

function build() {
  const { stack, service } = bareStack();
  const lookup = new EndpointServiceLookup(stack, "lookup", {
    serviceName: SERVICE,
    provider: service,
  });
  const endpointVpc = new EndpointVpc(stack, "endpoint_vpc", {
    name: "api",
    cidr: "10.100.0.0/24",
    // Out of order on purpose: subnets follow the sorted AZ IDs.
    subnetCidrs: { "use1-az4": "10.100.0.16/28", "use1-az1": "10.100.0.0/28" },
    provider: service,
    serviceAvailabilityZones: lookup.availabilityZones,
    serviceName: SERVICE,
  });
  return { stack, endpointVpc };
}

test("a VPC with DNS support and hostnames on, in the service's region", () => {
  expect(synthOf(build().stack)).toHaveResourceWithProperties(vpc.Vpc, {
    provider: "aws.service",
    cidr_block: "10.100.0.0/24",
    enable_dns_support: true,
    enable_dns_hostnames: true,
    tags: { Name: "api-endpoint-vpc" },
  });
});

test("one private subnet per AZ ID, in sorted AZ ID order, all on one route table", () => {
  const synthesized = synthOf(build().stack);
  const subnets = resourcesOf(synthesized, "aws_subnet");
  expect(
    subnets.map((s) => [
      s.availability_zone_id,
      s.cidr_block,
      s.map_public_ip_on_launch,
    ]),
  ).toEqual([
    ["use1-az1", "10.100.0.0/28", false],
    ["use1-az4", "10.100.0.16/28", false],
  ]);
  expect(resourcesOf(synthesized, "aws_route_table")).toHaveLength(1);
  const associations = resourcesOf(synthesized, "aws_route_table_association");
  expect(associations).toHaveLength(2);
  expect(new Set(associations.map((a) => a.route_table_id)).size).toBe(1);
});

test("nothing leads to the internet: no gateway, NAT, public IP, or route of its own", () => {
  expect(resourceTypes(synthOf(build().stack))).toEqual([
    "aws_route_table",
    "aws_route_table_association",
    "aws_subnet",
    "aws_vpc",
  ]);
  const [table] = resourcesOf(synthOf(build().stack), "aws_route_table");
  expect(table.route).toBeUndefined();
});

test("each subnet fails the plan, naming its AZ ID, when the service is not offered there", () => {
  const synthesized = synthOf(build().stack);
  expect(dataOf(synthesized, "aws_availability_zone")).toEqual([
    expect.objectContaining({ zone_id: "use1-az1", provider: "aws.service" }),
    expect.objectContaining({ zone_id: "use1-az4", provider: "aws.service" }),
  ]);
  const [, az4] = resourcesOf(synthesized, "aws_subnet");
  expect(az4.availability_zone_id).toBe("use1-az4");
  expect(az4.lifecycle.precondition).toEqual([
    {
      condition: expect.stringMatching(
        /^\$\{contains\(tolist\(data\.aws_vpc_endpoint_service\.\w+\.availability_zones\), data\.aws_availability_zone\.endpoint_vpc_use1-az4_\w+\.name\)\}$/,
      ),
      error_message: `The endpoint service ${SERVICE} is not offered in use1-az4. Set endpointVpc.azIds to AZ IDs the service lists (aws ec2 describe-vpc-endpoint-services).`,
    },
  ]);
  for (const s of resourcesOf(synthesized, "aws_subnet"))
    expect(s.lifecycle.precondition[0].condition).toMatch(
      /^\$\{contains\(tolist\(data\.aws_vpc_endpoint_service\.\w+\.availability_zones\), data\.aws_availability_zone\.[\w-]+\.name\)\}$/,
    );
});

test("getters: vpcId, routeTableId and subnetIds (in AZ ID order) are references", () => {
  const { stack, endpointVpc } = build();
  new TerraformOutput(stack, "vpc", { value: endpointVpc.vpcId });
  new TerraformOutput(stack, "table", { value: endpointVpc.routeTableId });
  new TerraformOutput(stack, "subnets", { value: endpointVpc.subnetIds });
  const synthesized = synthOf(stack);
  expect(outputOf(synthesized, "vpc")).toMatch(/^\$\{aws_vpc\.\w+\.id\}$/);
  expect(outputOf(synthesized, "table")).toMatch(
    /^\$\{aws_route_table\.\w+\.id\}$/,
  );
  const subnets = outputOf(synthesized, "subnets") as string[];
  expect(subnets).toHaveLength(2);
  expect(subnets[0]).toMatch(
    /^\$\{aws_subnet\.endpoint_vpc_use1-az1_\w+\.id\}$/,
  );
  expect(subnets[1]).toMatch(
    /^\$\{aws_subnet\.endpoint_vpc_use1-az4_\w+\.id\}$/,
  );
});
