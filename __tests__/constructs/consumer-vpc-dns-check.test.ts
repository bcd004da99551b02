import * as dataAwsVpc from "@cdktf/provider-aws/lib/data-aws-vpc";
import { ConsumerVpcDnsCheck } from "../../src/constructs/consumer-vpc-dns-check";
import {
  bareStack,
  dataOf,
  resourceTypes,
  synthOf,
} from "../../test-support/constructs";

function build() {
  const { stack, consumer } = bareStack();
  new ConsumerVpcDnsCheck(stack, "check", {
    consumer: "seoul",
    vpcId: "vpc-0bbbbbbbbbbbbbbb2",
    provider: consumer,
  });
  return stack;
}

test("reads the consumer VPC as the consumer, and makes nothing", () => {
  const synthesized = synthOf(build());
  expect(synthesized).toHaveDataSourceWithProperties(dataAwsVpc.DataAwsVpc, {
    id: "vpc-0bbbbbbbbbbbbbbb2",
    provider: "aws.consumer",
  });
  expect(resourceTypes(synthesized)).toEqual([]);
});

test("the plan fails unless the VPC has both DNS support and DNS hostnames, with the fix in the message", () => {
  const [vpc] = dataOf(synthOf(build()), "aws_vpc");
  expect(vpc.lifecycle.postcondition).toEqual([
    {
      condition: "${self.enable_dns_support && self.enable_dns_hostnames}",
      error_message:
        "VPC vpc-0bbbbbbbbbbbbbbb2 of consumer seoul needs DNS support and DNS hostnames on, or the private hosted zones do not resolve in it: aws ec2 modify-vpc-attribute --vpc-id vpc-0bbbbbbbbbbbbbbb2 --enable-dns-support and then --enable-dns-hostnames.",
    },
  ]);
});
