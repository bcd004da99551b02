/**
 * What a stack's plan does, read from `terraform show -json <plan file>`:
 * Terraform's own counts (to add, to change, to destroy) and every resource
 * that would be destroyed or replaced. On this topology a replace is never
 * harmless: a new peering starts unaccepted and without routes, a new zone
 * is empty until its records exist, a new endpoint has new addresses.
 */
import { isObject } from "../lib/json";

/** Terraform's planned actions for one resource instance. */
export type Action =
  "no-op" | "create" | "read" | "update" | "delete" | "forget";

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  /** "replace" for delete-then-create or create-then-delete. */
  readonly kind: "create" | "update" | "delete" | "replace" | "forget";
  /** Terraform's reason, such as `replace_because_cannot_update`. */
  readonly reason?: string;
}

export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Removed from state without destroying (`removed` blocks, Terraform 1.7+). */
  readonly forget: number;
  /** Every managed resource that changes, in plan order. */
  readonly changes: readonly ResourceChange[];
}

export class PlanFormatError extends Error {}

const sameActions = (actions: readonly string[], expected: string[]) =>
  actions.length === expected.length &&
  actions.every((action, i) => action === expected[i]);

function kindOf(
  actions: readonly string[],
  address: string,
): ResourceChange["kind"] | undefined {
  if (sameActions(actions, ["delete", "create"])) return "replace";
  if (sameActions(actions, ["create", "delete"])) return "replace";
  if (actions.length === 1) {
    const [action] = actions;
    if (action === "no-op" || action === "read") return undefined;
    if (
      action === "create" ||
      action === "update" ||
      action === "delete" ||
      action === "forget"
    )
      return action;
  }
  throw new PlanFormatError(
    `${address}: unknown planned actions ${JSON.stringify(actions)}`,
  );
}

/** Summarizes one plan; throws PlanFormatError when it is not `terraform show -json` output. */
export function summarizePlan(plan: unknown): PlanSummary {
  if (!isObject(plan) || typeof plan.format_version !== "string")
    throw new PlanFormatError(
      "expected the JSON of a saved plan (`terraform show -json <plan file>`), with a format_version",
    );
  const resourceChanges = plan.resource_changes ?? [];
  if (!Array.isArray(resourceChanges))
    throw new PlanFormatError("expected resource_changes to be a list");

  const changes: ResourceChange[] = [];
  for (const entry of resourceChanges) {
    if (!isObject(entry) || !isObject(entry.change))
      throw new PlanFormatError(
        `expected each resource change to have a change, got ${JSON.stringify(entry)}`,
      );
    const address = String(entry.address);
    const actions = entry.change.actions;
    if (!Array.isArray(actions))
      throw new PlanFormatError(`${address}: expected change.actions`);
    // Data sources are read, never changed; Terraform leaves them out of its counts.
    if (entry.mode === "data") continue;
    const kind = kindOf(actions as string[], address);
    if (!kind) continue;
    changes.push({
      address,
      type: String(entry.type),
      kind,
      ...(typeof entry.action_reason === "string"
        ? { reason: entry.action_reason }
        : {}),
    });
  }
  const count = (...kinds: ResourceChange["kind"][]) =>
    changes.filter((c) => kinds.includes(c.kind)).length;
  return {
    add: count("create", "replace"),
    change: count("update"),
    destroy: count("delete", "replace"),
    forget: count("forget"),
    changes,
  };
}

/** The changes that take something away: destroys and replaces. */
export function destructiveChanges(
  summary: PlanSummary,
): readonly ResourceChange[] {
  return summary.changes.filter(
    (c) => c.kind === "delete" || c.kind === "replace",
  );
}

/** Terraform's summary line: `1 to add, 0 to change, 1 to destroy`. */
export function countsLine(summary: PlanSummary): string {
  const line = `${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy`;
  return summary.forget > 0 ? `${line}, ${summary.forget} to forget` : line;
}

/** What destroying or replacing a resource of each type does to live traffic. */
const IMPACT: Readonly<Record<string, string>> = {
  aws_vpc_peering_connection:
    "the consumer's traffic stops: a new peering starts unaccepted, and its routes must follow",
  aws_vpc_peering_connection_accepter:
    "the consumer's traffic stops until the peering is accepted again and the routes point at it",
  aws_route: "traffic over this route stops until it is recreated",
  aws_route53_zone:
    "the hostnames stop resolving to the endpoint in the consumer VPCs (a new zone has a new id and no records yet)",
  aws_route53_record: "the hostname stops resolving until the record is back",
  aws_vpc_endpoint:
    "every client connection drops: a new endpoint has new IP addresses and DNS names",
  aws_subnet: "the endpoint's network interfaces in this AZ go away",
  aws_vpc: "everything in the endpoint VPC is rebuilt: a full outage",
  aws_security_group: "the endpoint refuses clients until the rules are back",
  aws_vpc_security_group_ingress_rule:
    "clients of this CIDR and port are refused until the rule is back",
  aws_route_table: "the return routes to the consumers go away",
  aws_route_table_association: "the subnet loses its return routes",
};

export function impactOf(change: ResourceChange): string {
  return IMPACT[change.type] ?? "may interrupt traffic";
}
