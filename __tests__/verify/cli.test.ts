/**
 * `npm run verify` as users and CI run it: the bundled src/verify/cli.ts on
 * the synth output in CDKTF_OUTDIR. Exit codes: 0 every consumer reaches its
 * service, 1 one does not, 2 no synth output.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nativeOnlyStack } from "../../test-support/native-fixture";
import { ownBundles, runEntry } from "../../test-support/run";
import { mermaidBlock } from "../../test-support/verify";

const bundles = ownBundles(["src/verify/cli.ts"]);

function verify(outdir: string | undefined) {
  return runEntry(bundles.dist(), "src/verify/cli.ts", {
    CDKTF_OUTDIR: outdir,
  });
}

/** A synth output directory with the given stacks, as cdktf writes it. */
function synthOutput(stacks: Record<string, unknown>): string {
  const outdir = mkdtempSync(join(tmpdir(), "privatelink-verify-"));
  const manifest: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(outdir, "stacks", name), { recursive: true });
    writeFileSync(
      join(outdir, "stacks", name, "cdk.tf.json"),
      typeof json === "string" ? json : JSON.stringify(json, null, 2),
    );
    manifest[name] = {
      name,
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      workingDirectory: `stacks/${name}`,
    };
  }
  writeFileSync(
    join(outdir, "manifest.json"),
    JSON.stringify({ version: "0.21.0", stacks: manifest }),
  );
  return outdir;
}

test("exit 0 when every consumer reaches its service; the table on stdout; topology.md beside each stack", () => {
  const outdir = synthOutput({ "internal-api": nativeOnlyStack() });
  const result = verify(outdir);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toContain(
    "internal-api: ✓ all 2 consumers reach com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 (us-east-1)",
  );
  const picture = join(outdir, "stacks", "internal-api", "topology.md");
  expect(result.stdout).toContain(`picture: ${picture}`);
  const markdown = readFileSync(picture, "utf8");
  expect(markdown).toMatch(/^# internal-api: reachability of /);
  expect(mermaidBlock(markdown)).toMatch(/^flowchart LR\n/);
});

test("exit 1 when a consumer fails, naming it and the resource; other stacks are still verified", () => {
  const sound = nativeOnlyStack();
  const faulty = nativeOnlyStack();
  delete faulty.resource?.aws_vpc_endpoint.native_tokyo.service_region;
  const outdir = synthOutput({ billing: sound, "internal-api": faulty });
  const result = verify(outdir);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain(
    "billing: ✓ all 2 consumers reach com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  );
  expect(result.stdout).toContain(
    "internal-api: ✗ 1 of 2 consumers cannot reach",
  );
  expect(result.stdout).toContain(
    "✗ tokyo · placement: aws_vpc_endpoint.native_tokyo has no service_region",
  );
  expect(existsSync(join(outdir, "stacks", "billing", "topology.md"))).toBe(
    true,
  );
});

test("exit 1 when a stack has no topology output", () => {
  const json = nativeOnlyStack();
  delete json.output;
  const result = verify(synthOutput({ "internal-api": json }));
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('no "topology" output');
});

test("exit 2 with a clear message and no stack trace when there is no synth output", () => {
  const missing = join(
    mkdtempSync(join(tmpdir(), "privatelink-verify-")),
    "absent",
  );
  const result = verify(missing);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(
    `verify: No synth manifest at ${join(missing, "manifest.json")}: run \`npm run synth\` first (CDKTF_OUTDIR selects another output directory).\n`,
  );
});

test("exit 2 when a stack's JSON is unreadable", () => {
  const result = verify(synthOutput({ "internal-api": "{ not json" }));
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(
    /^verify: Terraform JSON of stack internal-api .*cdk\.tf\.json is not valid JSON/,
  );
  expect(result.stderr).not.toMatch(/^\s+at /m);
});
