/**
 * The one definition of the config file: the validator, the TypeScript type
 * of the raw file and `config/schema.json` (for editors) all come from here
 * (the field types in fields.ts, the objects here).
 *
 * Field-level rules live in this schema; rules that relate fields to each
 * other (overlaps, AZs of the service's region, duplicates) live in
 * `rules/`, which reuses these schemas as guards.
 */
import { z } from "zod";
import {
  VpcId,
  SubnetCidr,
  ServiceName,
  Port,
  RouteTableId,
  SubnetId,
  RoleArn,
  Name,
  Region,
  ConsumerCidr,
  EndpointCidr,
  AzId,
  Hostname,
  Tags,
  Connectivity,
  NAME_PATTERN,
  cidrPattern,
} from "./fields";
import { AZ_SLOTS, LARGEST_SLOTTED_PREFIX } from "../lib/cidr";

export * from "./fields";

/**
 * The fixed subnet slots, for editors: without `subnetCidrs` the block is
 * split in eight (so /25 or larger) and only AZ IDs az1 to az8 have a slot.
 * The validator states it in rules/service.ts (slottedBlockLargeEnough,
 * slottedAzIdsNumbered).
 */
const SLOTS_WITHOUT_SUBNET_CIDRS = {
  if: { type: "object", not: { required: ["subnetCidrs"] } },
  then: {
    type: "object",
    properties: {
      cidr: {
        type: "string",
        pattern: cidrPattern(16, LARGEST_SLOTTED_PREFIX),
      },
      azIds: {
        type: "array",
        items: { type: "string", pattern: `-az[1-${AZ_SLOTS}]$` },
      },
    },
  },
};

/**
 * The rules of each connectivity, for editors (JSON Schema `if`/`then`): the
 * validator states them in rules/consumers.ts and rules/service.ts, with
 * the reason in each message. A consumer without `connectivity` peers.
 */
const NATIVE = {
  type: "object",
  required: ["connectivity"],
  properties: { connectivity: { const: "native" } },
};
const PEERED = {
  type: "object",
  properties: { connectivity: { const: "peering" } },
};

const CONSUMER_MODES = {
  allOf: [
    {
      if: PEERED,
      then: {
        type: "object",
        required: ["routeTableIds"],
        properties: { subnetIds: false },
      },
    },
    {
      if: NATIVE,
      then: {
        type: "object",
        required: ["subnetIds"],
        properties: { routeTableIds: false },
      },
    },
  ],
};

/** Any consumer that is not native peers, and peering needs the endpoint VPC. */
const ENDPOINT_VPC_WHEN_PEERED = {
  if: {
    type: "object",
    required: ["consumers"],
    properties: { consumers: { type: "array", contains: { not: NATIVE } } },
  },
  then: { type: "object", required: ["endpointVpc"] },
};

export const ConsumerSchema = z
  .strictObject({
    name: Name.meta({
      description:
        "Consumer name, unique within the service; part of resource addresses",
    }),
    region: Region,
    vpcId: VpcId,
    cidrs: z
      .array(ConsumerCidr, { error: "expected a list of IPv4 CIDR blocks" })
      .min(1, { error: "expected at least one CIDR of the consumer VPC" })
      .meta({
        description:
          "Every IPv4 CIDR of the consumer VPC that must reach the service",
      }),
    connectivity: Connectivity.optional(),
    roleArn: RoleArn.optional(),
    routeTableIds: z
      .array(RouteTableId)
      .min(1, { error: "expected at least one route table id" })
      .optional()
      .meta({
        description:
          "Peering only (required there): route tables of the client subnets; each gets a route to the endpoint VPC",
      }),
    subnetIds: z
      .array(SubnetId)
      .min(1, { error: "expected at least one subnet id" })
      .optional()
      .meta({
        description:
          "Native only (required there): the consumer's subnets for its own endpoint, at most one per AZ",
      }),
  })
  .meta({
    description: "A VPC that must reach the service",
    ...CONSUMER_MODES,
  });

export const EndpointVpcSchema = z
  .strictObject({
    cidr: EndpointCidr.meta({
      description:
        "CIDR of the endpoint VPC (/16 to /28). Without subnetCidrs it is split in eight fixed slots and AZ ID …-azN takes slot N (so it must be /25 or larger); adding an AZ ID never moves another AZ's subnet",
    }),
    azIds: z.array(AzId).min(1, { error: "expected at least one AZ ID" }).meta({
      description:
        "AZ IDs of the endpoint service's AZs in its region, e.g. use1-az1",
    }),
    subnetCidrs: z
      .record(AzId, SubnetCidr, {
        error: "expected an object of AZ ID -> subnet CIDR",
      })
      .optional()
      .meta({
        description:
          "The subnet CIDR of each AZ ID, instead of the fixed slots: to keep the layout of an endpoint VPC made before the slots, or for AZ IDs past az8; every AZ ID of azIds needs one",
      }),
  })
  .meta({
    description:
      "The VPC made in the service's region to hold the shared interface endpoint; required when any consumer uses peering",
    ...SLOTS_WITHOUT_SUBNET_CIDRS,
  });

export const ServiceSchema = z
  .strictObject({
    name: Name.refine((name) => !name.startsWith("sg-"), {
      error: (issue) =>
        `expected a name that does not start with "sg-": the service's security groups are named after it (${String(issue.input)}-endpoint), and AWS reserves the "sg-" prefix for group ids`,
    }).meta({
      description:
        "Stack name: lowercase letters, digits and '-'; not starting with sg- (its security groups are named after it)",
      pattern: `^(?!sg-)${NAME_PATTERN.slice(1)}`,
    }),
    serviceName: ServiceName,
    region: Region.meta({
      description: "Region where the endpoint service lives",
    }),
    ports: z
      .array(Port)
      .min(1, { error: "expected at least one port" })
      .meta({ description: "TCP ports or inclusive ranges clients use" }),
    privateDnsEnabled: z.boolean().optional().meta({
      description:
        "Turn on the service's private DNS name on the endpoint (default false)",
    }),
    dnsNames: z.array(Hostname).optional().meta({
      description:
        "Hostnames clients use; each gets a private hosted zone in the consumer VPCs",
    }),
    intendedApexZones: z.array(Hostname).optional().meta({
      description:
        "Zones of dnsNames meant to shadow a whole domain. A hostname that is a registrable domain (example.com, *.example.com, example.co.uk; by the public suffix list, ICANN and private sections) makes a zone that hides every other name of that domain in the consumer VPCs (www.example.com stops resolving publicly there), so it gets a warning unless listed here. A top-level domain not on the list (corp.internal) counts as a public suffix, so corp.internal warns too. Each entry is a hostname of dnsNames or its zone; any other is an error",
    }),
    endpointVpc: EndpointVpcSchema.optional(),
    consumers: z
      .array(ConsumerSchema)
      .min(1, { error: "expected at least one consumer" })
      .meta({
        description:
          "Consumer VPCs: peered with the endpoint VPC, or each with its own native endpoint",
      }),
    tags: Tags.optional(),
    roleArn: RoleArn.optional().meta({
      description:
        "IAM role that manages the endpoint side (endpoint VPC, endpoint, accepter, return routes); default: the ambient credentials",
    }),
  })
  .meta({
    description: "One PrivateLink endpoint service; one stack",
    ...ENDPOINT_VPC_WHEN_PEERED,
  });

/** Terraform Cloud's rule for organization names. */
export const TfcOrganization = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, {
    error:
      "expected a Terraform Cloud organization name: letters, digits, '-' and '_'",
  })
  .meta({
    description: "Terraform Cloud organization (TFC_ORGANIZATION overrides it)",
  });

/** A workspace name is the prefix and a stack name: at most 90 characters. */
export const WORKSPACE_NAME_MAX_LENGTH = 90;

export const WorkspacePrefix = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/, {
    error:
      "expected a workspace name prefix of letters, digits, '-' and '_' (workspace names allow nothing else)",
  })
  .max(WORKSPACE_NAME_MAX_LENGTH - 1, {
    error: `expected a prefix that leaves room for the stack name in a workspace name of at most ${WORKSPACE_NAME_MAX_LENGTH} characters`,
  })
  .meta({
    description:
      "Workspace name prefix: each stack's workspace is <prefix><stack name> (TFC_WORKSPACE_PREFIX overrides it)",
  });

/** Terraform Cloud's rule for project names (as the tfe provider checks it). */
export const TfcProject = z
  .string()
  .regex(/^[\w-][\w -]*[\w-]$/, {
    error:
      "expected a Terraform Cloud project name: letters, digits, spaces, '-' and '_', not starting or ending with a space",
  })
  .min(3, { error: "expected a project name of 3 to 40 characters" })
  .max(40, { error: "expected a project name of 3 to 40 characters" })
  .meta({
    description:
      "Terraform Cloud project the workspaces are created in (default: the organization's default project)",
  });

export const TerraformCloudSchema = z
  .strictObject({
    organization: TfcOrganization,
    workspacePrefix: WorkspacePrefix,
    project: TfcProject.optional(),
  })
  .meta({
    description:
      "Keep each stack's state in a Terraform Cloud workspace <workspacePrefix><stack name>",
  });

export const ConfigSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .meta({ description: "Path of this file's JSON Schema" }),
    terraformCloud: TerraformCloudSchema.optional(),
    services: z
      .array(ServiceSchema)
      .min(1, { error: "expected at least one service" })
      .meta({ description: "The endpoint services to reach; one stack each" }),
  })
  .meta({
    title: "Cross-region PrivateLink config",
    description: "Config of the cross-region PrivateLink generator",
  });

export type RawConfig = z.infer<typeof ConfigSchema>;
export type RawService = z.infer<typeof ServiceSchema>;
export type RawConsumer = z.infer<typeof ConsumerSchema>;
export type RawTerraformCloud = z.infer<typeof TerraformCloudSchema>;

/** The JSON Schema published as `config/schema.json`. */
export function configJsonSchema(): object {
  return z.toJSONSchema(ConfigSchema, { io: "input", unrepresentable: "any" });
}

/** The text of `config/schema.json`. */
export function schemaDocument(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + "\n";
}
