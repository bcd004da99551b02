/**
 * Ordinary changes apply in one go on a live state: config A applied, then
 * config B planned and applied on the same state, re-planned clean, and
 * destroyed. Nothing that holds an endpoint's network interfaces (a subnet,
 * an endpoint) may be replaced: that would cut every consumer off.
 */
import {
  ChangePairResult,
  changePair,
  sharedEmulator,
  toolchain,
} from "../../test-support/engine";
import {
  RawObject,
  rawConfig,
  rawConsumer,
  rawService,
} from "../../test-support/configs";

const FRANKFURT = rawConsumer("frankfurt", {
  region: "eu-central-1",
  vpcId: "vpc-0bbbbbbbbbbbbbbb2",
  cidrs: ["10.2.0.0/16"],
  routeTableIds: ["rtb-0bbbbbbbbbbbbbbb2"],
});
const SEOUL_NATIVE = {
  name: "seoul",
  connectivity: "native",
  region: "ap-northeast-2",
  vpcId: "vpc-0b1c2d3e4f5a6b7c8",
  cidrs: ["10.0.0.0/16"],
  subnetIds: ["subnet-0b1c2d3e4f5a6b7c8", "subnet-0c1d2e3f4a5b6c7d8"],
};
/**
 * A role in the account of the ambient credentials: the consumer's VPC stays
 * where it is, and from now on is managed through a dedicated role. (A role
 * of another account would mean another VPC: moto keeps accounts apart.)
 */
const APP_ROLE = "arn:aws:iam::123456789012:role/privatelink-app";

const config = (overrides: RawObject) => rawConfig(rawService(overrides));

const SEOUL_BATCH = rawConsumer("seoul-batch", {
  vpcId: "vpc-0aaaaaaaaaaaaaaa1",
  cidrs: ["10.1.0.0/16"],
  routeTableIds: ["rtb-0aaaaaaaaaaaaaaa1"],
});

const pairs: [string, RawObject, RawObject][] = [
  [
    "add a consumer",
    config({ consumers: [rawConsumer("seoul")] }),
    config({ consumers: [rawConsumer("seoul"), FRANKFURT] }),
  ],
  [
    "remove a consumer (its region stays in use)",
    config({ consumers: [rawConsumer("seoul"), SEOUL_BATCH] }),
    config({ consumers: [rawConsumer("seoul")] }),
  ],
  [
    "add a CIDR",
    config({ consumers: [rawConsumer("seoul")] }),
    config({
      consumers: [
        rawConsumer("seoul", { cidrs: ["10.0.0.0/16", "10.9.0.0/16"] }),
      ],
    }),
  ],
  [
    "add an AZ ID",
    config({}),
    config({
      endpointVpc: {
        cidr: "10.100.0.0/24",
        azIds: ["use1-az1", "use1-az2", "use1-az4"],
      },
    }),
  ],
  [
    "remove a CIDR",
    config({
      consumers: [
        rawConsumer("seoul", { cidrs: ["10.0.0.0/16", "10.9.0.0/16"] }),
      ],
    }),
    config({ consumers: [rawConsumer("seoul")] }),
  ],
  [
    "remove an AZ ID",
    config({
      endpointVpc: {
        cidr: "10.100.0.0/24",
        azIds: ["use1-az1", "use1-az2", "use1-az4"],
      },
    }),
    config({}),
  ],
  [
    "add a hostname",
    config({}),
    config({ dnsNames: ["internal-api.example.com", "*.data.example.com"] }),
  ],
  [
    "switch a consumer from peering to native",
    config({
      privateDnsEnabled: false,
      consumers: [rawConsumer("seoul"), FRANKFURT],
    }),
    config({ privateDnsEnabled: false, consumers: [SEOUL_NATIVE, FRANKFURT] }),
  ],
  [
    "switch a consumer from native to peering",
    config({ privateDnsEnabled: false, consumers: [SEOUL_NATIVE, FRANKFURT] }),
    config({
      privateDnsEnabled: false,
      consumers: [rawConsumer("seoul"), FRANKFURT],
    }),
  ],
  [
    "give a consumer a role",
    config({ consumers: [rawConsumer("seoul"), FRANKFURT] }),
    config({
      consumers: [rawConsumer("seoul", { roleArn: APP_ROLE }), FRANKFURT],
    }),
  ],
];

/** Resources that hold an endpoint's network interfaces. */
const HOLDS_INTERFACES = /^aws_(subnet|vpc_endpoint)\./;

const emulator = sharedEmulator();
const results = new Map<string, ChangePairResult>();
afterAll(async () => {
  await emulator.stop();
  // The report the closing notes quote: what each change creates, updates, replaces, deletes.
  const lines = [...results].map(([name, r]) => {
    const count = (kind: (a: readonly string[]) => boolean) =>
      r.changes.filter((c) => kind(c.actions)).length;
    return `  ${name}: ${r.failure ?? "applied"}; create ${count((a) => a.length === 1 && a[0] === "create")}, update ${count((a) => a[0] === "update")}, replace ${r.replaced.length}${r.replaced.length > 0 ? ` (${r.replaced.join(", ")})` : ""}, delete ${count((a) => a.length === 1 && a[0] === "delete")}`;
  });
  process.stdout.write(`change pairs:\n${lines.join("\n")}\n`);
});

// Pairs side by side: each mostly waits on Route 53's fixed 15 s polls.
test.concurrent.each(pairs)(
  "%s applies in one go and replaces nothing holding an endpoint's interfaces",
  async (name, a, b) => {
    const result = await changePair(toolchain(), await emulator.get(), a, b);
    results.set(name, result);
    expect(result.failure).toBeUndefined();
    expect(
      result.replaced.filter((address) => HOLDS_INTERFACES.test(address)),
    ).toEqual([]);
    expect(result.changes.length).toBeGreaterThan(0);
  },
);

describe("removing the last consumer of a region (a documented exception)", () => {
  const a = config({ consumers: [rawConsumer("seoul"), FRANKFURT] });
  const b = config({ consumers: [rawConsumer("seoul")] });

  test("in one go, the plan stops: the region's provider is gone while its resources remain", async () => {
    const result = await changePair(toolchain(), await emulator.get(), a, b);
    results.set("remove the last consumer of a region, in one go", result);
    expect(result.failure).toMatch(
      /^B: plan: .*Provider configuration not present/,
    );
  });

  test("after a targeted destroy of its peering (README: Pitfalls), it applies", async () => {
    const result = await changePair(toolchain(), await emulator.get(), a, b, {
      destroyFirst: ["aws_vpc_peering_connection.peering_frankfurt"],
    });
    results.set(
      "remove the last consumer of a region, after a targeted destroy",
      result,
    );
    expect(result.failure).toBeUndefined();
    expect(result.replaced).toEqual([]);
  });
});
