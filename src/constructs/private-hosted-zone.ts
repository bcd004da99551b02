import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as route53Record from "@cdktf/provider-aws/lib/route53-record";
import * as route53Zone from "@cdktf/provider-aws/lib/route53-zone";
import { Fn, Op } from "cdktf";
import { Construct } from "constructs";
import { recordLabelOf, zoneOf } from "../lib/dns";
import { idPart } from "../lib/naming";

/** A VPC the zone answers in. */
export interface ZoneVpc {
  readonly vpcId: string;
  /** The VPC's region; Route 53 otherwise assumes the provider's region. */
  readonly region: string;
}

/** Where the alias records point: an interface endpoint's regional DNS name. */
export interface AliasTarget {
  readonly dnsName: string;
  readonly hostedZoneId: string;
}

export interface PrivateHostedZoneProps {
  /** The zone's name: exactly a hostname clients use, never a parent domain. */
  readonly zoneName: string;
  /** Hostnames answered in the zone: the zone name itself and/or `*.<zone name>`. */
  readonly hostnames: readonly string[];
  /** VPCs associated with the zone, as inline `vpc` blocks (never mixed with separate associations). */
  readonly vpcs: readonly ZoneVpc[];
  readonly target: AliasTarget;
  /**
   * Names AWS already answers in these VPCs (an endpoint's private DNS
   * names). The plan fails if the zone's name is one of them: Route 53 would
   * reject the zone as a conflicting domain.
   * @default - no check
   */
  readonly reservedNames?: string[];
  /** Route 53 is global; this provider only says which account owns the zone. */
  readonly provider: AwsProvider;
}

/**
 * A Route 53 private hosted zone named exactly the hostname clients use, so
 * the TLS name resolves to the endpoint inside the consumer VPCs. Each
 * hostname gets an A alias record to the endpoint's regional DNS name.
 */
export class PrivateHostedZone extends Construct {
  private readonly zone: route53Zone.Route53Zone;

  constructor(scope: Construct, id: string, props: PrivateHostedZoneProps) {
    super(scope, id);
    const { provider } = props;

    this.zone = new route53Zone.Route53Zone(this, "route53_zone", {
      provider,
      name: props.zoneName,
      comment: `Private zone for ${props.zoneName}: alias to a PrivateLink endpoint`,
      vpc: props.vpcs.map((v) => ({ vpcId: v.vpcId, vpcRegion: v.region })),
      lifecycle: props.reservedNames
        ? {
            precondition: [
              {
                condition: Op.not(
                  Fn.contains(props.reservedNames, props.zoneName),
                ),
                errorMessage: `${props.zoneName} is the endpoint service's private DNS name, which the endpoint already answers in this VPC: remove it from dnsNames, or set privateDnsEnabled to false.`,
              },
            ],
          }
        : undefined,
    });

    for (const hostname of props.hostnames) {
      if (zoneOf(hostname) !== props.zoneName)
        throw new Error(
          `${hostname} does not belong to zone ${props.zoneName}`,
        );
      const label = recordLabelOf(hostname);
      new route53Record.Route53Record(
        this,
        label === "" ? "apex" : idPart(label),
        {
          provider,
          zoneId: this.zone.zoneId,
          name: hostname,
          type: "A",
          alias: {
            name: props.target.dnsName,
            zoneId: props.target.hostedZoneId,
            evaluateTargetHealth: true,
          },
        },
      );
    }
  }

  /** The zone's id, e.g. for an association or an output. */
  public get zoneId(): string {
    return this.zone.zoneId;
  }
}
