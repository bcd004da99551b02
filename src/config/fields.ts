/**
 * The config's field types, one schema each: ids, names, regions, CIDRs,
 * ports, hostnames, tags. The objects that hold them are in schema.ts; the
 * rules in rules/ reuse these as guards on the raw file.
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
import { COMMERCIAL_REGIONS, otherPartitionOf } from "../lib/regions";

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

/** The name rule for editors: the regex and the refinement in one pattern. */
export const NAME_PATTERN = "^(?!.*--)(?!.*-$)[a-z][a-z0-9-]{0,62}$";

export const Name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, {
    error:
      "expected 1 to 63 lowercase letters, digits or '-', starting with a letter",
  })
  .refine((name) => !name.endsWith("-") && !name.includes("--"), {
    error: "expected no trailing '-' and no '--'",
  })
  .meta({ pattern: NAME_PATTERN });

/** Why a value is not a region of the `aws` partition, with the fix when there is one. */
function regionMessage(input: unknown): string {
  const expected = "expected a commercial AWS region code such as us-east-1";
  if (typeof input !== "string") return expected;
  const lower = input.toLowerCase();
  const partition = otherPartitionOf(lower);
  if (partition)
    return `${expected}: ${lower} is in the ${partition} partition, and only the aws partition is supported (inter-region peering and cross-region PrivateLink do not cross partitions)`;
  if (lower !== input && COMMERCIAL_REGIONS.includes(lower))
    return `${expected}: region codes are lower case, did you mean "${lower}"?`;
  const suggestion = closest(lower, COMMERCIAL_REGIONS);
  return suggestion ? `${expected}: did you mean "${suggestion}"?` : expected;
}

export const Region = z
  .enum(COMMERCIAL_REGIONS as [string, ...string[]], {
    error: (issue) => regionMessage(issue.input),
  })
  .meta({ description: "AWS region code, e.g. us-east-1" });

const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])";
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The CIDR rule for editors: a dotted quad with a prefix in range. The
 * refinements also want host bits zero and no AWS-reserved block, which a
 * pattern cannot say (see docs/validation.md).
 */
export const cidrPattern = (minPrefix: number, maxPrefix: number) =>
  `^${OCTET}(?:\\.${OCTET}){3}/(?:${range(minPrefix, maxPrefix).join("|")})$`;

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
    .meta({
      description: `IPv4 CIDR block, /${minPrefix} to /${maxPrefix}`,
      pattern: cidrPattern(minPrefix, maxPrefix),
    });

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

/** 1..65535 in up to five digits (leading zeros allowed, as the refinement reads them). */
const PORT_NUMBER =
  "(?=[0-9]{1,5}(?:-|$))0*(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])";

/** The port string rule for editors; only "from <= to" is left to the refinement. */
export const PORT_PATTERN = `^${PORT_NUMBER}(?:-${PORT_NUMBER})?$`;

export const Port = z
  .union(
    [
      z
        .int({ error: PORT_EXPECTED })
        .min(1, { error: PORT_EXPECTED })
        .max(65535, { error: PORT_EXPECTED }),
      z
        .string()
        .regex(PORT_RANGE, { error: PORT_EXPECTED })
        .meta({ pattern: PORT_PATTERN }),
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
    pattern: HOSTNAME.source,
    maxLength: 253,
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
      })
      .meta({ pattern: "^(?![aA][wW][sS]:)" }),
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
