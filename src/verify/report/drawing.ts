/**
 * Drawing one layout of a stack's flowchart (picture.ts picks the layout):
 * regions as subgraphs, the endpoint VPC, the consumers on their own or in
 * groups (groups.ts), the zones, and every edge between them.
 */
import { Topology } from "../../output/topology";
import {
  CHECKS,
  CheckName,
  ConsumerReport,
  StackReport,
} from "../checks/findings";
import { Endpoint } from "../model/network";
import { Flowchart, SHAPES } from "./flowchart";
import {
  drawGroupLinks,
  drawGroups,
  drawHiddenFailures,
  portsLabel,
} from "./groups";
import { Drawing, Layout } from "./layout";

export type { Drawing, Layout };
import { summaryOf } from "./table";

const UNKNOWN_REGION = "unknown region";

function byVpc(endpoints: readonly Endpoint[]): Map<string, Endpoint[]> {
  const map = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) {
    const key = endpoint.vpc?.key;
    if (key === undefined) continue;
    const list = map.get(key);
    if (list) list.push(endpoint);
    else map.set(key, [endpoint]);
  }
  return map;
}

function failedChecks(
  report: ConsumerReport,
  checks: readonly CheckName[],
): CheckName[] {
  return checks.filter((check) => report.checks[check].status === "fail");
}

export function draw(
  report: StackReport,
  layout: Layout,
): { chart: Flowchart; text: string } {
  const chart = new Flowchart();
  const { topology, network } = report;
  if (!topology || !network) {
    const id = chart.id("problem");
    chart.node(id, SHAPES.box, [`${report.stack}: ${summaryOf(report)}`], true);
    return { chart, text: chart.render() };
  }
  const drawing: Drawing = {
    chart,
    network,
    service: topology.service,
    endpoints: report.serviceEndpoints,
    endpointsByVpc: byVpc(report.serviceEndpoints),
    declaredVpcs: new Set(report.consumers.map((c) => c.consumer.vpc_id)),
    serviceId: chart.id("service"),
    endpointIds: new Map(),
    subnetIds: new Map(),
    clientIds: new Map(),
    zoneIds: new Map(),
    layout,
  };
  for (const region of regionsOf(drawing, report)) drawRegion(drawing, region);
  drawZones(drawing);
  drawEndpointLinks(drawing);
  for (const consumer of layout.individual) {
    drawTraffic(drawing, consumer);
    drawResolution(drawing, consumer);
  }
  drawGroupLinks(drawing);
  drawAliases(drawing);
  return { chart, text: chart.render() };
}

/** The service's region first, then every other region in use, sorted. */
function regionsOf(drawing: Drawing, report: StackReport): string[] {
  const { service, network, endpoints } = drawing;
  const regions = [
    ...new Set([
      ...report.consumers.map((c) => c.consumer.region),
      ...endpoints.map((e) => e.region ?? UNKNOWN_REGION),
      ...network.vpcs.map((vpc) => vpc.region ?? UNKNOWN_REGION),
    ]),
  ]
    .filter((region) => region !== service.region)
    .sort();
  return [service.region, ...regions];
}

function drawEndpoint(drawing: Drawing, endpoint: Endpoint): void {
  // Not coloured itself: a failure belongs to a consumer's path, drawn red.
  const id = drawing.chart.id("endpoint");
  drawing.endpointIds.set(endpoint.address, { id, endpoint });
  drawing.chart.node(id, SHAPES.stadium, [
    "interface endpoint",
    endpoint.address,
    `serves ${portsLabel(drawing.service)}`,
  ]);
}

function drawRegion(drawing: Drawing, region: string): void {
  const { chart, service } = drawing;
  const isServiceRegion = region === service.region;
  chart.subgraph(
    chart.id("region"),
    isServiceRegion ? `${region} (service region)` : region,
    () => {
      if (isServiceRegion)
        chart.node(drawing.serviceId, SHAPES.subroutine, [
          "endpoint service",
          service.service_name,
        ]);
      drawVpcsMadeHere(drawing, region);
      for (const consumer of drawing.layout.individual.filter(
        (c) => c.consumer.region === region,
      ))
        drawConsumer(drawing, consumer);
      drawGroups(drawing, region);
      drawUndeclaredVpcs(drawing, region);
      if (isServiceRegion) drawHiddenFailures(drawing);
    },
  );
}

/** VPCs made in this stack (the endpoint VPC): subnets by AZ ID, endpoints. */
function drawVpcsMadeHere(drawing: Drawing, region: string): void {
  const { chart } = drawing;
  for (const vpc of drawing.network.vpcs) {
    if ((vpc.region ?? UNKNOWN_REGION) !== region) continue;
    const inVpc = drawing.endpointsByVpc.get(vpc.address) ?? [];
    const title = `${inVpc.length > 0 ? "endpoint VPC" : "VPC"} ${vpc.address}${vpc.cidrText ? ` ${vpc.cidrText}` : ""}`;
    chart.subgraph(chart.id("vpc"), title, () => {
      for (const endpoint of inVpc) drawEndpoint(drawing, endpoint);
      for (const subnet of vpc.subnets) {
        const id = chart.id("subnet");
        drawing.subnetIds.set(subnet.address, id);
        chart.node(id, SHAPES.box, [
          `subnet ${subnet.az ?? "AZ unknown"}`,
          ...(subnet.cidr ? [subnet.cidr] : []),
        ]);
      }
    });
  }
}

/** A consumer VPC, with its own (native) endpoints inside. */
function drawConsumer(drawing: Drawing, report: ConsumerReport): void {
  const { chart } = drawing;
  const { consumer } = report;
  const failed = failedChecks(report, CHECKS);
  chart.subgraph(
    chart.id("consumer"),
    `consumer ${consumer.name} · ${consumer.region}`,
    () => {
      const clients = chart.id("clients");
      drawing.clientIds.set(consumer.name, clients);
      chart.node(
        clients,
        SHAPES.rounded,
        [
          consumer.vpc_id,
          consumer.cidrs.join(", "),
          consumer.connectivity === "native"
            ? "native: endpoint in this VPC"
            : `route tables ${consumer.route_table_ids.join(", ") || "none"}`,
          failed.length === 0
            ? "✓ reaches the service"
            : `✗ ${failed.join(", ")}`,
        ],
        failed.length > 0,
      );
      for (const endpoint of (
        drawing.endpointsByVpc.get(consumer.vpc_id) ?? []
      ).filter((e) => !e.vpc?.vpc))
        drawEndpoint(drawing, endpoint);
    },
    failed.length > 0,
  );
}

/** Endpoints in existing VPCs no consumer declares. */
function drawUndeclaredVpcs(drawing: Drawing, region: string): void {
  for (const endpoint of drawing.endpoints.filter(
    (e) =>
      !e.vpc?.vpc &&
      !drawing.declaredVpcs.has(e.vpc?.key ?? "") &&
      (e.region ?? UNKNOWN_REGION) === region,
  ))
    drawing.chart.subgraph(
      drawing.chart.id("vpc"),
      `VPC ${endpoint.vpc?.key ?? "unknown"}`,
      () => drawEndpoint(drawing, endpoint),
    );
}

/**
 * Route 53 is global: zones sit outside the regions. With groups, only the
 * zones a drawn consumer or a peered group resolves with (a native group's
 * own zones are one per consumer: the group node says so).
 */
function drawZones(drawing: Drawing): void {
  const { layout } = drawing;
  const shown =
    layout.groups.length === 0 && layout.hiddenFailures === 0
      ? undefined
      : new Set(
          [
            ...layout.individual,
            ...layout.groups
              .filter((g) => g.connectivity === "peering")
              .flatMap((g) => g.members),
          ].flatMap((c) =>
            [...c.visibleZones, ...c.unseenZones].map((z) => z.address),
          ),
        );
  // One pass over the records, not one per zone (a zone per native consumer).
  const hostnamesByZone = new Map<string, string[]>();
  for (const record of drawing.network.records) {
    if (record.zoneAddress === undefined) continue;
    const names = hostnamesByZone.get(record.zoneAddress);
    if (names) names.push(record.name);
    else hostnamesByZone.set(record.zoneAddress, [record.name]);
  }
  for (const zone of drawing.network.zones) {
    if (shown && !shown.has(zone.address)) continue;
    const hostnames = hostnamesByZone.get(zone.address) ?? [];
    const id = drawing.chart.id("zone");
    drawing.zoneIds.set(zone.address, id);
    drawing.chart.node(id, SHAPES.database, [
      `private zone ${zone.name}`,
      ...(hostnames.length > 0
        ? [...new Set(hostnames)].sort()
        : ["no records"]),
    ]);
  }
}

/** Each endpoint in its subnets, and on to the service. */
function drawEndpointLinks(drawing: Drawing): void {
  const { chart, endpointIds, subnetIds } = drawing;
  for (const endpoint of drawing.endpoints) {
    const endpointId = endpointIds.get(endpoint.address)?.id;
    for (const subnet of endpoint.subnets) {
      const subnetId = subnetIds.get(subnet.address);
      if (endpointId && subnetId)
        chart.edge(subnetId, "---", endpointId, undefined);
    }
  }
  for (const { id, endpoint } of endpointIds.values())
    chart.edge(
      id,
      "-->",
      drawing.serviceId,
      endpointLinkLabel(endpoint, drawing.service),
    );
}

function endpointLinkLabel(
  endpoint: Endpoint,
  service: Topology["service"],
): string {
  return endpoint.serviceRegion && endpoint.serviceRegion !== endpoint.region
    ? `cross-region PrivateLink (service_region ${endpoint.serviceRegion})`
    : `PrivateLink${endpoint.region === service.region ? "" : " (wrong region)"}`;
}

/** The consumer's path to its endpoint: through a peering, or inside its VPC. */
function drawTraffic(drawing: Drawing, report: ConsumerReport): void {
  const { chart } = drawing;
  const clients = drawing.clientIds.get(report.consumer.name) as string;
  const failed = failedChecks(report, [
    "route there",
    "route back",
    "admission",
    "placement",
  ]);
  const status = failed.length > 0 ? ` · ✗ ${failed.join(", ")}` : "";
  const targets = report.endpoints
    .map((endpoint) => drawing.endpointIds.get(endpoint.address)?.id)
    .filter((id): id is string => id !== undefined);
  if (targets.length === 0) {
    const missing = chart.id("missing");
    chart.node(missing, SHAPES.box, ["no endpoint to reach"], true);
    chart.edge(
      clients,
      "-.-x",
      missing,
      `✗${status.replace(/^ · ✗/, "")}`,
      true,
    );
    return;
  }
  const native = report.consumer.connectivity === "native";
  const ports = portsLabel(drawing.service);
  const via = native
    ? ports
    : report.peerings.length > 0
      ? `${report.peerings.map((p) => p.name).join(", ")} · ${ports}`
      : "✗ no peering";
  for (const target of targets)
    chart.edge(
      clients,
      native ? "-->" : "<==>",
      target,
      `${via}${status}`,
      failed.length > 0 || (!native && report.peerings.length === 0),
    );
}

/** The zones the consumer resolves with; when `name` fails, the ones it misses. */
function drawResolution(drawing: Drawing, report: ConsumerReport): void {
  const clients = drawing.clientIds.get(report.consumer.name) as string;
  const nameFailed = report.checks.name.status === "fail";
  for (const zone of report.visibleZones)
    drawing.chart.edge(
      clients,
      "-.->",
      drawing.zoneIds.get(zone.address) as string,
      "resolves",
      nameFailed,
    );
  if (nameFailed)
    for (const zone of report.unseenZones)
      drawing.chart.edge(
        clients,
        "-.-x",
        drawing.zoneIds.get(zone.address) as string,
        "✗ not associated",
        true,
      );
}

/** Each record's alias to an endpoint, once per zone and endpoint. */
function drawAliases(drawing: Drawing): void {
  const drawn = new Set<string>();
  for (const record of drawing.network.records) {
    if (!record.zoneAddress) continue;
    for (const target of record.endpointTargets) {
      const key = `${record.zoneAddress} ${target}`;
      const zoneId = drawing.zoneIds.get(record.zoneAddress);
      const endpointId = drawing.endpointIds.get(target)?.id;
      if (drawn.has(key) || !zoneId || !endpointId) continue;
      drawn.add(key);
      drawing.chart.edge(zoneId, "-.->", endpointId, "alias");
    }
  }
}
