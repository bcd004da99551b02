/**
 * Hosted zones per account (Route 53, L-4EA4796A, default 500): counted
 * over every service, per account a zone is made in.
 */
import {
  rawConfig,
  rawConsumer,
  rawService,
  warningsOf,
} from "../../test-support/configs";

const hex17 = (n: number) => n.toString(16).padStart(17, "0");
const native = (i: number, roleArn?: string) => ({
  name: `n${i}`,
  connectivity: "native",
  region: "ap-northeast-1",
  vpcId: `vpc-${hex17(i + 1)}`,
  cidrs: [`10.${i >> 6}.${(i & 63) << 2}.0/22`],
  subnetIds: [`subnet-${hex17(i + 1)}`],
  ...(roleArn && { roleArn }),
});
const quotaWarnings = (raw: unknown) =>
  warningsOf(raw).filter((w) => w.includes("L-4EA4796A"));

test("each native consumer's own zones count: 2 hostnames × 251 consumers pass the default of 500", () => {
  const service = rawService({
    privateDnsEnabled: false,
    dnsNames: ["a.example.com", "*.b.example.com"],
    consumers: Array.from({ length: 251 }, (_, i) => native(i)),
  });
  expect(quotaWarnings(rawConfig(service))).toEqual([
    "the private hosted zones made in the ambient credentials' account: 502 hosted zones per account exceed the default quota of 500 (L-4EA4796A); request 502 or more in the account and region before applying",
  ]);
});

test("250 such consumers stay within it, and consumers of another account count there", () => {
  const role = "arn:aws:iam::111122223333:role/app";
  const service = rawService({
    privateDnsEnabled: false,
    dnsNames: ["a.example.com", "*.b.example.com"],
    consumers: [
      ...Array.from({ length: 250 }, (_, i) => native(i)),
      native(250, role),
    ],
  });
  expect(quotaWarnings(rawConfig(service))).toEqual([]);
});

test("peered consumers share their service's zones; 501 services' zones in one account warn", () => {
  const services = Array.from({ length: 501 }, (_, i) =>
    rawService({
      name: `svc${i}`,
      serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${hex17(i + 1)}`,
      dnsNames: [`svc${i}.example.com`],
      endpointVpc: {
        cidr: `172.${16 + (i >> 8)}.${i & 255}.0/24`,
        azIds: ["use1-az1"],
      },
      consumers: [
        rawConsumer("seoul", {
          cidrs: [`10.${i >> 6}.${(i & 63) << 2}.0/22`],
          vpcId: `vpc-${hex17(i + 1)}`,
          routeTableIds: [`rtb-${hex17(i + 1)}`],
        }),
      ],
    }),
  );
  expect(quotaWarnings(rawConfig(...services))).toEqual([
    expect.stringMatching(
      /: 501 hosted zones per account exceed the default quota of 500 \(L-4EA4796A\)/,
    ),
  ]);
});
