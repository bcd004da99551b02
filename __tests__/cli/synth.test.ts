/**
 * The synth command as users and other tools run it: `npm run synth`
 * (the bundled main.ts), driven by PRIVATELINK_CONFIG and CDKTF_OUTDIR.
 * scripts/run.js itself (rebuilds, code cache, stack traces): run.test.ts.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { synthesize } from "../../src/app";
import { configJsonSchema } from "../../src/config/schema";
import {
  ROOT,
  hubAndSpokeService,
  rawConfig,
  rawService,
  readTree,
  validConfig,
} from "../../test-support/fixtures";
import { ownBundles, runEntry, tempDir } from "../../test-support/run";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { STUBS } = require("../../scripts/bundle");

const bundles = ownBundles(["main.ts", "src/export/cli.ts"]);

/** `npm run synth` without npm: scripts/run.js runs this suite's bundle. */
function run(env: Record<string, string | undefined>, entry = "main.ts") {
  return runEntry(bundles.dist(), entry, env);
}

function writeConfig(dir: string, config: unknown): string {
  const file = join(dir, "config.json");
  writeFileSync(
    file,
    typeof config === "string" ? config : JSON.stringify(config, null, 2),
  );
  return file;
}

test("synthesizes one stack per service under CDKTF_OUTDIR, named by the service, as the unbundled code does", () => {
  const dir = tempDir();
  const outdir = join(dir, "out");
  const config = rawConfig(
    hubAndSpokeService(),
    rawService({
      name: "billing",
      dnsNames: [],
      endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
    }),
  );
  const result = run({
    PRIVATELINK_CONFIG: writeConfig(dir, config),
    CDKTF_OUTDIR: outdir,
  });
  expect(result.status).toBe(0);
  expect(readdirSync(join(outdir, "stacks")).sort()).toEqual([
    "billing",
    "internal-api",
  ]);
  const manifest = JSON.parse(
    readFileSync(join(outdir, "manifest.json"), "utf8"),
  );
  expect(Object.keys(manifest.stacks).sort()).toEqual([
    "billing",
    "internal-api",
  ]);
  // The bundle, with its stubs (scripts/stubs/), writes the very same bytes.
  synthesize(validConfig(config), join(dir, "unbundled"));
  expect(readTree(outdir)).toEqual(readTree(join(dir, "unbundled")));
});

test("without PRIVATELINK_CONFIG it synthesizes config/default.json", () => {
  const outdir = join(tempDir(), "out");
  const result = run({ CDKTF_OUTDIR: outdir });
  expect(result.status).toBe(0);
  const stack = JSON.parse(
    readFileSync(join(outdir, "stacks", "internal-api", "cdk.tf.json"), "utf8"),
  );
  expect(stack.resource.aws_vpc_endpoint.endpoint.service_name).toBe(
    "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  );
  // No Terraform Cloud configured: cdktf's default, local state.
  expect(Object.keys(stack.terraform.backend)).toEqual(["local"]);
  expect(stack.terraform.cloud).toBeUndefined();
});

test("TFC_ORGANIZATION and TFC_WORKSPACE_PREFIX put each stack in its own workspace", () => {
  const outdir = join(tempDir(), "out");
  const result = run({
    CDKTF_OUTDIR: outdir,
    TFC_ORGANIZATION: "acme",
    TFC_WORKSPACE_PREFIX: "privatelink-",
  });
  expect(result.status).toBe(0);
  const stack = JSON.parse(
    readFileSync(join(outdir, "stacks", "internal-api", "cdk.tf.json"), "utf8"),
  );
  expect(stack.terraform.cloud).toEqual({
    organization: "acme",
    workspaces: { name: "privatelink-internal-api" },
  });
  expect(stack.terraform.backend).toBeUndefined();
});

test("two runs on one config write byte-identical files", () => {
  const dir = tempDir();
  const file = writeConfig(dir, rawConfig(hubAndSpokeService()));
  const texts = ["a", "b"].map((name) => {
    const outdir = join(dir, name);
    expect(run({ PRIVATELINK_CONFIG: file, CDKTF_OUTDIR: outdir }).status).toBe(
      0,
    );
    return readFileSync(
      join(outdir, "stacks", "internal-api", "cdk.tf.json"),
      "utf8",
    );
  });
  expect(texts[0]).toBe(texts[1]);
});

test("a bad config: every problem on stderr, exit 1, no stack trace, nothing written", () => {
  const dir = tempDir();
  const outdir = join(dir, "out");
  const service = rawService({
    ports: [70000],
    endpointVpc: { cidr: "10.100.0.1/24", azIds: ["use1-az1"] },
  });
  const result = run({
    PRIVATELINK_CONFIG: writeConfig(dir, rawConfig(service)),
    CDKTF_OUTDIR: outdir,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("has 2 problems; nothing was synthesized");
  expect(result.stderr).toContain(
    'services[0].endpointVpc.cidr: got "10.100.0.1/24"; expected a network address (host bits zero): did you mean "10.100.0.0/24"?',
  );
  expect(result.stderr).toContain("services[0].ports[0]: got 70000");
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(existsSync(outdir)).toBe(false);
});

test("malformed JSON names the file, line and column", () => {
  const dir = tempDir();
  const file = writeConfig(
    dir,
    '{\n  "services": [\n    { "name": "x", }\n  ]\n}\n',
  );
  const result = run({
    PRIVATELINK_CONFIG: file,
    CDKTF_OUTDIR: join(dir, "out"),
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`Config ${file} has 1 problem`);
  expect(result.stderr).toMatch(
    /line 3, column \d+: got "\{ \\"name\\": \\"x\\", \}"; expected valid JSON/,
  );
  expect(result.stderr).not.toMatch(/^\s+at /m);
});

test("a missing config file is a clear error", () => {
  const result = run({
    PRIVATELINK_CONFIG: "/nonexistent/config.json",
    CDKTF_OUTDIR: join(tempDir(), "out"),
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    "expected a readable JSON or YAML config file (no such file)",
  );
});

test("a YAML config with syntax errors: each by line and column, exit 1, no stack trace, nothing written", () => {
  const dir = tempDir();
  const file = join(dir, "config.yaml");
  writeFileSync(file, "services:\n  - name: a\n    name: b\n  - ports: [443\n");
  const result = run({
    PRIVATELINK_CONFIG: file,
    CDKTF_OUTDIR: join(dir, "out"),
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(
    /^Config .*config\.yaml has [2-9] problems; nothing was synthesized:\n {2}- line 3, column 5: got "name: b"; expected valid YAML: Map keys must be unique/,
  );
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(existsSync(join(dir, "out"))).toBe(false);
});

test("quota warnings go to stderr and do not fail the synth", () => {
  const dir = tempDir();
  const consumers = Array.from({ length: 51 }, (_, i) => ({
    name: `c${i}`,
    region: "eu-west-1",
    vpcId: `vpc-${(i + 1).toString(16).padStart(8, "0")}`,
    cidrs: [`10.${i}.0.0/16`],
    routeTableIds: [`rtb-${(i + 1).toString(16).padStart(8, "0")}`],
  }));
  const result = run({
    PRIVATELINK_CONFIG: writeConfig(dir, rawConfig(rawService({ consumers }))),
    CDKTF_OUTDIR: join(dir, "out"),
  });
  expect(result.status).toBe(0);
  expect(result.stderr).toContain(
    'warning: the endpoint VPC of service "internal-api": 51 active VPC peering connections per VPC exceed the default quota of 50 (L-7E9ECCDB)',
  );
});

test("config/schema.json is generated from the schema and the default config references it", () => {
  const committed = JSON.parse(
    readFileSync(join(ROOT, "config", "schema.json"), "utf8"),
  );
  expect(committed).toEqual(configJsonSchema());
  expect(
    JSON.parse(readFileSync(join(ROOT, "config", "default.json"), "utf8"))
      .$schema,
  ).toBe("./schema.json");
});

describe("npm run export (the bundled src/export/cli.ts)", () => {
  // Writing, --check and cleanup run in-process in export.test.ts.
  test("without a synth: a clear error, exit 1, no stack trace, nothing written", () => {
    const dir = tempDir();
    const result = run(
      { CDKTF_OUTDIR: join(dir, "out"), EXPORT_DIR: join(dir, "terraform") },
      "src/export/cli.ts",
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `export failed: No synth manifest at ${join(dir, "out", "manifest.json")}: run \`npm run synth\` first (CDKTF_OUTDIR selects another output directory).\n`,
    );
    expect(existsSync(join(dir, "terraform"))).toBe(false);
  });
});

describe("the synth bundle", () => {
  const inputs = () => bundles.inputs["main.ts"];

  test("leaves out archiver and its dependencies, for a stub that fails loudly", () => {
    expect(
      inputs().filter((path) => /node_modules\/archiver/.test(path)),
    ).toEqual([]);
    expect(inputs()).toContain("scripts/stubs/archiver.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const archiver = require(STUBS.archiver);
    expect(() => archiver("zip")).toThrow(/stubbed out of the synth bundle/);
  });

  test("replaces cdktf's token stack traces with a stub that records none", () => {
    expect(
      inputs().filter((path) =>
        path.endsWith("node_modules/cdktf/lib/tokens/private/stack-trace.js"),
      ),
    ).toEqual([]);
    expect(inputs()).toContain("scripts/stubs/stack-trace.js");
    // constructs' own stack traces (off through App({ stackTraces: false })) stay.
    // (node_modules may be a link elsewhere: a worktree's is.)
    expect(
      inputs().filter((path) =>
        path.endsWith("node_modules/constructs/lib/private/stack-trace.js"),
      ),
    ).toHaveLength(1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require(STUBS.stackTrace).captureStackTrace()).toEqual([]);
  });
});
