/**
 * Lookups the checks make for every consumer, built once per stack. A
 * fleet stack holds one endpoint, zone, record, route or rule per consumer,
 * so answering each consumer's question by scanning them all made verify
 * quadratic in the consumers (3.9 s at 1,000). Every index keeps document
 * order, so the messages read as a scan would write them.
 */
import { cidrFacts } from "../../lib/cidr";
import {
  DnsRecord,
  Endpoint,
  IngressRule,
  Network,
  Route,
  Zone,
  routesIn,
} from "../model/network";

/** Where a CIDR block starts, and its prefix length, as plain numbers. */
interface Block {
  readonly start: number;
  readonly end: number;
  readonly prefix: number;
}

function blockOf(cidr: string): Block {
  const facts = cidrFacts(cidr);
  if (!facts) throw new Error(`not an IPv4 CIDR block: ${cidr}`);
  return {
    start: Number(facts.start),
    end: Number(facts.end),
    prefix: facts.prefix,
  };
}

/** 2 ** (32 - prefix): the addresses in a block of each prefix length. */
const SIZES = Array.from({ length: 33 }, (_, prefix) => 2 ** (32 - prefix));

/**
 * A block's number among the blocks of its prefix length: the key within
 * that length. Up to /30 it is a small integer, the cheapest Map key.
 */
const numberAt = (start: number, prefix: number) =>
  Math.floor(start / SIZES[prefix]);

/**
 * Items by the block of each of their CIDRs. The blocks holding a CIDR are
 * its ancestors, one per prefix length up to its own: 33 lookups find every
 * item whose block contains it, where a scan compared against all of them.
 */
class Containing<T> {
  /** Per prefix length (only those in use), item indexes by block number. */
  private readonly byPrefix: (Map<number, number[]> | undefined)[] = [];
  private empty = true;

  constructor(private readonly items: readonly T[]) {}

  public add(index: number, cidr: string): void {
    const { prefix, start } = blockOf(cidr);
    const blocks = (this.byPrefix[prefix] ??= new Map());
    const key = numberAt(start, prefix);
    const list = blocks.get(key);
    if (list === undefined) blocks.set(key, [index]);
    else if (list[list.length - 1] !== index) list.push(index);
    this.empty = false;
  }

  /** The items with a block of this prefix length holding the CIDR. */
  public atPrefix(cidr: Block, prefix: number): readonly T[] {
    const list = this.byPrefix[prefix]?.get(numberAt(cidr.start, prefix));
    return list ? list.map((i) => this.items[i]) : [];
  }

  /** The items with a block holding the CIDR, in their order. */
  public containing(cidr: string): T[] {
    if (this.empty) return [];
    const block = blockOf(cidr);
    const indexes = new Set<number>();
    for (let prefix = 0; prefix <= block.prefix; prefix++) {
      const blocks = this.byPrefix[prefix];
      if (blocks === undefined) continue;
      for (const i of blocks.get(numberAt(block.start, prefix)) ?? [])
        indexes.add(i);
    }
    return [...indexes].sort((a, b) => a - b).map((i) => this.items[i]);
  }
}

/** The routes of one table, by destination block. */
export class RouteTableIndex {
  /** `<label> has destination <text>`: the routes without a literal CIDR. */
  public readonly unreadable: readonly string[];
  private readonly routes: readonly Route[];
  private readonly blocks: Containing<Route>;
  /** Indexes into `routes`, by block start: the routes inside a block are a run. */
  private readonly byStart: readonly {
    start: number;
    end: number;
    i: number;
  }[];

  constructor(all: readonly Route[]) {
    this.routes = all.filter((r) => r.destination);
    this.unreadable = all
      .filter((r) => !r.destination)
      .map((r) => `${r.label} has destination ${r.destinationText}`);
    this.blocks = new Containing(this.routes);
    this.routes.forEach((r, i) => this.blocks.add(i, r.destination as string));
    this.byStart = this.routes
      .map((r, i) => ({ ...blockOf(r.destination as string), i }))
      .sort((a, b) => a.start - b.start || a.i - b.i);
  }

  /**
   * The routes that decide where the destination goes: those of the
   * longest prefix among the routes whose block holds all of it (empty when
   * none does). In a VPC they are one route; AWS refuses the others.
   */
  public mostSpecific(destination: string): readonly Route[] {
    if (this.routes.length === 0) return [];
    const block = blockOf(destination);
    for (let prefix = block.prefix; prefix >= 0; prefix--) {
      const routes = this.blocks.atPrefix(block, prefix);
      if (routes.length > 0) return routes;
    }
    return [];
  }

  /** Routes to a part of the destination (any other CIDR it holds), in order. */
  public inside(destination: string): Route[] {
    if (this.routes.length === 0) return [];
    const block = blockOf(destination);
    let low = 0;
    let high = this.byStart.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.byStart[mid].start < block.start) low = mid + 1;
      else high = mid;
    }
    const found: number[] = [];
    for (let k = low; k < this.byStart.length; k++) {
      const { start, end, i } = this.byStart[k];
      if (start > block.end) break;
      if (end <= block.end && this.routes[i].destination !== destination)
        found.push(i);
    }
    return found.sort((a, b) => a - b).map((i) => this.routes[i]);
  }
}

/** What one endpoint's groups admit, by the rules' CIDR blocks. */
export class RuleIndex {
  private readonly blocks: Containing<IngressRule>;

  constructor(rules: readonly IngressRule[]) {
    this.blocks = new Containing(rules);
    rules.forEach((rule, i) => {
      for (const cidr of rule.cidrs) this.blocks.add(i, cidr);
    });
  }

  /** The rules with a CIDR holding all of `cidr`, in order. */
  public applicable(cidr: string): IngressRule[] {
    return this.blocks.containing(cidr);
  }
}

function groupBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

export class StackIndex {
  private readonly serviceEndpointsByVpc: ReadonlyMap<string, Endpoint[]>;
  private readonly endpointsByAddress: ReadonlyMap<string, Endpoint>;
  /** Zones by the VPC key, then region, of an association. */
  private readonly zonesBySight = new Map<string, Map<string, Zone[]>>();
  private readonly zonesByName: ReadonlyMap<string, Zone[]>;
  private readonly recordsByZone: ReadonlyMap<string, DnsRecord[]>;
  private readonly tables = new Map<string, RouteTableIndex>();
  private readonly rules = new WeakMap<Endpoint, RuleIndex>();

  constructor(
    private readonly network: Network,
    serviceEndpoints: readonly Endpoint[],
  ) {
    this.serviceEndpointsByVpc = groupBy(serviceEndpoints, (e) => e.vpc?.key);
    this.endpointsByAddress = new Map(
      [...network.endpoints].reverse().map((e) => [e.address, e]),
    );
    for (const zone of network.zones)
      for (const { vpc, region } of zone.associations) {
        if (vpc === undefined || region === undefined) continue;
        const byRegion = this.zonesBySight.get(vpc.key) ?? new Map();
        this.zonesBySight.set(vpc.key, byRegion);
        const zones: Zone[] = byRegion.get(region) ?? [];
        byRegion.set(region, zones);
        if (zones[zones.length - 1] !== zone) zones.push(zone);
      }
    this.zonesByName = groupBy(network.zones, (z) => z.name);
    this.recordsByZone = groupBy(network.records, (r) => r.zoneAddress);
  }

  /** The service's endpoints in a VPC (by key). */
  public serviceEndpointsIn(vpcKey: string): readonly Endpoint[] {
    return this.serviceEndpointsByVpc.get(vpcKey) ?? [];
  }

  /** The first endpoint with this address. */
  public endpoint(address: string): Endpoint | undefined {
    return this.endpointsByAddress.get(address);
  }

  /** Zones associated with the VPC in the region. */
  public zonesSeenFrom(vpcKey: string, region: string): readonly Zone[] {
    return this.zonesBySight.get(vpcKey)?.get(region) ?? [];
  }

  public zonesNamed(name: string): readonly Zone[] {
    return this.zonesByName.get(name) ?? [];
  }

  public recordsIn(zoneAddress: string): readonly DnsRecord[] {
    return this.recordsByZone.get(zoneAddress) ?? [];
  }

  public routeTable(key: string): RouteTableIndex {
    let table = this.tables.get(key);
    if (table === undefined) {
      table = new RouteTableIndex(routesIn(this.network, key));
      this.tables.set(key, table);
    }
    return table;
  }

  /** The rules of the endpoint's security groups, indexed. */
  public rulesOf(endpoint: Endpoint): RuleIndex {
    let index = this.rules.get(endpoint);
    if (index === undefined) {
      index = new RuleIndex(endpoint.securityGroups.flatMap((g) => g.ingress));
      this.rules.set(endpoint, index);
    }
    return index;
  }
}
