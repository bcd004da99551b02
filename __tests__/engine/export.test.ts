/**
 * The plain-Terraform export (`npm run export`) is what Terraform Cloud
 * teams apply: it goes through the same init, validate and plan as the
 * JSON, and plans exactly the JSON's resource addresses.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportSynthesized } from "../../src/export/export";
import {
  initAndValidate,
  plannedChanges,
  runTofu,
} from "../../src/engine/rehearsal";
import { writeWorkspace } from "../../src/engine/workspace";
import {
  buildWorld,
  rolesOfStack,
  topologyOfStack,
  worldOf,
} from "../../src/engine/world";
import {
  fixtureConfigs,
  removeAll,
  repoConfigs,
  sharedEmulator,
  synthTo,
  toolchain,
} from "../../test-support/engine";

const emulator = sharedEmulator();
afterAll(() => emulator.stop());

/** init, validate and plan a working copy; the planned addresses. */
async function plannedAddresses(dir: string): Promise<string[]> {
  const tools = toolchain();
  const failure = await initAndValidate(tools, dir);
  if (failure) throw new Error(`${failure.step}: ${failure.error}`);
  const plan = await runTofu(tools, dir, [
    "plan",
    "-input=false",
    "-lock=false",
    "-out=engine.plan",
  ]);
  if (plan.code !== 0) throw new Error(`plan: ${plan.stderr}`);
  return (await plannedChanges(tools, dir, "engine.plan"))
    .filter((change) => change.actions.includes("create"))
    .map((change) => change.address)
    .sort();
}

const configs = [...repoConfigs(), ...fixtureConfigs()];

test.concurrent.each(configs.map((c) => [c.name, c] as const))(
  "%s: the export plans the same resource addresses as the JSON",
  async (_name, config) => {
    const outdir = synthTo(config.raw);
    const work = mkdtempSync(join(tmpdir(), "engine-export-"));
    try {
      const tools = toolchain();
      const { url } = await emulator.get();
      for (const stack of await exportSynthesized(outdir)) {
        const text = readFileSync(
          join(outdir, "stacks", stack.name, "cdk.tf.json"),
          "utf8",
        );
        const json = JSON.parse(text) as unknown;
        const ids = await buildWorld(
          tools,
          url,
          worldOf([
            {
              topology: topologyOfStack(json, stack.name),
              roles: rolesOfStack(json),
            },
          ]),
        );
        const version = tools.pins.providerVersion;
        const jsonDir = join(work, stack.name, "json");
        const hclDir = join(work, stack.name, "hcl");
        writeWorkspace(jsonDir, text, ids, url, version);
        writeWorkspace(
          hclDir,
          text,
          ids,
          url,
          version,
          Object.fromEntries(stack.files),
        );
        const fromJson = await plannedAddresses(jsonDir);
        expect(fromJson.length).toBeGreaterThan(0);
        expect(await plannedAddresses(hclDir)).toEqual(fromJson);
      }
    } finally {
      removeAll(outdir, work);
    }
  },
);
