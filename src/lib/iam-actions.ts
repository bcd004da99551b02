/**
 * The IAM actions each Terraform type the stacks synthesize needs, in one
 * table: docs/iam/*.json are generated from it (npm run docs) and a test
 * synthesizes every config and example and fails on a type missing here.
 *
 * Sources: the AWS provider's resource code (internal/service/ec2 and
 * route53 of hashicorp/terraform-provider-aws: which API calls each
 * create, read, update and delete makes) and AWS's Service Authorization
 * Reference (which permission each call needs; permission-only actions such
 * as vpce:AllowMultiRegion). Only what our resources use: e.g. the peering's
 * ModifyVpcPeeringConnectionOptions is left out because no stack sets
 * peering options.
 */

/** A resource (`aws_vpc`) or a data source (`data.aws_vpc`). */
export type TerraformType = `aws_${string}` | `data.aws_${string}`;

export interface TypeActions {
  /** Create, and the reads and tagging the create makes. */
  readonly create: readonly string[];
  /** Refresh and plan: what `terraform plan` reads. */
  readonly read: readonly string[];
  /** In-place updates of what our stacks set (tags, attributes). */
  readonly update: readonly string[];
  readonly delete: readonly string[];
  /** Extra actions when the resource sets an attribute. */
  readonly whenAttribute?: Readonly<Record<string, readonly string[]>>;
}

const TAGS = ["ec2:CreateTags", "ec2:DeleteTags"];

export const IAM_ACTIONS: Readonly<Record<TerraformType, TypeActions>> = {
  // Read: DescribeVpcs, then each DNS attribute, the default network ACL,
  // the main route table and the default security group (resourceVPCRead).
  aws_vpc: {
    create: ["ec2:CreateVpc", "ec2:CreateTags", "ec2:ModifyVpcAttribute"],
    read: [
      "ec2:DescribeVpcs",
      "ec2:DescribeVpcAttribute",
      "ec2:DescribeNetworkAcls",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroups",
    ],
    update: ["ec2:ModifyVpcAttribute", ...TAGS],
    delete: ["ec2:DeleteVpc"],
  },
  aws_subnet: {
    create: ["ec2:CreateSubnet", "ec2:CreateTags", "ec2:ModifySubnetAttribute"],
    read: ["ec2:DescribeSubnets"],
    update: ["ec2:ModifySubnetAttribute", ...TAGS],
    delete: ["ec2:DeleteSubnet"],
  },
  aws_route_table: {
    create: ["ec2:CreateRouteTable", "ec2:CreateTags"],
    read: ["ec2:DescribeRouteTables"],
    update: TAGS,
    delete: ["ec2:DeleteRouteTable"],
  },
  aws_route_table_association: {
    create: ["ec2:AssociateRouteTable"],
    read: ["ec2:DescribeRouteTables"],
    update: ["ec2:ReplaceRouteTableAssociation"],
    delete: ["ec2:DisassociateRouteTable"],
  },
  aws_route: {
    create: ["ec2:CreateRoute"],
    read: ["ec2:DescribeRouteTables"],
    update: ["ec2:ReplaceRoute"],
    delete: ["ec2:DeleteRoute"],
  },
  // Create revokes AWS's default allow-all egress rule; delete first looks
  // for lingering network interfaces using the group (deleteLingeringENIs).
  aws_security_group: {
    create: [
      "ec2:CreateSecurityGroup",
      "ec2:CreateTags",
      "ec2:RevokeSecurityGroupEgress",
    ],
    read: ["ec2:DescribeSecurityGroups"],
    update: TAGS,
    delete: ["ec2:DeleteSecurityGroup", "ec2:DescribeNetworkInterfaces"],
  },
  aws_vpc_security_group_ingress_rule: {
    create: ["ec2:AuthorizeSecurityGroupIngress", "ec2:CreateTags"],
    read: ["ec2:DescribeSecurityGroupRules"],
    update: ["ec2:ModifySecurityGroupRules", ...TAGS],
    delete: ["ec2:RevokeSecurityGroupIngress"],
  },
  // Read: the endpoint, the service's prefix list (findPrefixListByName, for
  // every endpoint with a service name) and its network interfaces (the
  // subnet configurations). A cross-region endpoint (service_region) also
  // needs the permission-only action vpce:AllowMultiRegion.
  aws_vpc_endpoint: {
    create: ["ec2:CreateVpcEndpoint", "ec2:CreateTags"],
    read: [
      "ec2:DescribeVpcEndpoints",
      "ec2:DescribePrefixLists",
      "ec2:DescribeNetworkInterfaces",
    ],
    update: ["ec2:ModifyVpcEndpoint", ...TAGS],
    delete: ["ec2:DeleteVpcEndpoints"],
    whenAttribute: { service_region: ["vpce:AllowMultiRegion"] },
  },
  aws_vpc_peering_connection: {
    create: ["ec2:CreateVpcPeeringConnection", "ec2:CreateTags"],
    read: ["ec2:DescribeVpcPeeringConnections"],
    update: TAGS,
    delete: ["ec2:DeleteVpcPeeringConnection"],
  },
  aws_vpc_peering_connection_accepter: {
    create: ["ec2:AcceptVpcPeeringConnection", "ec2:CreateTags"],
    read: ["ec2:DescribeVpcPeeringConnections"],
    update: TAGS,
    delete: ["ec2:DeleteVpcPeeringConnection"],
  },
  // A private zone is created with its VPCs (inline vpc blocks): Route 53
  // checks each VPC with ec2:DescribeVpcs in the caller's account.
  aws_route53_zone: {
    create: [
      "route53:CreateHostedZone",
      "route53:GetChange",
      "route53:ChangeTagsForResource",
      "ec2:DescribeVpcs",
    ],
    read: ["route53:GetHostedZone", "route53:ListTagsForResource"],
    update: [
      "route53:UpdateHostedZoneComment",
      "route53:AssociateVPCWithHostedZone",
      "route53:DisassociateVPCFromHostedZone",
      "route53:ChangeTagsForResource",
      "route53:GetChange",
    ],
    delete: ["route53:DeleteHostedZone", "route53:GetChange"],
  },
  aws_route53_record: {
    create: ["route53:ChangeResourceRecordSets", "route53:GetChange"],
    read: ["route53:ListResourceRecordSets"],
    update: ["route53:ChangeResourceRecordSets", "route53:GetChange"],
    delete: ["route53:ChangeResourceRecordSets", "route53:GetChange"],
  },
  "data.aws_availability_zone": {
    create: [],
    read: ["ec2:DescribeAvailabilityZones"],
    update: [],
    delete: [],
  },
  "data.aws_vpc_endpoint_service": {
    create: [],
    read: ["ec2:DescribeVpcEndpointServices"],
    update: [],
    delete: [],
  },
  // The consumer VPC DNS check reads enable_dns_support and _hostnames.
  "data.aws_vpc": {
    create: [],
    read: ["ec2:DescribeVpcs", "ec2:DescribeVpcAttribute"],
    update: [],
    delete: [],
  },
  "data.aws_subnet": {
    create: [],
    read: ["ec2:DescribeSubnets"],
    update: [],
    delete: [],
  },
  // Always allowed by AWS, but listed so that a policy reads complete.
  "data.aws_caller_identity": {
    create: [],
    read: ["sts:GetCallerIdentity"],
    update: [],
    delete: [],
  },
};

/** Every action a type needs, sorted; with `attributes`, its extras too. */
export function actionsOf(
  type: TerraformType,
  attributes: readonly string[] = [],
): string[] {
  const entry = IAM_ACTIONS[type];
  if (!entry)
    throw new Error(
      `no IAM actions for ${type}: add it to src/lib/iam-actions.ts`,
    );
  const actions = new Set([
    ...entry.create,
    ...entry.read,
    ...entry.update,
    ...entry.delete,
  ]);
  for (const attribute of attributes)
    for (const action of entry.whenAttribute?.[attribute] ?? [])
      actions.add(action);
  return [...actions].sort();
}

/** One statement of a generated policy: the types it covers. */
export interface PolicyStatementPlan {
  readonly sid: string;
  readonly types: readonly TerraformType[];
  /** Attributes set on these types that add actions (`service_region`). */
  readonly attributes?: readonly string[];
}

/** One generated policy file under docs/iam/. */
export interface PolicyPlan {
  /** File name under docs/iam/. */
  readonly file: string;
  /** Which side of a stack the role manages. */
  readonly side: "endpoint" | "consumer" | "plan";
  readonly statements: readonly PolicyStatementPlan[];
  /** Read-only: only the types' read actions. @default false */
  readonly readOnly?: boolean;
}

const ALL_TYPES = Object.keys(IAM_ACTIONS) as TerraformType[];

/**
 * The roles the docs describe: the network account's (a service's
 * roleArn), an application account's (a consumer's roleArn), and the
 * read-only role the pull-request plan assumes.
 */
export const POLICIES: readonly PolicyPlan[] = [
  {
    file: "endpoint-account.json",
    side: "endpoint",
    statements: [
      {
        sid: "EndpointVpc",
        types: [
          "aws_vpc",
          "aws_subnet",
          "aws_route_table",
          "aws_route_table_association",
          "aws_route",
          "data.aws_availability_zone",
        ],
      },
      {
        sid: "EndpointAndSecurityGroup",
        types: [
          "aws_vpc_endpoint",
          "aws_security_group",
          "aws_vpc_security_group_ingress_rule",
          "data.aws_vpc_endpoint_service",
        ],
      },
      { sid: "AcceptPeering", types: ["aws_vpc_peering_connection_accepter"] },
      { sid: "CallerIdentity", types: ["data.aws_caller_identity"] },
    ],
  },
  {
    file: "consumer-account.json",
    side: "consumer",
    statements: [
      {
        sid: "RequestPeeringAndRoutes",
        types: ["aws_vpc_peering_connection", "aws_route"],
      },
      {
        sid: "PrivateZones",
        types: ["aws_route53_zone", "aws_route53_record", "data.aws_vpc"],
      },
      {
        sid: "NativeEndpoint",
        types: [
          "aws_vpc_endpoint",
          "aws_security_group",
          "aws_vpc_security_group_ingress_rule",
          "data.aws_subnet",
          "data.aws_vpc_endpoint_service",
        ],
        attributes: ["service_region"],
      },
    ],
  },
  {
    file: "plan-role.json",
    side: "plan",
    readOnly: true,
    statements: [{ sid: "ReadForPlan", types: ALL_TYPES }],
  },
];

/** The actions of one statement: read-only ones for a read-only policy. */
export function statementActions(
  statement: PolicyStatementPlan,
  readOnly = false,
): string[] {
  const actions = new Set<string>();
  for (const type of statement.types)
    for (const action of readOnly
      ? IAM_ACTIONS[type].read
      : actionsOf(type, statement.attributes))
      actions.add(action);
  return [...actions].sort();
}
