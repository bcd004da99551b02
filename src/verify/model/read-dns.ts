/**
 * Reads the private hosted zones (which VPCs each answers in) and their
 * records (where each alias points).
 */
import { normalizeDnsName } from "../../lib/dns";
import {
  Resource,
  blocks,
  describeValue,
  elements,
  literalString,
  parseReference,
} from "../../output/terraform-json";
import { DnsRecord, Zone, ZoneAssociation } from "./network";
import type { Reader } from "./reader";

export function readZones(reader: Reader): Zone[] {
  return reader.document
    .resources("aws_route53_zone")
    .map((resource) => readZone(reader, resource));
}

function readZone(reader: Reader, resource: Resource): Zone {
  const { document } = reader;
  const zoneRegion = document.regionOf(resource);
  const inline: ZoneAssociation[] = blocks(resource.body.vpc).map(
    (block, i) => ({
      vpc: reader.vpcOf(block.vpc_id),
      // Route 53 assumes the provider's region when vpc_region is unset.
      region: literalString(block.vpc_region) ?? zoneRegion,
      madeBy: `${resource.address} (vpc[${i}])`,
    }),
  );
  const separate: ZoneAssociation[] = reader
    .zoneAssociationsOf(resource.address)
    .map((association) => ({
      vpc: reader.vpcOf(association.body.vpc_id),
      region:
        literalString(association.body.vpc_region) ??
        document.regionOf(association),
      madeBy: association.address,
    }));
  return {
    address: resource.address,
    name: normalizeDnsName(reader.resolveLiteral(resource.body.name) ?? ""),
    isPrivate: inline.length > 0,
    associations: [...inline, ...separate],
  };
}

export function readRecords(reader: Reader): DnsRecord[] {
  return reader.document
    .resources("aws_route53_record")
    .map((resource) => readRecord(reader, resource));
}

function readRecord(reader: Reader, resource: Resource): DnsRecord {
  const { document } = reader;
  const { body } = resource;
  const zone = document.referenced(body.zone_id, "aws_route53_zone");
  const zoneName = zone
    ? normalizeDnsName(reader.resolveLiteral(zone.body.name) ?? "")
    : "";
  const type = (literalString(body.type) ?? "").toUpperCase();
  const aliases = blocks(body.alias);
  const targets =
    aliases.length > 0
      ? aliases.map((alias) => alias.name)
      : type === "CNAME"
        ? elements(body.records)
        : [];
  return {
    address: resource.address,
    zoneAddress: zone?.address,
    name: qualifiedName(
      normalizeDnsName(reader.resolveLiteral(body.name) ?? ""),
      zoneName,
    ),
    type,
    endpointTargets: targets
      .map((target) => parseReference(target))
      .filter(
        (reference) =>
          reference !== undefined &&
          reference.type === "aws_vpc_endpoint" &&
          /^dns_entry\[\d+\]\.dns_name$/.test(reference.attribute) &&
          document.get(reference.address) !== undefined,
      )
      .map((reference) => reference?.address as string),
    targetText:
      targets.length > 0 ? targets.map(describeValue).join(", ") : "nothing",
  };
}

/** The provider appends the zone's name to a relative record name. */
function qualifiedName(written: string, zoneName: string): string {
  if (zoneName === "" || written === zoneName) return written;
  if (written.endsWith(`.${zoneName}`)) return written;
  return written === "" ? zoneName : `${written}.${zoneName}`;
}
