/**
 * What a drawing of a stack's flowchart works with: the layout picture.ts
 * picks (who is drawn alone, who in groups) and the node ids given so far.
 */
import { Topology } from "../../output/topology";
import { ConsumerReport } from "../checks/findings";
import { Endpoint, Network } from "../model/network";
import { Flowchart } from "./flowchart";

/** Consumers that pass every check, of one region and connectivity. */
export interface ConsumerGroup {
  readonly region: string;
  readonly connectivity: "peering" | "native";
  readonly members: readonly ConsumerReport[];
}

/** Which consumers are drawn on their own, and which in groups. */
export interface Layout {
  readonly individual: readonly ConsumerReport[];
  readonly groups: readonly ConsumerGroup[];
  /** Failing consumers that do not fit: counted, and listed in the table. */
  readonly hiddenFailures: number;
}

/** The node ids given so far, by what they draw. */
export interface Drawing {
  readonly chart: Flowchart;
  readonly network: Network;
  readonly service: Topology["service"];
  /** The service's endpoints. */
  readonly endpoints: readonly Endpoint[];
  /** The service's endpoints by VPC key: one look-up per VPC drawn, not a scan. */
  readonly endpointsByVpc: ReadonlyMap<string, readonly Endpoint[]>;
  /** The VPCs the consumers declare. */
  readonly declaredVpcs: ReadonlySet<string>;
  readonly serviceId: string;
  /** By endpoint address: its node id, and the endpoint. */
  readonly endpointIds: Map<string, { id: string; endpoint: Endpoint }>;
  readonly subnetIds: Map<string, string>;
  readonly clientIds: Map<string, string>;
  readonly zoneIds: Map<string, string>;
  readonly layout: Layout;
}
