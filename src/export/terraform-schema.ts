/**
 * What the HCL renderer must know that Terraform JSON does not say: which
 * nested keys are blocks. In JSON a block and an object-valued attribute
 * look alike (`alias: {…}` is a block of aws_route53_record, `tags: {…}` a
 * map attribute); Terraform tells them apart by the provider's schema, and
 * so does this table, for the types the stacks emit. A test checks every
 * entry against the provider package's own schema (`isBlock`).
 *
 * Each type also names the file of its concern: resources are grouped by
 * what they are, never by their names.
 */

/** Names of nested blocks, each with the blocks nested in it. */
export interface BlockSchema {
  readonly [block: string]: BlockSchema;
}

/** The files of an exported stack, in reading order, with what each holds. */
export const CONCERN_FILES = {
  "terraform.tf":
    "Terraform settings: the provider versions and, with Terraform Cloud, the workspace that keeps the state.",
  "providers.tf":
    "One aliased aws provider per region (and per role, across accounts); every resource names its provider.",
  "endpoint_vpc.tf":
    "The endpoint VPC in the service's region: one private subnet per AZ ID, checked against the service's AZs, and one route table.",
  "endpoint.tf":
    "The interface endpoints and their security groups (the consumer CIDRs on the service ports only): the shared one, and each native consumer's own.",
  "peering.tf":
    "An inter-region peering per consumer VPC, accepted in the service's region, with routes both ways.",
  "dns.tf":
    "A private hosted zone per hostname in the consumer VPCs, with an alias record to the endpoint they reach.",
  "outputs.tf":
    "What the stack reports: endpoint, peerings, zones, hostnames and the configured topology.",
} as const;

export type ConcernFile = keyof typeof CONCERN_FILES;

export interface TypeSchema {
  readonly file: ConcernFile;
  readonly blocks: BlockSchema;
}

const TIMEOUTS: BlockSchema = { timeouts: {} };

/**
 * Resource types. Blocks the stacks do not set yet (timeouts, routing
 * policies) are listed too, so setting one later renders correctly.
 * `ingress`/`egress` of aws_security_group and `route` of aws_route_table
 * are attributes-as-blocks: JSON gives them as attributes, and so does
 * the export.
 */
export const RESOURCE_TYPES: Readonly<Record<string, TypeSchema>> = {
  aws_vpc: { file: "endpoint_vpc.tf", blocks: {} },
  aws_subnet: { file: "endpoint_vpc.tf", blocks: TIMEOUTS },
  aws_route_table: { file: "endpoint_vpc.tf", blocks: TIMEOUTS },
  aws_route_table_association: { file: "endpoint_vpc.tf", blocks: TIMEOUTS },
  aws_security_group: { file: "endpoint.tf", blocks: TIMEOUTS },
  aws_vpc_security_group_ingress_rule: { file: "endpoint.tf", blocks: {} },
  aws_vpc_endpoint: {
    file: "endpoint.tf",
    blocks: { dns_options: {}, subnet_configuration: {}, ...TIMEOUTS },
  },
  aws_vpc_peering_connection: {
    file: "peering.tf",
    blocks: { accepter: {}, requester: {}, ...TIMEOUTS },
  },
  aws_vpc_peering_connection_accepter: {
    file: "peering.tf",
    blocks: { accepter: {}, requester: {}, ...TIMEOUTS },
  },
  aws_route: { file: "peering.tf", blocks: TIMEOUTS },
  aws_route53_zone: { file: "dns.tf", blocks: { vpc: {}, ...TIMEOUTS } },
  aws_route53_record: {
    file: "dns.tf",
    blocks: {
      alias: {},
      cidr_routing_policy: {},
      failover_routing_policy: {},
      geolocation_routing_policy: {},
      geoproximity_routing_policy: { coordinates: {} },
      latency_routing_policy: {},
      weighted_routing_policy: {},
      ...TIMEOUTS,
    },
  },
};

export const DATA_SOURCE_TYPES: Readonly<Record<string, TypeSchema>> = {
  aws_vpc_endpoint_service: {
    file: "endpoint_vpc.tf",
    blocks: { filter: {}, ...TIMEOUTS },
  },
  aws_availability_zone: {
    file: "endpoint_vpc.tf",
    blocks: { filter: {}, ...TIMEOUTS },
  },
  // A native consumer's subnets, checked at plan time.
  aws_subnet: { file: "endpoint.tf", blocks: { filter: {}, ...TIMEOUTS } },
  // The endpoint account, for peer_owner_id when no role names it.
  aws_caller_identity: { file: "peering.tf", blocks: {} },
  // A consumer VPC, checked at plan time for DNS support and hostnames.
  aws_vpc: { file: "dns.tf", blocks: { filter: {}, ...TIMEOUTS } },
};

/** Provider configurations, by provider type. */
export const PROVIDER_TYPES: Readonly<Record<string, BlockSchema>> = {
  aws: {
    assume_role: {},
    assume_role_with_web_identity: {},
    default_tags: {},
    endpoints: {},
    ignore_tags: {},
  },
};

/** Terraform's own blocks inside a resource or data block. */
export const RESOURCE_META_BLOCKS: BlockSchema = {
  lifecycle: { precondition: {}, postcondition: {} },
};

/** Blocks of `output`. */
export const OUTPUT_BLOCKS: BlockSchema = { precondition: {} };

/**
 * Blocks of `terraform`. `required_providers` holds attributes (`aws = {…}`);
 * `backend` is handled apart (it has a label, and the local one is dropped).
 */
export const TERRAFORM_BLOCKS: BlockSchema = {
  required_providers: {},
  cloud: { workspaces: {} },
};

/**
 * Meta-arguments whose values are references, written bare in HCL: in
 * JSON they are plain strings (`"provider": "aws.us_east_1"`), and a quoted
 * reference is an error in HCL.
 */
export const REFERENCE_ARGUMENTS: ReadonlySet<string> = new Set([
  "provider",
  "depends_on",
  "ignore_changes",
  "replace_triggered_by",
]);

/** Meta-arguments and blocks the export does not render; it fails rather than guess. */
export const UNSUPPORTED_ARGUMENTS: ReadonlySet<string> = new Set([
  "dynamic",
  "provisioner",
  "connection",
  "providers",
]);
