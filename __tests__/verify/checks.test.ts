/**
 * `npm run verify` on synthesized stacks: a sound synthesis passes, and each
 * fault the recipe is known for, injected into a copy of the JSON, fails
 * the right check of the right consumer, and only that one.
 */
import { textReport } from "../../src/verify/report/table";
import {
  defaultRawConfig,
  hubAndSpokeService,
  rawConfig,
  synth,
} from "../../test-support/fixtures";
import {
  TOKYO,
  addNativeConsumer,
  nativeTopologyEntry,
} from "../../test-support/native-fixture";
import {
  broken,
  failedChecks,
  reasonsOf,
  renamed,
  verifyJson,
} from "../../test-support/verify";

// Synthesized once; every fault is made on a parsed copy.
let seoulOnly: string;
let hub: string;

beforeAll(() => {
  seoulOnly = synth(defaultRawConfig());
  hub = synth(rawConfig(hubAndSpokeService()));
});

const SEOUL_VPC = "vpc-0b1c2d3e4f5a6b7c8";
const BATCH_VPC = "vpc-0aaaaaaaaaaaaaaa1";

describe("a sound synthesis passes", () => {
  test("the default config: its one consumer passes every check", () => {
    const report = verifyJson(seoulOnly);
    expect(report.problems).toEqual([]);
    expect(report.consumers.map((c) => c.consumer.name)).toEqual(["seoul"]);
    expect(
      Object.values(report.consumers[0].checks).map((v) => v.status),
    ).toEqual(["pass", "pass", "pass", "pass", "pass"]);
  });

  test("hub and spoke: three consumers in two regions, two hostnames, a port range", () => {
    const report = verifyJson(hub);
    expect(report.consumers.map((c) => c.consumer.name)).toEqual([
      "frankfurt",
      "seoul",
      "seoul-batch",
    ]);
    expect(failedChecks(report)).toEqual([]);
    expect(textReport(report)).toContain(
      "✓ all 3 consumers reach com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 (us-east-1)",
    );
  });

  test("the table has one row per consumer and one column per check", () => {
    const lines = textReport(verifyJson(hub)).split("\n");
    expect(lines[2].split(/\s{2,}/).filter(Boolean)).toEqual([
      "consumer",
      "region",
      "connectivity",
      "name",
      "route there",
      "route back",
      "admission",
      "placement",
    ]);
    expect(lines[4].split(/\s{2,}/).filter(Boolean)).toEqual([
      "seoul",
      "ap-northeast-2",
      "peering",
      "✓",
      "✓",
      "✓",
      "✓",
      "✓",
    ]);
  });

  test("resource names do not matter: renamed resources with their references still pass", () => {
    let json = JSON.parse(hub);
    for (const [type, from, to] of [
      ["aws_vpc", "endpoint_vpc", "a"],
      ["aws_vpc_endpoint", "endpoint", "b"],
      ["aws_route_table", "endpoint_vpc", "c"],
      ["aws_security_group", "endpoint", "d"],
      ["aws_vpc_peering_connection", "peering_seoul", "e"],
      ["aws_vpc_peering_connection_accepter", "peering_seoul", "f"],
      ["aws_route53_zone", "zone_data_example_com", "g"],
    ])
      json = renamed(json, type, from, to);
    expect(JSON.stringify(json)).not.toMatch(/aws_vpc\.endpoint_vpc\b/);
    expect(failedChecks(verifyJson(json))).toEqual([]);
  });
});

describe("each injected fault fails the right consumer, and only it", () => {
  test("a deleted consumer route: route there names the route table and the endpoint VPC CIDR", () => {
    const report = verifyJson(
      broken(hub, (json) => {
        delete json.resource.aws_route[
          "peering_seoul_outbound_rtb-0f1e2d3c4b5a69788"
        ];
      }),
    );
    expect(failedChecks(report)).toEqual(["seoul: route there"]);
    expect(reasonsOf(report, "seoul", "route there")).toEqual([
      "missing aws_route: route table rtb-0f1e2d3c4b5a69788 has no route to 10.100.0.0/24 (aws_vpc.endpoint_vpc)",
    ]);
  });

  test("a deleted return route: route back names the endpoint subnets' route table and the consumer CIDR", () => {
    const report = verifyJson(
      broken(hub, (json) => {
        delete json.resource.aws_route.peering_frankfurt_return_100_64_0_0_20;
      }),
    );
    expect(failedChecks(report)).toEqual(["frankfurt: route back"]);
    expect(reasonsOf(report, "frankfurt", "route back")).toEqual([
      "missing aws_route: route table aws_route_table.endpoint_vpc (of aws_subnet.endpoint_vpc_use1-az1, aws_subnet.endpoint_vpc_use1-az2) has no route to 100.64.0.0/20 (frankfurt)",
    ]);
  });

  test("a deleted ingress rule: admission names the group, the port and the CIDR", () => {
    const report = verifyJson(
      broken(hub, (json) => {
        delete json.resource.aws_vpc_security_group_ingress_rule[
          "endpoint_seoul-batch_10_1_0_0_16_tcp_8000-8010"
        ];
      }),
    );
    expect(failedChecks(report)).toEqual(["seoul-batch: admission"]);
    expect(reasonsOf(report, "seoul-batch", "admission")).toEqual([
      "missing aws_vpc_security_group_ingress_rule: aws_security_group.endpoint (on aws_vpc_endpoint.endpoint) admits no tcp/8000-8010 from 10.1.0.0/16",
    ]);
  });

  test("a zone no longer associated with a consumer VPC: name fails for that hostname only", () => {
    const report = verifyJson(
      broken(hub, (json) => {
        const zone = json.resource.aws_route53_zone.zone_data_example_com;
        zone.vpc = zone.vpc.filter(
          (v: { vpc_id: string }) => v.vpc_id !== BATCH_VPC,
        );
      }),
    );
    expect(failedChecks(report)).toEqual(["seoul-batch: name"]);
    const [reason, ...others] = reasonsOf(report, "seoul-batch", "name");
    expect(others).toEqual([]);
    expect(reason).toMatch(
      /^\*\.data\.example\.com: no private hosted zone data\.example\.com is associated with vpc-0aaaaaaaaaaaaaaa1 \(ap-northeast-2\); aws_route53_zone\.zone_data_example_com is associated with /,
    );
  });

  test("a zone associated with the right VPC id but the wrong region is not visible", () => {
    const report = verifyJson(
      broken(seoulOnly, (json) => {
        json.resource.aws_route53_zone[
          "zone_internal-api_example_com"
        ].vpc[0].vpc_region = "us-east-1";
      }),
    );
    expect(failedChecks(report)).toEqual(["seoul: name"]);
  });

  test("a zone association made by a separate aws_route53_zone_association counts", () => {
    const report = verifyJson(
      broken(hub, (json) => {
        const zone = json.resource.aws_route53_zone.zone_data_example_com;
        zone.vpc = zone.vpc.filter(
          (v: { vpc_id: string }) => v.vpc_id !== BATCH_VPC,
        );
        json.resource.aws_route53_zone_association = {
          batch: {
            provider: "aws.ap_northeast_2",
            zone_id: "${aws_route53_zone.zone_data_example_com.zone_id}",
            vpc_id: BATCH_VPC,
          },
        };
      }),
    );
    expect(failedChecks(report)).toEqual([]);
  });

  test("a deleted accepter: routes dangle and the peering stays pending", () => {
    const report = verifyJson(
      broken(hub, (json) => {
        delete json.resource.aws_vpc_peering_connection_accepter.peering_seoul;
      }),
    );
    expect(failedChecks(report)).toEqual([
      "seoul: route there",
      "seoul: route back",
      "seoul: placement",
    ]);
    expect(reasonsOf(report, "seoul", "placement")).toEqual([
      "missing aws_vpc_peering_connection_accepter: nothing accepts aws_vpc_peering_connection.peering_seoul in us-east-1; it stays pending",
    ]);
    expect(reasonsOf(report, "seoul", "route back")).toEqual([
      "aws_route.peering_seoul_return_10_0_0_0_16 goes through aws_vpc_peering_connection_accepter.peering_seoul, which is not in this stack",
    ]);
  });

  test("a route to a peering of another consumer: route there names that peering and what it joins", () => {
    const report = verifyJson(
      broken(hub, (json) => {
        json.resource.aws_route[
          "peering_seoul-batch_outbound_rtb-0aaaaaaaaaaaaaaa1"
        ].vpc_peering_connection_id =
          "${aws_vpc_peering_connection_accepter.peering_seoul.id}";
      }),
    );
    expect(failedChecks(report)).toEqual(["seoul-batch: route there"]);
    expect(reasonsOf(report, "seoul-batch", "route there")).toEqual([
      `aws_route.peering_seoul-batch_outbound_rtb-0aaaaaaaaaaaaaaa1 goes through aws_vpc_peering_connection.peering_seoul, which joins ${SEOUL_VPC} and aws_vpc.endpoint_vpc, instead of a peering joining ${BATCH_VPC} and aws_vpc.endpoint_vpc`,
    ]);
  });

  test("a return route through another consumer's peering fails route back", () => {
    const report = verifyJson(
      broken(hub, (json) => {
        json.resource.aws_route.peering_frankfurt_return_10_2_0_0_16.vpc_peering_connection_id =
          "${aws_vpc_peering_connection_accepter.peering_seoul.id}";
      }),
    );
    expect(failedChecks(report)).toEqual(["frankfurt: route back"]);
    expect(reasonsOf(report, "frankfurt", "route back")[0]).toContain(
      "goes through aws_vpc_peering_connection.peering_seoul",
    );
  });

  test("a zone aliasing an endpoint the consumer cannot reach: name names the endpoint and its VPC", () => {
    // seoul-batch gets zones of its own whose records alias an endpoint in a
    // VPC it is not peered with; the others keep the shared zones.
    const report = verifyJson(
      broken(hub, (json) => {
        const r = json.resource;
        r.aws_vpc.elsewhere = {
          provider: "aws.us_east_1",
          cidr_block: "10.200.0.0/24",
        };
        r.aws_vpc_endpoint.elsewhere = {
          ...r.aws_vpc_endpoint.endpoint,
          vpc_id: "${aws_vpc.elsewhere.id}",
          subnet_ids: [],
        };
        for (const [name, zone] of Object.entries(r.aws_route53_zone)) {
          zone.vpc = zone.vpc.filter(
            (v: { vpc_id: string }) => v.vpc_id !== BATCH_VPC,
          );
          r.aws_route53_zone[`batch_${name}`] = {
            ...zone,
            vpc: [{ vpc_id: BATCH_VPC, vpc_region: "ap-northeast-2" }],
          };
        }
        for (const [name, record] of Object.entries(r.aws_route53_record)) {
          r.aws_route53_record[`batch_${name}`] = {
            ...record,
            zone_id: record.zone_id.replace(
              "aws_route53_zone.",
              "aws_route53_zone.batch_",
            ),
            alias: {
              ...record.alias,
              name: "${aws_vpc_endpoint.elsewhere.dns_entry[0].dns_name}",
            },
          };
        }
      }),
    );
    expect(failedChecks(report)).toEqual(["seoul-batch: name"]);
    expect(reasonsOf(report, "seoul-batch", "name")).toContain(
      `internal-api.example.com: aws_route53_record.batch_zone_internal-api_example_com_apex points at aws_vpc_endpoint.elsewhere in aws_vpc.elsewhere, which ${BATCH_VPC} (seoul-batch) cannot reach: that VPC is neither its own nor peered with it`,
    );
  });

  test("a route made before the peering is accepted fails; depends_on the accepter makes it right", () => {
    const early = broken(seoulOnly, (json) => {
      json.resource.aws_route[
        "peering_seoul_outbound_rtb-0a1b2c3d4e5f60718"
      ].vpc_peering_connection_id =
        "${aws_vpc_peering_connection.peering_seoul.id}";
    });
    const report = verifyJson(early);
    expect(failedChecks(report)).toEqual(["seoul: route there"]);
    expect(reasonsOf(report, "seoul", "route there")[0]).toMatch(
      /^aws_route\.peering_seoul_outbound_rtb-0a1b2c3d4e5f60718 is made before aws_vpc_peering_connection\.peering_seoul is accepted/,
    );
    const waiting = broken(JSON.stringify(early), (json) => {
      json.resource.aws_route[
        "peering_seoul_outbound_rtb-0a1b2c3d4e5f60718"
      ].depends_on = ["aws_vpc_peering_connection_accepter.peering_seoul"];
    });
    expect(failedChecks(verifyJson(waiting))).toEqual([]);
  });

  test("an accepter in the requester's region, or without auto_accept, fails placement", () => {
    const report = verifyJson(
      broken(seoulOnly, (json) => {
        const accepter =
          json.resource.aws_vpc_peering_connection_accepter.peering_seoul;
        accepter.provider = "aws.ap_northeast_2";
        delete accepter.auto_accept;
      }),
    );
    expect(failedChecks(report)).toEqual(["seoul: placement"]);
    expect(reasonsOf(report, "seoul", "placement")).toEqual([
      "aws_vpc_peering_connection_accepter.peering_seoul accepts aws_vpc_peering_connection.peering_seoul with aws.ap_northeast_2 (ap-northeast-2), not in the peer region us-east-1",
      "aws_vpc_peering_connection_accepter.peering_seoul does not set auto_accept = true: aws_vpc_peering_connection.peering_seoul stays pending",
    ]);
  });

  test("two endpoint subnets in one AZ fail placement", () => {
    const report = verifyJson(
      broken(seoulOnly, (json) => {
        json.resource.aws_subnet["endpoint_vpc_use1-az2"].availability_zone_id =
          "use1-az1";
      }),
    );
    expect(failedChecks(report)).toEqual(["seoul: placement"]);
    expect(reasonsOf(report, "seoul", "placement")).toEqual([
      "aws_vpc_endpoint.endpoint has aws_subnet.endpoint_vpc_use1-az1 and aws_subnet.endpoint_vpc_use1-az2 in the same AZ use1-az1; an endpoint takes one subnet per AZ",
    ]);
  });

  test("an endpoint of another service name fails every consumer, naming the endpoint and its service", () => {
    const report = verifyJson(
      broken(seoulOnly, (json) => {
        json.resource.aws_vpc_endpoint.endpoint.service_name =
          "com.amazonaws.vpce.us-east-1.vpce-svc-0ffffffffffffffff";
      }),
    );
    expect(failedChecks(report)).toEqual([
      "seoul: name",
      "seoul: route there",
      "seoul: route back",
      "seoul: admission",
      "seoul: placement",
    ]);
    expect(reasonsOf(report, "seoul", "placement")).toEqual([
      "missing aws_vpc_endpoint: none for com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 sits in an aws_vpc of this stack (aws_vpc_endpoint.endpoint is for com.amazonaws.vpce.us-east-1.vpce-svc-0ffffffffffffffff)",
    ]);
  });

  test("a missing topology output is a failure of the stack", () => {
    const report = verifyJson(
      broken(seoulOnly, (json) => {
        delete json.output?.topology;
      }),
    );
    expect(report.problems).toEqual([
      expect.stringMatching(/^no "topology" output/),
    ]);
    expect(textReport(report)).toMatch(/^internal-api: ✗ cannot be verified/);
  });
});

describe("native consumers beside peering ones", () => {
  test("a native consumer added to a peering stack: both pass, each judged its own way", () => {
    const json = broken(seoulOnly, (json) => {
      json.provider?.aws?.push({
        alias: "ap_northeast_1",
        region: "ap-northeast-1",
      });
      json.output!.topology.value.consumers.tokyo = nativeTopologyEntry(TOKYO);
      addNativeConsumer(json, TOKYO, ["internal-api.example.com"]);
    });
    const report = verifyJson(json);
    expect(failedChecks(report)).toEqual([]);
    expect(
      report.consumers.map((c) => [
        c.consumer.name,
        c.checks["route back"].status,
      ]),
    ).toEqual([
      ["seoul", "pass"],
      ["tokyo", "n/a"],
    ]);
  });

  test("the peering consumer cannot use the native consumer's endpoint", () => {
    const json = broken(seoulOnly, (json) => {
      json.provider?.aws?.push({
        alias: "ap_northeast_1",
        region: "ap-northeast-1",
      });
      json.output!.topology.value.consumers.tokyo = nativeTopologyEntry(TOKYO);
      addNativeConsumer(json, TOKYO, ["internal-api.example.com"]);
      json.resource.aws_route53_record[
        "zone_internal-api_example_com_apex"
      ].alias.name = "${aws_vpc_endpoint.native_tokyo.dns_entry[0].dns_name}";
    });
    expect(failedChecks(verifyJson(json))).toEqual(["seoul: name"]);
  });
});
