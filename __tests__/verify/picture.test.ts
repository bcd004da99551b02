/**
 * The picture `npm run verify` writes (topology.md) for synthesized stacks:
 * regions, VPCs, subnets by AZ ID, the endpoint and its service, zones and
 * peerings, with whatever fails drawn in red; stable text for the same JSON.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mermaidOf, topologyMarkdown } from "../../src/verify/report/picture";
import {
  ROOT,
  defaultRawConfig,
  hubAndSpokeService,
  rawConfig,
  synth,
} from "../../test-support/fixtures";
import {
  ancestors,
  broken,
  flowchartShape,
  mermaidBlock,
  verifyJson,
} from "../../test-support/verify";

// Synthesized once; every fault is made on a parsed copy.
let seoulOnly: string;
let hub: string;

beforeAll(() => {
  seoulOnly = synth(defaultRawConfig());
  hub = synth(rawConfig(hubAndSpokeService()));
});

const BATCH_VPC = "vpc-0aaaaaaaaaaaaaaa1";

describe("the picture", () => {
  test("shows every consumer VPC inside its region, with its name and CIDRs", () => {
    const shape = flowchartShape(mermaidOf(verifyJson(hub)));
    const regionTitles = [...shape.subgraphs.values()]
      .filter((s) => s.parent === undefined)
      .map((s) => s.title);
    expect(regionTitles).toEqual([
      "us-east-1 (service region)",
      "ap-northeast-2",
      "eu-central-1",
    ]);
    const consumers = [
      ["seoul", "ap-northeast-2", "10.0.0.0/16"],
      ["seoul-batch", "ap-northeast-2", "10.1.0.0/16"],
      ["frankfurt", "eu-central-1", "10.2.0.0/16, 100.64.0.0/20"],
    ];
    for (const [name, region, cidrs] of consumers) {
      const [id] = [...shape.subgraphs].find(
        ([, s]) => s.title === `consumer ${name} · ${region}`,
      ) ?? [""];
      expect(id).not.toBe("");
      expect(shape.subgraphs.get(ancestors(shape, id)[0])?.title).toMatch(
        new RegExp(`^${region}`),
      );
      const clients = [...shape.nodes].find(([, n]) => n.parent === id);
      expect(clients?.[1].label).toContain(cidrs);
    }
  });

  test("shows the endpoint VPC's subnets by AZ ID, the endpoint, the service, the zones and the peerings", () => {
    const shape = flowchartShape(mermaidOf(verifyJson(hub)));
    const labels = [...shape.nodes.values()].map((n) => n.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        "subnet use1-az1<br/>10.100.0.0/27",
        "subnet use1-az2<br/>10.100.0.32/27",
        "endpoint service<br/>com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        "private zone data.example.com<br/>*.data.example.com",
        "private zone internal-api.example.com<br/>internal-api.example.com",
      ]),
    );
    expect(
      shape.edges.filter((e) => /^peering_/.test(e.label)).map((e) => e.label),
    ).toEqual([
      "peering_frankfurt · tcp/443, tcp/8000-8010",
      "peering_seoul · tcp/443, tcp/8000-8010",
      "peering_seoul-batch · tcp/443, tcp/8000-8010",
    ]);
    expect(shape.redEdges.size + shape.redIds.size).toBe(0);
  });

  test("draws a failing consumer and its failing links in red, and nothing else", () => {
    const report = verifyJson(
      broken(hub, (json) => {
        delete json.resource.aws_route.peering_frankfurt_return_100_64_0_0_20;
        const zone = json.resource.aws_route53_zone.zone_data_example_com;
        zone.vpc = zone.vpc.filter(
          (v: { vpc_id: string }) => v.vpc_id !== BATCH_VPC,
        );
      }),
    );
    const shape = flowchartShape(mermaidOf(report));
    const red = [...shape.redEdges].map((i) => shape.edges[i].label);
    expect(red).toEqual([
      "peering_frankfurt · tcp/443, tcp/8000-8010 · ✗ route back",
      "resolves",
      "✗ not associated",
    ]);
    const redTitles = [...shape.redIds]
      .map((id) => shape.subgraphs.get(id)?.title)
      .filter(Boolean);
    expect(redTitles.sort()).toEqual([
      "consumer frankfurt · eu-central-1",
      "consumer seoul-batch · ap-northeast-2",
    ]);
  });

  test("topology.md is a heading, the mermaid block and the check table; the same JSON gives the same text", () => {
    const markdown = topologyMarkdown(verifyJson(hub));
    expect(markdown).toMatch(/^# internal-api: reachability of /);
    expect(mermaidBlock(markdown)).toBe(mermaidOf(verifyJson(hub)));
    expect(markdown).toContain(
      "| seoul-batch | ap-northeast-2 | peering | ✓ | ✓ | ✓ | ✓ | ✓ |",
    );
    // Key order of the JSON does not matter either.
    const reordered = JSON.parse(hub);
    for (const type of Object.keys(reordered.resource))
      reordered.resource[type] = Object.fromEntries(
        Object.entries(reordered.resource[type]).reverse(),
      );
    expect(topologyMarkdown(verifyJson(reordered))).toBe(markdown);
  });

  test("docs/verify.md shows the default config's picture as npm run verify draws it", () => {
    const page = readFileSync(join(ROOT, "docs", "verify.md"), "utf8");
    expect(mermaidBlock(page)).toBe(mermaidOf(verifyJson(seoulOnly)));
  });
});
