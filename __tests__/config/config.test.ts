/**
 * Validation: one "fails when …" test per rule. Each asserts the JSON path,
 * the value received and what was expected.
 */
import { QUOTAS } from "../../src/config/quotas";
import {
  defaultRawConfig,
  problemsOf,
  rawConfig,
  rawConsumer,
  rawService,
  validConfig,
  warningsOf,
} from "../../test-support/fixtures";

const withService = (overrides: Record<string, unknown>) =>
  rawConfig(rawService(overrides));
const withConsumer = (overrides: Record<string, unknown>) =>
  withService({ consumers: [rawConsumer("seoul", overrides)] });

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
  // Security group names are <service>-<consumer> in the consumer's VPC; a
  // VPC has one consumer name in every service, so no two can collide.
  test("two services would give one VPC two security groups of one name (a + b-c, a-b + c)", () => {
    const native = (name: string) => ({
      name,
      connectivity: "native",
      region: "ap-northeast-2",
      vpcId: "vpc-0b1c2d3e4f5a6b7c8",
      cidrs: ["10.0.0.0/16"],
      subnetIds: ["subnet-0b1c2d3e4f5a6b7c8"],
    });
    const service = (name: string, consumer: string, i: number) => {
      const s = rawService({
        name,
        serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef${i}`,
        dnsNames: [],
        consumers: [native(consumer)],
      });
      delete s.endpointVpc;
      return s;
    };
    expect(
      problemsOf(rawConfig(service("a", "b-c", 1), service("a-b", "c", 2))),
    ).toEqual([
      'services[1].consumers[0].name: got "c"; expected the name "b-c" that vpc-0b1c2d3e4f5a6b7c8 has at services[0].consumers[0]: one VPC of one account and region is one consumer',
    ]);
  });

  test("a service name starts with sg-, which AWS reserves for security group ids", () => {
    expect(problemsOf(withService({ name: "sg-api" }))).toEqual([
      'services[0].name: got "sg-api"; expected a name that does not start with "sg-": the service\'s security groups are named after it (sg-api-endpoint), and AWS reserves the "sg-" prefix for group ids',
    ]);
  });

  test.each([
    ["224.0.0.0/16", "224.0.0.0/4 (multicast)"],
    ["0.0.0.0/16", '0.0.0.0/8 ("this network")'],
    ["127.0.0.0/16", "127.0.0.0/8 (loopback)"],
    ["169.254.0.0/16", "169.254.0.0/16 (link-local)"],
    ["240.0.0.0/16", "240.0.0.0/4 (reserved (class E))"],
  ])("a consumer CIDR is one AWS never allows in a VPC: %s", (cidr, block) => {
    expect(problemsOf(withConsumer({ cidrs: [cidr] }))).toEqual([
      `services[0].consumers[0].cidrs[0]: got "${cidr}"; expected a block AWS allows in a VPC; it overlaps ${block}`,
    ]);
  });

  test("the endpoint VPC's block is one AWS never allows in a VPC", () => {
    expect(
      problemsOf(
        withService({
          endpointVpc: {
            cidr: "169.254.0.0/24",
            azIds: ["use1-az1", "use1-az2"],
          },
        }),
      ),
    ).toEqual([
      'services[0].endpointVpc.cidr: got "169.254.0.0/24"; expected a block AWS allows in a VPC; it overlaps 169.254.0.0/16 (link-local)',
    ]);
  });

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

  test("a consumer name is used twice in a service", () => {
    const config = withService({
      consumers: [
        rawConsumer("seoul"),
        rawConsumer("seoul", {
          vpcId: "vpc-11111111",
          cidrs: ["10.1.0.0/16"],
          routeTableIds: ["rtb-11111111"],
        }),
      ],
    });
    expect(problemsOf(config)).toEqual([
      'services[0].consumers[1].name: got "seoul"; expected a consumer name unique within the service (also at services[0].consumers[0].name)',
    ]);
  });

  test("a service name is used twice", () => {
    expect(
      problemsOf(
        rawConfig(
          rawService(),
          rawService({
            endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
          }),
        ),
      ),
    ).toContainEqual(
      'services[1].name: got "internal-api"; expected a unique service name: it names the stack (also at services[0].name)',
    );
  });

  test("a name is not a valid stack name", () => {
    expect(problemsOf(withService({ name: "Internal API" }))).toEqual([
      "services[0].name: got \"Internal API\"; expected 1 to 63 lowercase letters, digits or '-', starting with a letter",
    ]);
  });

  test("the consumers list is empty", () => {
    expect(problemsOf(withService({ consumers: [] }))).toEqual([
      "services[0].consumers: got []; expected at least one consumer",
    ]);
  });

  test("one VPC is two consumers of a service", () => {
    const config = withService({
      consumers: [
        rawConsumer("seoul"),
        rawConsumer("seoul-2", {
          cidrs: ["10.1.0.0/16"],
          routeTableIds: ["rtb-11111111"],
        }),
      ],
    });
    expect(problemsOf(config)).toEqual([
      'services[0].consumers[1].vpcId: got "vpc-0b1c2d3e4f5a6b7c8"; expected each consumer VPC once per service (also at services[0].consumers[0].vpcId); AWS allows one peering between two VPCs',
    ]);
  });

  test("one route table would get overlapping endpoint CIDRs from two services", () => {
    const config = rawConfig(
      rawService({ dnsNames: [] }),
      rawService({
        name: "other-api",
        dnsNames: [],
        endpointVpc: { cidr: "10.100.0.0/25", azIds: ["use1-az1"] },
      }),
    );
    expect(problemsOf(config)).toContainEqual(
      expect.stringMatching(
        /^services\[1\]\.consumers\[0\]\.routeTableIds\[0\]: got "rtb-0a1b2c3d4e5f60718"; expected route table rtb-0a1b2c3d4e5f60718 to route each destination once/,
      ),
    );
  });

  test("two services give one consumer VPC a zone of the same name", () => {
    const config = rawConfig(
      rawService(),
      rawService({
        name: "other-api",
        endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
      }),
    );
    expect(problemsOf(config)).toEqual([
      'services[1].consumers[0].vpcId: got "vpc-0b1c2d3e4f5a6b7c8"; expected VPC vpc-0b1c2d3e4f5a6b7c8 to get the private zone "internal-api.example.com" from one service only (also at services[0].consumers[0].vpcId); Route 53 rejects a second zone of one name on a VPC',
    ]);
  });

  test("a tag key is reserved or too long", () => {
    expect(
      problemsOf(
        withService({ tags: { "aws:owner": "x", ["k".repeat(129)]: "y" } }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^services\[0\]\.tags\.k{129}: got "y"; expected a tag key of 1 to 128 characters$/,
      ),
      `services[0].tags["aws:owner"]: got "x"; expected a tag key not starting with 'aws:' (reserved by AWS)`,
    ]);
  });

  test("every problem is reported at once", () => {
    const service = rawService({
      ports: [0],
      endpointVpc: { cidr: "10.100.0.1/24", azIds: ["apne2-az1"] },
    });
    service.consumers = [
      rawConsumer("seoul", { vpcId: "nope", cidrs: ["10.100.0.0/16"] }),
    ];
    expect(problemsOf(rawConfig(service)).map((p) => p.split(":")[0])).toEqual([
      "services[0].consumers[0].vpcId",
      "services[0].endpointVpc.azIds[0]",
      "services[0].endpointVpc.cidr",
      "services[0].ports[0]",
    ]);
  });
});

describe("Terraform Cloud: the config's block and the TFC_* variables", () => {
  const cloud = {
    organization: "acme",
    workspacePrefix: "privatelink-",
    project: "Network 1",
  };
  const withCloud = (terraformCloud: unknown, ...services: object[]) => ({
    ...rawConfig(...services),
    terraformCloud,
  });

  test("no block and no variables: no Terraform Cloud", () => {
    expect(validConfig(rawConfig()).terraformCloud).toBeUndefined();
  });

  test("the block as written", () => {
    expect(validConfig(withCloud(cloud)).terraformCloud).toEqual(cloud);
  });

  test("each variable overrides its field of the block; the project stays", () => {
    expect(
      validConfig(withCloud(cloud), {
        TFC_ORGANIZATION: "acme-ci",
      }).terraformCloud,
    ).toEqual({ ...cloud, organization: "acme-ci" });
    expect(
      validConfig(withCloud(cloud), {
        TFC_ORGANIZATION: "acme-ci",
        TFC_WORKSPACE_PREFIX: "pl_",
      }).terraformCloud,
    ).toEqual({ ...cloud, organization: "acme-ci", workspacePrefix: "pl_" });
  });

  test("both variables without a block are enough", () => {
    expect(
      validConfig(rawConfig(), {
        TFC_ORGANIZATION: "acme",
        TFC_WORKSPACE_PREFIX: "pl-",
      }).terraformCloud,
    ).toEqual({ organization: "acme", workspacePrefix: "pl-" });
  });

  test("an empty variable counts as unset (CI passes unset variables as empty strings)", () => {
    expect(
      validConfig(rawConfig(), {
        TFC_ORGANIZATION: "",
        TFC_WORKSPACE_PREFIX: "",
      }).terraformCloud,
    ).toBeUndefined();
    expect(
      validConfig(withCloud(cloud), { TFC_ORGANIZATION: "" }).terraformCloud,
    ).toEqual(cloud);
  });

  test("an empty prefix in the block names each workspace after its stack alone", () => {
    expect(
      validConfig(withCloud({ organization: "acme", workspacePrefix: "" }))
        .terraformCloud,
    ).toEqual({ organization: "acme", workspacePrefix: "" });
  });
});

describe("fails when (Terraform Cloud)", () => {
  const withCloud = (terraformCloud: unknown, ...services: object[]) => ({
    ...rawConfig(...services),
    terraformCloud,
  });

  test("the organization has a character Terraform Cloud refuses", () => {
    expect(
      problemsOf(withCloud({ organization: "acme corp", workspacePrefix: "" })),
    ).toEqual([
      `terraformCloud.organization: got "acme corp"; expected a Terraform Cloud organization name: letters, digits, '-' and '_'`,
    ]);
  });

  test("the prefix has a character workspace names refuse", () => {
    expect(
      problemsOf(withCloud({ organization: "acme", workspacePrefix: "pl/" })),
    ).toEqual([
      `terraformCloud.workspacePrefix: got "pl/"; expected a workspace name prefix of letters, digits, '-' and '_' (workspace names allow nothing else)`,
    ]);
  });

  test("a workspace name, prefix and stack name, would exceed 90 characters", () => {
    const prefix = "p".repeat(80);
    expect(
      problemsOf(
        withCloud(
          { organization: "acme", workspacePrefix: prefix },
          rawService({ name: "internal-api" }),
        ),
      ),
    ).toEqual([
      `services[0].name: got "internal-api"; expected a name that keeps its Terraform Cloud workspace "${prefix}internal-api" within 90 characters (it has 92; the prefix comes from terraformCloud.workspacePrefix): shorten the name or the prefix`,
    ]);
  });

  test("the project name is too short or has a character Terraform Cloud refuses", () => {
    const withProject = (project: string) =>
      withCloud({ organization: "acme", workspacePrefix: "", project });
    expect(problemsOf(withProject("ab"))).toEqual([
      'terraformCloud.project: got "ab"; expected a project name of 3 to 40 characters',
    ]);
    expect(problemsOf(withProject("net/work"))).toEqual([
      `terraformCloud.project: got "net/work"; expected a Terraform Cloud project name: letters, digits, spaces, '-' and '_', not starting or ending with a space`,
    ]);
  });

  test("the block misses a field or has an unknown key", () => {
    expect(
      problemsOf(withCloud({ organization: "acme", workspace: "x" })),
    ).toEqual([
      'terraformCloud.workspace: got "x"; expected no key "workspace" here: (allowed: organization, workspacePrefix, project)',
      "terraformCloud.workspacePrefix: got nothing (the field is missing); expected a string (a required field)",
    ]);
  });

  test("a variable holds a value Terraform Cloud refuses, named by the variable", () => {
    expect(
      problemsOf(rawConfig(), {
        TFC_ORGANIZATION: "acme corp",
        TFC_WORKSPACE_PREFIX: "pl.",
      }),
    ).toEqual([
      `TFC_ORGANIZATION: got "acme corp"; expected a Terraform Cloud organization name: letters, digits, '-' and '_'`,
      `TFC_WORKSPACE_PREFIX: got "pl."; expected a workspace name prefix of letters, digits, '-' and '_' (workspace names allow nothing else)`,
    ]);
  });

  test("only one variable is set and there is no block to complete it", () => {
    expect(problemsOf(rawConfig(), { TFC_ORGANIZATION: "acme" })).toEqual([
      'TFC_WORKSPACE_PREFIX: got nothing (the variable is unset); expected TFC_WORKSPACE_PREFIX as well: TFC_ORGANIZATION is set and the config has no "terraformCloud" block to complete it',
    ]);
    expect(problemsOf(rawConfig(), { TFC_WORKSPACE_PREFIX: "pl-" })).toEqual([
      'TFC_ORGANIZATION: got nothing (the variable is unset); expected TFC_ORGANIZATION as well: TFC_WORKSPACE_PREFIX is set and the config has no "terraformCloud" block to complete it',
    ]);
  });

  test("a prefix from TFC_WORKSPACE_PREFIX makes a workspace name too long, naming the variable", () => {
    expect(
      problemsOf(rawConfig(), {
        TFC_ORGANIZATION: "acme",
        TFC_WORKSPACE_PREFIX: "p".repeat(85),
      }),
    ).toEqual([
      expect.stringMatching(
        /^services\[0\]\.name: got "internal-api"; .* \(it has 97; the prefix comes from TFC_WORKSPACE_PREFIX\)/,
      ),
    ]);
  });
});

describe("quotas: a warning past AWS's default, an error past its hard maximum", () => {
  const consumers = (count: number, cidrsEach = 1) =>
    Array.from({ length: count }, (_, i) =>
      rawConsumer(`c${i}`, {
        vpcId: `vpc-${(i + 1).toString(16).padStart(8, "0")}`,
        cidrs: Array.from(
          { length: cidrsEach },
          (_, j) => `10.${i}.${j * 16}.0/20`,
        ),
        routeTableIds: [`rtb-${(i + 1).toString(16).padStart(8, "0")}`],
      }),
    );

  test("more than 50 peerings on the endpoint VPC: a warning naming L-7E9ECCDB", () => {
    const config = withService({ consumers: consumers(51), dnsNames: [] });
    expect(problemsOf(config)).toEqual([]);
    expect(warningsOf(config)).toContainEqual(
      'the endpoint VPC of service "internal-api": 51 active VPC peering connections per VPC exceed the default quota of 50 (L-7E9ECCDB); request 51 or more in the account and region before applying',
    );
  });

  test("more than 125 peerings on the endpoint VPC: an error, past AWS's hard maximum", () => {
    expect(
      problemsOf(withService({ consumers: consumers(130), dnsNames: [] })),
    ).toContainEqual(
      'services[0].consumers: got 130; expected at most 125 active VPC peering connections per VPC (AWS\'s hard maximum, L-7E9ECCDB) for the endpoint VPC of service "internal-api"; split the service into several services (each its own endpoint VPC), or make some consumers "native" (no peering)',
    );
  });

  test("more than 50 routes in the endpoint route table: a warning naming L-93826ACB", () => {
    const config = withService({ consumers: consumers(20, 3), dnsNames: [] });
    expect(problemsOf(config)).toEqual([]);
    expect(warningsOf(config)).toContainEqual(
      expect.stringContaining(
        'the endpoint route table of service "internal-api": 61 routes per route table exceed the default quota of 50 (L-93826ACB)',
      ),
    );
  });

  test("31 consumers on ports 443 and 8443: 62 inbound rules, a warning naming L-0EA8095F", () => {
    const config = withService({
      consumers: consumers(31),
      ports: [443, 8443],
      dnsNames: [],
    });
    expect(problemsOf(config)).toEqual([]);
    expect(warningsOf(config)).toEqual([
      'the endpoint security group of service "internal-api" (consumer CIDRs × ports): 62 inbound rules per security group exceed the default quota of 60 (L-0EA8095F); request 62 or more in the account and region before applying',
    ]);
  });

  test("more than 1,000 inbound rules on one group: an error", () => {
    const problems = problemsOf(
      withService({
        consumers: consumers(100, 6),
        ports: [443, 8443],
        dnsNames: [],
      }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^services\[0\]\.consumers: got 1200; expected at most 1000 inbound rules per security group \(AWS's hard maximum, L-0EA8095F\)/,
      ),
    );
  });

  test("a consumer VPC reached by more than 50 services' endpoints: a warning naming L-29B6F2EB", () => {
    const services = Array.from({ length: 51 }, (_, i) => {
      const s = rawService({
        name: `svc${i}`,
        serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${i.toString(16).padStart(17, "0")}`,
        dnsNames: [],
        consumers: [
          {
            name: "tokyo",
            connectivity: "native",
            region: "ap-northeast-1",
            vpcId: "vpc-0ccccccccccccccc3",
            cidrs: ["10.3.0.0/16"],
            subnetIds: ["subnet-0ccccccccccccccc1"],
          },
        ],
      });
      delete s.endpointVpc;
      return s;
    });
    expect(warningsOf(rawConfig(...services))).toContainEqual(
      "consumer VPC vpc-0ccccccccccccccc3 (one endpoint per service; its own endpoints come on top): 51 interface endpoints per VPC exceed the default quota of 50 (L-29B6F2EB); request 51 or more in the account and region before applying",
    );
  });

  test("every quota of the model has a code, a default, and a hard maximum when AWS publishes one", () => {
    for (const quota of Object.values(QUOTAS)) {
      expect(quota.code).toMatch(/^L-[0-9A-F]{8}$|^no Service Quotas code/);
      expect(quota.default).toBeGreaterThan(0);
      if ("max" in quota) expect(quota.max).toBeGreaterThan(quota.default);
    }
  });

  test("no warning within the quotas", () => {
    expect(warningsOf(withService({ consumers: consumers(49) }))).toEqual([]);
  });
});
