/**
 * Helpers for the verifier's tests: verify a JSON in-process, list what
 * failed, break copies of a synthesized JSON, and read the structure of a
 * Mermaid flowchart the picture writes. No cdktf here: the tests that only
 * need hand-made JSON stay fast.
 */
import { CHECKS, StackReport, verifyStack } from "../src/verify/checks";
import { TerraformDocument } from "../src/output/terraform-json";
// Types only (fixtures.ts loads cdktf).
import type { RawObject, TerraformJson } from "./fixtures";

/** Verifies a stack's Terraform JSON (text or parsed). */
export function verifyJson(
  json: string | TerraformJson,
  stack = "internal-api",
): StackReport {
  const parsed = typeof json === "string" ? JSON.parse(json) : json;
  return verifyStack(stack, new TerraformDocument(parsed));
}

/** `consumer: check` for every failed check, in table order. */
export function failedChecks(report: StackReport): string[] {
  return report.consumers.flatMap((c) =>
    CHECKS.filter((check) => c.checks[check].status === "fail").map(
      (check) => `${c.consumer.name}: ${check}`,
    ),
  );
}

/** The reasons of one consumer's failed check (empty when it passes). */
export function reasonsOf(
  report: StackReport,
  consumer: string,
  check: (typeof CHECKS)[number],
): readonly string[] {
  const found = report.consumers.find((c) => c.consumer.name === consumer);
  if (!found) throw new Error(`no consumer ${consumer} in the report`);
  const verdict = found.checks[check];
  return verdict.status === "fail" ? verdict.reasons : [];
}

/** A broken copy of a synthesized JSON: `change` edits the copy in place. */
export function broken(
  synthesized: string,
  change: (
    json: TerraformJson & { resource: Record<string, RawObject> },
  ) => void,
): TerraformJson {
  const copy = JSON.parse(synthesized);
  change(copy);
  return copy;
}

/** A copy with a resource renamed, and every reference to it (names must not matter). */
export function renamed(
  json: TerraformJson,
  type: string,
  from: string,
  to: string,
): TerraformJson {
  const address = new RegExp(`(?<![\\w.-])${type}\\.${from}(?![\\w-])`, "g");
  const copy = JSON.parse(
    JSON.stringify(json).replace(address, `${type}.${to}`),
  );
  const byName = copy.resource[type];
  byName[to] = byName[from];
  delete byName[from];
  return copy;
}

/** The structure of a flowchart as the picture writes it. */
export interface FlowchartShape {
  /** Subgraph id -> its title and its parent subgraph id. */
  readonly subgraphs: Map<string, { title: string; parent?: string }>;
  /** Node id -> its label and enclosing subgraph id. */
  readonly nodes: Map<string, { label: string; parent?: string }>;
  /** Edges in definition order (the indexes `linkStyle` uses). */
  readonly edges: { from: string; to: string; label: string }[];
  /** Indexes of edges drawn red. */
  readonly redEdges: Set<number>;
  /** Node and subgraph ids drawn red. */
  readonly redIds: Set<string>;
}

export function mermaidBlock(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  if (!match) throw new Error("no mermaid block");
  return match[1];
}

export function flowchartShape(mermaid: string): FlowchartShape {
  const shape: FlowchartShape = {
    subgraphs: new Map(),
    nodes: new Map(),
    edges: [],
    redEdges: new Set(),
    redIds: new Set(),
  };
  const stack: string[] = [];
  for (const raw of mermaid.split("\n").slice(1)) {
    const line = raw.trim();
    let match: RegExpExecArray | null;
    if ((match = /^subgraph (\w+)\["(.*)"\]$/.exec(line))) {
      shape.subgraphs.set(match[1], { title: match[2], parent: stack.at(-1) });
      stack.push(match[1]);
    } else if (line === "end") {
      stack.pop();
    } else if ((match = /^class ([\w,]+) failed$/.exec(line))) {
      // Before the edges: `class a,b failed` has an edge's shape too.
      for (const id of match[1].split(",")) shape.redIds.add(id);
    } else if ((match = /^(\w+) \S+?(?:\|"(.*)"\|)? (\w+)$/.exec(line))) {
      shape.edges.push({ from: match[1], to: match[3], label: match[2] ?? "" });
    } else if ((match = /^(\w+)[[(]+"(.*)"[\])]+$/.exec(line))) {
      shape.nodes.set(match[1], { label: match[2], parent: stack.at(-1) });
    } else if ((match = /^linkStyle ([\d,]+) stroke:#d32f2f/.exec(line))) {
      for (const index of match[1].split(","))
        shape.redEdges.add(Number(index));
    } else if ((match = /^style (\w+) .*stroke:#d32f2f/.exec(line))) {
      shape.redIds.add(match[1]);
    }
  }
  return shape;
}

/** The subgraph ids enclosing a node or subgraph, innermost first. */
export function ancestors(shape: FlowchartShape, id: string): string[] {
  const list: string[] = [];
  let parent = shape.nodes.get(id)?.parent ?? shape.subgraphs.get(id)?.parent;
  while (parent) {
    list.push(parent);
    parent = shape.subgraphs.get(parent)?.parent;
  }
  return list;
}
