/**
 * The synth path's shortcuts (see README "Performance") change nothing that
 * is synthesized.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { buildStacks, synthesize } from "../src/app";
import {
  hubAndSpokeService,
  rawConfig,
  rawService,
  readTree,
  validConfig,
} from "../test-support/fixtures";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle, STUBS } = require("../scripts/bundle");

const twoServices = () =>
  validConfig(
    rawConfig(
      hubAndSpokeService(),
      rawService({
        name: "billing",
        dnsNames: [],
        endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
      }),
    ),
  );

test("skipping cdktf's prepare pass writes the same files as running it", () => {
  const dir = mkdtempSync(join(tmpdir(), "privatelink-"));
  synthesize(twoServices(), join(dir, "ours"));

  const app = new App({ outdir: join(dir, "full"), stackTraces: false });
  for (const stack of buildStacks(app, twoServices()))
    stack.prepareStack = TerraformStack.prototype.prepareStack;
  app.synth();

  const ours = readTree(join(dir, "ours"));
  expect(Object.keys(ours)).toHaveLength(3);
  expect(ours).toEqual(readTree(join(dir, "full")));
});

describe("the synth bundle", () => {
  let inputs: string[];
  beforeAll(async () => {
    const result = await bundle("main.ts", { write: false, metafile: true });
    inputs = Object.keys(result.metafile.inputs);
  });

  test("leaves out archiver and its dependencies, for a stub", () => {
    expect(
      inputs.filter((path) => /node_modules\/archiver/.test(path)),
    ).toEqual([]);
    expect(inputs).toContain("scripts/stubs/archiver.js");
  });

  test("replaces cdktf's token stack traces with a stub", () => {
    expect(inputs).not.toContain(
      "node_modules/cdktf/lib/tokens/private/stack-trace.js",
    );
    expect(inputs).toContain("scripts/stubs/stack-trace.js");
    // constructs' own stack traces (off through App({ stackTraces: false })) stay.
    expect(inputs).toContain(
      "node_modules/constructs/lib/private/stack-trace.js",
    );
  });
});

test("the archiver stub fails loudly if anything ever archives", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const archiver = require(STUBS.archiver);
  expect(() => archiver("zip")).toThrow(/stubbed out of the synth bundle/);
});

test("the stack-trace stub records no frames", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(require(STUBS.stackTrace).captureStackTrace()).toEqual([]);
});
