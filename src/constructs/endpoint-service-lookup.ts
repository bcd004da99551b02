import * as dataAwsVpcEndpointService from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";

export interface EndpointServiceLookupProps {
  /** The endpoint service name, e.g. com.amazonaws.vpce.us-east-1.vpce-svc-…. */
  readonly serviceName: string;
  /**
   * The provider to read with: its account must be allowed to see the
   * service, and its region must be the service's (the provider's read
   * across regions with `service_regions` is unreliable:
   * hashicorp/terraform-provider-aws#44402, #44186).
   */
  readonly provider: AwsProvider;
}

/**
 * Reads the endpoint service at plan time, so the plan can check the
 * configured AZs against the AZs the service is offered in, or a zone
 * against the service's private DNS names.
 */
export class EndpointServiceLookup extends Construct {
  private readonly service: dataAwsVpcEndpointService.DataAwsVpcEndpointService;

  constructor(scope: Construct, id: string, props: EndpointServiceLookupProps) {
    super(scope, id);
    this.service = new dataAwsVpcEndpointService.DataAwsVpcEndpointService(
      this,
      "vpc_endpoint_service",
      {
        provider: props.provider,
        serviceName: props.serviceName,
      },
    );
  }

  /** AZ names (of this account) the service is offered in. */
  public get availabilityZones(): string[] {
    return this.service.availabilityZones;
  }

  /** The service's private DNS names (empty when it has none). */
  public get privateDnsNames(): string[] {
    return this.service.privateDnsNames;
  }
}
