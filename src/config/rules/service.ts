/**
 * The rules of one service: its endpoint service name, its endpoint VPC's
 * AZ IDs and subnets, its ports and hostnames. Each is one AWS fact.
 */
import { Json, Located, connectivityOf, isObject, items, valid } from "../raw";
import {
  AZ_SLOTS,
  LARGEST_SLOTTED_PREFIX,
  SMALLEST_SUBNET_PREFIX,
  azNumber,
  cidrContains,
  isNetworkAddress,
  splitPrefix,
} from "../../lib/cidr";
import { Problem, formatPath, problem } from "../problems";
import { azIdPrefix, regionOfAzId } from "../../lib/regions";
import { Hostname, Name, Port, ServiceName, SubnetCidr } from "../schema";
import { ServiceView, duplicates, overlapping, validEntries } from "./common";

/** `com.amazonaws.vpce.<region>.vpce-svc-…` and `com.amazonaws.<region>.<service>` name a region. */
export function regionOfServiceName(serviceName: string): string | undefined {
  const match = /^com\.amazonaws\.(?:vpce\.)?([a-z]{2}-[a-z]+-\d+)\./.exec(
    serviceName,
  );
  return match?.[1];
}

/** An interface endpoint is made in the endpoint service's own region. */
export function serviceNameOfItsRegion(service: ServiceView): Problem[] {
  const { region, value, path } = service;
  if (!region || !valid(ServiceName, value.serviceName)) return [];
  const named = regionOfServiceName(value.serviceName);
  return named && named !== region
    ? [
        problem(
          [...path, "serviceName"],
          value.serviceName,
          `expected a service of region "${region}" (the service's "region"); this name is of "${named}"`,
        ),
      ]
    : [];
}

/** A subnet lives in an AZ of its VPC's region, and AZ IDs name their region. */
export function azIdsOfServiceRegion(service: ServiceView): Problem[] {
  const { region, azIds } = service;
  if (!region) return [];
  return azIds.flatMap((az) => {
    const azRegion = regionOfAzId(az.value);
    if (azRegion === region) return [];
    const where = azRegion ? `; ${az.value} is in ${azRegion}` : "";
    return [
      problem(
        az.path,
        az.value,
        `expected an AZ ID of ${region} (${azIdPrefix(region)}-azN)${where}`,
      ),
    ];
  });
}

/** An interface endpoint takes one subnet per AZ. */
export function azIdsOnce(service: ServiceView): Problem[] {
  return duplicates(
    service.azIds,
    (az) => az,
    (first) => `expected each AZ ID once (also at ${formatPath(first.path)})`,
  );
}

/** The eight fixed subnet slots (the block split in eight) hold az1 to az8. */
export function slottedAzIdsNumbered(service: ServiceView): Problem[] {
  if (service.endpointVpc.subnetCidrs !== undefined) return [];
  return service.azIds.flatMap((az) => {
    const n = azNumber(az.value);
    return n !== undefined && n > AZ_SLOTS
      ? [
          problem(
            az.path,
            az.value,
            `expected an AZ ID numbered az1 to az${AZ_SLOTS}, which have fixed subnet slots; for ${az.value} give every AZ's subnet in endpointVpc.subnetCidrs`,
          ),
        ]
      : [];
  });
}

/** AWS's smallest subnet is a /28, so eight fixed slots need a /25 or larger. */
export function slottedBlockLargeEnough(service: ServiceView): Problem[] {
  const { endpointVpc, cidr, vpcPath } = service;
  if (endpointVpc.subnetCidrs !== undefined) return [];
  return cidr && splitPrefix(cidr, AZ_SLOTS) > SMALLEST_SUBNET_PREFIX
    ? [
        problem(
          [...vpcPath, "cidr"],
          cidr,
          `expected a block of /${LARGEST_SLOTTED_PREFIX} or larger: it is split in ${AZ_SLOTS} fixed slots, one /${SMALLEST_SUBNET_PREFIX} or larger (the smallest subnet AWS allows) per AZ ID az1 to az${AZ_SLOTS}; or give each AZ's subnet in endpointVpc.subnetCidrs`,
        ),
      ]
    : [];
}

/** The explicit subnets, by AZ ID in key order, when `subnetCidrs` is an object. */
function explicitSubnets(service: ServiceView): Located<unknown>[] {
  const explicit = service.endpointVpc.subnetCidrs;
  if (!isObject(explicit)) return []; // the schema reports its shape
  return Object.keys(explicit)
    .sort()
    .map((azId) => ({
      path: [...service.vpcPath, "subnetCidrs", azId],
      value: explicit[azId],
    }));
}

const azIdOf = (subnet: Located<unknown>) =>
  subnet.path[subnet.path.length - 1] as string;

/** The endpoint takes a subnet in every AZ it is placed in. */
export function explicitSubnetPerAzId(service: ServiceView): Problem[] {
  const explicit = service.endpointVpc.subnetCidrs;
  if (!isObject(explicit)) return [];
  const wanted = new Set(service.azIds.map((az) => az.value));
  const missing = [...wanted].filter((az) => !(az in explicit)).sort();
  return missing.length > 0
    ? [
        problem(
          [...service.vpcPath, "subnetCidrs"],
          explicit,
          `expected a subnet CIDR for every AZ ID of azIds; missing: ${missing.join(", ")}`,
        ),
      ]
    : [];
}

/** A subnet is made only for an AZ the endpoint is placed in. */
export function explicitSubnetsOfListedAzIds(service: ServiceView): Problem[] {
  const wanted = new Set(service.azIds.map((az) => az.value));
  return explicitSubnets(service)
    .filter((subnet) => !wanted.has(azIdOf(subnet)))
    .map((subnet) =>
      problem(
        subnet.path,
        subnet.value,
        "expected only AZ IDs listed in endpointVpc.azIds",
      ),
    );
}

/** The listed AZs' subnets that pass the subnet schema. */
function listedSubnets(service: ServiceView): Located<string>[] {
  const wanted = new Set(service.azIds.map((az) => az.value));
  return explicitSubnets(service).filter(
    (subnet): subnet is Located<string> =>
      wanted.has(azIdOf(subnet)) && valid(SubnetCidr, subnet.value), // the schema reports the rest
  );
}

/** AWS takes a subnet's CIDR as its network address. */
export function explicitSubnetsAtNetworkAddress(
  service: ServiceView,
): Problem[] {
  return listedSubnets(service)
    .filter((subnet) => !isNetworkAddress(subnet.value))
    .map((subnet) =>
      problem(
        subnet.path,
        subnet.value,
        "expected the block's network address",
      ),
    );
}

/** A subnet's block lies inside its VPC's. */
export function explicitSubnetsInsideBlock(service: ServiceView): Problem[] {
  const { cidr } = service;
  if (!cidr) return [];
  return listedSubnets(service)
    .filter(
      (subnet) =>
        isNetworkAddress(subnet.value) && !cidrContains(cidr, subnet.value),
    )
    .map((subnet) =>
      problem(
        subnet.path,
        subnet.value,
        `expected a block inside the endpoint VPC's ${cidr}`,
      ),
    );
}

/** The subnets of one VPC do not overlap. */
export function explicitSubnetsDisjoint(service: ServiceView): Problem[] {
  const { cidr } = service;
  const subnets = listedSubnets(service).filter(
    (subnet) =>
      isNetworkAddress(subnet.value) &&
      (!cidr || cidrContains(cidr, subnet.value)),
  );
  const found: Problem[] = [];
  for (let i = 0; i < subnets.length; i++)
    for (let j = 0; j < i; j++)
      if (overlapping(subnets[i].value, subnets[j].value))
        found.push(
          problem(
            subnets[i].path,
            subnets[i].value,
            `expected a block disjoint from ${subnets[j].value} (at ${formatPath(subnets[j].path)})`,
          ),
        );
  return found;
}

/** A security group rule is made once per port. */
export function portsOnce(service: ServiceView): Problem[] {
  return duplicates(
    validEntries(service.value.ports, [...service.path, "ports"], Port),
    (port) => String(port),
    (first) => `expected each port once (also at ${formatPath(first.path)})`,
  );
}

/** Route 53 holds one hosted zone per name in a VPC. */
export function hostnamesOnce(service: ServiceView): Problem[] {
  return duplicates(
    validEntries(
      service.value.dnsNames,
      [...service.path, "dnsNames"],
      Hostname,
    ),
    (name) => name,
    (first) =>
      `expected each hostname once (also at ${formatPath(first.path)})`,
  );
}

/** A peering joins the consumer VPC to a VPC in the service's region. */
export function endpointVpcWhenPeered(service: ServiceView): Problem[] {
  const { value, vpcPath, peered } = service;
  return value.endpointVpc === undefined && peered.length > 0
    ? [
        problem(
          vpcPath,
          undefined,
          `expected an object (a required field while any consumer uses peering: ${formatPath(peered[0].path)})`,
        ),
      ]
    : [];
}

/** The endpoint VPC exists only for peering, so with none it is not made (or is destroyed). */
export function unusedEndpointVpc(service: Located<Json>): string[] {
  const peered = items(service.value.consumers)
    .filter(isObject)
    .filter((c) => connectivityOf(c) !== "native");
  const name = valid(Name, service.value.name)
    ? service.value.name
    : formatPath(service.path);
  return service.value.endpointVpc !== undefined && peered.length === 0
    ? [
        `service "${name}": endpointVpc is not used, since no consumer uses peering; no endpoint VPC is made (an existing one is destroyed on apply)`,
      ]
    : [];
}
