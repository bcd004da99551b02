import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import { regionAlias } from "./config";

/**
 * One aliased `aws` provider per region, shared by everything in that
 * region; every resource names its provider, none relies on a default.
 */
export class RegionalProviders {
  private readonly byRegion = new Map<string, AwsProvider>();

  constructor(
    private readonly scope: Construct,
    private readonly tags: Readonly<Record<string, string>>,
  ) {}

  /** The provider of `region`, made on first use. */
  public forRegion(region: string): AwsProvider {
    let provider = this.byRegion.get(region);
    if (!provider) {
      const alias = regionAlias(region);
      provider = new AwsProvider(this.scope, `aws_${alias}`, {
        alias,
        region,
        defaultTags:
          Object.keys(this.tags).length > 0
            ? [{ tags: { ...this.tags } }]
            : undefined,
      });
      this.byRegion.set(region, provider);
    }
    return provider;
  }
}
