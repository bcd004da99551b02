/**
 * The reachability checks: for every consumer the topology declares, whether
 * the resources give it a working path to the service, one column per
 * concern. Each ✗ carries reasons that name the resource addresses (or ids)
 * that are missing or wrong.
 */
import { cidrContains, prefixLength } from "../lib/cidr";
import {
  DnsRecord,
  Endpoint,
  IngressRule,
  Network,
  Peering,
  Route,
  RouteTableRef,
  VpcRef,
  describeJoin,
} from "./network";
import {
  Resource,
  TerraformDocument,
  literalBoolean,
  literalString,
} from "../output/terraform-json";
import {
  DeclaredConsumer,
  NativeDeclaredConsumer,
  PeeringDeclaredConsumer,
  Topology,
  declaredConsumers,
  parseTopology,
} from "../output/topology";
import { normalizeDnsName, zoneNameOf } from "../lib/dns";
import { PortRange, portLabel } from "../lib/ports";

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
  readonly endpoints: readonly string[];
  /** Peerings that join the consumer's VPC to its endpoint's VPC. */
  readonly peerings: readonly string[];
}

export interface StackReport {
  readonly stack: string;
  /** Problems that stop the consumers from being judged at all (no topology). */
  readonly problems: readonly string[];
  readonly topology?: Topology;
  readonly network?: Network;
  readonly consumers: readonly ConsumerReport[];
}

export function consumerPassed(report: ConsumerReport): boolean {
  return CHECKS.every((check) => report.checks[check].status !== "fail");
}

export function stackPassed(report: StackReport): boolean {
  return report.problems.length === 0 && report.consumers.every(consumerPassed);
}

/** Verifies one stack's parsed Terraform JSON against its `topology` output. */
export function verifyStack(
  stack: string,
  document: TerraformDocument,
): StackReport {
  const output = document.output("topology");
  if (!output)
    return {
      stack,
      problems: [
        'no "topology" output: the stack does not declare what it should connect, so nothing can be verified (synthesize it with this project\'s generator)',
      ],
      consumers: [],
    };
  const parsed = parseTopology(output.value);
  if (!parsed.ok)
    return {
      stack,
      problems: parsed.problems.map((p) => `invalid topology output: ${p}`),
      consumers: [],
    };
  if (Object.keys(parsed.topology.consumers).length === 0)
    return {
      stack,
      problems: [
        "the topology output declares no consumers: there is no path to verify",
      ],
      topology: parsed.topology,
      consumers: [],
    };
  const network = new Network(document);
  const verifier = new StackVerifier(network, parsed.topology);
  return {
    stack,
    problems: [],
    topology: parsed.topology,
    network,
    consumers: declaredConsumers(parsed.topology).map((consumer) =>
      verifier.verify(consumer),
    ),
  };
}

const pass: Verdict = { status: "pass" };
const verdict = (reasons: readonly string[]): Verdict =>
  reasons.length === 0 ? pass : { status: "fail", reasons };

/** What a peering consumer connects to: an endpoint VPC and the peerings to it. */
interface PeeringPath {
  /** The endpoint VPC (an `aws_vpc` of this stack), when the service has one. */
  readonly endpointVpc?: VpcRef;
  readonly endpoints: readonly Endpoint[];
  /** Every peering joining the consumer VPC and the endpoint VPC. */
  readonly peerings: readonly Peering[];
}

class StackVerifier {
  private readonly document: TerraformDocument;
  /** The service's endpoints: `aws_vpc_endpoint`s with its service name. */
  private readonly serviceEndpoints: readonly Endpoint[];
  /** VPCs of this stack holding one of the service's endpoints, by key. */
  private readonly endpointVpcs: readonly VpcRef[];

  constructor(
    private readonly network: Network,
    private readonly topology: Topology,
  ) {
    this.document = network.document;
    this.serviceEndpoints = network.endpoints.filter(
      (e) => e.serviceName === topology.service.service_name,
    );
    const byKey = new Map<string, VpcRef>();
    for (const endpoint of this.serviceEndpoints)
      if (endpoint.vpc?.resource) byKey.set(endpoint.vpc.key, endpoint.vpc);
    this.endpointVpcs = [...byKey.keys()]
      .sort()
      .map((key) => byKey.get(key) as VpcRef);
  }

  public verify(consumer: DeclaredConsumer): ConsumerReport {
    if (consumer.connectivity === "native") return this.verifyNative(consumer);
    const path = this.peeringPathOf(consumer);
    const routeThere = this.routeThere(consumer, path);
    return {
      consumer,
      endpoints: path.endpoints.map((e) => e.address),
      peerings: path.peerings.map((p) => p.address),
      checks: {
        name: this.name(consumer),
        "route there": verdict(routeThere.reasons),
        "route back": verdict(this.routeBack(consumer, path, routeThere.used)),
        admission: verdict(this.admission(consumer, path.endpoints)),
        placement: verdict(
          this.peeringPlacement(consumer, path, routeThere.used),
        ),
      },
    };
  }

  private verifyNative(consumer: NativeDeclaredConsumer): ConsumerReport {
    const endpoints = this.serviceEndpoints.filter(
      (e) => e.vpc?.key === consumer.vpc_id,
    );
    const notApplicable: Verdict = {
      status: "n/a",
      note: "native: the endpoint is in the consumer's own VPC",
    };
    return {
      consumer,
      endpoints: endpoints.map((e) => e.address),
      peerings: [],
      checks: {
        name: this.name(consumer),
        "route there": notApplicable,
        "route back": notApplicable,
        admission: verdict(this.admission(consumer, endpoints)),
        placement: verdict(this.nativePlacement(consumer, endpoints)),
      },
    };
  }

  private peeringPathOf(consumer: PeeringDeclaredConsumer): PeeringPath {
    const joined = this.endpointVpcs.filter(
      (vpc) =>
        this.network.peeringsBetween(consumer.vpc_id, vpc.key).length > 0,
    );
    const endpointVpc = joined[0] ?? this.endpointVpcs[0];
    return {
      endpointVpc,
      endpoints: this.serviceEndpoints.filter(
        (e) => endpointVpc !== undefined && e.vpc?.key === endpointVpc.key,
      ),
      peerings:
        endpointVpc === undefined
          ? []
          : this.network.peeringsBetween(consumer.vpc_id, endpointVpc.key),
    };
  }

  private noEndpointVpc(): string {
    return `missing aws_vpc_endpoint: none for ${this.topology.service.service_name} sits in an aws_vpc of this stack${this.otherServices((e) => e.vpc?.resource !== undefined)}`;
  }

  /** Endpoints that would match but for their service name: a likely typo. */
  private otherServices(where: (endpoint: Endpoint) => boolean): string {
    const others = this.network.endpoints
      .filter((e) => e.serviceName !== this.topology.service.service_name)
      .filter(where)
      .map(
        (e) => `${e.address} is for ${e.serviceName ?? "an unknown service"}`,
      );
    return others.length > 0 ? ` (${others.join("; ")})` : "";
  }

  private noPeering(consumer: DeclaredConsumer, endpointVpc: VpcRef): string {
    return `missing aws_vpc_peering_connection: none joins ${consumer.vpc_id} (${consumer.name}) and ${endpointVpc.key}`;
  }

  // ---- name ----

  /** Endpoints of the service the consumer's VPC can reach: in it, or in a VPC peered with it. */
  private reachableEndpoints(consumer: DeclaredConsumer): Set<string> {
    return new Set(
      this.serviceEndpoints
        .filter(
          (e) =>
            e.vpc !== undefined &&
            (e.vpc.key === consumer.vpc_id ||
              this.network.peeringsBetween(consumer.vpc_id, e.vpc.key).length >
                0),
        )
        .map((e) => e.address),
    );
  }

  private name(consumer: DeclaredConsumer): Verdict {
    const hostnames = this.topology.service.dns_names;
    if (hostnames.length === 0)
      return {
        status: "n/a",
        note: "no dns_names: clients use the endpoint's own DNS name",
      };
    const reachable = this.reachableEndpoints(consumer);
    const where = `${consumer.vpc_id} (${consumer.region})`;
    const reasons: string[] = [];
    for (const hostname of hostnames.map(normalizeDnsName)) {
      const zoneName = zoneNameOf(hostname);
      const named = this.network.zones.filter((z) => z.name === zoneName);
      const visible = named.filter((zone) =>
        zone.associations.some(
          (a) => a.vpc?.key === consumer.vpc_id && a.region === consumer.region,
        ),
      );
      if (visible.length === 0) {
        const elsewhere = named.map(
          (zone) =>
            `${zone.address} is associated with ${
              zone.associations
                .map(
                  (a) =>
                    `${a.vpc?.key ?? "no vpc_id"} (${a.region ?? "no region"})`,
                )
                .join(", ") || "no VPC"
            }`,
        );
        reasons.push(
          `${hostname}: no private hosted zone ${zoneName} is associated with ${where}${
            elsewhere.length > 0 ? `; ${elsewhere.join("; ")}` : ""
          }`,
        );
        continue;
      }
      if (visible.length > 1) {
        reasons.push(
          `${hostname}: ${visible.map((z) => z.address).join(" and ")} are both zones ${zoneName} in ${where}; AWS refuses the second association`,
        );
        continue;
      }
      const [zone] = visible;
      if (!zone.isPrivate) {
        reasons.push(
          `${hostname}: ${zone.address} has no inline vpc block, so it is a public zone and cannot be associated with ${where}`,
        );
        continue;
      }
      const records = this.network.records.filter(
        (r) =>
          r.zoneAddress === zone.address &&
          r.name === hostname &&
          (r.type === "A" || r.type === "AAAA" || r.type === "CNAME"),
      );
      if (records.length === 0) {
        reasons.push(
          `${hostname}: missing aws_route53_record: ${zone.address} has no A alias record ${hostname}`,
        );
        continue;
      }
      const good = records.filter(
        (r) =>
          r.endpointTargets.some((t) => reachable.has(t)) &&
          // A CNAME cannot sit at a zone's apex.
          !(r.type === "CNAME" && r.name === zone.name),
      );
      if (good.length === 0)
        reasons.push(
          ...records.map(
            (r) => `${hostname}: ${this.describeBadRecord(r, consumer)}`,
          ),
        );
    }
    return verdict(reasons);
  }

  private describeBadRecord(
    record: DnsRecord,
    consumer: DeclaredConsumer,
  ): string {
    if (record.type === "CNAME" && record.endpointTargets.length > 0)
      return `${record.address} is a CNAME at the zone apex, which DNS does not allow`;
    if (record.endpointTargets.length === 0)
      return `${record.address} points at ${record.targetText}, not at the DNS name of an interface endpoint of this stack`;
    return record.endpointTargets
      .map((target) => {
        const endpoint = this.network.endpoints.find(
          (e) => e.address === target,
        );
        if (endpoint?.serviceName !== this.topology.service.service_name)
          return `${record.address} points at ${target}, an endpoint of ${endpoint?.serviceName ?? "an unknown service"}, not of ${this.topology.service.service_name}`;
        return `${record.address} points at ${target} in ${endpoint.vpc?.key ?? "no VPC"}, which ${consumer.vpc_id} (${consumer.name}) cannot reach: that VPC is neither its own nor peered with it`;
      })
      .join("; ");
  }

  // ---- route there / route back ----

  private routeThere(
    consumer: PeeringDeclaredConsumer,
    path: PeeringPath,
  ): { reasons: string[]; used: Set<string> } {
    const used = new Set<string>();
    if (path.endpointVpc === undefined)
      return { reasons: [this.noEndpointVpc()], used };
    const { endpointVpc } = path;
    const destination = this.network.cidrOfVpc(endpointVpc);
    if (destination === undefined)
      return {
        reasons: [
          `${endpointVpc.key} has no literal IPv4 cidr_block to route to`,
        ],
        used,
      };
    const reasons: string[] = [];
    if (path.peerings.length === 0)
      reasons.push(this.noPeering(consumer, endpointVpc));
    if (consumer.route_table_ids.length === 0)
      reasons.push(
        `the topology declares no route tables for ${consumer.name}: no client subnet routes to ${destination}`,
      );
    for (const id of [...consumer.route_table_ids].sort()) {
      reasons.push(
        ...this.judgeCoverage({
          table: this.network.routeTableOf(id),
          tableRegion: consumer.region,
          destination,
          destinationLabel: `${destination} (${endpointVpc.key})`,
          acceptable: new Set(path.peerings.map((p) => p.address)),
          expected: `a peering joining ${consumer.vpc_id} and ${endpointVpc.key}`,
          used,
        }),
      );
    }
    return { reasons, used };
  }

  private routeBack(
    consumer: PeeringDeclaredConsumer,
    path: PeeringPath,
    usedThere: ReadonlySet<string>,
  ): string[] {
    if (path.endpointVpc === undefined) return [this.noEndpointVpc()];
    const reasons: string[] = [];
    if (path.peerings.length === 0)
      reasons.push(this.noPeering(consumer, path.endpointVpc));
    const region = this.network.regionOfVpc(path.endpointVpc);
    // The same peering as the way there; any joining one if that has none.
    const acceptable =
      usedThere.size > 0
        ? new Set(usedThere)
        : new Set(path.peerings.map((p) => p.address));
    const tables = new Map<
      string,
      { table: RouteTableRef; subnets: string[] }
    >();
    for (const endpoint of path.endpoints) {
      const { subnets, unresolved } = this.network.subnetsOf(endpoint);
      if (subnets.length === 0 && unresolved.length === 0)
        reasons.push(
          `${endpoint.address} has no subnet_ids: nothing to route back from`,
        );
      for (const value of unresolved)
        reasons.push(
          `${endpoint.address} sits in ${value}, not an aws_subnet of this stack: its route table is unknown`,
        );
      for (const subnet of subnets) {
        for (const table of this.network.routeTablesOfSubnet(subnet)) {
          const entry = tables.get(table.key) ?? { table, subnets: [] };
          entry.subnets.push(subnet.address);
          tables.set(table.key, entry);
        }
      }
    }
    for (const key of [...tables.keys()].sort()) {
      const { table, subnets } = tables.get(key) as {
        table: RouteTableRef;
        subnets: string[];
      };
      const tableResource = this.document.get(table.key);
      for (const cidr of consumer.cidrs) {
        reasons.push(
          ...this.judgeCoverage({
            table: {
              key: table.key,
              label: `${table.label} (of ${subnets.join(", ")})`,
            },
            tableRegion: tableResource
              ? this.document.regionOf(tableResource)
              : region,
            destination: cidr,
            destinationLabel: `${cidr} (${consumer.name})`,
            acceptable,
            expected:
              usedThere.size > 0
                ? `${[...usedThere].sort().join(" or ")}, the peering of the way there`
                : `a peering joining ${consumer.vpc_id} and ${path.endpointVpc.key}`,
            used: new Set<string>(),
          }),
        );
      }
    }
    return reasons;
  }

  /**
   * Whether the table's most specific route for every address of the
   * destination goes through an acceptable peering, after acceptance.
   */
  private judgeCoverage(options: {
    table: RouteTableRef;
    tableRegion?: string;
    destination: string;
    destinationLabel: string;
    acceptable: ReadonlySet<string>;
    /** What an acceptable peering joins, for messages. */
    expected: string;
    /** Collects the peerings of good routes. */
    used: Set<string>;
  }): string[] {
    const { table, destination } = options;
    const all = this.network.routesIn(table.key);
    const routes = all.filter((r) => r.destination);
    const unreadable = all
      .filter((r) => !r.destination)
      .map((r) => `${r.label} has destination ${r.destinationText}`);
    const covering = routes.filter((r) =>
      cidrContains(r.destination as string, destination),
    );
    const inner = routes.filter(
      (r) =>
        r.destination !== destination &&
        cidrContains(destination, r.destination as string),
    );
    const reasons: string[] = [];
    if (covering.length === 0) {
      reasons.push(
        `missing aws_route: route table ${table.label} has no route to ${options.destinationLabel}${
          unreadable.length > 0
            ? ` (${unreadable.join("; ")}, not a literal IPv4 CIDR)`
            : ""
        }`,
      );
    } else {
      const longest = Math.max(
        ...covering.map((r) => prefixLength(r.destination as string)),
      );
      const best = covering.filter(
        (r) => prefixLength(r.destination as string) === longest,
      );
      if (best.length > 1)
        reasons.push(
          `${best.map((r) => r.label).join(" and ")} all route ${best[0].destination} in ${table.label}; AWS refuses all but one`,
        );
      for (const route of best)
        reasons.push(...this.judgeRoute(route, options));
    }
    for (const route of inner) {
      const problems = this.judgeRoute(route, options);
      if (problems.length > 0)
        reasons.push(
          `${route.label} takes ${route.destination}, part of ${options.destinationLabel}, away from the peering: ${problems.join("; ")}`,
        );
    }
    return reasons;
  }

  private judgeRoute(
    route: Route,
    options: {
      table: RouteTableRef;
      tableRegion?: string;
      acceptable: ReadonlySet<string>;
      expected: string;
      used: Set<string>;
    },
  ): string[] {
    const reasons: string[] = [];
    if (
      options.tableRegion !== undefined &&
      route.region !== options.tableRegion
    )
      reasons.push(
        `${route.label} is made with ${this.document.providerOf(route.resource)} (${route.region ?? "unknown region"}), but ${options.table.label} is in ${options.tableRegion}`,
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
        `${route.label} goes through ${via.address}, which accepts no aws_vpc_peering_connection of this stack`,
      );
      return reasons;
    }
    if (!options.acceptable.has(peering.address)) {
      reasons.push(
        `${route.label} goes through ${peering.address}, which joins ${describeJoin(peering)}, instead of ${options.expected}`,
      );
      return reasons;
    }
    const accepters = this.network.acceptersOf(peering);
    const accepted = accepters.some((a) =>
      this.document.waitsFor(route.resource.address, a.address),
    );
    if (accepters.length === 0)
      reasons.push(
        `${route.label} goes through ${peering.address}, which nothing accepts (no aws_vpc_peering_connection_accepter): the route would be a blackhole`,
      );
    else if (!accepted)
      reasons.push(
        `${route.label} is made before ${peering.address} is accepted: it neither references nor depends_on ${accepters.map((a) => a.address).join(" or ")}, and a route to a pending peering is a blackhole`,
      );
    else if (reasons.length === 0) options.used.add(peering.address);
    return reasons;
  }

  // ---- admission ----

  private admission(
    consumer: DeclaredConsumer,
    endpoints: readonly Endpoint[],
  ): string[] {
    if (endpoints.length === 0) return [this.noEndpointFor(consumer)];
    const reasons: string[] = [];
    for (const endpoint of endpoints) {
      const groups: Resource[] = [];
      const unknown: string[] = [];
      for (const value of endpoint.securityGroupValues) {
        const group = this.document.referenced(value, "aws_security_group");
        if (group) groups.push(group);
        else unknown.push(literalString(value) ?? String(value));
      }
      if (endpoint.securityGroupValues.length === 0) {
        reasons.push(
          `${endpoint.address} has no security_group_ids: the VPC's default group admits only its own members`,
        );
        continue;
      }
      for (const group of groups) {
        const vpc = this.network.vpcOf(group.body.vpc_id);
        if (vpc === undefined)
          reasons.push(
            `${group.address} has no vpc_id: it is made in the region's default VPC, and AWS refuses it on ${endpoint.address}`,
          );
        else if (vpc.key !== endpoint.vpc?.key)
          reasons.push(
            `${group.address} is in ${vpc.key}, not in ${endpoint.vpc?.key ?? "the endpoint's VPC"}: AWS refuses it on ${endpoint.address}`,
          );
      }
      const rules = groups.flatMap((g) => this.network.ingressRulesOf(g));
      const groupsLabel =
        groups.map((g) => g.address).join(", ") ||
        "no security group of this stack";
      for (const cidr of consumer.cidrs) {
        const fromCidr = rules.filter((rule) =>
          rule.cidrs.some((ruleCidr) => cidrContains(ruleCidr, cidr)),
        );
        for (const port of this.topology.service.ports) {
          if (admits(fromCidr, cidr, port)) continue;
          reasons.push(
            `missing aws_vpc_security_group_ingress_rule: ${groupsLabel} (on ${endpoint.address}) admits no tcp/${portLabel(port)} from ${cidr}${
              unknown.length > 0
                ? ` (${unknown.join(", ")} is not a group of this stack, so what it admits is unknown)`
                : ""
            }`,
          );
        }
      }
    }
    return reasons;
  }

  private noEndpointFor(consumer: DeclaredConsumer): string {
    return consumer.connectivity === "native"
      ? `missing aws_vpc_endpoint: none for ${this.topology.service.service_name} has vpc_id ${consumer.vpc_id} (${consumer.name}'s VPC)${this.otherServices((e) => e.vpc?.key === consumer.vpc_id)}`
      : this.endpointVpcs.length === 0
        ? this.noEndpointVpc()
        : `no aws_vpc_endpoint for ${this.topology.service.service_name} is reachable from ${consumer.vpc_id}`;
  }

  // ---- placement ----

  private peeringPlacement(
    consumer: PeeringDeclaredConsumer,
    path: PeeringPath,
    usedThere: ReadonlySet<string>,
  ): string[] {
    if (path.endpointVpc === undefined) return [this.noEndpointVpc()];
    const reasons: string[] = [];
    const endpointVpc = path.endpointVpc;
    const endpointVpcRegion = this.network.regionOfVpc(endpointVpc);
    for (const endpoint of path.endpoints) {
      reasons.push(...this.endpointBasics(endpoint));
      if (endpoint.region !== endpointVpcRegion)
        reasons.push(
          `${endpoint.address} is made in ${endpoint.region ?? "an unknown region"}, but its VPC ${endpointVpc.key} is in ${endpointVpcRegion ?? "an unknown region"}`,
        );
      reasons.push(...this.subnetPlacement(endpoint));
    }
    if (path.peerings.length === 0)
      reasons.push(this.noPeering(consumer, endpointVpc));
    const regionOfSide = (key: string | undefined) =>
      key === consumer.vpc_id
        ? consumer.region
        : key === endpointVpc.key
          ? endpointVpcRegion
          : undefined;
    const judged =
      usedThere.size > 0
        ? path.peerings.filter((p) => usedThere.has(p.address))
        : path.peerings;
    for (const peering of judged) {
      const requesterVpcRegion = regionOfSide(peering.requesterVpc?.key);
      const peerVpcRegion = regionOfSide(peering.peerVpc?.key);
      const peerRegion = peering.peerRegionWritten ?? peering.requesterRegion;
      if (peering.requesterRegion !== requesterVpcRegion)
        reasons.push(
          `${peering.address} is requested with ${this.document.providerOf(peering.resource)} (${peering.requesterRegion ?? "unknown region"}), but its vpc_id ${peering.requesterVpc?.key} is in ${requesterVpcRegion}`,
        );
      if (peerRegion !== peerVpcRegion)
        reasons.push(
          `${peering.address} has peer_region ${peerRegion ?? "unset"}, but its peer_vpc_id ${peering.peerVpc?.key} is in ${peerVpcRegion}`,
        );
      const crossRegion = peerRegion !== peering.requesterRegion;
      if (peering.autoAccept && crossRegion)
        reasons.push(
          `${peering.address} sets auto_accept, which AWS refuses across regions: accept it with an aws_vpc_peering_connection_accepter in ${peerRegion}`,
        );
      if (peering.autoAccept && !crossRegion) continue;
      if (peering.accepters.length === 0) {
        reasons.push(
          `missing aws_vpc_peering_connection_accepter: nothing accepts ${peering.address} in ${peerRegion ?? "the peer region"}; it stays pending`,
        );
        continue;
      }
      const good = peering.accepters.filter(
        (a) =>
          this.document.regionOf(a) === peerRegion &&
          literalBoolean(a.body.auto_accept) === true,
      );
      if (good.length > 0) continue;
      for (const accepter of peering.accepters) {
        const region = this.document.regionOf(accepter);
        if (region !== peerRegion)
          reasons.push(
            `${accepter.address} accepts ${peering.address} with ${this.document.providerOf(accepter)} (${region ?? "unknown region"}), not in the peer region ${peerRegion}`,
          );
        if (literalBoolean(accepter.body.auto_accept) !== true)
          reasons.push(
            `${accepter.address} does not set auto_accept = true: ${peering.address} stays pending`,
          );
      }
    }
    return reasons;
  }

  /** Type and service region, for any consumer's endpoint. */
  private endpointBasics(endpoint: Endpoint): string[] {
    const reasons: string[] = [];
    const service = this.topology.service;
    if (endpoint.type !== "Interface")
      reasons.push(
        `${endpoint.address} is a ${endpoint.type} endpoint; an endpoint service needs vpc_endpoint_type = "Interface"`,
      );
    const serviceRegion = endpoint.serviceRegion ?? endpoint.region;
    if (serviceRegion !== service.region)
      reasons.push(
        endpoint.serviceRegion === undefined
          ? `${endpoint.address} has no service_region, so it looks for ${service.service_name} in ${endpoint.region ?? "its provider's region"}; the service is in ${service.region}`
          : `${endpoint.address} has service_region ${endpoint.serviceRegion}; the service is in ${service.region}`,
      );
    return reasons;
  }

  /** Subnets of the endpoint's own VPC, at most one per AZ, in declared AZs. */
  private subnetPlacement(endpoint: Endpoint): string[] {
    const reasons: string[] = [];
    const { subnets, unresolved } = this.network.subnetsOf(endpoint);
    if (subnets.length === 0 && unresolved.length === 0)
      reasons.push(`${endpoint.address} has no subnet_ids`);
    for (const value of unresolved)
      reasons.push(
        `${endpoint.address} lists ${value}, not an aws_subnet of this stack`,
      );
    const declaredAzs = this.topology.service.endpoint_vpc?.az_ids;
    const byAz = new Map<string, string[]>();
    for (const subnet of subnets) {
      const vpc = this.network.vpcOf(subnet.body.vpc_id);
      if (vpc?.key !== endpoint.vpc?.key)
        reasons.push(
          `${subnet.address} is in ${vpc?.key ?? "no VPC"}, not in ${endpoint.vpc?.key ?? "the endpoint's VPC"}`,
        );
      const azId = this.network.resolveLiteral(
        subnet.body.availability_zone_id,
      );
      const az =
        azId ?? this.network.resolveLiteral(subnet.body.availability_zone);
      if (az === undefined) {
        reasons.push(
          `${subnet.address} has no literal availability_zone_id: AWS picks its AZ, so one subnet per AZ is not assured`,
        );
        continue;
      }
      byAz.set(az, [...(byAz.get(az) ?? []), subnet.address]);
      if (azId !== undefined && declaredAzs && !declaredAzs.includes(azId))
        reasons.push(
          `${subnet.address} is in ${azId}, not one of the service's AZ IDs (${declaredAzs.join(", ")})`,
        );
    }
    for (const [az, addresses] of [...byAz.entries()].sort()) {
      if (addresses.length > 1)
        reasons.push(
          `${endpoint.address} has ${addresses.join(" and ")} in the same AZ ${az}; an endpoint takes one subnet per AZ`,
        );
    }
    return reasons;
  }

  private nativePlacement(
    consumer: NativeDeclaredConsumer,
    endpoints: readonly Endpoint[],
  ): string[] {
    if (endpoints.length === 0) return [this.noEndpointFor(consumer)];
    const reasons: string[] = [];
    for (const endpoint of endpoints) {
      reasons.push(...this.endpointBasics(endpoint));
      if (endpoint.region !== consumer.region)
        reasons.push(
          `${endpoint.address} is made with ${this.document.providerOf(endpoint.resource)} (${endpoint.region ?? "unknown region"}), but ${consumer.vpc_id} is in ${consumer.region}`,
        );
      const written = endpoint.subnetValues.map(
        (v) => this.network.resolveLiteral(v) ?? String(v),
      );
      for (const id of consumer.subnet_ids)
        if (!written.includes(id))
          reasons.push(
            `${endpoint.address} is not in ${id}, a declared subnet of ${consumer.name}`,
          );
      for (const id of written)
        if (!consumer.subnet_ids.includes(id))
          reasons.push(
            `${endpoint.address} lists ${id}, not a declared subnet of ${consumer.name}`,
          );
      if (written.length === 0)
        reasons.push(`${endpoint.address} has no subnet_ids`);
    }
    return reasons;
  }
}

/** Whether the rules admit TCP on every port of `port` from all of `cidr`. */
export function admits(
  rules: readonly IngressRule[],
  cidr: string,
  port: PortRange,
): boolean {
  const applicable = rules.filter((rule) =>
    rule.cidrs.some((ruleCidr) => cidrContains(ruleCidr, cidr)),
  );
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
