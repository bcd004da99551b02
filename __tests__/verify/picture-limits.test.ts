/**
 * Pictures that Mermaid renders at any size: every flowchart stays within
 * Mermaid's default limits (500 edges, 50,000 characters), or GitHub shows
 * "Edge limit exceeded" or "Maximum text size in diagram exceeded" instead
 * of a picture. Past them, passing consumers are grouped; failing ones are
 * drawn on their own, as many as fit.
 */
import { generateConfig } from "../../bench/generate";
import { MERMAID_LIMITS, mermaidOf } from "../../src/verify/report/picture";
import { synthAll } from "../../test-support/fixtures";
import { fleet } from "../../test-support/fleet";
import {
  broken,
  failedChecks,
  flowchartShape,
  verifyJson,
} from "../../test-support/verify";

function within(mermaid: string) {
  const edges = flowchartShape(mermaid).edges.length;
  expect(edges).toBeLessThanOrEqual(MERMAID_LIMITS.edges);
  expect(mermaid.length).toBeLessThanOrEqual(MERMAID_LIMITS.text);
  return edges;
}

describe("within Mermaid's limits", () => {
  const big = Object.values(synthAll(fleet(120, 300)))[0];

  test("a small stack is drawn whole: every consumer on its own", () => {
    const report = verifyJson(Object.values(synthAll(fleet(2, 2)))[0]);
    const mermaid = mermaidOf(report);
    within(mermaid);
    for (const c of report.consumers)
      expect(mermaid).toContain(`consumer ${c.consumer.name} · `);
    expect(mermaid).not.toMatch(/consumers · /);
  });

  test("a stack of the bench's 10 services × 100 consumers fits whole", () => {
    const stacks = synthAll(
      generateConfig({ services: 1, consumersPerService: 100 }),
    );
    for (const text of Object.values(stacks))
      within(mermaidOf(verifyJson(text)));
  });

  test("120 peered and 300 native consumers: grouped by region and connectivity, within the limits", () => {
    const report = verifyJson(big);
    expect(failedChecks(report)).toEqual([]);
    const mermaid = mermaidOf(report);
    within(mermaid);
    expect(mermaid).toContain("40 peered consumers · ap-northeast-1");
    expect(mermaid).toContain("75 native consumers · us-east-1");
    expect(mermaid).not.toContain("consumer peer-000 · ");
    // Drawing each would not have fitted.
    expect(
      mermaidOf(report, { edges: Infinity, text: Infinity }).length,
    ).toBeGreaterThan(MERMAID_LIMITS.text);
  });

  test("a failing consumer is always drawn on its own, in red", () => {
    const json = broken(big, (j) => {
      for (const name of Object.keys(j.resource.aws_route))
        if (name.startsWith("peering_peer-007_outbound"))
          delete j.resource.aws_route[name];
    });
    const report = verifyJson(json);
    expect(failedChecks(report)).toEqual(["peer-007: route there"]);
    const mermaid = mermaidOf(report);
    within(mermaid);
    expect(mermaid).toContain("consumer peer-007 · eu-west-1");
    expect(mermaid).toContain("39 peered consumers · eu-west-1");
    const shape = flowchartShape(mermaid);
    expect(shape.redEdges.size + shape.redIds.size).toBeGreaterThan(0);
  });

  test("when even the failing ones do not fit, the rest are counted in one red node", () => {
    // Every peering of the stack unaccepted: 120 consumers fail.
    const json = broken(big, (j) => {
      delete j.resource.aws_vpc_peering_connection_accepter;
    });
    const report = verifyJson(json);
    const failing = report.consumers.filter((c) =>
      Object.values(c.checks).some((v) => v.status === "fail"),
    ).length;
    expect(failing).toBeGreaterThanOrEqual(120);
    const small = { edges: 150, text: 30_000 };
    const mermaid = mermaidOf(report, small);
    expect(flowchartShape(mermaid).edges.length).toBeLessThanOrEqual(150);
    expect(mermaid.length).toBeLessThanOrEqual(30_000);
    const hidden = /(\d+) more consumers fail a check/.exec(mermaid);
    expect(hidden).not.toBeNull();
    const drawn = (mermaid.match(/subgraph consumer\d+/g) ?? []).length;
    expect(drawn + Number(hidden![1])).toBe(failing);
    expect(drawn).toBeGreaterThan(0);
  });
});
