/**
 * The pull-request workflow: valid for GitHub Actions (checked by
 * action-validator against the published workflow schema), shaped as the
 * README promises, and its plan script run against a stand-in terraform.
 */
import { validateWorkflow } from "@action-validator/core";
import { load } from "js-yaml";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planCommentCommand } from "../../src/review/command";

// Not from test-support/fixtures: that would load cdktf, which nothing here needs.
const ROOT = join(__dirname, "..", "..");
type RawObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const WORKFLOW = join(ROOT, ".github", "workflows", "pull-request.yml");
const text = readFileSync(WORKFLOW, "utf8");
const workflow = load(text) as RawObject;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  id?: string;
  "continue-on-error"?: boolean;
}
const steps = (job: string): Step[] => workflow.jobs[job].steps;
const using = (job: string, action: string) =>
  steps(job).filter((s) => s.uses?.startsWith(`${action}@`));
const running = (job: string, command: string) =>
  steps(job).filter((s) => s.run?.includes(command));

describe("the workflow file", () => {
  test("is a valid GitHub Actions workflow", () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  test("the validator does reject a broken workflow (a job without runs-on, a misspelled key)", () => {
    const broken = text
      .replace(
        "runs-on: ubuntu-latest\n    timeout-minutes: 30",
        "timeout-minutes: 30",
      )
      .replace("  export:\n    name:", "  export:\n    nmae:");
    expect(
      validateWorkflow(broken).errors.map((e) => "path" in e && e.path),
    ).toEqual(expect.arrayContaining(["/jobs/plan", "/jobs/export"]));
  });

  test("runs on pull requests, reading only by default", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });
});

describe("job plan", () => {
  test("installs from the lock file, tests, then synthesizes", () => {
    const order = ["npm ci", "npm test", "npm run synth"].map((command) =>
      steps("plan").findIndex((s) => s.run?.startsWith(command)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test("sets up Terraform without its wrapper (which would corrupt show -json)", () => {
    const [setup] = using("plan", "hashicorp/setup-terraform");
    expect(setup.with?.terraform_wrapper).toBe(false);
  });

  test("gets AWS credentials from an OIDC role named in a repository variable; no stored keys", () => {
    expect(workflow.jobs.plan.permissions["id-token"]).toBe("write");
    const [aws] = using("plan", "aws-actions/configure-aws-credentials");
    expect(aws.with?.["role-to-assume"]).toMatch(/^\$\{\{ vars\.[A-Z_]+ \}\}$/);
    expect(text).not.toMatch(
      /aws-access-key-id|aws-secret-access-key|AWS_SECRET/,
    );
  });

  test("plans every stack with the repository's script, then builds and posts one comment, updated in place", () => {
    const [plan] = running("plan", "scripts/plan-stacks.sh");
    expect(plan.id).toBe("plan");
    expect(plan["continue-on-error"]).toBe(true);
    expect(running("plan", "npm run --silent plan:comment")).toHaveLength(1);
    const [post] = using("plan", "actions/github-script");
    expect(post.with?.script).toMatch(/updateComment/);
    expect(post.with?.script).toMatch(/createComment/);
    expect(workflow.jobs.plan.permissions["pull-requests"]).toBe("write");
    const failing = steps("plan").slice(-2);
    expect(failing.map((s) => s.if)).toEqual([
      "steps.plan.outcome == 'failure'",
      "steps.verify.outcome == 'failure'",
    ]);
  });

  test("verifies every consumer's path, for forks too, and fails the job only after the comment", () => {
    const [verify] = running("plan", "npm run verify");
    expect(verify.id).toBe("verify");
    expect(verify.if).toBeUndefined();
    expect(verify["continue-on-error"]).toBe(true);
    const names = steps("plan").map((s) => s.name);
    const [picture] = running("plan", "topology.md");
    expect(picture.run).toContain(
      'cp "$picture" "$PLAN_DIR/$stack/topology.md"',
    );
    expect(names.indexOf(picture.name)).toBeLessThan(
      steps("plan").findIndex((s) => s.run?.includes("plan:comment")),
    );
  });

  test("plans only pull requests from this repository (forks get no OIDC token)", () => {
    const afterVerify = steps("plan").slice(
      steps("plan").findIndex((s) => s.run === "npm run verify") + 1,
      -2,
    );
    expect(afterVerify.length).toBeGreaterThan(0);
    for (const step of afterVerify)
      expect(step.if).toBe("env.CAN_PLAN == 'true'");
  });
});

describe("job export", () => {
  test("installs, checks a committed export when there is one, and exports", () => {
    expect(running("export", "npm ci")).toHaveLength(1);
    const [check] = running("export", "npm run export:check");
    expect(check.run).toMatch(/git ls-files -- "\$COMMITTED_EXPORT_DIR"/);
    expect(running("export", "npm run export")).toHaveLength(2);
  });
});

describe("scripts/plan-stacks.sh, with a stand-in terraform", () => {
  test("plans each stack of the manifest in its directory, saves plan.json and plan.txt, and reports a failure without stopping", () => {
    const root = mkdtempSync(join(tmpdir(), "privatelink-plan-"));
    const outdir = join(root, "out");
    const bin = join(root, "bin");
    for (const name of ["billing", "internal-api"])
      mkdirSync(join(outdir, "stacks", name), { recursive: true });
    writeFileSync(
      join(outdir, "manifest.json"),
      JSON.stringify({
        stacks: {
          "internal-api": { workingDirectory: "stacks/internal-api" },
          billing: { workingDirectory: "stacks/billing" },
        },
      }),
    );
    mkdirSync(bin);
    // Logs its arguments; the billing stack's plan fails like missing credentials.
    writeFileSync(
      join(bin, "terraform"),
      `#!/usr/bin/env bash
echo "$*" >> "${join(root, "calls.log")}"
dir="\${1#-chdir=}"
case "$2" in
  init) echo "Terraform has been successfully initialized!" ;;
  plan)
    if [[ "$dir" == */billing ]]; then echo "Error: No valid credential sources found" >&2; exit 1; fi
    touch "$dir/tfplan" ;;
  show)
    if [[ "$3" == "-json" ]]; then cat "${join(ROOT, "test-support", "plans", "replace-peering.json")}"
    else cat "${join(ROOT, "test-support", "plans", "replace-peering.txt")}"; fi ;;
esac
`,
    );
    chmodSync(join(bin, "terraform"), 0o755);
    const planDir = join(root, "plan");
    const result = spawnSync(
      "bash",
      [join(ROOT, "scripts", "plan-stacks.sh")],
      {
        cwd: root,
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          CDKTF_OUTDIR: outdir,
          PLAN_DIR: planDir,
        },
        encoding: "utf8",
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("The plan failed for: billing\n");

    const calls = readFileSync(join(root, "calls.log"), "utf8")
      .trim()
      .split("\n");
    const api = `-chdir=${join(outdir, "stacks", "internal-api")}`;
    expect(calls).toContain(
      `${api} plan -input=false -no-color -lock-timeout=5m -out=tfplan`,
    );
    expect(calls).toContain(`${api} show -json tfplan`);
    expect(
      readFileSync(join(planDir, "internal-api", "plan.json"), "utf8"),
    ).toBe(
      readFileSync(
        join(ROOT, "test-support", "plans", "replace-peering.json"),
        "utf8",
      ),
    );
    expect(existsSync(join(planDir, "billing", "plan.json"))).toBe(false);
    expect(
      readFileSync(join(planDir, "billing", "plan.txt"), "utf8"),
    ).toContain("Error: No valid credential sources found");

    // What the next step posts.
    let comment = "";
    planCommentCommand(
      [],
      { CDKTF_OUTDIR: outdir, PLAN_DIR: planDir },
      {
        stdout: (t) => (comment += t),
        stderr: () => undefined,
      },
    );
    expect(comment).toContain("| `billing` | ❌ plan failed: see its output |");
    expect(comment).toContain(
      "| `internal-api` | 🛑 **2 to add, 1 to change, 3 to destroy** (2 replaced, 1 destroyed) |",
    );
  });
});
