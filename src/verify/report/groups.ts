/**
 * Consumers drawn in groups, for pictures that would pass Mermaid's limits
 * with a subgraph, a node and edges for every consumer. Only consumers that
 * pass every check are grouped: one group per region and connectivity,
 * drawn as a single node with its count and first names, and linked once to
 * what its members reach. A failing consumer is never grouped.
 */
import { ConsumerReport } from "../checks/findings";
import { SHAPES } from "./flowchart";
import { ConsumerGroup, Drawing } from "./layout";

export type { ConsumerGroup };
import { portLabel } from "../../lib/ports";
import { Topology } from "../../output/topology";

/** `tcp/443, tcp/8000-8010`: what the service serves. */
export function portsLabel(service: Topology["service"]): string {
  return service.ports.map((p) => `tcp/${portLabel(p)}`).join(", ");
}

/** Names shown in a group's node before "… and N more". */
const NAMES_SHOWN = 6;

/** The passing consumers by region and connectivity, in a fixed order. */
export function groupsOf(passing: readonly ConsumerReport[]): ConsumerGroup[] {
  const byKey = new Map<string, ConsumerGroup>();
  for (const member of passing) {
    const { region, connectivity } = member.consumer;
    const key = `${region} ${connectivity}`;
    const group = byKey.get(key) ?? { region, connectivity, members: [] };
    byKey.set(key, { ...group, members: [...group.members, member] });
  }
  return [...byKey.keys()].sort().map((key) => byKey.get(key)!);
}

const groupKey = (group: ConsumerGroup) =>
  `group ${group.region} ${group.connectivity}`;

/** The groups of `region`, each a subgraph with one node. */
export function drawGroups(drawing: Drawing, region: string): void {
  const { chart } = drawing;
  for (const group of drawing.layout.groups) {
    if (group.region !== region) continue;
    const n = group.members.length;
    const names = group.members.map((m) => m.consumer.name);
    const shown = names.slice(0, NAMES_SHOWN).join(", ");
    const more = n > NAMES_SHOWN ? ` … and ${n - NAMES_SHOWN} more` : "";
    const peered = group.connectivity === "peering";
    chart.subgraph(
      chart.id("group"),
      `${n} ${peered ? "peered" : "native"} consumers · ${region}`,
      () => {
        const id = chart.id("clients");
        drawing.clientIds.set(groupKey(group), id);
        chart.node(id, SHAPES.rounded, [
          `${shown}${more}`,
          peered
            ? "each peered with the endpoint VPC"
            : "each with its own endpoint and private zones",
          "✓ every check passes (each is a row of the table)",
        ]);
      },
    );
  }
}

/** Each group's traffic and resolution, once per group. */
export function drawGroupLinks(drawing: Drawing): void {
  const { chart, service } = drawing;
  for (const group of drawing.layout.groups) {
    const from = drawing.clientIds.get(groupKey(group)) as string;
    const n = group.members.length;
    if (group.connectivity === "native") {
      const crossRegion = group.region !== service.region;
      chart.edge(
        from,
        "-->",
        drawing.serviceId,
        `${n} endpoints · ${crossRegion ? "cross-region PrivateLink" : "PrivateLink"} · ${portsLabel(service)}`,
      );
      continue;
    }
    const targets = new Set(
      group.members.flatMap((m) => m.endpoints.map((e) => e.address)),
    );
    for (const address of [...targets].sort()) {
      const target = drawing.endpointIds.get(address)?.id;
      if (target)
        chart.edge(
          from,
          "<==>",
          target,
          `${n} peerings · ${portsLabel(service)}`,
        );
    }
    const zones = new Set(
      group.members.flatMap((m) => m.visibleZones.map((z) => z.address)),
    );
    for (const address of [...zones].sort()) {
      const zone = drawing.zoneIds.get(address);
      if (zone) chart.edge(from, "-.->", zone, "resolves");
    }
  }
}

/** The failing consumers that did not fit, as one red node. */
export function drawHiddenFailures(drawing: Drawing): void {
  const n = drawing.layout.hiddenFailures;
  if (n === 0) return;
  drawing.chart.node(
    drawing.chart.id("hidden"),
    SHAPES.box,
    [
      `${n} more consumer${n === 1 ? "" : "s"} fail a check`,
      "not drawn, to stay within Mermaid's limits: see the table",
    ],
    true,
  );
}
