/**
 * The topology of one service's stack, one test per rule of the spec.
 */
import { Route } from "@cdktf/provider-aws/lib/route";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { DataAwsVpcEndpointService } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Address4 } from "ip-address";
import {
  dataSources,
  hubAndSpokeService,
  parsed,
  rawConfig,
  rawService,
  resources,
  synth,
  SERVICE_NAME,
} from "../../test-support/fixtures";

const hub = () => synth(rawConfig(hubAndSpokeService()));
const seoul = () => synth(rawConfig(rawService()));

describe("1. providers", () => {
  test("one aliased aws provider per distinct region, shared by consumers of one region", () => {
    const providers = parsed(hub()).provider?.aws ?? [];
    expect(providers.map((p) => [p.alias, p.region])).toEqual([
      ["ap_northeast_2", "ap-northeast-2"],
      ["eu_central_1", "eu-central-1"],
      ["us_east_1", "us-east-1"],
    ]);
  });

  test("tags reach every resource through default_tags", () => {
    expect(seoul()).toHaveProviderWithProperties(AwsProvider, {
      alias: "us_east_1",
      default_tags: [{ tags: { team: "platform" } }],
    });
  });

  test("every resource and data source names its provider, in its own region", () => {
    const json = parsed(hub());
    const regionOf = (provider: string) =>
      provider.replace(/^aws\./, "").replace(/_/g, "-");
    // Made or read on the consumer's side: the requester, and the consumer
    // VPC read for its DNS settings.
    const consumerSide = ["aws_vpc_peering_connection", "aws_vpc"];
    for (const kind of [json.resource ?? {}, json.data ?? {}]) {
      for (const [type, byName] of Object.entries(kind)) {
        for (const [name, resource] of Object.entries(byName)) {
          expect([`${type}.${name}`, resource.provider]).toEqual([
            `${type}.${name}`,
            expect.stringMatching(/^aws\./),
          ]);
          if (
            (consumerSide.includes(type) && kind === json.data) ||
            (type === "aws_vpc_peering_connection" && kind === json.resource) ||
            (type === "aws_route" && name.includes("_outbound_"))
          ) {
            expect(regionOf(resource.provider)).not.toBe("us-east-1");
          } else {
            expect(regionOf(resource.provider)).toBe("us-east-1");
          }
        }
      }
    }
  });
});

describe("2. endpoint VPC", () => {
  test("the VPC has the configured CIDR and both DNS attributes on", () => {
    expect(seoul()).toHaveResourceWithProperties(Vpc, {
      cidr_block: "10.100.0.0/24",
      enable_dns_support: true,
      enable_dns_hostnames: true,
      provider: "aws.us_east_1",
    });
  });

  test("one private subnet per AZ ID, each in its AZ ID's fixed slot of the VPC CIDR", () => {
    const service = rawService({
      endpointVpc: {
        cidr: "10.100.0.0/24",
        azIds: ["use1-az6", "use1-az1", "use1-az4"],
      },
    });
    const subnets = Object.values(
      resources(synth(rawConfig(service)), "aws_subnet"),
    );
    // /24 in eight /27 slots; use1-azN takes slot N.
    expect(subnets.map((s) => [s.availability_zone_id, s.cidr_block])).toEqual([
      ["use1-az1", "10.100.0.0/27"],
      ["use1-az4", "10.100.0.96/27"],
      ["use1-az6", "10.100.0.160/27"],
    ]);
    const vpc = new Address4("10.100.0.0/24");
    for (const subnet of subnets) {
      expect(new Address4(subnet.cidr_block).isInSubnet(vpc)).toBe(true);
      expect(subnet.map_public_ip_on_launch).toBe(false);
      expect(subnet.availability_zone).toBeUndefined();
    }
    expect(synth(rawConfig(service))).toHaveResourceWithProperties(Subnet, {
      availability_zone_id: "use1-az4",
    });
  });

  test("adding or removing an AZ ID moves no other AZ's subnet", () => {
    const cidrsOf = (azIds: string[]) =>
      Object.fromEntries(
        Object.values(
          resources(
            synth(
              rawConfig(
                rawService({ endpointVpc: { cidr: "10.100.0.0/24", azIds } }),
              ),
            ),
            "aws_subnet",
          ),
        ).map((s) => [s.availability_zone_id, s.cidr_block]),
      );
    const two = cidrsOf(["use1-az1", "use1-az2"]);
    const three = cidrsOf(["use1-az1", "use1-az2", "use1-az4"]);
    const one = cidrsOf(["use1-az2"]);
    expect(three["use1-az1"]).toBe(two["use1-az1"]);
    expect(three["use1-az2"]).toBe(two["use1-az2"]);
    expect(one["use1-az2"]).toBe(two["use1-az2"]);
  });

  test("explicit subnetCidrs keep a layout made before the slots", () => {
    const service = rawService({
      endpointVpc: {
        cidr: "10.100.0.0/24",
        azIds: ["use1-az1", "use1-az2"],
        subnetCidrs: {
          "use1-az1": "10.100.0.0/25",
          "use1-az2": "10.100.0.128/25",
        },
      },
    });
    const subnets = Object.values(
      resources(synth(rawConfig(service)), "aws_subnet"),
    );
    expect(subnets.map((s) => [s.availability_zone_id, s.cidr_block])).toEqual([
      ["use1-az1", "10.100.0.0/25"],
      ["use1-az2", "10.100.0.128/25"],
    ]);
  });

  test("no internet path: no gateway, NAT, EIP, public IP or default route", () => {
    const json = parsed(hub());
    const types = Object.keys(json.resource ?? {});
    for (const forbidden of [
      "aws_internet_gateway",
      "aws_egress_only_internet_gateway",
      "aws_nat_gateway",
      "aws_eip",
      "aws_default_route_table",
    ]) {
      expect(types).not.toContain(forbidden);
    }
    for (const route of Object.values(resources(hub(), "aws_route"))) {
      expect(route.destination_cidr_block).not.toBe("0.0.0.0/0");
      expect(route.vpc_peering_connection_id).toBeDefined();
    }
    for (const table of Object.values(resources(hub(), "aws_route_table"))) {
      expect(table.route).toBeUndefined();
    }
  });

  test("one route table of the VPC, associated with every endpoint subnet", () => {
    const synthesized = seoul();
    const tables = resources(synthesized, "aws_route_table");
    expect(Object.keys(tables)).toEqual(["endpoint_vpc"]);
    expect(tables.endpoint_vpc.vpc_id).toBe("${aws_vpc.endpoint_vpc.id}");
    const associations = Object.values(
      resources(synthesized, "aws_route_table_association"),
    );
    expect(associations.map((a) => [a.subnet_id, a.route_table_id])).toEqual([
      [
        "${aws_subnet.endpoint_vpc_use1-az1.id}",
        "${aws_route_table.endpoint_vpc.id}",
      ],
      [
        "${aws_subnet.endpoint_vpc_use1-az2.id}",
        "${aws_route_table.endpoint_vpc.id}",
      ],
    ]);
  });
});

describe("3. AZ match", () => {
  test("the service is looked up, and each AZ ID is resolved to this account's AZ name", () => {
    const synthesized = seoul();
    expect(synthesized).toHaveDataSourceWithProperties(
      DataAwsVpcEndpointService,
      {
        service_name: SERVICE_NAME,
        provider: "aws.us_east_1",
      },
    );
    const zones = dataSources(synthesized, "aws_availability_zone");
    expect(Object.values(zones).map((z) => [z.zone_id, z.provider])).toEqual([
      ["use1-az1", "aws.us_east_1"],
      ["use1-az2", "aws.us_east_1"],
    ]);
  });

  test("each subnet's precondition fails the plan, naming the AZ ID, when the service is not offered there", () => {
    const subnets = resources(seoul(), "aws_subnet");
    for (const az of ["use1-az1", "use1-az2"]) {
      const [precondition] =
        subnets[`endpoint_vpc_${az}`].lifecycle.precondition;
      expect(precondition.condition).toBe(
        `\${contains(tolist(data.aws_vpc_endpoint_service.endpoint_service.availability_zones), data.aws_availability_zone.endpoint_vpc_${az}.name)}`,
      );
      expect(precondition.error_message).toContain(`not offered in ${az}`);
      expect(precondition.error_message).toContain(SERVICE_NAME);
    }
  });
});

describe("4. interface endpoint", () => {
  test("an Interface endpoint of the service in every endpoint subnet, with its own security group", () => {
    expect(seoul()).toHaveResourceWithProperties(VpcEndpoint, {
      vpc_endpoint_type: "Interface",
      service_name: SERVICE_NAME,
      vpc_id: "${aws_vpc.endpoint_vpc.id}",
      subnet_ids: [
        "${aws_subnet.endpoint_vpc_use1-az1.id}",
        "${aws_subnet.endpoint_vpc_use1-az2.id}",
      ],
      security_group_ids: ["${aws_security_group.endpoint.id}"],
      private_dns_enabled: true,
      provider: "aws.us_east_1",
    });
  });

  test("private_dns_enabled follows privateDnsEnabled, false when omitted", () => {
    const service = rawService();
    delete service.privateDnsEnabled;
    const endpoint = resources(
      synth(rawConfig(service)),
      "aws_vpc_endpoint",
    ).endpoint;
    expect(endpoint.private_dns_enabled).toBe(false);
    expect(endpoint.service_region).toBeUndefined();
  });
});

describe("5. security group", () => {
  test("one TCP ingress rule per consumer CIDR and port or range", () => {
    const synthesized = hub();
    const rules = resources(synthesized, "aws_vpc_security_group_ingress_rule");
    const cidrs = [
      "10.0.0.0/16",
      "10.1.0.0/16",
      "10.2.0.0/16",
      "100.64.0.0/20",
    ];
    expect(Object.keys(rules)).toHaveLength(cidrs.length * 2);
    for (const cidr of cidrs) {
      expect(synthesized).toHaveResourceWithProperties(
        VpcSecurityGroupIngressRule,
        {
          security_group_id: "${aws_security_group.endpoint.id}",
          cidr_ipv4: cidr,
          ip_protocol: "tcp",
          from_port: 443,
          to_port: 443,
        },
      );
      expect(synthesized).toHaveResourceWithProperties(
        VpcSecurityGroupIngressRule,
        {
          cidr_ipv4: cidr,
          ip_protocol: "tcp",
          from_port: 8000,
          to_port: 8010,
        },
      );
    }
  });

  test("nothing else inbound: no open CIDR, no all-protocols or all-ports rule, no inline rules", () => {
    const synthesized = hub();
    for (const rule of Object.values(
      resources(synthesized, "aws_vpc_security_group_ingress_rule"),
    )) {
      expect(rule.cidr_ipv4).not.toBe("0.0.0.0/0");
      expect(rule.ip_protocol).toBe("tcp");
      expect(rule.from_port).toBeGreaterThanOrEqual(1);
      expect(rule.to_port).toBeLessThanOrEqual(65535);
      expect([rule.from_port, rule.to_port]).not.toEqual([0, 65535]);
    }
    const group = resources(synthesized, "aws_security_group").endpoint;
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(Object.keys(parsed(synthesized).resource ?? {})).not.toContain(
      "aws_vpc_security_group_egress_rule",
    );
    expect(Object.keys(parsed(synthesized).resource ?? {})).not.toContain(
      "aws_security_group_rule",
    );
  });
});

describe("6. peering per consumer", () => {
  test("the requester is in the consumer's region, names the peer region, and does not auto-accept", () => {
    const synthesized = seoul();
    expect(synthesized).toHaveResourceWithProperties(VpcPeeringConnection, {
      provider: "aws.ap_northeast_2",
      vpc_id: "vpc-0b1c2d3e4f5a6b7c8",
      peer_vpc_id: "${aws_vpc.endpoint_vpc.id}",
      peer_region: "us-east-1",
    });
    expect(
      resources(synthesized, "aws_vpc_peering_connection").peering_seoul
        .auto_accept,
    ).toBeUndefined();
  });

  test("the accepter is in the service region, auto-accepts and sets no computed-only arguments", () => {
    const synthesized = seoul();
    expect(synthesized).toHaveResourceWithProperties(
      VpcPeeringConnectionAccepterA,
      {
        provider: "aws.us_east_1",
        vpc_peering_connection_id:
          "${aws_vpc_peering_connection.peering_seoul.id}",
        auto_accept: true,
      },
    );
    const accepter = resources(
      synthesized,
      "aws_vpc_peering_connection_accepter",
    ).peering_seoul;
    for (const computed of [
      "accepter",
      "requester",
      "peer_vpc_id",
      "vpc_id",
      "peer_region",
      "peer_owner_id",
    ]) {
      expect(accepter[computed]).toBeUndefined();
    }
  });

  test("one peering per consumer", () => {
    expect(Object.keys(resources(hub(), "aws_vpc_peering_connection"))).toEqual(
      ["peering_frankfurt", "peering_seoul", "peering_seoul-batch"],
    );
  });
});

describe("7. routes both ways, after acceptance", () => {
  test("every consumer route table routes the endpoint VPC CIDR via the accepted peering", () => {
    const synthesized = seoul();
    for (const table of ["rtb-0a1b2c3d4e5f60718", "rtb-0f1e2d3c4b5a69788"]) {
      expect(synthesized).toHaveResourceWithProperties(Route, {
        provider: "aws.ap_northeast_2",
        route_table_id: table,
        destination_cidr_block: "10.100.0.0/24",
        vpc_peering_connection_id:
          "${aws_vpc_peering_connection_accepter.peering_seoul.id}",
      });
    }
  });

  test("the endpoint route table routes every consumer CIDR, secondary ones too, via that consumer's peering", () => {
    const synthesized = hub();
    for (const [consumer, cidr] of [
      ["seoul", "10.0.0.0/16"],
      ["seoul-batch", "10.1.0.0/16"],
      ["frankfurt", "10.2.0.0/16"],
      ["frankfurt", "100.64.0.0/20"],
    ]) {
      expect(synthesized).toHaveResourceWithProperties(Route, {
        provider: "aws.us_east_1",
        route_table_id: "${aws_route_table.endpoint_vpc.id}",
        destination_cidr_block: cidr,
        vpc_peering_connection_id: `\${aws_vpc_peering_connection_accepter.peering_${consumer}.id}`,
      });
    }
  });

  test("no route references the requester directly (a route to a pending peering is a blackhole)", () => {
    for (const route of Object.values(resources(hub(), "aws_route"))) {
      expect(route.vpc_peering_connection_id).toMatch(
        /^\$\{aws_vpc_peering_connection_accepter\./,
      );
    }
  });
});
