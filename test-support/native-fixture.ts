/**
 * Hand-made Terraform JSON for native consumers (issue 4: an interface
 * endpoint in the consumer's own VPC, cross-region PrivateLink through
 * `service_region`), in the shape that generator is to write. The verifier
 * is tested on it before the generator exists.
 */
// Types only: the verifier's tests stay clear of cdktf, which fixtures.ts loads.
import type { RawObject, TerraformJson } from "./fixtures";

const SERVICE_NAME = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

export interface NativeConsumerFixture {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly cidrs: readonly string[];
  readonly subnetIds: readonly string[];
}

export const TOKYO: NativeConsumerFixture = {
  name: "tokyo",
  region: "ap-northeast-1",
  vpcId: "vpc-0ccccccccccccccc3",
  cidrs: ["10.3.0.0/16"],
  subnetIds: ["subnet-0ccccccccccccccc1", "subnet-0ccccccccccccccc2"],
};

/** In the service's own region: no service_region on its endpoint. */
export const VIRGINIA: NativeConsumerFixture = {
  name: "virginia",
  region: "us-east-1",
  vpcId: "vpc-0ddddddddddddddd4",
  cidrs: ["10.4.0.0/16", "10.5.0.0/16"],
  subnetIds: ["subnet-0ddddddddddddddd1"],
};

const SERVICE_REGION = "us-east-1";
const HOSTNAMES = ["internal-api.example.com", "*.data.example.com"];
const PORTS = [
  { from: 443, to: 443 },
  { from: 8000, to: 8010 },
];

const alias = (region: string) => region.replace(/-/g, "_");
const zoneOf = (hostname: string) => hostname.replace(/^\*\./, "");
const key = (value: string) =>
  value.replace(/^\*/, "wildcard").replace(/[^A-Za-z0-9-]/g, "_");

function put(
  json: TerraformJson,
  type: string,
  name: string,
  body: RawObject,
): void {
  json.resource ??= {};
  json.resource[type] ??= {};
  json.resource[type][name] = body;
}

/** Topology entry of a native consumer. */
export function nativeTopologyEntry(consumer: NativeConsumerFixture) {
  return {
    connectivity: "native",
    region: consumer.region,
    vpc_id: consumer.vpcId,
    cidrs: [...consumer.cidrs],
    subnet_ids: [...consumer.subnetIds],
  };
}

/**
 * Adds a native consumer's resources to a stack: its endpoint, security
 * group and rules, and its own private zones aliasing its endpoint. The
 * stack must already have a provider for the consumer's region.
 */
export function addNativeConsumer(
  json: TerraformJson,
  consumer: NativeConsumerFixture,
  hostnames: readonly string[] = HOSTNAMES,
): void {
  const provider = `aws.${alias(consumer.region)}`;
  const name = `native_${consumer.name}`;
  put(json, "aws_security_group", name, {
    provider,
    name: `internal-api-${consumer.name}`,
    vpc_id: consumer.vpcId,
  });
  for (const cidr of consumer.cidrs)
    for (const port of PORTS)
      put(
        json,
        "aws_vpc_security_group_ingress_rule",
        `${name}_${key(cidr)}_tcp_${port.from}-${port.to}`,
        {
          provider,
          security_group_id: `\${aws_security_group.${name}.id}`,
          cidr_ipv4: cidr,
          ip_protocol: "tcp",
          from_port: port.from,
          to_port: port.to,
        },
      );
  put(json, "aws_vpc_endpoint", name, {
    provider,
    vpc_endpoint_type: "Interface",
    service_name: SERVICE_NAME,
    ...(consumer.region === SERVICE_REGION
      ? {}
      : { service_region: SERVICE_REGION }),
    vpc_id: consumer.vpcId,
    subnet_ids: [...consumer.subnetIds],
    security_group_ids: [`\${aws_security_group.${name}.id}`],
    private_dns_enabled: false,
  });
  for (const zone of [...new Set(hostnames.map(zoneOf))].sort()) {
    const zoneName = `${name}_${key(zone)}`;
    put(json, "aws_route53_zone", zoneName, {
      provider,
      name: zone,
      vpc: [{ vpc_id: consumer.vpcId, vpc_region: consumer.region }],
    });
    for (const hostname of hostnames.filter((h) => zoneOf(h) === zone))
      put(json, "aws_route53_record", `${zoneName}_${key(hostname)}`, {
        provider,
        zone_id: `\${aws_route53_zone.${zoneName}.zone_id}`,
        name: hostname,
        type: "A",
        alias: {
          name: `\${aws_vpc_endpoint.${name}.dns_entry[0].dns_name}`,
          zone_id: `\${aws_vpc_endpoint.${name}.dns_entry[0].hosted_zone_id}`,
          evaluate_target_health: true,
        },
      });
  }
}

/** A service whose consumers are all native: no endpoint VPC, no peering, no route. */
export function nativeOnlyStack(
  consumers: readonly NativeConsumerFixture[] = [TOKYO, VIRGINIA],
): TerraformJson {
  const regions = [
    ...new Set([SERVICE_REGION, ...consumers.map((c) => c.region)]),
  ].sort();
  const json: TerraformJson = {
    provider: {
      aws: regions.map((region) => ({ alias: alias(region), region })),
    },
    output: {
      topology: {
        value: {
          service: {
            name: "internal-api",
            service_name: SERVICE_NAME,
            region: SERVICE_REGION,
            ports: PORTS,
            dns_names: HOSTNAMES,
            private_dns_enabled: false,
          },
          consumers: Object.fromEntries(
            consumers.map((c) => [c.name, nativeTopologyEntry(c)]),
          ),
        },
      },
    },
  };
  for (const consumer of consumers) addNativeConsumer(json, consumer);
  return json;
}
