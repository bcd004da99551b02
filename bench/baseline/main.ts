/**
 * The benchmark's baseline: the same topology as our generator, written the
 * way the cdktf TypeScript template (`cdktf init --template=typescript`)
 * leads one to. One main.ts, one stack class, every provider class taken
 * from the root of the prebuilt provider, and run as the template's
 * cdktf.json runs it: `npx ts-node main.ts`, which type-checks first.
 *
 * It reads the same config file (PRIVATELINK_CONFIG, default
 * config/default.json) but does not validate it, so it does less work than
 * `npm run synth`. Its resources, data sources, providers and outputs for
 * the default config are compared with ours by `npm run bench`.
 *
 *   PRIVATELINK_CONFIG=config/default.json npx ts-node bench/baseline/main.ts
 */
import { readFileSync } from "fs";
import { Construct } from "constructs";
import { App, Fn, Op, TerraformOutput, TerraformStack } from "cdktf";
import {
  dataAwsAvailabilityZone,
  dataAwsVpc,
  dataAwsVpcEndpointService,
  provider,
  route,
  route53Record,
  route53Zone,
  routeTable,
  routeTableAssociation,
  securityGroup,
  subnet,
  vpc,
  vpcEndpoint,
  vpcPeeringConnection,
  vpcPeeringConnectionAccepter,
  vpcSecurityGroupIngressRule,
} from "@cdktf/provider-aws";
import { Address4 } from "ip-address";

interface ConsumerConfig {
  name: string;
  region: string;
  vpcId: string;
  cidrs: string[];
  routeTableIds: string[];
}

interface ServiceConfig {
  name: string;
  serviceName: string;
  region: string;
  ports: (number | string)[];
  privateDnsEnabled?: boolean;
  dnsNames?: string[];
  endpointVpc: { cidr: string; azIds: string[] };
  consumers: ConsumerConfig[];
  tags?: Record<string, string>;
}

const idPart = (value: string) =>
  value.replace(/^\*/, "wildcard").replace(/[^A-Za-z0-9-]/g, "_");
const zoneOf = (hostname: string) =>
  hostname.startsWith("*.") ? hostname.slice(2) : hostname;

/** `count` equal subnets of `cidr`, in address order. */
function subnets(cidr: string, count: number): string[] {
  const prefix =
    new Address4(cidr).subnetMask + Math.ceil(Math.log2(Math.max(count, 1)));
  const blocks: string[] = [];
  let block = new Address4(
    `${new Address4(cidr).startAddress().correctForm()}/${prefix}`,
  );
  for (let i = 0; i < count; i++) {
    blocks.push(block.networkForm());
    block = block.nextNetwork();
  }
  return blocks;
}

class PrivateLinkStack extends TerraformStack {
  constructor(scope: Construct, id: string, service: ServiceConfig) {
    super(scope, id);
    this.addOverride("terraform.required_version", ">= 1.2.0");
    this.addOverride(
      "terraform.required_providers.aws.source",
      "hashicorp/aws",
    );

    const tags = service.tags ?? {};
    const providers: Record<string, provider.AwsProvider> = {};
    const regions = [
      ...new Set([service.region, ...service.consumers.map((c) => c.region)]),
    ].sort();
    for (const region of regions) {
      const alias = region.replace(/-/g, "_");
      providers[region] = new provider.AwsProvider(this, `aws_${alias}`, {
        alias,
        region,
        defaultTags: Object.keys(tags).length > 0 ? [{ tags }] : undefined,
      });
    }
    const home = providers[service.region];

    const lookup = new dataAwsVpcEndpointService.DataAwsVpcEndpointService(
      this,
      "endpoint_service",
      { provider: home, serviceName: service.serviceName },
    );

    const endpointVpc = new vpc.Vpc(this, "endpoint_vpc", {
      provider: home,
      cidrBlock: service.endpointVpc.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${service.name}-endpoint-vpc` },
    });
    const endpointRouteTable = new routeTable.RouteTable(
      this,
      "endpoint_vpc_route_table",
      {
        provider: home,
        vpcId: endpointVpc.id,
        tags: { Name: `${service.name}-endpoint-vpc` },
      },
    );
    // A resource whose id is taken by another type can still have it as its name.
    endpointRouteTable.overrideLogicalId("endpoint_vpc");

    const azIds = [...service.endpointVpc.azIds].sort();
    // Eight fixed slots; AZ ID ...-azN takes slot N.
    const slots = subnets(service.endpointVpc.cidr, 8);
    const subnetIds = azIds.map((azId) => {
      const zone = new dataAwsAvailabilityZone.DataAwsAvailabilityZone(
        this,
        `endpoint_vpc_${azId}_zone`,
        { provider: home, zoneId: azId },
      );
      zone.overrideLogicalId(`endpoint_vpc_${azId}`);
      const endpointSubnet = new subnet.Subnet(this, `endpoint_vpc_${azId}`, {
        provider: home,
        vpcId: endpointVpc.id,
        cidrBlock: slots[Number(/-az(\d+)$/.exec(azId)?.[1]) - 1],
        availabilityZoneId: azId,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${service.name}-endpoint-${azId}` },
        lifecycle: {
          precondition: [
            {
              condition: Fn.contains(lookup.availabilityZones, zone.name),
              errorMessage: `The endpoint service ${service.serviceName} is not offered in ${azId}. Set endpointVpc.azIds to AZ IDs the service lists (aws ec2 describe-vpc-endpoint-services).`,
            },
          ],
        },
      });
      const association = new routeTableAssociation.RouteTableAssociation(
        this,
        `endpoint_vpc_${azId}_association`,
        {
          provider: home,
          subnetId: endpointSubnet.id,
          routeTableId: endpointRouteTable.id,
        },
      );
      association.overrideLogicalId(`endpoint_vpc_${azId}`);
      return endpointSubnet.id;
    });

    const endpointName = `${service.name}-endpoint`;
    const group = new securityGroup.SecurityGroup(this, "endpoint", {
      provider: home,
      name: endpointName,
      description:
        "PrivateLink endpoint: consumer CIDRs on the service ports only",
      vpcId: endpointVpc.id,
      tags: { Name: endpointName },
    });
    for (const consumer of service.consumers) {
      for (const cidr of consumer.cidrs) {
        for (const port of service.ports) {
          const [from, to = from] = String(port).split("-").map(Number);
          const key = from === to ? `${from}` : `${from}-${to}`;
          new vpcSecurityGroupIngressRule.VpcSecurityGroupIngressRule(
            this,
            `endpoint_${consumer.name}_${idPart(cidr)}_tcp_${key}`,
            {
              provider: home,
              securityGroupId: group.id,
              cidrIpv4: cidr,
              ipProtocol: "tcp",
              fromPort: from,
              toPort: to,
              description: `${consumer.name} ${cidr} tcp/${key}`,
            },
          );
        }
      }
    }
    const endpoint = new vpcEndpoint.VpcEndpoint(this, "endpoint_vpce", {
      provider: home,
      vpcEndpointType: "Interface",
      serviceName: service.serviceName,
      vpcId: endpointVpc.id,
      subnetIds,
      securityGroupIds: [group.id],
      privateDnsEnabled: service.privateDnsEnabled ?? false,
      tags: { Name: endpointName },
      lifecycle: service.privateDnsEnabled
        ? {
            precondition: [
              {
                condition: Op.gte(Fn.lengthOf(lookup.privateDnsNames), 1),
                errorMessage: `The endpoint service ${service.serviceName} has no private DNS name, and AWS refuses private DNS on endpoint ${endpointName}: set the service's privateDnsEnabled to false (consumers resolve through dnsNames).`,
              },
            ],
          }
        : undefined,
    });
    endpoint.overrideLogicalId("endpoint");

    for (const consumer of service.consumers) {
      const id = `peering_${consumer.name}`;
      const consumerProvider = providers[consumer.region];
      if ((service.dnsNames ?? []).length > 0)
        new dataAwsVpc.DataAwsVpc(this, `${id}_vpc`, {
          provider: consumerProvider,
          id: consumer.vpcId,
          lifecycle: {
            postcondition: [
              {
                condition:
                  "${self.enable_dns_support && self.enable_dns_hostnames}",
                errorMessage: `VPC ${consumer.vpcId} of consumer ${consumer.name} needs DNS support and DNS hostnames on, or the private hosted zones do not resolve in it: aws ec2 modify-vpc-attribute --vpc-id ${consumer.vpcId} --enable-dns-support and then --enable-dns-hostnames.`,
              },
            ],
          },
        });
      const requester = new vpcPeeringConnection.VpcPeeringConnection(
        this,
        id,
        {
          provider: consumerProvider,
          vpcId: consumer.vpcId,
          peerVpcId: endpointVpc.id,
          peerRegion: service.region,
          tags: { Name: `${service.name}-${consumer.name}` },
        },
      );
      const accepter =
        new vpcPeeringConnectionAccepter.VpcPeeringConnectionAccepterA(
          this,
          `${id}_accepter`,
          {
            provider: home,
            vpcPeeringConnectionId: requester.id,
            autoAccept: true,
            tags: { Name: `${service.name}-${consumer.name}` },
          },
        );
      accepter.overrideLogicalId(id);
      for (const routeTableId of consumer.routeTableIds) {
        new route.Route(this, `${id}_outbound_${routeTableId}`, {
          provider: consumerProvider,
          routeTableId,
          destinationCidrBlock: service.endpointVpc.cidr,
          vpcPeeringConnectionId: accepter.id,
        });
      }
      for (const cidr of consumer.cidrs) {
        new route.Route(this, `${id}_return_${idPart(cidr)}`, {
          provider: home,
          routeTableId: endpointRouteTable.id,
          destinationCidrBlock: cidr,
          vpcPeeringConnectionId: accepter.id,
        });
      }
      new TerraformOutput(this, `${id}_id`, {
        value: requester.id,
        description: `The peering connection of consumer ${consumer.name}`,
      });
    }

    const dnsNames = service.dnsNames ?? [];
    for (const zoneName of [...new Set(dnsNames.map(zoneOf))].sort()) {
      const id = `zone_${idPart(zoneName)}`;
      const zone = new route53Zone.Route53Zone(this, id, {
        provider: home,
        name: zoneName,
        comment: `Private zone for ${zoneName}: alias to a PrivateLink endpoint`,
        vpc: service.consumers.map((c) => ({
          vpcId: c.vpcId,
          vpcRegion: c.region,
        })),
      });
      for (const hostname of dnsNames.filter((h) => zoneOf(h) === zoneName)) {
        new route53Record.Route53Record(
          this,
          `${id}_${hostname.startsWith("*.") ? "wildcard" : "apex"}`,
          {
            provider: home,
            zoneId: zone.zoneId,
            name: hostname,
            type: "A",
            alias: {
              name: endpoint.dnsEntry.get(0).dnsName,
              zoneId: endpoint.dnsEntry.get(0).hostedZoneId,
              evaluateTargetHealth: true,
            },
          },
        );
      }
      new TerraformOutput(this, `${id}_id`, {
        value: zone.zoneId,
        description: `The private hosted zone ${zoneName} of the peered consumers`,
      });
    }

    new TerraformOutput(this, "endpoint_id", {
      value: endpoint.id,
      description: "The shared interface endpoint: its id",
    });
    new TerraformOutput(this, "endpoint_dns_names", {
      value: `\${[for entry in ${endpoint.fqn}.dns_entry : entry.dns_name]}`,
      description:
        "The shared interface endpoint: its DNS names, the regional name first, then one per AZ",
    });
    new TerraformOutput(this, "topology", {
      value: {
        service: {
          name: service.name,
          service_name: service.serviceName,
          region: service.region,
          ports: service.ports.map((port) => {
            const [from, to = from] = String(port).split("-").map(Number);
            return { from, to };
          }),
          dns_names: dnsNames,
          private_dns_enabled: service.privateDnsEnabled ?? false,
          endpoint_vpc: { cidr: service.endpointVpc.cidr, az_ids: azIds },
        },
        consumers: Object.fromEntries(
          service.consumers.map((c) => [
            c.name,
            {
              connectivity: "peering",
              region: c.region,
              vpc_id: c.vpcId,
              cidrs: c.cidrs,
              route_table_ids: c.routeTableIds,
            },
          ]),
        ),
      },
      description:
        "What this stack connects, as configured: the service and each consumer (read by npm run verify)",
    });
    new TerraformOutput(this, "hostnames", {
      value: dnsNames,
      description:
        "The hostnames clients use; each resolves to an endpoint in every consumer VPC (empty: use the endpoint DNS names)",
    });
  }
}

const config: { services: ServiceConfig[] } = JSON.parse(
  readFileSync(process.env.PRIVATELINK_CONFIG || "config/default.json", "utf8"),
);
const app = new App();
for (const service of config.services) {
  new PrivateLinkStack(app, service.name, service);
}
app.synth();
