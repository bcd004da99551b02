/**
 * A stack's topology as a Mermaid flowchart: regions as subgraphs; the
 * endpoint VPC with its subnets by AZ ID, the endpoint and the service; each
 * consumer VPC; peering edges; private hosted zones with the hostnames they
 * answer. Whatever fails a check is drawn in red. Node ids are numbered in
 * a fixed traversal order, so the same JSON always gives the same text.
 */
import { CHECKS, CheckName, ConsumerReport, StackReport } from "./checks";
import { Endpoint, Network } from "./network";
import { markdownReport, summaryOf, escapeMarkdown } from "./table";
import { Topology } from "../output/topology";
import { zoneNameOf } from "../lib/dns";
import { portLabel } from "../lib/ports";

const RED = "#d32f2f";
const UNKNOWN_REGION = "unknown region";

/**
 * Text for a quoted Mermaid label: entity codes for the characters that
 * would end the label or be read as markup (`#` first, as it starts them).
 */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/&/g, "#amp;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;")
    .replace(/\|/g, "#124;");
}

/** A quoted label from lines. */
function label(...lines: string[]): string {
  return `"${lines.map(mermaidText).join("<br/>")}"`;
}

class Flowchart {
  private readonly lines: string[] = [];
  private readonly failedEdges: number[] = [];
  private readonly failedNodes: string[] = [];
  private readonly failedSubgraphs: string[] = [];
  private edgeCount = 0;
  private depth = 1;
  private readonly counters = new Map<string, number>();

  public id(prefix: string): string {
    const n = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, n + 1);
    return `${prefix}${n}`;
  }

  public line(text: string): void {
    this.lines.push(`${"  ".repeat(this.depth)}${text}`);
  }

  public subgraph(
    id: string,
    title: string,
    body: () => void,
    failed = false,
  ): void {
    this.line(`subgraph ${id}[${label(title)}]`);
    this.depth++;
    body();
    this.depth--;
    this.line("end");
    if (failed) this.failedSubgraphs.push(id);
  }

  public node(
    id: string,
    shape: [string, string],
    text: string[],
    failed = false,
  ): void {
    this.line(`${id}${shape[0]}${label(...text)}${shape[1]}`);
    if (failed) this.failedNodes.push(id);
  }

  /** `arrow` is a Mermaid link such as `-->` or `-.->`; the label goes in pipes. */
  public edge(
    from: string,
    arrow: string,
    to: string,
    text: string | undefined,
    failed = false,
  ): void {
    this.line(`${from} ${arrow}${text ? `|${label(text)}|` : ""} ${to}`);
    if (failed) this.failedEdges.push(this.edgeCount);
    this.edgeCount++;
  }

  public render(): string {
    const styles: string[] = [];
    if (this.failedNodes.length > 0 || this.failedSubgraphs.length > 0)
      styles.push(
        `  classDef failed fill:#fdecea,stroke:${RED},stroke-width:2px,color:#b71c1c`,
      );
    if (this.failedNodes.length > 0)
      styles.push(`  class ${this.failedNodes.join(",")} failed`);
    for (const id of this.failedSubgraphs)
      styles.push(
        `  style ${id} fill:#fdecea,stroke:${RED},stroke-width:2px,color:#b71c1c`,
      );
    if (this.failedEdges.length > 0)
      styles.push(
        `  linkStyle ${this.failedEdges.join(",")} stroke:${RED},stroke-width:3px,color:${RED}`,
      );
    return ["flowchart LR", ...this.lines, ...styles].join("\n");
  }
}

const SHAPES = {
  box: ["[", "]"],
  rounded: ["(", ")"],
  stadium: ["([", "])"],
  subroutine: ["[[", "]]"],
  database: ["[(", ")]"],
} satisfies Record<string, [string, string]>;

function failedChecks(
  report: ConsumerReport,
  checks: readonly CheckName[],
): CheckName[] {
  return checks.filter((check) => report.checks[check].status === "fail");
}

/** The Mermaid flowchart of a verified stack. */
export function mermaidOf(report: StackReport): string {
  const chart = new Flowchart();
  const { topology, network } = report;
  if (!topology || !network) {
    const id = chart.id("problem");
    chart.node(id, SHAPES.box, [`${report.stack}: ${summaryOf(report)}`], true);
    return chart.render();
  }
  const service = topology.service;
  const endpoints = network.endpoints.filter(
    (e) => e.serviceName === service.service_name,
  );
  const consumers = report.consumers;
  const consumerOfVpc = new Map(consumers.map((c) => [c.consumer.vpc_id, c]));

  const regions = [
    ...new Set([
      ...consumers.map((c) => c.consumer.region),
      ...endpoints.map((e) => e.region ?? UNKNOWN_REGION),
      ...network.document
        .resources("aws_vpc")
        .map((vpc) => network.document.regionOf(vpc) ?? UNKNOWN_REGION),
    ]),
  ]
    .filter((region) => region !== service.region)
    .sort();
  regions.unshift(service.region);

  const serviceId = chart.id("service");
  const endpointIds = new Map<string, string>();
  const subnetIds = new Map<string, string>();
  const clientIds = new Map<string, string>();
  const drawEndpoint = (endpoint: Endpoint) => {
    // Not coloured itself: a failure belongs to a consumer's path, drawn red.
    const id = chart.id("endpoint");
    endpointIds.set(endpoint.address, id);
    chart.node(id, SHAPES.stadium, [
      "interface endpoint",
      endpoint.address,
      `serves ${service.ports.map((p) => `tcp/${portLabel(p)}`).join(", ")}`,
    ]);
  };

  for (const region of regions) {
    const isServiceRegion = region === service.region;
    chart.subgraph(
      chart.id("region"),
      isServiceRegion ? `${region} (service region)` : region,
      () => {
        if (isServiceRegion)
          chart.node(serviceId, SHAPES.subroutine, [
            "endpoint service",
            service.service_name,
          ]);
        // VPCs made in this stack (the endpoint VPC): subnets by AZ ID, endpoints.
        for (const vpc of network.document.resources("aws_vpc")) {
          if ((network.document.regionOf(vpc) ?? UNKNOWN_REGION) !== region)
            continue;
          const inVpc = endpoints.filter((e) => e.vpc?.key === vpc.address);
          const cidr = network.resolveLiteral(vpc.body.cidr_block);
          const title = `${inVpc.length > 0 ? "endpoint VPC" : "VPC"} ${vpc.address}${cidr ? ` ${cidr}` : ""}`;
          chart.subgraph(chart.id("vpc"), title, () => {
            inVpc.forEach(drawEndpoint);
            for (const subnet of network.subnetsIn(vpc)) {
              const id = chart.id("subnet");
              subnetIds.set(subnet.address, id);
              const az =
                network.resolveLiteral(subnet.body.availability_zone_id) ??
                network.resolveLiteral(subnet.body.availability_zone) ??
                "AZ unknown";
              const subnetCidr = network.resolveLiteral(subnet.body.cidr_block);
              chart.node(id, SHAPES.box, [
                `subnet ${az}`,
                ...(subnetCidr ? [subnetCidr] : []),
              ]);
            }
          });
        }
        // Consumer VPCs here, with their own (native) endpoints inside.
        for (const report of consumers.filter(
          (c) => c.consumer.region === region,
        )) {
          const { consumer } = report;
          const failed = failedChecks(report, CHECKS);
          chart.subgraph(
            chart.id("consumer"),
            `consumer ${consumer.name} · ${consumer.region}`,
            () => {
              const clients = chart.id("clients");
              clientIds.set(consumer.name, clients);
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
              for (const endpoint of endpoints.filter(
                (e) => !e.vpc?.resource && e.vpc?.key === consumer.vpc_id,
              ))
                drawEndpoint(endpoint);
            },
            failed.length > 0,
          );
        }
        // Endpoints in existing VPCs no consumer declares.
        for (const endpoint of endpoints.filter(
          (e) =>
            !e.vpc?.resource &&
            !consumerOfVpc.has(e.vpc?.key ?? "") &&
            (e.region ?? UNKNOWN_REGION) === region,
        ))
          chart.subgraph(
            chart.id("vpc"),
            `VPC ${endpoint.vpc?.key ?? "unknown"}`,
            () => drawEndpoint(endpoint),
          );
      },
    );
  }

  // Route 53 is global: zones sit outside the regions.
  const zoneIds = new Map<string, string>();
  for (const zone of network.zones) {
    const hostnames = network.records
      .filter((r) => r.zoneAddress === zone.address)
      .map((r) => r.name);
    const id = chart.id("zone");
    zoneIds.set(zone.address, id);
    chart.node(id, SHAPES.database, [
      `private zone ${zone.name}`,
      ...(hostnames.length > 0
        ? [...new Set(hostnames)].sort()
        : ["no records"]),
    ]);
  }

  for (const endpoint of endpoints) {
    const endpointId = endpointIds.get(endpoint.address);
    for (const subnet of network.subnetsOf(endpoint).subnets) {
      const subnetId = subnetIds.get(subnet.address);
      if (endpointId && subnetId)
        chart.edge(subnetId, "---", endpointId, undefined);
    }
  }
  for (const [address, id] of endpointIds)
    chart.edge(
      id,
      "-->",
      serviceId,
      endpointLinkLabel(network, address, service),
    );

  for (const report of consumers) {
    const clients = clientIds.get(report.consumer.name) as string;
    drawTraffic(chart, report, clients, endpointIds, network, topology);
    const nameFailed = report.checks.name.status === "fail";
    const visible = network.zones.filter((zone) =>
      zone.associations.some(
        (a) =>
          a.vpc?.key === report.consumer.vpc_id &&
          a.region === report.consumer.region,
      ),
    );
    for (const zone of visible)
      chart.edge(
        clients,
        "-.->",
        zoneIds.get(zone.address) as string,
        "resolves",
        nameFailed,
      );
    // Zones of a hostname the consumer sees no zone for: why `name` fails.
    const seen = new Set(visible.map((zone) => zone.name));
    const wanted = new Set(topology.service.dns_names.map(zoneNameOf));
    const missing = network.zones.filter(
      (zone) => wanted.has(zone.name) && !seen.has(zone.name),
    );
    if (nameFailed)
      for (const zone of missing)
        chart.edge(
          clients,
          "-.-x",
          zoneIds.get(zone.address) as string,
          "✗ not associated",
          true,
        );
  }

  const aliases = new Set<string>();
  for (const record of network.records) {
    if (!record.zoneAddress) continue;
    for (const target of record.endpointTargets) {
      const key = `${record.zoneAddress} ${target}`;
      const zoneId = zoneIds.get(record.zoneAddress);
      const endpointId = endpointIds.get(target);
      if (aliases.has(key) || !zoneId || !endpointId) continue;
      aliases.add(key);
      chart.edge(zoneId, "-.->", endpointId, "alias");
    }
  }
  return chart.render();
}

function endpointLinkLabel(
  network: Network,
  address: string,
  service: Topology["service"],
): string {
  const endpoint = network.endpoints.find((e) => e.address === address);
  return endpoint?.serviceRegion && endpoint.serviceRegion !== endpoint.region
    ? `cross-region PrivateLink (service_region ${endpoint.serviceRegion})`
    : `PrivateLink${endpoint?.region === service.region ? "" : " (wrong region)"}`;
}

/** The consumer's path to its endpoint: through a peering, or inside its VPC. */
function drawTraffic(
  chart: Flowchart,
  report: ConsumerReport,
  clients: string,
  endpointIds: ReadonlyMap<string, string>,
  network: Network,
  topology: Topology,
): void {
  const pathChecks: CheckName[] = [
    "route there",
    "route back",
    "admission",
    "placement",
  ];
  const failed = failedChecks(report, pathChecks);
  const status = failed.length > 0 ? ` · ✗ ${failed.join(", ")}` : "";
  const ports = topology.service.ports
    .map((p) => `tcp/${portLabel(p)}`)
    .join(", ");
  const targets = report.endpoints
    .map((address) => endpointIds.get(address))
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
  const via =
    report.consumer.connectivity === "native"
      ? ports
      : report.peerings.length > 0
        ? `${report.peerings.map((p) => network.peering(p)?.resource.name ?? p).join(", ")} · ${ports}`
        : "✗ no peering";
  for (const target of targets)
    chart.edge(
      clients,
      report.consumer.connectivity === "native" ? "-->" : "<==>",
      target,
      `${via}${status}`,
      failed.length > 0 ||
        (report.consumer.connectivity === "peering" &&
          report.peerings.length === 0),
    );
}

/** `topology.md`: a heading, the flowchart and the check table. */
export function topologyMarkdown(report: StackReport): string {
  const service = report.topology?.service;
  return [
    `# ${escapeMarkdown(report.stack)}: reachability${
      service ? ` of ${escapeMarkdown(service.service_name)}` : ""
    }`,
    "",
    "Derived by `npm run verify` from the synthesized Terraform JSON (not the config). Red: a failed check.",
    "",
    "```mermaid",
    mermaidOf(report),
    "```",
    "",
    markdownReport(report),
    "",
  ].join("\n");
}
