/**
 * The `name` column: every declared hostname resolves, inside the
 * consumer's VPC, to an interface endpoint of the service the VPC can
 * reach. That takes exactly one private zone for the hostname associated
 * with the VPC in its region, and an alias record in it that points at a
 * reachable endpoint.
 */
import { normalizeDnsName, zoneNameOf } from "../../lib/dns";
import { DeclaredConsumer } from "../../output/topology";
import { DnsRecord, Zone, peeredWith } from "../model/network";
import { StackContext } from "./context";
import { Verdict, verdict } from "./findings";

export interface NameFinding {
  readonly verdict: Verdict;
  /** Zones associated with the consumer's VPC in its region. */
  readonly visibleZones: readonly Zone[];
  /**
   * Zones of a declared hostname that the consumer does not see: worked out
   * when first read (the picture reads it for few consumers), since with a
   * zone per native consumer it lists nearly every zone for each of them.
   */
  readonly unseenZones: readonly Zone[];
}

export function checkName(
  context: StackContext,
  consumer: DeclaredConsumer,
): NameFinding {
  const { network, service } = context;
  const visibleZones = context.index.zonesSeenFrom(
    consumer.vpc_id,
    consumer.region,
  );
  let unseenZones: readonly Zone[] | undefined;
  const unseen = () => {
    const seen = new Set(visibleZones.map((zone) => zone.name));
    const wanted = new Set(service.dns_names.map(zoneNameOf));
    return network.zones.filter(
      (zone) => wanted.has(zone.name) && !seen.has(zone.name),
    );
  };
  const finding = (result: Verdict): NameFinding => ({
    verdict: result,
    visibleZones,
    get unseenZones() {
      return (unseenZones ??= unseen());
    },
  });
  if (service.dns_names.length === 0)
    return finding({
      status: "n/a",
      note: "no dns_names: clients use the endpoint's own DNS name",
    });
  const reasons = service.dns_names
    .map(normalizeDnsName)
    .flatMap((hostname) =>
      hostnameProblems(context, consumer, hostname, visibleZones),
    );
  return finding(verdict(reasons));
}

/** Why one hostname does not resolve to a reachable endpoint (empty when it does). */
function hostnameProblems(
  context: StackContext,
  consumer: DeclaredConsumer,
  hostname: string,
  visibleZones: readonly Zone[],
): string[] {
  const zoneName = zoneNameOf(hostname);
  const where = `${consumer.vpc_id} (${consumer.region})`;
  const visible = visibleZones.filter((z) => z.name === zoneName);
  if (visible.length === 0) {
    const elsewhere = context.index
      .zonesNamed(zoneName)
      .map(
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
    return [
      `${hostname}: no private hosted zone ${zoneName} is associated with ${where}${
        elsewhere.length > 0 ? `; ${elsewhere.join("; ")}` : ""
      }`,
    ];
  }
  if (visible.length > 1)
    return [
      `${hostname}: ${visible.map((z) => z.address).join(" and ")} are both zones ${zoneName} in ${where}; AWS refuses the second association`,
    ];
  const [zone] = visible;
  if (!zone.isPrivate)
    return [
      `${hostname}: ${zone.address} has no inline vpc block, so it is a public zone and cannot be associated with ${where}`,
    ];
  const records = context.index
    .recordsIn(zone.address)
    .filter(
      (r) =>
        r.name === hostname &&
        (r.type === "A" || r.type === "AAAA" || r.type === "CNAME"),
    );
  if (records.length === 0)
    return [
      `${hostname}: missing aws_route53_record: ${zone.address} has no A alias record ${hostname}`,
    ];
  const reachable = reachableEndpoints(context, consumer);
  const good = records.filter(
    (r) =>
      r.endpointTargets.some((t) => reachable.has(t)) &&
      // A CNAME cannot sit at a zone's apex.
      !(r.type === "CNAME" && r.name === zone.name),
  );
  if (good.length > 0) return [];
  return records.map(
    (r) => `${hostname}: ${describeBadRecord(context, r, consumer)}`,
  );
}

/** Endpoints of the service the consumer's VPC can reach: in it, or in a VPC peered with it. */
function reachableEndpoints(
  context: StackContext,
  consumer: DeclaredConsumer,
): Set<string> {
  const { index } = context;
  const reachable = new Set<string>();
  for (const vpc of [
    consumer.vpc_id,
    ...peeredWith(context.network, consumer.vpc_id),
  ])
    for (const endpoint of index.serviceEndpointsIn(vpc))
      reachable.add(endpoint.address);
  return reachable;
}

function describeBadRecord(
  context: StackContext,
  record: DnsRecord,
  consumer: DeclaredConsumer,
): string {
  const name = context.service.service_name;
  if (record.type === "CNAME" && record.endpointTargets.length > 0)
    return `${record.address} is a CNAME at the zone apex, which DNS does not allow`;
  if (record.endpointTargets.length === 0)
    return `${record.address} points at ${record.targetText}, not at the DNS name of an interface endpoint of this stack`;
  return record.endpointTargets
    .map((target) => {
      const endpoint = context.index.endpoint(target);
      if (endpoint?.serviceName !== name)
        return `${record.address} points at ${target}, an endpoint of ${endpoint?.serviceName ?? "an unknown service"}, not of ${name}`;
      return `${record.address} points at ${target} in ${endpoint.vpc?.key ?? "no VPC"}, which ${consumer.vpc_id} (${consumer.name}) cannot reach: that VPC is neither its own nor peered with it`;
    })
    .join("; ");
}
