import type { Construct } from "constructs";
import {
  Consumer,
  EndpointVpcConfig,
  NativeConsumer,
  PeeredConsumer,
  Service,
  nativeConsumers,
  peeredConsumers,
} from "../config";
import { accountOf } from "../lib/arn";
import { zoneOf } from "../lib/dns";
import { ConsumerVpcDnsCheck } from "../constructs/consumer-vpc-dns-check";
import { CrossRegionPeering } from "../constructs/cross-region-peering";
import { EndpointServiceLookup } from "../constructs/endpoint-service-lookup";
import { EndpointVpc } from "../constructs/endpoint-vpc";
import {
  AdmittedNetwork,
  InterfaceEndpoint,
} from "../constructs/interface-endpoint";
import { PrivateHostedZone } from "../constructs/private-hosted-zone";
import { idPart } from "../lib/naming";
import { BaseStack, BaseStackProps } from "./base-stack";
import { ProviderSide, Providers, providerAlias } from "./providers";
import { topologyOf } from "./topology";

export interface PrivateLinkStackProps extends BaseStackProps {
  /** The validated, normalized service. */
  readonly service: Service;
}

/** A consumer's side: its region, with its role if any. */
const sideOf = (consumer: Consumer): ProviderSide => ({
  region: consumer.region,
  roleArn: consumer.roleArn,
});

/** What an endpoint admits of a consumer: its name and CIDRs. */
const admitted = (consumer: Consumer): AdmittedNetwork => ({
  name: consumer.name,
  cidrs: consumer.cidrs,
});

/** The private hosted zones of a service's hostnames: zone name -> hostnames. */
function zonesOf(service: Service): Map<string, string[]> {
  const zones = new Map<string, string[]>();
  for (const hostname of service.dnsNames) {
    const zone = zoneOf(hostname);
    zones.set(zone, [...(zones.get(zone) ?? []), hostname]);
  }
  return new Map([...zones].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * One service's whole topology. Peered consumers share an endpoint VPC in
 * the service's region, each joined by a peering with routes both ways, and
 * shared private hosted zones. Native consumers each get an endpoint of
 * their own (cross-region PrivateLink) and zones of their own.
 */
export class PrivateLinkStack extends BaseStack {
  private readonly service: Service;
  private readonly providers: Providers;

  constructor(scope: Construct, id: string, props: PrivateLinkStackProps) {
    super(scope, id, props);
    const { service } = props;
    this.service = service;

    this.providers = new Providers(this, {
      tags: service.tags,
      sessionName: service.name,
    });
    // Made up front in alias order, so the provider list reads the same whatever the file's order.
    const sides = [
      this.endpointSide,
      ...service.consumers.map(sideOf),
      // A native consumer reads the service in the service's region, as itself.
      ...(service.privateDnsEnabled
        ? nativeConsumers(service).map((c) => ({
            region: service.region,
            roleArn: c.roleArn,
          }))
        : []),
      ...peeredConsumers(service).map((c) => this.zoneSide(c)),
    ].sort((a, b) => (providerAlias(a) < providerAlias(b) ? -1 : 1));
    for (const side of sides) this.providers.forSide(side);

    const peered = peeredConsumers(service);
    if (peered.length > 0 && service.endpointVpc) {
      this.buildEndpointVpcSide(service.endpointVpc, peered);
    }
    for (const consumer of nativeConsumers(service)) {
      this.buildNativeConsumer(consumer);
    }

    this.output(
      "topology",
      topologyOf(service),
      "What this stack connects, as configured: the service and each consumer (read by npm run verify)",
    );
    this.output(
      "hostnames",
      [...service.dnsNames],
      "The hostnames clients use; each resolves to an endpoint in every consumer VPC (empty: use the endpoint DNS names)",
    );
  }

  /** The endpoint side: the service's region, with the service's role if any. */
  private get endpointSide(): ProviderSide {
    return { region: this.service.region, roleArn: this.service.roleArn };
  }

  /**
   * Who owns a peered consumer's private zones: its own account, so the
   * zone can name its VPCs inline (a zone of another account would need an
   * association authorization). Route 53 is global; the region is only the
   * provider's.
   */
  private zoneSide(consumer: Consumer): ProviderSide {
    return { region: this.service.region, roleArn: consumer.roleArn };
  }

  /** The endpoint VPC with the shared endpoint, a peering per consumer, and the shared zones. */
  private buildEndpointVpcSide(
    config: EndpointVpcConfig,
    consumers: readonly PeeredConsumer[],
  ): void {
    const { service, providers } = this;
    const serviceProvider = providers.forSide(this.endpointSide);

    const serviceLookup = new EndpointServiceLookup(this, "endpoint_service", {
      serviceName: service.serviceName,
      provider: serviceProvider,
    });
    const endpointVpc = new EndpointVpc(this, "endpoint_vpc", {
      name: service.name,
      cidr: config.cidr,
      subnetCidrs: config.subnetCidrs,
      provider: serviceProvider,
      // Read by the endpoint side, whose account the service owner allows.
      serviceAvailabilityZones: serviceLookup.availabilityZones,
      serviceName: service.serviceName,
    });

    const endpoint = new InterfaceEndpoint(this, "endpoint", {
      name: `${service.name}-endpoint`,
      serviceName: service.serviceName,
      vpcId: endpointVpc.vpcId,
      subnetIds: endpointVpc.subnetIds,
      ports: service.ports,
      admit: consumers.map(admitted),
      privateDnsEnabled: service.privateDnsEnabled,
      servicePrivateDnsNames: serviceLookup.privateDnsNames,
      provider: serviceProvider,
    });
    this.endpointOutputs("endpoint", "The shared interface endpoint", endpoint);

    for (const consumer of consumers) {
      if (service.dnsNames.length > 0)
        new ConsumerVpcDnsCheck(this, `peering_${consumer.name}_vpc`, {
          consumer: consumer.name,
          vpcId: consumer.vpcId,
          provider: providers.forSide(sideOf(consumer)),
        });
      const crossAccount = Boolean(service.roleArn || consumer.roleArn);
      const peering = new CrossRegionPeering(this, `peering_${consumer.name}`, {
        name: `${service.name}-${consumer.name}`,
        requester: {
          vpcId: consumer.vpcId,
          provider: providers.forSide(sideOf(consumer)),
          routeTableIds: consumer.routeTableIds,
          cidrs: consumer.cidrs,
        },
        accepter: {
          vpcId: endpointVpc.vpcId,
          region: service.region,
          accountId: crossAccount
            ? providers.accountId(this.endpointSide)
            : undefined,
          provider: serviceProvider,
          routeTableId: endpointVpc.routeTableId,
          cidr: config.cidr,
        },
      });
      this.output(
        `peering_${consumer.name}_id`,
        peering.peeringId,
        `The peering connection of consumer ${consumer.name}`,
      );
    }

    // One set of zones per consumer account; the ambient account's keep the plain addresses.
    const byAccount = new Map<string, Consumer[]>();
    for (const consumer of consumers) {
      const account = consumer.roleArn ? accountOf(consumer.roleArn) : "";
      byAccount.set(account, [...(byAccount.get(account) ?? []), consumer]);
    }
    for (const [account, members] of byAccount) {
      for (const [zoneName, hostnames] of zonesOf(service)) {
        const zoneId = `${account ? `acct_${account}_` : ""}zone_${idPart(zoneName)}`;
        const zone = new PrivateHostedZone(this, zoneId, {
          zoneName,
          hostnames,
          // Only the consumer VPCs: with private DNS on, AWS already holds the
          // name in the endpoint VPC and rejects a second zone there.
          vpcs: members.map((c) => ({ vpcId: c.vpcId, region: c.region })),
          target: {
            dnsName: endpoint.regionalDnsName,
            hostedZoneId: endpoint.regionalHostedZoneId,
          },
          provider: providers.forSide(this.zoneSide(members[0])),
        });
        this.output(
          `${zoneId}_id`,
          zone.zoneId,
          `The private hosted zone ${zoneName} of the peered consumers${account ? ` of account ${account}` : ""}`,
        );
      }
    }
  }

  /**
   * A native consumer: its own endpoint in its own VPC and region, naming the
   * service's region (`service_region`) unless it is the same, and zones of
   * its own whose records point at that endpoint. No peering, no routes.
   */
  private buildNativeConsumer(consumer: NativeConsumer): void {
    const { service, providers } = this;
    const provider = providers.forSide(sideOf(consumer));
    const id = `native_${consumer.name}`;
    // Omitted in the service's own region: a plain same-region endpoint.
    const serviceRegion =
      consumer.region === service.region ? undefined : service.region;

    // With private DNS on, the endpoint answers the service's private DNS
    // names in this VPC: read them as this consumer (whose account the
    // service owner allows), to check the service has one and to keep a
    // zone from taking one. Read in the service's own region: a read from
    // another region with `service_regions` is unreliable in the provider
    // (hashicorp/terraform-provider-aws#44402, #44186).
    const zones = zonesOf(service);
    const privateDnsNames = service.privateDnsEnabled
      ? new EndpointServiceLookup(this, `${id}_service`, {
          serviceName: service.serviceName,
          provider: providers.forSide({
            region: service.region,
            roleArn: consumer.roleArn,
          }),
        }).privateDnsNames
      : undefined;

    const endpoint = new InterfaceEndpoint(this, id, {
      name: `${service.name}-${consumer.name}`,
      serviceName: service.serviceName,
      serviceRegion,
      vpcId: consumer.vpcId,
      subnetIds: [...consumer.subnetIds],
      checkSubnets: true,
      ports: service.ports,
      admit: [admitted(consumer)],
      privateDnsEnabled: service.privateDnsEnabled,
      servicePrivateDnsNames: privateDnsNames,
      provider,
    });
    this.endpointOutputs(
      `${id}_endpoint`,
      `The interface endpoint of consumer ${consumer.name}`,
      endpoint,
    );
    if (zones.size > 0)
      new ConsumerVpcDnsCheck(this, `${id}_vpc`, {
        consumer: consumer.name,
        vpcId: consumer.vpcId,
        provider,
      });

    for (const [zoneName, hostnames] of zones) {
      const zoneId = `${id}_zone_${idPart(zoneName)}`;
      const zone = new PrivateHostedZone(this, zoneId, {
        zoneName,
        hostnames,
        vpcs: [{ vpcId: consumer.vpcId, region: consumer.region }],
        target: {
          dnsName: endpoint.regionalDnsName,
          hostedZoneId: endpoint.regionalHostedZoneId,
        },
        // This endpoint's private DNS names answer in this very VPC.
        reservedNames: privateDnsNames,
        provider,
      });
      this.output(
        `${zoneId}_id`,
        zone.zoneId,
        `The private hosted zone ${zoneName} of consumer ${consumer.name}`,
      );
    }
  }

  private endpointOutputs(
    prefix: string,
    what: string,
    endpoint: InterfaceEndpoint,
  ): void {
    this.output(`${prefix}_id`, endpoint.endpointId, `${what}: its id`);
    this.output(
      `${prefix}_dns_names`,
      endpoint.dnsNames,
      `${what}: its DNS names, the regional name first, then one per AZ`,
    );
  }
}
