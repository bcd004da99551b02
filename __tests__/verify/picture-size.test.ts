/**
 * Pictures at any size, in two parts that share one synth of the large
 * config (420 consumers).
 *
 * Within Mermaid's limits: every flowchart stays within Mermaid's default
 * limits (500 edges, 50,000 characters), or GitHub shows "Edge limit
 * exceeded" or "Maximum text size in diagram exceeded" instead of a
 * picture. Past them, passing consumers are grouped; failing ones are drawn
 * on their own, as many as fit.
 *
 * Rendered: the flowchart of each topology.md, for a small config and a
 * large one, passing and failing, goes through the real Mermaid library
 * (node_modules) in a real browser (Debian's Chromium, headless) with
 * Mermaid's default limits, and comes back as an SVG with every edge drawn,
 * not as an error. Negative controls show the harness sees Mermaid's
 * errors: past the edge limit, past the text limit, a syntax error.
 *
 * Without Chromium the rendering part is skipped with a message, except in
 * CI and under PRIVATELINK_REQUIRE_CHROMIUM=1 (.ci/run), where it fails.
 * Outside those, a warm run on the same pictures takes the browser's result
 * from a cache keyed by everything it depends on (test-support/browser.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateConfig } from "../../bench/generate";
import {
  MERMAID_LIMITS,
  mermaidOf,
  topologyMarkdown,
} from "../../src/verify/report/picture";
import {
  BrowserRun,
  Rendering,
  chromiumRequired,
  chromiumVersion,
  renderCacheEnabled,
  renderInChromium,
  renderKey,
} from "../../test-support/browser";
import {
  ROOT,
  defaultRawConfig,
  synth,
  synthAll,
} from "../../test-support/fixtures";
import { fleet } from "../../test-support/fleet";
import {
  broken,
  failedChecks,
  flowchartShape,
  mermaidBlock,
  verifyJson,
} from "../../test-support/verify";

/** The large config: drawn whole it passes both limits. */
const LARGE = fleet(120, 300);

function within(mermaid: string) {
  const edges = flowchartShape(mermaid).edges.length;
  expect(edges).toBeLessThanOrEqual(MERMAID_LIMITS.edges);
  expect(mermaid.length).toBeLessThanOrEqual(MERMAID_LIMITS.text);
  return edges;
}

describe("within Mermaid's limits", () => {
  const big = synth(LARGE);

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

const version = chromiumVersion();
const mermaidVersion = JSON.parse(
  readFileSync(join(ROOT, "node_modules/mermaid/package.json"), "utf8"),
).version;

/** What keeps a rendering from being a picture, if anything. */
function problem(rendering: Rendering): string | undefined {
  if (!rendering.svg) return rendering.error;
  // Past maxTextSize Mermaid draws this message instead of the diagram.
  if (rendering.text.includes("Maximum text size in diagram exceeded"))
    return "Maximum text size in diagram exceeded";
  if (/Syntax error in text/.test(rendering.text)) return rendering.text;
  return undefined;
}

/** The flowchart exactly as topology.md holds it. */
const pictureOf = (json: Parameters<typeof verifyJson>[0]) =>
  mermaidBlock(topologyMarkdown(verifyJson(json)));

/** `n` edges in a chain: past maxEdges when n > 500. */
const chain = (n: number) =>
  [
    "flowchart LR",
    ...Array.from({ length: n }, (_, i) => `  n${i} --> n${i + 1}`),
  ].join("\n");

if (!version && !chromiumRequired()) {
  console.warn(
    "picture-size.test.ts: rendering skipped, chromium is not installed (apt-get install chromium; .ci/run installs it)",
  );
}

const suite = version || chromiumRequired() ? describe : describe.skip;

suite(`Mermaid ${mermaidVersion} in ${version ?? "Chromium"}`, () => {
  const pictures: Record<string, string> = {};
  const controls: Record<string, string> = {};
  let browser: BrowserRun;

  beforeAll(async () => {
    if (!version)
      throw new Error(
        "chromium is not installed, and CI or PRIVATELINK_REQUIRE_CHROMIUM=1 requires it: apt-get install chromium (.ci/run does)",
      );
    const large = synth(LARGE);
    pictures["the default config"] = pictureOf(synth(defaultRawConfig()));
    pictures["120 peered and 300 native consumers"] = pictureOf(large);
    pictures["the same with a failing consumer"] = pictureOf(
      broken(large, (j) => {
        for (const name of Object.keys(j.resource.aws_route))
          if (name.startsWith("peering_peer-007_outbound"))
            delete j.resource.aws_route[name];
      }),
    );
    pictures["the same with every peering unaccepted"] = pictureOf(
      broken(large, (j) => {
        delete j.resource.aws_vpc_peering_connection_accepter;
      }),
    );
    controls.edges = chain(600);
    controls.text = mermaidOf(verifyJson(large), {
      edges: Infinity,
      text: Infinity,
    });
    controls.syntax = "flowchart LR\n  a --> --> b";
    browser = await renderInChromium({ ...pictures, ...controls }, 150_000);
    const count = Object.keys(browser.renderings).length;
    console.log(
      browser.cached
        ? `${version}, Mermaid ${mermaidVersion}: ${count} diagrams, the result of an earlier browser run on identical input (PRIVATELINK_RENDER_CACHE=0 renders again)`
        : `${version}, Mermaid ${mermaidVersion}: ${count} diagrams rendered in one browser run of ${browser.ms} ms`,
    );
  }, 180_000);

  test("the page runs Mermaid with its default limits, the ones the picture keeps within", () => {
    expect(browser.config).toEqual({
      maxEdges: MERMAID_LIMITS.edges,
      maxTextSize: MERMAID_LIMITS.text,
    });
  });

  test.each([
    "the default config",
    "120 peered and 300 native consumers",
    "the same with a failing consumer",
    "the same with every peering unaccepted",
  ])("the picture of %s renders, every edge drawn", (name) => {
    const rendering = browser.renderings[name];
    expect(problem(rendering)).toBeUndefined();
    if (!rendering.svg) return;
    expect(rendering.edges).toBe(flowchartShape(pictures[name]).edges.length);
    expect(rendering.nodes).toBeGreaterThan(0);
  });

  test("the large picture shows its groups and the failing consumer by name", () => {
    const grouped = browser.renderings["120 peered and 300 native consumers"];
    const failing = browser.renderings["the same with a failing consumer"];
    expect(grouped.svg && grouped.text).toContain(
      "40 peered consumers · ap-northeast-1",
    );
    expect(failing.svg && failing.text).toContain(
      "consumer peer-007 · eu-west-1",
    );
  });

  test("the harness sees Mermaid's errors: past maxEdges", () => {
    expect(problem(browser.renderings.edges)).toMatch(
      /^Edge limit exceeded\. \d+ edges found, but the limit is 500\./,
    );
  });

  test("the harness sees Mermaid's errors: every consumer of the large config drawn on its own passes maxTextSize", () => {
    expect(controls.text.length).toBeGreaterThan(MERMAID_LIMITS.text);
    expect(problem(browser.renderings.text)).toBe(
      "Maximum text size in diagram exceeded",
    );
  });

  test("a cached result stands only for identical input: any change to a diagram or to Chromium is another key", () => {
    const key = renderKey(pictures, version);
    expect(renderKey({ ...pictures }, version)).toBe(key);
    const [name, text] = Object.entries(pictures)[1];
    expect(renderKey({ ...pictures, [name]: `${text} ` }, version)).not.toBe(
      key,
    );
    expect(renderKey(pictures, `${version}.1`)).not.toBe(key);
    // CI renders every time.
    expect(renderCacheEnabled({ CI: "true" })).toBe(false);
    expect(renderCacheEnabled({ PRIVATELINK_REQUIRE_CHROMIUM: "1" })).toBe(
      false,
    );
    expect(renderCacheEnabled({ PRIVATELINK_RENDER_CACHE: "0" })).toBe(false);
    expect(renderCacheEnabled({})).toBe(true);
  });

  test("the harness sees Mermaid's errors: a syntax error", () => {
    expect(problem(browser.renderings.syntax)).toMatch(
      /^Parse error on line 2/,
    );
  });
});
