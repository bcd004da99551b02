/**
 * Reads the interface endpoints and what admits traffic to them: the
 * subnets and security groups they name, and each group's ingress rules.
 */
import {
  Resource,
  blocks,
  describeValue,
  elements,
  literalNumber,
  literalString,
  parseReference,
} from "../../output/terraform-json";
import { Endpoint, IngressRule, SecurityGroup, Subnet } from "./network";
import { subnetOf } from "./read-subnets";
import type { Reader } from "./reader";

export function readEndpoints(reader: Reader): Endpoint[] {
  return reader.document
    .resources("aws_vpc_endpoint")
    .map((resource) => readEndpoint(reader, resource));
}

function readEndpoint(reader: Reader, resource: Resource): Endpoint {
  const { document } = reader;
  const { body } = resource;
  const subnetValues = elements(body.subnet_ids);
  const subnets: Subnet[] = [];
  const unresolvedSubnets: string[] = [];
  for (const value of subnetValues) {
    const subnet = document.referenced(value, "aws_subnet");
    // Only the subnet's id is a subnet id; another attribute names none.
    if (subnet && parseReference(value)?.attribute === "id")
      subnets.push(subnetOf(reader, subnet));
    else unresolvedSubnets.push(describeValue(value));
  }
  const securityGroups: SecurityGroup[] = [];
  const unknownGroups: string[] = [];
  for (const value of elements(body.security_group_ids)) {
    const group = document.referenced(value, "aws_security_group");
    if (group) securityGroups.push(securityGroupOf(reader, group));
    else unknownGroups.push(literalString(value) ?? String(value));
  }
  return {
    address: resource.address,
    provider: document.providerOf(resource),
    serviceName: reader.resolveLiteral(body.service_name),
    type: literalString(body.vpc_endpoint_type) ?? "Gateway",
    vpc: reader.vpcOf(body.vpc_id),
    region: document.regionOf(resource),
    serviceRegion: literalString(body.service_region),
    subnets,
    unresolvedSubnets,
    subnetIds: subnetValues.map((v) => reader.resolveLiteral(v) ?? String(v)),
    securityGroups,
    unknownGroups,
  };
}

/** The model of a security group resource (or data source), made once. */
function securityGroupOf(reader: Reader, resource: Resource): SecurityGroup {
  return reader.once(`security group ${resource.address}`, () => ({
    address: resource.address,
    vpc: reader.vpcOf(resource.body.vpc_id),
    ingress: reader.once("ingress rules by group", () =>
      readIngressRules(reader),
    )(resource),
  }));
}

/**
 * The ingress rules of a group: `aws_vpc_security_group_ingress_rule`s,
 * ingress `aws_security_group_rule`s, then its inline `ingress` blocks.
 * The rule resources are indexed by group once, for every group.
 */
function readIngressRules(reader: Reader): (group: Resource) => IngressRule[] {
  const { document } = reader;
  const byGroup = new Map<string, IngressRule[]>();
  const add = (rule: Resource, read: IngressRule) => {
    const group = parseReference(rule.body.security_group_id)?.address;
    if (group === undefined) return;
    const rules = byGroup.get(group);
    if (rules) rules.push(read);
    else byGroup.set(group, [read]);
  };
  for (const rule of document.resources("aws_vpc_security_group_ingress_rule"))
    add(rule, {
      label: rule.address,
      cidrs: reader.literalCidrs([rule.body.cidr_ipv4]),
      ...protocolAndPorts(
        rule.body.ip_protocol,
        rule.body.from_port,
        rule.body.to_port,
      ),
    });
  for (const rule of document
    .resources("aws_security_group_rule")
    .filter((r) => literalString(r.body.type) === "ingress"))
    add(rule, {
      label: rule.address,
      cidrs: reader.literalCidrs(elements(rule.body.cidr_blocks)),
      ...protocolAndPorts(
        rule.body.protocol,
        rule.body.from_port,
        rule.body.to_port,
      ),
    });
  return (group) => [
    ...(byGroup.get(group.address) ?? []),
    ...blocks(group.body.ingress).map((block, i) => ({
      label: `${group.address} (inline ingress[${i}])`,
      cidrs: reader.literalCidrs(elements(block.cidr_blocks)),
      ...protocolAndPorts(block.protocol, block.from_port, block.to_port),
    })),
  ];
}

function protocolAndPorts(
  protocol: unknown,
  from: unknown,
  to: unknown,
): Pick<IngressRule, "protocol" | "from" | "to"> {
  const written = String(
    literalNumber(protocol) ?? literalString(protocol) ?? "",
  ).toLowerCase();
  const kind =
    written === "tcp" || written === "6"
      ? "tcp"
      : written === "-1" || written === "all"
        ? "all"
        : "other";
  return { protocol: kind, from: literalNumber(from), to: literalNumber(to) };
}
