/**
 * AWS's default quotas, as the engine enforces them (docs/engine.md,
 * "Quotas"): a config just inside a default applies; one just past it gets
 * the synth's warning naming the quota's code, and its apply fails with the
 * error AWS returns. Past a hard maximum the synth refuses and nothing is
 * applied. `npm run synth && npm run engine`, as a user runs them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QUOTAS } from "../../src/config/quotas";
import {
  Emulator,
  removeAll,
  runEngine,
  startEmulator,
  toolchain,
} from "../../test-support/engine";
import {
  ROOT,
  RawObject,
  rawConfig,
  rawConsumer,
  rawService,
} from "../../test-support/configs";

/** `npm run synth` of a raw config into a fresh outdir: its exit code and stderr. */
function synth(raw: RawObject): {
  code: number | null;
  stderr: string;
  outdir: string;
} {
  const dir = mkdtempSync(join(tmpdir(), "engine-quotas-"));
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify(raw));
  const outdir = join(dir, "out");
  const run = spawnSync(process.execPath, ["scripts/run.js", "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PRIVATELINK_CONFIG: file, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  return { code: run.status, stderr: run.stderr, outdir };
}

/** The engine's line per stack. */
async function rehearse(
  outdir: string,
  emulator: Emulator,
  jobs: number,
): Promise<Map<string, string>> {
  const run = await runEngine([
    "--outdir",
    outdir,
    "--emulator",
    emulator.url,
    "--jobs",
    String(jobs),
  ]);
  return new Map(
    run.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => [line.split(":")[0], line]),
  );
}

let serviceIndex = 0;
/** A service of its own (endpoint VPC, service name) without DNS: no Route 53 waits. */
function service(name: string, overrides: RawObject): RawObject {
  const i = serviceIndex++;
  return rawService({
    name,
    serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-0a1070${String(i).padStart(11, "0")}`,
    privateDnsEnabled: false,
    dnsNames: [],
    endpointVpc: { cidr: `10.${200 + i}.0.0/24`, azIds: ["use1-az1"] },
    ...overrides,
  });
}

const hex = (n: number) => n.toString(16).padStart(17, "0");
/** `count` peered consumers of their own VPCs (in the service's region), each with `cidrsOf(i)` CIDRs. */
function consumers(
  tag: number,
  count: number,
  cidrsOf: (i: number) => number,
): RawObject[] {
  return Array.from({ length: count }, (_, i) =>
    rawConsumer(`c${i}`, {
      // The service's region: one provider per stack (each tofu command
      // starts one process per provider, and the machine has two cores).
      region: "us-east-1",
      vpcId: `vpc-${hex(tag * 0x1000 + i)}`,
      routeTableIds: [`rtb-${hex(tag * 0x1000 + i)}`],
      cidrs: Array.from(
        { length: cidrsOf(i) },
        (_, j) => `10.${tag}.${i * 5 + j}.0/24`,
      ),
    }),
  );
}

/** `n` single ports: 443, then 8001 on. */
const ports = (n: number) => [
  443,
  ...Array.from({ length: n - 1 }, (_, i) => 8001 + i),
];

const { inboundRulesPerSecurityGroup, routesPerRouteTable } = QUOTAS;
const activePeerings = QUOTAS.activePeeringsPerVpc;

// At the defaults. Rules: the consumer CIDRs times the ports. Routes, in
// the endpoint route table: the local route and one per peered consumer CIDR
// (a consumer VPC holds at most five CIDRs, AWS's default, which moto
// enforces).
const AT_DEFAULTS = [
  service("rules-past", {
    ports: ports(inboundRulesPerSecurityGroup.default + 1),
    consumers: consumers(19, 1, () => 1),
  }),
  service("routes-inside", {
    consumers: consumers(20, 10, (i) => (i === 9 ? 4 : 5)),
  }),
  service("routes-past", { consumers: consumers(21, 10, () => 5) }),
];
// Peerings: the 50th peered consumer also takes the endpoint route table past
// its 50 routes, so these run on an emulator where routes per route table is
// raised to 100, as the synth's warning says to request. The stack at the
// peering default is also at the rules default (60 CIDRs, one port): one
// stack fewer to rehearse.
const RAISED_ROUTES = `${routesPerRouteTable.code}=100`;
const PEERINGS = [
  service("rules-and-peerings-inside", {
    consumers: consumers(22, activePeerings.default, (i) => (i < 10 ? 2 : 1)),
  }),
  service("peerings-past", {
    consumers: consumers(23, activePeerings.default + 1, () => 1),
  }),
];

const warning = (stderr: string, name: string, code: string) =>
  stderr
    .split("\n")
    .filter((line) => line.includes(`service "${name}"`))
    .some((line) => line.startsWith("warning:") && line.includes(code));

/** Both runs: the synth's stderr, and the engine's line per stack. */
let stderr = "";
const lines = new Map<string, string>();
beforeAll(async () => {
  const run = async (services: RawObject[], env: string | undefined) => {
    const before = process.env.PRIVATELINK_ENGINE_QUOTAS;
    process.env.PRIVATELINK_ENGINE_QUOTAS = env ?? "";
    const emulator = await startEmulator(toolchain()).finally(() => {
      process.env.PRIVATELINK_ENGINE_QUOTAS = before ?? "";
    });
    const synthesized = synth(rawConfig(...services));
    try {
      expect(synthesized.code).toBe(0);
      const lines = await rehearse(
        synthesized.outdir,
        emulator,
        services.length,
      );
      return { stderr: synthesized.stderr, lines };
    } finally {
      removeAll(join(synthesized.outdir, ".."));
      await emulator.stop();
    }
  };
  for (const result of await Promise.all([
    run(AT_DEFAULTS, undefined),
    run(PEERINGS, RAISED_ROUTES),
  ])) {
    stderr += result.stderr;
    for (const [stack, line] of result.lines) lines.set(stack, line);
  }
});

describe.each([
  [
    inboundRulesPerSecurityGroup.name,
    inboundRulesPerSecurityGroup,
    "rules-and-peerings-inside",
    "rules-past",
    "RulesPerSecurityGroupLimitExceeded",
  ],
  [
    routesPerRouteTable.name,
    routesPerRouteTable,
    "routes-inside",
    "routes-past",
    "RouteLimitExceeded",
  ],
  [
    activePeerings.name,
    activePeerings,
    "rules-and-peerings-inside",
    "peerings-past",
    "ActiveVpcPeeringConnectionPerVpcLimitExceeded",
  ],
])("%s", (_name, quota, inside, past, error) => {
  test(`at the default (${quota.default}): no warning, and the apply succeeds`, () => {
    expect(warning(stderr, inside, quota.code)).toBe(false);
    expect(lines.get(inside)).toMatch(
      new RegExp(
        `^${inside}: applied \\d+ resources, re-plan: no changes, destroyed$`,
      ),
    );
  });

  test(`one past the default: the synth warns naming ${quota.code}, and the apply fails with ${error}`, () => {
    expect(warning(stderr, past, quota.code)).toBe(true);
    expect(lines.get(past)).toMatch(
      new RegExp(`^${past}: apply failed: .*${error}`),
    );
  });
});

test("past the hard maximum, the synth refuses and the engine has nothing to apply", async () => {
  const past = synth(
    rawConfig(
      service("rules-max", {
        ports: [443],
        consumers: consumers(24, 1, () => 1).map((c) => ({
          ...c,
          cidrs: Array.from(
            { length: inboundRulesPerSecurityGroup.max + 1 },
            (_, i) => `10.${24 + (i >> 8)}.${i & 255}.0/24`,
          ),
        })),
      }),
    ),
  );
  try {
    expect(past.code).not.toBe(0);
    expect(past.stderr).toContain(
      `expected at most ${inboundRulesPerSecurityGroup.max} inbound rules per security group (AWS's hard maximum, ${inboundRulesPerSecurityGroup.code})`,
    );
    expect(existsSync(join(past.outdir, "manifest.json"))).toBe(false);
    const run = await runEngine(["--outdir", past.outdir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/npm run synth/);
  } finally {
    removeAll(join(past.outdir, ".."));
  }
});
