/**
 * Rule 10: many consumers and services, and stable state addresses. Adding
 * a consumer only adds resources; reordering the file changes nothing.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { buildStacks, synthesize } from "../../src/app";
import { BaseStack } from "../../src/stack";
import {
  addresses,
  defaultRawConfig,
  hubAndSpokeService,
  parsed,
  rawConfig,
  rawConsumer,
  rawService,
  readTree,
  resources,
  synth,
  synthAll,
  synthAllFresh,
  validConfig,
  withoutMetadata,
} from "../../test-support/fixtures";

const tokyo = rawConsumer("tokyo", {
  region: "ap-northeast-1",
  vpcId: "vpc-0ccccccccccccccc3",
  cidrs: ["10.3.0.0/16"],
  routeTableIds: ["rtb-0ccccccccccccccc3"],
});

/** Resources whose attributes must not change when a consumer is added. */
const STABLE_TYPES = [
  "aws_vpc",
  "aws_subnet",
  "aws_vpc_endpoint",
  "aws_vpc_peering_connection",
  "aws_vpc_peering_connection_accepter",
  "aws_route",
  "aws_route53_record",
  "aws_security_group",
  "aws_vpc_security_group_ingress_rule",
  "aws_route_table",
  "aws_route_table_association",
];

describe("many consumers, many services", () => {
  test("hub and spoke: consumers in several regions share one endpoint VPC and endpoint", () => {
    const synthesized = synth(rawConfig(hubAndSpokeService()));
    expect(Object.keys(resources(synthesized, "aws_vpc"))).toEqual([
      "endpoint_vpc",
    ]);
    expect(Object.keys(resources(synthesized, "aws_vpc_endpoint"))).toEqual([
      "endpoint",
    ]);
    expect(
      Object.keys(resources(synthesized, "aws_vpc_peering_connection")),
    ).toHaveLength(3);
    // Outbound: seoul's two route tables, one each for the others; return: one per consumer CIDR.
    expect(Object.keys(resources(synthesized, "aws_route"))).toHaveLength(
      4 + 4,
    );
  });

  test("one stack per service, named by the service", () => {
    const stacks = synthAll(
      rawConfig(
        rawService({ name: "internal-api" }),
        rawService({
          name: "billing",
          dnsNames: ["billing.example.com"],
          endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
        }),
      ),
    );
    expect(Object.keys(stacks)).toEqual(["billing", "internal-api"]);
    expect(resources(stacks.billing, "aws_vpc").endpoint_vpc.cidr_block).toBe(
      "10.101.0.0/24",
    );
  });
});

describe("address stability", () => {
  test("adding a consumer only adds resources; no existing address or stable attribute changes", () => {
    const before = synth(rawConfig(hubAndSpokeService()));
    const service = hubAndSpokeService();
    service.consumers = [...service.consumers, tokyo];
    const after = synth(rawConfig(service));

    const beforeAddresses = addresses(before);
    expect(addresses(after)).toEqual(expect.arrayContaining(beforeAddresses));
    const added = addresses(after).filter((a) => !beforeAddresses.includes(a));
    expect(added.every((a) => a.includes("tokyo"))).toBe(true);
    expect(added).toEqual(
      expect.arrayContaining([
        "aws_vpc_peering_connection.peering_tokyo",
        "aws_vpc_peering_connection_accepter.peering_tokyo",
        "aws_route.peering_tokyo_outbound_rtb-0ccccccccccccccc3",
        "aws_route.peering_tokyo_return_10_3_0_0_16",
        "aws_vpc_security_group_ingress_rule.endpoint_tokyo_10_3_0_0_16_tcp_443",
      ]),
    );
    for (const type of STABLE_TYPES) {
      for (const [name, resource] of Object.entries(resources(before, type))) {
        expect([
          type,
          name,
          withoutMetadata(resources(after, type)[name]),
        ]).toEqual([type, name, withoutMetadata(resource)]);
      }
    }
  });

  test("the order of services, consumers and lists in the file does not change the output", () => {
    const billing = rawService({
      name: "billing",
      dnsNames: ["billing.example.com"],
      endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1", "use1-az2"] },
    });
    const forward = rawConfig(hubAndSpokeService(), billing);
    const shuffled = hubAndSpokeService();
    shuffled.consumers = [...shuffled.consumers]
      .reverse()
      .map((c: Record<string, unknown>) => ({
        ...c,
        cidrs: [...(c.cidrs as string[])].reverse(),
        routeTableIds: [...(c.routeTableIds as string[])].reverse(),
      }));
    shuffled.ports = [...shuffled.ports].reverse();
    shuffled.dnsNames = [...shuffled.dnsNames].reverse();
    shuffled.endpointVpc = {
      ...shuffled.endpointVpc,
      azIds: [...shuffled.endpointVpc.azIds].reverse(),
    };
    shuffled.tags = { owner: "me", team: "platform" };
    const forwardWithTags = rawConfig(
      { ...hubAndSpokeService(), tags: { team: "platform", owner: "me" } },
      billing,
    );
    expect(synthAll(rawConfig(billing, shuffled))).toEqual(
      synthAll(forwardWithTags),
    );
    expect(Object.keys(synthAll(forward))).toEqual(["billing", "internal-api"]);
  });

  test("construct ids are keyed by names: the default stack's addresses", () => {
    expect(addresses(synth(defaultRawConfig()))).toEqual([
      "aws_route.peering_seoul_outbound_rtb-0a1b2c3d4e5f60718",
      "aws_route.peering_seoul_outbound_rtb-0f1e2d3c4b5a69788",
      "aws_route.peering_seoul_return_10_0_0_0_16",
      "aws_route53_record.zone_internal-api_example_com_apex",
      "aws_route53_zone.zone_internal-api_example_com",
      "aws_route_table.endpoint_vpc",
      "aws_route_table_association.endpoint_vpc_use1-az1",
      "aws_route_table_association.endpoint_vpc_use1-az2",
      "aws_security_group.endpoint",
      "aws_subnet.endpoint_vpc_use1-az1",
      "aws_subnet.endpoint_vpc_use1-az2",
      "aws_vpc.endpoint_vpc",
      "aws_vpc_endpoint.endpoint",
      "aws_vpc_peering_connection.peering_seoul",
      "aws_vpc_peering_connection_accepter.peering_seoul",
      "aws_vpc_security_group_ingress_rule.endpoint_seoul_10_0_0_0_16_tcp_443",
      "data.aws_availability_zone.endpoint_vpc_use1-az1",
      "data.aws_availability_zone.endpoint_vpc_use1-az2",
      "data.aws_vpc.peering_seoul_vpc",
      "data.aws_vpc_endpoint_service.endpoint_service",
    ]);
  });

  test("two synths of one config are byte-identical", () => {
    expect(synthAllFresh(rawConfig(hubAndSpokeService()))).toEqual(
      synthAllFresh(rawConfig(hubAndSpokeService())),
    );
  });
});

describe("snapshot", () => {
  test("the default stack", () => {
    expect(parsed(synth(defaultRawConfig()))).toMatchSnapshot();
  });
});

describe("synth shortcuts", () => {
  test("skipping cdktf's prepare pass writes the same files as running it", () => {
    const config = validConfig(
      rawConfig(
        hubAndSpokeService(),
        rawService({
          name: "billing",
          dnsNames: [],
          endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
        }),
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), "privatelink-"));
    synthesize(config, join(dir, "ours"));

    const app = new App({ outdir: join(dir, "full"), stackTraces: false });
    for (const stack of buildStacks(app, config))
      stack.prepareStack = TerraformStack.prototype.prepareStack;
    app.synth();

    const ours = readTree(join(dir, "ours"));
    expect(Object.keys(ours)).toHaveLength(3);
    expect(ours).toEqual(readTree(join(dir, "full")));
  });
});

describe("address collisions", () => {
  test("the base stack names a resource by its construct path and a data source with data.", () => {
    const app = Testing.app();
    const stack = new BaseStack(app, "bare");
    new Vpc(new Construct(stack, "hub"), "vpc", { cidrBlock: "10.0.0.0/16" });
    new Vpc(new Construct(stack, "spoke"), "main", {
      cidrBlock: "10.1.0.0/16",
    });
    new DataAwsVpc(new Construct(stack, "hub_read"), "vpc", { id: "vpc-1" });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(Object.keys(synthesized.resource.aws_vpc)).toEqual([
      "hub",
      "spoke_main",
    ]);
    expect(Object.keys(synthesized.data.aws_vpc)).toEqual(["hub_read"]);
  });

  test("the base stack throws on a second element at one address, naming both construct paths", () => {
    const app = Testing.app();
    const stack = new BaseStack(app, "bare");
    new Vpc(new Construct(new Construct(stack, "a"), "b"), "vpc", {
      cidrBlock: "10.200.0.0/16",
    });
    new Vpc(new Construct(stack, "a_b"), "vpc", { cidrBlock: "10.201.0.0/16" });
    expect(() => Testing.synth(stack)).toThrow(
      "Two constructs map to the Terraform address aws_vpc.a_b: bare/a/b/vpc and bare/a_b/vpc.",
    );
  });

  test("a resource and a data source of one type and name are two addresses, not a collision", () => {
    const app = Testing.app();
    const stack = new BaseStack(app, "bare");
    // x and x/vpc both name x.
    const vpc = new Vpc(stack, "x", { cidrBlock: "10.0.0.0/16" });
    new DataAwsVpc(vpc, "vpc", { id: "vpc-1" });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(Object.keys(synthesized.resource.aws_vpc)).toEqual(["x"]);
    expect(Object.keys(synthesized.data.aws_vpc)).toEqual(["x"]);
  });

  test("two constructs that map to one Terraform address fail the synth, naming both", () => {
    const app = new App({
      outdir: mkdtempSync(join(tmpdir(), "collision-")),
      stackTraces: false,
    });
    const [stack] = buildStacks(app, validConfig(defaultRawConfig()));
    // a/b/vpc and a_b/vpc both name aws_vpc.a_b.
    new Vpc(new Construct(new Construct(stack, "a"), "b"), "vpc", {
      cidrBlock: "10.200.0.0/16",
    });
    new Vpc(new Construct(stack, "a_b"), "vpc", { cidrBlock: "10.201.0.0/16" });
    expect(() => app.synth()).toThrow(
      "Two constructs map to the Terraform address aws_vpc.a_b: internal-api/a/b/vpc and internal-api/a_b/vpc. Rename one (addresses come from construct ids, src/lib/naming.ts).",
    );
  });
});
