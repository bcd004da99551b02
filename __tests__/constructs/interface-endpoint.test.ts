import * as dataAwsSubnet from "@cdktf/provider-aws/lib/data-aws-subnet";
import * as securityGroup from "@cdktf/provider-aws/lib/security-group";
import * as vpcEndpoint from "@cdktf/provider-aws/lib/vpc-endpoint";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { EndpointServiceLookup } from "../../src/constructs/endpoint-service-lookup";
import {
  InterfaceEndpoint,
  InterfaceEndpointProps,
} from "../../src/constructs/interface-endpoint";
import {
  bareStack,
  dataOf,
  outputOf,
  resourceTypes,
  resourcesOf,
  synthOf,
} from "../../test-support/constructs";

const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

/** The service's private DNS names, read as a data source (a token, as in a stack). */
function privateDnsNamesIn(stack: TerraformStack, provider: AwsProvider) {
  return new EndpointServiceLookup(stack, "lookup", {
    serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
    provider,
  }).privateDnsNames;
}

function build(props: Partial<InterfaceEndpointProps> = {}, readNames = false) {
  const { stack, service } = bareStack();
  const names = readNames
    ? { servicePrivateDnsNames: privateDnsNamesIn(stack, service) }
    : {};
  const endpoint = new InterfaceEndpoint(stack, "endpoint", {
    name: "api-endpoint",
    serviceName: SERVICE,
    vpcId: "vpc-0aaaaaaaaaaaaaaa1",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    ports: [{ from: 443, to: 443 }],
    admit: [{ name: "seoul", cidrs: ["10.0.0.0/16"] }],
    provider: service,
    ...names,
    ...props,
  });
  return { stack, endpoint };
}

test("an Interface endpoint in the given VPC and subnets, with its own security group, on the given provider", () => {
  const synthesized = synthOf(build().stack);
  expect(synthesized).toHaveResourceWithProperties(vpcEndpoint.VpcEndpoint, {
    provider: "aws.service",
    vpc_endpoint_type: "Interface",
    service_name: SERVICE,
    vpc_id: "vpc-0aaaaaaaaaaaaaaa1",
    subnet_ids: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    private_dns_enabled: false,
    tags: { Name: "api-endpoint" },
  });
  const [group] = resourcesOf(synthesized, "aws_security_group");
  expect(group).toMatchObject({
    name: "api-endpoint",
    provider: "aws.service",
  });
  // The endpoint carries exactly its own group.
  const [endpoint] = resourcesOf(synthesized, "aws_vpc_endpoint");
  expect(endpoint.security_group_ids).toEqual([
    expect.stringMatching(/^\$\{aws_security_group\.\w+\.id\}$/),
  ]);
});

test("ingress rules are exactly the admitted CIDRs × the ports, and nothing else is open", () => {
  const synthesized = synthOf(
    build({
      ports: [
        { from: 443, to: 443 },
        { from: 8000, to: 8010 },
      ],
      admit: [
        { name: "seoul", cidrs: ["10.0.0.0/16", "10.1.0.0/16"] },
        { name: "frankfurt", cidrs: ["10.2.0.0/16"] },
      ],
    }).stack,
  );
  const rules = resourcesOf(
    synthesized,
    "aws_vpc_security_group_ingress_rule",
  ).map((r) => [r.cidr_ipv4, r.ip_protocol, r.from_port, r.to_port]);
  expect(rules.sort()).toEqual(
    [
      ["10.0.0.0/16", "tcp", 443, 443],
      ["10.0.0.0/16", "tcp", 8000, 8010],
      ["10.1.0.0/16", "tcp", 443, 443],
      ["10.1.0.0/16", "tcp", 8000, 8010],
      ["10.2.0.0/16", "tcp", 443, 443],
      ["10.2.0.0/16", "tcp", 8000, 8010],
    ].sort(),
  );
  expect(resourceTypes(synthesized)).not.toContain(
    "aws_vpc_security_group_egress_rule",
  );
  // No inline rules, which would fight the rule resources.
  const [group] = resourcesOf(synthesized, "aws_security_group");
  expect(group.ingress).toBeUndefined();
  expect(group.egress).toBeUndefined();
});

test("serviceRegion sets service_region (cross-region PrivateLink); without it the endpoint is same-region", () => {
  const cross = synthOf(build({ serviceRegion: "us-east-1" }).stack);
  expect(cross).toHaveResourceWithProperties(vpcEndpoint.VpcEndpoint, {
    service_region: "us-east-1",
  });
  const [same] = resourcesOf(synthOf(build().stack), "aws_vpc_endpoint");
  expect(same.service_region).toBeUndefined();
});

test("checkSubnets reads each subnet and fails the plan unless they are in distinct AZs and in the VPC", () => {
  const synthesized = synthOf(build({ checkSubnets: true }).stack);
  expect(synthesized).toHaveDataSourceWithProperties(
    dataAwsSubnet.DataAwsSubnet,
    { id: "subnet-0aaaaaaaaaaaaaaa1", provider: "aws.service" },
  );
  expect(dataOf(synthesized, "aws_subnet")).toHaveLength(2);
  const [endpoint] = resourcesOf(synthesized, "aws_vpc_endpoint");
  const checks = endpoint.lifecycle.precondition;
  expect(checks).toHaveLength(2);
  expect(checks[0].condition).toMatch(/distinct\(\[.*availability_zone_id/);
  expect(checks[0].error_message).toContain("must be in distinct AZs");
  expect(checks[1].condition).toContain('"vpc-0aaaaaaaaaaaaaaa1"');
  expect(checks[1].error_message).toContain(
    "must all be in vpc-0aaaaaaaaaaaaaaa1",
  );
});

test("without checkSubnets the subnets are trusted: no reads, no preconditions", () => {
  const synthesized = synthOf(build().stack);
  expect(dataOf(synthesized, "aws_subnet")).toEqual([]);
  expect(resourcesOf(synthesized, "aws_vpc_endpoint")[0].lifecycle).toBe(
    undefined,
  );
});

test("privateDnsEnabled with the service's private DNS names fails the plan when the service has none", () => {
  const built = build(
    {
      privateDnsEnabled: true,
    },
    true,
  );
  const [endpoint] = resourcesOf(synthOf(built.stack), "aws_vpc_endpoint");
  expect(endpoint.private_dns_enabled).toBe(true);
  expect(endpoint.lifecycle.precondition).toEqual([
    {
      condition: expect.stringMatching(
        /^\$\{\(length\(tolist\(data\.aws_vpc_endpoint_service\.\w+\.private_dns_names\)\) >= 1\)\}$/,
      ),
      error_message: `The endpoint service ${SERVICE} has no private DNS name, and AWS refuses private DNS on endpoint api-endpoint: set the service's privateDnsEnabled to false (consumers resolve through dnsNames).`,
    },
  ]);
});

test("privateDnsEnabled without the names to check turns private DNS on, unchecked", () => {
  const [endpoint] = resourcesOf(
    synthOf(build({ privateDnsEnabled: true }).stack),
    "aws_vpc_endpoint",
  );
  expect(endpoint.private_dns_enabled).toBe(true);
  expect(endpoint.lifecycle).toBeUndefined();
});

test("getters: the endpoint's id, its DNS names, its group and its regional name and zone, as references", () => {
  const { stack, endpoint } = build();
  new TerraformOutput(stack, "id", { value: endpoint.endpointId });
  new TerraformOutput(stack, "dns_names", { value: endpoint.dnsNames });
  new TerraformOutput(stack, "group", { value: endpoint.securityGroupId });
  new TerraformOutput(stack, "dns", { value: endpoint.regionalDnsName });
  new TerraformOutput(stack, "zone", { value: endpoint.regionalHostedZoneId });
  const synthesized = synthOf(stack);
  expect(outputOf(synthesized, "id")).toMatch(
    /^\$\{aws_vpc_endpoint\.\w+\.id\}$/,
  );
  expect(outputOf(synthesized, "dns_names")).toMatch(
    /^\$\{\[for entry in aws_vpc_endpoint\.\w+\.dns_entry : entry\.dns_name\]\}$/,
  );
  expect(outputOf(synthesized, "group")).toMatch(
    /^\$\{aws_security_group\.\w+\.id\}$/,
  );
  expect(outputOf(synthesized, "dns")).toMatch(
    /^\$\{aws_vpc_endpoint\.\w+\.dns_entry\[0\]\.dns_name\}$/,
  );
  expect(outputOf(synthesized, "zone")).toMatch(
    /^\$\{aws_vpc_endpoint\.\w+\.dns_entry\[0\]\.hosted_zone_id\}$/,
  );
});

test("the security group describes what it admits", () => {
  expect(synthOf(build().stack)).toHaveResourceWithProperties(
    securityGroup.SecurityGroup,
    {
      description:
        "PrivateLink endpoint: consumer CIDRs on the service ports only",
      vpc_id: "vpc-0aaaaaaaaaaaaaaa1",
    },
  );
});
