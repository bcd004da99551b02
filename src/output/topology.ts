/**
 * The contract of a stack's `topology` output, written by the stack
 * (src/stack/topology.ts writes a `TopologyValue`) and read by verify and the
 * engine tier with `parseTopology`: its declared intent. It says which
 * consumers exist and what each needs (VPC, region, CIDRs, route tables or
 * subnets), and what the service offers (ports, hostnames). The resources
 * are then judged against it.
 */
import { Address4 } from "ip-address";
import { z } from "zod";

const Cidr = z.string().refine((cidr) => Address4.isValid(cidr), {
  error: "expected an IPv4 CIDR block",
});

const PortRange = z
  .object({ from: z.int().min(0), to: z.int().max(65535) })
  .refine((port) => port.from <= port.to, {
    error: "expected from <= to",
  });

const PeeringConsumer = z.object({
  connectivity: z.literal("peering"),
  region: z.string().min(1),
  vpc_id: z.string().min(1),
  cidrs: z.array(Cidr).min(1),
  route_table_ids: z.array(z.string().min(1)),
  role_arn: z.string().min(1).optional(),
});

/** Issue 4: an interface endpoint in the consumer's own VPC (cross-region PrivateLink). */
const NativeConsumer = z.object({
  connectivity: z.literal("native"),
  region: z.string().min(1),
  vpc_id: z.string().min(1),
  cidrs: z.array(Cidr).min(1),
  subnet_ids: z.array(z.string().min(1)),
  role_arn: z.string().min(1).optional(),
});

const TopologySchema = z.object({
  service: z.object({
    name: z.string(),
    service_name: z.string().min(1),
    region: z.string().min(1),
    ports: z.array(PortRange).min(1),
    dns_names: z.array(z.string().min(1)),
    private_dns_enabled: z.boolean().optional(),
    role_arn: z.string().min(1).optional(),
    // A service whose consumers are all native has no endpoint VPC.
    endpoint_vpc: z
      .object({ cidr: Cidr, az_ids: z.array(z.string().min(1)) })
      .nullish(),
  }),
  consumers: z.record(
    z.string(),
    z.discriminatedUnion("connectivity", [PeeringConsumer, NativeConsumer], {
      error: 'expected connectivity "peering" or "native"',
    }),
  ),
});

/** The `topology` output as verify, export and the engine read it. */
export type Topology = z.infer<typeof TopologySchema>;
/** What the stack writes as its `topology` output (src/stack/topology.ts). */
export type TopologyValue = z.input<typeof TopologySchema>;

/** A consumer with its name. */
export type DeclaredConsumer = { readonly name: string } & (
  z.infer<typeof PeeringConsumer> | z.infer<typeof NativeConsumer>
);

export type PeeringDeclaredConsumer = Extract<
  DeclaredConsumer,
  { connectivity: "peering" }
>;
export type NativeDeclaredConsumer = Extract<
  DeclaredConsumer,
  { connectivity: "native" }
>;

export type TopologyResult =
  | { readonly ok: true; readonly topology: Topology }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Validates the `topology` output's value; every problem with its path. */
export function parseTopology(value: unknown): TopologyResult {
  const result = TopologySchema.safeParse(value);
  if (result.success) return { ok: true, topology: result.data };
  return {
    ok: false,
    problems: result.error.issues.map(
      (issue) =>
        `${["topology", ...issue.path].map(String).join(".")}: ${issue.message}`,
    ),
  };
}

/** The consumers, sorted by name (the table's row order). */
export function declaredConsumers(topology: Topology): DeclaredConsumer[] {
  return Object.keys(topology.consumers)
    .sort()
    .map((name) => ({ name, ...topology.consumers[name] }));
}
