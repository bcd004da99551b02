/**
 * A config of one service with many consumers, for the tests of the
 * picture's size: `peered` peered consumers over three regions and
 * `native` native ones over four, with distinct VPC ids and CIDRs.
 */
import { RawObject, rawService } from "./configs";

const hex17 = (n: number) => n.toString(16).padStart(17, "0");
const REGIONS = ["ap-northeast-1", "eu-west-1", "us-west-2", "us-east-1"];

/** A service with `peered` peered and `native` native consumers. */
export function fleet(peered: number, native: number): RawObject {
  const consumers = [
    ...Array.from({ length: peered }, (_, i) => ({
      name: `peer-${String(i).padStart(3, "0")}`,
      region: REGIONS[i % 3],
      vpcId: `vpc-${hex17(i + 1)}`,
      cidrs: [`10.${i >> 6}.${(i & 63) << 2}.0/22`],
      routeTableIds: [`rtb-${hex17(i + 1)}`],
    })),
    ...Array.from({ length: native }, (_, i) => ({
      name: `native-${String(i).padStart(3, "0")}`,
      connectivity: "native",
      region: REGIONS[i % 4],
      vpcId: `vpc-${hex17(10_000 + i)}`,
      cidrs: [`10.${128 + (i >> 6)}.${(i & 63) << 2}.0/22`],
      subnetIds: [`subnet-${hex17(2 * i + 1)}`, `subnet-${hex17(2 * i + 2)}`],
    })),
  ];
  return {
    services: [
      rawService({
        privateDnsEnabled: false,
        endpointVpc: { cidr: "10.250.0.0/24", azIds: ["use1-az1", "use1-az2"] },
        consumers,
      }),
    ],
  };
}
