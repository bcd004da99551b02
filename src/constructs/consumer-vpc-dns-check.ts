import * as dataAwsVpc from "@cdktf/provider-aws/lib/data-aws-vpc";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";

export interface ConsumerVpcDnsCheckProps {
  /** The consumer's name, for the message. */
  readonly consumer: string;
  readonly vpcId: string;
  /** The consumer's own provider: its account and region. */
  readonly provider: AwsProvider;
}

/**
 * Reads a consumer VPC at plan time and fails the plan unless it has DNS
 * support and DNS hostnames on: a private hosted zone associated with a VPC
 * without them deploys cleanly and then answers nothing there.
 */
export class ConsumerVpcDnsCheck extends Construct {
  constructor(scope: Construct, id: string, props: ConsumerVpcDnsCheckProps) {
    super(scope, id);
    new dataAwsVpc.DataAwsVpc(this, "vpc", {
      provider: props.provider,
      id: props.vpcId,
      lifecycle: {
        postcondition: [
          {
            condition:
              "${self.enable_dns_support && self.enable_dns_hostnames}",
            errorMessage: `VPC ${props.vpcId} of consumer ${props.consumer} needs DNS support and DNS hostnames on, or the private hosted zones do not resolve in it: aws ec2 modify-vpc-attribute --vpc-id ${props.vpcId} --enable-dns-support and then --enable-dns-hostnames.`,
          },
        ],
      },
    });
  }
}
