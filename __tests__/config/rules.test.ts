/**
 * Validation across fields and services: names AWS refuses, names used
 * twice, VPCs, route tables and zones shared between services.
 */
import {
  problemsOf,
  rawConfig,
  rawConsumer,
  rawService,
  withConsumer,
  withService,
} from "../../test-support/configs";

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
