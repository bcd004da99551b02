/**
 * The pictures `npm run verify` writes render: the flowchart of each
 * topology.md, for a small config and a large one, passing and failing,
 * goes through the real Mermaid library (node_modules) in a real browser
 * (Debian's Chromium, headless) with Mermaid's default limits, and comes
 * back as an SVG with every edge drawn, not as an error. Negative controls
 * show the harness sees Mermaid's errors: past the edge limit, past the text
 * limit, a syntax error.
 *
 * Without Chromium the suite is skipped with a message, except in CI and
 * under PRIVATELINK_REQUIRE_CHROMIUM=1 (.ci/run), where it fails. Outside
 * those, a warm run on the same pictures takes the browser's result from a
 * cache keyed by everything it depends on (test-support/browser.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
import { ROOT, defaultRawConfig, synth } from "../../test-support/fixtures";
import { fleet } from "../../test-support/fleet";
import {
  broken,
  flowchartShape,
  mermaidBlock,
  verifyJson,
} from "../../test-support/verify";

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
    "render.test.ts skipped: chromium is not installed (apt-get install chromium; .ci/run installs it)",
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
    const large = synth(fleet(120, 300));
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
