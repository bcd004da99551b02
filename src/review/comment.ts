/**
 * The pull-request comment: one per pull request, found again by its
 * first line (a hidden marker) and updated in place. Per stack: a one-line
 * summary, loud warnings for anything destroyed or replaced, any extra
 * sections other tools provide (a topology picture, say), and the full plan
 * folded in a details block.
 */
import {
  PlanSummary,
  countsLine,
  destructiveChanges,
  impactOf,
} from "./plan-summary";

/** The comment's first line; the workflow finds its earlier comment by it. */
export const COMMENT_MARKER = "<!-- privatelink-plan-review -->";

/** GitHub refuses comments over 65,536 characters; leave room. */
export const MAX_COMMENT_LENGTH = 65_000;

/** Markdown another tool adds to a stack's part of the comment. */
export interface ExtraSection {
  /** Where it came from, e.g. `topology.md`; shown as a hidden marker. */
  readonly source: string;
  readonly markdown: string;
}

export interface StackReview {
  readonly name: string;
  /** Absent when the plan failed or could not be read. */
  readonly summary?: PlanSummary;
  /** Why there is no summary. */
  readonly error?: string;
  /** `terraform show -no-color` of the plan, or the failed run's output. */
  readonly planText?: string;
  readonly sections?: readonly ExtraSection[];
}

export interface CommentOptions {
  /** A line under the title, e.g. the commit the plan is for. */
  readonly subtitle?: string;
  readonly maxLength?: number;
}

/** A code fence longer than any run of backticks in `text`. */
function fenced(text: string): string {
  const longest = Math.max(
    2,
    ...[...text.matchAll(/`+/g)].map((m) => m[0].length),
  );
  const fence = "`".repeat(longest + 1);
  return `${fence}\n${text.replace(/\n*$/, "")}\n${fence}`;
}

function statusLine(stack: StackReview): string {
  if (!stack.summary)
    return `❌ plan failed: ${(stack.error ?? "no plan").split("\n")[0].replace(/\|/g, "\\|")}`;
  const destructive = destructiveChanges(stack.summary);
  const counts = countsLine(stack.summary);
  if (destructive.length > 0) {
    const replaced = destructive.filter((c) => c.kind === "replace").length;
    const destroyed = destructive.length - replaced;
    const what = [
      replaced > 0 ? `${replaced} replaced` : "",
      destroyed > 0 ? `${destroyed} destroyed` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return `🛑 **${counts}** (${what})`;
  }
  return stack.summary.changes.length === 0 ? `✅ no changes` : `🟢 ${counts}`;
}

function destructiveList(stack: StackReview): string[] {
  if (!stack.summary) return [];
  return destructiveChanges(stack.summary).map(
    (c) =>
      `> - \`${c.address}\` **${c.kind === "replace" ? "REPLACED" : "DESTROYED"}**${c.reason ? ` (${c.reason})` : ""}: ${impactOf(c)}`,
  );
}

function stackPart(stack: StackReview, planText: string | undefined): string {
  const lines = [`### \`${stack.name}\``, "", statusLine(stack)];
  const destructive = destructiveList(stack);
  if (destructive.length > 0)
    lines.push(
      "",
      "> [!CAUTION]",
      "> Applying this breaks live traffic until the new resources are in place:",
      ...destructive,
    );
  for (const section of stack.sections ?? [])
    lines.push(
      "",
      `<!-- section: ${section.source} -->`,
      section.markdown.trim(),
    );
  if (planText !== undefined)
    lines.push(
      "",
      "<details>",
      `<summary>${stack.summary ? "Full plan" : "Output"} of ${stack.name}</summary>`,
      "",
      fenced(planText),
      "",
      "</details>",
    );
  return lines.join("\n");
}

/** Cuts each plan text to an equal share of what the limit leaves. */
function fitPlans(
  stacks: readonly StackReview[],
  render: (texts: (string | undefined)[]) => string,
  maxLength: number,
): (string | undefined)[] {
  const full = stacks.map((s) => s.planText);
  if (render(full).length <= maxLength) return full;
  const withPlans = full.filter((t) => t !== undefined).length;
  const note = (cut: number) =>
    `\n… ${cut} more characters cut to fit a GitHub comment; the workflow's log and plan artifact have the full plan.`;
  const skeleton = render(full.map((t) => (t === undefined ? t : ""))).length;
  const share = Math.max(
    0,
    Math.floor((maxLength - skeleton) / withPlans) - note(10 ** 9).length,
  );
  return full.map((text) =>
    text === undefined || text.length <= share
      ? text
      : text.slice(0, share) + note(text.length - share),
  );
}

/** The whole comment for every stack's plan. */
export function buildComment(
  stacks: readonly StackReview[],
  options: CommentOptions = {},
): string {
  const render = (texts: (string | undefined)[]) => {
    const destructive = stacks.flatMap((s) =>
      s.summary ? destructiveChanges(s.summary) : [],
    );
    const failed = stacks.filter((s) => !s.summary);
    const header = [
      COMMENT_MARKER,
      "## Terraform plan",
      ...(options.subtitle ? ["", options.subtitle] : []),
    ];
    if (destructive.length > 0)
      header.push(
        "",
        "> [!CAUTION]",
        `> **This plan destroys or replaces ${destructive.length} resource(s).** On this topology that breaks live traffic: a replaced peering starts unaccepted and without routes, a replaced zone starts empty. See each stack below before applying.`,
      );
    if (failed.length > 0)
      header.push(
        "",
        "> [!WARNING]",
        `> The plan failed for ${failed.map((s) => `\`${s.name}\``).join(", ")}.`,
      );
    const table = [
      "",
      "| Stack | Plan |",
      "| --- | --- |",
      ...stacks.map((s) => `| \`${s.name}\` | ${statusLine(s)} |`),
    ];
    return [
      ...header,
      ...table,
      ...stacks.map((s, i) => `\n${stackPart(s, texts[i])}`),
      "",
    ].join("\n");
  };
  return render(
    fitPlans(stacks, render, options.maxLength ?? MAX_COMMENT_LENGTH),
  );
}
