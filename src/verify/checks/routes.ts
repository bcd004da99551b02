/**
 * The `route there` and `route back` columns of a peering consumer. There:
 * each of the consumer's route tables sends the endpoint VPC's CIDR through
 * a peering joining the two VPCs. Back: each route table of the endpoint's
 * subnets sends every consumer CIDR through the same peering. A route
 * counts only once Terraform makes it after the peering is accepted: a
 * route to a pending peering is a blackhole.
 */
import { PeeringDeclaredConsumer } from "../../output/topology";
import {
  Route,
  RouteTableRef,
  acceptersOf,
  describeJoin,
} from "../model/network";
import { PeeringPath, StackContext, noEndpointVpc, noPeering } from "./context";

export interface RouteThereFinding {
  readonly reasons: readonly string[];
  /** The peerings the good routes there go through: the way back must use them. */
  readonly used: ReadonlySet<string>;
}

export function checkRouteThere(
  context: StackContext,
  consumer: PeeringDeclaredConsumer,
  path: PeeringPath,
): RouteThereFinding {
  const used = new Set<string>();
  const { endpointVpc } = path;
  if (endpointVpc === undefined)
    return { reasons: [noEndpointVpc(context)], used };
  const destination = endpointVpc.vpc?.cidr;
  if (destination === undefined)
    return {
      reasons: [
        `${endpointVpc.key} has no literal IPv4 cidr_block to route to`,
      ],
      used,
    };
  const reasons: string[] = [];
  if (path.peerings.length === 0)
    reasons.push(noPeering(consumer, endpointVpc));
  if (consumer.route_table_ids.length === 0)
    reasons.push(
      `the topology declares no route tables for ${consumer.name}: no client subnet routes to ${destination}`,
    );
  for (const id of [...consumer.route_table_ids].sort())
    reasons.push(
      ...judgeCoverage(context, {
        table: context.network.routeTable(id),
        tableRegion: consumer.region,
        destination,
        destinationLabel: `${destination} (${endpointVpc.key})`,
        acceptable: new Set(path.peerings.map((p) => p.address)),
        expected: `a peering joining ${consumer.vpc_id} and ${endpointVpc.key}`,
        used,
      }),
    );
  return { reasons, used };
}

export function checkRouteBack(
  context: StackContext,
  consumer: PeeringDeclaredConsumer,
  path: PeeringPath,
  usedThere: ReadonlySet<string>,
): string[] {
  const { endpointVpc } = path;
  if (endpointVpc === undefined) return [noEndpointVpc(context)];
  const reasons: string[] = [];
  if (path.peerings.length === 0)
    reasons.push(noPeering(consumer, endpointVpc));
  // The same peering as the way there; any joining one if that has none.
  const acceptable =
    usedThere.size > 0
      ? new Set(usedThere)
      : new Set(path.peerings.map((p) => p.address));
  const expected =
    usedThere.size > 0
      ? `${[...usedThere].sort().join(" or ")}, the peering of the way there`
      : `a peering joining ${consumer.vpc_id} and ${endpointVpc.key}`;
  const { tables, problems } = tablesOfEndpoints(path);
  reasons.push(...problems);
  for (const { table, subnets } of tables)
    for (const cidr of consumer.cidrs)
      reasons.push(
        ...judgeCoverage(context, {
          table: {
            key: table.key,
            label: `${table.label} (of ${subnets.join(", ")})`,
          },
          tableRegion: table.inStack ? table.region : endpointVpc.vpc?.region,
          destination: cidr,
          destinationLabel: `${cidr} (${consumer.name})`,
          acceptable,
          expected,
          used: new Set<string>(),
        }),
      );
  return reasons;
}

/** The route tables of the endpoints' subnets, by key, with the subnets each serves. */
function tablesOfEndpoints(path: PeeringPath): {
  tables: { table: RouteTableRef; subnets: string[] }[];
  problems: string[];
} {
  const problems: string[] = [];
  const tables = new Map<string, { table: RouteTableRef; subnets: string[] }>();
  for (const endpoint of path.endpoints) {
    if (
      endpoint.subnets.length === 0 &&
      endpoint.unresolvedSubnets.length === 0
    )
      problems.push(
        `${endpoint.address} has no subnet_ids: nothing to route back from`,
      );
    for (const value of endpoint.unresolvedSubnets)
      problems.push(
        `${endpoint.address} sits in ${value}, not an aws_subnet of this stack: its route table is unknown`,
      );
    for (const subnet of endpoint.subnets)
      for (const table of subnet.routeTables) {
        const entry = tables.get(table.key) ?? { table, subnets: [] };
        entry.subnets.push(subnet.address);
        tables.set(table.key, entry);
      }
  }
  return {
    tables: [...tables.keys()]
      .sort()
      .map(
        (key) => tables.get(key) as { table: RouteTableRef; subnets: string[] },
      ),
    problems,
  };
}

interface Coverage {
  readonly table: RouteTableRef;
  readonly tableRegion?: string;
  readonly destination: string;
  readonly destinationLabel: string;
  readonly acceptable: ReadonlySet<string>;
  /** What an acceptable peering joins, for messages. */
  readonly expected: string;
  /** Collects the peerings of good routes. */
  readonly used: Set<string>;
}

/**
 * Whether the table's most specific route for every address of the
 * destination goes through an acceptable peering, after acceptance.
 */
function judgeCoverage(context: StackContext, options: Coverage): string[] {
  const { table, destination } = options;
  const routes = context.index.routeTable(table.key);
  const { unreadable } = routes;
  // The routes of the longest prefix holding all of the destination.
  const best = routes.mostSpecific(destination);
  // A more specific route inside the destination takes part of it.
  const inner = routes.inside(destination);
  const reasons: string[] = [];
  if (best.length === 0) {
    reasons.push(
      `missing aws_route: route table ${table.label} has no route to ${options.destinationLabel}${
        unreadable.length > 0
          ? ` (${unreadable.join("; ")}, not a literal IPv4 CIDR)`
          : ""
      }`,
    );
  } else {
    if (best.length > 1)
      reasons.push(
        `${best.map((r) => r.label).join(" and ")} all route ${best[0].destination} in ${table.label}; AWS refuses all but one`,
      );
    for (const route of best) reasons.push(...judgeRoute(route, options));
  }
  for (const route of inner) {
    const problems = judgeRoute(route, options);
    if (problems.length > 0)
      reasons.push(
        `${route.label} takes ${route.destination}, part of ${options.destinationLabel}, away from the peering: ${problems.join("; ")}`,
      );
  }
  return reasons;
}

/** Why one route does not carry the traffic (empty when it does; then its peering is used). */
function judgeRoute(route: Route, options: Coverage): string[] {
  const reasons: string[] = [];
  if (options.tableRegion !== undefined && route.region !== options.tableRegion)
    reasons.push(
      `${route.label} is made with ${route.provider} (${route.region ?? "unknown region"}), but ${options.table.label} is in ${options.tableRegion}`,
    );
  const { target } = route;
  if (target.kind === "dangling") {
    reasons.push(
      `${route.label} goes through ${target.address}, which is not in this stack`,
    );
    return reasons;
  }
  if (target.kind === "unknown") {
    reasons.push(
      `${route.label} sends ${route.destination} to ${target.description} instead of ${options.expected}`,
    );
    return reasons;
  }
  const { peering, via } = target;
  if (!peering) {
    reasons.push(
      `${route.label} goes through ${via}, which accepts no aws_vpc_peering_connection of this stack`,
    );
    return reasons;
  }
  if (!options.acceptable.has(peering.address)) {
    reasons.push(
      `${route.label} goes through ${peering.address}, which joins ${describeJoin(peering)}, instead of ${options.expected}`,
    );
    return reasons;
  }
  const accepters = acceptersOf(peering);
  if (accepters.length === 0)
    reasons.push(
      `${route.label} goes through ${peering.address}, which nothing accepts (no aws_vpc_peering_connection_accepter): the route would be a blackhole`,
    );
  else if (route.waitsForAccepters.length === 0)
    reasons.push(
      `${route.label} is made before ${peering.address} is accepted: it neither references nor depends_on ${accepters.join(" or ")}, and a route to a pending peering is a blackhole`,
    );
  else if (reasons.length === 0) options.used.add(peering.address);
  return reasons;
}
