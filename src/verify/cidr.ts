/** CIDR arithmetic for the checks, on `ip-address`. */
import { Address4 } from "ip-address";

export function isCidr(value: string): boolean {
  return (
    /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value) && Address4.isValid(value)
  );
}

/** Whether every address of `inner` is in `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  return new Address4(inner).isInSubnet(new Address4(outer));
}

export function prefixLength(cidr: string): number {
  return new Address4(cidr).subnetMask;
}
