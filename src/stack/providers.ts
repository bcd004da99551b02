import * as dataAwsCallerIdentity from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import { accountOf } from "../lib/arn";
import { regionAlias } from "../lib/regions";

/** Whose credentials and which region a resource is made with. */
export interface ProviderSide {
  readonly region: string;
  /**
   * The role assumed for this side.
   * @default - the ambient credentials
   */
  readonly roleArn?: string;
}

/**
 * `us_east_1` for the ambient credentials; `acct_111122223333_us_east_1`
 * for a role: stable and readable in every `provider = aws.…` line.
 */
export function providerAlias(side: ProviderSide): string {
  const region = regionAlias(side.region);
  return side.roleArn ? `acct_${accountOf(side.roleArn)}_${region}` : region;
}

export interface ProvidersProps {
  /** Tags on every resource, as `default_tags`. */
  readonly tags: Readonly<Record<string, string>>;
  /** The session name of assumed roles, to tell this stack's calls apart in CloudTrail. */
  readonly sessionName: string;
}

/**
 * One aliased `aws` provider per region and role, shared by everything on
 * that side; every resource names its provider, none relies on a default.
 */
export class Providers {
  private readonly providers = new Map<string, AwsProvider>();
  private readonly callers = new Map<
    string,
    dataAwsCallerIdentity.DataAwsCallerIdentity
  >();

  constructor(
    private readonly scope: Construct,
    private readonly props: ProvidersProps,
  ) {}

  /** The provider of a side, made on first use. */
  public forSide(side: ProviderSide): AwsProvider {
    const alias = providerAlias(side);
    let provider = this.providers.get(alias);
    if (!provider) {
      const { tags, sessionName } = this.props;
      provider = new AwsProvider(this.scope, `aws_${alias}`, {
        alias,
        region: side.region,
        assumeRole: side.roleArn
          ? [{ roleArn: side.roleArn, sessionName }]
          : undefined,
        defaultTags:
          Object.keys(tags).length > 0 ? [{ tags: { ...tags } }] : undefined,
      });
      this.providers.set(alias, provider);
    }
    return provider;
  }

  /**
   * The account id of a side: from its role ARN, else read at plan time
   * from the ambient credentials (`data.aws_caller_identity`).
   */
  public accountId(side: ProviderSide): string {
    if (side.roleArn) return accountOf(side.roleArn);
    const alias = providerAlias(side);
    let caller = this.callers.get(alias);
    if (!caller) {
      caller = new dataAwsCallerIdentity.DataAwsCallerIdentity(
        this.scope,
        alias,
        {
          provider: this.forSide(side),
        },
      );
      this.callers.set(alias, caller);
    }
    return caller.accountId;
  }
}
