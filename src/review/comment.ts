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
  /**
   * Where the workflow keeps every stack's full plan and pictures (the
   * `plans` artifact's page); the notes on what was cut link there.
   * @default - the notes name the artifact without a link
   */
  readonly artifactUrl?: string;
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

/** A stack's plan and extra sections as the comment shows them: whole, cut, or left out. */
interface StackContent {
  readonly planText?: string;
  readonly sections: readonly string[];
}

function folded(summary: string, body: string): string[] {
  return [
    "",
    "<details>",
    `<summary>${summary}</summary>`,
    "",
    body,
    "",
    "</details>",
  ];
}

function stackPart(stack: StackReview, content: StackContent): string {
  const lines = [`### \`${stack.name}\``, "", statusLine(stack)];
  const destructive = destructiveList(stack);
  if (destructive.length > 0)
    lines.push(
      "",
      "> [!CAUTION]",
      "> Applying this breaks live traffic until the new resources are in place:",
      ...destructive,
    );
  (stack.sections ?? []).forEach((section, i) =>
    lines.push(
      ...folded(
        `${section.source} of ${stack.name}`,
        `<!-- section: ${section.source} -->\n${content.sections[i]}`,
      ),
    ),
  );
  if (content.planText !== undefined)
    lines.push(
      ...folded(
        `${stack.summary ? "Full plan" : "Output"} of ${stack.name}`,
        fenced(content.planText),
      ),
    );
  return lines.join("\n");
}

/** Where a cut file is whole: in the workflow's artifact, linked when known. */
function whereWhole(file: string, artifactUrl: string | undefined): string {
  const artifact = artifactUrl
    ? `[the workflow's \`plans\` artifact](${artifactUrl})`
    : "the workflow's `plans` artifact";
  return `the whole file is \`plan/${file}\` in ${artifact}`;
}

const count = (n: number) => n.toLocaleString("en-US");

/** A plan text or an extra section, and how it reads when cut to `room`. */
interface Piece {
  readonly stack: number;
  /** undefined: the plan text; else the index of the section. */
  readonly section?: number;
  readonly text: string;
  /** Whole or left out, never cut (a code fence cut in half renders as garbage). */
  readonly atomic: boolean;
  cut(room: number): string;
}

function sectionPiece(
  stack: StackReview,
  i: number,
  section: ExtraSection,
  j: number,
  artifactUrl: string | undefined,
): Piece {
  const text = section.markdown.trim();
  const where = whereWhole(`${stack.name}/${section.source}`, artifactUrl);
  const note = `_${section.source} (${count(text.length)} characters) is left out to fit a GitHub comment; ${where}._`;
  const atomic = /^(```|~~~)/m.test(text);
  return {
    stack: i,
    section: j,
    text,
    atomic,
    // Markdown with a code fence (a Mermaid picture) cut in the middle would
    // render as garbage: such a section is left out whole, with a note.
    cut: (room) => {
      if (atomic || room <= note.length + 2) return note;
      const kept = text.slice(0, room - note.length - 2);
      return `${kept.slice(0, Math.max(0, kept.lastIndexOf("\n")))}\n\n${note}`;
    },
  };
}

function planPiece(
  stack: StackReview,
  i: number,
  text: string,
  artifactUrl: string | undefined,
): Piece {
  const where = whereWhole(`${stack.name}/plan.txt`, artifactUrl);
  const note = (cut: number) =>
    `\n… ${count(cut)} more characters cut to fit a GitHub comment; ${where}.`;
  return {
    stack: i,
    text,
    atomic: false,
    // Cut at a line's end, so no resource line is left half.
    cut: (room) => {
      const kept = Math.max(0, room - note(text.length).length);
      const end = Math.max(0, text.lastIndexOf("\n", kept));
      return text.slice(0, end) + note(text.length - end);
    },
  };
}

function piecesOf(
  stacks: readonly StackReview[],
  artifactUrl: string | undefined,
): Piece[] {
  return stacks.flatMap((stack, i) => [
    ...(stack.sections ?? []).map((section, j) =>
      sectionPiece(stack, i, section, j, artifactUrl),
    ),
    ...(stack.planText === undefined
      ? []
      : [planPiece(stack, i, stack.planText, artifactUrl)]),
  ]);
}

/**
 * Every stack's content within `room` characters. Plans come first: the
 * room is shared equally among them, a plan smaller than its share is whole
 * and leaves the rest to the others, a larger one is cut. What the plans
 * leave goes to the pictures, smallest first, each whole or left out.
 */
function fitContent(
  stacks: readonly StackReview[],
  pieces: readonly Piece[],
  room: number,
): StackContent[] {
  const shown = new Map<Piece, string>();
  const bySize = [...pieces].sort((a, b) => a.text.length - b.text.length);
  const cuttable = bySize.filter((p) => !p.atomic);
  const atomic = bySize.filter((p) => p.atomic);
  // Room for a note on every picture, whatever happens.
  let left = room - atomic.reduce((n, p) => n + p.cut(0).length, 0);
  cuttable.forEach((piece, i) => {
    const share = Math.max(0, Math.floor(left / (cuttable.length - i)));
    const text = piece.text.length <= share ? piece.text : piece.cut(share);
    shown.set(piece, text);
    left -= text.length;
  });
  for (const piece of atomic) {
    const note = piece.cut(0);
    const whole = piece.text.length - note.length <= left;
    shown.set(piece, whole ? piece.text : note);
    if (whole) left -= piece.text.length - note.length;
  }
  return stacks.map((_, i) => {
    const mine = pieces.filter((p) => p.stack === i);
    const plan = mine.find((p) => p.section === undefined);
    return {
      planText: plan && shown.get(plan),
      sections: mine
        .filter((p) => p.section !== undefined)
        .map((p) => shown.get(p) ?? ""),
    };
  });
}

/** The whole comment for every stack's plan. */
export function buildComment(
  stacks: readonly StackReview[],
  options: CommentOptions = {},
): string {
  const maxLength = options.maxLength ?? MAX_COMMENT_LENGTH;
  const render = (contents: readonly StackContent[]) => {
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
      ...stacks.map((s, i) => `\n${stackPart(s, contents[i])}`),
      "",
    ].join("\n");
  };
  const pieces = piecesOf(stacks, options.artifactUrl);
  const full = render(fitContent(stacks, pieces, Infinity));
  if (full.length <= maxLength) return full;
  // What is left beside the summary, the warnings and the folds, shared out;
  // then narrowed by any overshoot (a cut piece's note can outgrow its share).
  const bare = render(fitContent(stacks, pieces, 0));
  let room = maxLength - bare.length;
  for (const piece of pieces) room += piece.cut(0).length;
  for (let attempt = 0; attempt < 8; attempt++) {
    const comment = render(fitContent(stacks, pieces, room));
    if (comment.length <= maxLength) return comment;
    room -= comment.length - maxLength;
  }
  if (bare.length <= maxLength) return bare;
  // Hundreds of stacks: even the summary does not fit. Keep its start.
  const tail =
    "\n\n… the comment is cut here to fit GitHub's limit; the workflow's log and `plans` artifact have every stack.\n";
  return bare.slice(0, maxLength - tail.length) + tail;
}
