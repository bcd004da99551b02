/**
 * Configs of any size for the benchmark: `services` services, each with
 * `consumersPerService` consumer VPCs spread over every commercial region.
 * Deterministic, valid (it passes validateConfig) and non-overlapping:
 *
 * - endpoint VPCs: 172.16.<s>.0/24, one per service (s < 256);
 * - consumers: /22 blocks of 10.0.0.0/8 numbered across all services, so no
 *   two consumers anywhere overlap, nor any consumer an endpoint VPC;
 * - VPC and route table ids: 17 hex digits from one counter, unique
 *   everywhere, so no route table gets two services' endpoint CIDRs.
 */
import { writeFileSync } from "node:fs";
import { azIdPrefix, COMMERCIAL_REGIONS } from "../src/lib/regions";

export interface GenerateOptions {
  readonly services: number;
  readonly consumersPerService: number;
}

/** The /22 blocks of 10.0.0.0/8: 16,384 consumers at most. */
const MAX_CONSUMERS = 1 << 14;

const hex17 = (n: number) => n.toString(16).padStart(17, "0");

/** The i-th /22 of 10.0.0.0/8. */
function consumerCidr(i: number): string {
  return `10.${i >> 6}.${(i & 63) << 2}.0/22`;
}

function region(i: number): string {
  return COMMERCIAL_REGIONS[i % COMMERCIAL_REGIONS.length];
}

/** A raw config document, shaped like config/default.json. */
export function generateConfig(options: GenerateOptions) {
  const { services, consumersPerService } = options;
  if (services < 1 || services > 256 || consumersPerService < 1)
    throw new Error("expected 1 to 256 services and at least one consumer");
  if (services * consumersPerService > MAX_CONSUMERS)
    throw new Error(`expected at most ${MAX_CONSUMERS} consumers in all`);
  let next = 0;
  return {
    services: Array.from({ length: services }, (_, s) => {
      const serviceRegion = region(s * 7);
      const name = `svc-${String(s).padStart(3, "0")}`;
      return {
        name,
        serviceName: `com.amazonaws.vpce.${serviceRegion}.vpce-svc-${hex17(s + 1)}`,
        region: serviceRegion,
        ports: [443],
        privateDnsEnabled: true,
        dnsNames: [`${name}.example.com`],
        endpointVpc: {
          cidr: `172.16.${s}.0/24`,
          azIds: [1, 2].map((az) => `${azIdPrefix(serviceRegion)}-az${az}`),
        },
        consumers: Array.from({ length: consumersPerService }, (_, c) => {
          const i = next++;
          return {
            name: `consumer-${String(c).padStart(4, "0")}`,
            region: region(i),
            vpcId: `vpc-${hex17(i + 1)}`,
            cidrs: [consumerCidr(i)],
            routeTableIds: [
              `rtb-${hex17(2 * i + 1)}`,
              `rtb-${hex17(2 * i + 2)}`,
            ],
          };
        }),
        tags: { team: "platform" },
      };
    }),
  };
}

/** Writes a generated config to `file` and returns the path. */
export function writeConfig(file: string, options: GenerateOptions): string {
  writeFileSync(file, JSON.stringify(generateConfig(options), null, 2) + "\n");
  return file;
}
