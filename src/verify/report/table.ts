/**
 * The check table of a stack, for a terminal and for Markdown: one row per
 * consumer, one column per check, then the reason for every ✗.
 */
import {
  CHECKS,
  ConsumerReport,
  StackReport,
  Verdict,
  consumerPassed,
} from "../checks/findings";

export const PASS = "✓";
export const FAIL = "✗";
export const NOT_APPLICABLE = "n/a";

const HEADINGS = ["consumer", "region", "connectivity", ...CHECKS];

export function symbolOf(verdict: Verdict): string {
  return verdict.status === "pass"
    ? PASS
    : verdict.status === "fail"
      ? FAIL
      : NOT_APPLICABLE;
}

function rowOf(report: ConsumerReport): string[] {
  const { consumer } = report;
  return [
    consumer.name,
    consumer.region,
    consumer.connectivity,
    ...CHECKS.map((check) => symbolOf(report.checks[check])),
  ];
}

/** Every ✗ reason: `[consumer, check, reason]`, in table order. */
export function failures(report: StackReport): [string, string, string][] {
  const list: [string, string, string][] = [];
  for (const consumer of report.consumers) {
    for (const check of CHECKS) {
      const verdict = consumer.checks[check];
      if (verdict.status === "fail")
        for (const reason of verdict.reasons)
          list.push([consumer.consumer.name, check, reason]);
    }
  }
  return list;
}

/** One line on the stack as a whole. */
export function summaryOf(report: StackReport): string {
  if (report.problems.length > 0) return `${FAIL} cannot be verified`;
  const { service } = report.topology ?? { service: undefined };
  const total = report.consumers.length;
  const reaching = report.consumers.filter(consumerPassed).length;
  const what = service
    ? `${service.service_name} (${service.region})`
    : "the service";
  return reaching === total
    ? `${PASS} ${total === 1 ? "the consumer reaches" : `all ${total} consumers reach`} ${what}`
    : `${FAIL} ${total === 1 ? "the consumer cannot" : `${total - reaching} of ${total} consumers cannot`} reach ${what}`;
}

/** Plain-text table for a terminal, with aligned columns. */
export function textReport(report: StackReport): string {
  const lines = [`${report.stack}: ${summaryOf(report)}`];
  for (const problem of report.problems) lines.push(`  ${FAIL} ${problem}`);
  if (report.consumers.length > 0) {
    const rows = [HEADINGS, ...report.consumers.map(rowOf)];
    const widths = HEADINGS.map((_, i) =>
      Math.max(...rows.map((row) => row[i].length)),
    );
    lines.push("");
    for (const row of rows)
      lines.push(
        "  " +
          row
            .map((cell, i) => cell.padEnd(widths[i]))
            .join("  ")
            .trimEnd(),
      );
    const reasons = failures(report);
    if (reasons.length > 0) lines.push("");
    for (const [consumer, check, reason] of reasons)
      lines.push(`  ${FAIL} ${consumer} · ${check}: ${reason}`);
  }
  return lines.join("\n");
}

/** Escapes text for a Markdown table cell or list item. */
export function escapeMarkdown(text: string): string {
  // An underscore inside a word (`aws_route.peering_seoul`) is no emphasis.
  return text.replace(
    /[\\`*[\]<>|#~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g,
    (c) => `\\${c}`,
  );
}

/** The table and the reasons, as Markdown. */
export function markdownReport(report: StackReport): string {
  const lines = [`**${escapeMarkdown(summaryOf(report))}**`, ""];
  for (const problem of report.problems)
    lines.push(`- ${FAIL} ${escapeMarkdown(problem)}`);
  if (report.consumers.length > 0) {
    const cells = (row: string[]) =>
      `| ${row.map(escapeMarkdown).join(" | ")} |`;
    lines.push(cells(HEADINGS));
    lines.push(`| ${HEADINGS.map(() => "---").join(" | ")} |`);
    for (const consumer of report.consumers) lines.push(cells(rowOf(consumer)));
    const reasons = failures(report);
    if (reasons.length > 0) lines.push("");
    for (const [consumer, check, reason] of reasons)
      lines.push(
        `- ${FAIL} **${escapeMarkdown(consumer)}** · ${escapeMarkdown(check)}: ${escapeMarkdown(reason)}`,
      );
  }
  return lines.join("\n");
}
