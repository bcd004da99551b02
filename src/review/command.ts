/**
 * `npm run plan:comment`: the pull-request comment, from the plans the
 * workflow saved. For every stack of `${CDKTF_OUTDIR:-cdktf.out}/manifest.json`
 * it reads `${PLAN_DIR:-plan}/<stack>/`:
 *
 *   plan.json   `terraform show -json <plan file>`; absent when the plan failed
 *   plan.txt    `terraform show -no-color <plan file>`, or the failed run's output
 *   *.md        extra sections from other tools (e.g. topology.md), in name order
 *
 * and prints the comment's markdown, at most GitHub's 65,536 characters:
 * what does not fit is cut with a note saying where the whole file is
 * (`--artifact-url`: the page of the workflow's `plans` artifact). A stack without plan.json is shown as
 * failed; the command still exits 0 so the comment gets posted.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { SynthOutputError, synthesizedStacks } from "../output/manifest";
import { CommandOutput, outdirFromEnv } from "../cli/io";
import { ExtraSection, StackReview, buildComment } from "./comment";
import { PlanFormatError, summarizePlan } from "./plan-summary";

export type { CommandOutput };

const PLAN_FILES = new Set(["plan.json", "plan.txt"]);

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** One stack's review from its plan directory. */
export function reviewOf(name: string, dir: string): StackReview {
  const planText = readIfExists(join(dir, "plan.txt"));
  const sections: ExtraSection[] = existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith(".md") && !PLAN_FILES.has(file))
        .sort()
        .map((file) => ({
          source: file,
          markdown: readFileSync(join(dir, file), "utf8"),
        }))
    : [];
  const planJson = readIfExists(join(dir, "plan.json"));
  if (planJson === undefined)
    return {
      name,
      error: planText === undefined ? "no plan was made" : "see its output",
      planText,
      sections,
    };
  try {
    return {
      name,
      summary: summarizePlan(JSON.parse(planJson)),
      planText,
      sections,
    };
  } catch (error) {
    const reason =
      error instanceof PlanFormatError || error instanceof SyntaxError
        ? error.message
        : String(error);
    return {
      name,
      error: `plan.json unreadable: ${reason}`,
      planText,
      sections,
    };
  }
}

export const PLAN_COMMENT_USAGE = `usage: npm run plan:comment [-- --subtitle TEXT] [-- --artifact-url URL]

Prints the pull-request comment (markdown, at most 65,536 characters) for the
plans in \${PLAN_DIR:-plan}/<stack>/ of every stack of the last synth.

  --subtitle TEXT     a line under the title, e.g. the commit planned
  --artifact-url URL  the page of the workflow's plans artifact, linked
                      wherever a plan or picture is cut to fit
  --help              this text

Exit: 0 printed; 1 no synth output; 2 a usage error.
`;

export function planCommentCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: CommandOutput,
): number {
  let subtitle: string | undefined;
  let artifactUrl: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--help" || args[i] === "-h") {
      output.stdout(PLAN_COMMENT_USAGE);
      return 0;
    } else if (args[i] === "--subtitle" && i + 1 < args.length)
      subtitle = args[++i];
    else if (args[i] === "--artifact-url" && i + 1 < args.length)
      artifactUrl = args[++i];
    else {
      output.stderr(`unknown argument ${args[i]}; ${PLAN_COMMENT_USAGE}`);
      return 2;
    }
  }
  const outdir = outdirFromEnv(env);
  const planDir = env.PLAN_DIR || "plan";
  let stacks;
  try {
    stacks = synthesizedStacks(outdir);
  } catch (error) {
    if (!(error instanceof SynthOutputError)) throw error;
    output.stderr(`plan:comment failed: ${error.message}\n`);
    return 1;
  }
  const reviews = stacks.map((stack) =>
    reviewOf(stack.name, join(planDir, stack.name)),
  );
  output.stdout(buildComment(reviews, { subtitle, artifactUrl }));
  return 0;
}
