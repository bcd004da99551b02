/**
 * The `admission` column: the security groups on the consumer's endpoints
 * sit in the endpoint's VPC and admit TCP on every service port from every
 * consumer CIDR.
 */
import { cidrContains } from "../../lib/cidr";
import { PortRange, portLabel } from "../../lib/ports";
import { DeclaredConsumer } from "../../output/topology";
import { Endpoint, IngressRule } from "../model/network";
import { StackContext, noEndpointFor } from "./context";

export function checkAdmission(
  context: StackContext,
  consumer: DeclaredConsumer,
  endpoints: readonly Endpoint[],
): string[] {
  if (endpoints.length === 0) return [noEndpointFor(context, consumer)];
  return endpoints.flatMap((endpoint) =>
    endpointAdmission(context, consumer, endpoint),
  );
}

function endpointAdmission(
  context: StackContext,
  consumer: DeclaredConsumer,
  endpoint: Endpoint,
): string[] {
  const groups = endpoint.securityGroups;
  const unknown = endpoint.unknownGroups;
  if (groups.length === 0 && unknown.length === 0)
    return [
      `${endpoint.address} has no security_group_ids: the VPC's default group admits only its own members`,
    ];
  const reasons: string[] = [];
  for (const group of groups) {
    if (group.vpc === undefined)
      reasons.push(
        `${group.address} has no vpc_id: it is made in the region's default VPC, and AWS refuses it on ${endpoint.address}`,
      );
    else if (group.vpc.key !== endpoint.vpc?.key)
      reasons.push(
        `${group.address} is in ${group.vpc.key}, not in ${endpoint.vpc?.key ?? "the endpoint's VPC"}: AWS refuses it on ${endpoint.address}`,
      );
  }
  const rules = context.index.rulesOf(endpoint);
  const groupsLabel =
    groups.map((g) => g.address).join(", ") ||
    "no security group of this stack";
  for (const cidr of consumer.cidrs)
    for (const port of context.service.ports) {
      if (admitsPort(rules.applicable(cidr), port)) continue;
      reasons.push(
        `missing aws_vpc_security_group_ingress_rule: ${groupsLabel} (on ${endpoint.address}) admits no tcp/${portLabel(port)} from ${cidr}${
          unknown.length > 0
            ? ` (${unknown.join(", ")} is not a group of this stack, so what it admits is unknown)`
            : ""
        }`,
      );
    }
  return reasons;
}

/** Whether the rules admit TCP on every port of `port` from all of `cidr`. */
export function admits(
  rules: readonly IngressRule[],
  cidr: string,
  port: PortRange,
): boolean {
  return admitsPort(
    rules.filter((rule) =>
      rule.cidrs.some((ruleCidr) => cidrContains(ruleCidr, cidr)),
    ),
    port,
  );
}

/** Whether rules that each hold the whole source admit TCP on every port of `port`. */
function admitsPort(
  applicable: readonly IngressRule[],
  port: PortRange,
): boolean {
  if (applicable.some((rule) => rule.protocol === "all")) return true;
  // Several TCP rules may cover the range between them.
  const ranges = applicable
    .filter((rule) => rule.protocol === "tcp")
    .filter((rule) => rule.from !== undefined && rule.to !== undefined)
    .map((rule) => [rule.from as number, rule.to as number] as const)
    .sort((a, b) => a[0] - b[0]);
  let next = port.from;
  for (const [from, to] of ranges) {
    if (from > next) break;
    next = Math.max(next, to + 1);
    if (next > port.to) return true;
  }
  return next > port.to;
}
