import { Address4 } from "ip-address";

/** A strict dotted-quad IPv4 CIDR: four octets and a prefix length. */
const CIDR_SHAPE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** What validation asks of a CIDR block, worked out once. */
export interface CidrFacts {
  readonly prefix: number;
  /** The block written as its network address: `10.0.0.1/16` -> `10.0.0.0/16`. */
  readonly network: string;
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * Validation looks at each CIDR of a config up to ten times (schema,
 * semantic guards, overlap sweep), and parsing one with ip-address costs
 * tens of microseconds: parse each distinct string once.
 */
const known = new Map<string, CidrFacts | null>();

/** The facts of an IPv4 CIDR, or undefined when it is not one. */
export function cidrFacts(cidr: string): CidrFacts | undefined {
  let facts = known.get(cidr);
  if (facts === undefined) {
    facts = null;
    if (CIDR_SHAPE.test(cidr) && Address4.isValid(cidr)) {
      const address = new Address4(cidr);
      const start = address.startAddress();
      facts = {
        prefix: address.subnetMask,
        network: `${start.correctForm()}/${address.subnetMask}`,
        start: start.bigInt(),
        end: address.endAddress().bigInt(),
      };
    }
    known.set(cidr, facts);
  }
  return facts ?? undefined;
}

function factsOf(cidr: string): CidrFacts {
  const facts = cidrFacts(cidr);
  if (!facts) throw new Error(`not an IPv4 CIDR block: ${cidr}`);
  return facts;
}

export function isIpv4Cidr(value: string): boolean {
  return cidrFacts(value) !== undefined;
}

export function prefixLength(cidr: string): number {
  return factsOf(cidr).prefix;
}

/** `10.0.0.1/16` -> `10.0.0.0/16`. */
export function networkOf(cidr: string): string {
  return factsOf(cidr).network;
}

export function isNetworkAddress(cidr: string): boolean {
  return networkOf(cidr) === cidr;
}

/** The prefix length that splits `cidr` into at least `count` equal blocks. */
export function splitPrefix(cidr: string, count: number): number {
  return prefixLength(cidr) + Math.ceil(Math.log2(Math.max(count, 1)));
}

/**
 * The first `count` of the equal, disjoint blocks that `cidr` splits into
 * (the smallest power of two not below `count`), in address order.
 */
export function splitCidr(cidr: string, count: number): string[] {
  const prefix = splitPrefix(cidr, count);
  const blocks: string[] = [];
  let block = new Address4(
    `${new Address4(cidr).startAddress().correctForm()}/${prefix}`,
  );
  for (let i = 0; i < count; i++) {
    blocks.push(block.networkForm());
    if (i + 1 < count) block = block.nextNetwork();
  }
  return blocks;
}

/**
 * The endpoint VPC's fixed subnet slots: the VPC's block split in eight,
 * and the AZ ID `…-azN` in slot N - 1, whatever other AZ IDs there are.
 * Adding or removing an AZ ID never moves another AZ's subnet (a subnet's
 * CIDR forces its replacement, and the endpoint's interfaces sit in it).
 */
export const AZ_SLOTS = 8;

/** The smallest subnet AWS allows: /28. */
export const SMALLEST_SUBNET_PREFIX = 28;

/** The smallest block with a fixed slot of SMALLEST_SUBNET_PREFIX per AZ: /25. */
export const LARGEST_SLOTTED_PREFIX =
  SMALLEST_SUBNET_PREFIX - Math.log2(AZ_SLOTS);

/** `use1-az3` -> 3; undefined for an AZ ID without a number. */
export function azNumber(azId: string): number | undefined {
  const match = /-az(\d+)$/.exec(azId);
  return match ? Number(match[1]) : undefined;
}

/** The slot block of an AZ ID in the endpoint VPC's CIDR. */
export function slotCidr(vpcCidr: string, azId: string): string {
  const n = azNumber(azId);
  if (n === undefined || n < 1 || n > AZ_SLOTS)
    throw new Error(`${azId} has no subnet slot (az1 to az${AZ_SLOTS})`);
  return splitCidr(vpcCidr, AZ_SLOTS)[n - 1];
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = factsOf(outer);
  const b = factsOf(inner);
  return a.start <= b.start && b.end <= a.end;
}

/**
 * Blocks AWS never allows in a VPC (Amazon VPC User Guide, "VPC CIDR
 * blocks"): a VPC, and so a consumer CIDR to peer with, must not touch them.
 */
export const RESERVED_BLOCKS: readonly { cidr: string; what: string }[] = [
  { cidr: "0.0.0.0/8", what: '"this network"' },
  { cidr: "127.0.0.0/8", what: "loopback" },
  { cidr: "169.254.0.0/16", what: "link-local" },
  { cidr: "224.0.0.0/4", what: "multicast" },
  { cidr: "240.0.0.0/4", what: "reserved (class E)" },
];

/** The reserved block a CIDR overlaps, if any. */
export function reservedBlockOf(
  cidr: string,
): { cidr: string; what: string } | undefined {
  const facts = cidrFacts(cidr);
  if (!facts) return undefined;
  return RESERVED_BLOCKS.find((block) => {
    const reserved = factsOf(block.cidr);
    return facts.start <= reserved.end && reserved.start <= facts.end;
  });
}
