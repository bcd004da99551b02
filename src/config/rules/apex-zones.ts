/**
 * Private zones that shadow a whole domain. A private hosted zone answers
 * every name under it inside the VPCs it is associated with, and Route 53
 * does not fall back to public DNS for names it lacks. A hostname is given
 * its own zone (src/lib/dns.ts), so `api.example.com` shadows only itself;
 * but a hostname that is a registrable domain (`example.com`, or
 * `*.example.com`) makes the zone `example.com`, and then `www.example.com`
 * no longer resolves publicly from the consumer VPCs.
 *
 * Registrable domains come from the public suffix list (tldts), with its
 * ICANN and its private sections: `myapp.github.io` is registrable, as its
 * owner sees it. A top-level domain not on the list (`corp.internal`)
 * counts as a public suffix, as the list's own algorithm says (rule `*`):
 * a zone `corp.internal` shadows every other name of the company's
 * internal domain, which is the same mistake.
 */
import { parse } from "tldts";
import { Json, Located, valid } from "../raw";
import { zoneNameOf } from "../../lib/dns";
import { Problem, formatPath, problem } from "../problems";
import { Hostname, Name } from "../schema";
import { validEntries } from "./common";

/** How a zone shadows a domain, if it does. */
interface Shadow {
  /** `the registrable domain (public suffix "com")`. */
  readonly what: string;
  /** A name the zone hides: `www.example.com`. */
  readonly example: string;
}

function describeSuffix(suffix: string, icann: boolean, listed: boolean) {
  if (icann) return `public suffix "${suffix}"`;
  if (listed)
    return `public suffix "${suffix}", from the private section of the public suffix list`;
  return `"${suffix}" is not on the public suffix list, so it counts as a public suffix`;
}

/** The zone's place on the public suffix list, when it shadows a whole domain. */
export function shadowOf(zone: string): Shadow | undefined {
  const parsed = parse(zone, {
    allowPrivateDomains: true,
    extractHostname: false,
  });
  const suffix = parsed.publicSuffix;
  if (!suffix) return undefined;
  const icann = parsed.isIcann === true;
  const listed = icann || parsed.isPrivate === true;
  if (parsed.domain === zone)
    return {
      what: `the registrable domain (${describeSuffix(suffix, icann, listed)})`,
      example: `www.${zone}`,
    };
  // A zone that is itself a listed suffix shadows every domain under it.
  if (suffix === zone && listed)
    return {
      what: `a public suffix (from the ${icann ? "ICANN" : "private"} section of the public suffix list)`,
      example: `example.${zone}`,
    };
  return undefined;
}

/** The zones a service makes, each with the hostnames that make it. */
function zonesOf(service: Json): Map<string, string[]> {
  const zones = new Map<string, string[]>();
  for (const { value } of validEntries(service.dnsNames, [], Hostname)) {
    const zone = zoneNameOf(value);
    zones.set(zone, [...(zones.get(zone) ?? []), value]);
  }
  return zones;
}

/** `intendedApexZones` can only silence a zone the service makes. */
export function intendedApexZonesMade(service: Located<Json>): Problem[] {
  const zones = zonesOf(service.value);
  const made =
    zones.size > 0
      ? `it makes ${[...zones.keys()].map((z) => `"${z}"`).join(", ")}`
      : "it makes none, having no dnsNames";
  return validEntries(
    service.value.intendedApexZones,
    [...service.path, "intendedApexZones"],
    Hostname,
  )
    .filter((entry) => !zones.has(zoneNameOf(entry.value)))
    .map((entry) =>
      problem(
        entry.path,
        entry.value,
        `expected a zone this service makes from its dnsNames, written as the hostname or its zone (${made})`,
      ),
    );
}

/** A zone that shadows its whole domain in the consumer VPCs gets a warning, unless it is intended. */
export function apexZoneWarnings(service: Located<Json>): string[] {
  const intended = new Set(
    validEntries(service.value.intendedApexZones, [], Hostname).map((entry) =>
      zoneNameOf(entry.value),
    ),
  );
  const name = valid(Name, service.value.name)
    ? service.value.name
    : formatPath(service.path);
  const warnings: string[] = [];
  for (const [zone, hostnames] of zonesOf(service.value)) {
    if (intended.has(zone)) continue;
    const shadow = shadowOf(zone);
    if (!shadow) continue;
    const several = hostnames.length > 1;
    const named = hostnames.map((h) => `"${h}"`).join(" and ");
    warnings.push(
      `service "${name}": ${several ? "hostnames" : "hostname"} ${named} make${several ? "" : "s"} the private zone "${zone}", which is ${shadow.what}: inside the consumer VPCs it shadows every other name of ${zone} (${shadow.example}, for one, stops resolving publicly there); if that is intended, list "${zone}" in the service's intendedApexZones`,
    );
  }
  return warnings;
}
