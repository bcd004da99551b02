/**
 * src/synth-command.ts, in-process: what `npm run synth` prints, what it
 * leaves in the output directory, and how it refuses.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { SYNTH_USAGE, synthCommand } from "../../src/synth-command";
import {
  hubAndSpokeService,
  rawConfig,
  rawService,
} from "../../test-support/configs";
import { tempDir } from "../../test-support/run";

function synth(config: unknown, outdir: string, args: string[] = []) {
  const dir = tempDir();
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify(config));
  let stdout = "";
  let stderr = "";
  const code = synthCommand(
    args,
    { PRIVATELINK_CONFIG: file, CDKTF_OUTDIR: outdir },
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
  );
  return { code, stdout, stderr };
}

const billing = rawService({
  name: "billing",
  dnsNames: [],
  endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
});

test("prints one line per stack written: name, resource count, path", () => {
  const outdir = join(tempDir(), "out");
  const result = synth(rawConfig(hubAndSpokeService(), billing), outdir);
  expect(result.code).toBe(0);
  expect(result.stdout.split("\n").filter(Boolean)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^billing: \\d+ resources, ${join(outdir, "stacks", "billing", "cdk.tf.json")}$`,
      ),
    ),
    expect.stringMatching(
      new RegExp(
        `^internal-api: \\d+ resources, ${join(outdir, "stacks", "internal-api", "cdk.tf.json")}$`,
      ),
    ),
  ]);
  // The count is Terraform's resources in the written JSON, not data sources.
  for (const [, name, count] of result.stdout.matchAll(
    /^(\S+): (\d+) resources/gm,
  )) {
    const json = JSON.parse(
      readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"),
    );
    const resources = Object.values(
      json.resource as Record<string, object>,
    ).reduce((n, byName) => n + Object.keys(byName).length, 0);
    expect(Number(count)).toBe(resources);
    expect(json.data).toBeDefined();
  }
});

test("leaves exactly the current config's stacks: a removed service's folder goes", () => {
  const outdir = join(tempDir(), "out");
  expect(synth(rawConfig(hubAndSpokeService(), billing), outdir).code).toBe(0);
  expect(readdirSync(join(outdir, "stacks")).sort()).toEqual([
    "billing",
    "internal-api",
  ]);
  expect(synth(rawConfig(hubAndSpokeService()), outdir).code).toBe(0);
  expect(readdirSync(join(outdir, "stacks"))).toEqual(["internal-api"]);
});

test("a config that fails withdraws the previous manifest, and says so", () => {
  const outdir = join(tempDir(), "out");
  expect(synth(rawConfig(), outdir).code).toBe(0);
  expect(existsSync(join(outdir, "manifest.json"))).toBe(true);
  const result = synth(rawConfig(rawService({ ports: [0] })), outdir);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain("nothing was synthesized");
  expect(result.stderr).toContain("is withdrawn");
  expect(existsSync(join(outdir, "manifest.json"))).toBe(false);
});

test("an invalid config gets its errors only, no warnings", () => {
  const outdir = join(tempDir(), "out");
  // A native-only service with an endpointVpc warns when valid ...
  const native = {
    name: "tokyo",
    region: "ap-northeast-1",
    connectivity: "native",
    vpcId: "vpc-0a1b2c3d4e5f60718",
    cidrs: ["10.9.0.0/16"],
    subnetIds: ["subnet-0a1b2c3d4e5f60718"],
  };
  const valid = synth(
    rawConfig(rawService({ privateDnsEnabled: false, consumers: [native] })),
    outdir,
  );
  expect(valid.code).toBe(0);
  expect(valid.stderr).toMatch(/^warning: .*endpointVpc/m);
  // ... and says nothing of it when the config has an error as well.
  const invalid = synth(
    rawConfig(
      rawService({ privateDnsEnabled: false, ports: [0], consumers: [native] }),
    ),
    outdir,
  );
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).not.toContain("warning:");
});

test("--help prints the usage and exits 0; an unknown flag exits 2", () => {
  const outdir = join(tempDir(), "out");
  mkdirSync(outdir);
  expect(synth(rawConfig(), outdir, ["--help"])).toEqual({
    code: 0,
    stdout: SYNTH_USAGE,
    stderr: "",
  });
  const unknown = synth(rawConfig(), outdir, ["--frobnicate"]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/^unknown argument --frobnicate; usage:/);
  expect(readdirSync(outdir)).toEqual([]);
});

describe("a config file where the user keeps it", () => {
  /** `cd <user>/fleet && PRIVATELINK_CONFIG=<name> npm run synth`. */
  function synthFrom(name: string, text: string) {
    const user = tempDir();
    mkdirSync(join(user, "fleet"));
    writeFileSync(join(user, "fleet", name), text);
    const outdir = join(tempDir(), "out");
    let stdout = "";
    let stderr = "";
    const code = synthCommand(
      [],
      {
        PRIVATELINK_CONFIG: name,
        INIT_CWD: join(user, "fleet"),
        CDKTF_OUTDIR: outdir,
      },
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    return { code, stdout, stderr, outdir, file: join(user, "fleet", name) };
  }

  test("a relative YAML path is read from the directory npm was run in", () => {
    const result = synthFrom(
      "prod.yaml",
      "# yaml-language-server: $schema=../config/schema.json\n" +
        stringify(rawConfig(hubAndSpokeService())),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^internal-api: \d+ resources, /);
  });

  test("its problems name the file by its absolute path; nothing is written", () => {
    const result = synthFrom(
      "prod.yml",
      stringify(rawConfig(rawService({ ports: [443, "99999"] }))),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Config ${result.file} has 1 problem; nothing was synthesized:\n  - services[0].ports[1]: got "99999"; expected ports within 1..65535`,
    );
    expect(existsSync(result.outdir)).toBe(false);
  });

  test("a YAML syntax error names the line and column", () => {
    const result = synthFrom("prod.yaml", "services:\n  - name: [a\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Config \/.*prod\.yaml has \d+ problems?; nothing was synthesized:\n {2}- line \d+, column \d+: .*expected valid YAML: /,
    );
    expect(existsSync(result.outdir)).toBe(false);
  });
});
