/**
 * The verifier on hand-made JSON (no cdktf in this file): native consumers
 * (issue 4: an interface endpoint in the consumer's own VPC, reaching the
 * service's region through `service_region`) in the shape the generator is
 * to write; an invalid or empty topology output; and the module boundary.
 */
import { mermaidOf } from "../../src/verify/report/picture";
import { textReport } from "../../src/verify/report/table";
import { nativeOnlyStack } from "../../test-support/native-fixture";
import {
  ancestors,
  broken,
  failedChecks,
  flowchartShape,
  reasonsOf,
  verifyJson,
} from "../../test-support/verify";

const nativeOnly = JSON.stringify(nativeOnlyStack());

describe("a native-only service", () => {
  test("passes: each consumer's own endpoint, group and zones; no route columns", () => {
    const report = verifyJson(nativeOnly);
    expect(failedChecks(report)).toEqual([]);
    for (const consumer of report.consumers) {
      expect(consumer.checks["route there"].status).toBe("n/a");
      expect(consumer.checks["route back"].status).toBe("n/a");
      expect(consumer.checks.placement.status).toBe("pass");
    }
    expect(textReport(report)).toContain(
      "tokyo     ap-northeast-1  native        ✓     n/a          n/a         ✓          ✓",
    );
  });

  test("fails placement when a cross-region endpoint has no service_region", () => {
    const report = verifyJson(
      broken(nativeOnly, (json) => {
        delete json.resource.aws_vpc_endpoint.native_tokyo.service_region;
      }),
    );
    expect(failedChecks(report)).toEqual(["tokyo: placement"]);
    expect(reasonsOf(report, "tokyo", "placement")).toEqual([
      "aws_vpc_endpoint.native_tokyo has no service_region, so it looks for com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 in ap-northeast-1; the service is in us-east-1",
    ]);
  });

  test("fails placement when the endpoint is made in another region or in the wrong subnets", () => {
    const report = verifyJson(
      broken(nativeOnly, (json) => {
        const endpoint = json.resource.aws_vpc_endpoint.native_virginia;
        endpoint.provider = "aws.ap_northeast_1";
        endpoint.subnet_ids = ["subnet-0eeeeeeeeeeeeeee1"];
      }),
    );
    expect(failedChecks(report)).toEqual(["virginia: placement"]);
    expect(reasonsOf(report, "virginia", "placement")).toEqual([
      "aws_vpc_endpoint.native_virginia has no service_region, so it looks for com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 in ap-northeast-1; the service is in us-east-1",
      "aws_vpc_endpoint.native_virginia is made with aws.ap_northeast_1 (ap-northeast-1), but vpc-0ddddddddddddddd4 is in us-east-1",
      "aws_vpc_endpoint.native_virginia is not in subnet-0ddddddddddddddd1, a declared subnet of virginia",
      "aws_vpc_endpoint.native_virginia lists subnet-0eeeeeeeeeeeeeee1, not a declared subnet of virginia",
    ]);
  });

  test("fails admission when the group does not admit a consumer CIDR on a port", () => {
    const report = verifyJson(
      broken(nativeOnly, (json) => {
        delete json.resource.aws_vpc_security_group_ingress_rule[
          "native_virginia_10_5_0_0_16_tcp_8000-8010"
        ];
      }),
    );
    expect(failedChecks(report)).toEqual(["virginia: admission"]);
    expect(reasonsOf(report, "virginia", "admission")).toEqual([
      "missing aws_vpc_security_group_ingress_rule: aws_security_group.native_virginia (on aws_vpc_endpoint.native_virginia) admits no tcp/8000-8010 from 10.5.0.0/16",
    ]);
  });

  test("admission accepts a wider CIDR, several rules covering a range, and all protocols", () => {
    const report = verifyJson(
      broken(nativeOnly, (json) => {
        const rules = json.resource.aws_vpc_security_group_ingress_rule;
        delete rules["native_virginia_10_4_0_0_16_tcp_443-443"];
        delete rules["native_virginia_10_4_0_0_16_tcp_8000-8010"];
        delete rules["native_virginia_10_5_0_0_16_tcp_443-443"];
        delete rules["native_virginia_10_5_0_0_16_tcp_8000-8010"];
        const group = "${aws_security_group.native_virginia.id}";
        rules.wide_low = {
          security_group_id: group,
          cidr_ipv4: "10.4.0.0/15",
          ip_protocol: "tcp",
          from_port: 443,
          to_port: 8004,
        };
        rules.wide_high = {
          security_group_id: group,
          cidr_ipv4: "10.4.0.0/15",
          ip_protocol: "6",
          from_port: 8005,
          to_port: 8010,
        };
      }),
    );
    expect(failedChecks(report)).toEqual([]);
    const allProtocols = verifyJson(
      broken(nativeOnly, (json) => {
        const rules = json.resource.aws_vpc_security_group_ingress_rule;
        for (const name of Object.keys(rules))
          if (name.startsWith("native_tokyo")) delete rules[name];
        rules.any = {
          security_group_id: "${aws_security_group.native_tokyo.id}",
          cidr_ipv4: "10.0.0.0/8",
          ip_protocol: "-1",
        };
      }),
    );
    expect(failedChecks(allProtocols)).toEqual([]);
  });

  test("fails name when a consumer's zone aliases another consumer's endpoint", () => {
    const report = verifyJson(
      broken(nativeOnly, (json) => {
        json.resource.aws_route53_record[
          "native_tokyo_internal-api_example_com_internal-api_example_com"
        ].alias.name =
          "${aws_vpc_endpoint.native_virginia.dns_entry[0].dns_name}";
      }),
    );
    expect(failedChecks(report)).toEqual(["tokyo: name"]);
    expect(reasonsOf(report, "tokyo", "name")).toEqual([
      "internal-api.example.com: aws_route53_record.native_tokyo_internal-api_example_com_internal-api_example_com points at aws_vpc_endpoint.native_virginia in vpc-0ddddddddddddddd4, which vpc-0ccccccccccccccc3 (tokyo) cannot reach: that VPC is neither its own nor peered with it",
    ]);
  });

  test("fails when the consumer has no endpoint in its VPC at all", () => {
    const report = verifyJson(
      broken(nativeOnly, (json) => {
        delete json.resource.aws_vpc_endpoint.native_tokyo;
      }),
    );
    expect(failedChecks(report)).toEqual([
      "tokyo: name",
      "tokyo: admission",
      "tokyo: placement",
    ]);
    expect(reasonsOf(report, "tokyo", "placement")).toEqual([
      "missing aws_vpc_endpoint: none for com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 has vpc_id vpc-0ccccccccccccccc3 (tokyo's VPC)",
    ]);
  });

  test("the picture puts each native endpoint inside its consumer's VPC, in its region", () => {
    const shape = flowchartShape(mermaidOf(verifyJson(nativeOnly)));
    const [tokyoEndpoint] = [...shape.nodes].find(([, node]) =>
      node.label.includes("aws_vpc_endpoint.native_tokyo"),
    ) ?? [""];
    const titles = ancestors(shape, tokyoEndpoint).map(
      (id) => shape.subgraphs.get(id)?.title,
    );
    expect(titles).toEqual([
      "consumer tokyo · ap-northeast-1",
      "ap-northeast-1",
    ]);
    expect(
      shape.edges.filter((e) => e.label.startsWith("cross-region")).length,
    ).toBe(1);
  });
});

describe("the findings the picture draws from", () => {
  test("each consumer's endpoints and the zones it resolves with", () => {
    const report = verifyJson(nativeOnly);
    const tokyo = report.consumers.find((c) => c.consumer.name === "tokyo");
    expect(tokyo?.endpoints.map((e) => e.address)).toEqual([
      "aws_vpc_endpoint.native_tokyo",
    ]);
    expect(tokyo?.peerings).toEqual([]);
    expect(tokyo?.visibleZones.map((z) => z.name).sort()).toEqual([
      "data.example.com",
      "internal-api.example.com",
    ]);
    expect(tokyo?.unseenZones).toEqual([]);
  });

  test("a zone no longer associated with the consumer is unseen, and drawn as the reason name fails", () => {
    const report = verifyJson(
      broken(nativeOnly, (json) => {
        const zone = json.resource.aws_route53_zone[
          "native_tokyo_internal-api_example_com"
        ] as { vpc: { vpc_id: string }[] };
        zone.vpc[0].vpc_id = "vpc-0elsewhere";
      }),
    );
    const tokyo = report.consumers.find((c) => c.consumer.name === "tokyo");
    expect(tokyo?.checks.name.status).toBe("fail");
    expect(tokyo?.visibleZones.map((z) => z.name)).toEqual([
      "data.example.com",
    ]);
    expect(tokyo?.unseenZones.map((z) => z.address).sort()).toEqual([
      "aws_route53_zone.native_tokyo_internal-api_example_com",
      "aws_route53_zone.native_virginia_internal-api_example_com",
    ]);
    const shape = flowchartShape(mermaidOf(report));
    expect(
      shape.edges.filter((e) => e.label === "✗ not associated").length,
    ).toBe(2);
  });
});

describe("the topology output", () => {
  test("an invalid topology names the field and is a failure of the stack", () => {
    const report = verifyJson(
      broken(nativeOnly, (json) => {
        const consumers = json.output?.topology.value.consumers;
        consumers.tokyo.connectivity = "vpn";
        delete consumers.virginia.cidrs;
      }),
    );
    expect(report.consumers).toEqual([]);
    expect(report.problems).toEqual([
      'invalid topology output: topology.consumers.tokyo.connectivity: expected connectivity "peering" or "native"',
      "invalid topology output: topology.consumers.virginia.cidrs: Invalid input: expected array, received undefined",
    ]);
  });

  test("a topology without consumers is a failure of the stack", () => {
    const report = verifyJson(
      broken(nativeOnly, (json) => {
        json.output!.topology.value.consumers = {};
      }),
    );
    expect(report.problems).toEqual([
      "the topology output declares no consumers: there is no path to verify",
    ]);
  });
});
