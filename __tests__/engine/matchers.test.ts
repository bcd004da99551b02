/**
 * cdktf's own matchers on the generator's stacks, with a real engine:
 * toBeValidTerraform() (init and validate) and toPlanSuccessfully() (init
 * and plan, against the emulator).
 * test-support/engine-env.ts points TERRAFORM_BINARY_NAME at the toolchain.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// Types of the Testing matchers that test-support/setup.js registers.
import "cdktf/lib/testing/adapters/jest";
import { prepareStack } from "../../src/engine/command";
import { readSynthOutput } from "../../src/output/manifest";
import {
  Emulator,
  fixtureConfigs,
  removeAll,
  startEmulator,
  synthTo,
  toolchain,
} from "../../test-support/engine";
import { rawConfig } from "../../test-support/configs";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator(toolchain());
});
afterAll(async () => {
  await emulator?.stop();
});

/** The working copies of a config's stacks, as an outdir the matchers read. */
async function preparedOutdir(
  raw: unknown,
): Promise<{ outdir: string; work: string }> {
  const outdir = synthTo(raw);
  const work = mkdtempSync(join(tmpdir(), "engine-matchers-"));
  // One stack at a time: each world is made in a reset emulator.
  const [stack] = readSynthOutput(outdir);
  await prepareStack(toolchain(), emulator, stack, work);
  return { outdir, work };
}

test("the default stack is valid Terraform and plans successfully", async () => {
  const { outdir, work } = await preparedOutdir(rawConfig());
  try {
    expect(work).toBeValidTerraform();
    expect(work).toPlanSuccessfully();
  } finally {
    removeAll(outdir, work);
  }
});

test.each(fixtureConfigs().map((c) => [c.name, c] as const))(
  "%s: its first stack is valid Terraform and plans successfully",
  async (_name, config) => {
    const { outdir, work } = await preparedOutdir(config.raw);
    try {
      expect(work).toBeValidTerraform();
      expect(work).toPlanSuccessfully();
    } finally {
      removeAll(outdir, work);
    }
  },
);

test("the matchers fail a stack with an argument the provider does not have", async () => {
  const { outdir, work } = await preparedOutdir(rawConfig());
  try {
    const file = join(work, "stacks", "internal-api", "cdk.tf.json");
    const stack = JSON.parse(readFileSync(file, "utf8"));
    stack.resource.aws_vpc.endpoint_vpc.no_such_argument = true;
    writeFileSync(file, JSON.stringify(stack));
    expect(work).not.toBeValidTerraform();
    expect(work).not.toPlanSuccessfully();
  } finally {
    removeAll(outdir, work);
  }
});
