/**
 * Terraform addresses. Construct ids are state addresses: a resource's name
 * is its construct path below the stack, joined with `_`, so it reads like
 * the config (`aws_route.peering_seoul_outbound_rtb-0a1b2c3d`) and depends
 * only on the user's names, never on list positions.
 *
 * One convention keeps names short: a child whose id is its own resource
 * type without the `aws_` prefix takes its parent's name, so `new Vpc(this,
 * "vpc")` inside the construct `endpoint_vpc` is `aws_vpc.endpoint_vpc`.
 */
import type { IConstruct } from "constructs";

/** A construct id from a user's value: `10.0.0.0/16` -> `10_0_0_0_16`, `*.x.com` -> `wildcard_x_com`. */
export function idPart(value: string): string {
  return value.replace(/^\*/, "wildcard").replace(/[^A-Za-z0-9-]/g, "_");
}

/** The Terraform name of an element of `stack`. */
export function addressName(
  element: IConstruct,
  stack: IConstruct,
  resourceType?: string,
): string {
  const scopes = element.node.scopes;
  const components = scopes
    .slice(scopes.indexOf(stack) + 1)
    .map((scope) => scope.node.id);
  const own = resourceType?.replace(/^aws_/, "");
  if (components.length > 1 && components[components.length - 1] === own)
    components.pop();
  return components.join("_");
}
