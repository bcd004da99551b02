/**
 * docs/iam/*.json: one IAM policy per role, rendered from the type-to-actions
 * table (src/lib/iam-actions.ts).
 */
import {
  POLICIES,
  statementActions,
  type PolicyPlan,
} from "../../src/lib/iam-actions";

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Action: readonly string[];
    readonly Resource: "*";
  }[];
}

export function policyDocument(plan: PolicyPlan): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: plan.statements.map((statement) => ({
      Sid: statement.sid,
      Effect: "Allow",
      Action: statementActions(statement, plan.readOnly),
      Resource: "*",
    })),
  };
}

/**
 * JSON as prettier prints it: objects broken over lines, an array on one
 * line when it fits in 80 columns (so `prettier --check` passes unchanged).
 */
export function prettyJson(value: unknown, indent = "", used = 0): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const flat = `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
    if (
      value.every((item) => typeof item !== "object") &&
      used + flat.length <= 80
    )
      return flat;
    return `[\n${value.map((item) => inner + prettyJson(item, inner)).join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    return `{\n${entries
      .map(([key, item], index) => {
        const lead = `${inner}${JSON.stringify(key)}: `;
        const comma = index < entries.length - 1 ? 1 : 0;
        return lead + prettyJson(item, inner, lead.length + comma);
      })
      .join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** File name under docs/iam/ -> its text. */
export function renderPolicies(): Map<string, string> {
  return new Map(
    POLICIES.map((plan) => [
      plan.file,
      `${prettyJson(policyDocument(plan))}\n`,
    ]),
  );
}
