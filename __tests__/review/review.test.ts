/**
 * The pull-request review: plan summaries from `terraform show -json`
 * output (fixtures in test-support/plans) and the comment built from them.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  COMMENT_MARKER,
  StackReview,
  buildComment,
} from "../../src/review/comment";
import { planCommentCommand } from "../../src/review/command";
import {
  PlanFormatError,
  countsLine,
  destructiveChanges,
  summarizePlan,
} from "../../src/review/plan-summary";

const ROOT = join(__dirname, "..", "..");
const fixture = (name: string) =>
  readFileSync(join(ROOT, "test-support", "plans", name), "utf8");
const plan = (name: string) => JSON.parse(fixture(name));

describe("plan summary", () => {
  test("a first apply: everything to add; data sources are read, not counted", () => {
    const summary = summarizePlan(plan("create-all.json"));
    expect(countsLine(summary)).toBe("16 to add, 0 to change, 0 to destroy");
    expect(summary.changes.every((c) => c.kind === "create")).toBe(true);
    expect(summary.changes.map((c) => c.address)).not.toContainEqual(
      expect.stringMatching(/^data\./),
    );
  });

  test("replaces count as one to add and one to destroy, as Terraform counts them", () => {
    const summary = summarizePlan(plan("replace-peering.json"));
    const line = countsLine(summary);
    expect(line).toBe("2 to add, 1 to change, 3 to destroy");
    expect(fixture("replace-peering.txt")).toContain(`Plan: ${line}.`);
  });

  test("every destroy and replace is listed, with Terraform's reason", () => {
    expect(
      destructiveChanges(summarizePlan(plan("replace-peering.json"))),
    ).toEqual([
      {
        address: "aws_route.peering_seoul_outbound_rtb-0f1e2d3c4b5a69788",
        type: "aws_route",
        kind: "delete",
        reason: "delete_because_no_resource_config",
      },
      {
        address: "aws_vpc_peering_connection.peering_seoul",
        type: "aws_vpc_peering_connection",
        kind: "replace",
        reason: "replace_because_cannot_update",
      },
      {
        address: "aws_vpc_peering_connection_accepter.peering_seoul",
        type: "aws_vpc_peering_connection_accepter",
        kind: "replace",
        reason: "replace_because_cannot_update",
      },
    ]);
  });

  test("create-before-destroy is a replace too", () => {
    const summary = summarizePlan({
      format_version: "1.2",
      resource_changes: [
        {
          address: "aws_route53_zone.z",
          mode: "managed",
          type: "aws_route53_zone",
          change: { actions: ["create", "delete"] },
        },
      ],
    });
    expect(summary.changes[0].kind).toBe("replace");
    expect(countsLine(summary)).toBe("1 to add, 0 to change, 1 to destroy");
  });

  test("no changes: nothing counted", () => {
    const summary = summarizePlan(plan("no-changes.json"));
    expect(summary.changes).toEqual([]);
    expect(countsLine(summary)).toBe("0 to add, 0 to change, 0 to destroy");
  });

  test("fails on what is not a saved plan's JSON, or on unknown actions", () => {
    expect(() => summarizePlan({ resource_changes: [] })).toThrow(
      PlanFormatError,
    );
    expect(() =>
      summarizePlan({
        format_version: "1.2",
        resource_changes: [
          { address: "a.b", mode: "managed", change: { actions: ["explode"] } },
        ],
      }),
    ).toThrow('a.b: unknown planned actions ["explode"]');
  });
});

describe("the pull-request comment", () => {
  const replace: StackReview = {
    name: "internal-api",
    summary: summarizePlan(plan("replace-peering.json")),
    planText: fixture("replace-peering.txt"),
  };
  const calm: StackReview = {
    name: "billing",
    summary: summarizePlan(plan("no-changes.json")),
    planText: "No changes. Your infrastructure matches the configuration.\n",
  };

  test("starts with the hidden marker the workflow finds it by; one line per stack", () => {
    const comment = buildComment([calm, replace]);
    expect(comment.split("\n")[0]).toBe(COMMENT_MARKER);
    expect(comment).toContain("| `billing` | ✅ no changes |");
    expect(comment).toContain(
      "| `internal-api` | 🛑 **2 to add, 1 to change, 3 to destroy** (2 replaced, 1 destroyed) |",
    );
  });

  test("a destroy or replace is marked loudly, at the top and at the stack, with what it breaks", () => {
    const comment = buildComment([calm, replace]);
    const [top, ...stacks] = comment.split("\n### ");
    expect(top).toContain("> [!CAUTION]");
    expect(top).toContain("**This plan destroys or replaces 3 resource(s).**");
    const part = stacks.find((s) => s.startsWith("`internal-api`"))!;
    expect(part).toContain(
      "> - `aws_vpc_peering_connection.peering_seoul` **REPLACED** (replace_because_cannot_update): the consumer's traffic stops",
    );
    expect(part).toContain(
      "> - `aws_route.peering_seoul_outbound_rtb-0f1e2d3c4b5a69788` **DESTROYED**",
    );
    expect(stacks.find((s) => s.startsWith("`billing`"))).not.toContain(
      "CAUTION",
    );
    expect(buildComment([calm])).not.toContain("CAUTION");
  });

  test("the full plan folds into a details block per stack", () => {
    const comment = buildComment([replace]);
    expect(comment).toContain(
      "<details>\n<summary>Full plan of internal-api</summary>\n\n```\n" +
        fixture("replace-peering.txt").trimEnd() +
        "\n```\n\n</details>",
    );
  });

  test("extra sections from other tools fold into their stack's part, before the plan", () => {
    const comment = buildComment([
      {
        ...calm,
        sections: [
          {
            source: "topology.md",
            markdown: "```mermaid\nflowchart LR\n```\n",
          },
        ],
      },
    ]);
    expect(comment).toContain(
      "<details>\n<summary>topology.md of billing</summary>\n\n<!-- section: topology.md -->\n```mermaid\nflowchart LR\n```\n\n</details>\n\n<details>\n<summary>Full plan of billing</summary>",
    );
  });

  test("a failed plan is shown as failed, with its output", () => {
    const comment = buildComment([
      {
        name: "billing",
        error: "see its output",
        planText: "Error: No valid credential sources found",
      },
    ]);
    expect(comment).toContain("| `billing` | ❌ plan failed: see its output |");
    expect(comment).toContain("> The plan failed for `billing`.");
    expect(comment).toContain("<summary>Output of billing</summary>");
  });

  test("a plan with backticks gets a longer fence", () => {
    const comment = buildComment([{ ...calm, planText: "a ``` b" }]);
    expect(comment).toContain("````\na ``` b\n````");
  });

  test("long plans are cut to fit GitHub's comment limit, saying so", () => {
    const huge = "x".repeat(50_000);
    const comment = buildComment(
      [
        { ...replace, planText: huge },
        { ...calm, planText: huge },
      ],
      { maxLength: 20_000 },
    );
    expect(comment.length).toBeLessThanOrEqual(20_000);
    expect(
      comment.match(/more characters cut to fit a GitHub comment/g),
    ).toHaveLength(2);
    expect(comment).toContain("🛑 **2 to add, 1 to change, 3 to destroy**");
  });
});

describe("the pull-request comment at fleet size", () => {
  /** A picture like the verifier's: a Mermaid flowchart of `consumers` consumers. */
  const picture = (stack: string, consumers: number) =>
    [
      `## ${stack}`,
      "",
      "```mermaid",
      "flowchart LR",
      ...Array.from(
        { length: consumers },
        (_, i) =>
          `  c${i}["consumer-${i} (10.${i >> 8}.${i & 255}.0/24)"] -->|peering| e["endpoint"]\n  e -->|route back| c${i}`,
      ),
      "```",
      "",
      "| consumer | name | route there | route back | admission | placement |",
      ...Array.from(
        { length: consumers },
        (_, i) => `| consumer-${i} | ✓ | ✓ | ✓ | ✓ | ✓ |`,
      ),
    ].join("\n");
  const planOf = (consumers: number) =>
    Array.from(
      { length: consumers * 6 },
      (_, i) =>
        `  # aws_route.peering_c${i}_outbound will be created\n  + resource "aws_route" "r${i}" {\n      + destination_cidr_block = "10.0.0.0/16"\n    }`,
    ).join("\n");
  const stacksOf = (services: number, consumers: number): StackReview[] =>
    Array.from({ length: services }, (_, i) => ({
      name: `svc-${String(i).padStart(3, "0")}`,
      summary: summarizePlan(
        plan(i === 3 ? "replace-peering.json" : "create-all.json"),
      ),
      planText: planOf(consumers),
      sections: [
        { source: "topology.md", markdown: picture(`svc-${i}`, consumers) },
      ],
    }));

  test.each([
    ["10 services x 100 consumers", 10, 100],
    ["one stack of 120 consumers", 1, 120],
  ])(
    "%s: within GitHub's 65,536 characters, summary whole, cuts said and linked",
    (_, services, consumers) => {
      const stacks = stacksOf(services, consumers);
      const uncut = stacks.reduce(
        (n, s) => n + s.planText!.length + s.sections![0].markdown.length,
        0,
      );
      expect(uncut).toBeGreaterThan(65_536);
      const url = "https://github.com/o/r/actions/runs/1/artifacts/2";
      const comment = buildComment(stacks, { artifactUrl: url });
      expect(comment.length).toBeLessThanOrEqual(65_536);
      // The summary first: every stack's line, and the destroys called out.
      const [top] = comment.split("\n### ");
      for (const stack of stacks)
        expect(top).toMatch(new RegExp(`\\| \`${stack.name}\` \\| (🟢|🛑) `));
      if (services > 3) {
        expect(top).toContain(
          "**This plan destroys or replaces 3 resource(s).**",
        );
        expect(comment).toContain(
          "`aws_vpc_peering_connection.peering_seoul` **REPLACED**",
        );
      }
      // Each cut says what and where the whole file is, with the link.
      const cuts =
        comment.match(
          /to fit a GitHub comment; the whole file is `plan\/[^`]+` in \[the workflow's `plans` artifact\]\(([^)]+)\)/g,
        ) ?? [];
      expect(cuts.length).toBeGreaterThan(0);
      for (const cut of cuts) expect(cut).toContain(url);
      // A picture is whole or left out, never cut mid-diagram.
      const fences = comment.match(/^```mermaid$/gm) ?? [];
      const closes = comment.match(/^```$/gm) ?? [];
      expect(closes.length).toBeGreaterThanOrEqual(fences.length);
      // Every stack keeps its part, its plan folded.
      for (const stack of stacks)
        expect(comment).toContain(
          `<summary>Full plan of ${stack.name}</summary>`,
        );
    },
  );

  test("a comment that fits is not cut", () => {
    const stacks = stacksOf(2, 3);
    const comment = buildComment(stacks);
    expect(comment).not.toContain("to fit a GitHub comment");
    for (const stack of stacks) {
      expect(comment).toContain(stack.planText!);
      expect(comment).toContain(stack.sections![0].markdown);
    }
  });

  test("hundreds of stacks: still within the limit, saying where the rest is", () => {
    const stacks = stacksOf(1500, 1);
    const comment = buildComment(stacks);
    expect(comment.length).toBeLessThanOrEqual(65_000);
    expect(comment).toMatch(/cut here to fit GitHub's limit/);
  });
});

describe("npm run plan:comment", () => {
  test("reads each stack of the manifest from PLAN_DIR/<stack>, with its extra .md sections", () => {
    const root = mkdtempSync(join(tmpdir(), "privatelink-review-"));
    const outdir = join(root, "out");
    const planDir = join(root, "plan");
    mkdirSync(outdir, { recursive: true });
    writeFileSync(
      join(outdir, "manifest.json"),
      JSON.stringify({
        stacks: {
          "internal-api": {
            synthesizedStackPath: "stacks/internal-api/cdk.tf.json",
          },
          billing: { synthesizedStackPath: "stacks/billing/cdk.tf.json" },
        },
      }),
    );
    mkdirSync(join(planDir, "internal-api"), { recursive: true });
    writeFileSync(
      join(planDir, "internal-api", "plan.json"),
      fixture("replace-peering.json"),
    );
    writeFileSync(
      join(planDir, "internal-api", "plan.txt"),
      fixture("replace-peering.txt"),
    );
    writeFileSync(
      join(planDir, "internal-api", "topology.md"),
      "TOPOLOGY PICTURE\n",
    );
    mkdirSync(join(planDir, "billing"), { recursive: true });
    writeFileSync(
      join(planDir, "billing", "plan.txt"),
      "Error: AccessDenied\n",
    );

    let stdout = "";
    const code = planCommentCommand(
      ["--subtitle", "for abc123"],
      { CDKTF_OUTDIR: outdir, PLAN_DIR: planDir },
      { stdout: (t) => (stdout += t), stderr: () => undefined },
    );
    expect(code).toBe(0);
    expect(stdout.split("\n").slice(0, 4)).toEqual([
      COMMENT_MARKER,
      "## Terraform plan",
      "",
      "for abc123",
    ]);
    expect(stdout).toContain("| `billing` | ❌ plan failed: see its output |");
    expect(stdout).toContain("<!-- section: topology.md -->\nTOPOLOGY PICTURE");
    expect(stdout.indexOf("### `billing`")).toBeLessThan(
      stdout.indexOf("### `internal-api`"),
    );
  });

  test("without a synth: a clear error and exit 1", () => {
    let stderr = "";
    const code = planCommentCommand(
      [],
      { CDKTF_OUTDIR: join(tmpdir(), "no-such-outdir") },
      { stdout: () => undefined, stderr: (t) => (stderr += t) },
    );
    expect(code).toBe(1);
    expect(stderr).toContain("No synth manifest at");
  });
});
