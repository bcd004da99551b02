/**
 * The verifier's network reader on a hand-made Terraform JSON (no cdktf):
 * what it finds by following references and literals, and the TCP
 * admission rule the `admission` column applies to what it found.
 */
import { TerraformDocument } from "../../src/output/terraform-json";
import { admits } from "../../src/verify/checks/admission";
import {
  IngressRule,
  acceptersOf,
  peeringsBetween,
  routesIn,
} from "../../src/verify/model/network";
import { readNetwork } from "../../src/verify/model/read-network";

const ref = (address: string, attribute = "id") =>
  `\${${address}.${attribute}}`;

/** An endpoint VPC in Seoul peered with an existing VPC in Tokyo. */
function document() {
  return new TerraformDocument({
    provider: {
      aws: [
        { alias: "seoul", region: "ap-northeast-2" },
        { alias: "tokyo", region: "ap-northeast-1" },
      ],
    },
    resource: {
      aws_vpc: {
        hub: { provider: "aws.seoul", cidr_block: "10.100.0.0/24" },
      },
      aws_subnet: {
        b: {
          provider: "aws.seoul",
          vpc_id: ref("aws_vpc.hub"),
          availability_zone_id: "apne2-az2",
          cidr_block: "10.100.0.16/28",
        },
        a: {
          provider: "aws.seoul",
          vpc_id: ref("aws_vpc.hub"),
          availability_zone_id: "apne2-az1",
          cidr_block: "10.100.0.0/28",
        },
      },
      aws_route_table: {
        hub: { provider: "aws.seoul", vpc_id: ref("aws_vpc.hub") },
      },
      aws_route_table_association: {
        a: {
          provider: "aws.seoul",
          subnet_id: ref("aws_subnet.a"),
          route_table_id: ref("aws_route_table.hub"),
        },
      },
      aws_security_group: {
        endpoint: {
          provider: "aws.seoul",
          vpc_id: ref("aws_vpc.hub"),
          ingress: [
            {
              protocol: "-1",
              from_port: 0,
              to_port: 0,
              cidr_blocks: ["10.9.0.0/16"],
            },
          ],
        },
      },
      aws_vpc_security_group_ingress_rule: {
        https: {
          provider: "aws.seoul",
          security_group_id: ref("aws_security_group.endpoint"),
          cidr_ipv4: "10.1.0.0/16",
          ip_protocol: "tcp",
          from_port: 443,
          to_port: 443,
        },
      },
      aws_vpc_endpoint: {
        endpoint: {
          provider: "aws.seoul",
          vpc_endpoint_type: "Interface",
          service_name: "com.amazonaws.vpce.us-east-1.vpce-svc-0",
          service_region: "us-east-1",
          vpc_id: ref("aws_vpc.hub"),
          subnet_ids: [
            ref("aws_subnet.a"),
            ref("aws_subnet.b"),
            "subnet-0existing",
          ],
          security_group_ids: [
            ref("aws_security_group.endpoint"),
            "sg-0elsewhere",
          ],
        },
      },
      aws_vpc_peering_connection: {
        tokyo: {
          provider: "aws.seoul",
          vpc_id: ref("aws_vpc.hub"),
          peer_vpc_id: "vpc-0tokyo",
          peer_region: "ap-northeast-1",
        },
      },
      aws_vpc_peering_connection_accepter: {
        tokyo: {
          provider: "aws.tokyo",
          vpc_peering_connection_id: ref("aws_vpc_peering_connection.tokyo"),
          auto_accept: true,
        },
      },
      aws_route: {
        accepted: {
          provider: "aws.tokyo",
          route_table_id: "rtb-0tokyo",
          destination_cidr_block: ref("aws_vpc.hub", "cidr_block"),
          vpc_peering_connection_id: ref(
            "aws_vpc_peering_connection_accepter.tokyo",
          ),
        },
        early: {
          provider: "aws.seoul",
          route_table_id: ref("aws_route_table.hub"),
          destination_cidr_block: "10.1.0.0/16",
          vpc_peering_connection_id: ref("aws_vpc_peering_connection.tokyo"),
        },
      },
      aws_route53_zone: {
        api: {
          provider: "aws.seoul",
          name: "API.example.com.",
          vpc: [{ vpc_id: ref("aws_vpc.hub") }],
        },
      },
      aws_route53_zone_association: {
        tokyo: {
          provider: "aws.tokyo",
          zone_id: ref("aws_route53_zone.api", "zone_id"),
          vpc_id: "vpc-0tokyo",
        },
      },
      aws_route53_record: {
        wildcard: {
          provider: "aws.seoul",
          zone_id: ref("aws_route53_zone.api", "zone_id"),
          name: "*",
          type: "a",
          alias: [
            {
              name: ref("aws_vpc_endpoint.endpoint", "dns_entry[0].dns_name"),
              zone_id: ref(
                "aws_vpc_endpoint.endpoint",
                "dns_entry[0].hosted_zone_id",
              ),
            },
          ],
        },
      },
    },
  });
}

describe("the network reader", () => {
  const network = readNetwork(document());
  const [endpoint] = network.endpoints;

  test("reads a VPC made here with its region, CIDR and subnets by AZ", () => {
    const [hub] = network.vpcs;
    expect(hub).toMatchObject({
      address: "aws_vpc.hub",
      region: "ap-northeast-2",
      cidr: "10.100.0.0/24",
    });
    expect(hub.subnets.map((s) => [s.address, s.az, s.cidr])).toEqual([
      ["aws_subnet.a", "apne2-az1", "10.100.0.0/28"],
      ["aws_subnet.b", "apne2-az2", "10.100.0.16/28"],
    ]);
  });

  test("resolves an endpoint's VPC, subnets and groups by reference, and lists what it cannot", () => {
    expect(endpoint.vpc?.vpc?.address).toBe("aws_vpc.hub");
    expect(endpoint.region).toBe("ap-northeast-2");
    expect(endpoint.serviceRegion).toBe("us-east-1");
    expect(endpoint.subnets.map((s) => s.address)).toEqual([
      "aws_subnet.a",
      "aws_subnet.b",
    ]);
    expect(endpoint.unresolvedSubnets).toEqual(["subnet-0existing"]);
    expect(endpoint.securityGroups.map((g) => g.address)).toEqual([
      "aws_security_group.endpoint",
    ]);
    expect(endpoint.unknownGroups).toEqual(["sg-0elsewhere"]);
  });

  test("serves a subnet from its associated table, else its VPC's main table", () => {
    const [a, b] = endpoint.subnets;
    expect(a.routeTables).toEqual([
      {
        key: "aws_route_table.hub",
        label: "aws_route_table.hub",
        inStack: true,
        region: "ap-northeast-2",
      },
    ]);
    expect(b.routeTables.map((t) => t.label)).toEqual([
      "the main route table of aws_vpc.hub",
    ]);
  });

  test("reads a group's rule resources before its inline ingress blocks", () => {
    expect(endpoint.securityGroups[0].ingress).toEqual([
      {
        label: "aws_vpc_security_group_ingress_rule.https",
        cidrs: ["10.1.0.0/16"],
        protocol: "tcp",
        from: 443,
        to: 443,
      },
      {
        label: "aws_security_group.endpoint (inline ingress[0])",
        cidrs: ["10.9.0.0/16"],
        protocol: "all",
        from: 0,
        to: 0,
      },
    ]);
  });

  test("joins a peering to its accepter, in the accepter's region", () => {
    const [peering] = peeringsBetween(network, "vpc-0tokyo", "aws_vpc.hub");
    expect(peering.accepters).toEqual([
      {
        address: "aws_vpc_peering_connection_accepter.tokyo",
        region: "ap-northeast-1",
        provider: "aws.tokyo",
        autoAccept: true,
      },
    ]);
    // Across regions the requester's auto_accept accepts nothing.
    expect(acceptersOf(peering)).toEqual([
      "aws_vpc_peering_connection_accepter.tokyo",
    ]);
  });

  test("a route through the accepter waits for acceptance; one through the connection does not", () => {
    const [accepted] = routesIn(network, "rtb-0tokyo");
    expect(accepted).toMatchObject({
      destination: "10.100.0.0/24",
      region: "ap-northeast-1",
      target: {
        kind: "peering",
        via: "aws_vpc_peering_connection_accepter.tokyo",
      },
      waitsForAccepters: ["aws_vpc_peering_connection_accepter.tokyo"],
    });
    const [early] = routesIn(network, "aws_route_table.hub");
    expect(early.target).toMatchObject({
      kind: "peering",
      peering: { address: "aws_vpc_peering_connection.tokyo" },
    });
    expect(early.waitsForAccepters).toEqual([]);
  });

  test("reads a zone's inline and separate associations, and qualifies a relative record name", () => {
    const [zone] = network.zones;
    expect(zone.name).toBe("api.example.com");
    expect(zone.isPrivate).toBe(true);
    expect(zone.associations.map((a) => [a.vpc?.key, a.region])).toEqual([
      ["aws_vpc.hub", "ap-northeast-2"],
      ["vpc-0tokyo", "ap-northeast-1"],
    ]);
    expect(network.records).toEqual([
      expect.objectContaining({
        name: "*.api.example.com",
        type: "A",
        endpointTargets: ["aws_vpc_endpoint.endpoint"],
      }),
    ]);
  });
});

describe("admission of TCP ports from a CIDR", () => {
  const tcp = (from: number, to: number, cidr = "10.0.0.0/8"): IngressRule => ({
    label: `tcp ${from}-${to}`,
    cidrs: [cidr],
    protocol: "tcp",
    from,
    to,
  });
  const ports = { from: 8000, to: 8010 };

  test("several rules may cover a port range between them", () => {
    expect(
      admits([tcp(8006, 8010), tcp(8000, 8005)], "10.1.0.0/16", ports),
    ).toBe(true);
  });

  test("a gap in the range is not admitted", () => {
    expect(
      admits([tcp(8000, 8004), tcp(8006, 8010)], "10.1.0.0/16", ports),
    ).toBe(false);
  });

  test("a rule for part of the CIDR does not admit all of it", () => {
    expect(admits([tcp(0, 65535, "10.1.0.0/24")], "10.1.0.0/16", ports)).toBe(
      false,
    );
  });

  test("a rule for all protocols admits every port", () => {
    const all: IngressRule = {
      label: "all",
      cidrs: ["0.0.0.0/0"],
      protocol: "all",
    };
    expect(admits([all], "10.1.0.0/16", ports)).toBe(true);
  });
});
