/**
 * A stack's topology as a Mermaid flowchart: regions as subgraphs; the
 * endpoint VPC with its subnets by AZ ID, the endpoint and the service; each
 * consumer VPC; peering edges; private hosted zones with the hostnames they
 * answer. Whatever fails a check is drawn in red. The consumers' paths and
 * zones are the ones the checks judged (their findings), never found again
 * here. Node ids are numbered in a fixed traversal order, so the same JSON
 * always gives the same text.
 *
 * Every flowchart stays within Mermaid's default limits (500 edges, 50,000
 * characters), or Mermaid refuses to draw it. When drawing each consumer
 * would pass them, consumers that pass every check are drawn as one group
 * per region and connectivity (groups.ts); a failing consumer is always
 * drawn on its own, as many as fit, and the rest are counted in one node.
 */
import { StackReport, consumerPassed } from "../checks/findings";
import { Flowchart } from "./flowchart";
import { Layout, draw } from "./drawing";
import { groupsOf } from "./groups";
import { escapeMarkdown, markdownReport } from "./table";

/** Mermaid's defaults: `maxEdges` and `maxTextSize`. */
export const MERMAID_LIMITS = { edges: 500, text: 50_000 } as const;

/**
 * The Mermaid flowchart of a verified stack, within `limits`: every
 * consumer on its own when that fits; else the passing ones grouped, and as
 * many failing ones on their own as fit (found by bisection).
 */
export function mermaidOf(
  report: StackReport,
  limits: { readonly edges: number; readonly text: number } = MERMAID_LIMITS,
): string {
  const fits = ({ chart, text }: { chart: Flowchart; text: string }) =>
    chart.edges <= limits.edges && text.length <= limits.text;
  const all = { individual: report.consumers, groups: [], hiddenFailures: 0 };
  const whole = draw(report, all);
  if (fits(whole)) return whole.text;
  const failing = report.consumers.filter((c) => !consumerPassed(c));
  const groups = groupsOf(report.consumers.filter(consumerPassed));
  const layout = (n: number): Layout => ({
    individual: failing.slice(0, n),
    groups,
    hiddenFailures: failing.length - n,
  });
  let [low, high] = [0, failing.length];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(draw(report, layout(mid)))) low = mid;
    else high = mid - 1;
  }
  return draw(report, layout(low)).text;
}

/** `topology.md`: a heading, the flowchart and the check table. */
export function topologyMarkdown(report: StackReport): string {
  const service = report.topology?.service;
  return [
    `# ${escapeMarkdown(report.stack)}: reachability${
      service ? ` of ${escapeMarkdown(service.service_name)}` : ""
    }`,
    "",
    "Derived by `npm run verify` from the synthesized Terraform JSON (not the config). Red: a failed check.",
    "",
    "```mermaid",
    mermaidOf(report),
    "```",
    "",
    markdownReport(report),
    "",
  ].join("\n");
}
