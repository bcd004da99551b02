/**
 * Validation of each field: one "fails when …" test per rule, each asserting
 * the JSON path, the value received and what was expected.
 */
import {
  defaultRawConfig,
  problemsOf,
  rawConfig,
  rawConsumer,
  rawService,
  validConfig,
  withConsumer,
  withService,
} from "../../test-support/configs";

describe("a valid config", () => {
  test("the default config is valid and normalized", () => {
    const config = validConfig(defaultRawConfig());
    expect(config.services.map((s) => s.name)).toEqual(["internal-api"]);
    expect(config.services[0].ports).toEqual([{ from: 443, to: 443 }]);
    expect(config.services[0].privateDnsEnabled).toBe(true);
  });

  test("optional fields get explicit defaults; ports become ranges; sets are sorted", () => {
    const service = rawService({
      ports: ["8000-8010", 443, "22"],
      endpointVpc: { cidr: "10.100.0.0/24", azIds: ["use1-az2", "use1-az1"] },
    });
    delete service.privateDnsEnabled;
    delete service.dnsNames;
    delete service.tags;
    const [normalized] = validConfig(rawConfig(service)).services;
    expect(normalized.privateDnsEnabled).toBe(false);
    expect(normalized.dnsNames).toEqual([]);
    expect(normalized.tags).toEqual({});
    expect(normalized.ports).toEqual([
      { from: 22, to: 22 },
      { from: 443, to: 443 },
      { from: 8000, to: 8010 },
    ]);
    expect(normalized.endpointVpc?.azIds).toEqual(["use1-az1", "use1-az2"]);
  });
});

describe("fails when", () => {
  test("a key is unknown (a typo), suggesting the right one", () => {
    const service = rawService();
    service.consumer = service.consumers;
    expect(problemsOf(rawConfig(service))).toContainEqual(
      expect.stringMatching(
        /^services\[0\]\.consumer: got \[.*; expected no key "consumer" here: did you mean "consumers"\? \(allowed: name, .*\)$/,
      ),
    );
  });

  test("a required field is missing", () => {
    const service = rawService();
    delete service.serviceName;
    expect(problemsOf(rawConfig(service))).toEqual([
      "services[0].serviceName: got nothing (the field is missing); expected a string (a required field)",
    ]);
  });

  test("a field has the wrong type", () => {
    expect(problemsOf(withService({ privateDnsEnabled: "yes" }))).toEqual([
      'services[0].privateDnsEnabled: got "yes"; expected true or false',
    ]);
    expect(problemsOf(withConsumer({ cidrs: "10.0.0.0/16" }))).toEqual([
      'services[0].consumers[0].cidrs: got "10.0.0.0/16"; expected a list of IPv4 CIDR blocks',
    ]);
  });

  test("the top level is not an object, or has no services", () => {
    expect(problemsOf([])).toEqual(["(file): got []; expected an object"]);
    expect(problemsOf({ services: [] })).toEqual([
      "services: got []; expected at least one service",
    ]);
  });

  test("a CIDR is malformed", () => {
    expect(problemsOf(withConsumer({ cidrs: ["10.0.0/16"] }))).toEqual([
      'services[0].consumers[0].cidrs[0]: got "10.0.0/16"; expected an IPv4 CIDR block such as 10.0.0.0/16',
    ]);
  });

  test("a CIDR is not a network address, suggesting the network", () => {
    expect(problemsOf(withConsumer({ cidrs: ["10.0.0.1/16"] }))).toEqual([
      'services[0].consumers[0].cidrs[0]: got "10.0.0.1/16"; expected a network address (host bits zero): did you mean "10.0.0.0/16"?',
    ]);
  });

  test("a consumer CIDR is larger than a VPC can be (0.0.0.0/0 would admit everything)", () => {
    expect(problemsOf(withConsumer({ cidrs: ["0.0.0.0/0"] }))).toEqual([
      'services[0].consumers[0].cidrs[0]: got "0.0.0.0/0"; expected a prefix length from /16 to /32',
    ]);
  });

  test("the endpoint VPC overlaps a consumer", () => {
    expect(problemsOf(withConsumer({ cidrs: ["10.100.0.0/16"] }))).toEqual([
      'services[0].endpointVpc.cidr: got "10.100.0.0/24"; expected a block that does not overlap 10.100.0.0/16 of consumer "seoul" (services[0].consumers[0].cidrs[0]): peering cannot join overlapping networks',
    ]);
  });

  test("two consumers overlap, secondary CIDRs included", () => {
    const config = withService({
      consumers: [
        rawConsumer("seoul", { cidrs: ["10.0.0.0/16", "172.16.0.0/16"] }),
        rawConsumer("tokyo", {
          region: "ap-northeast-1",
          vpcId: "vpc-11111111",
          routeTableIds: ["rtb-11111111"],
          cidrs: ["10.1.0.0/16", "172.16.128.0/17"],
        }),
      ],
    });
    expect(problemsOf(config)).toEqual([
      'services[0].consumers[1].cidrs[1]: got "172.16.128.0/17"; expected a block that does not overlap 172.16.0.0/16 of consumer "seoul" (services[0].consumers[0].cidrs[1]): peering cannot join overlapping networks',
    ]);
  });

  test("CIDRs of one consumer overlap each other", () => {
    expect(
      problemsOf(withConsumer({ cidrs: ["10.0.0.0/16", "10.0.4.0/24"] })),
    ).toEqual([
      'services[0].consumers[0].cidrs[1]: got "10.0.4.0/24"; expected CIDRs of one VPC not to overlap each other (10.0.0.0/16 at services[0].consumers[0].cidrs[0])',
    ]);
  });

  test("the endpoint CIDR is too small for eight fixed /28 slots", () => {
    expect(
      problemsOf(
        withService({
          endpointVpc: {
            cidr: "10.100.0.0/26",
            azIds: ["use1-az1", "use1-az2", "use1-az4"],
          },
        }),
      ),
    ).toEqual([
      'services[0].endpointVpc.cidr: got "10.100.0.0/26"; expected a block of /25 or larger: it is split in 8 fixed slots, one /28 or larger (the smallest subnet AWS allows) per AZ ID az1 to az8; or give each AZ\'s subnet in endpointVpc.subnetCidrs',
    ]);
  });

  test("an AZ ID past az8 has no fixed slot", () => {
    expect(
      problemsOf(
        withService({
          endpointVpc: {
            cidr: "10.100.0.0/24",
            azIds: ["use1-az1", "use1-az9"],
          },
        }),
      ),
    ).toEqual([
      'services[0].endpointVpc.azIds[1]: got "use1-az9"; expected an AZ ID numbered az1 to az8, which have fixed subnet slots; for use1-az9 give every AZ\'s subnet in endpointVpc.subnetCidrs',
    ]);
  });

  test("a small endpoint VPC is fine with explicit subnetCidrs", () => {
    expect(
      problemsOf(
        withService({
          endpointVpc: {
            cidr: "10.100.0.0/27",
            azIds: ["use1-az1", "use1-az2"],
            subnetCidrs: {
              "use1-az1": "10.100.0.0/28",
              "use1-az2": "10.100.0.16/28",
            },
          },
        }),
      ),
    ).toEqual([]);
  });

  test("subnetCidrs: one per AZ ID, inside the VPC, network addresses, disjoint", () => {
    expect(
      problemsOf(
        withService({
          endpointVpc: {
            cidr: "10.100.0.0/24",
            azIds: ["use1-az1", "use1-az2", "use1-az4"],
            subnetCidrs: {
              "use1-az1": "10.100.0.0/25",
              "use1-az2": "10.100.0.64/26",
              "use1-az3": "10.100.0.128/26",
              "use1-az5": "10.200.0.0/26",
            },
          },
        }),
      ),
    ).toEqual([
      'services[0].endpointVpc.subnetCidrs: got {"use1-az1":"10.100.0.0/25","use1-az2":"10.100.0.64/26","use1-az3":"10.100.0....; expected a subnet CIDR for every AZ ID of azIds; missing: use1-az4',
      'services[0].endpointVpc.subnetCidrs["use1-az2"]: got "10.100.0.64/26"; expected a block disjoint from 10.100.0.0/25 (at services[0].endpointVpc.subnetCidrs["use1-az1"])',
      'services[0].endpointVpc.subnetCidrs["use1-az3"]: got "10.100.0.128/26"; expected only AZ IDs listed in endpointVpc.azIds',
      'services[0].endpointVpc.subnetCidrs["use1-az5"]: got "10.200.0.0/26"; expected only AZ IDs listed in endpointVpc.azIds',
    ]);
    expect(
      problemsOf(
        withService({
          endpointVpc: {
            cidr: "10.100.0.0/24",
            azIds: ["use1-az1"],
            subnetCidrs: { "use1-az1": "10.101.0.0/26" },
          },
        }),
      ),
    ).toEqual([
      'services[0].endpointVpc.subnetCidrs["use1-az1"]: got "10.101.0.0/26"; expected a block inside the endpoint VPC\'s 10.100.0.0/24',
    ]);
  });

  test("an AZ ID is given twice", () => {
    expect(
      problemsOf(
        withService({
          endpointVpc: {
            cidr: "10.100.0.0/24",
            azIds: ["use1-az1", "use1-az1"],
          },
        }),
      ),
    ).toEqual([
      'services[0].endpointVpc.azIds[1]: got "use1-az1"; expected each AZ ID once (also at services[0].endpointVpc.azIds[0])',
    ]);
  });

  test("an AZ ID is of another region", () => {
    expect(
      problemsOf(
        withService({
          endpointVpc: {
            cidr: "10.100.0.0/24",
            azIds: ["use1-az1", "apne2-az1"],
          },
        }),
      ),
    ).toEqual([
      'services[0].endpointVpc.azIds[1]: got "apne2-az1"; expected an AZ ID of us-east-1 (use1-azN); apne2-az1 is in ap-northeast-2',
    ]);
  });

  test("an AZ name is given instead of an AZ ID", () => {
    expect(
      problemsOf(
        withService({
          endpointVpc: { cidr: "10.100.0.0/24", azIds: ["us-east-1a"] },
        }),
      ),
    ).toEqual([
      'services[0].endpointVpc.azIds[0]: got "us-east-1a"; expected an AZ ID such as use1-az1 (AZ IDs, not AZ names like us-east-1a)',
    ]);
  });

  test("a region is unknown, suggesting the closest", () => {
    expect(problemsOf(withConsumer({ region: "ap-northeast-9" }))).toEqual([
      'services[0].consumers[0].region: got "ap-northeast-9"; expected a commercial AWS region code such as us-east-1: did you mean "ap-northeast-1"?',
    ]);
    expect(
      problemsOf(
        withService({
          region: "us-gov-west-1",
          endpointVpc: { cidr: "10.100.0.0/24", azIds: ["usgw1-az1"] },
        }),
      ),
    ).toContainEqual(
      expect.stringMatching(
        /^services\[0\]\.region: got "us-gov-west-1"; expected a commercial AWS region code/,
      ),
    );
  });

  test("the serviceName names another region", () => {
    expect(
      problemsOf(
        withService({
          serviceName:
            "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
        }),
      ),
    ).toEqual([
      'services[0].serviceName: got "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"; expected a service of region "us-east-1" (the service\'s "region"); this name is of "eu-west-1"',
    ]);
  });

  test("a VPC or route table id is malformed", () => {
    expect(
      problemsOf(
        withConsumer({
          vpcId: "vpc-XYZ",
          routeTableIds: ["rtb-0a1b2c3d4e5f60718", "rt-123"],
        }),
      ),
    ).toEqual([
      'services[0].consumers[0].routeTableIds[1]: got "rt-123"; expected a route table id: "rtb-" and 8 or 17 lowercase hex digits',
      'services[0].consumers[0].vpcId: got "vpc-XYZ"; expected a VPC id: "vpc-" and 8 or 17 lowercase hex digits',
    ]);
  });

  test("a port is outside 1..65535 or a range is inverted", () => {
    expect(
      problemsOf(
        withService({ ports: [0, 70000, "8010-8000", "1-65536", "http"] }),
      ),
    ).toEqual([
      'services[0].ports[0]: got 0; expected a TCP port 1..65535 or an inclusive range "from-to" such as "8000-8010"',
      'services[0].ports[1]: got 70000; expected a TCP port 1..65535 or an inclusive range "from-to" such as "8000-8010"',
      'services[0].ports[2]: got "8010-8000"; expected ports within 1..65535 and a range "from-to" with from <= to',
      'services[0].ports[3]: got "1-65536"; expected ports within 1..65535 and a range "from-to" with from <= to',
      'services[0].ports[4]: got "http"; expected a TCP port 1..65535 or an inclusive range "from-to" such as "8000-8010"',
    ]);
  });

  test("a port is given twice", () => {
    expect(problemsOf(withService({ ports: [443, 443] }))).toEqual([
      "services[0].ports[1]: got 443; expected each port once (also at services[0].ports[0])",
    ]);
  });

  test("a hostname is invalid", () => {
    expect(
      problemsOf(
        withService({
          dnsNames: [
            "Internal_API.example.com",
            "localhost",
            "*.com",
            "a..b.com",
          ],
        }),
      ),
    ).toEqual([
      "services[0].dnsNames[0]: got \"Internal_API.example.com\"; expected a lowercase DNS hostname such as internal-api.example.com, optionally starting with '*.'",
      "services[0].dnsNames[1]: got \"localhost\"; expected a lowercase DNS hostname such as internal-api.example.com, optionally starting with '*.'",
      'services[0].dnsNames[2]: got "*.com"; expected a wildcard below a domain of at least two labels, such as *.data.example.com',
      "services[0].dnsNames[3]: got \"a..b.com\"; expected a lowercase DNS hostname such as internal-api.example.com, optionally starting with '*.'",
    ]);
  });
});
