/**
 * The topology of one service's stack, continued: DNS, outputs, state, the
 * terraform block and the plan-time checks (rules 8 to 12 of the spec).
 */
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { REQUIRED_TERRAFORM_VERSION } from "../../src/stack";
import {
  dataSources,
  hubAndSpokeService,
  parsed,
  rawConfig,
  rawService,
  resources,
  synth,
  synthAll,
  SERVICE_NAME,
} from "../../test-support/fixtures";

const hub = () => synth(rawConfig(hubAndSpokeService()));
const seoul = () => synth(rawConfig(rawService()));

describe("8. DNS", () => {
  test("a private zone named exactly each hostname, in every consumer VPC with its region", () => {
    const synthesized = hub();
    const zones = resources(synthesized, "aws_route53_zone");
    expect(Object.values(zones).map((z) => z.name)).toEqual([
      "data.example.com",
      "internal-api.example.com",
    ]);
    const vpcs = [
      { vpc_id: "vpc-0b1c2d3e4f5a6b7c8", vpc_region: "ap-northeast-2" },
      { vpc_id: "vpc-0aaaaaaaaaaaaaaa1", vpc_region: "ap-northeast-2" },
      { vpc_id: "vpc-0bbbbbbbbbbbbbbb2", vpc_region: "eu-central-1" },
    ];
    for (const zone of Object.values(zones)) {
      expect(zone.vpc).toEqual(expect.arrayContaining(vpcs));
      expect(zone.vpc).toHaveLength(3);
    }
    expect(Object.keys(parsed(synthesized).resource ?? {})).not.toContain(
      "aws_route53_zone_association",
    );
  });

  test("never a zone for a parent domain, and never on the endpoint VPC", () => {
    const zones = Object.values(resources(hub(), "aws_route53_zone"));
    expect(zones.map((z) => z.name)).not.toContain("example.com");
    for (const zone of zones) {
      for (const vpc of zone.vpc)
        expect(vpc.vpc_id).not.toContain("aws_vpc.endpoint_vpc");
    }
  });

  test("an A alias record per hostname to the endpoint's regional DNS name; a wildcard is a `*` record", () => {
    const synthesized = hub();
    const alias = {
      name: "${aws_vpc_endpoint.endpoint.dns_entry[0].dns_name}",
      zone_id: "${aws_vpc_endpoint.endpoint.dns_entry[0].hosted_zone_id}",
      evaluate_target_health: true,
    };
    expect(synthesized).toHaveResourceWithProperties(Route53Record, {
      zone_id: "${aws_route53_zone.zone_internal-api_example_com.zone_id}",
      name: "internal-api.example.com",
      type: "A",
      alias,
    });
    expect(synthesized).toHaveResourceWithProperties(Route53Record, {
      zone_id: "${aws_route53_zone.zone_data_example_com.zone_id}",
      name: "*.data.example.com",
      type: "A",
      alias,
    });
    expect(
      Object.keys(resources(synthesized, "aws_route53_record")),
    ).toHaveLength(2);
  });

  test("a hostname and the wildcard below it share one zone", () => {
    const synthesized = synth(
      rawConfig(
        rawService({ dnsNames: ["data.example.com", "*.data.example.com"] }),
      ),
    );
    expect(Object.keys(resources(synthesized, "aws_route53_zone"))).toEqual([
      "zone_data_example_com",
    ]);
    expect(Object.keys(resources(synthesized, "aws_route53_record"))).toEqual([
      "zone_data_example_com_apex",
      "zone_data_example_com_wildcard",
    ]);
  });

  test("no dnsNames, no zone", () => {
    const synthesized = synth(rawConfig(rawService({ dnsNames: [] })));
    expect(synthesized).not.toHaveResource(Route53Zone);
    expect(synthesized).not.toHaveResource(Route53Record);
  });
});

describe("9. outputs", () => {
  test("endpoint id and DNS names, peering per consumer, zone ids and the hostnames", () => {
    const outputs = parsed(hub()).output ?? {};
    expect(outputs.endpoint_id.value).toBe("${aws_vpc_endpoint.endpoint.id}");
    expect(outputs.endpoint_dns_names.value).toBe(
      "${[for entry in aws_vpc_endpoint.endpoint.dns_entry : entry.dns_name]}",
    );
    expect(outputs.peering_seoul_id.value).toBe(
      "${aws_vpc_peering_connection.peering_seoul.id}",
    );
    expect(outputs["peering_seoul-batch_id"].value).toBe(
      "${aws_vpc_peering_connection.peering_seoul-batch.id}",
    );
    expect(outputs.peering_frankfurt_id.value).toBe(
      "${aws_vpc_peering_connection.peering_frankfurt.id}",
    );
    expect(outputs["zone_internal-api_example_com_id"].value).toBe(
      "${aws_route53_zone.zone_internal-api_example_com.zone_id}",
    );
    expect(outputs.zone_data_example_com_id.value).toBe(
      "${aws_route53_zone.zone_data_example_com.zone_id}",
    );
    expect(outputs.hostnames.value).toEqual([
      "*.data.example.com",
      "internal-api.example.com",
    ]);
  });

  test("the topology output declares the service and every consumer as configured", () => {
    const topology = (parsed(hub()).output ?? {}).topology.value;
    expect(topology.service).toEqual({
      name: "internal-api",
      service_name: SERVICE_NAME,
      region: "us-east-1",
      ports: [
        { from: 443, to: 443 },
        { from: 8000, to: 8010 },
      ],
      dns_names: ["*.data.example.com", "internal-api.example.com"],
      private_dns_enabled: true,
      endpoint_vpc: { cidr: "10.100.0.0/24", az_ids: ["use1-az1", "use1-az2"] },
    });
    expect(Object.keys(topology.consumers)).toEqual([
      "frankfurt",
      "seoul",
      "seoul-batch",
    ]);
    expect(topology.consumers.frankfurt).toEqual({
      connectivity: "peering",
      region: "eu-central-1",
      vpc_id: "vpc-0bbbbbbbbbbbbbbb2",
      cidrs: ["10.2.0.0/16", "100.64.0.0/20"],
      route_table_ids: ["rtb-0bbbbbbbbbbbbbbb2"],
    });
  });

  test("without dnsNames, no hostnames: clients use the endpoint DNS names output", () => {
    const outputs =
      parsed(synth(rawConfig(rawService({ dnsNames: [] })))).output ?? {};
    expect(outputs.hostnames.value).toEqual([]);
    expect(outputs.endpoint_dns_names.value).toBe(
      "${[for entry in aws_vpc_endpoint.endpoint.dns_entry : entry.dns_name]}",
    );
  });
});

describe("10. state: a Terraform Cloud workspace per stack", () => {
  const twoServices = () =>
    rawConfig(
      rawService(),
      rawService({
        name: "billing",
        dnsNames: ["billing.example.com"],
        endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
      }),
    );

  test("with terraformCloud, every stack has a cloud block naming its own workspace, and no other backend", () => {
    const stacks = synthAll({
      ...twoServices(),
      terraformCloud: {
        organization: "acme",
        workspacePrefix: "privatelink-",
        project: "Network",
      },
    });
    for (const name of ["billing", "internal-api"]) {
      const terraform = parsed(stacks[name]).terraform ?? {};
      expect(terraform.cloud).toEqual({
        organization: "acme",
        workspaces: { name: `privatelink-${name}`, project: "Network" },
      });
      expect(terraform.backend).toBeUndefined();
    }
  });

  test("the variables alone give the same cloud block, without a project", () => {
    const synthesized = synth(rawConfig(), {
      TFC_ORGANIZATION: "acme",
      TFC_WORKSPACE_PREFIX: "pl_",
    });
    expect(parsed(synthesized).terraform?.cloud).toEqual({
      organization: "acme",
      workspaces: { name: "pl_internal-api" },
    });
  });

  test("without Terraform Cloud, no cloud block (the app adds cdktf's local backend; see cli.test.ts)", () => {
    const terraform = parsed(seoul()).terraform ?? {};
    expect(terraform.cloud).toBeUndefined();
    expect(terraform.backend).toBeUndefined();
  });
});

describe("11. the terraform block", () => {
  /**
   * Terraform language features by the release that brought them. The
   * stacks' required_version must be the newest of those they use.
   */
  const TERRAFORM_FEATURES: [string, string, (json: string) => boolean][] = [
    ["moved blocks", "1.1.0", (json) => /"moved"\s*:/.test(json)],
    [
      "preconditions and postconditions",
      "1.2.0",
      (json) => /"(pre|post)condition"\s*:/.test(json),
    ],
    [
      "optional object attributes",
      "1.3.0",
      (json) => json.includes("optional("),
    ],
    ["terraform_data", "1.4.0", (json) => json.includes('"terraform_data"')],
    [
      "check and import blocks",
      "1.5.0",
      (json) => /"(check|import)"\s*:/.test(json),
    ],
    ["removed blocks", "1.7.0", (json) => /"removed"\s*:/.test(json)],
  ];
  const newestUsed = (json: string) =>
    TERRAFORM_FEATURES.filter(([, , uses]) => uses(json))
      .map(([, version]) => version)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .pop();

  test("required_version is the release of the newest language feature the stacks use", () => {
    for (const raw of [rawConfig(), rawConfig(hubAndSpokeService())]) {
      const synthesized = synth(raw);
      expect(parsed(synthesized).terraform?.required_version).toBe(
        `>= ${newestUsed(synthesized)}`,
      );
    }
    expect(REQUIRED_TERRAFORM_VERSION).toBe(">= 1.2.0");
  });

  test("the provider by its full registry address, at the bindings' version", () => {
    expect(parsed(synth(rawConfig())).terraform?.required_providers).toEqual({
      aws: { source: "hashicorp/aws", version: "6.25.0" },
    });
  });
});

describe("12. plan-time checks of what only AWS knows", () => {
  test("with private DNS on, the plan fails when the service has no private DNS name", () => {
    const [check] = resources(seoul(), "aws_vpc_endpoint").endpoint.lifecycle
      .precondition;
    expect(check.condition).toBe(
      "${(length(tolist(data.aws_vpc_endpoint_service.endpoint_service.private_dns_names)) >= 1)}",
    );
    expect(check.error_message).toMatch(
      /set the service's privateDnsEnabled to false/,
    );
    const off = synth(rawConfig(rawService({ privateDnsEnabled: false })));
    expect(
      resources(off, "aws_vpc_endpoint").endpoint.lifecycle,
    ).toBeUndefined();
  });

  test("each consumer VPC that must resolve a zone is read with its own provider and must have DNS support and hostnames", () => {
    const vpcs = dataSources(hub(), "aws_vpc");
    expect(Object.keys(vpcs).sort()).toEqual([
      "peering_frankfurt_vpc",
      "peering_seoul-batch_vpc",
      "peering_seoul_vpc",
    ]);
    expect(vpcs.peering_frankfurt_vpc).toMatchObject({
      id: "vpc-0bbbbbbbbbbbbbbb2",
      provider: "aws.eu_central_1",
      lifecycle: {
        postcondition: [
          {
            condition:
              "${self.enable_dns_support && self.enable_dns_hostnames}",
            error_message: expect.stringMatching(
              /modify-vpc-attribute --vpc-id vpc-0bbbbbbbbbbbbbbb2/,
            ),
          },
        ],
      },
    });
    // No hostnames, no zones: nothing to resolve, nothing read.
    expect(
      dataSources(synth(rawConfig(rawService({ dnsNames: [] }))), "aws_vpc"),
    ).toEqual({});
  });
});
