/**
 * The world a stack assumes, read from its `topology` output: the consumer
 * VPCs with their route tables or subnets, the endpoint service, and the
 * accounts of any roles. scripts/engine/world.py makes it in the emulator
 * and answers how each configured id maps to the emulator's.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { Topology, parseTopology } from "../output/topology";
import type { Toolchain } from "./toolchain";

export interface ServiceSpec {
  /** The configured service name; the emulator's gets mapped in its place. */
  readonly name: string;
  readonly region: string;
  /** Offered in these AZ IDs (the endpoint VPC's); else the region's first two. */
  readonly azIds?: readonly string[];
  /** A private DNS name the service has, when the stack turns private DNS on. */
  readonly privateDnsName?: string;
}

export interface VpcSpec {
  readonly id: string;
  readonly region: string;
  readonly role?: string;
  readonly cidrs: readonly string[];
  readonly routeTableIds?: readonly string[];
  readonly subnetIds?: readonly string[];
}

export interface WorldSpec {
  readonly services: readonly ServiceSpec[];
  readonly vpcs: readonly VpcSpec[];
  readonly roles: readonly string[];
}

/** Configured id (or service name) -> the emulator's. */
export type IdMap = Readonly<Record<string, string>>;

export class WorldError extends Error {}

/** The `topology` output of a stack's Terraform JSON, parsed. */
export function topologyOfStack(json: unknown, stack: string): Topology {
  const output =
    typeof json === "object" && json !== null
      ? (json as { output?: { topology?: { value?: unknown } } }).output
          ?.topology?.value
      : undefined;
  const parsed = parseTopology(output);
  if (!parsed.ok)
    throw new WorldError(
      `${stack}: no usable topology output (${parsed.problems.join("; ")})`,
    );
  return parsed.topology;
}

/** Roles the providers of a stack assume (read from its `provider.aws` blocks). */
export function rolesOfStack(json: unknown): string[] {
  const providers =
    (json as { provider?: { aws?: unknown[] } }).provider?.aws ?? [];
  const roles = new Set<string>();
  for (const provider of providers as {
    assume_role?: { role_arn?: string }[];
  }[])
    for (const role of provider.assume_role ?? [])
      if (role.role_arn) roles.add(role.role_arn);
  return [...roles].sort();
}

/**
 * The world of several stacks (or of two configs of one stack, for a change
 * pair): the union, each VPC with every CIDR, route table and subnet any of
 * them names.
 */
export function worldOf(
  stacks: readonly { topology: Topology; roles: readonly string[] }[],
): WorldSpec {
  const services = new Map<string, ServiceSpec>();
  const vpcs = new Map<string, VpcSpec>();
  const roles = new Set<string>();
  const union = (a: readonly string[] = [], b: readonly string[] = []) => [
    ...new Set([...a, ...b]),
  ];
  for (const { topology, roles: stackRoles } of stacks) {
    const { service } = topology;
    const known = services.get(service.service_name);
    services.set(service.service_name, {
      name: service.service_name,
      region: service.region,
      azIds: union(known?.azIds, service.endpoint_vpc?.az_ids ?? []),
      privateDnsName:
        known?.privateDnsName ??
        (service.private_dns_enabled
          ? `${service.name}.service.engine.invalid`
          : undefined),
    });
    for (const consumer of Object.values(topology.consumers)) {
      const vpc = vpcs.get(consumer.vpc_id);
      vpcs.set(consumer.vpc_id, {
        id: consumer.vpc_id,
        region: consumer.region,
        role: consumer.role_arn ?? vpc?.role,
        cidrs: union(vpc?.cidrs, consumer.cidrs),
        routeTableIds: union(
          vpc?.routeTableIds,
          consumer.connectivity === "peering" ? consumer.route_table_ids : [],
        ),
        subnetIds: union(
          vpc?.subnetIds,
          consumer.connectivity === "native" ? consumer.subnet_ids : [],
        ),
      });
    }
    for (const role of stackRoles) roles.add(role);
  }
  const sorted = <T>(map: Map<string, T>) =>
    [...map.keys()].sort().map((key) => map.get(key) as T);
  return {
    services: sorted(services).map((s) =>
      s.azIds && s.azIds.length > 0 ? s : { ...s, azIds: undefined },
    ),
    vpcs: sorted(vpcs),
    roles: [...roles].sort(),
  };
}

/** Makes the world in the emulator; resolves to the id map. */
export function buildWorld(
  toolchain: Toolchain,
  emulatorUrl: string,
  world: WorldSpec,
): Promise<IdMap> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      toolchain.python,
      [join(toolchain.scripts, "world.py")],
      {
        stdio: ["pipe", "pipe", "pipe"],
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          // world.py passes its own credentials; none of the user's leak in.
          AWS_ACCESS_KEY_ID: "engine",
          AWS_SECRET_ACCESS_KEY: "engine",
          AWS_CONFIG_FILE: "/dev/null",
          AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0)
        return reject(
          new WorldError(
            `making the world in the emulator failed: ${stderr.trim().split("\n").slice(-3).join(" ")}`,
          ),
        );
      resolve((JSON.parse(stdout) as { ids: IdMap }).ids);
    });
    child.stdin.end(JSON.stringify({ endpoint: emulatorUrl, ...world }));
  });
}
