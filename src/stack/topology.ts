import type { Service } from "../config";
import type { TopologyValue } from "../output/topology";

/**
 * The declared intent of a stack, published as its `topology` output: what
 * the resources must achieve. The verifier judges the resources against it,
 * so it also catches a hand-edited or incomplete synthesis.
 */
export function topologyOf(service: Service): TopologyValue {
  return {
    service: {
      name: service.name,
      service_name: service.serviceName,
      region: service.region,
      ports: service.ports.map((p) => ({ from: p.from, to: p.to })),
      dns_names: [...service.dnsNames],
      private_dns_enabled: service.privateDnsEnabled,
      // The account the endpoint side works in, when it assumes a role.
      ...(service.roleArn && { role_arn: service.roleArn }),
      // Absent for a native-only service, which has no endpoint VPC.
      ...(service.endpointVpc && {
        endpoint_vpc: {
          cidr: service.endpointVpc.cidr,
          az_ids: [...service.endpointVpc.azIds],
        },
      }),
    },
    consumers: Object.fromEntries(
      service.consumers.map((c) => [
        c.name,
        c.connectivity === "peering"
          ? {
              connectivity: c.connectivity,
              region: c.region,
              vpc_id: c.vpcId,
              cidrs: [...c.cidrs],
              route_table_ids: [...c.routeTableIds],
              ...(c.roleArn && { role_arn: c.roleArn }),
            }
          : {
              connectivity: c.connectivity,
              region: c.region,
              vpc_id: c.vpcId,
              cidrs: [...c.cidrs],
              subnet_ids: [...c.subnetIds],
              ...(c.roleArn && { role_arn: c.roleArn }),
            },
      ]),
    ),
  };
}
