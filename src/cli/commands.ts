/**
 * The one list of the project's commands: `help` (the cdktf template's file
 * at the root) is generated from it by `npm run docs`, and the README's
 * command list is checked against it, so the three cannot drift apart.
 */

/** An environment variable a command reads. */
export interface CommandVariable {
  readonly name: string;
  /** What it changes, with its default. */
  readonly meaning: string;
}

/** One command a user types. */
export interface Command {
  /** What is typed, e.g. `npm run synth`. */
  readonly usage: string;
  /** One line: what it does. */
  readonly summary: string;
  /** Further lines of detail, printed under the summary in `help`. */
  readonly details?: readonly string[];
  /** The environment variables it reads. @default none */
  readonly env?: readonly CommandVariable[];
}

/** Commands grouped as `help` and the README present them. */
export interface CommandGroup {
  readonly title: string;
  readonly commands: readonly Command[];
}

const CDKTF_OUTDIR: CommandVariable = {
  name: "CDKTF_OUTDIR",
  meaning: "where synth output is written and read (default cdktf.out)",
};
const PRIVATELINK_CONFIG: CommandVariable = {
  name: "PRIVATELINK_CONFIG",
  meaning:
    "the config file, JSON or YAML (default config/default.json; a relative path is read from where you run npm)",
};

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    title: "Install and synthesize",
    commands: [
      { usage: "npm install", summary: "Install the dependencies" },
      {
        usage: "npm run synth",
        summary:
          "Validate the config and write cdktf.out/stacks/<service>/cdk.tf.json",
        details: [
          "`npx cdktf synth` gives the same files",
          "prints a line per stack (name, resource count, path); removes the folders of services that are gone",
          "a config that fails writes nothing and withdraws the previous manifest, so verify and export refuse the old output",
        ],
        env: [
          PRIVATELINK_CONFIG,
          CDKTF_OUTDIR,
          {
            name: "TFC_ORGANIZATION",
            meaning:
              "with TFC_WORKSPACE_PREFIX: keep each stack's state in the Terraform Cloud workspace <prefix><stack>",
          },
          {
            name: "TFC_WORKSPACE_PREFIX",
            meaning:
              "the workspace name prefix (or set terraformCloud in the config)",
          },
        ],
      },
    ],
  },
  {
    title: "Plain Terraform, for teams without cdktf",
    commands: [
      {
        usage: "npm run export",
        summary:
          "Synthesize, then write dist/terraform/<stack>/*.tf; reads cdktf.out/manifest.json, never the config",
        env: [
          CDKTF_OUTDIR,
          {
            name: "EXPORT_DIR",
            meaning: "where the .tf files go (default dist/terraform)",
          },
        ],
      },
      {
        usage: "npm run export:check",
        summary: "Exit 1 when EXPORT_DIR differs from a fresh export (for CI)",
        env: [
          {
            name: "EXPORT_DIR",
            meaning: "the committed export (default dist/terraform)",
          },
        ],
      },
    ],
  },
  {
    title: "Verify (no AWS, no Terraform needed)",
    commands: [
      {
        usage: "npm run verify",
        summary:
          "Prove from the synthesized JSON that every consumer reaches its service",
        details: [
          "a check table per stack, and a Mermaid picture in cdktf.out/stacks/<service>/topology.md",
          "(exit 0 all reachable, 1 a consumer fails, 2 no synth output)",
        ],
        env: [CDKTF_OUTDIR],
      },
    ],
  },
  {
    title:
      "Rehearse the apply without AWS (OpenTofu and the real AWS provider against moto on 127.0.0.1)",
    commands: [
      {
        usage: "npm run engine:install",
        summary:
          "Build the AWS provider and OpenTofu from the Go module proxy, install moto from PyPI",
        details: [
          "into ~/.cache/cross-region-privatelink/engine (cold ~30 min, then a second)",
        ],
        env: [
          {
            name: "PRIVATELINK_ENGINE_HOME",
            meaning:
              "where the toolchain lives (default ~/.cache/cross-region-privatelink/engine)",
          },
        ],
      },
      {
        usage: "npm run engine",
        summary:
          "Every synthesized stack: init, validate, plan, apply, re-plan (no changes), destroy, empty state",
        details: [
          "--outdir DIR, --emulator URL, --jobs N, --keep",
          "(exit 0 all pass, 1 a stack fails, 2 no synth output or no toolchain)",
        ],
        env: [
          CDKTF_OUTDIR,
          {
            name: "PRIVATELINK_ENGINE_HOME",
            meaning: "where the toolchain lives",
          },
        ],
      },
    ],
  },
  {
    title: "Test",
    commands: [
      {
        usage: "npm test",
        summary:
          "Type-check, lint and run the jest suite (no AWS, no Terraform needed)",
      },
      {
        usage: "npm run test:engine",
        summary:
          "The engine tier: every config, example and fixture applied against moto, injected faults, change pairs",
        details: ["(needs npm run engine:install)"],
      },
      {
        usage: "npm run test:watch",
        summary: "Rerun the tests on every change",
      },
      {
        usage: "npm run typecheck",
        summary: "npm test's type-check alone: TypeScript 7's native tsc -b",
      },
      {
        usage: "npm run lint",
        summary:
          "npm test's lint alone: oxlint (.oxlintrc.json), then prettier --check",
      },
    ],
  },
  {
    title:
      "Against real AWS (needs the Terraform CLI >= 1.5 and AWS credentials)",
    commands: [
      {
        usage: "npx cdktf diff [stack]",
        summary: "Plan one stack (a stack is a service name)",
      },
      { usage: "npx cdktf deploy [stack]", summary: "Apply it" },
      { usage: "npx cdktf destroy [stack]", summary: "Destroy it" },
      {
        usage: "npx cdktf output [stack]",
        summary: "Show the endpoint id, peering ids, zone ids and hostnames",
      },
    ],
  },
  {
    title:
      "Pull-request review (.github/workflows/pull-request.yml; needs Terraform and credentials)",
    commands: [
      {
        usage: "scripts/plan-stacks.sh",
        summary:
          "terraform init, plan, show -json per synthesized stack into plan/<stack>/",
        env: [
          CDKTF_OUTDIR,
          { name: "PLAN_DIR", meaning: "where the plans go (default plan)" },
        ],
      },
      {
        usage: "npm run plan:comment -- [--subtitle TEXT] [--artifact-url URL]",
        summary:
          "Print the pull-request comment for those plans (at most 65,536 characters; cuts link the artifact)",
        env: [
          { name: "PLAN_DIR", meaning: "where the plans are (default plan)" },
        ],
      },
    ],
  },
  {
    title: "Maintenance",
    commands: [
      {
        usage: "npm run schema",
        summary: "Regenerate config/schema.json from src/config/schema.ts",
      },
      {
        usage: "npm run docs",
        summary:
          "Regenerate help, docs/config.md and docs/iam/*.json from their sources",
      },
      { usage: "npm run format", summary: "Format with prettier" },
    ],
  },
  {
    title: "Performance",
    commands: [
      {
        usage: "npm run bench",
        summary:
          "Time and memory of npm run synth at 1 to 1,000 consumers against the template-style baseline",
        details: [
          "writes bench/results.md, bench/synth-scaling.svg and docs/performance.md's tables (a few minutes)",
        ],
      },
      {
        usage: "npm run bench -- --quick",
        summary: "The CI check: fewer runs, one baseline run, nothing written",
        details: ["fails only when a figure is more than twice its budget"],
      },
    ],
  },
];

/** Every command, in the order `help` lists them. */
export function allCommands(): Command[] {
  return COMMAND_GROUPS.flatMap((group) => group.commands);
}
