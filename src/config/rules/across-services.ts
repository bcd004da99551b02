/**
 * The rules across services: each service is its own stack, but the stacks
 * meet in the consumer VPCs, their route tables and their private zones.
 */
import { Json, Located, connectivityOf, isObject, items, valid } from "../raw";
import { accountOf } from "../../lib/arn";
import { zoneOf } from "../../lib/dns";
import { PathSegment, Problem, formatPath, problem } from "../problems";
import {
  EndpointCidr,
  Hostname,
  Name,
  Region,
  RoleArn,
  RouteTableId,
  VpcId,
} from "../schema";
import {
  OwnedCidr,
  duplicates,
  ownedCidr,
  overlaps,
  validEntries,
} from "./common";

/** A service's name is its stack's name, and stack names are unique in an app. */
export function serviceNamesUnique(
  services: readonly Located<Json>[],
): Problem[] {
  return duplicates(
    services
      .filter((s) => valid(Name, s.value.name))
      .map((s) => ({
        path: [...s.path, "name"],
        value: s.value.name as string,
      })),
    (name) => name,
    (first) =>
      `expected a unique service name: it names the stack (also at ${formatPath(first.path)})`,
  );
}

/** Each consumer of every service, `{}` where one is not an object. */
function eachConsumer(
  services: readonly Located<Json>[],
  visit: (consumer: Json, path: PathSegment[], service: number) => void,
): void {
  services.forEach((service, s) =>
    items(service.value.consumers).forEach((raw, i) =>
      visit(isObject(raw) ? raw : {}, [...service.path, "consumers", i], s),
    ),
  );
}

interface VpcUse {
  readonly path: PathSegment[];
  readonly account: string;
  readonly name: unknown;
  readonly service: number;
}

/**
 * A VPC belongs to one account, and one VPC of one account and region is
 * one consumer: the same role's account (or the ambient one) and the same
 * consumer name in every service. (Within one service a repeated VPC is a
 * problem of its own.)
 */
export function sameVpcSameConsumer(
  services: readonly Located<Json>[],
): Problem[] {
  const found: Problem[] = [];
  const seen = new Map<string, VpcUse>();
  eachConsumer(services, (consumer, path, s) => {
    if (!valid(Region, consumer.region) || !valid(VpcId, consumer.vpcId))
      return;
    if (consumer.roleArn !== undefined && !valid(RoleArn, consumer.roleArn))
      return;
    const account = consumer.roleArn ? accountOf(consumer.roleArn) : "ambient";
    const key = `${consumer.region} ${consumer.vpcId}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, { path, account, name: consumer.name, service: s });
    } else if (first.service === s) {
      return;
    } else if (first.account !== account) {
      found.push(
        problem(
          [...path, "roleArn"],
          consumer.roleArn,
          `expected the account of ${consumer.vpcId} to be the same as at ${formatPath(first.path)} (${first.account === "ambient" ? "the ambient credentials" : `account ${first.account}`}): one VPC belongs to one account`,
        ),
      );
    } else if (first.name !== consumer.name && valid(Name, consumer.name)) {
      found.push(
        problem(
          [...path, "name"],
          consumer.name,
          `expected the name ${JSON.stringify(first.name)} that ${consumer.vpcId} has at ${formatPath(first.path)}: one VPC of one account and region is one consumer`,
        ),
      );
    }
  });
  return found;
}

/**
 * A route table routes each destination once: a consumer route table
 * reached by several services gets each service's endpoint VPC block, and
 * those must not overlap.
 */
export function routeTablesRouteEachBlockOnce(
  services: readonly Located<Json>[],
): Problem[] {
  // Each service's endpoint block, parsed once for all its route tables.
  const endpoints = services.map((service) => {
    const endpointVpc = isObject(service.value.endpointVpc)
      ? service.value.endpointVpc
      : {};
    return valid(EndpointCidr, endpointVpc.cidr)
      ? ownedCidr([], endpointVpc.cidr, "")
      : undefined;
  });
  const routesByTable = new Map<string, OwnedCidr[]>();
  eachConsumer(services, (consumer, path, s) => {
    const endpoint = endpoints[s];
    if (!valid(Region, consumer.region) || !endpoint) return;
    const tables =
      connectivityOf(consumer) === "peering" ? consumer.routeTableIds : [];
    for (const table of validEntries(
      tables,
      [...path, "routeTableIds"],
      RouteTableId,
    )) {
      const key = `${consumer.region} ${table.value}`;
      routesByTable.set(key, [
        ...(routesByTable.get(key) ?? []),
        { ...endpoint, path: table.path, owner: table.value },
      ]);
    }
  });
  return [...routesByTable.values()].flatMap((routes) =>
    overlaps(
      routes,
      (route, other) =>
        `expected route table ${route.owner} to route each destination once: it gets the endpoint VPCs of two services, ${other.cidr} (${formatPath(other.path)}) and ${route.cidr}, which overlap`,
    ).map((p) => ({ ...p, value: routes[0].owner })),
  );
}

/** Route 53 rejects a second private zone of one name on a VPC. */
export function zoneFromOneService(
  services: readonly Located<Json>[],
): Problem[] {
  const zonesOf = services.map(
    (service) =>
      new Set(
        validEntries(service.value.dnsNames, [], Hostname).map((h) =>
          zoneOf(h.value),
        ),
      ),
  );
  const found: Problem[] = [];
  const firstUse = new Map<string, { path: PathSegment[]; service: number }>();
  eachConsumer(services, (consumer, path, s) => {
    if (!valid(Region, consumer.region) || !valid(VpcId, consumer.vpcId))
      return;
    const vpcId = consumer.vpcId;
    for (const zone of zonesOf[s]) {
      const key = `${consumer.region} ${vpcId} ${zone}`;
      const use = { path: [...path, "vpcId"], service: s };
      const first = firstUse.get(key);
      if (!first) firstUse.set(key, use);
      else if (first.service !== s)
        found.push(
          problem(
            use.path,
            vpcId,
            `expected VPC ${vpcId} to get the private zone "${zone}" from one service only (also at ${formatPath(first.path)}); Route 53 rejects a second zone of one name on a VPC`,
          ),
        );
    }
  });
  return found;
}
