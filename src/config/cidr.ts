import { Address4 } from "ip-address";

/** A strict dotted-quad IPv4 CIDR: four octets and a prefix length. */
const CIDR_SHAPE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function isIpv4Cidr(value: string): boolean {
  return CIDR_SHAPE.test(value) && Address4.isValid(value);
}

export function prefixLength(cidr: string): number {
  return new Address4(cidr).subnetMask;
}

/** `10.0.0.1/16` -> `10.0.0.0/16`. */
export function networkOf(cidr: string): string {
  return (
    new Address4(cidr).startAddress().correctForm() + "/" + prefixLength(cidr)
  );
}

export function isNetworkAddress(cidr: string): boolean {
  return networkOf(cidr) === cidr;
}

/** Two CIDR blocks overlap when one contains the other. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = new Address4(a);
  const y = new Address4(b);
  return x.isInSubnet(y) || y.isInSubnet(x);
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
