/**
 * The rules of a service's consumers: each mode's own fields, and what two
 * consumers of one service cannot share (a name, a VPC, a route table, an
 * address range, an account's role).
 */
import { Json, Located, connectivityOf, valid } from "../raw";
import { accountOf } from "../../lib/arn";
import { PathSegment, Problem, formatPath, problem } from "../problems";
import {
  ConsumerCidr,
  Name,
  Region,
  RoleArn,
  RouteTableId,
  SubnetId,
  VpcId,
} from "../schema";
import {
  OwnedCidr,
  ServiceView,
  duplicates,
  ownedCidr,
  overlaps,
  validEntries,
} from "./common";

interface ModeRule {
  readonly needed: string;
  readonly unwanted: string;
  readonly why: string;
}

const MODES: Record<"peering" | "native", ModeRule> = {
  peering: {
    needed: "routeTableIds",
    unwanted: "subnetIds",
    why: 'a peering consumer gets routes in the route tables of its client subnets; subnets are for "connectivity": "native"',
  },
  native: {
    needed: "subnetIds",
    unwanted: "routeTableIds",
    why: "a native consumer gets an endpoint in its own subnets (at most one per AZ) and needs no routes",
  },
};

/** Each consumer with the rule of its mode, when the mode is valid. */
function withMode(
  service: ServiceView,
): { consumer: Located<Json>; mode: string; rule: ModeRule }[] {
  return service.consumers.flatMap((consumer) => {
    const mode = connectivityOf(consumer.value);
    return mode ? [{ consumer, mode, rule: MODES[mode] }] : [];
  });
}

/** A peering needs route tables to route through; a native endpoint needs subnets to sit in. */
export function consumerHasItsModesList(service: ServiceView): Problem[] {
  return withMode(service).flatMap(({ consumer, rule }) =>
    consumer.value[rule.needed] === undefined
      ? [
          problem(
            [...consumer.path, rule.needed],
            undefined,
            `expected a list of ${rule.needed === "subnetIds" ? "subnet" : "route table"} ids: ${rule.why}`,
          ),
        ]
      : [],
  );
}

/** The other mode's list would be ignored, so it is refused rather than silently dropped. */
export function consumerHasNoOtherModesList(service: ServiceView): Problem[] {
  return withMode(service).flatMap(({ consumer, mode, rule }) =>
    consumer.value[rule.unwanted] !== undefined
      ? [
          problem(
            [...consumer.path, rule.unwanted],
            consumer.value[rule.unwanted],
            `expected no ${rule.unwanted} on a ${mode} consumer: ${rule.why}`,
          ),
        ]
      : [],
  );
}

/** An interface endpoint takes each subnet once. */
export function subnetsOnce(service: ServiceView): Problem[] {
  return withMode(service).flatMap(({ consumer }) =>
    duplicates(
      validEntries(
        consumer.value.subnetIds,
        [...consumer.path, "subnetIds"],
        SubnetId,
      ),
      (id) => id,
      (first) =>
        `expected each subnet once (also at ${formatPath(first.path)})`,
    ),
  );
}

/** Providers are made per account and region, so an account has one role in a service. */
export function oneRolePerAccount(service: ServiceView): Problem[] {
  const roles = [
    { path: [...service.path, "roleArn"], value: service.value.roleArn },
    ...service.consumers.map((c) => ({
      path: [...c.path, "roleArn"],
      value: c.value.roleArn,
    })),
  ].filter((r): r is Located<string> => valid(RoleArn, r.value));
  const roleOfAccount = new Map<string, Located<string>>();
  const found: Problem[] = [];
  for (const role of roles) {
    const first = roleOfAccount.get(accountOf(role.value));
    if (!first) roleOfAccount.set(accountOf(role.value), role);
    else if (first.value !== role.value) {
      found.push(
        problem(
          role.path,
          role.value,
          `expected one role per account within a service (account ${accountOf(role.value)} already uses ${first.value} at ${formatPath(first.path)}): providers are made per account and region`,
        ),
      );
    }
  }
  return found;
}

/** A consumer's name is part of its resources' names and addresses. */
export function consumerNamesUnique(service: ServiceView): Problem[] {
  return duplicates(
    service.consumers
      .filter((c) => valid(Name, c.value.name))
      .map((c) => ({
        path: [...c.path, "name"],
        value: c.value.name as string,
      })),
    (name) => name,
    (first) =>
      `expected a consumer name unique within the service (also at ${formatPath(first.path)})`,
  );
}

/** AWS allows one peering between two VPCs. */
export function consumerVpcsOnce(service: ServiceView): Problem[] {
  const vpcs: (Located<string> & { region: string })[] = service.consumers
    .filter((c) => valid(VpcId, c.value.vpcId) && valid(Region, c.value.region))
    .map((c) => ({
      path: [...c.path, "vpcId"] as PathSegment[],
      value: c.value.vpcId as string,
      region: c.value.region as string,
    }));
  return duplicates(
    vpcs,
    (vpc) => vpc,
    (first) =>
      `expected each consumer VPC once per service (also at ${formatPath(first.path)}); AWS allows one peering between two VPCs`,
  );
}

/** A route table belongs to one VPC, so one consumer of the service. */
export function routeTablesOnce(service: ServiceView): Problem[] {
  return duplicates(
    service.consumers.flatMap((c) =>
      validEntries(
        c.value.routeTableIds,
        [...c.path, "routeTableIds"],
        RouteTableId,
      ),
    ),
    (id) => id,
    (first) =>
      `expected each route table once per service (also at ${formatPath(first.path)}); a route table belongs to one VPC`,
  );
}

/** A peering cannot join overlapping networks; native consumers' CIDRs may overlap anything. */
export function peeredCidrsDisjoint(service: ServiceView): Problem[] {
  const blocks: OwnedCidr[] = [];
  if (service.cidr)
    blocks.push(
      ownedCidr([...service.vpcPath, "cidr"], service.cidr, "the endpoint VPC"),
    );
  for (const consumer of service.peered) {
    const owner = valid(Name, consumer.value.name)
      ? `consumer "${consumer.value.name}"`
      : `the consumer at ${formatPath(consumer.path)}`;
    for (const block of validEntries(
      consumer.value.cidrs,
      [...consumer.path, "cidrs"],
      ConsumerCidr,
    ))
      blocks.push(ownedCidr(block.path, block.value, owner));
  }
  return overlaps(blocks, (block, other) =>
    block.owner === other.owner
      ? `expected CIDRs of one VPC not to overlap each other (${other.cidr} at ${formatPath(other.path)})`
      : `expected a block that does not overlap ${other.cidr} of ${other.owner} (${formatPath(other.path)}): peering cannot join overlapping networks`,
  );
}
