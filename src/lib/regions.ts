/**
 * The commercial AWS regions (partition `aws`) and the AZ ID prefix of each.
 *
 * An AZ ID is the region code shortened part by part: `us-east-1` -> `use1`,
 * `ap-northeast-2` -> `apne2`, `eu-central-1` -> `euc1`. AZ IDs are the same
 * physical zone in every account, unlike AZ names (`us-east-1a`), which older
 * regions map per account.
 *
 * GovCloud, China and the European Sovereign Cloud are separate partitions:
 * inter-region peering and cross-region PrivateLink do not cross partitions.
 */
export const COMMERCIAL_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
];

/**
 * The region-code prefixes of the other partitions. A region there cannot
 * peer with or reach a commercial region, so a config naming one is refused
 * by partition, not "corrected" to a commercial region of similar spelling.
 */
const OTHER_PARTITIONS: readonly { prefix: RegExp; partition: string }[] = [
  { prefix: /^cn-/, partition: "aws-cn" },
  { prefix: /^us-gov-/, partition: "aws-us-gov" },
  { prefix: /^eusc-/, partition: "aws-eusc" },
  { prefix: /^us-iso-/, partition: "aws-iso" },
  { prefix: /^us-isob-/, partition: "aws-iso-b" },
  { prefix: /^us-isof-/, partition: "aws-iso-f" },
  { prefix: /^eu-isoe-/, partition: "aws-iso-e" },
];

/** The partition of a region code outside `aws` (`cn-north-1` -> `aws-cn`), else undefined. */
export function otherPartitionOf(region: string): string | undefined {
  return OTHER_PARTITIONS.find(({ prefix }) => prefix.test(region))?.partition;
}

const DIRECTION_CODES: Readonly<Record<string, string>> = {
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
};

/** `ap-northeast-2` -> `apne2`. */
export function azIdPrefix(region: string): string {
  const [area, direction, number] = region.split("-");
  return `${area}${DIRECTION_CODES[direction] ?? direction}${number}`;
}

/** The region an AZ ID belongs to, or undefined for an unknown prefix. */
export function regionOfAzId(azId: string): string | undefined {
  const prefix = azId.split("-az")[0];
  return COMMERCIAL_REGIONS.find((region) => azIdPrefix(region) === prefix);
}

/** `us-east-1` -> `us_east_1`: the provider alias of a region. */
export function regionAlias(region: string): string {
  return region.replace(/-/g, "_");
}
