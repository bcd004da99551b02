/**
 * Native cross-region PrivateLink consumers (service_region), alone or mixed
 * with peered ones, and switching a consumer between the modes.
 */
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import {
  addresses,
  dataSources,
  hubAndSpokeService,
  parsed,
  problemsOf,
  rawConfig,
  rawConsumer,
  rawService,
  resources,
  synth,
  warningsOf,
  withoutMetadata,
  SERVICE_NAME,
} from "../../test-support/fixtures";

/** A native consumer in Seoul with two subnets. */
const nativeSeoul = (overrides: Record<string, unknown> = {}) => {
  const consumer = rawConsumer("seoul", {
    connectivity: "native",
    subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
  });
  delete consumer.routeTableIds;
  return { ...consumer, ...overrides };
};

const nativeOnly = () => {
  const service = rawService({ consumers: [nativeSeoul()] });
  delete service.endpointVpc;
  return synth(rawConfig(service));
};

/** The hub-and-spoke service with `seoul` switched to native. */
const mixed = () => {
  const service = hubAndSpokeService();
  service.consumers = service.consumers.map((c: { name: string }) =>
    c.name === "seoul" ? nativeSeoul() : c,
  );
  return synth(rawConfig(service));
};

describe("a native-only service", () => {
  test("an Interface endpoint in the consumer's VPC and region, naming the service's region", () => {
    expect(nativeOnly()).toHaveResourceWithProperties(VpcEndpoint, {
      provider: "aws.ap_northeast_2",
      vpc_endpoint_type: "Interface",
      service_name: SERVICE_NAME,
      service_region: "us-east-1",
      vpc_id: "vpc-0b1c2d3e4f5a6b7c8",
      subnet_ids: ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
      security_group_ids: ["${aws_security_group.native_seoul.id}"],
      private_dns_enabled: true,
    });
  });

  test("its own security group in its VPC admits its CIDRs on the service ports, as separate rules", () => {
    const synthesized = nativeOnly();
    expect(synthesized).toHaveResourceWithProperties(SecurityGroup, {
      provider: "aws.ap_northeast_2",
      vpc_id: "vpc-0b1c2d3e4f5a6b7c8",
    });
    expect(synthesized).toHaveResourceWithProperties(
      VpcSecurityGroupIngressRule,
      {
        provider: "aws.ap_northeast_2",
        security_group_id: "${aws_security_group.native_seoul.id}",
        cidr_ipv4: "10.0.0.0/16",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
      },
    );
    expect(
      Object.keys(
        resources(synthesized, "aws_vpc_security_group_ingress_rule"),
      ),
    ).toHaveLength(1);
  });

  test("a private zone per hostname in its VPC, aliasing its own endpoint", () => {
    const synthesized = nativeOnly();
    expect(synthesized).toHaveResourceWithProperties(Route53Zone, {
      name: "internal-api.example.com",
      vpc: [{ vpc_id: "vpc-0b1c2d3e4f5a6b7c8", vpc_region: "ap-northeast-2" }],
    });
    expect(synthesized).toHaveResourceWithProperties(Route53Record, {
      name: "internal-api.example.com",
      type: "A",
      alias: {
        name: "${aws_vpc_endpoint.native_seoul.dns_entry[0].dns_name}",
        zone_id: "${aws_vpc_endpoint.native_seoul.dns_entry[0].hosted_zone_id}",
        evaluate_target_health: true,
      },
    });
  });

  test("with private DNS on, the plan fails if a zone takes the service's private DNS name", () => {
    const zone = resources(nativeOnly(), "aws_route53_zone")[
      "native_seoul_zone_internal-api_example_com"
    ];
    expect(zone.lifecycle.precondition[0].condition).toBe(
      '${!contains(tolist(data.aws_vpc_endpoint_service.native_seoul_service.private_dns_names), "internal-api.example.com")}',
    );
  });

  test("the service is read as the consumer (its account is the one allowed), in the service's region, without service_regions", () => {
    const lookups = dataSources(nativeOnly(), "aws_vpc_endpoint_service");
    expect(Object.keys(lookups)).toEqual(["native_seoul_service"]);
    // The consumer's ambient credentials in us-east-1: the provider's
    // cross-region read (service_regions) is unreliable (#44402, #44186).
    expect(withoutMetadata(lookups.native_seoul_service)).toEqual({
      provider: "aws.us_east_1",
      service_name: SERVICE_NAME,
    });
    const withoutPrivateDns = rawService({
      privateDnsEnabled: false,
      consumers: [nativeSeoul()],
    });
    delete withoutPrivateDns.endpointVpc;
    expect(
      dataSources(
        synth(rawConfig(withoutPrivateDns)),
        "aws_vpc_endpoint_service",
      ),
    ).toEqual({});
  });

  test("the plan checks the subnets are in the consumer's VPC and in distinct AZs", () => {
    const synthesized = nativeOnly();
    const subnets = dataSources(synthesized, "aws_subnet");
    expect(Object.values(subnets).map((s) => [s.id, s.provider])).toEqual([
      ["subnet-0a1b2c3d4e5f60718", "aws.ap_northeast_2"],
      ["subnet-0f1e2d3c4b5a69788", "aws.ap_northeast_2"],
    ]);
    const [distinct, inVpc] = resources(synthesized, "aws_vpc_endpoint")
      .native_seoul.lifecycle.precondition;
    expect(distinct.condition).toBe(
      "${(length(distinct([data.aws_subnet.native_seoul_subnet-0a1b2c3d4e5f60718.availability_zone_id, data.aws_subnet.native_seoul_subnet-0f1e2d3c4b5a69788.availability_zone_id])) == 2)}",
    );
    expect(distinct.error_message).toContain("distinct AZs");
    expect(inVpc.condition).toContain('== "vpc-0b1c2d3e4f5a6b7c8"');
  });

  test("no endpoint VPC, no shared endpoint, no peering, no routes", () => {
    const types = Object.keys(parsed(nativeOnly()).resource ?? {});
    for (const absent of [
      "aws_vpc",
      "aws_subnet",
      "aws_route_table",
      "aws_route",
      "aws_vpc_peering_connection",
      "aws_vpc_peering_connection_accepter",
    ]) {
      expect(types).not.toContain(absent);
    }
    expect(Object.keys(resources(nativeOnly(), "aws_vpc_endpoint"))).toEqual([
      "native_seoul",
    ]);
  });

  test("a native consumer in the service's own region is a plain same-region endpoint", () => {
    const service = rawService({
      consumers: [nativeSeoul({ region: "us-east-1" })],
    });
    delete service.endpointVpc;
    expect(problemsOf(rawConfig(service))).toEqual([]);
    const endpoint = resources(
      synth(rawConfig(service)),
      "aws_vpc_endpoint",
    ).native_seoul;
    expect(endpoint.provider).toBe("aws.us_east_1");
    expect(endpoint.service_region).toBeUndefined();
  });
});

describe("a mixed service", () => {
  test("the endpoint VPC stays for the peered consumers only", () => {
    const synthesized = mixed();
    expect(
      Object.keys(resources(synthesized, "aws_vpc_peering_connection")),
    ).toEqual(["peering_frankfurt", "peering_seoul-batch"]);
    const sharedRules = Object.values(
      resources(synthesized, "aws_vpc_security_group_ingress_rule"),
    ).filter(
      (r) => r.security_group_id === "${aws_security_group.endpoint.id}",
    );
    expect(sharedRules.map((r) => r.cidr_ipv4)).not.toContain("10.0.0.0/16");
    const returnRoutes = Object.values(
      resources(synthesized, "aws_route"),
    ).filter((r) => r.route_table_id === "${aws_route_table.endpoint_vpc.id}");
    expect(returnRoutes.map((r) => r.destination_cidr_block).sort()).toEqual([
      "10.1.0.0/16",
      "10.2.0.0/16",
      "100.64.0.0/20",
    ]);
  });

  test("the shared zones hold only peered VPCs; the native consumer has zones of its own", () => {
    const zones = resources(mixed(), "aws_route53_zone");
    const vpcIds = (name: string) =>
      zones[name].vpc.map((v: { vpc_id: string }) => v.vpc_id).sort();
    expect(vpcIds("zone_internal-api_example_com")).toEqual([
      "vpc-0aaaaaaaaaaaaaaa1",
      "vpc-0bbbbbbbbbbbbbbb2",
    ]);
    expect(vpcIds("native_seoul_zone_internal-api_example_com")).toEqual([
      "vpc-0b1c2d3e4f5a6b7c8",
    ]);
    expect(vpcIds("native_seoul_zone_data_example_com")).toEqual([
      "vpc-0b1c2d3e4f5a6b7c8",
    ]);
  });

  test("the topology output declares each consumer's mode", () => {
    const topology = (parsed(mixed()).output ?? {}).topology.value;
    expect(topology.consumers.seoul).toEqual({
      connectivity: "native",
      region: "ap-northeast-2",
      vpc_id: "vpc-0b1c2d3e4f5a6b7c8",
      cidrs: ["10.0.0.0/16"],
      subnet_ids: ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
    });
    expect(topology.consumers.frankfurt.connectivity).toBe("peering");
  });
});

describe("switching a consumer between modes", () => {
  test("only adds and removes that consumer's resources; nothing of the others changes", () => {
    const before = synth(rawConfig(hubAndSpokeService()));
    const after = mixed();
    const removed = addresses(before).filter(
      (a) => !addresses(after).includes(a),
    );
    const added = addresses(after).filter(
      (a) => !addresses(before).includes(a),
    );
    expect(removed).toEqual([
      "aws_route.peering_seoul_outbound_rtb-0a1b2c3d4e5f60718",
      "aws_route.peering_seoul_outbound_rtb-0f1e2d3c4b5a69788",
      "aws_route.peering_seoul_return_10_0_0_0_16",
      "aws_vpc_peering_connection.peering_seoul",
      "aws_vpc_peering_connection_accepter.peering_seoul",
      "aws_vpc_security_group_ingress_rule.endpoint_seoul_10_0_0_0_16_tcp_443",
      "aws_vpc_security_group_ingress_rule.endpoint_seoul_10_0_0_0_16_tcp_8000-8010",
      // The consumer VPC's DNS check moves with it (a read, nothing made).
      "data.aws_vpc.peering_seoul_vpc",
    ]);
    expect(added.length).toBeGreaterThan(0);
    expect(
      added.filter(
        (a) => !/^(data\.)?aws_[a-z0-9_]+\.native_seoul(_|$)/.test(a),
      ),
    ).toEqual([]);
    expect(added).toContain("aws_vpc_endpoint.native_seoul");

    const kept = addresses(before).filter((a) => addresses(after).includes(a));
    const json = (synthesized: string, address: string) => {
      const [type, name] = address.replace(/^data\./, "").split(".");
      const kind = address.startsWith("data.") ? "data" : "resource";
      return withoutMetadata(parsed(synthesized)[kind]?.[type]?.[name] ?? {});
    };
    // The shared zones only lose seoul's VPC; everything else is identical.
    for (const address of kept.filter(
      (a) => !a.startsWith("aws_route53_zone."),
    )) {
      expect([address, json(after, address)]).toEqual([
        address,
        json(before, address),
      ]);
    }
  });

  test('"connectivity": "peering" spelled out is the default behaviour, byte for byte', () => {
    const explicit = hubAndSpokeService();
    explicit.consumers = explicit.consumers.map((c: object) => ({
      ...c,
      connectivity: "peering",
    }));
    expect(synth(rawConfig(explicit))).toBe(
      synth(rawConfig(hubAndSpokeService())),
    );
  });
});

describe("validation of modes", () => {
  test("fails when a native consumer has no subnetIds", () => {
    const consumer = nativeSeoul();
    delete consumer.subnetIds;
    expect(
      problemsOf(rawConfig(rawService({ consumers: [consumer] }))),
    ).toEqual([
      "services[0].consumers[0].subnetIds: got nothing (the field is missing); expected a list of subnet ids: a native consumer gets an endpoint in its own subnets (at most one per AZ) and needs no routes",
    ]);
  });

  test("fails when a peering consumer has subnetIds", () => {
    const consumer = rawConsumer("seoul", {
      subnetIds: ["subnet-0a1b2c3d4e5f60718"],
    });
    expect(
      problemsOf(rawConfig(rawService({ consumers: [consumer] }))),
    ).toEqual([
      'services[0].consumers[0].subnetIds: got ["subnet-0a1b2c3d4e5f60718"]; expected no subnetIds on a peering consumer: a peering consumer gets routes in the route tables of its client subnets; subnets are for "connectivity": "native"',
    ]);
  });

  test("fails when a native consumer has routeTableIds", () => {
    const consumer = nativeSeoul({ routeTableIds: ["rtb-0a1b2c3d4e5f60718"] });
    expect(
      problemsOf(rawConfig(rawService({ consumers: [consumer] }))),
    ).toEqual([
      'services[0].consumers[0].routeTableIds: got ["rtb-0a1b2c3d4e5f60718"]; expected no routeTableIds on a native consumer: a native consumer gets an endpoint in its own subnets (at most one per AZ) and needs no routes',
    ]);
  });

  test("fails when a peering consumer has no routeTableIds", () => {
    const consumer = rawConsumer("seoul");
    delete consumer.routeTableIds;
    expect(
      problemsOf(rawConfig(rawService({ consumers: [consumer] }))),
    ).toEqual([
      'services[0].consumers[0].routeTableIds: got nothing (the field is missing); expected a list of route table ids: a peering consumer gets routes in the route tables of its client subnets; subnets are for "connectivity": "native"',
    ]);
  });

  test("fails when subnet ids are malformed or repeated", () => {
    const consumer = nativeSeoul({
      subnetIds: [
        "subnet-0a1b2c3d4e5f60718",
        "subnet-XYZ",
        "subnet-0a1b2c3d4e5f60718",
      ],
    });
    expect(
      problemsOf(rawConfig(rawService({ consumers: [consumer] }))),
    ).toEqual([
      'services[0].consumers[0].subnetIds[1]: got "subnet-XYZ"; expected a subnet id: "subnet-" and 8 or 17 lowercase hex digits',
      'services[0].consumers[0].subnetIds[2]: got "subnet-0a1b2c3d4e5f60718"; expected each subnet once (also at services[0].consumers[0].subnetIds[0])',
    ]);
  });

  test("fails when connectivity is unknown", () => {
    expect(
      problemsOf(
        rawConfig(
          rawService({
            consumers: [rawConsumer("seoul", { connectivity: "vpn" })],
          }),
        ),
      ),
    ).toEqual([
      'services[0].consumers[0].connectivity: got "vpn"; expected "peering" (an endpoint VPC in the service region, peered) or "native" (cross-region PrivateLink)',
    ]);
  });

  test("fails when endpointVpc is missing while a consumer uses peering", () => {
    const service = rawService();
    delete service.endpointVpc;
    expect(problemsOf(rawConfig(service))).toEqual([
      "services[0].endpointVpc: got nothing (the field is missing); expected an object (a required field while any consumer uses peering: services[0].consumers[0])",
    ]);
  });

  test("endpointVpc is optional for a native-only service, and warned about when given", () => {
    const service = rawService({ consumers: [nativeSeoul()] });
    expect(problemsOf(rawConfig(service))).toEqual([]);
    expect(warningsOf(rawConfig(service))).toEqual([
      expect.stringContaining(
        'service "internal-api": endpointVpc is not used',
      ),
    ]);
    expect(
      Object.keys(resources(synth(rawConfig(service)), "aws_vpc")),
    ).toEqual([]);
  });

  test("CIDR overlaps are checked only where peering joins networks", () => {
    const overlapping = nativeSeoul({ cidrs: ["10.100.0.0/16"] });
    const peeredTwin = rawConsumer("tokyo", {
      region: "ap-northeast-1",
      vpcId: "vpc-11111111",
      routeTableIds: ["rtb-11111111"],
    });
    expect(
      problemsOf(
        rawConfig(rawService({ consumers: [overlapping, peeredTwin] })),
      ),
    ).toEqual([]);
  });
});
