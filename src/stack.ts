import { TerraformElement, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct, Node } from "constructs";
import { Service, zoneOf } from "./config";
import { CrossRegionPeering } from "./constructs/cross-region-peering";
import { EndpointServiceLookup } from "./constructs/endpoint-service-lookup";
import { EndpointVpc } from "./constructs/endpoint-vpc";
import { InterfaceEndpoint } from "./constructs/interface-endpoint";
import { PrivateHostedZone } from "./constructs/private-hosted-zone";
import { addressName, idPart } from "./naming";
import { RegionalProviders } from "./providers";

/**
 * The declared intent, as an output: what the resources must achieve. The
 * verifier judges the resources against it, so it catches a hand-edited or
 * incomplete synthesis.
 */
export function topologyOf(service: Service) {
  return {
    service: {
      name: service.name,
      service_name: service.serviceName,
      region: service.region,
      ports: service.ports.map((p) => ({ from: p.from, to: p.to })),
      dns_names: [...service.dnsNames],
      private_dns_enabled: service.privateDnsEnabled,
      endpoint_vpc: {
        cidr: service.endpointVpc.cidr,
        az_ids: [...service.endpointVpc.azIds],
      },
    },
    consumers: Object.fromEntries(
      service.consumers.map((c) => [
        c.name,
        {
          connectivity: "peering",
          region: c.region,
          vpc_id: c.vpcId,
          cidrs: [...c.cidrs],
          route_table_ids: [...c.routeTableIds],
        },
      ]),
    ),
  };
}

export interface PrivateLinkStackProps {
  /** The validated, normalized service. */
  readonly service: Service;
}

/**
 * One service's whole topology: an endpoint VPC in the service's region with
 * the interface endpoint, a peering and routes per consumer, and a private
 * hosted zone per hostname in the consumer VPCs.
 */
export class PrivateLinkStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: PrivateLinkStackProps) {
    super(scope, id);
    const { service } = props;

    const providers = new RegionalProviders(this, service.tags);
    for (const region of [
      ...new Set([service.region, ...service.consumers.map((c) => c.region)]),
    ].sort()) {
      providers.forRegion(region);
    }
    const serviceProvider = providers.forRegion(service.region);

    const lookup = new EndpointServiceLookup(this, "endpoint_service", {
      serviceName: service.serviceName,
      provider: serviceProvider,
    });

    const endpointVpc = new EndpointVpc(this, "endpoint_vpc", {
      name: service.name,
      cidr: service.endpointVpc.cidr,
      azIds: service.endpointVpc.azIds,
      provider: serviceProvider,
      serviceAvailabilityZones: lookup.availabilityZones,
      serviceName: service.serviceName,
    });

    const endpoint = new InterfaceEndpoint(this, "endpoint", {
      name: `${service.name}-endpoint`,
      serviceName: service.serviceName,
      vpcId: endpointVpc.vpc.id,
      subnetIds: endpointVpc.subnetIds,
      ports: service.ports,
      admit: service.consumers,
      privateDnsEnabled: service.privateDnsEnabled,
      provider: serviceProvider,
    });

    const peerings = service.consumers.map(
      (consumer) =>
        new CrossRegionPeering(this, `peering_${consumer.name}`, {
          name: `${service.name}-${consumer.name}`,
          requester: {
            vpcId: consumer.vpcId,
            provider: providers.forRegion(consumer.region),
            routeTableIds: consumer.routeTableIds,
            cidrs: consumer.cidrs,
          },
          accepter: {
            vpcId: endpointVpc.vpc.id,
            region: service.region,
            provider: serviceProvider,
            routeTableId: endpointVpc.routeTable.id,
            cidr: service.endpointVpc.cidr,
          },
        }),
    );

    const zoneNames = [...new Set(service.dnsNames.map(zoneOf))].sort();
    const zones = zoneNames.map(
      (zoneName) =>
        new PrivateHostedZone(this, `zone_${idPart(zoneName)}`, {
          zoneName,
          hostnames: service.dnsNames.filter(
            (hostname) => zoneOf(hostname) === zoneName,
          ),
          // Only the consumer VPCs: with private DNS on, AWS already holds the
          // name in the endpoint VPC and rejects a second zone there.
          vpcs: service.consumers.map((c) => ({
            vpcId: c.vpcId,
            region: c.region,
          })),
          target: {
            dnsName: endpoint.regionalDnsName,
            hostedZoneId: endpoint.regionalHostedZoneId,
          },
          provider: serviceProvider,
        }),
    );

    new TerraformOutput(this, "endpoint_id", {
      value: endpoint.endpoint.id,
      description: "The interface endpoint's id",
    });
    new TerraformOutput(this, "endpoint_dns_names", {
      value: `\${[for entry in ${endpoint.endpoint.fqn}.dns_entry : entry.dns_name]}`,
      description:
        "The endpoint's DNS names: the regional name first, then one per AZ",
    });
    service.consumers.forEach((consumer, i) => {
      new TerraformOutput(this, `peering_${consumer.name}_id`, {
        value: peerings[i].id,
        description: `The peering connection of consumer ${consumer.name}`,
      });
    });
    zones.forEach((zone, i) => {
      new TerraformOutput(this, `zone_${idPart(zoneNames[i])}_id`, {
        value: zone.zone.zoneId,
        description: `The private hosted zone ${zoneNames[i]}`,
      });
    });
    new TerraformOutput(this, "topology", {
      value: topologyOf(service),
      description:
        "What this stack connects, as configured: the service and each consumer (read by npm run verify)",
    });
    new TerraformOutput(this, "hostnames", {
      value:
        service.dnsNames.length > 0
          ? [...service.dnsNames]
          : endpoint.regionalDnsName,
      description:
        service.dnsNames.length > 0
          ? "The hostnames clients use; they resolve to the endpoint in every consumer VPC"
          : "No dnsNames configured: clients use the endpoint's regional DNS name",
    });
  }

  /**
   * cdktf's prepare pass resolves every element of the stack once, and
   * throws the result away, only to find references to other stacks (which
   * it turns into remote state). A PrivateLinkStack refers to nothing
   * outside itself: its constructs get plain values from one service's
   * config. So the pass finds nothing here, yet it was half of the synth
   * time at 1,000 consumers; keep only its other effect, the default
   * backend. A test compares the output with and without the full pass.
   */
  public prepareStack(): void {
    this.ensureBackendExists();
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    if (!TerraformElement.isTerraformElement(element))
      return super.allocateLogicalId(element);
    const type = (element as { terraformResourceType?: string })
      .terraformResourceType;
    return addressName(element, this, type);
  }
}
