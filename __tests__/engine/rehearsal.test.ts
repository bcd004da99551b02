/**
 * Every config the project ships or shows (config/*.json, the README's and
 * docs' examples, the engine fixtures) plans, applies, re-plans with no
 * changes and destroys, with OpenTofu and the real AWS provider against moto.
 */
import {
  NamedConfig,
  documentedConfigs,
  fixtureConfigs,
  removeAll,
  repoConfigs,
  runEngine,
  sharedEmulator,
  synthTo,
} from "../../test-support/engine";

const configs: NamedConfig[] = [
  ...repoConfigs(),
  ...documentedConfigs(),
  ...fixtureConfigs(),
];

const emulator = sharedEmulator();
afterAll(() => emulator.stop());

test("there is something to rehearse: config/, the docs' examples and the fixtures", () => {
  expect(repoConfigs().length).toBeGreaterThan(0);
  expect(documentedConfigs().length).toBeGreaterThan(0);
  expect(fixtureConfigs().length).toBeGreaterThanOrEqual(3);
});

// Configs side by side: a rehearsal mostly waits (Route 53's fixed 15 s polls).
test.concurrent.each(configs.map((c) => [c.name, c] as const))(
  "%s: every stack applies, re-plans clean and destroys",
  async (_name, config) => {
    const outdir = synthTo(config.raw);
    try {
      const { url } = await emulator.get();
      const run = await runEngine([
        "--outdir",
        outdir,
        "--emulator",
        url,
        "--jobs",
        "2",
      ]);
      const lines = run.stdout.trim().split("\n");
      expect(lines[0]).toMatch(
        /^engine: OpenTofu v\d+\.\d+\.\d+, hashicorp\/aws v\d+\.\d+\.\d+, moto v\d+\.\d+\.\d+$/,
      );
      const services = (config.raw.services as { name: string }[])
        .map((s) => s.name)
        .sort();
      expect(lines.slice(1).map((line) => line.split(":")[0])).toEqual(
        services,
      );
      for (const line of lines.slice(1))
        expect(line).toMatch(
          /^[^:]+: applied [1-9]\d* resources, re-plan: no changes, destroyed$/,
        );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    } finally {
      removeAll(outdir);
    }
  },
);
