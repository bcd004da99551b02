/**
 * AWS's quotas: a warning past the default, an error past the hard maximum.
 */
import { QUOTAS } from "../../src/config/quotas";
import {
  problemsOf,
  rawConfig,
  rawConsumer,
  rawService,
  warningsOf,
  withService,
} from "../../test-support/configs";

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
