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
