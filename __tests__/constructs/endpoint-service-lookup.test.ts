import * as dataAwsVpcEndpointService from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service";
import { TerraformOutput } from "cdktf";
import { EndpointServiceLookup } from "../../src/constructs/endpoint-service-lookup";
import {
  bareStack,
  outputOf,
  resourceTypes,
  synthOf,
} from "../../test-support/constructs";

const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

test("reads the service by name with the given provider, and makes nothing", () => {
  const { stack, service } = bareStack();
  new EndpointServiceLookup(stack, "lookup", {
    serviceName: SERVICE,
    provider: service,
  });
  const synthesized = synthOf(stack);
  expect(synthesized).toHaveDataSourceWithProperties(
    dataAwsVpcEndpointService.DataAwsVpcEndpointService,
    { service_name: SERVICE, provider: "aws.service" },
  );
  expect(resourceTypes(synthesized)).toEqual([]);
});

test("availabilityZones and privateDnsNames are references to what the read returns", () => {
  const { stack, service } = bareStack();
  const lookup = new EndpointServiceLookup(stack, "lookup", {
    serviceName: SERVICE,
    provider: service,
  });
  new TerraformOutput(stack, "azs", { value: lookup.availabilityZones });
  new TerraformOutput(stack, "names", { value: lookup.privateDnsNames });
  const synthesized = synthOf(stack);
  expect(outputOf(synthesized, "azs")).toMatch(
    /^\$\{tolist\(data\.aws_vpc_endpoint_service\.\w+\.availability_zones\)\}$/,
  );
  expect(outputOf(synthesized, "names")).toMatch(
    /^\$\{tolist\(data\.aws_vpc_endpoint_service\.\w+\.private_dns_names\)\}$/,
  );
});
