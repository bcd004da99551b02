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
