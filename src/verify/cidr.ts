/**
 * CIDR arithmetic for the checks, on `ip-address`. The same few CIDRs are
 * compared many times (every consumer CIDR against every rule and route),
 * and parsing dominates, so results are memoized.
 */
import { Address4 } from "ip-address";

const parsed = new Map<string, Address4>();
const containment = new Map<string, boolean>();

function address(cidr: string): Address4 {
  let value = parsed.get(cidr);
  if (!value) {
    value = new Address4(cidr);
    parsed.set(cidr, value);
  }
  return value;
}

export function isCidr(value: string): boolean {
  if (parsed.has(value)) return true;
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value)) return false;
  if (!Address4.isValid(value)) return false;
  address(value);
  return true;
}

/** Whether every address of `inner` is in `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const key = `${outer} ${inner}`;
  let result = containment.get(key);
  if (result === undefined) {
    result = address(inner).isInSubnet(address(outer));
    containment.set(key, result);
  }
  return result;
}

export function prefixLength(cidr: string): number {
  return address(cidr).subnetMask;
}
