/**
 * One schema: config/schema.json (what editors check as the user types) and
 * the validator (what synth refuses) judge one list of configs alike,
 * wherever JSON Schema can state the rule; the few rules it cannot are
 * listed, and there the editor accepts what synth refuses.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { validateConfig } from "../../src/config";
import { formatPath } from "../../src/config/problems";
import {
  ConsumerCidr,
  EndpointCidr,
  PORT_PATTERN,
  Port,
  cidrPattern,
} from "../../src/config/schema";
import {
  ROOT,
  RawObject,
  hubAndSpokeService,
  rawConfig,
  rawConsumer,
  rawService,
} from "../../test-support/configs";

const schema = JSON.parse(
  readFileSync(join(ROOT, "config", "schema.json"), "utf8"),
);
const ajv = new Ajv2020({ allErrors: true, strictTypes: true });
const editorCheck = ajv.compile(schema);

/** As a file holds it: no undefined keys. */
const asFile = (config: RawObject) => JSON.parse(JSON.stringify(config));
const withService = (overrides: RawObject) =>
  asFile(rawConfig(rawService(overrides)));
const withConsumer = (overrides: RawObject) =>
  withService({ consumers: [rawConsumer("seoul", overrides)] });
const native = (overrides: RawObject = {}) =>
  rawConsumer("seoul", {
    connectivity: "native",
    routeTableIds: undefined,
    subnetIds: ["subnet-0a1b2c3d4e5f60718"],
    ...overrides,
  });
const allNative = (...consumers: RawObject[]) =>
  withService({ endpointVpc: undefined, consumers });

/** Where ajv puts an error: `services[0].endpointVpc` for a missing field. */
function editorLocations(): string[] {
  return (editorCheck.errors ?? []).map((error) => {
    const segments: (string | number)[] = error.instancePath
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const missing = (error.params as { missingProperty?: string })
      .missingProperty;
    return formatPath(missing ? [...segments, missing] : segments);
  });
}

const VALID: [string, RawObject][] = [
  ["the hub-and-spoke example", asFile(rawConfig(hubAndSpokeService()))],
  [
    "the committed default config",
    JSON.parse(readFileSync(join(ROOT, "config", "default.json"), "utf8")),
  ],
  ["native consumers without an endpoint VPC", allNative(native())],
  ["a consumer that says peering", withConsumer({ connectivity: "peering" })],
  ["ports with leading zeros", withService({ ports: ["0443", "08000-08010"] })],
  ["a wildcard hostname", withService({ dnsNames: ["*.data.example.com"] })],
  [
    "an endpoint VPC of /26 with its subnets given",
    withService({
      endpointVpc: {
        cidr: "10.100.0.0/26",
        azIds: ["use1-az1", "use1-az2"],
        subnetCidrs: {
          "use1-az1": "10.100.0.0/28",
          "use1-az2": "10.100.0.16/28",
        },
      },
    }),
  ],
  [
    "an AZ ID past az8 with the subnets given",
    withService({
      endpointVpc: {
        cidr: "10.100.0.0/24",
        azIds: ["use1-az1", "use1-az9"],
        subnetCidrs: {
          "use1-az1": "10.100.0.0/27",
          "use1-az9": "10.100.0.32/27",
        },
      },
    }),
  ],
];

/** Rules JSON Schema states: both refuse, and ajv points where the validator does. */
const EXPRESSIBLE: [string, RawObject][] = [
  ["a consumer CIDR without a prefix", withConsumer({ cidrs: ["10.0.0.0"] })],
  ["a consumer CIDR of /33", withConsumer({ cidrs: ["10.0.0.0/33"] })],
  ["a consumer CIDR of /8", withConsumer({ cidrs: ["10.0.0.0/8"] })],
  ["an IPv6 consumer CIDR", withConsumer({ cidrs: ["fd00:1::/64"] })],
  ["a CIDR octet of 256", withConsumer({ cidrs: ["10.256.0.0/16"] })],
  [
    "an endpoint VPC of /29",
    withService({
      endpointVpc: { cidr: "10.100.0.0/29", azIds: ["use1-az1"] },
    }),
  ],
  [
    "an endpoint VPC of /26 without subnetCidrs (eight slots need a /25)",
    withService({
      endpointVpc: { cidr: "10.100.0.0/26", azIds: ["use1-az1"] },
    }),
  ],
  [
    "an AZ ID past az8 without subnetCidrs (it has no slot)",
    withService({
      endpointVpc: { cidr: "10.100.0.0/24", azIds: ["use1-az1", "use1-az9"] },
    }),
  ],
  [
    "an endpoint VPC without a prefix",
    withService({ endpointVpc: { cidr: "10.100.0.0", azIds: ["use1-az1"] } }),
  ],
  [
    "an explicit subnet of /29",
    withService({
      endpointVpc: {
        cidr: "10.100.0.0/24",
        azIds: ["use1-az1"],
        subnetCidrs: { "use1-az1": "10.100.0.0/29" },
      },
    }),
  ],
  [
    "a hostname with a scheme",
    withService({ dnsNames: ["https://internal-api.example.com"] }),
  ],
  [
    "a hostname in upper case",
    withService({ dnsNames: ["Internal-API.example.com"] }),
  ],
  [
    "an apex zone in upper case",
    withService({ intendedApexZones: ["Example.com"] }),
  ],
  ["a wildcard of a top-level domain", withService({ dnsNames: ["*.com"] })],
  ["the port string 99999", withService({ ports: ["99999"] })],
  ["the port 0", withService({ ports: [0] })],
  ["a range ending at 70000", withService({ ports: ["8000-70000"] })],
  ["a port string of six digits", withService({ ports: ["000443"] })],
  [
    "a native consumer without subnetIds",
    allNative(native({ subnetIds: undefined })),
  ],
  [
    "a native consumer with routeTableIds",
    allNative(native({ routeTableIds: ["rtb-0a1b2c3d4e5f60718"] })),
  ],
  [
    "a peered consumer (by default) with subnetIds",
    withConsumer({ subnetIds: ["subnet-0a1b2c3d4e5f60718"] }),
  ],
  [
    "a peered consumer (said) with subnetIds",
    withConsumer({
      connectivity: "peering",
      subnetIds: ["subnet-0a1b2c3d4e5f60718"],
    }),
  ],
  [
    "a peered consumer without routeTableIds",
    withConsumer({ routeTableIds: undefined }),
  ],
  [
    "a peered consumer without an endpoint VPC",
    withService({ endpointVpc: undefined }),
  ],
  [
    "a native and a peered consumer without an endpoint VPC",
    withService({
      endpointVpc: undefined,
      consumers: [
        native(),
        rawConsumer("tokyo", {
          vpcId: "vpc-0aaaaaaaaaaaaaaa1",
          cidrs: ["10.1.0.0/16"],
          routeTableIds: ["rtb-0aaaaaaaaaaaaaaa1"],
        }),
      ],
    }),
  ],
  ["a consumer name ending in '-'", withConsumer({ name: "seoul-" })],
  ["a consumer name with '--'", withConsumer({ name: "seoul--2" })],
  ["a service name starting with sg-", withService({ name: "sg-api" })],
  ["a tag key starting with aws:", withService({ tags: { "AWS:team": "x" } })],
  ["a region in upper case", withConsumer({ region: "US-EAST-1" })],
  ["a region of the China partition", withConsumer({ region: "cn-north-1" })],
  ["a GovCloud region", withService({ region: "us-gov-west-1" })],
  ["a VPC id of 3 digits", withConsumer({ vpcId: "vpc-123" })],
  [
    "an AZ name for an AZ ID",
    withService({
      endpointVpc: { cidr: "10.100.0.0/24", azIds: ["us-east-1a"] },
    }),
  ],
  ["an unknown connectivity", withConsumer({ connectivity: "transit" })],
];

/** Rules JSON Schema cannot state (arithmetic, relations between values): only the validator refuses. */
const BEYOND_JSON_SCHEMA: [string, RawObject][] = [
  ["a CIDR with host bits set", withConsumer({ cidrs: ["10.0.0.1/16"] })],
  ["a CIDR in a reserved block", withConsumer({ cidrs: ["169.254.0.0/16"] })],
  [
    "consumer CIDRs overlapping the endpoint VPC",
    withConsumer({ cidrs: ["10.100.0.0/16"] }),
  ],
  ["a port range from > to", withService({ ports: ["8010-8000"] })],
  ["a port listed twice", withService({ ports: [443, 443] })],
  [
    "two consumers of one name",
    withService({
      consumers: [
        rawConsumer("seoul"),
        rawConsumer("seoul", {
          vpcId: "vpc-0aaaaaaaaaaaaaaa1",
          cidrs: ["10.1.0.0/16"],
          routeTableIds: ["rtb-0aaaaaaaaaaaaaaa1"],
        }),
      ],
    }),
  ],
  [
    "an AZ ID of another region",
    withService({
      endpointVpc: { cidr: "10.100.0.0/24", azIds: ["euc1-az1"] },
    }),
  ],
  [
    "a service name of another region",
    withService({
      serviceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
    }),
  ],
];

describe("config/schema.json and the validator", () => {
  test.each(VALID)("both accept %s", (_, config) => {
    expect(validateConfig(config)).toMatchObject({ ok: true });
    expect(editorCheck(config)).toBe(true);
  });

  test.each(EXPRESSIBLE)("both refuse %s, at the same path", (_, config) => {
    const result = validateConfig(config);
    expect(result.ok).toBe(false);
    expect(editorCheck(config)).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    const locations = editorLocations();
    const sameSpot = paths.some((path) =>
      locations.some(
        (at) =>
          at !== "" &&
          (path === at ||
            path.startsWith(`${at}.`) ||
            path.startsWith(`${at}[`)),
      ),
    );
    expect({ paths, locations, sameSpot }).toMatchObject({ sameSpot: true });
  });

  test.each(BEYOND_JSON_SCHEMA)(
    "only the validator refuses %s",
    (_, config) => {
      expect(validateConfig(config).ok).toBe(false);
      expect(editorCheck(config)).toBe(true);
    },
  );
});

describe("the patterns beside the refinements", () => {
  const portPattern = new RegExp(PORT_PATTERN, "u");
  const ports = [
    ...Array.from({ length: 700 }, (_, i) => String(i * 97)),
    "65535",
    "65536",
    "1",
    "0",
    "00001",
    "000001",
    "1-65535",
    "1-65536",
    "80-80",
  ];

  test("the port pattern accepts exactly the port strings the validator accepts", () => {
    const disagree = ports.filter(
      (port) => portPattern.test(port) !== Port.safeParse(port).success,
    );
    expect(disagree).toEqual([]);
  });

  const cidrPatterns = [
    ["a consumer CIDR", ConsumerCidr, new RegExp(cidrPattern(16, 32), "u")],
    ["an endpoint VPC", EndpointCidr, new RegExp(cidrPattern(16, 28), "u")],
  ] as const;
  const cidrs = Array.from({ length: 41 }, (_, prefix) => [
    `10.0.0.0/${prefix}`,
    `010.0.0.0/${prefix}`,
    `10.0.0.256/${prefix}`,
  ]).flat();

  test.each(cidrPatterns)(
    "the pattern of %s accepts every network address the validator accepts",
    (_, schema, pattern) => {
      const disagree = cidrs.filter(
        (cidr) => pattern.test(cidr) !== schema.safeParse(cidr).success,
      );
      expect(disagree).toEqual([]);
    },
  );
});
