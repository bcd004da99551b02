/**
 * Cross-account consumers: the endpoint VPC in a network account, consumer
 * VPCs in application accounts, each side made by its own role's provider.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import {
  addresses,
  dataSources,
  defaultRawConfig,
  parsed,
  problemsOf,
  rawConfig,
  rawConsumer,
  rawService,
  resources,
  synth,
} from "../../test-support/fixtures";
import { failedChecks, verifyJson } from "../../test-support/verify";

const NETWORK = "arn:aws:iam::111111111111:role/privatelink-network";
const APP = "arn:aws:iam::222222222222:role/privatelink-app";
const DATA = "arn:aws:iam::333333333333:role/team/privatelink-data";

const crossAccount = (serviceRole: string | null = NETWORK) =>
  rawService({
    ...(serviceRole && { roleArn: serviceRole }),
    consumers: [
      rawConsumer("seoul", { roleArn: APP }),
      rawConsumer("frankfurt", {
        roleArn: DATA,
        region: "eu-central-1",
        vpcId: "vpc-0bbbbbbbbbbbbbbb2",
        cidrs: ["10.2.0.0/16"],
        routeTableIds: ["rtb-0bbbbbbbbbbbbbbb2"],
      }),
      {
        name: "berlin",
        connectivity: "native",
        roleArn: DATA,
        region: "eu-central-1",
        vpcId: "vpc-0ccccccccccccccc3",
        cidrs: ["10.3.0.0/16"],
        subnetIds: ["subnet-0ccccccccccccccc3"],
      },
      rawConsumer("local", {
        region: "us-west-2",
        vpcId: "vpc-0ddddddddddddddd4",
        cidrs: ["10.4.0.0/16"],
        routeTableIds: ["rtb-0ddddddddddddddd4"],
      }),
    ],
  });

/** Seoul's VPC as a consumer of internal-api (with APP's role) and of billing. */
const twoServicesOneVpc = (billingConsumer: Record<string, unknown>) =>
  rawConfig(
    rawService({ consumers: [rawConsumer("seoul", { roleArn: APP })] }),
    rawService({
      name: "billing",
      dnsNames: [],
      endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
      consumers: [billingConsumer],
    }),
  );

const providerOf = (synthesized: string, type: string, name: string) =>
  resources(synthesized, type)[name]?.provider;

describe("providers", () => {
  test("one aliased provider per role and region, assuming the role, alias from account and region", () => {
    const synthesized = synth(rawConfig(crossAccount()));
    const providers = parsed(synthesized).provider?.aws ?? [];
    expect(
      providers.map((p) => [p.alias, p.region, p.assume_role?.[0]?.role_arn]),
    ).toEqual([
      ["acct_111111111111_us_east_1", "us-east-1", NETWORK],
      ["acct_222222222222_ap_northeast_2", "ap-northeast-2", APP],
      ["acct_222222222222_us_east_1", "us-east-1", APP],
      ["acct_333333333333_eu_central_1", "eu-central-1", DATA],
      ["acct_333333333333_us_east_1", "us-east-1", DATA],
      ["us_east_1", "us-east-1", undefined],
      ["us_west_2", "us-west-2", undefined],
    ]);
    expect(synthesized).toHaveProviderWithProperties(AwsProvider, {
      alias: "acct_111111111111_us_east_1",
      assume_role: [{ role_arn: NETWORK, session_name: "internal-api" }],
      default_tags: [{ tags: { team: "platform" } }],
    });
  });

  test("without roles: providers by region only, no assume_role, no peer_owner_id, no caller identity", () => {
    const synthesized = synth(defaultRawConfig());
    for (const provider of parsed(synthesized).provider?.aws ?? []) {
      expect(provider.assume_role).toBeUndefined();
      expect(provider.alias).toMatch(/^[a-z]+_[a-z]+_\d$/);
    }
    expect(
      resources(synthesized, "aws_vpc_peering_connection").peering_seoul
        .peer_owner_id,
    ).toBeUndefined();
    expect(dataSources(synthesized, "aws_caller_identity")).toEqual({});
  });
});

describe("peering across accounts", () => {
  test("the requester, in the consumer's account and region, names the endpoint account and region", () => {
    const synthesized = synth(rawConfig(crossAccount()));
    expect(synthesized).toHaveResourceWithProperties(VpcPeeringConnection, {
      provider: "aws.acct_222222222222_ap_northeast_2",
      vpc_id: "vpc-0b1c2d3e4f5a6b7c8",
      peer_vpc_id: "${aws_vpc.endpoint_vpc.id}",
      peer_owner_id: "111111111111",
      peer_region: "us-east-1",
    });
  });

  test("without a service role, the endpoint account comes from the ambient caller identity", () => {
    const synthesized = synth(rawConfig(crossAccount(null)));
    expect(
      resources(synthesized, "aws_vpc_peering_connection").peering_seoul
        .peer_owner_id,
    ).toBe("${data.aws_caller_identity.us_east_1.account_id}");
    expect(
      dataSources(synthesized, "aws_caller_identity").us_east_1.provider,
    ).toBe("aws.us_east_1");
    // An ambient consumer with an ambient endpoint side is one account: no peer_owner_id.
    expect(
      resources(synthesized, "aws_vpc_peering_connection").peering_local
        .peer_owner_id,
    ).toBeUndefined();
  });

  test("each resource is made by its own side's provider", () => {
    const synthesized = synth(rawConfig(crossAccount()));
    const expected: [string, string, string][] = [
      [
        "aws_vpc_peering_connection",
        "peering_seoul",
        "aws.acct_222222222222_ap_northeast_2",
      ],
      [
        "aws_vpc_peering_connection_accepter",
        "peering_seoul",
        "aws.acct_111111111111_us_east_1",
      ],
      [
        "aws_route",
        "peering_seoul_outbound_rtb-0a1b2c3d4e5f60718",
        "aws.acct_222222222222_ap_northeast_2",
      ],
      [
        "aws_route",
        "peering_seoul_return_10_0_0_0_16",
        "aws.acct_111111111111_us_east_1",
      ],
      [
        "aws_vpc_peering_connection",
        "peering_frankfurt",
        "aws.acct_333333333333_eu_central_1",
      ],
      [
        "aws_route",
        "peering_frankfurt_outbound_rtb-0bbbbbbbbbbbbbbb2",
        "aws.acct_333333333333_eu_central_1",
      ],
      ["aws_vpc_peering_connection", "peering_local", "aws.us_west_2"],
      [
        "aws_vpc_peering_connection_accepter",
        "peering_local",
        "aws.acct_111111111111_us_east_1",
      ],
      ["aws_vpc", "endpoint_vpc", "aws.acct_111111111111_us_east_1"],
      ["aws_vpc_endpoint", "endpoint", "aws.acct_111111111111_us_east_1"],
      [
        "aws_route53_zone",
        "acct_222222222222_zone_internal-api_example_com",
        "aws.acct_222222222222_us_east_1",
      ],
      [
        "aws_route53_record",
        "acct_222222222222_zone_internal-api_example_com_apex",
        "aws.acct_222222222222_us_east_1",
      ],
      [
        "aws_route53_zone",
        "acct_333333333333_zone_internal-api_example_com",
        "aws.acct_333333333333_us_east_1",
      ],
      ["aws_route53_zone", "zone_internal-api_example_com", "aws.us_east_1"],
      [
        "aws_vpc_endpoint",
        "native_berlin",
        "aws.acct_333333333333_eu_central_1",
      ],
      [
        "aws_security_group",
        "native_berlin",
        "aws.acct_333333333333_eu_central_1",
      ],
      [
        "aws_route53_zone",
        "native_berlin_zone_internal-api_example_com",
        "aws.acct_333333333333_eu_central_1",
      ],
    ];
    for (const [type, name, provider] of expected) {
      expect([type, name, providerOf(synthesized, type, name)]).toEqual([
        type,
        name,
        provider,
      ]);
    }
  });
});

describe("service lookups across accounts", () => {
  test("a native consumer reads the service as its own account, in the service's region", () => {
    const lookups = dataSources(
      synth(rawConfig(crossAccount())),
      "aws_vpc_endpoint_service",
    );
    // berlin (DATA, eu-central-1) reads with DATA's credentials in us-east-1.
    expect(lookups.native_berlin_service.provider).toBe(
      "aws.acct_333333333333_us_east_1",
    );
    expect(lookups.native_berlin_service.service_regions).toBeUndefined();
    // The endpoint side reads as the network account.
    expect(lookups.endpoint_service.provider).toBe(
      "aws.acct_111111111111_us_east_1",
    );
  });
});

describe("DNS across accounts: one zone per consumer account", () => {
  test("each account's zone names only that account's peered VPCs, inline, with no authorizations", () => {
    const synthesized = synth(rawConfig(crossAccount()));
    const zones = resources(synthesized, "aws_route53_zone");
    const vpcsOf = (name: string) =>
      zones[name].vpc.map((v: { vpc_id: string }) => v.vpc_id);
    expect(vpcsOf("acct_222222222222_zone_internal-api_example_com")).toEqual([
      "vpc-0b1c2d3e4f5a6b7c8",
    ]);
    expect(vpcsOf("acct_333333333333_zone_internal-api_example_com")).toEqual([
      "vpc-0bbbbbbbbbbbbbbb2",
    ]);
    expect(vpcsOf("zone_internal-api_example_com")).toEqual([
      "vpc-0ddddddddddddddd4",
    ]);
    const types = Object.keys(parsed(synthesized).resource ?? {});
    expect(types).not.toContain("aws_route53_vpc_association_authorization");
    expect(types).not.toContain("aws_route53_zone_association");
    for (const record of Object.values(
      resources(synthesized, "aws_route53_record"),
    ).filter((r) => String(r.zone_id).includes("acct_"))) {
      expect(record.alias.name).toBe(
        "${aws_vpc_endpoint.endpoint.dns_entry[0].dns_name}",
      );
    }
  });
});

describe("address stability", () => {
  test("a role on one consumer changes no address of the others", () => {
    const plain = rawService({
      consumers: [
        rawConsumer("seoul"),
        rawConsumer("tokyo", {
          region: "ap-northeast-1",
          vpcId: "vpc-0ccccccccccccccc3",
          cidrs: ["10.3.0.0/16"],
          routeTableIds: ["rtb-0ccccccccccccccc3"],
        }),
      ],
    });
    const withRole = {
      ...plain,
      consumers: [plain.consumers[0], { ...plain.consumers[1], roleArn: APP }],
    };
    const before = addresses(synth(rawConfig(plain)));
    const after = addresses(synth(rawConfig(withRole)));
    expect(
      after.filter(
        (a) =>
          !a.includes("tokyo") &&
          !a.includes("acct_") &&
          !a.includes("caller_identity"),
      ),
    ).toEqual(before.filter((a) => !a.includes("tokyo")));
  });
});

describe("validation", () => {
  test("fails when a role ARN is malformed", () => {
    const config = rawConfig(
      rawService({
        roleArn: "arn:aws:iam::1111:role/x",
        consumers: [
          rawConsumer("seoul", {
            roleArn: "arn:aws:iam::222222222222:user/alice",
          }),
        ],
      }),
    );
    expect(problemsOf(config)).toEqual([
      'services[0].consumers[0].roleArn: got "arn:aws:iam::222222222222:user/alice"; expected an IAM role ARN such as arn:aws:iam::111122223333:role/privatelink-network',
      'services[0].roleArn: got "arn:aws:iam::1111:role/x"; expected an IAM role ARN such as arn:aws:iam::111122223333:role/privatelink-network',
    ]);
  });

  test("fails when two consumers sharing a vpcId have roles of different accounts", () => {
    const config = twoServicesOneVpc(rawConsumer("seoul", { roleArn: DATA }));
    expect(problemsOf(config)).toEqual([
      'services[1].consumers[0].roleArn: got "arn:aws:iam::333333333333:role/team/privatelink-data"; expected the account of vpc-0b1c2d3e4f5a6b7c8 to be the same as at services[0].consumers[0] (account 222222222222): one VPC belongs to one account',
    ]);
  });

  test("fails when consumers of one account and region share a VPC id under different names", () => {
    const config = twoServicesOneVpc(
      rawConsumer("seoul-app", { roleArn: APP }),
    );
    expect(problemsOf(config)).toEqual([
      'services[1].consumers[0].name: got "seoul-app"; expected the name "seoul" that vpc-0b1c2d3e4f5a6b7c8 has at services[0].consumers[0]: one VPC of one account and region is one consumer',
    ]);
  });

  test("fails when one service uses two roles of one account", () => {
    const config = rawConfig(
      rawService({
        roleArn: NETWORK,
        consumers: [
          rawConsumer("seoul", {
            roleArn: "arn:aws:iam::111111111111:role/other",
          }),
        ],
      }),
    );
    expect(problemsOf(config)).toEqual([
      'services[0].consumers[0].roleArn: got "arn:aws:iam::111111111111:role/other"; expected one role per account within a service (account 111111111111 already uses arn:aws:iam::111111111111:role/privatelink-network at services[0].roleArn): providers are made per account and region',
    ]);
  });

  test("the same VPC under the same name and account in two services is fine", () => {
    const config = twoServicesOneVpc(rawConsumer("seoul", { roleArn: APP }));
    expect(problemsOf(config)).toEqual([]);
  });
});

describe("end to end with the verifier", () => {
  test("every consumer of a mixed cross-account synthesis passes every check", () => {
    const report = verifyJson(synth(rawConfig(crossAccount())));
    expect(failedChecks(report)).toEqual([]);
    expect(
      report.consumers.map((c) => [c.consumer.name, c.consumer.connectivity]),
    ).toEqual([
      ["berlin", "native"],
      ["frankfurt", "peering"],
      ["local", "peering"],
      ["seoul", "peering"],
    ]);
  });

  test("a native consumer of the generator fails admission when its ingress rule is gone", () => {
    const json = JSON.parse(synth(rawConfig(crossAccount())));
    delete json.resource.aws_vpc_security_group_ingress_rule[
      "native_berlin_berlin_10_3_0_0_16_tcp_443"
    ];
    expect(failedChecks(verifyJson(json))).toEqual(["berlin: admission"]);
  });
});
