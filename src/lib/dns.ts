/**
 * How a hostname maps onto a private hosted zone. A zone is made for the
 * exact hostname, never for a parent domain: a zone `example.com` would
 * shadow every other name of example.com inside the consumer VPCs.
 */

/** `*.data.example.com` -> `data.example.com`; `api.example.com` -> itself. */
export function zoneOf(hostname: string): string {
  return hostname.startsWith("*.") ? hostname.slice(2) : hostname;
}

/** The record's name relative to its zone: `*` for a wildcard, `` for the apex. */
export function recordLabelOf(hostname: string): string {
  return hostname.startsWith("*.") ? "*" : "";
}

/** DNS names compare case-insensitively, with or without the root dot. */
export function normalizeDnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** The zone a hostname lives in, normalized: `*.Data.example.com.` -> `data.example.com`. */
export function zoneNameOf(hostname: string): string {
  return zoneOf(normalizeDnsName(hostname));
}
