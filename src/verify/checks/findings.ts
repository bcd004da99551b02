/**
 * What the checks find: a verdict per column of the table for every
 * consumer, and the parts of the network each verdict was judged on, so the
 * report can draw them without judging again.
 */
import { DeclaredConsumer, Topology } from "../../output/topology";
import { Endpoint, Network, Peering, Zone } from "../model/network";

/** The columns of the table, in order. */
export const CHECKS = [
  "name",
  "route there",
  "route back",
  "admission",
  "placement",
] as const;
export type CheckName = (typeof CHECKS)[number];

export type Verdict =
  | { readonly status: "pass" }
  | { readonly status: "fail"; readonly reasons: readonly string[] }
  | { readonly status: "n/a"; readonly note: string };

export interface ConsumerReport {
  readonly consumer: DeclaredConsumer;
  readonly checks: Readonly<Record<CheckName, Verdict>>;
  /** Interface endpoints the consumer is meant to use. */
  readonly endpoints: readonly Endpoint[];
  /** Peerings that join the consumer's VPC to its endpoint's VPC. */
  readonly peerings: readonly Peering[];
  /** Zones associated with the consumer's VPC in its region: what it resolves with. */
  readonly visibleZones: readonly Zone[];
  /** Zones of a declared hostname that are not visible to the consumer. */
  readonly unseenZones: readonly Zone[];
}

export interface StackReport {
  readonly stack: string;
  /** Problems that stop the consumers from being judged at all (no topology). */
  readonly problems: readonly string[];
  readonly topology?: Topology;
  readonly network?: Network;
  /** The service's endpoints: `aws_vpc_endpoint`s with its service name. */
  readonly serviceEndpoints: readonly Endpoint[];
  readonly consumers: readonly ConsumerReport[];
}

export function consumerPassed(report: ConsumerReport): boolean {
  return CHECKS.every((check) => report.checks[check].status !== "fail");
}

export function stackPassed(report: StackReport): boolean {
  return report.problems.length === 0 && report.consumers.every(consumerPassed);
}

export const pass: Verdict = { status: "pass" };

/** Pass without reasons, fail with them. */
export function verdict(reasons: readonly string[]): Verdict {
  return reasons.length === 0 ? pass : { status: "fail", reasons };
}
