/**
 * The one definition of the config file: the validator, the TypeScript type
 * of the raw file and `config/schema.json` (for editors) all come from here.
 *
 * Field-level rules live in this schema; rules that relate fields to each
 * other (overlaps, AZs of the service's region, duplicates) live in
 * `semantic.ts`, which reuses these schemas as guards.
 */
import { z } from "zod";
import {
  isIpv4Cidr,
  isNetworkAddress,
  networkOf,
  prefixLength,
  reservedBlockOf,
} from "../lib/cidr";
import { ROLE_ARN } from "../lib/arn";
import { closest } from "./problems";
import { COMMERCIAL_REGIONS } from "../lib/regions";

const awsId = (prefix: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`), {
      error: `expected ${what} id: "${prefix}-" and 8 or 17 lowercase hex digits`,
    })
    .meta({
      description: `${what} id (${prefix}-…)`,
      examples: [`${prefix}-0123456789abcdef0`],
    });

export const VpcId = awsId("vpc", "a VPC");
export const RouteTableId = awsId("rtb", "a route table");
export const SubnetId = awsId("subnet", "a subnet");

export const RoleArn = z
  .string()
  .regex(ROLE_ARN, {
    error:
      "expected an IAM role ARN such as arn:aws:iam::111122223333:role/privatelink-network",
  })
  .meta({
    description:
      "IAM role assumed for this side (its account owns the resources); default: the ambient credentials",
  });

export const Name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, {
    error:
      "expected 1 to 63 lowercase letters, digits or '-', starting with a letter",
  })
  .refine((name) => !name.endsWith("-") && !name.includes("--"), {
    error: "expected no trailing '-' and no '--'",
  });

export const Region = z
  .enum(COMMERCIAL_REGIONS as [string, ...string[]], {
    error: (issue) => {
      const suggestion =
        typeof issue.input === "string"
          ? closest(issue.input, COMMERCIAL_REGIONS)
          : undefined;
      return `expected a commercial AWS region code such as us-east-1${suggestion ? `: did you mean "${suggestion}"?` : ""}`;
    },
  })
  .meta({ description: "AWS region code, e.g. us-east-1" });

/** An IPv4 network in CIDR notation, written as its network address. */
export const Cidr = (minPrefix: number, maxPrefix: number) =>
  z
    .string()
    .refine(isIpv4Cidr, {
      error: "expected an IPv4 CIDR block such as 10.0.0.0/16",
    })
    .refine((cidr) => !isIpv4Cidr(cidr) || isNetworkAddress(cidr), {
      error: (issue) =>
        `expected a network address (host bits zero): did you mean "${networkOf(String(issue.input))}"?`,
      abort: true,
    })
    .refine(
      (cidr) =>
        !isIpv4Cidr(cidr) ||
        (prefixLength(cidr) >= minPrefix && prefixLength(cidr) <= maxPrefix),
      { error: `expected a prefix length from /${minPrefix} to /${maxPrefix}` },
    )
    .refine(
      (cidr) =>
        !isIpv4Cidr(cidr) ||
        prefixLength(cidr) < minPrefix ||
        prefixLength(cidr) > maxPrefix ||
        !reservedBlockOf(cidr),
      {
        error: (issue) => {
          const block = reservedBlockOf(String(issue.input));
          return `expected a block AWS allows in a VPC; it overlaps ${block?.cidr} (${block?.what})`;
        },
      },
    )
    .meta({ description: `IPv4 CIDR block, /${minPrefix} to /${maxPrefix}` });

/**
 * The two CIDR rules, built once: a zod schema is costly to build, and the
 * semantic checks test every consumer CIDR against these.
 */
export const ConsumerCidr = Cidr(16, 32);
export const EndpointCidr = Cidr(16, 28);
/** A subnet of the endpoint VPC: AWS allows /16 to /28. */
export const SubnetCidr = Cidr(16, 28);

export const AzId = z
  .string()
  .regex(/^[a-z]{3,6}[0-9]-az[1-9][0-9]?$/, {
    error:
      "expected an AZ ID such as use1-az1 (AZ IDs, not AZ names like us-east-1a)",
  })
  .meta({
    description:
      "Availability Zone ID, e.g. use1-az1; the same zone in every account",
  });

const PORT_RANGE = /^([0-9]{1,5})(?:-([0-9]{1,5}))?$/;

const PORT_EXPECTED =
  'expected a TCP port 1..65535 or an inclusive range "from-to" such as "8000-8010"';

export const Port = z
  .union(
    [
      z
        .int({ error: PORT_EXPECTED })
        .min(1, { error: PORT_EXPECTED })
        .max(65535, { error: PORT_EXPECTED }),
      z.string().regex(PORT_RANGE, { error: PORT_EXPECTED }),
    ],
    { error: PORT_EXPECTED },
  )
  .refine(
    (port) => {
      if (typeof port === "number") return true;
      const match = PORT_RANGE.exec(port);
      if (!match) return true; // reported by the union
      const [, from, to] = match;
      const low = Number(from);
      const high = to === undefined ? low : Number(to);
      return low >= 1 && high <= 65535 && low <= high;
    },
    {
      error:
        'expected ports within 1..65535 and a range "from-to" with from <= to',
    },
  )
  .meta({ description: 'TCP port, or inclusive range "from-to"' });

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOSTNAME = new RegExp(`^(?:\\*\\.)?(?:${LABEL}\\.)+${LABEL}$`);

export const Hostname = z
  .string()
  .refine((name) => !name.startsWith("*.") || name.slice(2).includes("."), {
    error:
      "expected a wildcard below a domain of at least two labels, such as *.data.example.com",
    abort: true,
  })
  .refine((name) => HOSTNAME.test(name) && name.length <= 253, {
    error:
      "expected a lowercase DNS hostname such as internal-api.example.com, optionally starting with '*.'",
  })
  .meta({
    description: "Hostname clients use (the TLS name); '*.x.y' for a wildcard",
  });

export const ServiceName = z
  .string()
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*(?:\.[a-z0-9-]+)+$/, {
    error:
      "expected an endpoint service name such as com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  })
  .meta({
    description:
      "The endpoint service name (com.amazonaws.vpce.<region>.vpce-svc-…)",
  });

export const Tags = z
  .record(
    z
      .string()
      .min(1, { error: "expected a tag key of 1 to 128 characters" })
      .max(128, { error: "expected a tag key of 1 to 128 characters" })
      .refine((key) => !key.toLowerCase().startsWith("aws:"), {
        error: "expected a tag key not starting with 'aws:' (reserved by AWS)",
      }),
    z
      .string()
      .max(256, { error: "expected a tag value of at most 256 characters" }),
  )
  .meta({
    description: "Tags applied to every resource (provider default_tags)",
  });

export const CONNECTIVITIES = ["peering", "native"] as const;

export const Connectivity = z
  .enum(CONNECTIVITIES, {
    error:
      'expected "peering" (an endpoint VPC in the service region, peered) or "native" (cross-region PrivateLink)',
  })
  .meta({
    description:
      'How the consumer reaches the service: "peering" (default: the shared endpoint VPC, peered) or "native" (its own endpoint with service_region)',
  });

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
  .meta({ description: "A VPC that must reach the service" });

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
  });

export const ServiceSchema = z
  .strictObject({
    name: Name.refine((name) => !name.startsWith("sg-"), {
      error: (issue) =>
        `expected a name that does not start with "sg-": the service's security groups are named after it (${String(issue.input)}-endpoint), and AWS reserves the "sg-" prefix for group ids`,
    }).meta({
      description:
        "Stack name: lowercase letters, digits and '-'; not starting with sg- (its security groups are named after it)",
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
  .meta({ description: "One PrivateLink endpoint service; one stack" });

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
