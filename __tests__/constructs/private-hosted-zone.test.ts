import * as route53Record from "@cdktf/provider-aws/lib/route53-record";
import * as route53Zone from "@cdktf/provider-aws/lib/route53-zone";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { EndpointServiceLookup } from "../../src/constructs/endpoint-service-lookup";
import {
  PrivateHostedZone,
  PrivateHostedZoneProps,
} from "../../src/constructs/private-hosted-zone";
import {
  bareStack,
  outputOf,
  resourcesOf,
  synthOf,
} from "../../test-support/constructs";

/** The service's private DNS names, read as a data source (a token, as in a stack). */
function privateDnsNamesIn(stack: TerraformStack, provider: AwsProvider) {
  return new EndpointServiceLookup(stack, "lookup", {
    serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
    provider,
  }).privateDnsNames;
}

function build(props: Partial<PrivateHostedZoneProps> = {}, readNames = false) {
  const { stack, consumer } = bareStack();
  const names = readNames
    ? { reservedNames: privateDnsNamesIn(stack, consumer) }
    : {};
  const zone = new PrivateHostedZone(stack, "zone", {
    zoneName: "api.example.com",
    hostnames: ["api.example.com"],
    vpcs: [{ vpcId: "vpc-0bbbbbbbbbbbbbbb2", region: "ap-northeast-2" }],
    target: { dnsName: "vpce-1.example.aws", hostedZoneId: "Z1HOSTED" },
    provider: consumer,
    ...names,
    ...props,
  });
  return { stack, zone };
}

test("a private zone named exactly the hostname, associated inline with each VPC in its region", () => {
  const synthesized = synthOf(
    build({
      vpcs: [
        { vpcId: "vpc-0bbbbbbbbbbbbbbb2", region: "ap-northeast-2" },
        { vpcId: "vpc-0ccccccccccccccc3", region: "eu-central-1" },
      ],
    }).stack,
  );
  expect(synthesized).toHaveResourceWithProperties(route53Zone.Route53Zone, {
    provider: "aws.consumer",
    name: "api.example.com",
    vpc: [
      { vpc_id: "vpc-0bbbbbbbbbbbbbbb2", vpc_region: "ap-northeast-2" },
      { vpc_id: "vpc-0ccccccccccccccc3", vpc_region: "eu-central-1" },
    ],
  });
  expect(resourcesOf(synthesized, "aws_route53_zone_association")).toEqual([]);
});

test("each hostname gets one A alias record to the target, the apex and the wildcard alike", () => {
  const synthesized = synthOf(
    build({ hostnames: ["api.example.com", "*.api.example.com"] }).stack,
  );
  const records = resourcesOf(synthesized, "aws_route53_record");
  expect(records.map((r) => [r.name, r.type])).toEqual([
    ["api.example.com", "A"],
    ["*.api.example.com", "A"],
  ]);
  expect(synthesized).toHaveResourceWithProperties(
    route53Record.Route53Record,
    {
      name: "*.api.example.com",
      alias: {
        name: "vpce-1.example.aws",
        zone_id: "Z1HOSTED",
        evaluate_target_health: true,
      },
    },
  );
  for (const record of records)
    expect(record.zone_id).toMatch(/^\$\{aws_route53_zone\.\w+\.zone_id\}$/);
});

test("a hostname outside the zone is an error naming both", () => {
  expect(() => build({ hostnames: ["other.example.com"] })).toThrow(
    "other.example.com does not belong to zone api.example.com",
  );
});

test("reservedNames: the plan fails when the zone's name is one AWS already answers in the VPC", () => {
  const [zone] = resourcesOf(
    synthOf(build({}, true).stack),
    "aws_route53_zone",
  );
  expect(zone.lifecycle.precondition).toEqual([
    {
      condition: expect.stringMatching(
        /^\$\{!contains\(tolist\(data\.aws_vpc_endpoint_service\.\w+\.private_dns_names\), "api\.example\.com"\)\}$/,
      ),
      error_message: expect.stringContaining(
        "api.example.com is the endpoint service's private DNS name",
      ),
    },
  ]);
});

test("without reservedNames the zone is not checked", () => {
  const [zone] = resourcesOf(synthOf(build().stack), "aws_route53_zone");
  expect(zone.lifecycle).toBeUndefined();
});

test("zoneId is a reference to the zone", () => {
  const { stack, zone } = build();
  new TerraformOutput(stack, "zone_id", { value: zone.zoneId });
  expect(outputOf(synthOf(stack), "zone_id")).toMatch(
    /^\$\{aws_route53_zone\.\w+\.zone_id\}$/,
  );
});
